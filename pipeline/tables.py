"""The tables of a run as typed pandas DataFrames; the report-by-indicator summary; Parquet.

    from pipeline import load
    t = load("out")
    t.indicators   # one row per indicator (indicators.csv)
    t.reports      # one row per input file (reports.csv)
    t.summary      # one row per report, one column per category and dimension (summary.csv)

Types: counts and offsets as nullable Int64, values as float64, `category`, `dimension`,
`qualifier`, `basis` and `status` as categoricals with the categories of SPEC.md in its
order, `date` as datetime64, text as strings with missing values where the CSV is empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .emit import atomic_open
from .summary import summary_rows, write_summary as _write_summary
from .report import BASES, CATEGORIES, DIMENSIONS, QUALIFIERS, STATUSES

TABLES = ("indicators", "reports", "summary")
CHUNK_ROWS = 200_000

CATEGORICALS = {
    "dimension": DIMENSIONS,
    "qualifier": QUALIFIERS,
    "basis": BASES,
    "category": CATEGORIES,
    "status": STATUSES,
}
INTEGERS = {"sentence_id", "start", "end", "year", "n_chars", "n_sentences", "n_indicators"}
FLOATS = {"value", "value_high"}
DATES = {"date"}

@dataclass
class Tables:
    indicators: pd.DataFrame
    reports: pd.DataFrame
    summary: pd.DataFrame


# ------------------------------------------------------------------------- types

def parse_dates(values: pd.Series) -> pd.Series:
    """'2023-03-24 09:54', '2024年1月5日', '2023/10/26' -> datetime64; anything else -> NaT."""
    def iso(text) -> str | None:
        m = re.search(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})", str(text)) \
            if isinstance(text, str) else None
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None

    return pd.to_datetime(values.map(iso), format="%Y-%m-%d", errors="coerce")


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Columns of any of the three tables to their types (those of the module docstring)."""
    df = df.copy()
    for col in df.columns:
        s = df[col]
        if col in CATEGORICALS:
            s = s.astype("string").mask(s.astype("string") == "")
            df[col] = pd.Categorical(s, categories=CATEGORICALS[col])
        elif col in INTEGERS:
            df[col] = pd.to_numeric(s.replace("", None), errors="coerce").astype("Int64")
        elif col in FLOATS:
            df[col] = pd.to_numeric(s.replace("", None), errors="coerce").astype("float64")
        elif col in DATES:
            df[col] = s if pd.api.types.is_datetime64_any_dtype(s) else parse_dates(s)
        elif pd.api.types.is_numeric_dtype(s):  # summary values
            df[col] = s.astype("float64")
        else:
            s = s.astype("str")
            df[col] = s if col == "doc_id" else s.mask(s == "")
    return df


def _read_csv(path: Path, **options) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", **options)


def table_path(out_dir: str | Path, name: str) -> Path:
    """name.parquet or name.csv, whichever was written last."""
    out = Path(out_dir)
    found = [p for p in (out / f"{name}.parquet", out / f"{name}.csv") if p.exists()]
    if not found:
        raise FileNotFoundError(f"{out / (name + '.csv')} not found: run the pipeline first "
                                f"(python -m pipeline run INPUT_DIR -o {out})")
    return max(found, key=lambda p: p.stat().st_mtime)


def read_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    path = table_path(out_dir, name)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    else:
        df = _read_csv(path)
        if name == "summary":  # measure columns are numbers, not text
            for col in df.columns[1:]:
                df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce").astype("float64")
    return typed(df)


def load(out_dir: str | Path = "out") -> Tables:
    """The tables of a run in `out_dir`, typed (see the module docstring)."""
    indicators = read_table(out_dir, "indicators")
    reports = read_table(out_dir, "reports")
    try:
        summary = read_table(out_dir, "summary")
    except FileNotFoundError:  # a run of an older version: compute it
        summary = summary_frame(indicators, reports)
    return Tables(indicators=indicators, reports=reports, summary=summary)


# ----------------------------------------------------------------------- summary

def summary_frame(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The summary table from loaded indicators and reports: the same rule as summary.csv
    (pipeline/summary.py), for the output of a run that did not write it."""
    columns, rows = summary_rows(indicators.astype({"value": "float64"}).astype(object)
                                 .where(indicators.notna(), None).to_dict("records"),
                                 reports.astype(str).to_dict("records"))
    frame = pd.DataFrame(rows, columns=columns)
    for col in columns[1:]:
        frame[col] = frame[col].astype("float64")
    return typed(frame)


write_summary = _write_summary  # the run writes it without pandas; kept here for the API


# ----------------------------------------------------------------------- parquet

def write_parquet(out_dir: str | Path, keep_csv: bool = True) -> list[Path]:
    """Write indicators, reports and summary as typed Parquet beside the CSVs; remove the
    CSVs unless `keep_csv`. The per-report CSVs in reports/ stay: incremental runs need them."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ValueError("Parquet output needs pyarrow: pip install "
                         "'work-report-indicators[analysis]'") from None
    out = Path(out_dir)
    written = []
    for name in TABLES:
        csv_path = out / f"{name}.csv"
        if not csv_path.exists():
            continue
        target = out / f"{name}.parquet"
        # atomic_open names its temporary like every other output (.tmp-*.partial), so a
        # killed run leaves nothing that globs as *.parquet
        with atomic_open(target, "wb") as fh:
            writer = None
            for chunk in _read_csv(csv_path, chunksize=CHUNK_ROWS):
                frame = _typed_chunk(name, chunk)
                if writer is None:
                    schema = pa.Schema.from_pandas(frame, preserve_index=False)
                    writer = pq.ParquetWriter(fh, _nonnull(schema, frame, pa))
                writer.write_table(pa.Table.from_pandas(frame, schema=writer.schema, preserve_index=False))
            if writer is None:  # header only
                frame = _typed_chunk(name, _read_csv(csv_path))
                pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), fh)
            else:
                writer.close()
        written.append(target)
        if not keep_csv:
            csv_path.unlink()
    return written


def _typed_chunk(name: str, chunk: pd.DataFrame) -> pd.DataFrame:
    if name == "summary":
        for col in chunk.columns[1:]:
            chunk[col] = pd.to_numeric(chunk[col].replace("", None), errors="coerce").astype("float64")
    return typed(chunk)


def _nonnull(schema, frame, pa):
    """A chunk whose text column is all empty types it as null: make every such one string."""
    fields = []
    for f in schema:
        if pa.types.is_null(f.type):
            f = pa.field(f.name, pa.large_string())
        fields.append(f)
    return pa.schema(fields, metadata=schema.metadata)
