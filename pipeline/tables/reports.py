"""reports.csv: one row per input file (per article, for a table of articles), whatever
happened to it, sorted by doc id. Its `duplicate_of` is found once per run from each
report's MinHash signature, which the worker computes here (`per_report`; see
pipeline/duplicates.py) and the corpus step reads (`Corpus.each`)."""
from __future__ import annotations

from pathlib import Path

from ..duplicates import signature
from ..report import STATUSES
from . import Column, Corpus, Table, write_rows

COLUMNS = [
    Column("doc_id"), Column("path"), Column("status", "category", tuple(STATUSES)), Column("error"),
    Column("format"), Column("encoding"), Column("title"), Column("date", "date"), Column("source"),
    Column("url"), Column("issuer"), Column("region"), Column("region_code"), Column("year", "int"),
    Column("duplicate_of"), Column("n_chars", "int"), Column("n_sentences", "int"),
    Column("n_indicators", "int"), Column("warnings"),
]
NAMES = [c.name for c in COLUMNS]


class ReportsTable(Table):
    name = "reports"
    COLUMNS = COLUMNS

    def per_report(self, report, rows: list[dict], lexicon):
        """The report's signature, for the duplicates across reports."""
        if report.status != "ok":
            return None
        found = signature(report.text)
        return {"signature": found} if found else None

    def write(self, corpus: Corpus) -> list[Path]:
        return write_rows(self.name, COLUMNS, corpus.each, corpus)
