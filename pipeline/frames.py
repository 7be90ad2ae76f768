"""The tables of a run as typed pandas DataFrames.

    from pipeline import load
    t = load("out")
    t.indicators   # one row per indicator (indicators.csv)
    t.reports      # one row per input file (reports.csv)
    t.summary      # one row per report, one column per category and dimension (summary.csv)

Every registered table (pipeline.tables.TABLES) is loaded, typed by its own column
definitions: counts and offsets as nullable Int64, values as float64, categories,
dimensions, qualifiers and statuses as categoricals in the order of the lexicons the run
used (recorded in run.json), dates as datetime64, text as strings with missing values
where the CSV is empty.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputNotFound
from .dates import iso_date
from .tables import Column, run_lists, tables


class Tables(dict):
    """The frames by table name; also as attributes: `t.indicators`."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def parse_dates(values: pd.Series) -> pd.Series:
    """'2023-03-24 09:54', '2024年1月5日', '2023/10/26' -> datetime64; anything else -> NaT."""
    iso = values.map(lambda text: iso_date(text) or None if isinstance(text, str) else None)
    return pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")


def typed_column(s: pd.Series, column: Column, lists: dict[str, list[str]]) -> pd.Series:
    if column.type == "category":
        known = list(lists[column.categories] if isinstance(column.categories, str) else column.categories)
        values = s.astype("string").mask(s.astype("string") == "")
        extra = sorted(set(values.dropna()) - set(known))  # a value the lexicons no longer list
        return pd.Series(pd.Categorical(values, categories=known + extra), index=s.index, name=s.name)
    if column.type == "int":
        return pd.to_numeric(s.replace("", None), errors="coerce").astype("Int64")
    if column.type == "float":
        return pd.to_numeric(s.replace("", None), errors="coerce").astype("float64")
    if column.type == "date":
        return s if pd.api.types.is_datetime64_any_dtype(s) else parse_dates(s.astype("string"))
    s = s.astype("str").where(s.notna(), "")
    return s if column.name == "doc_id" else s.mask(s == "")


def typed(df: pd.DataFrame, columns: list[Column], lists: dict[str, list[str]]) -> pd.DataFrame:
    by_name = {c.name: c for c in columns}
    df = df.copy()
    for name in df.columns:
        column = by_name.get(name) or Column(name, "float" if pd.api.types.is_numeric_dtype(df[name]) else "str")
        df[name] = typed_column(df[name], column, lists)
    return df


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def table_path(out_dir: str | Path, name: str) -> Path:
    """name.parquet or name.csv, whichever was written last."""
    out = Path(out_dir)
    found = [p for p in (out / f"{name}.parquet", out / f"{name}.csv") if p.exists()]
    if not found:
        raise InputNotFound(f"{out / (name + '.csv')} not found: run the pipeline first "
                            f"(python -m pipeline run INPUT_DIR -o {out})")
    return max(found, key=lambda p: p.stat().st_mtime)


def read_table(out_dir: str | Path, table) -> pd.DataFrame:
    out = Path(out_dir)
    path = table_path(out, table.name)
    df = pd.read_parquet(path) if path.suffix == ".parquet" else _read_csv(path)
    return typed(df, table.columns_of(list(df.columns)), run_lists(out))


def load(out_dir: str | Path = "out") -> Tables:
    """The tables of a run in `out_dir`, typed (see the module docstring)."""
    return Tables({table.name: read_table(out_dir, table) for table in tables()})
