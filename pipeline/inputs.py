"""The input files of a run: every entry under the input folder, and the doc id of each.

Listing is not a stage: the runner lists the files, then each file becomes one or more
reports (a table of articles gives one per row) that the stages process.

Doc ids are unique whatever the names: two files whose names would give one id keep
their extensions (a.txt, a.html), a name that is someone else's full name keeps its own
(a.txt.html beside a.txt), and a name that is not valid UTF-8 (a GBK name from a Windows
zip) is written with its bytes escaped (\\xb1), so that it can be written anywhere.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path, PurePosixPath


def printable(name: str) -> str:
    """A name as text that can be written anywhere (UTF-8): itself when it is valid, else
    its undecodable bytes as \\xNN and its backslashes doubled. Distinct names stay
    distinct: an escaped form always holds "\\x", which a name kept as it is never does."""
    if "\\x" not in name and not any("\udc80" <= ch <= "\udcff" for ch in name):
        try:
            name.encode("utf-8")
            return name
        except UnicodeEncodeError:  # another lone surrogate: escaped below
            pass
    out = []
    for ch in name:
        if "\udc80" <= ch <= "\udcff":  # a byte that did not decode (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xdc00:02x}")
        elif "\ud800" <= ch <= "\udfff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append("\\\\" if ch == "\\" else ch)
    return "".join(out)


def printable_path(path: str | Path) -> str:
    """A path for reports.csv and messages: each part printable()."""
    text = str(path)
    return "/".join(printable(part) for part in text.split("/"))


def _id_of(rel: PurePosixPath, keep_suffix: bool) -> str:
    if keep_suffix or not rel.suffix or rel.stem in (".", ".."):  # "..txt" keeps its name
        return "/".join(printable(p) for p in rel.parts)
    return "/".join(printable(p) for p in rel.with_suffix("").parts)


def doc_id_for(path: Path, root: Path) -> str:
    """The file's path relative to the input folder, without its extension, POSIX style."""
    return _id_of(PurePosixPath(*path.relative_to(root).parts), keep_suffix=False)


def assign_doc_ids(files: list[Path], root: Path) -> list[str]:
    """doc_id = relative path without extension, unless that is not unique: where two
    files would share one (a.txt and a.html) both keep their extension, and so does a
    file whose short id is another file's full one (a.txt.html beside a.txt)."""
    rels = [PurePosixPath(*Path(p).relative_to(root).parts) for p in files]
    short = [_id_of(r, keep_suffix=False) for r in rels]
    full = [_id_of(r, keep_suffix=True) for r in rels]
    counts: dict[str, int] = {}
    for i in short:
        counts[i] = counts.get(i, 0) + 1
    fulls = set(full)
    return [s if counts[s] == 1 and (s == f or s not in fulls) else f for s, f in zip(short, full)]


def with_doc_ids(files, root: Path):
    """(path, doc_id) for a stream of files. Two files can share a doc id only within one
    folder, and iter_input_files gives a folder's entries together: so ids are assigned a
    folder at a time, and the list of all files is never held."""
    for _folder, group in itertools.groupby(files, key=lambda p: Path(p).parent):
        group = list(group)
        yield from zip(group, assign_doc_ids(group, root))


def input_root(input_path: str | Path) -> Path:
    """What doc ids are relative to: the input folder, or the folder of an input file."""
    path = Path(input_path)
    return path.parent if path.is_file() else path


def iter_input_files(input_dir: str | Path, exclude: str | Path | None = None,
                     follow_links: bool = False):
    """Every entry under the folder that is not a folder walked, a folder's entries
    together and sorted by name, then its subfolders' in turn; an input that is one
    file, that file.

    Files of any type are yielded, so that each is accounted for in reports.csv, and so
    are the folders that are not walked: a symbolic link back to a folder already walked
    (a loop), a folder that cannot be listed, and (unless `follow_links`) a symbolic link
    to a folder outside the input folder. The folder `exclude` (the output folder, when
    it lies inside the input) is not walked: outputs never become inputs."""
    root = Path(input_dir)
    if root.is_file():
        yield root
        return
    seen: set[tuple[int, int]] = set()
    for folder in (root, exclude):
        try:
            st = os.stat(folder) if folder is not None else None
        except OSError:
            st = None
        if st is not None:
            seen.add((st.st_dev, st.st_ino))
    excluded = set(seen) - {_key(root)}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # the root (run() checks it), or a folder that went away meanwhile
        subfolders = []
        for entry in entries:
            path = Path(folder) / entry.name
            walk = _walkable(entry, path, root, seen, excluded, follow_links)
            if walk is None:
                continue  # the output folder
            if walk:
                subfolders.append(path)
            else:
                yield path
        stack.extend(reversed(subfolders))


def _key(path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _walkable(entry: os.DirEntry, path: Path, root: Path, seen: set, excluded: set,
              follow_links: bool) -> bool | None:
    """True: a folder to walk (now marked seen); False: an entry to yield; None: the
    output folder, neither walked nor yielded."""
    try:
        if not entry.is_dir():
            return False
        st = entry.stat()
    except OSError:
        return False  # a link that cannot be followed: ingest says why
    key = (st.st_dev, st.st_ino)
    if key in excluded:
        return None
    if key in seen:
        return False  # a link back to a folder already walked: a loop
    if entry.is_symlink() and not follow_links and outside(path, root):
        return False
    try:  # a folder that cannot be listed is an entry of its own folder, with the others
        with os.scandir(path):
            pass
    except OSError:
        return False
    seen.add(key)
    return True


def outside(path: str | Path, root: str | Path) -> bool:
    """Whether `path`, a symbolic link, leads out of the folder `root` (links followed)."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return not (real == base or real.startswith(base.rstrip(os.sep) + os.sep))
