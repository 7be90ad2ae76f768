"""summary.csv: one row per report, one column per category, dimension and currency
(funds_money_CNY, members_persons, funds_money_USD ...) holding the sum of the report's
flows that may be added up: the same rule as panel.csv's flows (SPEC.md):

- only flows (kind `flow`): not the stocks, targets and changes beside them;
- only amounts: basis `total` and a qualifier that is the amount itself or a floor under
  it (`exact`, `over`: 4000余名, `at_least`: 不少于500万元); not approximate or upper-bound
  values, not rates per unit (每人2000元), not ratios (units.yaml's ratio_dimensions);
- not a part of a breakdown (`part_of`: its whole is counted) and not a repeat
  (`repeat_of`: its first mention is counted);
- money of different currencies never together: a currency other than none gets its own
  column (`funds_money_USD`);
- a report that is a duplicate of an earlier one (reports.csv `duplicate_of`) has an
  empty row, like a report that failed: its figures are the earlier report's.

Plain Python over a stream of rows, so that a run never imports pandas (about a second
of serial start-up) and memory grows with the number of reports, not of indicators.
Each report's sums are computed by the worker that processed it (`per_report`).
"""
from __future__ import annotations

import math
from pathlib import Path

from . import Column, Corpus, Table, write_rows

SUMMED_QUALIFIERS = ("exact", "over", "at_least")
SUMMED_BASIS = "total"


def amount(row: dict, ratios) -> float | None:
    """The figure's value when it is an amount that may be added up (a total, the amount
    itself or a floor under it, no ratio, no part, no repeat), else None."""
    if (row.get("qualifier") not in SUMMED_QUALIFIERS or row.get("basis") != SUMMED_BASIS
            or row.get("dimension") in ratios or row.get("part_of") or row.get("repeat_of")):
        return None
    try:
        value = float(row["value"])
    except (KeyError, TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def column_name(category: str, dimension: str, currency: str = "") -> str:
    return f"{category}_{dimension}" + (f"_{currency}" if currency else "")


def report_sums(indicators, ratios=("percent",)) -> dict[str, float]:
    """{column: sum} over one report's indicator rows: what its summary row holds;
    `ratios`: the dimensions never summed."""
    values: dict[str, list[float]] = {}
    for row in indicators:
        value = amount(row, ratios) if row.get("kind") == "flow" else None
        if value is not None:
            name = column_name(str(row["category"]), str(row["dimension"]), str(row.get("currency") or ""))
            values.setdefault(name, []).append(value)
    return {name: math.fsum(vals) for name, vals in values.items()}


def summary_columns(lexicon, present: set[str]) -> list[str]:
    """The columns that have a value, in the lexicon's order of categories, then
    dimensions, then currencies (none first, then alphabetical)."""
    out = []
    for c in lexicon.categories.names:
        for d in lexicon.units.dimensions:
            base = column_name(c, d)
            currencies = sorted(name[len(base) + 1:] for name in present
                                if name.startswith(base + "_") and name[len(base) + 1:].isupper())
            out += ([base] if base in present else []) + [f"{base}_{cur}" for cur in currencies]
    return out


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
                own = row["sums"] or {}
                counted = row["status"] == "ok" and not row.get("duplicate_of")
                yield {"doc_id": str(row["doc_id"]),
                       **{col: own.get(col, 0.0) if counted else None for col in names}}

        return write_rows(self.name, columns, rows, corpus)
