"""Typed tables: load(), summary.csv, Parquet and the Excel BOM."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import load, run
from pipeline.cli import main
from pipeline.report import BASES, QUALIFIERS
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS
from pipeline.tables.reports import NAMES as REPORT_COLUMNS
from lexicon_lists import CATEGORIES, DIMENSIONS
from pipeline.lexicon import load as load_lexicon
from pipeline.frames import parse_dates
from pipeline.settings import Settings
from pipeline.tables import Corpus
from pipeline.tables.summary import SummaryTable, column_name, report_sums

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus_out")
    run(CORPUS, out, progress=False)
    return out


def test_load_gives_typed_frames(corpus_out):
    t = load(corpus_out)
    ind, rep = t.indicators, t.reports
    assert list(ind.columns) == INDICATOR_COLUMNS
    assert list(rep.columns) == REPORT_COLUMNS
    for col in ("sentence_id", "start", "end"):
        assert ind[col].dtype == "Int64"
    for col in ("value", "value_high"):
        assert ind[col].dtype == "float64"
    for col, cats in (("category", CATEGORIES), ("dimension", DIMENSIONS),
                      ("qualifier", QUALIFIERS), ("basis", BASES)):
        assert isinstance(ind[col].dtype, pd.CategoricalDtype)
        assert list(ind[col].cat.categories) == cats
        assert ind[col].notna().all()
    for col in ("year", "n_chars", "n_sentences", "n_indicators"):
        assert rep[col].dtype == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(rep["date"])
    assert list(rep["status"].cat.categories) == ["ok", "empty", "skipped", "error"]
    # the typed values are the CSV's values
    raw = pd.read_csv(corpus_out / "indicators.csv", dtype=str, keep_default_na=False)
    assert (ind["value"] == raw["value"].astype(float)).all()
    assert (ind["doc_id"] == raw["doc_id"]).all()
    assert int(rep["n_indicators"].sum()) == len(ind)


def test_dates_and_metadata_of_the_sample_corpus(corpus_out):
    rep = load(corpus_out).reports.set_index("doc_id")
    assert rep.loc["big5_report", "date"] == pd.Timestamp("2024-01-05")
    assert rep.loc["html/news_page", "date"] == pd.Timestamp("2024-01-15")
    assert pd.isna(rep.loc["README", "date"]) and rep.loc["README", "status"] == "skipped"
    assert rep.loc["traditional_union_report", "year"] == 2022
    assert rep.loc["chinese_numerals_report", "issuer"] == "青石县总工会"


def test_parse_dates_reads_the_forms_pages_use():
    parsed = parse_dates(pd.Series(["2023-03-24 09:54:00", "2024年1月5日", "2023/10/26", "", None, "soon"]))
    assert list(parsed[:3]) == [pd.Timestamp("2023-03-24"), pd.Timestamp("2024-01-05"),
                                pd.Timestamp("2023-10-26")]
    assert parsed[3:].isna().all()


def test_summary_is_a_report_by_indicator_matrix(corpus_out):
    summary = pd.read_csv(corpus_out / "summary.csv", index_col="doc_id")
    t = load(corpus_out)
    assert list(summary.index) == list(t.reports["doc_id"])
    assert all(summary[c].dtype == "float64" for c in summary.columns)
    # columns named category_dimension (money: _currency), in the lexicons' order:
    # categories, then dimensions
    def parts(c):
        base = c[:-4] if c.endswith(("_CNY", "_USD", "_HKD", "_EUR")) else c
        return [(CATEGORIES.index(cat), DIMENSIONS.index(base[len(cat) + 1:]))
                for cat in CATEGORIES if base.startswith(cat + "_") and base[len(cat) + 1:] in DIMENSIONS]

    order = [p for c in summary.columns for p in parts(c)]
    assert len(order) == len(summary.columns) and order == sorted(order)
    assert {"funds_money_CNY", "members_persons", "facilities_count"} <= set(summary.columns)
    ind = t.indicators
    summed = ind[ind["qualifier"].isin(["exact", "over", "at_least"]) & (ind["basis"] == "total")
                 & (ind["dimension"] != "percent") & (ind["kind"] == "flow")
                 & ind["part_of"].isna() & ind["repeat_of"].isna()]
    assert len(summed) < len(ind[ind["dimension"] != "percent"])  # stocks, targets, parts left out
    expected = summed.fillna({"currency": ""}).groupby(
        ["doc_id", "category", "dimension", "currency"], observed=True)["value"].sum()
    for (doc, cat, dim, currency), value in expected.items():
        assert summary.loc[doc, column_name(cat, dim, currency)] == pytest.approx(value)
    assert not any(c.endswith("_percent") for c in summary.columns)
    assert summary.loc["README"].isna().all()  # a skipped file has no figures, not zeros
    assert (summary.drop(index="README").notna()).all().all()
    assert load(corpus_out).summary.set_index("doc_id").equals(summary)


def test_summary_sums_the_flows_that_may_be_added_only(tmp_path):
    row = dict.fromkeys(INDICATOR_COLUMNS, "")
    rows = []
    for value, qualifier, basis, category, dimension, kind, extra in [
        ("100", "exact", "total", "members", "persons", "flow", {}),
        ("50", "over", "total", "members", "persons", "flow", {}),
        ("30", "at_least", "total", "members", "persons", "flow", {}),
        ("1000", "approx", "total", "members", "persons", "flow", {}),  # not summed
        ("20", "under", "total", "members", "persons", "flow", {}),  # not summed
        ("9000", "exact", "total", "members", "persons", "stock", {}),  # a level: not summed
        ("800", "at_least", "total", "members", "persons", "target", {}),  # a plan
        ("40", "exact", "total", "members", "persons", "change", {}),  # a difference
        ("60", "exact", "total", "members", "persons", "flow", {"part_of": "a#0"}),  # a part
        ("100", "exact", "total", "members", "persons", "flow", {"repeat_of": "a#0"}),  # a repeat
        ("2000", "exact", "per_unit", "funds", "money", "flow", {}),  # a rate: not summed
        ("97", "exact", "total", "rates", "percent", "stock", {}),  # percentages do not add up
        ("5000", "exact", "total", "funds", "money", "flow", {"currency": "CNY"}),
        ("70", "exact", "total", "funds", "money", "flow", {"currency": "USD"}),  # its own column
    ]:
        rows.append({**row, "doc_id": "a", "value": value, "qualifier": qualifier, "basis": basis,
                     "category": category, "dimension": dimension, "kind": kind, **extra})
    reports = [{"doc_id": "a", "status": "ok", "parts": {"summary": report_sums(rows)}},
               {"doc_id": "b", "status": "ok", "parts": {"summary": report_sums([])}},
               {"doc_id": "c", "status": "error", "parts": {}},
               {"doc_id": "d", "status": "ok", "parts": {"summary": report_sums(rows)}}]
    corpus = Corpus(tmp_path, Settings(), load_lexicon(), lambda: iter([dict(r) for r in reports]))
    corpus._duplicates = {"d": "a"}  # the same article as a: its figures are a's
    SummaryTable().write(corpus)
    text = (tmp_path / "summary.csv").read_text(encoding="utf-8")
    assert text.splitlines() == ["doc_id,members_persons,funds_money_CNY,funds_money_USD",
                                 "a,180,5000,70", "b,0,0,0", "c,,,", "d,,,"]


def test_excel_bom_on_every_table(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(CORPUS), "-o", str(out), "--excel", "--quiet"]) == 0
    for name in ("indicators.csv", "reports.csv", "summary.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    t = load(out)
    assert t.reports["doc_id"].iloc[0] == "README"  # no BOM glued to the first name
    assert "doc_id" in t.summary.columns


def test_parquet_instead_of_csv_loads_the_same(tmp_path, corpus_out):
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    assert main(["run", str(CORPUS), "-o", str(out), "--format", "parquet", "--quiet"]) == 0
    for name in ("indicators", "reports", "summary"):
        assert (out / f"{name}.parquet").exists()
        assert not (out / f"{name}.csv").exists()
    from_parquet, from_csv = load(out), load(corpus_out)
    pd.testing.assert_frame_equal(from_parquet.indicators, from_csv.indicators)
    pd.testing.assert_frame_equal(from_parquet.reports.drop(columns="path"),
                                  from_csv.reports.drop(columns="path"))
    pd.testing.assert_frame_equal(from_parquet.summary, from_csv.summary)


def test_parquet_beside_csv_and_the_newer_one_is_read(tmp_path, corpus_out):
    pytest.importorskip("pyarrow")
    import os

    out = tmp_path / "out"
    assert main(["run", str(CORPUS), "-o", str(out), "--format", "both", "--quiet"]) == 0
    for name in ("indicators", "reports", "summary"):
        assert (out / f"{name}.parquet").exists() and (out / f"{name}.csv").exists()
    # a later CSV run leaves an old Parquet beside it: the CSV, newer, wins
    rows = (out / "reports.csv").read_text(encoding="utf-8").splitlines()
    (out / "reports.csv").write_text("\n".join(rows[:2]) + "\n", encoding="utf-8")
    later = (out / "reports.parquet").stat().st_mtime + 10
    os.utime(out / "reports.csv", (later, later))
    assert len(load(out).reports) == 1


def test_load_of_a_folder_without_tables_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the pipeline first"):
        load(tmp_path)
