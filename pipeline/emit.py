"""Stage 5, emit: reports -> files. Every file is written atomically (a hidden temporary
file `.tmp-*` in the same folder, then a rename), so a killed run never leaves a torn
table; the next run removes the temporaries a killed one left.

    out/normalized/<doc_id>.txt   the text every offset refers to
    out/segmented/<doc_id>.txt    one sentence a line, words separated by spaces
    out/reports/<doc_id>.csv      the indicators of one report
    out/indicators.csv            all reports' indicators, in doc_id then offset order
    out/reports.csv               one row per input file, whatever happened to it
"""
from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import itertools
import os
import secrets
import shutil
from pathlib import Path

from .report import INDICATOR_COLUMNS, REPORT_COLUMNS, Report


# Temporary files: hidden, and not named *.csv, so no glob of the outputs ever takes one.
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".partial"
NAME_MAX = 255  # bytes in one file name, on every common file system


def safe_path(out_dir: Path, doc_id: str, suffix: str) -> Path:
    """out_dir/doc_id+suffix, refusing any name that would land outside out_dir.

    Distinct doc ids give distinct paths: only the path separator splits a doc id (a
    backslash is part of a name on POSIX), and a name too long for the file system is
    shortened with a hash of the whole name."""
    separators = {"/", os.sep, os.altsep} - {None}
    for sep in separators - {"/"}:
        doc_id = doc_id.replace(sep, "/")
    parts = [p for p in doc_id.split("/") if p not in ("", ".", "..")]
    if not parts:
        parts = ["_"]
    parts = [_fit_name(p, suffix if i == len(parts) - 1 else "") for i, p in enumerate(parts)]
    target = out_dir.joinpath(*parts[:-1], parts[-1] + suffix)
    # a symlinked folder (or file) inside out_dir could lead out of it. The folders are
    # resolved once each (a run writes thousands of files into a few folders); the file
    # itself only when it is a link
    resolved = target.resolve() if os.path.islink(target) else _resolved(target.parent) / target.name
    if _resolved(out_dir) not in resolved.parents:
        raise ValueError(f"output name escapes the output folder: {doc_id!r}")
    return target


@functools.lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def _fit_name(name: str, suffix: str) -> str:
    """The name, or when name+suffix is too long, a shorter one that keeps it apart."""
    room = NAME_MAX - len(suffix.encode())
    if len(name.encode()) <= room:
        return name
    tag = "~" + hashlib.blake2b(name.encode(), digest_size=6).hexdigest()
    cut = name.encode()[: room - len(tag)].decode("utf-8", "ignore")
    return cut + tag


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb", encoding: str | None = None, durable: bool = True):
    """A file handle whose content appears at `path` whole, or not at all.

    Writes to a hidden temporary in the same folder (created with the usual permissions,
    not 0600), then renames it over `path`; any failure removes it. The rename alone
    makes the file whole or absent for any killed process; `durable` also syncs it to
    disk first, which only a power cut needs and which costs a disk flush per file."""
    tmp = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:  # the folder is made when it is missing, not asked for before each of 1,500 files
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline="" if "b" not in mode else None) as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, data: str | bytes, encoding: str = "utf-8", durable: bool = True) -> None:
    with atomic_open(path, "wb", durable=durable) as fh:
        fh.write(data.encode(encoding) if isinstance(data, str) else data)


def remove_stale_temporaries(out_dir: Path) -> int:
    """Remove the temporaries that a killed run left in `out_dir`; returns how many.
    Only names this module makes are touched. One run at a time per output folder."""
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(out_dir):
        for name in filenames:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed


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


def write_report_files(report: Report, out_dir: Path, bom: bool = False,
                       indicator_rows: list[dict] | None = None) -> None:
    """The per-report files. Reports that did not end `ok` write only an empty table.
    `indicator_rows`: the report's rows, when the caller has them already.

    Not synced one by one (a flush per file was 15% of a run): each is still renamed into
    place whole, and the corpus tables built from them are synced."""
    if indicator_rows is None:
        indicator_rows = report.indicator_rows()
    atomic_write(safe_path(out_dir / "reports", report.doc_id, ".csv"),
                 csv_text(indicator_rows, INDICATOR_COLUMNS, bom=bom), durable=False)
    if report.status == "ok":
        atomic_write(safe_path(out_dir / "normalized", report.doc_id, ".txt"), report.text,
                     durable=False)
        atomic_write(safe_path(out_dir / "segmented", report.doc_id, ".txt"),
                     segmented_text(report), durable=False)


def reports_table_chunks(rows, bom: bool = False, batch: int = 1000):
    """reports.csv as encoded chunks: the header, then a batch of rows at a time, so that
    a run of millions of files never holds all its rows."""
    yield csv_text([], REPORT_COLUMNS, bom=bom).encode("utf-8")
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, batch)):
        yield csv_text(chunk, REPORT_COLUMNS, header=False).encode("utf-8")


def write_reports_table(rows, out_dir: Path, bom: bool = False) -> None:
    """out/reports.csv from rows (any iterable), streaming."""
    with atomic_open(out_dir / "reports.csv", "wb") as fh:
        for chunk in reports_table_chunks(rows, bom):
            fh.write(chunk)


def write_indicators_table(doc_ids: list[str], out_dir: Path, bom: bool = False) -> None:
    """Concatenate the per-report tables, streaming, in the order given. Copied as bytes
    (they are UTF-8 CSV, each line ending in \\n): decoding and encoding them again was
    most of this step, which runs after the workers are done."""
    with atomic_open(out_dir / "indicators.csv", "wb") as out:
        out.write(csv_text([], INDICATOR_COLUMNS, bom=bom).encode("utf-8"))
        for doc_id in doc_ids:
            try:
                fh = open(safe_path(out_dir / "reports", doc_id, ".csv"), "rb")
            except FileNotFoundError:
                continue
            with fh:
                fh.readline()  # its header, with the BOM of --excel
                shutil.copyfileobj(fh, out, 1 << 20)