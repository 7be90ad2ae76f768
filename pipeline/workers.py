"""The local engine's worker processes (`--jobs N`): N forked processes, each given
files one at a time, the results in the order they finish.

Why not multiprocessing.Pool: its worker-handler thread wakes up on every result
(the result pipe is among the things it waits on), which cost the main process 0.3 s
of CPU per 500 files, taken from the workers on a two-core machine; and a worker that
dies (the kernel's out-of-memory killer) loses its task, so that the run waits
forever. Here the main process has no helper threads: it waits on the workers' pipes
and process sentinels at once, keeps two files queued at each worker, and when a
worker dies it records that worker's file as an error with the reason, gives its
queued file to another, and starts a new worker.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait


def _serve(conn, work: Callable, start: Callable | None, start_args: tuple) -> None:
    """A worker: one task from the pipe, its result back, until the pipe closes. Ctrl-C
    is the main process's to handle (it stops the workers): a worker ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if start is not None:
        start(*start_args)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(work(task))


class _Worker:
    def __init__(self, ctx, work, start, start_args):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, start, start_args),
                                   daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: its death closes the pipe
        self.tasks: deque = deque()  # sent, not answered yet, in the order sent

    def stop(self, timeout: float) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death(process) -> str:
    process.join()
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


# Tasks sent ahead to each worker: it starts its next file without waiting for the main
# process to read its last result and answer (a round trip of some 0.3 ms here).
AHEAD = 2


def imap_unordered(work: Callable, tasks: Iterable, jobs: int, *,
                   on_death: Callable[[object, str], object],
                   initializer: Callable | None = None, initargs: tuple = ()) -> Iterator:
    """work(task) for each task on `jobs` worker processes, yielded as they finish.

    Tasks are read from `tasks` as workers have room for them (a run of a million files
    never holds their list). A worker that dies yields on_death(task, reason) for the
    task it was on, its other tasks go to the others, and a new worker takes its seat.
    Workers are forked where the system can (they inherit what the main process built)."""
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    tasks = iter(tasks)
    returned: deque = deque()  # tasks of a dead worker that it had not started

    def take():
        return returned.popleft() if returned else next(tasks, None)

    workers = [_Worker(ctx, work, initializer, initargs) for _ in range(jobs)]
    finished = False
    try:
        while True:
            for worker in workers:
                while len(worker.tasks) < AHEAD and (task := take()) is not None:
                    worker.tasks.append(task)
                    try:
                        worker.conn.send(task)
                    except OSError:  # it died: wait() below sees its pipe closed
                        break
            busy = [w for w in workers if w.tasks]
            if not busy:
                finished = True
                return
            by_handle = {w.conn: w for w in busy} | {w.process.sentinel: w for w in busy}
            for worker in {by_handle[h] for h in wait(list(by_handle))}:
                try:
                    result = worker.conn.recv()
                    worker.tasks.popleft()
                except (EOFError, OSError):  # it died on its first task
                    result = on_death(worker.tasks.popleft(), _death(worker.process))
                    returned.extendleft(reversed(worker.tasks))
                    worker.conn.close()
                    workers[workers.index(worker)] = _Worker(ctx, work, initializer, initargs)
                yield result
    finally:
        for worker in workers:  # asked to end when done; killed when the run is stopping
            worker.stop(timeout=5.0 if finished else 0.0)
