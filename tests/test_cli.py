"""The command line (`python -m pipeline run INPUT -o OUT [--jobs N]`) and the library API."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS
from pipeline.tables.reports import NAMES as REPORT_COLUMNS
from csv_tables import read_csv

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_A = "南河市总工会工作总结\n2023年,全市新建工会组织50个,发展会员3000名。\n全年投入帮扶资金200万元。"
ARTICLE_B = "北山区总工会工作总结\n全区走访慰问困难职工1200户,发放慰问金80万元。"



def python_m(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "in"
    (folder / "district").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "district" / "b.txt").write_bytes(ARTICLE_B.encode("gb18030"))
    return folder


def test_help():
    result = python_m("--help")
    assert result.returncode == 0
    assert "run" in result.stdout and "eval" in result.stdout
    result = python_m("run", "--help")
    assert result.returncode == 0
    for option in ("INPUT_DIR", "--out", "--jobs"):
        assert option in result.stdout


def test_run_writes_every_table(articles, tmp_path):
    out = tmp_path / "out"
    result = python_m("run", articles, "-o", out, "--jobs", 2)
    assert result.returncode == 0, result.stderr
    for path in ("normalized/a.txt", "normalized/district/b.txt", "reports/a.csv",
                 "reports/district/b.csv", "indicators.csv", "reports.csv"):
        assert (out / path).is_file(), path
    assert not (out / "segmented").exists()  # only with --segmented
    result = python_m("run", articles, "-o", out, "--segmented")
    assert result.returncode == 0, result.stderr
    assert (out / "segmented/a.txt").is_file() and (out / "segmented/district/b.txt").is_file()
    assert "50 个" in (out / "segmented/a.txt").read_text(encoding="utf-8")
    result = python_m("run", articles, "-o", out)  # without it again: the texts go
    assert result.returncode == 0, result.stderr
    assert not list((out / "segmented").rglob("*.txt"))
    reports = read_csv(out / "reports.csv")
    assert [(r["doc_id"], r["status"]) for r in reports] == [("a", "ok"), ("district/b", "ok")]
    rows = read_csv(out / "indicators.csv")
    assert [(r["doc_id"], r["mention"]) for r in rows] == [
        ("a", "50个"), ("a", "3000名"), ("a", "200万元"), ("district/b", "1200户"), ("district/b", "80万元")]


def test_exit_code_1_when_a_file_ends_in_error(articles, tmp_path, capsys):
    os.symlink(articles / "nowhere.txt", articles / "broken.txt")  # listed, cannot be read
    code = main(["run", str(articles), "-o", str(tmp_path / "out"), "--quiet"])
    assert code == 1
    statuses = {r["doc_id"]: r["status"] for r in read_csv(tmp_path / "out" / "reports.csv")}
    assert statuses == {"a": "ok", "broken": "error", "district/b": "ok"}


def test_skipped_and_empty_files_are_not_errors(articles, tmp_path):
    (articles / "slides.pptx").write_bytes(b"PK\x03\x04")
    (articles / "blank.txt").write_text("\n\n", encoding="utf-8")
    code = main(["run", str(articles), "-o", str(tmp_path / "out"), "--quiet"])
    assert code == 0
    statuses = {r["doc_id"]: r["status"] for r in read_csv(tmp_path / "out" / "reports.csv")}
    assert (statuses["slides"], statuses["blank"]) == ("skipped", "empty")


def test_missing_input_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    assert "not found" in capsys.readouterr().err


def test_summary_names_the_failed_file(articles, tmp_path, capsys):
    os.symlink(articles / "nowhere.txt", articles / "broken.txt")
    main(["run", str(articles), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert "3 files" in err and "broken.txt" in err


def test_library_api(articles, tmp_path):
    from pipeline import process_text, run

    report = process_text(ARTICLE_A, doc_id="a")
    assert [i.mention for i in report.indicators] == ["50个", "3000名", "200万元"]
    summary = run(articles, tmp_path / "out", jobs=1, progress=False)
    assert summary.n_errors == 0
    assert summary.n_indicators == 5
    assert [r["doc_id"] for r in summary.rows] == ["a", "district/b"]


def test_second_run_reuses_unchanged_files(articles, tmp_path):
    from pipeline import run

    out = tmp_path / "out"
    run(articles, out, progress=False)
    (articles / "a.txt").write_text(ARTICLE_A.replace("50个", "60个"), encoding="utf-8")
    again = run(articles, out, progress=False)
    assert (again.processed, again.reused) == (1, 1)
    mentions = [r["mention"] for r in read_csv(out / "indicators.csv")]
    assert "60个" in mentions and "50个" not in mentions


def test_sample_corpus_runs_clean(tmp_path):
    """`make` runs on corpus/: every article ends ok, with its indicators and exact offsets."""
    out = tmp_path / "out"
    assert main(["run", str(ROOT / "corpus"), "-o", str(out), "--quiet"]) == 0
    reports = read_csv(out / "reports.csv")
    assert list(reports[0]) == REPORT_COLUMNS
    articles = [r for r in reports if Path(r["path"]).name != "README"]
    assert len(articles) == 7
    assert all(r["status"] == "ok" and int(r["n_indicators"]) > 20 for r in articles)
    rows = read_csv(out / "indicators.csv")
    assert list(rows[0]) == INDICATOR_COLUMNS
    texts = {}
    for row in rows:
        if row["doc_id"] not in texts:
            texts[row["doc_id"]] = (out / "normalized" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        assert texts[row["doc_id"]][int(row["start"]):int(row["end"])] == row["mention"]


def test_a_single_file_as_input(articles, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(articles / "district" / "b.txt"), "-o", str(out), "--quiet"]) == 0
    assert [(r["doc_id"], r["status"]) for r in read_csv(out / "reports.csv")] == [("b", "ok")]
    assert [r["mention"] for r in read_csv(out / "indicators.csv")] == ["1200户", "80万元"]


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_an_output_that_cannot_be_a_folder_is_one_line_and_exit_2(articles, tmp_path, where):
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "taken" if where == "a file" else tmp_path / "taken" / "out"
    result = python_m("run", articles, "-o", out, "-q")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr
    assert str(out) in lines[0]
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"


def test_show_on_a_folder_says_what_it_takes(articles, capsys):
    assert main(["show", str(articles)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and ".pdf" in err and ".docx" in err and "pipeline run" in err


def test_run_json_records_what_made_the_tables(articles, tmp_path):
    import json

    out = tmp_path / "out"
    result = python_m("run", articles, "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    from pipeline.lexicon import load
    from pipeline.version import __version__

    assert info["version"] == __version__
    assert info["lexicon_fingerprint"] == load().fingerprint
    assert info["command"] == ["python", "-m", "pipeline", "run", str(articles), "-o", str(out), "-q"]
    assert info["counts"] == {"ok": 2} and info["n_indicators"] == 5
    assert info["started"][:2] == "20" and info["seconds"] > 0
