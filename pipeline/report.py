"""The one object that flows through the stages: a report and what each stage adds to it.

Like spaCy's `Doc`, everything a stage produces is stored here (tokens with their tags,
entities, the lines normalize removed, the reader's own fields), so that no later stage
asks an earlier one again. `Report.done` lists the stages already run.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

QUALIFIERS = ["exact", "approx", "over", "under", "at_least", "at_most"]
BASES = ["total", "per_unit"]
KINDS = ["flow", "stock", "target", "change"]
STATUSES = ["ok", "empty", "skipped", "error"]


@dataclass
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

    def as_row(self, doc_id: str, sentence: str) -> dict:
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["doc_id"] = doc_id
        row["indicator_id"] = self.indicator_id(doc_id)
        row["sentence"] = sentence
        return row


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
        by_id = {s.id: s.text for s in self.sentences}
        return [ind.as_row(self.doc_id, by_id.get(ind.sentence_id, "")) for ind in self.indicators]

    def report_row(self) -> dict:
        return {
            "doc_id": self.doc_id, "path": self.path, "status": self.status, "error": self.error,
            "format": self.format, "encoding": self.encoding, "title": self.title, "date": self.date,
            "source": self.source, "url": self.url, "issuer": self.issuer, "region": self.region,
            "region_code": self.region_code, "year": self.year, "duplicate_of": self.duplicate_of,
            "n_chars": len(self.text), "n_sentences": len(self.sentences),
            "n_indicators": len(self.indicators), "warnings": "; ".join(self.warnings),
        }
