"""Run the pipeline over a folder: stream the files, process them on N processes,
re-process only what changed, write the tables.

`run(input_dir, out_dir)` is the library call behind `python -m pipeline run` and `make`.
"""
from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import sqlite3
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon as lexicon_mod
from .core import Pipeline, fingerprint as pipeline_fingerprint
from .emit import (remove_stale_temporaries, reports_table_chunks, safe_path,
                   write_indicators_table, write_report_files, write_reports_table)
from .ingest import doc_id_for, iter_input_files
from .report import Report
from .summary import report_sums, write_summary_table

STATE_DIR = ".state"
STATE_DB = "reports.sqlite"


@dataclass
class RunSummary:
    """What a run did, in counts: the rows themselves are in reports.csv (a run streams
    them to disk, so that memory does not grow with the corpus)."""
    out_dir: Path
    processed: int = 0
    reused: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # files by status
    n_indicators: int = 0
    errors: list[dict] = field(default_factory=list)  # the reports.csv rows of failed files

    def add(self, row: dict, reused: bool) -> None:
        self.counts[row["status"]] = self.counts.get(row["status"], 0) + 1
        self.n_indicators += int(row["n_indicators"] or 0)
        if row["status"] == "error":
            self.errors.append(row)
        self.reused += reused
        self.processed += not reused

    @property
    def n_files(self) -> int:
        return sum(self.counts.values())

    @property
    def n_errors(self) -> int:
        return self.counts.get("error", 0)

    @property
    def rows(self) -> list[dict]:
        """reports.csv as it was written, one dict a file (values as text)."""
        with open(self.out_dir / "reports.csv", encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))


# The worker's pipeline: built once per process (inherited on fork, rebuilt on spawn).
_WORKER: dict = {}


def _init_worker(config: dict) -> None:
    if _WORKER.get("config") != config:
        _WORKER["pipeline"] = Pipeline(config["lexicons"], config["segmenter"], **config["options"])
        _WORKER["config"] = config


def _start_worker(config: dict) -> None:
    """A pool worker dies with the run (Linux), so a run killed with kill -9 leaves no
    worker writing on into the output folder."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end at their next result
        pass
    _init_worker(config)


def _digest(path: Path) -> str | None:
    h = hashlib.blake2b(digest_size=16)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a named pipe or device is never opened: it could block the run
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def assign_doc_ids(files: list[Path], root: Path) -> list[str]:
    """doc_id = relative path without extension; where two files would share one
    (a.txt and a.html), both keep their extension instead."""
    ids = [doc_id_for(p, root) for p in files]
    counts: dict[str, int] = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    return [i if counts[i] == 1 else Path(p).relative_to(root).as_posix()
            for i, p in zip(ids, files)]


class _StateStore:
    """What earlier runs did, for incremental runs: for each doc id, the key its outputs
    were made under (pipeline fingerprint, the file's digest, the BOM option) and its
    reports.csv row. One SQLite file in OUT/.state/, read and written by the main process
    only, so that a worker writes three files per report and not four (creating a file
    took 0.05 to 1 ms on the disk here, a cost the workers share). It is a cache: commits
    are not synced, and what a killed run or a damaged file loses only makes the next run
    process those files again."""

    BATCH = 256  # rows per transaction

    def __init__(self, out_dir: Path):
        folder = out_dir / STATE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / STATE_DB
        self._pending = 0
        if not self._path.exists():  # the state as earlier versions kept it: a JSON file a report
            for legacy in folder.rglob("*.json"):
                legacy.unlink(missing_ok=True)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:  # not a database any more: start again
            for suffix in ("", "-journal"):
                Path(f"{self._path}{suffix}").unlink(missing_ok=True)
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, isolation_level=None)  # transactions by hand
        try:
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE IF NOT EXISTS state "
                       "(doc_id TEXT PRIMARY KEY, key TEXT NOT NULL, row TEXT NOT NULL)")
            db.execute("SELECT doc_id FROM state LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def key(fingerprint: str, digest: str | None, bom: bool) -> str:
        return json.dumps({"fingerprint": fingerprint, "digest": digest, "bom": bom},
                          sort_keys=True)

    def row(self, doc_id: str, key: str) -> dict | None:
        """The row stored for doc_id under this key, else None."""
        try:
            found = self._db.execute("SELECT key, row FROM state WHERE doc_id = ?",
                                     (doc_id,)).fetchone()
            return json.loads(found[1]) if found and found[0] == key else None
        except (sqlite3.DatabaseError, ValueError):
            return None

    def put(self, doc_id: str, key: str, row: dict) -> None:
        if not self._pending:
            self._db.execute("BEGIN")
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?, ?)",
                         (doc_id, key, json.dumps(row, ensure_ascii=False)))
        self._pending += 1
        if self._pending >= self.BATCH:
            self.commit()

    def commit(self) -> None:
        """Before workers are forked too: a worker must never inherit an open transaction."""
        if self._pending:
            self._db.execute("COMMIT")
            self._pending = 0

    def close(self) -> None:
        self.commit()
        self._db.close()


def _reusable_row(store: _StateStore, path: Path, doc_id: str, out_dir: Path, key: str,
                  digest: str | None) -> dict | None:
    """The row of the last run if the file's outputs are up to date, else None."""
    if digest is None:
        return None
    row = store.row(doc_id, key)
    if row is None or not safe_path(out_dir / "reports", doc_id, ".csv").exists():
        return None
    row["path"] = str(path)
    return row


def process_one(path: Path, root: Path, doc_id: str, out_dir: Path, bom: bool,
                config: dict) -> tuple[dict, bool]:
    """Process one file and write its outputs. Returns (reports.csv row, False)."""
    _init_worker(config)
    report: Report = _WORKER["pipeline"].process_file(path, root, doc_id=doc_id)
    indicator_rows = report.indicator_rows()
    write_report_files(report, out_dir, bom=bom, indicator_rows=indicator_rows)
    row = report.report_row()
    # the report's summary.csv row, computed here, where the work is spread over the
    # workers, rather than by reading indicators.csv again after they are done
    row["sums"] = report_sums(indicator_rows)
    return row, False


def _task(args):
    try:
        return process_one(*args)
    except Exception as exc:  # one bad file never stops the batch (a name the disk refuses...)
        return _failed(args, f"cannot write outputs: {type(exc).__name__}: {exc}")


def _failed(args, error: str) -> tuple[dict, bool]:
    """(row, reused) of a file that failed outside the pipeline: an error, which the next
    run tries again; the batch goes on."""
    path, _root, doc_id = args[:3]
    return Report(doc_id=doc_id, path=str(path), status="error", error=error).report_row(), False


def run(input_dir: str | Path, out_dir: str | Path, *, jobs: int = 1, lexicons=None,
        segmenter: str = "jieba", segmenter_options: dict | None = None, engine: str = "local",
        scheduler: str | None = None, incremental: bool = True, bom: bool = False,
        progress: bool | None = None) -> RunSummary:
    """Process every file under `input_dir`, write the tables to `out_dir`.

    Streams: files are listed, processed and their rows spooled to disk as they come, so
    memory does not grow with the size of the corpus (only an index of doc ids, for the
    tables' order, grows with the number of files)."""
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    config = {"lexicons": str(lexicons) if lexicons else None, "segmenter": segmenter,
              "options": dict(segmenter_options or {})}
    # A bad lexicon stops the run here, before any work. The segmenter is built (and so
    # checked) when the first file that must be processed is met, still before any work:
    # a run with nothing to do never pays for it.
    fingerprint = pipeline_fingerprint(lexicon_mod.load(lexicons), segmenter, config["options"])
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)  # what a killed run left
    files = iter_input_files(input_dir, exclude=out_dir)
    summary = RunSummary(out_dir)
    bar = _progress_bar(input_dir, out_dir, progress)
    store = _StateStore(out_dir)
    keys: dict[str, str] = {}  # of the files being processed, by doc id

    with _RowSpool() as spool:
        def record(row: dict, reused: bool) -> None:
            spool.add(row)
            summary.add(row, reused)
            if not reused and row["status"] != "error":  # errors are tried again next run
                store.put(row["doc_id"], keys.pop(row["doc_id"]), row)
            else:
                keys.pop(row["doc_id"], None)
            if bar is not None:
                bar.update(1)

        def stale_tasks():
            """The files to process, as tasks; the others are recorded as they are met,
            here, in the main process (a second run reads no file but to hash it)."""
            for path, doc_id in _with_doc_ids(files, input_dir):
                digest = _digest(path)
                key = store.key(fingerprint, digest, bom)
                row = _reusable_row(store, path, doc_id, out_dir, key, digest) if incremental else None
                if row is not None:
                    record(row, True)
                    continue
                keys[doc_id] = key
                yield (path, input_dir, doc_id, out_dir, bom, config)

        try:
            tasks = stale_tasks()
            first_stale = next(tasks, None)
            if first_stale is not None:
                _init_worker(config)  # before any work; forked workers inherit it
                if engine == "local":
                    # the first file here: it also fills the pipeline's lazy caches (the
                    # number parser, compiled patterns) once, before the workers are forked
                    record(*_task(first_stale))
                else:
                    tasks = itertools.chain([first_stale], tasks)
                store.commit()
                for row, reused in _results(tasks, engine=engine, jobs=jobs, scheduler=scheduler,
                                            config=config):
                    record(row, reused)
        finally:
            store.close()
        if bar is not None:
            bar.close()
        changed = _write_reports_table(spool, out_dir, bom=bom)
        tables_there = all((out_dir / name).exists() for name in ("indicators.csv", "summary.csv"))
        if summary.processed or changed or not tables_there:
            write_indicators_table(spool.sorted_ok_ids(), out_dir, bom=bom)
            write_summary_table(_Reiterable(spool.sorted_rows), out_dir, bom=bom)
    return summary


def _with_doc_ids(files, root: Path):
    """(path, doc_id) for a stream of files. Two files can share a doc id only within one
    folder, and iter_input_files gives a folder's files together: so ids are assigned a
    folder at a time, and the list of all files is never held."""
    for _folder, group in itertools.groupby(files, key=lambda p: Path(p).parent):
        group = list(group)
        yield from zip(group, assign_doc_ids(group, root))


def _worker_died(args, reason: str) -> tuple[dict, bool]:
    """The row of a file whose worker process died on it (the out-of-memory killer...)."""
    return _failed(args, f"the worker process processing this file died ({reason})")


def _results(tasks, *, engine: str, jobs: int, scheduler: str | None, config: dict):
    """(row, reused) for each task, in the order they finish."""
    if engine == "dask":
        from .dask_engine import run_tasks

        yield from run_tasks(tasks, scheduler=scheduler, jobs=jobs)
    elif jobs > 1:
        from .workers import imap_unordered

        # one file a task: articles differ in length, and a task costs far less than a file
        yield from imap_unordered(_task, tasks, jobs, on_death=_worker_died,
                                  initializer=_start_worker, initargs=(config,))
    else:
        yield from map(_task, tasks)


def _progress_bar(input_dir: Path, out_dir: Path, progress: bool | None):
    """A tqdm bar over the files when asked, or by default on a terminal for more than 5."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    total = sum(1 for _ in iter_input_files(input_dir, exclude=out_dir))
    if progress is None and total <= 5:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="reports")


class _RowSpool:
    """The reports.csv rows of a run, in an anonymous temporary file as they come; memory
    keeps only (doc_id, offset, ok) a file, to give them back sorted by doc_id."""

    def __init__(self):
        self._fh = tempfile.TemporaryFile("w+b")
        self._index: list[tuple[str, int, bool]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def add(self, row: dict) -> None:
        self._fh.seek(0, os.SEEK_END)
        self._index.append((row["doc_id"], self._fh.tell(), row["status"] == "ok"))
        self._fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")

    def sorted_rows(self):
        self._index.sort()
        for _doc_id, offset, _ok in self._index:
            self._fh.seek(offset)
            yield json.loads(self._fh.readline())

    def sorted_ok_ids(self):
        self._index.sort()
        return (doc_id for doc_id, _offset, ok in self._index if ok)


class _Reiterable:
    """An iterable that a new iterator is made for at each pass (summary_table reads its
    rows twice)."""

    def __init__(self, make_iterator):
        self._make = make_iterator

    def __iter__(self):
        return self._make()


def _write_reports_table(spool: _RowSpool, out_dir: Path, bom: bool = False) -> bool:
    """reports.csv from the spooled rows, sorted. Left as it is when its content would not
    change; True when it changed (else the other tables are up to date too)."""
    path = out_dir / "reports.csv"
    if path.exists():
        h = hashlib.blake2b(digest_size=16)  # as _digest hashes a file
        for chunk in reports_table_chunks(spool.sorted_rows(), bom):
            h.update(chunk)
        if h.hexdigest() == _digest(path):
            return False
    write_reports_table(spool.sorted_rows(), out_dir, bom=bom)
    return True
