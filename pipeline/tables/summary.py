"""summary.csv: one row per report, one column per category and dimension
(funds_money, members_persons, ...) holding the sum of its exact and lower-bound values.

Plain Python over a stream of rows, so that a run never imports pandas (about a second
of serial start-up) and memory grows with the number of reports, not of indicators.
Each report's sums are computed by the worker that processed it (`per_report`).
"""
from __future__ import annotations

import math
from pathlib import Path

from . import Column, Corpus, Table, write_rows

# Added up: values that are the amount itself or a floor under it (exact, over: 4000余名,
# at_least: 不少于500万元). Left out: approximate and upper-bound values, rates per unit
# (每人2000元) and ratios (percentages: units.yaml's ratio_dimensions), which do not add up.
SUMMED_QUALIFIERS = ("exact", "over", "at_least")
SUMMED_BASIS = "total"


def _summed(row: dict, ratios) -> float | None:
    if (row["qualifier"] not in SUMMED_QUALIFIERS or row["basis"] != SUMMED_BASIS
            or row["dimension"] in ratios):
        return None
    try:
        value = float(row["value"])
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def report_sums(indicators, ratios=("percent",)) -> dict[str, float]:
    """{category_dimension: sum} over one report's indicator rows: what its summary row
    holds; `ratios`: the dimensions never summed."""
    values: dict[tuple[str, str], list[float]] = {}
    for row in indicators:
        value = _summed(row, ratios)
        if value is not None:
            values.setdefault((str(row["category"]), str(row["dimension"])), []).append(value)
    return {f"{c}_{d}": math.fsum(vals) for (c, d), vals in values.items()}


def summary_columns(lexicon, present: set[str]) -> list[str]:
    """The columns that have a value, in the lexicon's order of categories, then dimensions."""
    return [name for c in lexicon.categories.names for d in lexicon.units.dimensions
            if (name := f"{c}_{d}") in present]


class SummaryTable(Table):
    name = "summary"

    def per_report(self, report, rows: list[dict], lexicon):
        return report_sums(rows, lexicon.units.ratio_dimensions)

    def _with_sums(self, corpus: Corpus):
        for row in corpus.each():
            yield {**row, "sums": (row.get("parts") or {}).get(self.name)}

    def columns_of(self, header: list[str]) -> list[Column]:
        return [Column(name) if name == "doc_id" else Column(name, "float") for name in header]

    def columns(self, corpus: Corpus) -> list[Column]:
        present = {name for row in self._with_sums(corpus) for name in row.get("sums") or ()}
        return [Column("doc_id")] + [Column(c, "float") for c in summary_columns(corpus.lexicon, present)]

    def write(self, corpus: Corpus) -> list[Path]:
        columns = self.columns(corpus)
        names = [c.name for c in columns[1:]]

        def rows():
            for row in self._with_sums(corpus):
                own, processed = row["sums"] or {}, row["status"] == "ok"
                yield {"doc_id": str(row["doc_id"]),
                       **{col: own.get(col, 0.0) if processed else None for col in names}}

        return write_rows(self.name, columns, rows, corpus)
