"""panel.csv: one row per region, year, category, dimension, currency and kind (SPEC.md),
what a researcher's region × year × indicator panel is built from.

- `region`, `region_code`: the report's (reports.csv); `year`: the figure's own year
  (indicators.csv `year`, the year it refers to), so that a 2023 report's figures for
  2022 count for 2022. An empty region, code or year is a row of its own, not dropped.
- `n_reports`, `n_indicators`: how many reports and figures the row stands for.
- `value`, by kind:
  - flow: the sum of the figures that may be added up: amounts (basis total; exact,
    over or at_least), not a part of a breakdown, not a repeat, not in a report that is
    a duplicate of another; never money of two currencies together (currency is part of
    the row's key);
  - stock: the figure of the most recent report (by date, then year, then doc id) that
    gives one: its largest, when it gives several (a total and its sub-totals);
  - target, change, and every figure of a ratio dimension (percentages): empty; the row
    only counts them.
  Reports that are duplicates of another are left out altogether; so are repeats.

Each report's cells are computed by the worker that processed it (`per_report`); the
corpus step adds them up once, in doc id order, holding one entry per row of the panel.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..report import KINDS
from . import Column, Corpus, Table, iso_date, write_rows
from .summary import amount

COLUMNS = [
    Column("region"), Column("region_code"), Column("year", "int"),
    Column("category", "category", "categories"), Column("dimension", "category", "dimensions"),
    Column("currency"), Column("kind", "category", tuple(KINDS)),
    Column("n_reports", "int"), Column("n_indicators", "int"), Column("value", "float"),
]
NAMES = [c.name for c in COLUMNS]


def report_cells(rows: list[dict], ratios) -> list[list]:
    """One report's part of the panel: [year, category, dimension, currency, kind,
    n_indicators, value] per cell, value the sum of its flows, the largest of its stocks,
    None for what is only counted. Repeats are left out; flows and stocks that are no
    amount to add (a part, an approximate value, a rate per unit) too."""
    cells: dict[tuple, list] = {}
    for row in rows:
        if row.get("repeat_of"):
            continue
        kind = str(row.get("kind") or "")
        key = (row.get("year"), str(row["category"]), str(row["dimension"]),
               str(row.get("currency") or ""), kind)
        summed = kind in ("flow", "stock") and row["dimension"] not in ratios
        value = amount(row, ratios) if summed else None
        if summed and value is None:
            continue
        cell = cells.setdefault(key, [0, None])
        cell[0] += 1
        if value is not None:
            cell[1] = value + (cell[1] or 0.0) if kind == "flow" else max(value, cell[1] or value)
    return [[*key, n, value] for key, (n, value) in cells.items()]


@dataclass
class Row:
    n_reports: int = 0
    n_indicators: int = 0
    value: float | None = None
    latest: tuple = ()  # of the report whose stock is the value


class PanelTable(Table):
    name = "panel"
    COLUMNS = COLUMNS

    def per_report(self, report, rows: list[dict], lexicon):
        return report_cells(rows, lexicon.units.ratio_dimensions)

    def aggregate(self, corpus: Corpus) -> dict[tuple, Row]:
        panel: dict[tuple, Row] = {}
        for report in corpus.each():
            if report["status"] != "ok" or report.get("duplicate_of"):
                continue
            region, code = report.get("region") or "", report.get("region_code") or ""
            recency = (iso_date(str(report.get("date") or "")), report.get("year") or 0, report["doc_id"])
            for year, category, dimension, currency, kind, n, value in \
                    (report.get("parts") or {}).get(self.name) or []:
                row = panel.setdefault((region, code, year, category, dimension, currency, kind), Row())
                row.n_reports += 1
                row.n_indicators += n
                if value is None:
                    continue
                if kind == "flow":
                    row.value = (row.value or 0.0) + value
                elif recency > row.latest:
                    row.value, row.latest = value, recency
        return panel

    def write(self, corpus: Corpus) -> list[Path]:
        order = {name: {v: i for i, v in enumerate(values)} for name, values in (
            ("category", corpus.category_list("categories")),
            ("dimension", corpus.category_list("dimensions")), ("kind", KINDS))}
        panel = self.aggregate(corpus)

        def sort_key(key):
            region, code, year, category, dimension, currency, kind = key
            return (region, code, -1 if year is None else year, order["category"].get(category, 1 << 20),
                    category, order["dimension"].get(dimension, 1 << 20), dimension, currency,
                    order["kind"].get(kind, 1 << 20), kind)

        def rows():
            for key in sorted(panel, key=sort_key):
                row = panel[key]
                yield {**dict(zip(NAMES, key)), "n_reports": row.n_reports,
                       "n_indicators": row.n_indicators, "value": row.value}

        return write_rows(self.name, COLUMNS, rows, corpus)
