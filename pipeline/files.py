"""Writing output files safely: every file atomically (a hidden temporary `.tmp-*.partial`
in the same folder, then a rename), so a killed run never leaves a torn table, and every
name inside the output folder, whatever the doc id. The next run removes the temporaries
a killed one left."""
from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import secrets
from pathlib import Path


# Temporary files: hidden, and not named *.csv, so no glob of the outputs ever takes one.
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".partial"
NAME_MAX = 255  # bytes in one file name, on every common file system


def safe_path(out_dir: Path, doc_id: str, suffix: str) -> Path:
    """out_dir/doc_id+suffix, refusing any name that would land outside out_dir.

    Distinct doc ids give distinct paths: only the path separator splits a doc id (a
    backslash is part of a name on POSIX), and a name too long for the file system is
    shortened with a hash of the whole name."""
    separators = {"/", os.sep, os.altsep} - {None}
    for sep in separators - {"/"}:
        doc_id = doc_id.replace(sep, "/")
    parts = [p for p in doc_id.split("/") if p not in ("", ".", "..")]
    if not parts:
        parts = ["_"]
    parts = [_fit_name(p, suffix if i == len(parts) - 1 else "") for i, p in enumerate(parts)]
    target = out_dir.joinpath(*parts[:-1], parts[-1] + suffix)
    # a symlinked folder inside out_dir could lead out of it. The folders are resolved
    # once each (a run writes thousands of files into a few folders). A link in the
    # file's own place is never followed: atomic_open replaces it, open_output refuses it
    if not _inside(out_dir, target.parent):
        raise ValueError(f"output name escapes the output folder: {doc_id!r}")
    return target


@functools.lru_cache(maxsize=4096)
def _inside(out_dir: Path, folder: Path) -> bool:
    """`folder`, resolved, is out_dir or a folder inside it: the file named in it (never
    "." or "..") is inside out_dir. Asked once a pair of folders, like _resolved."""
    root, resolved = _resolved(out_dir), _resolved(folder)
    return resolved == root or root in resolved.parents


def open_output(path: Path, mode: str = "rb", **kwargs):
    """An output file opened to be read, or None when it is missing or a symbolic link
    has been put in its place (never followed)."""
    flags = getattr(os, "O_NOFOLLOW", 0)
    try:
        return open(path, mode, opener=lambda p, f: os.open(p, f | flags), **kwargs)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
        raise


@functools.lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def _fit_name(name: str, suffix: str) -> str:
    """The name, or when name+suffix is too long, a shorter one that keeps it apart."""
    room = NAME_MAX - len(suffix.encode())
    if len(name.encode()) <= room:
        return name
    tag = "~" + hashlib.blake2b(name.encode(), digest_size=6).hexdigest()
    cut = name.encode()[: room - len(tag)].decode("utf-8", "ignore")
    return cut + tag


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb", encoding: str | None = None, durable: bool = True):
    """A file handle whose content appears at `path` whole, or not at all.

    Writes to a hidden temporary in the same folder (created with the usual permissions,
    not 0600), then renames it over `path`; any failure removes it. The rename alone
    makes the file whole or absent for any killed process; `durable` also syncs it to
    disk first, which only a power cut needs and which costs a disk flush per file."""
    tmp = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:  # the folder is made when it is missing, not asked for before each of 1,500 files
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline="" if "b" not in mode else None) as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, data: str | bytes, encoding: str = "utf-8", durable: bool = True) -> None:
    with atomic_open(path, "wb", durable=durable) as fh:
        fh.write(data.encode(encoding) if isinstance(data, str) else data)


def is_temporary(name: str) -> bool:
    """A name atomic_open makes (.tmp-<12 hex digits>.partial), and no other."""
    return TEMP_NAME.fullmatch(name) is not None


TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + "[0-9a-f]{12}" + re.escape(TEMP_SUFFIX))


def remove_stale_temporaries(out_dir: Path, own_folders: tuple[str, ...] = ()) -> int:
    """Remove the temporaries that a killed run left in `out_dir`; returns how many.
    Only names this module makes are touched, and no link is followed. Symbolic links
    inside `own_folders` (the folders of per-report files, which never hold one), or in
    their place, are removed too: nothing the pipeline writes or reads there may lead out
    of the output folder. One run at a time per output folder (see OutputLock)."""
    removed = 0
    for dirpath, dirnames, filenames in os.walk(out_dir):
        top = dirpath == os.fspath(out_dir)
        own = not top and Path(dirpath).relative_to(out_dir).parts[0] in own_folders
        for name in filenames + dirnames:
            path = os.path.join(dirpath, name)
            planted = (own or (top and name in own_folders)) and os.path.islink(path)
            if planted or (name in filenames and is_temporary(name)):
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed += 1
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
    return removed


def remove_file(path: Path, up_to: Path) -> None:
    """Remove a file the pipeline wrote (a link is removed, never followed), then its
    folders that are left empty, up to `up_to`."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    folder = path.parent
    while folder != up_to and up_to in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


class OutputLock:
    """One run at a time per output folder: an exclusive lock (flock) on a file in it,
    which the system releases when the process ends, killed or not (its forked workers
    share it, and die with it). `holder` is the process id of the run that has it, when
    another has."""

    def __init__(self, path: Path):
        self.path, self.fd, self.holder = path, None, None

    def acquire(self) -> bool:
        try:
            import fcntl
        except ImportError:  # not a POSIX system: run unguarded
            fcntl = None
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags, 0o666)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            os.unlink(self.path)  # a link planted in its place: never followed
            fd = os.open(self.path, flags, 0o666)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            return False
        except OSError:  # a file system without locks: run unguarded, as before
            pass
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None
