"""Writing output files safely: every file atomically (a hidden temporary `.tmp-*.partial`
in the same folder, then a rename), so a killed run never leaves a torn table, and every
name inside the output folder, whatever the doc id. The next run removes the temporaries
a killed one left."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
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
    # a symlinked folder (or file) inside out_dir could lead out of it. The folders are
    # resolved once each (a run writes thousands of files into a few folders); the file
    # itself only when it is a link
    resolved = target.resolve() if os.path.islink(target) else _resolved(target.parent) / target.name
    if _resolved(out_dir) not in resolved.parents:
        raise ValueError(f"output name escapes the output folder: {doc_id!r}")
    return target


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


def remove_stale_temporaries(out_dir: Path) -> int:
    """Remove the temporaries that a killed run left in `out_dir`; returns how many.
    Only names this module makes are touched. One run at a time per output folder."""
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(out_dir):
        for name in filenames:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed
