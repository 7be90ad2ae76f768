"""The one object that flows through the stages: a report and what each stage adds to it.

Like spaCy's `Doc`, everything a stage produces is stored here (tokens with their tags,
entities, the lines normalize removed, the reader's own fields), so that no later stage
asks an earlier one again. `Report.done` lists the stages already run.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache

QUALIFIERS = ["exact", "approx", "over", "under", "at_least", "at_most"]
BASES = ["total", "per_unit"]
KINDS = ["flow", "stock", "target", "change"]
STATUSES = ["ok", "empty", "skipped", "error"]
# The `sentence` column of a row: the sentence, or when it is longer than this, a window
# of this many characters of it around the mention, "…" marking each cut end.
SENTENCE_WINDOW = 400


@dataclass(slots=True)  # a report holds one per word: millions for a long file
class Token:
    text: str
    start: int  # offset in the normalized text
    end: int
    tag: str | None = None  # part of speech, where the backend's dictionary knows one


@dataclass
class Entity:
    """A named entity found by the segmenter (HanLP with NER): an organization or a place."""
    text: str
    label: str
    start: int  # offset in the normalized text; in the title when `in_title`
    end: int
    in_title: bool = False


@dataclass
class Sentence:
    id: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Quantity:
    """A number with its measure word, as the grammar reads it (stage `extract`, first)."""
    start: int
    end: int
    mention: str
    value: float
    value_high: float | None
    unit: str
    dimension: str
    qualifier: str
    currency: str = ""  # ISO 4217 for money


@dataclass
class Indicator(Quantity):
    """A quantity with its meaning and relations: one row of the tables."""
    sentence_id: int = 0
    basis: str = "total"
    category: str = "other"
    category_confidence: float | None = None
    kind: str = ""
    year: int | None = None
    counted: str = ""
    action: str = ""
    period: str = ""
    part_of: str = ""     # indicator_id of the whole this is a part of
    repeat_of: str = ""   # indicator_id of the first mention of the same figure
    page: int | None = None  # page of a paged source (PDF), from 1

    def indicator_id(self, doc_id: str) -> str:
        return f"{doc_id}#{self.start}"

    def as_row(self, doc_id: str, sentence: str, sentence_start: int | None = None) -> dict:
        """The row of the tables. Given where `sentence` starts in the text, a sentence
        longer than SENTENCE_WINDOW is cut to a window around the mention."""
        row = {name: getattr(self, name) for name in _field_names(type(self))}
        row["doc_id"] = doc_id
        row["indicator_id"] = self.indicator_id(doc_id)
        row["sentence"] = sentence if sentence_start is None else \
            sentence_window(sentence, self.start - sentence_start, self.end - sentence_start)
        return row


@lru_cache(maxsize=None)
def _field_names(cls) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order (dataclasses.fields builds them anew
    on every call: once per row of the tables)."""
    return tuple(f.name for f in fields(cls))


def sentence_window(sentence: str, start: int, end: int, size: int = SENTENCE_WINDOW) -> str:
    """The sentence, or when it is longer than `size` characters, the `size` characters
    around sentence[start:end] (centred on it, shifted to stay inside the sentence; the
    whole mention however long), with "…" where the sentence was cut."""
    if len(sentence) <= size:
        return sentence
    left = max(0, min((start + end - size) // 2, len(sentence) - size))
    left = min(left, start)
    right = max(end, left + size)
    return ("…" if left > 0 else "") + sentence[left:right] + ("…" if right < len(sentence) else "")


@dataclass
class Report:
    """One article. Stages fill it in order: ingest, normalize, segment, describe, extract."""
    doc_id: str
    path: str = ""
    format: str = ""     # the reader that read it: text, html, pdf, docx, table row ...
    raw_text: str = ""
    text: str = ""       # the normalized text; every offset refers to it
    encoding: str = ""
    # what the reader knew besides the text (title, date, sitename, url, author ...),
    # as written; the describe stage decides the report's fields from them
    source_fields: dict[str, str] = field(default_factory=dict)
    # lines normalize removed as page chrome (bylines, date and source lines, menus)
    dropped_lines: list[str] = field(default_factory=list)
    # a paged source's (PDF) offsets where each page begins, the first 0: in raw_text as
    # the reader gives them, in text once normalize has mapped them; empty for others
    page_starts: list[int] = field(default_factory=list)
    title: str = ""
    date: str = ""       # ISO YYYY-MM-DD, empty when the page gives none
    source: str = ""
    url: str = ""
    issuer: str = ""
    region: str = ""     # 四川省/宜宾市/翠屏区
    region_code: str = ""
    year: int | None = None  # the year the figures refer to
    duplicate_of: str = ""   # set across reports, after the run
    # what the incremental state keeps the file's outcome under: the digest of the bytes
    # read, or for a file not read, its status and reason (set by ingest)
    digest: str | None = None
    status: str = "ok"
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # names of the stages run

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def fail(self, status: str, error: str) -> "Report":
        """End the report's way through the stages: `skipped`, `empty` or `error`."""
        self.status, self.error = status, error
        return self

    def indicator_rows(self) -> list[dict]:
        by_id = {s.id: s for s in self.sentences}
        rows = []
        for ind in self.indicators:
            sentence = by_id.get(ind.sentence_id)
            rows.append(ind.as_row(self.doc_id, sentence.text, sentence.start) if sentence
                        else ind.as_row(self.doc_id, ""))
        return rows

    def report_row(self) -> dict:
        return {
            "doc_id": self.doc_id, "path": self.path, "status": self.status, "error": self.error,
            "format": self.format, "encoding": self.encoding, "title": self.title, "date": self.date,
            "source": self.source, "url": self.url, "issuer": self.issuer, "region": self.region,
            "region_code": self.region_code, "year": self.year, "duplicate_of": self.duplicate_of,
            "n_chars": len(self.text), "n_sentences": len(self.sentences),
            "n_indicators": len(self.indicators), "warnings": "; ".join(self.warnings),
        }
