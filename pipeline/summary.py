"""summary.csv: one row per report, one column per category and dimension
(funds_money, members_persons, ...) holding the sum of its exact and lower-bound values.

Plain Python over a stream of rows, so that a run never imports pandas (about a second
of serial start-up) and memory grows with the number of reports, not of indicators.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

from .emit import atomic_write, csv_text
from .report import CATEGORIES, DIMENSIONS

# Added up: values that are the amount itself or a floor under it (exact, over: 4000余名,
# at_least: 不少于500万元). Left out: approximate and upper-bound values, rates per unit
# (每人2000元) and percentages, which do not add up.
SUMMED_QUALIFIERS = ("exact", "over", "at_least")
SUMMED_BASIS = "total"
UNSUMMED_DIMENSIONS = ("percent",)


# The summary's possible columns, in the order of SPEC.md (categories, then dimensions).
ALL_COLUMNS = [f"{c}_{d}" for c in CATEGORIES for d in DIMENSIONS]


def _summed(row: dict) -> float | None:
    if (row["qualifier"] not in SUMMED_QUALIFIERS or row["basis"] != SUMMED_BASIS
            or row["dimension"] in UNSUMMED_DIMENSIONS):
        return None
    try:
        value = float(row["value"])
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _collect(values: dict[tuple[str, str], list[float]], row: dict) -> None:
    value = _summed(row)
    if value is not None:
        values.setdefault((str(row["category"]), str(row["dimension"])), []).append(value)


def _sums(values: dict[tuple[str, str], list[float]]) -> dict[str, float]:
    return {f"{c}_{d}": math.fsum(vals) for (c, d), vals in values.items()}


def report_sums(indicators) -> dict[str, float]:
    """{category_dimension: sum} over one report's indicator rows: what its summary row
    holds. A run computes it where the report is processed and keeps it with the report's
    row, so that summary.csv is written without reading indicators.csv again."""
    values: dict[tuple[str, str], list[float]] = {}
    for row in indicators:
        _collect(values, row)
    return _sums(values)


def summary_table(reports) -> tuple[list[str], list[dict]]:
    """(columns, rows) from report rows (dicts with doc_id, status and `sums`, as
    report_sums gives them), one row per report in their order: 0 where an ok report has
    no value of a column, empty for reports that were not processed. `reports` is
    iterated twice (once for the columns): give a list or a re-iterable."""
    present = {name for report in reports for name in report.get("sums") or ()}
    columns = [name for name in ALL_COLUMNS if name in present]
    rows = []
    for report in reports:
        own = report.get("sums") or {}
        processed = report["status"] == "ok"
        rows.append({"doc_id": str(report["doc_id"]),
                     **{col: own.get(col, 0.0) if processed else None for col in columns}})
    return ["doc_id"] + columns, rows


def _with_sums(indicators, reports) -> list[dict]:
    """The report rows, each with the `sums` of its rows among `indicators` (a stream:
    only the summed values are kept)."""
    by_doc: dict[str, dict[tuple[str, str], list[float]]] = {}
    for row in indicators:
        _collect(by_doc.setdefault(str(row["doc_id"]), {}), row)
    return [{**report, "sums": _sums(by_doc.get(str(report["doc_id"]), {}))} for report in reports]


def summary_rows(indicators, reports) -> tuple[list[str], list[dict]]:
    """(columns, rows) from indicator rows and report rows (dicts with doc_id and status),
    as summary_table, for tables that are already written (pipeline.tables)."""
    return summary_table(_with_sums(indicators, reports))


def write_summary_table(reports, out_dir: str | Path, bom: bool = False) -> Path:
    """Write out/summary.csv from report rows that carry their `sums` (see summary_table)."""
    columns, rows = summary_table(reports)
    path = Path(out_dir) / "summary.csv"
    atomic_write(path, csv_text(rows, columns, bom=bom))
    return path


def write_summary(out_dir: str | Path, bom: bool = False) -> Path:
    """Write out/summary.csv from out/indicators.csv and out/reports.csv, streaming."""
    out = Path(out_dir)
    with open(out / "indicators.csv", encoding="utf-8-sig", newline="") as ind, \
            open(out / "reports.csv", encoding="utf-8-sig", newline="") as rep:
        return write_summary_table(_with_sums(csv.DictReader(ind), csv.DictReader(rep)), out, bom=bom)
