"""Run the pipeline over a folder: list the files, process the ones whose outputs are not
up to date (on one process, N worker processes or a Dask cluster), write the tables.

`run(input_dir, out_dir, jobs=2, ...)` is the library call behind `python -m pipeline run`
and `make`. Each file is one task: its reports are processed and their per-report files
written where the task runs; what the task returns (one row per report, with each table's
part) is spooled to disk by the main process, which keeps the incremental state and
writes the corpus tables once at the end.
"""
from __future__ import annotations

import contextlib
import copy
import dataclasses
import errno
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
from typing import NamedTuple

from .version import __version__
from . import lexicon as lexicon_mod
from .errors import InputNotFound, OutputInUse, OutputNotWritable, UsageError
from .files import OutputLock, atomic_write, open_output, remove_file, remove_stale_temporaries
from .ingest import probe
from .inputs import input_root, iter_input_files, printable_path, with_doc_ids
from .pipeline import Pipeline, fingerprint, get_pipeline, text_report
from .registry import Registry
from .report import STATUSES, Report
from .settings import Settings
from .state import LOCK, STATE_DIR, StateStore, has_state, state_folder
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


class Done(NamedTuple):
    """What a task gives back: the file's rows (one a report), the digest of the bytes
    its worker read (its outputs are kept under it) and, when the output folder could not
    be written (disk full, read-only), why: the run stops."""
    file_id: str
    rows: list[dict]
    digest: str | None = None
    stop: str = ""


# Errors of the disk, not of the file: writing the next file would fail the same way.
DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO,
               errno.EFBIG}


def rows_of(report: Report, pipeline: Pipeline, out_dir: Path) -> dict:
    """The report's per-report files written, and its row for the corpus tables: its
    reports.csv row with each table's part under "parts"."""
    indicator_rows = report.indicator_rows()
    row = _printable(report.report_row())
    row["parts"] = {}
    for table in tables():
        table.write_report(report, indicator_rows, out_dir, pipeline.settings)
        part = table.per_report(report, indicator_rows, pipeline.lexicon)
        if part is not None:
            row["parts"][table.name] = part
    return row


def _printable(row: dict) -> dict:
    """The row with any text that is not valid Unicode (a message quoting a file name
    that is not UTF-8) escaped, so that it can be written."""
    for name, value in row.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                row[name] = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return row


def pipeline_for(settings: Settings) -> Pipeline:
    """The process's pipeline for these settings: built once for its lexicons and
    segmenter, and given the run's own settings (the size limit, the links rule...) when
    an earlier run of the process built it with others."""
    pipeline = get_pipeline(settings)
    if pipeline.settings == settings:
        return pipeline
    own = copy.copy(pipeline)
    own.settings, own.resources = settings, dataclasses.replace(pipeline.resources, settings=settings)
    return own


def process_file(task: Task) -> Done:
    """Process one file and write its outputs."""
    pipeline = pipeline_for(task.settings)
    reports = pipeline.process_path(task.path, task.root, doc_id=task.doc_id)
    digest = reports[0].digest if reports else None
    try:
        return Done(task.doc_id, [rows_of(report, pipeline, task.out_dir) for report in reports], digest)
    except OSError as exc:  # the disk refused an output
        if exc.errno in DISK_ERRORS:
            where = printable_path(exc.filename) if exc.filename else str(task.out_dir)
            return failed(task, f"cannot write outputs: {exc.strerror}")._replace(
                stop=f"cannot write {where}: {exc.strerror}")
        return failed(task, f"cannot write outputs: {exc.strerror or exc}")  # a name, say


def failed(task: Task, error: str) -> Done:
    """The row of a file that failed outside the pipeline: an error, which the next run
    tries again; the batch goes on."""
    row = Report(doc_id=task.doc_id, path=printable_path(task.path), status="error",
                 error=error).report_row()
    row["parts"] = {}
    return Done(task.doc_id, [_printable(row)])


def run_task(task: Task) -> Done:
    try:
        return process_file(task)
    except Exception as exc:  # one bad file never stops the batch; it says what it was
        return failed(task, f"{type(exc).__name__}: {exc}")


def worker_died(task: Task, reason: str) -> Done:
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

def _file_digest(path: Path) -> str | None:
    """The digest of an output file as written (a link in its place is not read)."""
    h = hashlib.blake2b(digest_size=16)
    fh = open_output(path, "rb")
    if fh is None:
        return None
    with fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
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


class RunLexicons:
    """The lexicons of a run, loaded (and so checked) when the run needs them: a run whose
    files are all up to date needs only their fingerprint, the key of the stored outcomes,
    and for run.json their categories and dimensions (`lists`).

    A bad lexicon still stops a run before any file is processed: they are loaded up
    front unless the output folder holds an earlier run's state; else they are loaded
    when the first file to process is met (the pipeline is built), when the tables are
    written, and after a run that reused no outcome. An outcome reused was stored under
    these lexicons' fingerprint, by a run that loaded these very files."""

    CATEGORY_FILES = ("units.yaml", "categories.yaml")

    def __init__(self, directory: str | None, load: bool):
        self.directory = lexicon_mod.folder_of(directory)
        if load:
            self.load()
        # of the lexicons loaded, else read from their files (LexiconError: no such folder)
        self.fingerprint = lexicon_mod.fingerprint_of(self.directory)

    def load(self) -> lexicon_mod.Lexicon:
        return lexicon_mod.load(self.directory)  # once a process

    def lists(self, earlier: dict) -> dict[str, list[str]]:
        """The categories and dimensions, in the files' order: of the lexicons loaded, else
        as the last run's run.json (`earlier`) gives them when it used these very lexicons
        and code, else read from units.yaml and categories.yaml."""
        lexicon = lexicon_mod.loaded(self.directory)  # by the pipeline, say
        if lexicon is None and earlier.get("lexicon_fingerprint") == self.fingerprint \
                and earlier.get("version") == __version__:
            lists = {name: earlier.get(name) for name in ("categories", "dimensions")}
            if all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists.values()):
                return lists
        if lexicon is not None:
            categories, units = lexicon.categories, lexicon.units
        else:
            sections = lexicon_mod.load_sections(self.directory, self.CATEGORY_FILES)
            categories, units = sections["categories"], sections["units"]
        return {"categories": list(categories.names), "dimensions": list(units.dimensions)}


class Run:
    """One run's bookkeeping: the state, the spool of rows and the summary."""

    def __init__(self, input_dir: Path, out_dir: Path, settings: Settings, lexicons: RunLexicons):
        self.input_dir, self.out_dir, self.settings = input_dir, out_dir, settings
        self.lexicons = lexicons
        self.fingerprint = fingerprint(lexicons, settings)
        # what changes the outputs of a file besides its content and the pipeline
        self.options = {"bom": settings.excel, "segmented": settings.segmented}
        self.summary = RunSummary(out_dir)
        self.store = StateStore(out_dir)
        self.spool = RowSpool()
        self.tables = tables()
        self.seen: set[str] = set()  # the files of this run, by file id
        self.bar = progress_bar(input_dir, out_dir, settings)

    def record(self, done: Done, reused: bool) -> None:
        if done.stop:
            raise OutputNotWritable(f"{done.stop}; the tables already there are whole: run again "
                                    "once the output folder can be written")
        for row in done.rows:
            self.spool.add(row)
            self.summary.add(row, reused)
        if not reused:
            self._keep(done)
        if self.bar is not None:
            self.bar.update(1)

    def _keep(self, done: Done) -> None:
        """Store a processed file's record (an error's under a key no file has: it is tried
        again, and its files are known), and remove the files of reports it no longer has."""
        earlier = self.store.get(done.file_id)
        files = [self._files_of(row) for row in done.rows]
        if earlier is not None and isinstance(earlier[1], dict):
            now = {path for paths in files for path in paths}
            for row in earlier[1].get("rows") or ():
                for path in self._files_of(row) if isinstance(row, dict) else ():
                    if path not in now:
                        remove_file(path, self.out_dir)
        ok = done.digest is not None and not any(r["status"] == "error" for r in done.rows)
        key = self.store.key(self.fingerprint, done.digest, self.options) if ok else ""
        sizes = [[_size(path) for path in paths] for paths in files]
        self.store.put(done.file_id, key, {"rows": done.rows, "sizes": sizes})

    def _files_of(self, row: dict) -> list[Path]:
        try:
            return [p for t in self.tables for p in t.report_files(self.out_dir, row, self.settings)]
        except (KeyError, TypeError, ValueError):  # a damaged row; a name that leads out
            return []

    def stale_tasks(self):
        """The files to process, as tasks; the others are recorded as they are met, here,
        in the main process (a second run reads no file but to hash it)."""
        files = iter_input_files(self.input_dir, exclude=self.out_dir,
                                 follow_links=self.settings.follow_symlinks)
        root = input_root(self.input_dir)
        for path, doc_id in with_doc_ids(files, root):
            self.seen.add(doc_id)
            rows = self._reusable(path, doc_id) if self.settings.incremental else None
            if rows is not None:
                self.record(Done(doc_id, rows), True)
                continue
            yield Task(path, root, doc_id, self.out_dir, self.settings)

    def _reusable(self, path: Path, doc_id: str) -> list[dict] | None:
        """The rows stored for the file, when its outcome is up to date (the same key:
        same content, lexicons and options), the rows are whole and theirs, and their
        per-report files are there as written; else None: the file is processed."""
        found = self.store.get(doc_id)
        if found is None:  # never stored: not worth reading the file here as well
            return None
        file_digest = probe(path, self.input_dir, self.settings)  # None: never reused
        if file_digest is None or found[0] != self.store.key(self.fingerprint, file_digest, self.options):
            return None
        record = found[1]
        if not isinstance(record, dict) or not _valid_rows(record.get("rows"), doc_id):
            return None
        rows, sizes = record["rows"], record.get("sizes")
        if not isinstance(sizes, list) or len(sizes) != len(rows):
            return None
        for row, expected in zip(rows, sizes):
            if [_size(file, regular=True) for file in self._files_of(row)] != expected:
                return None  # a file missing, changed, or a link put in its place
            row["path"] = printable_path(path)
        return rows

    def forget_gone(self) -> None:
        """Remove the per-report files and the records of the files that are no longer
        in the input folder (renamed, deleted): the output folder holds this run's only."""
        for file_id in self.store.file_ids():
            if file_id in self.seen:
                continue
            found = self.store.get(file_id)
            record = found[1] if found is not None else None
            for row in record.get("rows") or () if isinstance(record, dict) else ():
                for path in self._files_of(row) if isinstance(row, dict) else ():
                    remove_file(path, self.out_dir)
            self.store.delete(file_id)

    def close(self, quiet: bool = False) -> None:
        if self.store is not None:
            store, self.store = self.store, None
            try:
                store.close()
            except Exception:
                if not quiet:
                    raise
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _size(path: Path, regular: bool = False) -> int | None:
    """The size of a file as written; None when missing or (regular=True) not a regular file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) or not regular else None


# The columns of a reports.csv row, by type: a stored row without one of them, or with a
# value of another type, is not used.
_ROW_KEYS = frozenset(Report(doc_id="").report_row()) | {"parts"}
_INT_COLUMNS = {"n_chars", "n_sentences", "n_indicators"}
_SCALARS = (str, int, float, bool, type(None))


def _valid_rows(rows, file_id: str) -> bool:
    """Rows as the runner stores them: reports.csv rows of this file's reports (its doc id,
    or its doc id and a key for a table of articles), each with its tables' parts."""
    if not isinstance(rows, list) or not rows:
        return False
    ids = set()
    for row in rows:
        if not isinstance(row, dict) or not _ROW_KEYS <= row.keys():
            return False
        doc_id = row["doc_id"]
        if not isinstance(doc_id, str) or not (doc_id == file_id or doc_id.startswith(file_id + "/")) \
                or doc_id in ids or row["status"] not in STATUSES or not isinstance(row["parts"], dict):
            return False
        ids.add(doc_id)
        if not all(_valid_cell(name, row[name]) for name in _ROW_KEYS - {"parts"}):
            return False
    return True


def _valid_cell(name: str, value) -> bool:
    if name in _INT_COLUMNS:
        return type(value) is int and value >= 0
    if name == "year":
        return value is None or type(value) is int
    if name in REPORT_NAMES:
        return isinstance(value, str)
    return isinstance(value, _SCALARS)  # a column added since: any plain value


# A sample of the pipeline's own, processed before workers are forked (--jobs N): the lazy
# caches (the number parser, compiled patterns, the gazetteer) are filled once, in the main
# process, and every worker inherits them; no input file is processed in the main process.
SAMPLE = ("青山县总工会二〇二三年工作总结\n"
          "全年全县新建基层工会组织十二个，发展会员3600余名，投入帮扶资金45.5万元，"
          "同比增长12%，走访慰问困难职工近200户。\n")


def warm_up(pipeline: Pipeline) -> None:
    pipeline(text_report(SAMPLE, "sample"))


def run(input_dir: str | Path, out_dir: str | Path, **options) -> RunSummary:
    """Process every file under `input_dir` (or that one file), write the tables to `out_dir`.

    Options are those of `Settings` (jobs, lexicons, segmenter, segmenter_options,
    engine, scheduler, incremental, excel or bom, formats or format, progress,
    text_column, max_file_mb, follow_symlinks). Streams: files are listed, processed and
    their rows spooled to disk as they come, so memory does not grow with the size of the
    corpus. One run at a time per output folder: another is refused (OutputInUse)."""
    settings = settings_of(options)
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    if not input_dir.is_dir() and not input_dir.is_file():
        raise InputNotFound(f"input folder or file not found: {input_dir}")
    _check_folders(input_dir, out_dir)
    # A bad lexicon stops the run here, before any work, unless an earlier run's state is
    # there: then before the first file to process (RunLexicons). So does Parquet without
    # pyarrow. The segmenter is built (and so checked) when the first file that must be
    # processed is met, still before any work: a run with nothing to do never pays for it.
    lexicons = RunLexicons(settings.lexicons, load=not (settings.incremental and has_state(out_dir)))
    if "parquet" in settings.formats:
        pyarrow_modules()
    lock = _take_output(out_dir)
    try:
        with _disk_errors(out_dir):
            return _run(input_dir, out_dir, settings, lexicons)
    finally:
        lock.release()


def _run(input_dir: Path, out_dir: Path, settings: Settings, lexicons: RunLexicons) -> RunSummary:
    started = time.time()
    job = Run(input_dir, out_dir, settings, lexicons)
    try:
        with job.spool:
            _process(job)
            if not job.summary.reused:  # no outcome shows these lexicons sound: checked now
                lexicons.load()
            job.forget_gone()
            job.close()
            earlier = _earlier_run_info(out_dir)  # before this run's is written
            written = _write_tables(job, earlier)
            _write_run_info(job, started, written, earlier)
    finally:
        job.close(quiet=True)
    return job.summary


def _check_folders(input_dir: Path, out_dir: Path) -> None:
    """The output folder may lie inside the input folder (it is not read), never be it,
    and the input may not be one of the output's own folders (its files would be
    overwritten as they are read)."""
    real_in, real_out = Path(os.path.realpath(input_dir)), Path(os.path.realpath(out_dir))
    same = real_in == real_out
    with contextlib.suppress(OSError):
        same = same or os.path.samefile(input_dir, out_dir)
    if same:
        raise UsageError(f"the output folder is the input folder ({out_dir}): give another "
                         "one with -o (it may lie inside the input folder)")
    own = {STATE_DIR} | {f for t in tables() for f in t.report_folders}
    for name in own:
        if real_in == real_out / name or real_out / name in real_in.parents:
            raise UsageError(f"the input folder {input_dir} is, or is inside, {out_dir / name}, "
                             "which the run writes: give another output folder")


def _take_output(out_dir: Path) -> OutputLock:
    """The output folder made, its lock taken (or OutputInUse), what a killed run left
    removed; OutputNotWritable when it cannot be written, before any work."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputNotWritable(f"the output path is not a folder: {out_dir}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = OutputLock(state_folder(out_dir) / LOCK)
        if not lock.acquire():
            raise OutputInUse(f"another run (process {lock.holder}) is writing to {out_dir}: wait "
                              "for it to end, or give another output folder")
    except OSError as exc:
        raise OutputNotWritable(f"cannot write to the output folder {out_dir}: "
                                f"{exc.strerror or exc}") from None
    try:
        remove_stale_temporaries(out_dir, tuple(f for t in tables() for f in t.report_folders))
    except BaseException:
        lock.release()
        raise
    return lock


@contextlib.contextmanager
def _disk_errors(out_dir: Path):
    """An error of the disk while the run writes (full, read-only, gone) stops it with
    one line naming the file; any other error is left as it is."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in DISK_ERRORS:
            raise
        where = printable_path(exc.filename) if exc.filename else str(out_dir)
        raise OutputNotWritable(f"cannot write {where}: {exc.strerror}; the tables already there "
                                "are whole: run again once it can be written") from None


def _process(job: Run) -> None:
    tasks = job.stale_tasks()
    first = next(tasks, None)
    if first is None:
        return
    pipeline = get_pipeline(job.settings)  # before any work; forked workers inherit it
    if job.settings.engine == "local" and job.settings.jobs > 1:
        warm_up(pipeline)
    job.store.commit()
    # (file id, rows, digest) for each task, in the order they finish
    for done in ENGINES.get(job.settings.engine)(run_task, itertools.chain([first], tasks), job.settings):
        job.record(done, False)


def _write_tables(job: Run, earlier: dict) -> dict:
    """The corpus tables, unless nothing changed since they were written; what run.json
    records of them: the key of what they were written from (_tables_key) and the digest
    of reports.csv as written.

    Nothing changed when no file was processed and reports.csv is what it would be
    written again: when the last run recorded the same key and reports.csv is as that
    run wrote it, else (rows or settings of their own, a run.json of an earlier version)
    when its text made again from the rows (duplicates found again) is the file's."""
    key = _tables_key(job)
    corpus = Corpus(job.out_dir, job.settings, None, job.spool.sorted_rows)  # lexicons: when written
    reports_csv = job.out_dir / "reports.csv"
    there = all((job.out_dir / f"{t.name}.{fmt}").exists() for t in tables() for fmt in job.settings.formats)
    if there and not job.summary.processed and "csv" in job.settings.formats:
        written = {"key": key, "reports_digest": _file_digest(reports_csv)}
        if written["reports_digest"] is not None and written == earlier.get("tables"):
            return written
        h = hashlib.blake2b(digest_size=16)  # as _file_digest() hashes a file
        for chunk in csv_chunks(corpus.each(), REPORT_NAMES, bom=job.settings.excel):
            h.update(chunk)
        if h.hexdigest() == written["reports_digest"]:
            return written
    corpus.lexicon = job.lexicons.load()
    write_corpus_tables(corpus)
    if "csv" not in job.settings.formats:  # a former run's CSVs would be out of date
        for table in tables():
            (job.out_dir / f"{table.name}.csv").unlink(missing_ok=True)
    return {"key": key, "reports_digest": _file_digest(reports_csv)}


def _tables_key(job: Run) -> str:
    """The digest of what the corpus tables are written from: the code's version and the
    pipeline's fingerprint (PIPELINE_VERSION changes with any change of the outputs), the
    settings (but HOW_RUN), and the rows in doc id order as spooled."""
    h = hashlib.blake2b(digest_size=16)
    settings = {k: v for k, v in _settings_info(job.settings).items() if k not in HOW_RUN}
    h.update(json.dumps([__version__, job.fingerprint, settings],
                        ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
    for line in job.spool.sorted_lines():
        h.update(line)
    return h.hexdigest()


# Settings of how a run is carried out, which the tables never depend on.
HOW_RUN = ("progress", "jobs", "engine", "scheduler")


def _earlier_run_info(out_dir: Path) -> dict:
    """The last run's run.json ({} if none that can be read)."""
    try:
        info = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return info if isinstance(info, dict) else {}


def _settings_info(settings: Settings) -> dict:
    return {k: v for k, v in vars(settings).items() if k != "extra"}


def _write_run_info(job: Run, started: float, tables_written: dict, earlier: dict) -> None:
    """out/run.json: what made these tables (version, lexicons, options), the counts, and
    what the next run compares to tell them up to date (_write_tables)."""
    info = {
        "version": __version__, "pipeline": job.fingerprint, "lexicons": str(job.lexicons.directory),
        "lexicon_fingerprint": job.lexicons.fingerprint, "command": _command(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 3),
        "settings": _settings_info(job.settings),
        "counts": job.summary.counts, "processed": job.summary.processed,
        "up_to_date": job.summary.reused, "n_indicators": job.summary.n_indicators,
        **job.lexicons.lists(earlier), "tables": tables_written,
    }
    atomic_write(job.out_dir / "run.json", json.dumps(info, ensure_ascii=False, indent=1, default=str))


def _command() -> list[str]:
    """The command of the run as it can be typed again (`python -m pipeline run …`); from
    the library, the program that called run()."""
    argv = list(sys.argv)
    if argv and Path(argv[0]).name == "__main__.py" and Path(argv[0]).parent.name == "pipeline":
        argv[:1] = ["python", "-m", "pipeline"]
    return argv


def progress_bar(input_dir: Path, out_dir: Path, settings: Settings):
    """A tqdm bar over the files when asked, or by default on a terminal for more than 5."""
    progress = settings.progress
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    total = sum(1 for _ in iter_input_files(input_dir, exclude=out_dir,
                                            follow_links=settings.follow_symlinks))
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
        for line in self.sorted_lines():
            yield json.loads(line)

    def sorted_lines(self):
        """The rows as spooled, JSON lines in bytes, sorted by doc_id."""
        self._index.sort()
        for _doc_id, offset in self._index:
            self._fh.seek(offset)
            yield self._fh.readline()
