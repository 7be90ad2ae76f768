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

from .emit import atomic_open, atomic_write, csv_text
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

# summary.csv adds up the values that are the amount itself or a floor under it (exact,
# over: 4000余名, at_least: 不少于500万元); approximate and upper-bound values, rates per
# unit (每人2000元) and percentages (which do not add up) stay out.
SUMMED_QUALIFIERS = ("exact", "over", "at_least")
SUMMED_BASIS = "total"
UNSUMMED_DIMENSIONS = ("percent",)


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

def measure_columns(pairs) -> list[str]:
    """category_dimension names in the order of SPEC.md (categories, then dimensions)."""
    present = set(pairs)
    return [f"{c}_{d}" for c in CATEGORIES for d in DIMENSIONS if (c, d) in present]


def _sums(indicators: pd.DataFrame) -> pd.Series:
    """Sum of the summed values by (doc_id, category, dimension)."""
    df = indicators
    value = pd.to_numeric(df["value"], errors="coerce")
    keep = (df["qualifier"].astype("str").isin(SUMMED_QUALIFIERS)
            & (df["basis"].astype("str") == SUMMED_BASIS)
            & ~df["dimension"].astype("str").isin(UNSUMMED_DIMENSIONS)
            & value.notna())
    kept = pd.DataFrame({"doc_id": df["doc_id"].astype("str")[keep],
                         "category": df["category"].astype("str")[keep],
                         "dimension": df["dimension"].astype("str")[keep],
                         "value": value[keep]})
    return kept.groupby(["doc_id", "category", "dimension"], sort=False)["value"].sum()


def _wide(sums: pd.Series, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report (in reports.csv order), one column per category_dimension;
    0 where an ok report has none, missing for reports that were not processed."""
    columns = measure_columns((c, d) for _, c, d in sums.index) if len(sums) else []
    doc_ids = reports["doc_id"].astype("str")
    ok = reports["status"].astype("str") == "ok"
    if len(sums):
        frame = sums.reset_index()
        frame["column"] = frame["category"] + "_" + frame["dimension"]
        wide = frame.pivot_table(index="doc_id", columns="column", values="value", aggfunc="sum")
    else:
        wide = pd.DataFrame(index=pd.Index([], name="doc_id"))
    wide = wide.reindex(index=doc_ids.values, columns=columns).astype("float64")
    wide.loc[ok.values, :] = wide.loc[ok.values, :].fillna(0.0)
    wide.index.name = "doc_id"
    return wide.reset_index()


def summary_frame(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The summary table from loaded indicators and reports (see `write_summary`)."""
    return typed(_wide(_sums(indicators), reports))


def write_summary(out_dir: str | Path, bom: bool = False) -> Path:
    """out/summary.csv: one row per report, one column per category and dimension
    (funds_money, members_persons, ...) holding the sum of its exact and lower-bound
    values. Reads indicators.csv in chunks, so it scales with the corpus."""
    out = Path(out_dir)
    usecols = ["doc_id", "value", "dimension", "qualifier", "basis", "category"]
    parts = [_sums(chunk) for chunk in _read_csv(out / "indicators.csv", usecols=usecols,
                                                 chunksize=CHUNK_ROWS)]
    parts = [p for p in parts if len(p)]
    sums = pd.concat(parts).groupby(level=[0, 1, 2], sort=False).sum() if parts else pd.Series(dtype="float64")
    reports = _read_csv(out / "reports.csv", usecols=["doc_id", "status"])
    wide = _wide(sums, reports)
    rows = wide.to_dict("records")
    columns = list(wide.columns)
    path = out / "summary.csv"
    atomic_write(path, csv_text(rows, columns, bom=bom))
    return path


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
