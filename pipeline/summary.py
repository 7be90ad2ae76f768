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


def measure_columns(pairs) -> list[str]:
    """category_dimension names in the order of SPEC.md (categories, then dimensions)."""
    present = set(pairs)
    return [f"{c}_{d}" for c in CATEGORIES for d in DIMENSIONS if (c, d) in present]


def _summed(row: dict) -> float | None:
    if (row["qualifier"] not in SUMMED_QUALIFIERS or row["basis"] != SUMMED_BASIS
            or row["dimension"] in UNSUMMED_DIMENSIONS):
        return None
    try:
        value = float(row["value"])
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def summary_rows(indicators, reports) -> tuple[list[str], list[dict]]:
    """(columns, rows) from indicator rows and report rows (dicts with doc_id and status).
    One row per report, in the order of `reports`; 0 where an ok report has no value of a
    column, empty for reports that were not processed."""
    values: dict[tuple[str, str, str], list[float]] = {}
    for row in indicators:
        value = _summed(row)
        if value is not None:
            values.setdefault((str(row["doc_id"]), str(row["category"]), str(row["dimension"])),
                              []).append(value)
    columns = measure_columns((c, d) for _, c, d in values)
    sums: dict[str, dict[str, float]] = {}
    for (doc_id, c, d), vals in values.items():
        sums.setdefault(doc_id, {})[f"{c}_{d}"] = math.fsum(vals)
    rows = []
    for report in reports:
        doc_id = str(report["doc_id"])
        own = sums.get(doc_id, {})
        processed = report["status"] == "ok"
        rows.append({"doc_id": doc_id,
                     **{col: own.get(col, 0.0) if processed else None for col in columns}})
    return ["doc_id"] + columns, rows


def write_summary(out_dir: str | Path, bom: bool = False) -> Path:
    """Write out/summary.csv from out/indicators.csv and out/reports.csv, streaming."""
    out = Path(out_dir)
    with open(out / "indicators.csv", encoding="utf-8-sig", newline="") as ind, \
            open(out / "reports.csv", encoding="utf-8-sig", newline="") as rep:
        columns, rows = summary_rows(csv.DictReader(ind), csv.DictReader(rep))
    path = out / "summary.csv"
    atomic_write(path, csv_text(rows, columns, bom=bom))
    return path
