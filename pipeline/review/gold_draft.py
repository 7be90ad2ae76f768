"""`python -m pipeline gold-draft OUT_DIR DEST`: a run's indicators written as gold, for a
researcher to correct (the format of docs/annotation.md, which `eval` reads).

One JSON Lines file per report that ended `ok`, its indicators in text order, and
`reports.meta.jsonl` with the report fields. `part_of` and `repeat_of` become
`part_of_row` and `repeat_of_row`: the line, in the same file, of the figure they name.
`eval OUT_DIR DEST` on a draft nobody corrected gives F1 1.0. A folder that already holds
gold is not written over (a draft would erase the corrections) unless asked to.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..evaluate import META_SUFFIX, REPORT_FIELDS
from ..files import atomic_write, safe_path
from .run_data import normalized_text, read_reports, report_indicators

TEXT_FIELDS = ("unit", "dimension", "currency", "qualifier", "basis", "category", "counted",
               "action", "period", "kind")
CONTEXT_CHARS = 12  # on each side of the mention, within its line
META_FILE = "reports" + META_SUFFIX


def number(text: str):
    """A table's number as JSON: 45800 not 45800.0; None for an empty cell."""
    if text in ("", None):
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def context(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - CONTEXT_CHARS):min(line_end, end + CONTEXT_CHARS)]


def draft_rows(doc_id: str, indicators: list[dict], text: str | None) -> list[dict]:
    """The gold lines of one report, from its rows of indicators.csv (in text order)."""
    line_of = {row["indicator_id"]: n for n, row in enumerate(indicators)}
    lines = []
    for row in indicators:
        start, end = int(row["start"]), int(row["end"])
        line = {"doc": doc_id, "mention": row["mention"], "value": number(row["value"]),
                "value_high": number(row.get("value_high", ""))}
        line.update({name: row.get(name, "") for name in TEXT_FIELDS})
        line.update(year=number(row.get("year", "")),
                    part_of_row=line_of.get(row.get("part_of") or ""),
                    repeat_of_row=line_of.get(row.get("repeat_of") or ""),
                    context=context(text, start, end) if text is not None else row.get("sentence", ""))
        lines.append(line)
    return lines


def report_meta(row: dict) -> dict:
    meta = {"doc": row["doc_id"]}
    meta.update({name: row.get(name, "") for name in REPORT_FIELDS})
    meta["year"] = number(meta["year"])
    return meta


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def draft_path(dest: Path, doc_id: str) -> Path:
    """DEST/<doc_id>.jsonl; a doc id in a subfolder (html/page) flattened to html__page, since
    `eval` reads the gold folder's own files (the lines name the doc id in full)."""
    return safe_path(dest, doc_id.replace("/", "__"), ".jsonl")


def write_gold_draft(out_dir: str | Path, dest: str | Path, force: bool = False) -> list[Path]:
    """Write the drafts of every report of the run in `out_dir` to `dest`; their paths."""
    out, dest = Path(out_dir), Path(dest)
    reports = read_reports(out)
    existing = sorted(dest.glob("*.jsonl")) if dest.is_dir() else []
    if existing and not force:
        raise UsageError(f"{dest} already holds gold ({existing[0].name} …): a draft would overwrite "
                         f"corrections; give another folder, or --force to write over it")
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} is a file, not a folder")
    dest.mkdir(parents=True, exist_ok=True)
    written, metas = [], []
    for row in reports:
        if row["status"] != "ok":
            continue
        doc_id = row["doc_id"]
        lines = draft_rows(doc_id, report_indicators(out, doc_id), normalized_text(out, doc_id))
        path = draft_path(dest, doc_id)
        atomic_write(path, jsonl(lines))
        written.append(path)
        metas.append(report_meta(row))
    atomic_write(dest / META_FILE, jsonl(metas))
    return written + [dest / META_FILE]
