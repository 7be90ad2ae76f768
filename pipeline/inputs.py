"""The input files of a run: every entry under the input folder, and the doc id of each.

Listing is not a stage: the runner lists the files, then each file becomes one or more
reports (a table of articles gives one per row) that the stages process.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path, PurePosixPath


def doc_id_for(path: Path, root: Path) -> str:
    """The file's path relative to the input folder, without its extension, POSIX style."""
    rel = PurePosixPath(*path.relative_to(root).parts)
    if not rel.suffix or rel.stem in (".", ".."):  # "..txt" keeps its name: no "." or ".." part
        return str(rel)
    return str(rel.with_suffix(""))


def assign_doc_ids(files: list[Path], root: Path) -> list[str]:
    """doc_id = relative path without extension; where two files would share one
    (a.txt and a.html), both keep their extension instead."""
    ids = [doc_id_for(p, root) for p in files]
    counts: dict[str, int] = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    return [i if counts[i] == 1 else Path(p).relative_to(root).as_posix()
            for i, p in zip(ids, files)]


def with_doc_ids(files, root: Path):
    """(path, doc_id) for a stream of files. Two files can share a doc id only within one
    folder, and iter_input_files gives a folder's files together: so ids are assigned a
    folder at a time, and the list of all files is never held."""
    for _folder, group in itertools.groupby(files, key=lambda p: Path(p).parent):
        group = list(group)
        yield from zip(group, assign_doc_ids(group, root))


def input_root(input_path: str | Path) -> Path:
    """What doc ids are relative to: the input folder, or the folder of an input file."""
    path = Path(input_path)
    return path.parent if path.is_file() else path


def iter_input_files(input_dir: str | Path, exclude: str | Path | None = None):
    """Every entry under the folder that is not a folder walked, sorted within each folder;
    an input that is one file, that file.

    Files of any type are yielded, so that each is accounted for in reports.csv, and so
    are the folders that are not walked: a symbolic link back to a folder already walked
    (a loop), and a folder that cannot be listed. The folder `exclude` (the output
    folder, when it lies inside the input) is not walked: outputs never become inputs.
    """
    root = Path(input_dir)
    if root.is_file():
        yield root
        return
    seen_dirs: set[tuple[int, int]] = set()
    if exclude is not None and Path(exclude).is_dir():
        st = os.stat(exclude)
        seen_dirs.add((st.st_dev, st.st_ino))
    unlisted: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=lambda e: unlisted.append(e.filename)):
        yield from _unlisted(unlisted, root)
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen_dirs:  # a symlink loop: do not walk it again, but account for it
            dirnames[:] = []
            if not _same_folder(dirpath, exclude):
                yield Path(dirpath)
            continue
        seen_dirs.add(key)
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name
    yield from _unlisted(unlisted, root)


def _unlisted(unlisted: list[str], root: Path):
    """The folders that could not be listed, since the last call."""
    for folder in sorted(unlisted):
        if Path(folder) != root:
            yield Path(folder)
    unlisted.clear()


def _same_folder(a, b) -> bool:
    try:
        return b is not None and os.path.samefile(a, b)
    except OSError:
        return False
