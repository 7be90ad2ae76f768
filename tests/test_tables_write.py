"""Writing the tables and per-report files of a run: their columns, values and paths."""
from __future__ import annotations

import csv
import io

import pytest

from pipeline import process_text
from pipeline.files import safe_path
from pipeline.lexicon import load as load_lexicon
from pipeline.report import Report
from pipeline.settings import Settings
from pipeline.tables import Corpus, csv_text, format_value
from pipeline.tables.indicators import IndicatorsTable, concatenate as write_indicators_table, segmented_text
from pipeline.tables.reports import ReportsTable
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS
from pipeline.tables.reports import NAMES as REPORT_COLUMNS
from csv_tables import header, read_csv

TEXT = "2022年,全市新建工会组织119个、发展会员6303名。\n全年投入帮扶资金1.2亿元,每人补助3000元至5000元。"


def write_report_files(report, out_dir):
    IndicatorsTable().write_report(report, report.indicator_rows(), out_dir, Settings(segmented=True))


def write_reports_table(rows, out_dir):
    ReportsTable().write(Corpus(out_dir, Settings(), load_lexicon(), lambda: iter(rows)))


def test_indicator_columns_in_order():
    # SPEC.md's fields, with where each comes from first and the sentence last
    assert INDICATOR_COLUMNS == [
        "doc_id", "indicator_id", "sentence_id", "start", "end", "page", "mention", "value",
        "value_high", "unit", "dimension", "currency", "qualifier", "basis", "category",
        "category_confidence", "kind", "year", "counted", "action", "period", "part_of",
        "repeat_of", "sentence"]


def test_report_columns_in_order():
    assert REPORT_COLUMNS == [
        "doc_id", "path", "status", "error", "format", "encoding", "title", "date", "source", "url",
        "issuer", "region", "region_code", "year", "duplicate_of", "n_chars", "n_sentences",
        "n_indicators", "warnings"]


@pytest.mark.parametrize("value, text", [
    (45800.0, "45800"), (1.5, "1.5"), (0.0, "0"), (None, ""), ("", ""), (float("nan"), ""),
    (126000000.0, "126000000"), (3, "3"), ("会员", "会员"),
])
def test_numbers_are_written_as_a_reader_writes_them(value, text):
    assert format_value(value) == text


def test_csv_quotes_commas_and_newlines():
    rows = [{"a": "含,逗号", "b": "两\n行"}]
    back = list(csv.DictReader(io.StringIO(csv_text(rows, ["a", "b"]))))
    assert back == [{"a": "含,逗号", "b": "两\n行"}]


def test_csv_bom_for_excel():
    assert csv_text([], ["a"], bom=True).startswith("\ufeffa")
    assert csv_text([], ["a"]).startswith("a")


@pytest.fixture
def report():
    return process_text(TEXT, doc_id="2022/city")


def test_segmented_text_is_one_sentence_a_line(report):
    lines = segmented_text(report).splitlines()
    assert len(lines) == len(report.sentences) == 2
    assert lines[0].split(" ")[:3] == ["2022", "年", ","]
    assert "".join(lines[1].split(" ")) == report.sentences[1].text


def test_report_files(tmp_path, report):
    write_report_files(report, tmp_path)
    assert (tmp_path / "normalized" / "2022" / "city.txt").read_text(encoding="utf-8") == report.text
    assert (tmp_path / "segmented" / "2022" / "city.txt").read_text(encoding="utf-8").count("\n") == 2
    table = tmp_path / "reports" / "2022" / "city.csv"
    assert header(table) == INDICATOR_COLUMNS
    rows = read_csv(table)
    assert [r["mention"] for r in rows] == ["119个", "6303名", "1.2亿元", "3000元至5000元"]
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert report.text[start:end] == row["mention"]
        assert row["doc_id"] == "2022/city"
        assert row["sentence"] in report.text
    assert rows[2]["value"] == "120000000"
    assert (rows[3]["value"], rows[3]["value_high"]) == ("3000", "5000")
    assert rows[0]["value_high"] == ""
    assert [r["indicator_id"] for r in rows] == [f"2022/city#{r['start']}" for r in rows]


def test_failed_report_writes_an_empty_table_only(tmp_path):
    failed = Report(doc_id="bad", status="error", error="cannot decode")
    write_report_files(failed, tmp_path)
    assert read_csv(tmp_path / "reports" / "bad.csv") == []
    assert not (tmp_path / "normalized" / "bad.txt").exists()


def test_indicators_table_concatenates_reports_in_the_given_order(tmp_path):
    first = process_text("全市新建工会组织50个。", doc_id="b")
    second = process_text("发展会员300名,投入资金20万元。", doc_id="a")
    for r in (first, second):
        write_report_files(r, tmp_path)
    write_indicators_table(["a", "b", "missing"], tmp_path)
    rows = read_csv(tmp_path / "indicators.csv")
    assert [(r["doc_id"], r["mention"]) for r in rows] == [("a", "300名"), ("a", "20万元"), ("b", "50个")]
    assert header(tmp_path / "indicators.csv") == INDICATOR_COLUMNS


def test_reports_table_has_one_row_per_file(tmp_path):
    rows = [process_text("全市新建工会组织50个。", doc_id="a").report_row(),
            Report(doc_id="b", status="empty", error="file is empty").report_row()]
    write_reports_table(rows, tmp_path)
    back = read_csv(tmp_path / "reports.csv")
    assert header(tmp_path / "reports.csv") == REPORT_COLUMNS
    assert [(r["doc_id"], r["status"], r["n_indicators"]) for r in back] == [("a", "ok", "1"), ("b", "empty", "0")]


@pytest.mark.parametrize("doc_id, expected", [
    ("a", "a.csv"), ("x/y", "x/y.csv"), ("../../etc/passwd", "etc/passwd.csv"), ("", "_.csv"),
])
def test_output_paths_stay_inside_the_output_folder(tmp_path, doc_id, expected):
    assert safe_path(tmp_path, doc_id, ".csv") == tmp_path / expected


def test_no_temporary_files_left_behind(tmp_path, report):
    write_report_files(report, tmp_path)
    write_indicators_table([report.doc_id], tmp_path)
    assert not [p for p in tmp_path.rglob(".tmp-*")]
