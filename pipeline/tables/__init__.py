"""Output tables: each a module, found by name in TABLES.

A table declares its columns (with their types, which `load()` and the Parquet writer
both use), may compute a part of itself for each report where the report is processed
(`per_report`: in the worker, kept in the incremental state), may write per-report
files (`write_report`), and writes its corpus file once, after every report is done
(`write`), in each format the run asks for (CSV, Parquet) through `write_rows`.

Adding a table is one module with a `Table` subclass and one entry below.
"""
from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..dates import iso_date
from ..errors import MissingDependency
from ..files import atomic_open
from ..registry import Registry

CHUNK_ROWS = 50_000  # rows per Parquet row group


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "str"  # str, int, float, category, date
    # the categories of a `category` column: a fixed list, or the name of a list of the
    # lexicons ("categories", "dimensions") that the run's lexicon gives
    categories: tuple[str, ...] | str = ()


class Table:
    """Base of the output tables. `name` is its file name without the extension."""

    name = ""
    COLUMNS: list[Column] = []

    def columns(self, corpus: "Corpus") -> list[Column]:
        """The columns of the table a run writes."""
        return self.COLUMNS

    def columns_of(self, header: list[str]) -> list[Column]:
        """The columns of a table as written (its header), for load() to type it."""
        by_name = {c.name: c for c in self.COLUMNS}
        return [by_name.get(name, Column(name)) for name in header]

    def per_report(self, report, rows: list[dict], lexicon):
        """This table's part of one report, computed in the worker (JSON-serialisable),
        or None. `rows` are the report's indicator rows."""
        return None

    def write_report(self, report, rows: list[dict], out_dir: Path, settings) -> None:
        """Files of one report, written in the worker."""

    # The folders of out_dir that hold this table's per-report files, and nothing else.
    report_folders: tuple[str, ...] = ()

    def report_files(self, out_dir: Path, row: dict, settings) -> list[Path]:
        """The per-report files write_report writes for the report of this reports.csv
        row: the runner checks them before reusing a report, and removes them when the
        report is gone from the input."""
        return []

    def write(self, corpus: "Corpus") -> list[Path]:  # pragma: no cover - interface
        raise NotImplementedError


TABLES = Registry("table")
TABLES.register("indicators", "pipeline.tables.indicators:IndicatorsTable")
TABLES.register("reports", "pipeline.tables.reports:ReportsTable")
TABLES.register("summary", "pipeline.tables.summary:SummaryTable")
TABLES.register("panel", "pipeline.tables.panel:PanelTable")


def tables() -> list[Table]:
    """One instance of every registered table, in registry order."""
    return [TABLES.get(name)() for name in TABLES.names()]


@dataclass
class Corpus:
    """What the corpus part of the tables is written from: the run's rows (one a report,
    sorted by doc id, each with its tables' parts under "parts"), read again at each pass.
    `each()` gives them with `duplicate_of` set: the duplicates across reports are found
    at the first pass, before any table is written (pipeline/duplicates.py)."""
    out_dir: Path
    settings: object
    lexicon: object
    rows: object  # a callable giving an iterator of the rows, sorted by doc id
    _duplicates: dict | None = field(default=None, repr=False)

    def duplicates(self) -> dict[str, str]:
        """{doc_id: the doc_id of the earlier report it is the same article as}."""
        if self._duplicates is None:
            from ..duplicates import find_duplicates

            self._duplicates = find_duplicates(
                (row["doc_id"], ((row.get("parts") or {}).get("reports") or {}).get("signature"))
                for row in self.rows())
        return self._duplicates

    def each(self) -> Iterator[dict]:
        duplicates = self.duplicates()
        for row in self.rows():
            row["duplicate_of"] = duplicates.get(row["doc_id"], "")
            yield row

    def category_list(self, name: str) -> tuple[str, ...]:
        if name == "categories":
            return self.lexicon.categories.names
        if name == "dimensions":
            return self.lexicon.units.dimensions
        raise KeyError(name)


def run_lists(out_dir: Path) -> dict[str, list[str]]:
    """The categories and dimensions of the lexicons a run used (its run.json), else the
    project's: the order of the tables' categorical columns."""
    import json

    try:
        info = json.loads((Path(out_dir) / "run.json").read_text(encoding="utf-8"))
        return {"categories": list(info["categories"]), "dimensions": list(info["dimensions"])}
    except (OSError, ValueError, KeyError, TypeError):
        from ..lexicon import load as load_lexicon

        lexicon = load_lexicon()
        return {"categories": list(lexicon.categories.names), "dimensions": list(lexicon.units.dimensions)}


# ------------------------------------------------------------------------ writing

def format_value(value) -> str:
    """Numbers as a reader writes them: 45800 not 45800.0; empty for none."""
    if type(value) is str:  # most cells: asked first
        return value
    if type(value) is int:  # the offsets and ids of every row
        return str(value)
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return repr(value)
    return str(value)


# What makes a spreadsheet read a cell as a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)),
# and the tab and carriage return that can hide one: such text cells of an --excel CSV
# are written with a leading apostrophe, which Excel shows as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_text(rows: Iterable[dict], columns: list[str], header: bool = True, bom: bool = False,
             excel: bool | None = None) -> str:
    """Rows as CSV text. `bom` is the --excel form: a BOM first (with the header), and
    text cells that a spreadsheet would take for a formula neutralised (excel_safe);
    `excel` asks for the cells alone (the chunks after the header). Numbers are written
    as numbers: -5 stays -5."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    safe = bom if excel is None else excel
    for row in rows:
        if safe:
            writer.writerow([excel_safe(v) if isinstance(v := row.get(c), str) else format_value(v)
                             for c in columns])
        else:  # a text cell (most) as it is, without a call of format_value
            writer.writerow([v if type(v) is str else format_value(v) for v in map(row.get, columns)])
    return buf.getvalue()


def csv_chunks(rows: Iterable[dict], columns: list[str], bom: bool = False, batch: int = 1000):
    """A CSV as encoded chunks: the header, then a batch of rows at a time, so that a run
    of millions of reports never holds all its rows. `bom`: the --excel form."""
    yield csv_text([], columns, bom=bom).encode("utf-8")
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, batch)):
        yield csv_text(chunk, columns, header=False, excel=bom).encode("utf-8")


def write_rows(name: str, columns: list[Column], rows, corpus: Corpus) -> list[Path]:
    """The table `name` from `rows` (a callable giving an iterator of dicts) in every
    format of the run: name.csv and/or name.parquet, each written atomically."""
    written = []
    formats = corpus.settings.formats
    if "csv" in formats:
        path = corpus.out_dir / f"{name}.csv"
        with atomic_open(path, "wb") as fh:
            for chunk in csv_chunks(rows(), [c.name for c in columns], bom=corpus.settings.excel):
                fh.write(chunk)
        written.append(path)
    if "parquet" in formats:
        written.append(write_parquet(corpus.out_dir / f"{name}.parquet", columns, rows(), corpus))
    return written


def pyarrow_modules():
    """pyarrow and pyarrow.parquet, or MissingDependency (checked before a run starts)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependency("Parquet output needs pyarrow: pip install "
                                "'work-report-indicators[analysis]'") from None
    return pa, pq


def arrow_schema(columns: list[Column], corpus: Corpus):
    pa, _ = pyarrow_modules()
    kinds = {"str": pa.large_string(), "int": pa.int64(), "float": pa.float64(),
             "date": pa.date32(), "category": pa.dictionary(pa.int32(), pa.large_string())}
    return pa.schema([pa.field(c.name, kinds[c.type]) for c in columns])


def typed_value(column: Column, value):
    """A cell as its column's type (from the text of a CSV or the value of a row)."""
    if value is None or value == "":
        return None
    if column.type == "int":
        return int(float(value))
    if column.type == "float":
        return float(value)
    if column.type == "date":
        import datetime

        iso = iso_date(str(value))
        return datetime.date.fromisoformat(iso) if iso else None
    return str(value)


def write_parquet(path: Path, columns: list[Column], rows: Iterator[dict], corpus: Corpus) -> Path:
    """Rows as a typed Parquet file, a row group every CHUNK_ROWS rows, written atomically."""
    pa, pq = pyarrow_modules()
    schema = arrow_schema(columns, corpus)
    with atomic_open(path, "wb") as fh:
        writer = pq.ParquetWriter(fh, schema)
        while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
            arrays = {c.name: [typed_value(c, row.get(c.name)) for row in chunk] for c in columns}
            writer.write_table(pa.Table.from_pydict(arrays, schema=schema))
        writer.close()
    return path


def write_corpus_tables(corpus: Corpus) -> list[Path]:
    written = []
    for table in tables():
        written.extend(table.write(corpus))
    return written
