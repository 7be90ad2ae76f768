"""Stage ingest: a file on disk -> reports with their raw text and the reader's fields.

The reader is chosen by the file's suffix from READERS, a registry: adding a format is
one module with a `read(data, context)` function and one entry below. A reader gives a
`Document` (or several, for a table of articles); each becomes a `Report`. Only readers
of text formats have their bytes checked for a binary format first (a PDF named .txt is
skipped with its format named; a .pdf goes to the PDF reader).

Nothing here raises for bad input: the report's status and error say what happened.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..inputs import doc_id_for, outside, printable, printable_path
from ..registry import Registry
from ..report import Report
from ..stages import Stage
from .decode import sniff_binary, strip_nul_bytes
from .document import Document, Unreadable

__all__ = ["READERS", "Reader", "Document", "Unreadable", "read_documents", "read_report",
           "reader_for", "probe", "STAGE"]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    function: str | Callable  # "module:function", imported when a file of the type is met
    expects_text: bool = True  # bytes checked for a binary format before reading

    def read(self, data: bytes, context) -> list[Document]:
        function = self.function
        if isinstance(function, str):
            module, _, name = function.partition(":")
            import importlib

            function = getattr(importlib.import_module(module), name)
        found = function(data, context)
        return found if isinstance(found, list) else [found]


READERS = Registry("reader")
READERS.register("text", Reader("text", (".txt", ".text"), "pipeline.ingest.text:read_text"))
READERS.register("html", Reader("html", (".html", ".htm", ".xhtml", ".shtml"),
                                "pipeline.ingest.html:read_html"))
READERS.register("markdown", Reader("markdown", (".md", ".markdown"),
                                    "pipeline.ingest.markdown:read_markdown"))
READERS.register("pdf", Reader("pdf", (".pdf",), "pipeline.ingest.pdf:read_pdf", expects_text=False))
READERS.register("docx", Reader("docx", (".docx",), "pipeline.ingest.docx:read_docx", expects_text=False))
# tables of articles, one report a row
READERS.register("csv", Reader("csv", (".csv", ".tsv"), "pipeline.ingest.articles:read_csv"))
READERS.register("xlsx", Reader("xlsx", (".xlsx", ".xlsm"), "pipeline.ingest.articles:read_xlsx",
                                expects_text=False))
READERS.register("jsonl", Reader("jsonl", (".jsonl", ".ndjson", ".json"),
                                 "pipeline.ingest.articles:read_jsonl"))
# converted by LibreOffice when it is installed, else skipped saying so
READERS.register("office", Reader("office", (".doc", ".wps", ".rtf", ".odt", ".xls"),
                                  "pipeline.ingest.legacy:read_legacy", expects_text=False))


def reader_for(path: Path) -> Reader | None:
    suffix = path.suffix.lower()
    for name in READERS.names():
        reader = READERS.get(name)
        if suffix in reader.suffixes:
            return reader
    return None


@dataclass(frozen=True)
class ReadContext:
    """What a reader may use besides the bytes: the lexicons (HTML chrome words), the
    run's settings (a table's text column) and the file's path (for messages)."""
    path: Path
    lexicon: object
    settings: object


FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket",
              stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}
HEAD = 4096  # bytes read first: a binary format is named from them, the rest never read
MB = 1 << 20


def read_documents(path: str | Path, root: str | Path | None = None, doc_id: str | None = None,
                   *, lexicon=None, settings=None) -> list[Report]:
    """The reports of one file (one, or one per article of a table), with ingest done.
    Never raises for bad input: a file that gives none is one report with its status.
    With a `root`, a symbolic link out of it is not followed (unless
    settings.follow_symlinks). Each report's `digest` is that of the bytes read."""
    path = Path(path)
    confined = root is not None
    root = Path(root) if root is not None else path.parent
    if lexicon is None:
        from ..lexicon import load

        lexicon = load()
    base = Report(doc_id=doc_id or doc_id_for(path, root), path=printable_path(path))
    digest = None
    try:
        reader = _check(path, root if confined else None, settings)
        data, digest = _bytes(path, reader, _limit(settings))
        documents = _documents(data, reader, ReadContext(path, lexicon, settings))
    except Unreadable as exc:
        report = _done(base.fail(exc.status, exc.reason))
        report.digest = digest or outcome_digest(exc)
        return [report]
    except Exception as exc:  # a file no rule foresaw must not stop the batch
        return [_done(base.fail("error", f"cannot read file: {type(exc).__name__}: {exc}"))]
    reports = [_report_of(base, doc, reader, several=len(documents) > 1 or doc.key is not None)
               for doc in documents]
    for report in reports:
        report.digest = digest
    return reports


def probe(path: str | Path, root: str | Path | None = None, settings=None) -> str | None:
    """What the outcome of reading the file is kept under, found as read_documents finds
    it but reading as little as it can: the digest of its bytes; for a file not read, its
    status and reason (an unsupported type or a file over the size limit is not opened, a
    binary one is known from its first 4 KB); None when it cannot be read (an error,
    tried again at each run)."""
    path = Path(path)
    try:
        reader = _check(path, Path(root) if root is not None else None, settings)
        return _bytes(path, reader, _limit(settings), keep=False)[1]
    except Unreadable as exc:
        return outcome_digest(exc)


def outcome_digest(exc: Unreadable) -> str | None:
    return None if exc.status == "error" else f"{exc.status}: {exc.reason}"


def _done(report: Report) -> Report:
    report.done.append("ingest")
    return report


def _report_of(base: Report, doc: Document, reader: Reader, several: bool) -> Report:
    report = Report(doc_id=f"{base.doc_id}/{doc.key}" if several else base.doc_id, path=base.path,
                    format=reader.name, raw_text=doc.text, encoding=doc.encoding,
                    source_fields=dict(doc.fields), page_starts=list(doc.page_starts),
                    url=doc.fields.get("url", ""), warnings=list(doc.warnings))
    if not doc.text.strip():
        report.fail("empty", "no text found")
    return _done(report)


def _limit(settings) -> int | None:
    """Bytes a file may hold at most (settings.max_file_mb; 0 or None: no limit)."""
    mb = getattr(settings, "max_file_mb", None)
    return int(mb * MB) if mb else None


def _check(path: Path, root: Path | None, settings) -> Reader:
    """The reader of the file, from what is known without opening it; Unreadable when it
    is not to be read: a link out of `root`, not a regular file (a named pipe would block
    the run, a device never end), an unsupported type, over the size limit."""
    if root is not None and not getattr(settings, "follow_symlinks", False) \
            and os.path.islink(path) and outside(path, root):
        raise Unreadable("skipped", f"symbolic link out of the input folder (to "
                                    f"{printable_path(os.readlink(path))}): not followed "
                                    "(--follow-symlinks follows it)")
    try:
        info, stat_error = os.stat(path), None
    except OSError as exc:
        info, stat_error = None, exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise Unreadable(*_not_a_regular_file(path, info))
    reader = reader_for(path)
    if reader is None:
        raise Unreadable("skipped", f"unsupported file type {printable(path.suffix.lower()) or '(none)'!r}")
    if stat_error is not None:
        raise Unreadable("error", _cannot_read(path, stat_error))
    limit = _limit(settings)
    if limit is not None and info.st_size > limit:
        raise Unreadable("skipped", _too_large(f"{info.st_size / MB:.1f} MB", limit))
    return reader


def _too_large(size: str, limit: int) -> str:
    return f"file too large: {size}, over the limit of {limit / MB:g} MB (--max-file-mb)"


def _bytes(path: Path, reader: Reader, limit: int | None, keep: bool = True) -> tuple[bytes, str]:
    """The file's bytes and their digest. Its first 4 KB are read first: a binary format
    they show (a PDF named .txt) ends the reading there. No more than `limit` bytes are
    read, whatever the size the file system gave (a file in /proc says 0). With
    keep=False the bytes are only hashed (the main process's check of what is up to
    date holds no file in memory)."""
    h = hashlib.blake2b(digest_size=16)
    chunks, n = [], 0
    try:
        with open(path, "rb") as fh:
            chunk = fh.read(HEAD)
            binary = sniff_binary(chunk) if reader.expects_text else None
            if binary:
                raise Unreadable("skipped", f"not a text file: {binary}")
            while chunk:
                n += len(chunk)
                if limit is not None and n > limit:
                    raise Unreadable("skipped", _too_large(f"more than {limit / MB:g} MB", limit))
                h.update(chunk)
                if keep:
                    chunks.append(chunk)
                chunk = fh.read(MB if limit is None else min(MB, limit + 1 - n))
    except OSError as exc:
        raise Unreadable("error", _cannot_read(path, exc)) from None
    return b"".join(chunks), h.hexdigest()


def _documents(data: bytes, reader: Reader, context: ReadContext) -> list[Document]:
    if not data.strip():
        raise Unreadable("empty", "file is empty" if not data else "file holds only whitespace")
    removed = 0
    if reader.expects_text:
        data, removed = strip_nul_bytes(data)
    documents = reader.read(data, context)
    if not documents:
        raise Unreadable("empty", "no article found in the file")
    if removed:
        for doc in documents:
            doc.warnings.append(f"{removed} NUL bytes removed (a damaged or padded file)")
    return documents


def _not_a_regular_file(path: Path, info: os.stat_result) -> tuple[str, str]:
    """(status, reason) for a folder, pipe, socket or device met among the input files."""
    if stat.S_ISDIR(info.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return "error", f"cannot read folder: {exc.strerror or exc}"
        if path.is_symlink():
            return "skipped", "symbolic link to a folder already read (a loop): not read again"
        return "skipped", "a folder, not a file"
    return "skipped", f"not a regular file: {FILE_KINDS.get(stat.S_IFMT(info.st_mode), 'a special file')}"


def _cannot_read(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read file: symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"cannot read file: broken symbolic link (to {os.readlink(path)})"
    return f"cannot read file: {exc.strerror or exc}"


def read_report(path: str | Path, root: str | Path | None = None, *, lexicon=None,
                settings=None) -> Report:
    """The first report of a file: for files that hold one article."""
    return read_documents(path, root, lexicon=lexicon, settings=settings)[0]


def ingest(report: Report, lexicon, settings) -> Report:
    """The stage, for a report made with a path and no text yet: its file is read."""
    if report.raw_text:
        return report
    first = read_documents(report.path, doc_id=report.doc_id, lexicon=lexicon, settings=settings)[0]
    first.done = list(report.done)
    return first


STAGE = Stage("ingest", ingest, requires=("path",),
              provides=("raw_text", "source_fields", "encoding", "format", "page_starts"),
              needs=("lexicon", "settings"))
