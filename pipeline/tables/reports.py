"""reports.csv: one row per input file (per article, for a table of articles), whatever
happened to it, sorted by doc id."""
from __future__ import annotations

from pathlib import Path

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

    def write(self, corpus: Corpus) -> list[Path]:
        return write_rows(self.name, COLUMNS, corpus.each, corpus)
