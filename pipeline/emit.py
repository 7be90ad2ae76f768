"""Stage 5, emit: reports -> files. Every file is written atomically (a temporary
file in the same folder, then a rename), so a killed run never leaves a torn table.

    out/normalized/<doc_id>.txt   the text every offset refers to
    out/segmented/<doc_id>.txt    one sentence a line, words separated by spaces
    out/reports/<doc_id>.csv      the indicators of one report
    out/indicators.csv            all reports' indicators, in doc_id then offset order
    out/reports.csv               one row per input file, whatever happened to it
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from .report import INDICATOR_COLUMNS, REPORT_COLUMNS, Report


def safe_path(out_dir: Path, doc_id: str, suffix: str) -> Path:
    """out_dir/doc_id+suffix, refusing any name that would land outside out_dir."""
    parts = [p for p in doc_id.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if not parts:
        parts = ["_"]
    target = out_dir.joinpath(*parts[:-1], parts[-1] + suffix)
    base = out_dir.resolve()
    if base not in target.resolve().parents:
        raise ValueError(f"output name escapes the output folder: {doc_id!r}")
    return target


def atomic_write(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode(encoding) if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def format_value(value) -> str:
    """Numbers as a reader writes them: 45800 not 45800.0; empty for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return repr(value)
    return str(value)


def csv_text(rows: list[dict], columns: list[str], header: bool = True, bom: bool = False) -> str:
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([format_value(row.get(c)) for c in columns])
    return buf.getvalue()


def segmented_text(report: Report) -> str:
    lines = []
    for s in report.sentences:
        lines.append(" ".join(t.text for t in s.tokens if not t.text.isspace()))
    return "\n".join(lines) + ("\n" if lines else "")


def write_report_files(report: Report, out_dir: Path, bom: bool = False) -> None:
    """The per-report files. Reports that did not end `ok` write only an empty table."""
    atomic_write(safe_path(out_dir / "reports", report.doc_id, ".csv"),
                 csv_text(report.indicator_rows(), INDICATOR_COLUMNS, bom=bom))
    if report.status == "ok":
        atomic_write(safe_path(out_dir / "normalized", report.doc_id, ".txt"), report.text)
        atomic_write(safe_path(out_dir / "segmented", report.doc_id, ".txt"), segmented_text(report))


def write_reports_table(rows: list[dict], out_dir: Path, bom: bool = False) -> None:
    atomic_write(out_dir / "reports.csv", csv_text(rows, REPORT_COLUMNS, bom=bom))


def write_indicators_table(doc_ids: list[str], out_dir: Path, bom: bool = False) -> None:
    """Concatenate the per-report tables, streaming, in the order given."""
    final = out_dir / "indicators.csv"
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            if bom:
                out.write("\ufeff")
            out.write(",".join(INDICATOR_COLUMNS) + "\n")
            for doc_id in doc_ids:
                path = safe_path(out_dir / "reports", doc_id, ".csv")
                if not path.exists():
                    continue
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    fh.readline()  # header
                    for chunk in iter(lambda: fh.read(1 << 20), ""):
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
