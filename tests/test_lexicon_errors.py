"""A malformed lexicon stops the run before any work, with the file and line, no traceback.

Each test copies lexicons/ to a temporary folder, breaks one file in one way, and runs
the command line on it: exit status 2, a message `error: lexicon: FILE:LINE: ...`, and
no output folder.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import lexicon as lexicon_mod
from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "lexicons"
ARTICLE = "全区新建工会组织12个，发展会员300名。\n"


@pytest.fixture
def lex(tmp_path) -> Path:
    folder = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, folder)
    return folder


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def insert_after(path: Path, anchor: str, new_line: str) -> int:
    """Insert `new_line` after the first line that is exactly `anchor`; its line number."""
    lines = lines_of(path)
    at = lines.index(anchor) + 1
    lines.insert(at, new_line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def replace_line(path: Path, old: str, new: str) -> int:
    lines = lines_of(path)
    at = lines.index(old)
    lines[at] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def append_line(path: Path, new_line: str) -> int:
    lines = lines_of(path)
    while lines and lines[-1] == "":
        lines.pop()
    lines.append(new_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def run_cli(articles: Path, lex: Path, capsys) -> tuple[int, str, Path]:
    out = articles.parent / "out"
    code = main(["run", str(articles), "-o", str(out), "--lexicons", str(lex), "--quiet"])
    return code, capsys.readouterr().err, out


def assert_stops_at(articles, lex, capsys, name: str, line: int, words: str):
    code, err, out = run_cli(articles, lex, capsys)
    assert code == 2, err
    assert f"{name}:{line}:" in err, err
    assert words in err, err
    assert "Traceback" not in err
    assert not out.exists(), "no work may start before the lexicons are checked"


def test_bad_yaml(articles, lex, capsys):
    line = append_line(lex / "categories.yaml", "oops: a: b")
    assert_stops_at(articles, lex, capsys, "categories.yaml", line, "invalid YAML")


def test_unknown_category(articles, lex, capsys):
    # categories are defined by the file: a default naming one it does not define is a typo
    line = replace_line(lex / "categories.yaml", "    money: funds", "    money: fundz")
    assert_stops_at(articles, lex, capsys, "categories.yaml", line, "unknown category 'fundz'")


def test_duplicate_entry(articles, lex, capsys):
    # 元 is a money unit already: the same word under persons is a contradiction
    line = insert_after(lex / "units.yaml", "  persons:", "    - 元")
    assert_stops_at(articles, lex, capsys, "units.yaml", line, "duplicate entry '元'")


def test_duplicate_key(articles, lex, capsys):
    # YAML itself would keep the second `durations` and drop the first without a word
    line = append_line(lex / "units.yaml", "durations: [年]")
    assert_stops_at(articles, lex, capsys, "units.yaml", line, "duplicate key 'durations'")


def test_wrong_type_of_value(articles, lex, capsys):
    line = replace_line(lex / "boilerplate.yaml", "max_unpunctuated_line: 60",
                        "max_unpunctuated_line: sixty")
    assert_stops_at(articles, lex, capsys, "boilerplate.yaml", line, "should be a whole number")


def test_word_where_a_list_belongs(articles, lex, capsys):
    path = lex / "categories.yaml"
    old = next(line for line in lines_of(path) if line.startswith("transparent_heads:"))
    line = replace_line(path, old, "transparent_heads: 总数")
    assert_stops_at(articles, lex, capsys, "categories.yaml", line, "should be a list of words")


def test_bad_regular_expression(articles, lex, capsys):
    line = insert_after(lex / "boilerplate.yaml", "cut_from:", "  - '([unclosed'")
    assert_stops_at(articles, lex, capsys, "boilerplate.yaml", line, "bad regular expression")


def test_pattern_that_backtracks_exponentially_is_refused(articles, lex, capsys):
    # (?:[一二]|\d{1,2})+ splits a run of n digits in about 1.6**n ways; one such period
    # pattern took four minutes on a real page holding a long number.
    line = insert_after(lex / "periods.yaml", "patterns:", "  - '(?:[一二三]|\\d{1,2})+年来'")
    assert_stops_at(articles, lex, capsys, "periods.yaml", line, "exponential")


@pytest.mark.parametrize("pattern, refused", [
    (r"(?:[一二三]|\d{1,2})+年", True),
    (r"近(?:[一二]|\d+)*年", True),
    (r"(?:(?:[一二])|(?:\d{2,3}))+", True),
    (r"[一二三\d]+年", False),           # the same strings as one character class
    (r"(?:[一二]|\d{2})+", False),         # each alternative of one length
    (r"^(首页|网站首页)(\s*[|>»/]\s*\S+)+", False),  # a sequence, not alternatives
    (r"\d{4}年(?:\d{1,2}月)?", False),
])
def test_nested_repeat_shapes(pattern, refused):
    from pipeline.lexicon.yaml_file import nested_repeat
    assert nested_repeat(pattern) is refused


def test_bad_user_dictionary_line(articles, lex, capsys):
    line = append_line(lex / "user_dict.txt", "工会会员 many n")
    assert_stops_at(articles, lex, capsys, "user_dict.txt", line, "expected 'word [frequency] [tag]'")


def test_bad_report_metadata_stops_before_work(articles, lex, capsys):
    # this file is read when the first report is tagged: it must be checked up front too,
    # or every file would end in error one by one instead of the run stopping
    line = append_line(lex / "report_metadata.yaml", "oops: a: b")
    assert_stops_at(articles, lex, capsys, "report_metadata.yaml", line, "invalid YAML")


def test_missing_file(articles, lex, capsys):
    (lex / "verbs.yaml").unlink()
    code, err, out = run_cli(articles, lex, capsys)
    assert code == 2 and "verbs.yaml" in err and "missing" in err and not out.exists()


def test_a_sound_copy_runs(articles, lex, capsys):
    # the breakages above are the only difference from a run that works
    code, err, out = run_cli(articles, lex, capsys)
    assert code == 0, err
    assert (out / "reports.csv").exists()


def test_no_traceback_from_the_real_command(articles, lex):
    """The same through `python -m pipeline`, as a user runs it."""
    line = replace_line(lex / "categories.yaml", "    money: funds", "    money: fundz")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(articles), "-o",
                           str(articles.parent / "out"), "--lexicons", str(lex)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert re.search(rf"categories\.yaml:{line}: unknown category", proc.stderr), proc.stderr
    assert not (articles.parent / "out").exists()


# ---------------------------------------------------------------- any breakage at all

YAML_FILES = sorted(p.name for p in LEXICONS.glob("*.yaml"))
BAD_VALUES = st.sampled_from([None, 7, -1, 2.5, True, "", "zz(", "([", ["x", ["y"]], {"k": "v"}, {"k": None}])


def _node_paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _node_paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _node_paths(value, prefix + (i,))


def _replace(data, path, value, delete: bool):
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(YAML_FILES), st.data())
def test_any_breakage_is_a_lexicon_error_with_file_and_line(name, data):
    """Whatever value a section, word or number is replaced with, loading either works or
    stops with a LexiconError naming the file and a line; never another exception."""
    original = yaml.safe_load((LEXICONS / name).read_text(encoding="utf-8"))
    paths = list(_node_paths(original))
    path = data.draw(st.sampled_from(paths), label="where")
    delete = bool(path) and data.draw(st.booleans(), label="delete")
    value = data.draw(BAD_VALUES, label="value")
    broken = _replace(original, path, value, delete)
    folder = Path(tempfile.mkdtemp(prefix="lexicons-"))
    try:
        shutil.copytree(LEXICONS, folder, dirs_exist_ok=True)
        (folder / name).write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        try:
            lexicon_mod.load(folder)
        except lexicon_mod.LexiconError as exc:
            assert re.match(rf"{re.escape(str(folder))}/[\w.]+:[1-9]\d*: ", str(exc)), str(exc)
    finally:
        shutil.rmtree(folder)


def test_a_place_put_in_no_division_of_the_dataset_stops_with_its_line(articles, lex, capsys):
    # checked against the division dataset when the gazetteer is built, at the first report
    # (as ambiguous_short_names is): the report fails saying where, no traceback
    line = replace_line(lex / "report_metadata.yaml", "  places_in:", "  places_in:\n    '719999': [某某县]")
    code, err, out = run_cli(articles, lex, capsys)
    assert code == 1 and "Traceback" not in err
    row = (out / "reports.csv").read_text(encoding="utf-8").splitlines()[1]
    assert f"report_metadata.yaml:{line}: places_in: 719999 is no division" in row
