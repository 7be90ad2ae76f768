"""indicators.csv: one row per indicator, every report's; and reports/<doc_id>.csv, one
report's rows, written by the worker that processed it (with the report's normalized and
segmented texts). The corpus table is the per-report tables concatenated in doc id order.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

from ..files import atomic_open, atomic_write, open_output, safe_path
from ..report import BASES, KINDS, QUALIFIERS
from . import Column, Corpus, Table, csv_chunks, csv_text, write_parquet

COLUMNS = [
    Column("doc_id"), Column("indicator_id"), Column("sentence_id", "int"), Column("start", "int"),
    Column("end", "int"), Column("page", "int"), Column("mention"), Column("value", "float"),
    Column("value_high", "float"), Column("unit"), Column("dimension", "category", "dimensions"),
    Column("currency"), Column("qualifier", "category", tuple(QUALIFIERS)),
    Column("basis", "category", tuple(BASES)), Column("category", "category", "categories"),
    Column("category_confidence", "float"), Column("kind", "category", tuple(KINDS)),
    Column("year", "int"), Column("counted"), Column("action"), Column("period"),
    Column("part_of"), Column("repeat_of"), Column("sentence"),
]
NAMES = [c.name for c in COLUMNS]


def segmented_text(report) -> str:
    lines = [" ".join(t.text for t in s.tokens if not t.text.isspace()) for s in report.sentences]
    return "\n".join(lines) + ("\n" if lines else "")


def report_table_path(out_dir: Path, doc_id: str) -> Path:
    return safe_path(out_dir / "reports", doc_id, ".csv")


class IndicatorsTable(Table):
    name = "indicators"
    COLUMNS = COLUMNS
    report_folders = ("reports", "normalized", "segmented")

    def report_files(self, out_dir: Path, row: dict, settings) -> list[Path]:
        doc_id = row["doc_id"]
        files = [report_table_path(out_dir, doc_id)]
        if row["status"] == "ok":
            files.append(safe_path(out_dir / "normalized", doc_id, ".txt"))
            if settings.segmented:
                files.append(safe_path(out_dir / "segmented", doc_id, ".txt"))
        return files

    def write_report(self, report, rows: list[dict], out_dir: Path, settings) -> None:
        """The report's table and normalized text, and its segmented text when asked
        (`--segmented`: few read it, and it was a third of the files a run writes). Reports
        that did not end `ok` write only an empty table. Not synced one by one (a flush per
        file was 15% of a run): each is still renamed into place whole, and the corpus
        tables are synced."""
        with atomic_open(report_table_path(out_dir, report.doc_id), "wb", durable=False) as fh:
            for chunk in csv_chunks(rows, NAMES, bom=settings.excel):  # never the whole table in memory
                fh.write(chunk)
        if report.status == "ok":
            atomic_write(safe_path(out_dir / "normalized", report.doc_id, ".txt"), report.text,
                         durable=False)
            segmented = safe_path(out_dir / "segmented", report.doc_id, ".txt")
            if settings.segmented:
                atomic_write(segmented, segmented_text(report), durable=False)
            else:  # an earlier run's, with --segmented: it would no longer match
                segmented.unlink(missing_ok=True)

    def write(self, corpus: Corpus) -> list[Path]:
        ok_ids = lambda: (row["doc_id"] for row in corpus.each() if row["status"] == "ok")  # noqa: E731
        written = []
        if "csv" in corpus.settings.formats:
            written.append(concatenate(ok_ids(), corpus.out_dir, bom=corpus.settings.excel))
        if "parquet" in corpus.settings.formats:
            written.append(write_parquet(corpus.out_dir / "indicators.parquet", COLUMNS,
                                         _rows_of(ok_ids(), corpus.out_dir), corpus))
        return written


def concatenate(doc_ids, out_dir: Path, bom: bool = False) -> Path:
    """Concatenate the per-report tables, streaming, in the order given. Copied as bytes
    (they are UTF-8 CSV, each line ending in \\n): decoding and encoding them again was
    most of this step, which runs after the workers are done."""
    path = out_dir / "indicators.csv"
    with atomic_open(path, "wb") as out:
        out.write(csv_text([], NAMES, bom=bom).encode("utf-8"))
        for doc_id in doc_ids:
            fh = _open_table(out_dir, doc_id, "rb")
            if fh is None:
                continue
            with fh:
                fh.readline()  # its header, with the BOM of --excel
                shutil.copyfileobj(fh, out, 1 << 20)
    return path


def _open_table(out_dir: Path, doc_id: str, mode: str, **kwargs):
    """A report's table to read, or None: missing, or a link put in its place or its folder's."""
    try:
        return open_output(report_table_path(out_dir, doc_id), mode, **kwargs)
    except ValueError:
        return None


def _rows_of(doc_ids, out_dir: Path):
    for doc_id in doc_ids:
        fh = _open_table(out_dir, doc_id, "r", encoding="utf-8-sig", newline="")
        if fh is None:
            continue
        with fh:
            yield from csv.DictReader(fh)
