"""The one object that flows through the stages: a report and what each stage adds to it."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

# Column order of the indicator tables (SPEC.md, issue 2): these come first, in this order.
INDICATOR_COLUMNS = [
    "doc_id", "sentence_id", "start", "end", "mention", "value", "value_high", "unit",
    "dimension", "qualifier", "basis", "category", "counted", "action", "period", "sentence",
]
REPORT_COLUMNS = [
    "doc_id", "path", "status", "error", "encoding", "title", "date", "source",
    "region", "issuer", "year", "n_chars", "n_sentences", "n_indicators", "warnings",
]

DIMENSIONS = ["money", "persons", "person_times", "households", "household_times",
              "count", "area", "weight", "percent", "other"]
QUALIFIERS = ["exact", "approx", "over", "under", "at_least", "at_most"]
BASES = ["total", "per_unit"]
CATEGORIES = ["members", "union_orgs", "funds", "beneficiaries", "facilities", "activities",
              "participants", "rights", "jobs", "enterprises", "honors", "staff", "rates", "other"]
STATUSES = ["ok", "empty", "skipped", "error"]


@dataclass
class Token:
    text: str
    start: int  # offset in the normalized text
    end: int


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
    """A number with its measure word, as the grammar reads it (stage `tag`, first half)."""
    start: int
    end: int
    mention: str
    value: float
    value_high: float | None
    unit: str
    dimension: str
    qualifier: str


@dataclass
class Indicator(Quantity):
    """A quantity with its meaning (stage `tag`, second half): one row of the tables."""
    sentence_id: int = 0
    basis: str = "total"
    category: str = "other"
    counted: str = ""
    action: str = ""
    period: str = ""

    def as_row(self, doc_id: str, sentence: str) -> dict:
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["doc_id"] = doc_id
        row["sentence"] = sentence
        return {col: row[col] for col in INDICATOR_COLUMNS}


@dataclass
class Report:
    """One article. Stages fill it in order: ingest, normalize, segment, tag."""
    doc_id: str
    path: str = ""
    raw_text: str = ""
    text: str = ""  # the normalized text; every offset refers to it
    encoding: str = ""
    title: str = ""
    date: str = ""
    source: str = ""
    region: str = ""  # 四川省/宜宾市/翠屏区: stage `metadata`, after normalize
    issuer: str = ""  # the body reporting: 翠屏区总工会
    year: int | None = None  # the year the figures refer to
    status: str = "ok"
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def indicator_rows(self) -> list[dict]:
        by_id = {s.id: s.text for s in self.sentences}
        return [ind.as_row(self.doc_id, by_id.get(ind.sentence_id, "")) for ind in self.indicators]

    def report_row(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "encoding": self.encoding,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "region": self.region,
            "issuer": self.issuer,
            "year": self.year,
            "n_chars": len(self.text),
            "n_sentences": len(self.sentences),
            "n_indicators": len(self.indicators),
            "warnings": "; ".join(self.warnings),
        }
