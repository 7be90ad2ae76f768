"""Run the pipeline over a folder: stream the files, process them on N processes,
re-process only what changed, write the tables.

`run(input_dir, out_dir)` is the library call behind `python -m pipeline run` and `make`.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .core import Pipeline
from .emit import (atomic_write, remove_stale_temporaries, safe_path, write_indicators_table,
                   write_report_files, write_reports_table)
from .ingest import doc_id_for, iter_input_files
from .report import Report

STATE_DIR = ".state"


@dataclass
class RunSummary:
    out_dir: Path
    rows: list[dict] = field(default_factory=list)
    processed: int = 0
    reused: int = 0

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row["status"]] = out.get(row["status"], 0) + 1
        return out

    @property
    def n_errors(self) -> int:
        return self.counts.get("error", 0)

    @property
    def n_indicators(self) -> int:
        return sum(int(r["n_indicators"] or 0) for r in self.rows)


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


def process_one(path: Path, root: Path, doc_id: str, out_dir: Path, fingerprint: str, bom: bool,
                config: dict, incremental: bool = True) -> tuple[dict, bool]:
    """Process one file unless its outputs are up to date. Returns (reports.csv row, reused)."""
    state_path = safe_path(out_dir / STATE_DIR, doc_id, ".json")
    digest = _digest(path)
    key = {"fingerprint": fingerprint, "digest": digest, "bom": bom}
    if incremental and digest is not None and state_path.exists():
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
            if state.get("key") == key and safe_path(out_dir / "reports", doc_id, ".csv").exists():
                row = state["row"]
                row["path"] = str(path)
                return row, True
        except (OSError, ValueError, KeyError):
            pass
    _init_worker(config)
    report: Report = _WORKER["pipeline"].process_file(path, root, doc_id=doc_id)
    write_report_files(report, out_dir, bom=bom)
    row = report.report_row()
    if report.status != "error":  # errors are retried on the next run
        atomic_write(state_path, json.dumps({"key": key, "row": row}, ensure_ascii=False))
    return row, False


def _task(args):
    try:
        return process_one(*args)
    except Exception as exc:  # one bad file never stops the batch (a name the disk refuses...)
        path, _root, doc_id = args[:3]
        failed = Report(doc_id=doc_id, path=str(path), status="error",
                        error=f"cannot write outputs: {type(exc).__name__}: {exc}")
        return failed.report_row(), False


def run(input_dir: str | Path, out_dir: str | Path, *, jobs: int = 1, lexicons=None,
        segmenter: str = "jieba", segmenter_options: dict | None = None, engine: str = "local",
        scheduler: str | None = None, incremental: bool = True, bom: bool = False,
        progress: bool | None = None) -> RunSummary:
    """Process every file under `input_dir`, write the tables to `out_dir`."""
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    config = {"lexicons": str(lexicons) if lexicons else None, "segmenter": segmenter,
              "options": dict(segmenter_options or {})}
    # Build (and so check) the pipeline before any work: a bad lexicon stops here.
    _init_worker(config)
    fingerprint = _WORKER["pipeline"].fingerprint
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)  # what a killed run left
    files = list(iter_input_files(input_dir, exclude=out_dir))
    tasks = [(p, input_dir, d, out_dir, fingerprint, bom, config, incremental)
             for p, d in zip(files, assign_doc_ids(files, input_dir))]
    summary = RunSummary(out_dir)
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 5)

    if engine == "dask":
        from .dask_engine import run_tasks

        results = run_tasks(tasks, scheduler=scheduler, jobs=jobs)
    elif jobs > 1 and len(files) > 1:
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        pool = ctx.Pool(jobs, initializer=_start_worker, initargs=(config,))
        results = pool.imap(_task, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8) or 1)))
    else:
        pool = None
        results = map(_task, tasks)
    if show:
        from tqdm import tqdm

        results = tqdm(results, total=len(tasks), unit="file", desc="reports")
    try:
        for row, reused in results:
            summary.rows.append(row)
            summary.reused += reused
            summary.processed += not reused
    finally:
        if engine != "dask" and jobs > 1 and len(files) > 1:
            pool.close()
            pool.join()

    summary.rows.sort(key=lambda r: r["doc_id"])
    write_reports_table(summary.rows, out_dir, bom=bom)
    ok_ids = [r["doc_id"] for r in summary.rows if r["status"] == "ok"]
    write_indicators_table(ok_ids, out_dir, bom=bom)
    from .tables import write_summary  # pandas: imported only when the tables are done

    write_summary(out_dir, bom=bom)
    return summary
