"""The Dask engine: the same per-file task as the local engine, on a Dask cluster.

    python -m pipeline run INPUT -o OUT --engine dask                      # a local cluster
    python -m pipeline run INPUT -o OUT --engine dask --scheduler tcp://host:8786

Each task is a `runner.Task` (a file's path, its doc id, the output folder and the
run's settings): a worker builds the pipeline once per
process, processes the file and writes its outputs, exactly as a local worker does, so
the tables are the same. Which files are up to date is decided, and recorded, by the
process that runs the command. On a real cluster the workers must therefore
see INPUT and OUT at the same paths (a shared file system) and have this package
installed. Dask is imported only here, so it stays an optional dependency.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterable, Iterator

from .errors import MissingDependency


def run_tasks(work: Callable, tasks: Iterable, settings, in_flight: int | None = None) -> Iterator:
    """work(task) for each task, on Dask workers, yielded in the order they finish.

    Without `settings.scheduler` a LocalCluster of `settings.jobs` worker processes (one
    thread each: the pipeline is pure Python) is started and stopped; with it, the
    scheduler at that address is used and left running. At most `in_flight` tasks are
    submitted at a time (default: four per worker thread), so a corpus of millions of
    files is streamed, not listed."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MissingDependency("the Dask engine needs dask.distributed: pip install "
                                "'work-report-indicators[dask]'") from None
    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, settings.jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        if in_flight is None:
            in_flight = 4 * (sum(client.nthreads().values()) or 1)
        tasks = iter(tasks)
        # pure=False: the same task twice (a file changed back) must run twice
        running = as_completed([client.submit(work, t, pure=False)
                                for t in itertools.islice(tasks, in_flight)])
        for future in running:
            result = future.result()
            future.release()
            for task in itertools.islice(tasks, 1):
                running.add(client.submit(work, task, pure=False))
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
