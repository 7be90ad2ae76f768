"""The Dask engine gives the local engine's tables, running the tasks on Dask workers."""
from __future__ import annotations

import itertools
import sys

import pytest

distributed = pytest.importorskip("dask.distributed")

from pipeline import runner  # noqa: E402
from pipeline.dask_engine import run_tasks  # noqa: E402
from pipeline.runner import Task, run, run_task  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

TABLES = ("indicators.csv", "reports.csv", "summary.csv", "panel.csv")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, as `--engine dask --jobs 2` starts."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


def outputs(out):
    return {str(p.relative_to(out)): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and ".state" not in p.parts and p.name != "run.json"}


def test_dask_engine_tables_equal_the_local_engine(cluster, seeds_dir, seeds_out, tmp_path):
    out = tmp_path / "dask"
    summary = run(seeds_dir, out, engine="dask", scheduler=cluster.scheduler_address, segmented=True,
                  progress=False)
    assert summary.processed == 5 and summary.n_errors == 0
    local, dask = outputs(seeds_out), outputs(out)
    assert set(TABLES) <= set(dask)
    assert dask == local  # every table and every per-report file, byte for byte

    # the work ran in the worker processes: each that took a task built its own pipeline
    with distributed.Client(cluster.scheduler_address) as client:
        built = client.run(lambda: bool(sys.modules["pipeline.pipeline"]._CACHE))
    assert any(built.values())


def test_dask_engine_streams_the_tasks(cluster, seeds_dir, tmp_path):
    """No more than `in_flight` tasks are taken from the stream before results come back,
    so a corpus of any size is never listed whole; the tasks are the runner's own, and
    each must succeed (a task of the wrong shape would end every file in error)."""
    files = sorted(seeds_dir.iterdir())
    taken = []
    settings = Settings(engine="dask", scheduler=cluster.scheduler_address)

    def tasks():
        for path in files:
            taken.append(path)
            yield Task(path, seeds_dir, path.stem, tmp_path / "out", settings)

    results = run_tasks(run_task, tasks(), settings, in_flight=2)
    first = next(results)
    assert len(taken) <= 3
    rest = list(results)
    assert len(taken) == len(files) and 1 + len(rest) == len(files)
    done = {result.file_id: result.rows for result in [first, *rest]}
    assert sorted(done) == [p.stem for p in files]
    assert all(rows[0]["status"] == "ok" and rows[0]["n_indicators"] > 0 for rows in done.values())
    for path in files:  # each task wrote its report's table, as a local worker does
        name = f"reports/{path.stem}.csv"
        assert (tmp_path / "out" / name).exists()


def test_dask_engine_starts_a_local_cluster_without_an_address(seeds_dir, seeds_out, tmp_path):
    corpus = tmp_path / "two"
    corpus.mkdir()
    for path in itertools.islice(sorted(seeds_dir.iterdir()), 2):
        (corpus / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "dask"
    summary = run(corpus, out, engine="dask", jobs=2, progress=False)
    assert summary.processed == 2
    for path in corpus.iterdir():
        name = f"reports/{path.stem}.csv"
        assert (out / name).read_bytes() == (seeds_out / name).read_bytes()


def test_dask_is_imported_only_for_the_dask_engine(tmp_path):
    import subprocess

    code = ("import sys, pipeline, pipeline.cli, pipeline.runner; "
            "print(any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
    assert runner.run.__module__ == "pipeline.runner"
