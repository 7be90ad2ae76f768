"""Hostile names, races, full disks, huge files and planted state.

One test (or a few) for each case that once broke a promise of the README, named after
it: two files sharing a doc id, a file changed while queued, a name that is not UTF-8,
a planted `.state`, sentences without end, a paragraph of megabytes, a file processed in
the main process, a full or read-only disk, two runs at once, the output folder as the
input, user files named `.tmp-*`, planted state rows, a YAML alias bomb, files hashed
whatever their type, formula injection, Ctrl-C, renamed inputs, NUL bytes and symbolic
links out of the input folder. Each runs the command line or the library as a user
would, and checks what the user sees: the tables, the exit code, one line on stderr.
"""
from __future__ import annotations

import builtins
import contextlib
import errno
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.cli import main
from pipeline.inputs import assign_doc_ids, iter_input_files, with_doc_ids
from csv_tables import read_csv

ROOT = Path(__file__).resolve().parent.parent


def article(n: int) -> str:
    """A short report of its own for each n: its figures say which file it came from."""
    return (f"青山县总工会{2000 + n}年工作总结\n"
            f"全县新建工会组织{100 + n}个，发展会员{3000 + n}名，投入帮扶资金{n + 1}.5万元。\n")


def write(folder: Path, name: str | bytes, text: str) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def cli(capsys, *args: str) -> tuple[int, str]:
    """The command line in this process: (exit code, what it printed on stderr)."""
    capsys.readouterr()
    code = main(["run", *map(str, args), "--quiet"])
    return code, capsys.readouterr().err


def one_clear_line(err: str, *words: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert all(w in lines[0] for w in words), err
    assert "Traceback" not in err


def rows_by_id(out: Path) -> dict[str, dict]:
    return {r["doc_id"]: r for r in read_csv(out / "reports.csv")}


def mentions_of(out: Path, doc_id: str) -> set[str]:
    return {r["mention"] for r in read_csv(out / "indicators.csv") if r["doc_id"] == doc_id}


# ------------------------------------------------------- 1. two files, one doc id

COLLIDING = ["a.txt", "a.html", "a.txt.html", "报告.txt", "报告.docx", "报告.txt.txt", "b.txt", "b.txt.txt"]


def test_colliding_names_get_distinct_doc_ids(tmp_path):
    files = [tmp_path / name for name in COLLIDING]
    ids = assign_doc_ids(files, tmp_path)
    assert len(set(ids)) == len(ids)
    assert dict(zip(COLLIDING, ids)) == {
        "a.txt": "a.txt", "a.html": "a.html", "a.txt.html": "a.txt.html",
        "报告.txt": "报告.txt", "报告.docx": "报告.docx", "报告.txt.txt": "报告.txt.txt",
        "b.txt": "b", "b.txt.txt": "b.txt.txt"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_colliding_names_each_keep_their_own_figures(tmp_path, capsys, jobs):
    folder = tmp_path / "in"
    for n, name in enumerate(COLLIDING):
        text = article(n)
        if name.endswith(".docx"):  # a real Word file: the docx reader reads it
            import docx

            write(folder, name, "")
            document = docx.Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(str(folder / name))
            continue
        write(folder, name, f"<html><body><p>{text}</p></body></html>" if name.endswith(".html") else text)
    code, err = cli(capsys, folder, "-o", tmp_path / "out", "--jobs", jobs)
    assert code == 0, err
    rows = read_csv(tmp_path / "out" / "reports.csv")
    assert len(rows) == len(COLLIDING) == len({r["doc_id"] for r in rows})
    for n, name in enumerate(COLLIDING):
        row = next(r for r in rows if r["path"].endswith("/" + name))
        assert f"{3000 + n}名" in mentions_of(tmp_path / "out", row["doc_id"]), name
        assert int(row["n_indicators"]) == len(mentions_of(tmp_path / "out", row["doc_id"]))


def test_a_folder_link_and_a_file_of_the_same_name_stay_apart(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "loop/back.txt", article(1))
    os.symlink("..", folder / "loop" / "back")  # a loop: an entry of its own, beside back.txt
    code, err = cli(capsys, folder, "-o", tmp_path / "out")
    assert code == 0, err
    rows = read_csv(tmp_path / "out" / "reports.csv")
    assert len(rows) == len({r["doc_id"] for r in rows}) == 2


# ------------------------------------------------------- 2. changed while queued

def test_outputs_are_keyed_on_the_bytes_the_worker_read(tmp_path, monkeypatch):
    """The main process hashes a file when it queues it; the worker reads it later. A
    file changed in between, then changed back, must not keep the other content's rows."""
    folder = tmp_path / "in"
    path = write(folder, "a.txt", article(1))
    original = runner.process_file

    def changed_meanwhile(task):
        path.write_text(article(2), encoding="utf-8")  # after the main process hashed it
        return original(task)

    monkeypatch.setattr(runner, "process_file", changed_meanwhile)
    out = tmp_path / "out"
    runner.run(folder, out, progress=False)
    assert "3002名" in mentions_of(out, "a")  # what the worker read
    monkeypatch.setattr(runner, "process_file", original)
    path.write_text(article(1), encoding="utf-8")  # changed back
    again = runner.run(folder, out, progress=False)
    assert again.processed == 1
    assert "3001名" in mentions_of(out, "a") and "3002名" not in mentions_of(out, "a")


# ------------------------------------------------------- 3. names that are not UTF-8

@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse such names")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_name_that_is_not_utf8_is_escaped_and_the_batch_goes_on(tmp_path, capsys, jobs):
    folder = tmp_path / "in"
    gbk = "报告".encode("gbk")  # b"\xb1\xa8\xb8\xe6": a name from a Windows zip
    write(folder, gbk + b".txt", article(1))
    write(folder, b"sub" + gbk + b"/x.txt", article(2))
    write(folder, "\\xb1\\xa8\\xb8\\xe6.txt", article(3))  # the escaped form, as a real name
    write(folder, "fine.txt", article(4))
    out = tmp_path / "out"
    code, err = cli(capsys, folder, "-o", out, "--jobs", jobs)
    assert code == 0, err
    rows = rows_by_id(out)
    assert sorted(rows) == ["\\\\xb1\\\\xa8\\\\xb8\\\\xe6", "\\xb1\\xa8\\xb8\\xe6", "fine",
                            "sub\\xb1\\xa8\\xb8\\xe6/x"]
    assert {r["status"] for r in rows.values()} == {"ok"}
    assert rows["\\xb1\\xa8\\xb8\\xe6"]["path"].endswith("/\\xb1\\xa8\\xb8\\xe6.txt")
    assert "3001名" in mentions_of(out, "\\xb1\\xa8\\xb8\\xe6")
    assert "3003名" in mentions_of(out, "\\\\xb1\\\\xa8\\\\xb8\\\\xe6")
    assert (out / "normalized" / "\\xb1\\xa8\\xb8\\xe6.txt").is_file()
    assert runner.run(folder, out, progress=False).processed == 0  # and reused next time


# ------------------------------------------------------- 4. a planted .state

def test_a_planted_state_link_is_not_followed(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.json").write_text("{}", encoding="utf-8")
    (victim / "other.sqlite").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim, out / ".state")
    before = sorted((p.name, p.read_bytes()) for p in victim.iterdir())
    code, err = cli(capsys, folder, "-o", out)
    assert code == 0, err
    assert sorted((p.name, p.read_bytes()) for p in victim.iterdir()) == before
    assert (out / ".state").is_dir() and not (out / ".state").is_symlink()


def test_a_planted_database_link_is_not_followed(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    theirs = tmp_path / "theirs.sqlite"
    with contextlib.closing(sqlite3.connect(theirs)) as db:
        db.execute("CREATE TABLE state (x)")
        db.execute("CREATE TABLE files (x)")
        db.commit()
    before = theirs.read_bytes()
    out = tmp_path / "out"
    (out / ".state").mkdir(parents=True)
    os.symlink(theirs, out / ".state" / "reports.sqlite")
    os.symlink(theirs, out / ".state" / "reports.sqlite-journal")
    code, err = cli(capsys, folder, "-o", out)
    assert code == 0, err
    assert theirs.read_bytes() == before
    assert not (out / ".state" / "reports.sqlite").is_symlink()


def test_links_planted_among_the_outputs_are_not_followed(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    write(folder, "sub/b.txt", article(2))
    out = tmp_path / "out"
    assert cli(capsys, folder, "-o", out)[0] == 0
    fresh = (out / "indicators.csv").read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.csv").write_text("doc_id\nplanted\n", encoding="utf-8")
    (out / "reports" / "a.csv").unlink()
    os.symlink(elsewhere / "b.csv", out / "reports" / "a.csv")  # a table replaced by a link
    for name in ("reports/sub", "normalized/sub"):
        path = out / name
        for p in path.iterdir():
            p.unlink()
        path.rmdir()
        os.symlink(elsewhere, path)  # a folder replaced by a link
    code, err = cli(capsys, folder, "-o", out)
    assert code == 0, err
    assert (out / "indicators.csv").read_bytes() == fresh
    assert sorted(p.name for p in elsewhere.iterdir()) == ["b.csv"]
    assert (elsewhere / "b.csv").read_text(encoding="utf-8") == "doc_id\nplanted\n"
    assert not any(p.is_symlink() for p in out.rglob("*"))


# ------------------------------------------------------- 5. output linear in a sentence's length

NO_END = "全区新建工会组织12个，发展会员300名，投入帮扶资金45万元，各级工会组织深入基层开展调查研究，"


@pytest.mark.parametrize("repeat", [60, 240])
def test_a_text_without_sentence_ends_gives_tables_linear_in_its_size(tmp_path, capsys, repeat):
    folder = tmp_path / "in"
    path = write(folder, "a.txt", NO_END * repeat)
    out = tmp_path / "out"
    assert cli(capsys, folder, "-o", out)[0] == 0
    rows = read_csv(out / "indicators.csv")
    assert len(rows) == 3 * repeat
    assert max(len(r["sentence"]) for r in rows) <= 402  # 400 and the "…" of each cut end
    assert (out / "indicators.csv").stat().st_size < 40 * path.stat().st_size
    text = (out / "normalized" / "a.txt").read_text(encoding="utf-8")
    for r in rows[::37]:  # the window holds the mention, and is text of the report
        window = r["sentence"].strip("…")
        assert r["mention"] in window and window in text


def test_sentence_window():
    from pipeline.report import sentence_window

    sentence = "甲" * 1000 + "会员300名" + "乙" * 1000
    window = sentence_window(sentence, 1000, 1006, size=40)
    assert window.startswith("…") and window.endswith("…") and "会员300名" in window
    assert len(window) == 42
    assert sentence_window("短句，会员300名。", 3, 9, size=40) == "短句，会员300名。"
    assert sentence_window(sentence, 0, 2, size=40) == sentence[:40] + "…"
    assert sentence_window(sentence, 2004, 2006, size=40) == "…" + sentence[-40:]


# ------------------------------------------------------- 6. time linear in one paragraph

def _cpu(function) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


def test_issuer_search_is_linear_in_a_paragraph(lexicon):
    """describe() once copied the text before each issuer suffix: the square of a
    paragraph's length."""
    from pipeline.describe import describe

    describe("", "各级总工会开展活动。", rules=lexicon.metadata)  # the gazetteer loaded
    short = _cpu(lambda: describe("", "各级总工会开展活动，" * 50_000, rules=lexicon.metadata))
    long = _cpu(lambda: describe("", "各级总工会开展活动，" * 200_000, rules=lexicon.metadata))
    assert long < 9 * max(short, 0.05), (short, long)  # 4 times the text: 4 times the time


def test_one_long_paragraph_takes_time_linear_in_its_length(nlp):
    nlp(NO_END * 20)
    short = _cpu(lambda: nlp(NO_END * 400))
    long = _cpu(lambda: nlp(NO_END * 1600))
    assert long < 8 * max(short, 0.05), (short, long)  # 4 times the text: 4 times the time


# ------------------------------------------------------- 7. big files; no file in the main process

def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path, capsys):
    folder = tmp_path / "in"
    big = write(folder, "big.txt", article(1) * 40_000)  # 4.7 MB
    write(folder, "small.txt", article(2))
    out = tmp_path / "out"
    code, err = cli(capsys, folder, "-o", out, "--max-file-mb", "1")
    assert code == 0, err
    rows = rows_by_id(out)
    assert rows["big"]["status"] == "skipped"
    size = f"{big.stat().st_size / (1 << 20):.1f}"
    assert rows["big"]["error"] == f"file too large: {size} MB, over the limit of 1 MB (--max-file-mb)"
    assert rows["small"]["status"] == "ok"
    code, err = cli(capsys, folder, "-o", out, "--max-file-mb", "0")  # no limit
    assert code == 0 and rows_by_id(out)["big"]["status"] == "ok"


def test_no_file_is_processed_in_the_main_process(tmp_path, monkeypatch):
    """With --jobs 2 every file is processed by a worker, which a file that kills it costs
    only that file; the caches the workers inherit are warmed on a sample of the
    pipeline's own."""
    from pipeline import Pipeline

    folder = tmp_path / "in"
    for n in range(4):
        write(folder, f"a{n}.txt", article(n))
    parent = os.getpid()
    original = Pipeline.process_path

    def process_path(self, path, *args, **kwargs):
        if os.getpid() == parent:
            raise AssertionError(f"{path} processed in the main process")
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "process_path", process_path)
    summary = runner.run(folder, tmp_path / "out", jobs=2, progress=False)
    assert summary.counts == {"ok": 4}


# ------------------------------------------------------- 8. full disk, read-only output, two runs

@contextlib.contextmanager
def mounted_tmpfs(path: Path, size: str, read_only: bool = False):
    """A small tmpfs at `path` (root, Linux); None when this machine does not allow it."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        done = None
    if done is None or done.returncode != 0:
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def big_corpus(folder: Path, n: int = 120) -> Path:
    for i in range(n):
        write(folder, f"r{i:03d}.txt", article(i) * 30)
    return folder


def test_a_full_disk_stops_the_run_with_one_line(tmp_path, capsys, monkeypatch):
    folder = big_corpus(tmp_path / "in")
    with mounted_tmpfs(tmp_path / "disk", "400k") as disk:
        if disk is None:  # no tmpfs here: the disk refuses the tenth report's outputs
            disk = tmp_path / "disk"
            from pipeline.tables import indicators

            calls, original = [], indicators.atomic_write

            def full(path, *args, **kwargs):
                calls.append(path)
                if len(calls) > 30:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
                return original(path, *args, **kwargs)

            monkeypatch.setattr(indicators, "atomic_write", full)
        small = tmp_path / "small"
        write(small, "a.txt", article(1))
        assert cli(capsys, small, "-o", disk / "out")[0] == 0
        tables = {p.name: p.read_bytes() for p in (disk / "out").glob("*.csv")}
        code, err = cli(capsys, folder, "-o", disk / "out")
        assert code == 2
        one_clear_line(err, "No space left on device", "the tables already there are whole")
        # the tables of the last complete run are left whole, and no temporary is left behind
        assert {p.name: p.read_bytes() for p in (disk / "out").glob("*.csv")} == tables
        assert not list((disk / "out").rglob(".tmp-*"))


def test_a_read_only_output_folder_stops_the_run_before_work(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    with mounted_tmpfs(tmp_path / "ro", "1m", read_only=True) as disk:
        if disk is None:  # no tmpfs here: the file system says read-only
            disk = tmp_path / "ro"
            from pipeline import files

            def read_only(self):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self.path))

            monkeypatch.setattr(files.OutputLock, "acquire", read_only)
        for out in (disk, disk / "sub"):
            code, err = cli(capsys, folder, "-o", out)
            assert code == 2
            one_clear_line(err, "cannot write to the output folder", "Read-only file system")


def test_an_output_path_that_is_a_file_stops_the_run_before_work(tmp_path, capsys):
    write(tmp_path / "in", "a.txt", article(1))
    (tmp_path / "out").write_text("mine", encoding="utf-8")
    code, err = cli(capsys, tmp_path / "in", "-o", tmp_path / "out")
    assert code == 2
    one_clear_line(err, "the output path is not a folder")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "mine"


SLOW_RUN = """
import sys, time
from pipeline import runner
original = runner.process_file
def slow(task):
    print("working", flush=True)
    time.sleep(60)
    return original(task)
runner.process_file = slow
runner.run(sys.argv[1], sys.argv[2], jobs=1, progress=False)
"""


def test_a_second_run_on_the_same_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(folder), str(out)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert first.stdout.readline().strip() == "working"
        (out / "reports" / ".tmp-0123456789ab.partial").parent.mkdir(parents=True, exist_ok=True)
        (out / "reports" / ".tmp-0123456789ab.partial").write_text("the first run's", encoding="utf-8")
        code, err = cli(capsys, folder, "-o", out)
        assert code == 2
        one_clear_line(err, "another run", f"(process {first.pid})")
        assert (out / "reports" / ".tmp-0123456789ab.partial").exists()  # not swept away
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        first.stdout.close()
    code, err = cli(capsys, folder, "-o", out)  # the lock dies with its run
    assert code == 0, err


# ------------------------------------------------------- 9. output folder = input folder

def test_the_output_folder_may_not_be_the_input_folder(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    for out in (folder, folder / ".", tmp_path / "in" / "sub" / ".."):
        code, err = cli(capsys, folder, "-o", out)
        assert code == 2
        one_clear_line(err, "is the input folder")
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_the_input_may_not_be_a_folder_the_run_writes(tmp_path, capsys):
    out = tmp_path / "out"
    write(tmp_path / "in", "a.txt", article(1))
    assert cli(capsys, tmp_path / "in", "-o", out)[0] == 0
    before = (out / "normalized" / "a.txt").read_bytes()
    code, err = cli(capsys, out / "normalized", "-o", out)
    assert code == 2
    one_clear_line(err, "which the run writes")
    assert (out / "normalized" / "a.txt").read_bytes() == before


# ------------------------------------------------------- 10. user files named .tmp-*

def test_user_files_named_like_temporaries_are_left_alone(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    out = tmp_path / "out"
    mine = [out / ".tmp-notes.txt", out / "keep" / ".tmp-draft.csv", out / ".tmp-abc.partial"]
    for path in mine:
        write(path.parent, path.name, "mine")
    theirs = out / "reports" / ".tmp-0123456789ab.partial"  # what a killed run leaves
    write(theirs.parent, theirs.name, "half")
    assert cli(capsys, folder, "-o", out)[0] == 0
    assert all(p.read_text(encoding="utf-8") == "mine" for p in mine)
    assert not theirs.exists()


# ------------------------------------------------------- 11. planted or damaged state rows

def edit_stored_rows(out: Path, edit) -> None:
    """Change the stored rows of every file, in place, whatever the state's layout: the
    JSON column that holds a list of rows, or a record with one."""
    with contextlib.closing(sqlite3.connect(out / ".state" / "reports.sqlite")) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
            for values in db.execute(f"SELECT rowid, * FROM {table}").fetchall():
                for name, value in zip(columns, values[1:]):
                    try:
                        data = json.loads(value)
                    except (TypeError, ValueError):
                        continue
                    if isinstance(data, dict) and isinstance(data.get("rows"), list):
                        data["rows"] = edit(data["rows"])
                    elif isinstance(data, list):
                        data = edit(data)
                    else:
                        continue
                    db.execute(f"UPDATE {table} SET {name} = ? WHERE rowid = ?",
                               (json.dumps(data, ensure_ascii=False), values[0]))
        db.commit()


def plant(rows):
    """Another file's doc id (b, whose table is there), another title and count."""
    return rows + [{**row, "doc_id": "b", "title": "planted title", "n_indicators": 999} for row in rows]


@pytest.mark.parametrize("edit", [lambda rows: [{}], lambda rows: [[]], lambda rows: [], plant,
                                  lambda rows: [{**r, "n_indicators": "x"} for r in rows],
                                  lambda rows: [{**r, "title": "edited"} for r in rows]],
                         ids=["empty row", "not a row", "no rows", "planted", "bad count", "edited"])
def test_damaged_or_planted_state_rows_cost_a_rerun(tmp_path, capsys, edit):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    write(folder, "b.txt", article(2))
    out = tmp_path / "out"
    assert cli(capsys, folder, "-o", out)[0] == 0
    fresh = {name: (out / name).read_bytes() for name in ("reports.csv", "indicators.csv")}
    edit_stored_rows(out, edit)
    summary = runner.run(folder, out, progress=False)
    assert summary.processed == 2
    assert {name: (out / name).read_bytes() for name in fresh} == fresh


# ------------------------------------------------------- 12. YAML alias bomb (done in the rebuild)

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))


def test_a_yaml_alias_bomb_in_a_lexicon_is_refused(tmp_path, capsys):
    import shutil

    lexicons = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", lexicons)
    (lexicons / "periods.yaml").write_text(BOMB, encoding="utf-8")
    write(tmp_path / "in", "a.txt", article(1))
    started = time.monotonic()
    code, err = cli(capsys, tmp_path / "in", "-o", tmp_path / "out", "--lexicons", lexicons)
    assert time.monotonic() - started < 30
    assert code == 2 and err.startswith("error: lexicon: ") and "YAML aliases" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------- 13. what is read to know what changed

class Counted:
    """A file object whose reads are counted in `spy` under the file's name."""

    def __init__(self, fh, name: str, spy: dict):
        self._fh, self._name, self._spy = fh, name, spy
        spy.setdefault(name, 0)

    def read(self, *args):
        data = self._fh.read(*args)
        self._spy[self._name] += len(data)
        return data

    def readinto(self, buffer):
        n = self._fh.readinto(buffer)
        self._spy[self._name] += n or 0
        return n

    def readline(self, *args):
        data = self._fh.readline(*args)
        self._spy[self._name] += len(data)
        return data

    def __iter__(self):
        return iter(self.readline, b"")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def __getattr__(self, name):
        return getattr(self._fh, name)


class ReadSpy:
    """Counts the bytes read from each input file through open() (builtins and io)."""

    def __init__(self, monkeypatch, folder: Path):
        self.read: dict[str, int] = {}
        self._open, self._folder = builtins.open, os.fspath(folder)
        monkeypatch.setattr(builtins, "open", self.open)
        monkeypatch.setattr(io, "open", self.open)

    def open(self, file, mode="r", *args, **kwargs):
        fh = self._open(file, mode, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)) and os.fspath(file).startswith(self._folder) \
                and "b" in mode and "r" in mode:
            return Counted(fh, os.path.basename(os.fspath(file)), self.read)
        return fh


def sparse(path: Path, size: int) -> None:
    with open(path, "wb") as fh:  # no disk space taken: NUL bytes when read
        fh.truncate(size)


def test_files_are_sized_and_typed_before_they_are_hashed(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    sparse(folder / "video.mp4", 1 << 30)
    sparse(folder / "huge.txt", 100 << 20)  # over the default limit, 20 MB
    out = tmp_path / "out"
    spy = ReadSpy(monkeypatch, folder)
    runner.run(folder, out, progress=False)
    again = runner.run(folder, out, progress=False)
    monkeypatch.undo()
    assert again.processed == 0
    assert spy.read.get("video.mp4", 0) == 0 and spy.read.get("huge.txt", 0) == 0
    assert spy.read["a.txt"] > 0  # the spy sees what is read
    rows = rows_by_id(out)
    assert rows["video"]["error"] == "unsupported file type '.mp4'"
    assert rows["huge"]["error"] == "file too large: 100.0 MB, over the limit of 20 MB (--max-file-mb)"


def test_a_binary_file_is_known_from_its_first_bytes(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    sparse(folder.mkdir() or folder / "nul.txt", 200 << 20)  # NUL bytes named .txt
    out = tmp_path / "out"
    spy = ReadSpy(monkeypatch, folder)
    runner.run(folder, out, progress=False, max_file_mb=0)
    runner.run(folder, out, progress=False, max_file_mb=0)
    monkeypatch.undo()
    assert 0 < spy.read["nul.txt"] <= 3 * 4096  # its first 4 KB, by each run (and the worker)
    assert rows_by_id(out)["nul"]["error"] == "not a text file: binary data"


def test_a_link_to_proc_does_not_hang_the_run(tmp_path):
    if not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    os.symlink("/proc/self", folder / "proc")
    os.symlink("/proc/self/pagemap", folder / "pagemap.txt")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "-o",
                           str(tmp_path / "out"), "--quiet"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = rows_by_id(tmp_path / "out")
    assert rows["proc"]["status"] == rows["pagemap"]["status"] == "skipped"
    assert "symbolic link out of the input folder" in rows["proc"]["error"]


# ------------------------------------------------------- 14. formula injection

def test_excel_csvs_neutralise_cells_a_spreadsheet_would_evaluate(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "page.html", '<html><head><title>=HYPERLINK("http://example.invalid","点击")</title>'
                               f"</head><body><p>{article(1)}</p></body></html>")
    write(folder, "=cmd.txt", "+1+1，全区发展会员300名。\n@SUM(A1)，新建工会组织12个。\n")
    out, plain = tmp_path / "excel", tmp_path / "plain"
    assert cli(capsys, folder, "-o", out, "--excel")[0] == 0
    assert cli(capsys, folder, "-o", plain)[0] == 0
    formula = tuple("=+-@\t\r")
    for name in ("reports.csv", "indicators.csv", "summary.csv"):
        for row in read_csv(out / name):
            assert not any(v.startswith(formula) for v in row.values()), (name, row)
    assert rows_by_id(out)["page"]["title"] == "'" + rows_by_id(plain)["page"]["title"]
    assert rows_by_id(plain)["page"]["title"].startswith("=HYPERLINK")
    assert "'=cmd" in rows_by_id(out) and "=cmd" in rows_by_id(plain)
    assert {r["sentence"][:1] for r in read_csv(out / "reports" / "=cmd.csv")} == {"'"}
    values = [r["value"] for r in read_csv(out / "indicators.csv")]
    assert values and all(not v.startswith("'") for v in values)  # numbers stay numbers


# ------------------------------------------------------- 15. Ctrl-C, renamed inputs, NUL bytes, links

def test_ctrl_c_prints_no_traceback(tmp_path):
    folder = tmp_path / "in"
    for i in range(300):
        write(folder, f"r{i:03d}.txt", article(i) * 20)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out),
                             "--jobs", "2", "--quiet"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            start_new_session=True,
                            # a shell's background job ignores SIGINT, and a Python started
                            # ignoring it keeps ignoring it: the run gets Ctrl-C as a terminal's would
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while not (out / "reports").is_dir() or len(list((out / "reports").iterdir())) < 5:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C on a terminal does: the whole group
        err = proc.communicate(timeout=60)[1]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip() == "interrupted"


def test_a_renamed_or_deleted_input_leaves_no_outputs_behind(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    write(folder, "sub/b.txt", article(2))
    write(folder, "c.txt", article(3))
    out = tmp_path / "out"
    assert cli(capsys, folder, "-o", out)[0] == 0
    (folder / "a.txt").rename(folder / "renamed.txt")
    (folder / "sub" / "b.txt").unlink()
    (folder / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # no longer an article
    assert cli(capsys, folder, "-o", out)[0] == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and ".state" not in p.parts)
    assert files == ["indicators.csv", "normalized/renamed.txt", "panel.csv", "reports.csv",
                     "reports/c.csv", "reports/renamed.csv", "run.json", "summary.csv"]


def test_a_few_nul_bytes_do_not_make_an_article_binary(tmp_path, capsys):
    folder = tmp_path / "in"
    text = article(1).encode("utf-8")
    (folder).mkdir()
    (folder / "padded.txt").write_bytes(text[:20] + b"\x00" + text[20:] + b"\x00\x00")
    (folder / "gbk.txt").write_bytes(b"\x00" + article(2).encode("gbk"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "utf16.txt").write_bytes(article(3).encode("utf-16-le"))
    out = tmp_path / "out"
    assert cli(capsys, folder, "-o", out)[0] == 0
    rows = rows_by_id(out)
    assert rows["padded"]["status"] == rows["gbk"]["status"] == rows["utf16"]["status"] == "ok"
    assert "3 NUL bytes removed" in rows["padded"]["warnings"]
    assert "3001名" in mentions_of(out, "padded") and "3002名" in mentions_of(out, "gbk")
    assert "\x00" not in (out / "normalized" / "padded.txt").read_text(encoding="utf-8")
    assert rows["binary"]["status"] == "skipped"


def test_links_out_of_the_input_folder_are_followed_only_when_asked(tmp_path, capsys):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    write(folder, "a.txt", article(1))
    secret = write(outside, "secret.txt", article(2))
    write(outside, "folder/b.txt", article(3))
    os.symlink(secret, folder / "secret.txt")
    os.symlink(outside / "folder", folder / "folder")
    os.symlink("a.txt", folder / "inside.txt")  # inside the input folder: followed
    out = tmp_path / "out"
    assert cli(capsys, folder, "-o", out)[0] == 0
    rows = rows_by_id(out)
    assert sorted(rows) == ["a", "folder", "inside", "secret"]
    assert rows["inside"]["status"] == "ok"
    for doc_id in ("secret", "folder"):
        assert rows[doc_id]["status"] == "skipped"
        assert "symbolic link out of the input folder" in rows[doc_id]["error"]
    assert not (out / "normalized" / "secret.txt").exists()
    assert cli(capsys, folder, "-o", out, "--follow-symlinks")[0] == 0
    rows = rows_by_id(out)
    assert sorted(rows) == ["a", "folder/b", "inside", "secret"]
    assert {r["status"] for r in rows.values()} == {"ok"}


# ------------------------------------------------------- done in the rebuild: checked here

def test_the_catch_all_names_what_it_caught(tmp_path, monkeypatch):
    """An exception in a stage is the file's error row, named as what it is."""
    import dataclasses

    from pipeline import normalize, pipeline

    def broken(report, *args, **kwargs):
        raise ZeroDivisionError("a bug in a stage")

    stages = [dataclasses.replace(s, function=broken) if s is normalize.STAGE else s
              for s in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    monkeypatch.setattr(pipeline, "_CACHE", {})
    write(tmp_path / "in", "a.txt", article(1))
    summary = runner.run(tmp_path / "in", tmp_path / "out", progress=False)
    error = summary.errors[0]["error"]
    assert error.startswith("ZeroDivisionError: a bug in a stage") and "cannot write" not in error


def test_an_unexpected_error_exits_3_with_one_line(tmp_path, capsys, monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(runner, "_write_tables", broken)
    write(tmp_path / "in", "a.txt", article(1))
    code, err = cli(capsys, tmp_path / "in", "-o", tmp_path / "out")
    assert code == 3
    assert err.strip().splitlines() == [err.strip()] and "unexpected RuntimeError: a bug" in err
    assert "Traceback" not in err


def test_json_files_in_the_state_folder_are_left_alone(tmp_path, capsys):
    """Former versions kept the state in *.json files and removed them when migrating."""
    write(tmp_path / "in", "a.txt", article(1))
    mine = tmp_path / "out" / ".state" / "notes.json"
    write(mine.parent, mine.name, "{}")
    assert cli(capsys, tmp_path / "in", "-o", tmp_path / "out")[0] == 0
    assert mine.read_text(encoding="utf-8") == "{}"


def test_files_are_listed_a_folder_at_a_time(tmp_path):
    for name in ["b/x.txt", "a.txt", "b.txt", "b/y.txt", "c/z.txt"]:
        write(tmp_path, name, "x")
    os.symlink("b", tmp_path / "b_link")
    listed = [p.relative_to(tmp_path).as_posix() for p in iter_input_files(tmp_path)]
    assert listed == ["a.txt", "b.txt", "b_link", "b/x.txt", "b/y.txt", "c/z.txt"]
    assert [d for _p, d in with_doc_ids(iter_input_files(tmp_path), tmp_path)] == \
        ["a", "b", "b_link", "b/x", "b/y", "c/z"]
