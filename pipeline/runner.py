"""Run the pipeline over a folder: list the files, process the ones whose outputs are not
up to date (on one process, N worker processes or a Dask cluster), write the tables.

`run(input_dir, out_dir, jobs=2, ...)` is the library call behind `python -m pipeline run`
and `make`. Each file is one task: its reports are processed and their per-report files
written where the task runs; what the task returns (one row per report, with each table's
part) is spooled to disk by the main process, which keeps the incremental state and
writes the corpus tables once at the end.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .version import __version__
from . import lexicon as lexicon_mod
from .errors import InputNotFound, OutputNotWritable
from .files import atomic_write, remove_stale_temporaries
from .inputs import input_root, iter_input_files, with_doc_ids
from .pipeline import Pipeline, fingerprint, get_pipeline
from .registry import Registry
from .report import Report
from .settings import Settings
from .state import StateStore
from .tables import Corpus, csv_chunks, pyarrow_modules, tables, write_corpus_tables
from .tables.reports import NAMES as REPORT_NAMES


@dataclass
class RunSummary:
    """What a run did, in counts: the rows themselves are in reports.csv (a run streams
    them to disk, so that memory does not grow with the corpus)."""
    out_dir: Path
    processed: int = 0
    reused: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # reports by status
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
        """reports.csv as it was written, one dict a report (values as text)."""
        import csv

        with open(self.out_dir / "reports.csv", encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))


# ------------------------------------------------------------------------ one file

@dataclass(frozen=True)
class Task:
    """One input file to process, as sent to a worker."""
    path: Path
    root: Path
    doc_id: str
    out_dir: Path
    settings: Settings


def rows_of(report: Report, pipeline: Pipeline, out_dir: Path) -> dict:
    """The report's per-report files written, and its row for the corpus tables: its
    reports.csv row with each table's part under "parts"."""
    indicator_rows = report.indicator_rows()
    row = report.report_row()
    row["parts"] = {}
    for table in tables():
        table.write_report(report, indicator_rows, out_dir, pipeline.settings)
        part = table.per_report(report, indicator_rows, pipeline.lexicon)
        if part is not None:
            row["parts"][table.name] = part
    return row


def process_file(task: Task) -> tuple[str, list[dict]]:
    """Process one file and write its outputs: (its doc id, its rows, one per report)."""
    pipeline = get_pipeline(task.settings)
    reports = pipeline.process_path(task.path, task.root, doc_id=task.doc_id)
    return task.doc_id, [rows_of(report, pipeline, task.out_dir) for report in reports]


def failed(task: Task, error: str) -> tuple[str, list[dict]]:
    """The row of a file that failed outside the pipeline: an error, which the next run
    tries again; the batch goes on."""
    row = Report(doc_id=task.doc_id, path=str(task.path), status="error", error=error).report_row()
    row["parts"] = {}
    return task.doc_id, [row]


def run_task(task: Task) -> tuple[str, list[dict]]:
    try:
        return process_file(task)
    except OSError as exc:  # the disk refused an output (full, read-only, a bad name)
        return failed(task, f"cannot write outputs: {exc.strerror or exc}")
    except Exception as exc:  # one bad file never stops the batch; it says what it was
        return failed(task, f"{type(exc).__name__}: {exc}")


def worker_died(task: Task, reason: str) -> tuple[str, list[dict]]:
    """The row of a file whose worker process died on it (the out-of-memory killer...)."""
    return failed(task, f"the worker process processing this file died ({reason})")


def start_worker(settings: Settings) -> None:
    """A pool worker dies with the run (Linux), so a run killed with kill -9 leaves no
    worker writing on into the output folder; it builds its pipeline once."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end at their next result
        pass
    get_pipeline(settings)


# ------------------------------------------------------------------------- engines

# An engine runs work(task) for each task and yields the results as they finish:
# engine(work, tasks, settings).

def local_workers(work, tasks, settings: Settings):
    """In this process (--jobs 1), or on N worker processes of this machine."""
    if settings.jobs <= 1:
        yield from map(work, tasks)
        return
    from .workers import imap_unordered

    # one file a task: articles differ in length, and a task costs far less than a file
    yield from imap_unordered(work, tasks, settings.jobs, on_death=worker_died,
                              initializer=start_worker, initargs=(settings,))


ENGINES = Registry("engine")
ENGINES.register("local", local_workers)
ENGINES.register("dask", "pipeline.dask_engine:run_tasks")


# ---------------------------------------------------------------------- the folder

def digest(path: Path) -> str | None:
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


LEGACY_OPTIONS = {"bom": "excel", "format": "formats"}
FORMATS = {"csv": ("csv",), "parquet": ("parquet",), "both": ("csv", "parquet")}


def settings_of(options: dict) -> Settings:
    """Settings from run()'s keyword options (bom= and format= as the CLI names them)."""
    options = {LEGACY_OPTIONS.get(k, k): v for k, v in options.items()}
    if isinstance(options.get("formats"), str):
        options["formats"] = FORMATS.get(options["formats"], (options["formats"],))
    if options.get("lexicons") is not None:
        options["lexicons"] = str(options["lexicons"])
    return Settings.from_options(**options)


class Run:
    """One run's bookkeeping: the state, the spool of rows and the summary."""

    def __init__(self, input_dir: Path, out_dir: Path, settings: Settings, lexicon):
        self.input_dir, self.out_dir, self.settings = input_dir, out_dir, settings
        self.fingerprint = fingerprint(lexicon, settings)
        self.summary = RunSummary(out_dir)
        self.store = StateStore(out_dir)
        self.spool = RowSpool()
        self.keys: dict[str, str] = {}  # of the files being processed, by doc id
        self.bar = progress_bar(input_dir, out_dir, settings.progress)

    def record(self, file_id: str, rows: list[dict], reused: bool) -> None:
        for row in rows:
            self.spool.add(row)
            self.summary.add(row, reused)
        key = self.keys.pop(file_id, None)
        if not reused and key is not None and not any(r["status"] == "error" for r in rows):
            self.store.put(file_id, key, rows)  # errors are tried again next run
        if self.bar is not None:
            self.bar.update(1)

    def stale_tasks(self):
        """The files to process, as tasks; the others are recorded as they are met, here,
        in the main process (a second run reads no file but to hash it)."""
        options = {"bom": self.settings.excel}
        root = input_root(self.input_dir)
        for path, doc_id in with_doc_ids(iter_input_files(self.input_dir, exclude=self.out_dir), root):
            file_digest = digest(path)  # None: not a regular file, never reused
            key = self.store.key(self.fingerprint, file_digest, options)
            rows = self.store.rows(doc_id, key) if self.settings.incremental and file_digest else None
            if rows is not None and all(_outputs_there(self.out_dir, r) for r in rows):
                for row in rows:
                    row["path"] = str(path)
                self.record(doc_id, rows, True)
                continue
            self.keys[doc_id] = key
            yield Task(path, root, doc_id, self.out_dir, self.settings)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _outputs_there(out_dir: Path, row: dict) -> bool:
    from .tables.indicators import report_table_path

    return report_table_path(out_dir, row["doc_id"]).exists()


def prepare_output(out_dir: Path) -> None:
    """The output folder made and checked writable, or OutputNotWritable saying why."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputNotWritable(f"the output folder is a file: {out_dir} (give -o a folder)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as exc:
        raise OutputNotWritable(f"cannot write to the output folder {out_dir}: "
                                f"{exc.strerror or exc}") from None


def run(input_dir: str | Path, out_dir: str | Path, **options) -> RunSummary:
    """Process every file under `input_dir` (or that one file), write the tables to `out_dir`.

    Options are those of `Settings` (jobs, lexicons, segmenter, segmenter_options,
    engine, scheduler, incremental, excel or bom, formats or format, progress,
    text_column). Streams:
    files are listed, processed and their rows spooled to disk as they come, so memory
    does not grow with the size of the corpus."""
    settings = settings_of(options)
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    if not input_dir.is_dir() and not input_dir.is_file():
        raise InputNotFound(f"input folder or file not found: {input_dir}")
    # A bad lexicon stops the run here, before any work; so does Parquet without pyarrow.
    # The segmenter is built (and so checked) when the first file that must be processed
    # is met, still before any work: a run with nothing to do never pays for it.
    lexicon = lexicon_mod.load(settings.lexicons)
    if "parquet" in settings.formats:
        pyarrow_modules()
    prepare_output(out_dir)
    remove_stale_temporaries(out_dir)  # what a killed run left
    started = time.time()
    job = Run(input_dir, out_dir, settings, lexicon)
    try:
        with job.spool:
            _process(job)
            job.close()
            _write_tables(job, lexicon)
            _write_run_info(job, lexicon, started)
    finally:
        job.close()
    return job.summary


def _process(job: Run) -> None:
    tasks = job.stale_tasks()
    first = next(tasks, None)
    if first is None:
        return
    get_pipeline(job.settings)  # before any work; forked workers inherit it
    if job.settings.engine == "local":
        # the first file here: it also fills the pipeline's lazy caches (the number
        # parser, compiled patterns) once, before the workers are forked
        job.record(*run_task(first), False)
    else:
        tasks = itertools.chain([first], tasks)
    job.store.commit()
    # (file id, rows) for each task, in the order they finish
    for file_id, rows in ENGINES.get(job.settings.engine)(run_task, tasks, job.settings):
        job.record(file_id, rows, False)


def _write_tables(job: Run, lexicon) -> None:
    """The corpus tables, unless nothing changed since they were written."""
    corpus = Corpus(job.out_dir, job.settings, lexicon, job.spool.sorted_rows)
    reports_csv = job.out_dir / "reports.csv"
    there = all((job.out_dir / f"{t.name}.{fmt}").exists() for t in tables() for fmt in job.settings.formats)
    if there and not job.summary.processed and "csv" in job.settings.formats:
        h = hashlib.blake2b(digest_size=16)  # as digest() hashes a file
        for chunk in csv_chunks(corpus.each(), REPORT_NAMES, bom=job.settings.excel):
            h.update(chunk)
        if h.hexdigest() == digest(reports_csv):
            return
    write_corpus_tables(corpus)
    if "csv" not in job.settings.formats:  # a former run's CSVs would be out of date
        for table in tables():
            (job.out_dir / f"{table.name}.csv").unlink(missing_ok=True)


def _write_run_info(job: Run, lexicon, started: float) -> None:
    """out/run.json: what made these tables (version, lexicons, options) and the counts."""
    info = {
        "version": __version__, "pipeline": job.fingerprint, "lexicons": str(lexicon.directory),
        "lexicon_fingerprint": lexicon.fingerprint, "command": _command(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 3),
        "settings": {k: v for k, v in vars(job.settings).items() if k != "extra"},
        "counts": job.summary.counts, "processed": job.summary.processed,
        "up_to_date": job.summary.reused, "n_indicators": job.summary.n_indicators,
        "categories": list(lexicon.categories.names), "dimensions": list(lexicon.units.dimensions),
    }
    atomic_write(job.out_dir / "run.json", json.dumps(info, ensure_ascii=False, indent=1, default=str))


def _command() -> list[str]:
    """The command of the run as it can be typed again (`python -m pipeline run …`); from
    the library, the program that called run()."""
    argv = list(sys.argv)
    if argv and Path(argv[0]).name == "__main__.py" and Path(argv[0]).parent.name == "pipeline":
        argv[:1] = ["python", "-m", "pipeline"]
    return argv


def progress_bar(input_dir: Path, out_dir: Path, progress: bool | None):
    """A tqdm bar over the files when asked, or by default on a terminal for more than 5."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    total = sum(1 for _ in iter_input_files(input_dir, exclude=out_dir))
    if progress is None and total <= 5:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="reports")


class RowSpool:
    """The rows of a run, in an anonymous temporary file as they come; memory keeps only
    (doc_id, offset) a report, to give them back sorted by doc_id."""

    def __init__(self):
        self._fh = tempfile.TemporaryFile("w+b")
        self._index: list[tuple[str, int]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def add(self, row: dict) -> None:
        self._fh.seek(0, os.SEEK_END)
        self._index.append((row["doc_id"], self._fh.tell()))
        self._fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")

    def sorted_rows(self):
        self._index.sort()
        for _doc_id, offset in self._index:
            self._fh.seek(offset)
            yield json.loads(self._fh.readline())
