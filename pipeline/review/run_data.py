"""What the review site and the gold drafts read of a run: its reports, each report's
indicators and normalized text, and, given gold, how the two compare.

A run is read from its files (reports.csv, reports/<doc_id>.csv, normalized/<doc_id>.txt),
one report at a time, so that a large run is never held whole. The comparison with gold
is `pipeline.evaluate.score` on one report at a time: the same matching as `eval`.
"""
from __future__ import annotations

import bisect
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputNotFound
from ..evaluate import PAIR_FIELDS, doc_key, load_gold, score
from ..files import safe_path
from ..tables import run_lists
from ..tables.indicators import report_table_path


@dataclass
class Comparison:
    """One report's indicators against its gold rows."""
    status: dict[str, str] = field(default_factory=dict)            # indicator_id -> matched | extra
    wrong: dict[str, dict[str, str]] = field(default_factory=dict)  # indicator_id -> {field: gold value}
    misses: list[dict] = field(default_factory=list)  # gold rows not found, with start/end when located

    @property
    def counts(self) -> dict[str, int]:
        matched = sum(1 for s in self.status.values() if s == "matched")
        return {"matched": matched, "missed": len(self.misses), "extra": len(self.status) - matched}


@dataclass
class ReportView:
    row: dict                 # its row of reports.csv
    indicators: list[dict]    # its rows of indicators.csv, in text order, as written
    text: str | None          # the normalized text (None when the report has none)
    comparison: Comparison | None = None

    @property
    def doc_id(self) -> str:
        return self.row["doc_id"]


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def run_info(out_dir: Path) -> dict:
    """The run's run.json, or {} for a folder without one."""
    try:
        return json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_reports(out_dir: Path) -> list[dict]:
    path = out_dir / "reports.csv"
    if not path.exists():
        raise InputNotFound(f"{path} not found: run the pipeline first "
                            f"(python -m pipeline run INPUT_DIR -o {out_dir})")
    return read_csv(path)


def report_indicators(out_dir: Path, doc_id: str) -> list[dict]:
    path = report_table_path(out_dir, doc_id)
    rows = read_csv(path) if path.exists() else []
    return sorted(rows, key=lambda r: int(r["start"]))


def normalized_text(out_dir: Path, doc_id: str) -> str | None:
    path = safe_path(out_dir / "normalized", doc_id, ".txt")
    return path.read_text(encoding="utf-8") if path.exists() else None


def views(out_dir: str | Path, gold_dir: str | Path | None = None) -> Iterator[ReportView]:
    """Every report of the run, in doc id order; those the gold has compared with it."""
    out = Path(out_dir)
    gold = load_gold(gold_dir) if gold_dir else None
    for row in read_reports(out):
        doc_id = row["doc_id"]
        view = ReportView(row, report_indicators(out, doc_id), normalized_text(out, doc_id))
        key = doc_key(doc_id, gold) if gold is not None else None
        if key is not None:  # a report without gold is not compared: none of its figures is an extra
            view.comparison = compare(view, gold[key])
        yield view


def compare(view: ReportView, gold_rows: list[dict]) -> Comparison:
    """`eval`'s matching on one report; the misses located in its text where possible."""
    preds = [{**row, "value": float(row["value"]), "start": int(row["start"])} for row in view.indicators]
    scores = score({view.doc_id: preds}, {view.doc_id: gold_rows})
    result = Comparison()
    for pair in scores.pairs:
        ind_id = pair.pred["indicator_id"]
        result.status[ind_id] = "matched"
        wrong = {name: _gold_text(pair.gold.get(name)) for name in PAIR_FIELDS
                 if name in pair.gold and not pair.same(name)
                 and (name != "currency" or pair.gold.get("dimension") == "money")}
        if wrong:
            result.wrong[ind_id] = wrong
    for _, pred in scores.extras:
        result.status[pred["indicator_id"]] = "extra"
    spans = [(int(r["start"]), int(r["end"]), r["indicator_id"]) for r in view.indicators]
    result.misses = [locate(g, view.text or "", spans) for _, g in scores.misses]
    return result


def _gold_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def locate(gold_row: dict, text: str, spans: list[tuple[int, int, str]]) -> dict:
    """The gold row with `start`, `end` of its mention in the text (inside its context,
    else its first occurrence that no indicator covers) and `near`: the indicator it
    overlaps, if any; start and end are None when the mention is not in the text."""
    mention, context = gold_row.get("mention") or "", gold_row.get("context") or ""
    at = text.find(context) if context and mention and mention in context else -1
    if at >= 0:
        start = at + context.index(mention)
    else:
        start = next((p for p in _occurrences(text, mention)
                      if not _overlapping(spans, p, p + len(mention))), None)
    if start is None:
        return {**gold_row, "start": None, "end": None, "near": ""}
    end = start + len(mention)
    return {**gold_row, "start": start, "end": end, "near": _overlapping(spans, start, end)}


def _overlapping(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """The id of an indicator overlapping start..end, else ''. `spans` is sorted by start;
    indicators do not overlap one another, so only the last ones starting before `end` can."""
    last = bisect.bisect_left(spans, (end,))
    for span_start, span_end, ind_id in reversed(spans[max(0, last - 2):last]):
        if span_end > start:
            return ind_id
    return ""


def _occurrences(text: str, word: str) -> Iterator[int]:
    pos = text.find(word) if word else -1
    while pos >= 0:
        yield pos
        pos = text.find(word, pos + 1)


def category_order(out_dir: Path) -> list[str]:
    return run_lists(out_dir)["categories"]
