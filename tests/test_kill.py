"""A run killed with SIGKILL at any moment leaves no torn table, and the next run
completes the job with the same bytes as a run that was never killed.
"""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS
from pipeline.tables.reports import NAMES as REPORT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
N_FILES = 400
KILL_AFTER = 25  # per-report tables written before the kill: the run is under way


def article(i: int) -> str:
    """A short report of its own for each file, so every table differs."""
    return (f"青山县总工会{2000 + i % 25}年工作总结\n"
            f"全县新建工会组织{10 + i}个，发展会员{300 + 7 * i}名，其中农民工{i % 90 + 5}名。\n"
            f"全年投入帮扶资金{i % 40 + 1}.5万元，走访慰问困难职工{120 + i}户。\n"
            f"举办职工技能培训班{i % 12 + 2}期，培训职工{900 + i}人次。\n"
            "各级工会组织深入基层开展调查研究，倾听职工群众的意见和建议。\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "in"
    for i in range(N_FILES):
        sub = folder / f"batch{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"report_{i:04d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def command(folder: Path, out: Path, jobs: int = 2) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out),
            "--jobs", str(jobs), "--quiet"]


def tables_written(out: Path) -> int:
    folder = out / "reports"
    return sum(1 for p in folder.rglob("*.csv")) if folder.is_dir() else 0


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def kill_midway(folder: Path, out: Path) -> None:
    """Start a run, SIGKILL its main process once it is under way, wait for its workers."""
    proc = subprocess.Popen(command(folder, out), cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while tables_written(out) < KILL_AFTER:
            assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the run never got under way"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # only the main process, as `kill -9 PID` does
        proc.wait(timeout=30)
        # its pool workers die with it (they must not write on into the folder)
        deadline = time.monotonic() + 20
        while not group_gone(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_gone(proc.pid), "workers of the killed run are still running"
    finally:
        if not group_gone(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stderr.close()


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> Path:
    """The same corpus, never killed, on one process."""
    out = tmp_path_factory.mktemp("clean") / "out"
    done = subprocess.run(command(corpus, out, jobs=1), cwd=ROOT, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    return out


@pytest.fixture(scope="module")
def killed(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("killed") / "out"
    kill_midway(corpus, out)
    return out


def csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, strict=True))
    return rows[0], rows[1:]


def outputs(out: Path) -> dict[str, bytes]:
    """What a user reads: every file but the run's own state."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".state" not in p.relative_to(out).parts and p.name != "run.json"}


def test_killed_run_was_really_midway(killed):
    assert KILL_AFTER <= tables_written(killed) < N_FILES


def test_every_csv_left_is_whole(killed, clean):
    """Each table present parses, has its full header, and is exactly the table of the
    clean run: nothing was cut short."""
    present = [p for p in killed.rglob("*.csv") if not p.name.startswith(".")]
    assert present
    for path in present:
        head, rows = csv_rows(path)
        rel = path.relative_to(killed)
        if rel.parts[0] == "reports":
            assert head == INDICATOR_COLUMNS[:len(head)] and len(head) >= len(INDICATOR_COLUMNS)
            assert path.read_bytes() == (clean / rel).read_bytes(), rel
        elif rel.name == "reports.csv":
            assert head[:len(REPORT_COLUMNS)] == REPORT_COLUMNS
    for path in killed.rglob("*.txt"):
        rel = path.relative_to(killed)
        assert path.read_bytes() == (clean / rel).read_bytes(), rel


def test_no_visible_partial_file(killed):
    """Whatever the kill interrupted is a hidden temporary, never a name a user (or a
    glob of *.csv) would take for output."""
    for path in killed.rglob("*"):
        if path.is_file() and path.name.startswith(".tmp-"):
            assert not path.name.endswith((".csv", ".txt", ".json", ".parquet")), path
        elif path.is_file() and ".state" not in path.relative_to(killed).parts and path.name != "run.json":
            assert path.suffix in (".csv", ".txt"), path


def test_next_run_completes_the_job(killed, clean, corpus):
    done = subprocess.run(command(corpus, killed), cwd=ROOT, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    assert not [p for p in killed.rglob(".tmp-*")], "temporaries of the killed run are left"
    assert outputs(killed) == outputs(clean)
    head, rows = csv_rows(killed / "reports.csv")
    assert len(rows) == N_FILES and {r[head.index("status")] for r in rows} == {"ok"}


KILL_WHILE_WRITING = """
import sys, time
from pathlib import Path
from pipeline.files import atomic_open
with atomic_open(Path(sys.argv[1]), "w", encoding="utf-8") as fh:
    fh.write("doc_id,value\\n" + "a,1\\n" * 100000)
    fh.flush()
    print("writing", flush=True)
    time.sleep(120)
"""


def test_kill_while_a_table_is_being_written(tmp_path):
    """The final tables are written the same way: a kill halfway through leaves the table
    of the last complete run untouched, and the next run sweeps the temporary away."""
    from pipeline.files import remove_stale_temporaries

    table = tmp_path / "indicators.csv"
    table.write_text("doc_id,value\nold,1\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", KILL_WHILE_WRITING, str(table)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        proc.kill()
        proc.wait(timeout=30)
    finally:
        proc.stdout.close()
    assert table.read_text(encoding="utf-8") == "doc_id,value\nold,1\n"
    leftovers = list(tmp_path.glob(".tmp-*"))
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > 0
    assert not list(tmp_path.glob("*.csv"))[1:], "only the old table is a .csv"
    assert remove_stale_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["indicators.csv"]
