"""The start-up shortcuts of a run: a run with nothing to do does not load the lexicons
(their fingerprint is read from the files' bytes), yet writes the same run.json, and a
lexicon broken since the last run still stops the run before any file is processed or
removed; the corpus tables are told up to date by the key run.json records, and written
again when reports.csv is not what was written; the towns reader's fast path reads what
the line-by-line one reads."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline import lexicon as lexicon_mod
from pipeline.errors import LexiconError
from pipeline.lexicon import sections
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = {"a.txt": "全区新建工会组织12个，发展会员300名。\n",
            "b.txt": "全市投入帮扶资金45.5万元，走访慰问困难职工200户。\n"}


@pytest.fixture
def lex(tmp_path) -> Path:
    folder = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", folder)
    return folder


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".state" not in p.parts and p.name != "run.json"}


def run_info(out: Path) -> dict:
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {k: v for k, v in info.items() if k not in ("started", "seconds", "processed", "up_to_date")}


def test_a_run_with_nothing_to_do_loads_no_lexicon_and_writes_the_same_run_info(articles, lex, tmp_path,
                                                                               monkeypatch):
    out = tmp_path / "out"
    run(articles, out, lexicons=lex, progress=False)
    before, info = outputs(out), run_info(out)
    monkeypatch.setattr(lexicon_mod, "_LOADED", {})  # as in a new process

    def no_load(directory=None):
        raise AssertionError("a run with nothing to do loaded the lexicons")

    monkeypatch.setattr(lexicon_mod, "load", no_load)
    second = run(articles, out, lexicons=lex, progress=False)
    assert (second.processed, second.reused) == (0, 2)
    assert outputs(out) == before and run_info(out) == info
    # without the last run's run.json, the lists are read from units.yaml and categories.yaml
    (out / "run.json").unlink()
    run(articles, out, lexicons=lex, progress=False)
    assert outputs(out) == before and run_info(out) == info


def test_a_lexicon_broken_since_the_last_run_stops_the_next_before_any_work(articles, lex, tmp_path,
                                                                           monkeypatch):
    out = tmp_path / "out"
    run(articles, out, lexicons=lex, progress=False)
    before = outputs(out)
    monkeypatch.setattr(lexicon_mod, "_LOADED", {})
    with (lex / "boilerplate.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\noops: a: b\n")
    with pytest.raises(LexiconError, match="boilerplate.yaml:"):
        run(articles, out, lexicons=lex, progress=False)
    assert outputs(out) == before
    # and with no file left to process: checked before the gone files' outputs are removed
    for path in articles.iterdir():
        path.unlink()
    with pytest.raises(LexiconError, match="boilerplate.yaml:"):
        run(articles, out, lexicons=lex, progress=False)
    assert outputs(out) == before


def test_a_missing_lexicon_folder_stops_an_incremental_run_up_front(articles, tmp_path):
    out = tmp_path / "out"
    run(articles, out, progress=False)
    with pytest.raises(LexiconError, match="lexicon folder does not exist"):
        run(articles, out, lexicons=tmp_path / "nowhere", progress=False)


def test_tables_up_to_date_by_their_key_and_written_again_when_reports_csv_is_not(articles, tmp_path,
                                                                                monkeypatch):
    out = tmp_path / "out"
    run(articles, out, progress=False)
    before, key = outputs(out), run_info(out)["tables"]
    assert set(key) == {"key", "reports_digest"}
    from pipeline import runner

    def no_text(*args, **kwargs):
        raise AssertionError("reports.csv made again though the key held")

    monkeypatch.setattr(runner, "csv_chunks", no_text)
    run(articles, out, progress=None, jobs=2)  # how the run goes: the same key
    assert run_info(out)["tables"] == key and outputs(out) == before
    monkeypatch.undo()

    # a run.json of an earlier version: the tables compared with their text made again
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    del info["tables"]
    (out / "run.json").write_text(json.dumps(info), encoding="utf-8")

    written = []
    monkeypatch.setattr(runner, "write_corpus_tables", lambda corpus: written.append(corpus))
    run(articles, out, progress=False)
    assert not written and run_info(out)["tables"] == key
    monkeypatch.undo()

    (out / "reports.csv").write_text("doc_id\nedited\n", encoding="utf-8")  # the key holds, the file not
    run(articles, out, progress=False)
    assert outputs(out) == before and run_info(out)["tables"] == key


@pytest.mark.parametrize("text", [
    "# a comment\n一元街道\t420102\n一六镇\t431022\n一元街道\t420102\n一元街道\t110101",  # no final newline
    "一元街道\t420102\n\n  \n一六镇\t431022  \n",          # a blank line of spaces, spaces after a code
    " 一元街道\t420102\r\n一六镇 \t431022\n",               # spaces first, a CRLF, a space in a name
    "一元街道\t４２０１０２\n",                               # full-width digits pass isdigit()
])
def test_the_towns_fast_path_reads_as_the_lines_do(tmp_path, text):
    path = tmp_path / "towns.tsv"
    path.write_text(text, encoding="utf-8")
    towns = sections.load_towns(path, {})
    assert list(towns.items()) == list(sections._town_lines(path, text).items())


@pytest.mark.parametrize("text, line", [("一元街道\t42010\n", 1), ("# x\nabc\t420102\n", 2),
                                        ("一元街道\t420102\n一六镇431022\n", 2)])
def test_a_wrong_town_line_is_named(tmp_path, text, line):
    path = tmp_path / "towns.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"towns.tsv:{line}: expected"):
        sections.load_towns(path, {})
