"""The local engine's worker processes (pipeline/workers.py): every task once, tasks read
as workers have room, a worker that dies costs only its own file."""
from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline import runner
from pipeline import Pipeline
from pipeline.workers import AHEAD, imap_unordered
from csv_tables import read_csv


def square_with_pid(n: int) -> tuple[int, int]:
    time.sleep(0.002 * (n % 3))  # tasks of different lengths finish out of order
    return n * n, os.getpid()


def die_on_13(n: int) -> int:
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def exit_on_7(n: int) -> int:
    if n == 7:
        os._exit(3)
    return n


def no_death(task, reason):
    raise AssertionError(f"a worker died on {task}: {reason}")


def test_every_task_once_on_several_processes():
    results = list(imap_unordered(square_with_pid, range(60), 2, on_death=no_death))
    assert sorted(value for value, _pid in results) == [n * n for n in range(60)]
    pids = {pid for _value, pid in results}
    assert len(pids) == 2 and os.getpid() not in pids


def test_tasks_are_read_as_workers_have_room():
    taken = []

    def tasks():
        for n in range(1000):
            taken.append(n)
            yield n

    results = imap_unordered(square_with_pid, tasks(), 2, on_death=no_death)
    next(results)
    assert len(taken) <= 2 * AHEAD + 1  # not the whole list up front
    results.close()  # stopping early ends the workers


def test_a_dead_worker_costs_only_its_task():
    deaths = []

    def died(task, reason):
        deaths.append((task, reason))
        return "died"

    results = list(imap_unordered(die_on_13, range(40), 2, on_death=died))
    assert deaths == [(13, "signal SIGKILL")]
    assert sorted(r for r in results if r != "died") == [n for n in range(40) if n != 13]
    assert results.count("died") == 1


def test_a_worker_that_exits_is_reported_with_its_exit_code():
    deaths = []
    results = list(imap_unordered(exit_on_7, range(20), 2,
                                  on_death=lambda task, reason: deaths.append((task, reason))))
    assert deaths == [(7, "exit code 3")]
    assert len(results) == 20


def test_no_worker_outlives_the_run():
    import multiprocessing

    list(imap_unordered(square_with_pid, range(10), 2, on_death=no_death))
    results = imap_unordered(square_with_pid, range(100), 2, on_death=no_death)
    next(results)
    results.close()
    assert multiprocessing.active_children() == []


def test_a_file_that_kills_its_worker_is_an_error_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    """The out-of-memory killer, say, ends the worker processing one article: that article
    is recorded as an error with the reason, the others are processed, exit code says so."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"全区新建工会组织{i + 10}个，发展会员{i + 100}人。",
                                          encoding="utf-8")
    original = Pipeline.process_path

    def process_path(self, path, *args, **kwargs):
        if path.name == "a3.txt" and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, path, *args, **kwargs)

    parent = os.getpid()
    monkeypatch.setattr(Pipeline, "process_path", process_path)  # forked workers inherit it
    out = tmp_path / "out"
    summary = runner.run(folder, out, jobs=2, progress=False)
    rows = {r["doc_id"]: r for r in read_csv(out / "reports.csv")}
    assert rows["a3"]["status"] == "error"
    assert rows["a3"]["error"] == "the worker process processing this file died (signal SIGKILL)"
    assert [rows[f"a{i}"]["status"] for i in range(6) if i != 3] == ["ok"] * 5
    assert summary.n_errors == 1 and summary.processed == 6
    monkeypatch.setattr(Pipeline, "process_path", original)
    again = runner.run(folder, out, jobs=2, progress=False)  # an error is tried again
    assert (again.processed, again.n_errors) == (1, 0)


@pytest.mark.parametrize("jobs", [2, 3])
def test_tables_do_not_depend_on_the_number_of_workers(seeds_dir, tmp_path, jobs):
    one, many = tmp_path / "one", tmp_path / "many"
    runner.run(seeds_dir, one, jobs=1, progress=False)
    runner.run(seeds_dir, many, jobs=jobs, progress=False)
    for name in ("indicators.csv", "reports.csv", "summary.csv", "panel.csv"):
        assert (one / name).read_bytes() == (many / name).read_bytes()
