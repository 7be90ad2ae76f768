"""What earlier runs did, for incremental runs: for each input file, the key its outputs
were made under (pipeline fingerprint, the digest of the bytes the worker read, the
options that change the bytes) and its record (the rows of its reports, each with its
tables' parts, and what the runner checks of its files).

One SQLite file in OUT/.state/, read and written by the main process only, so that a
worker writes its report's files and nothing else. It is a cache: commits are not
synced, and what a killed run, a damaged file or a planted one loses only makes the
next run process those files again. Nothing in it is followed out of the output folder
(a symbolic link in the place of the folder or of one of its files is removed), and a
record is used only when its checksum holds (a row edited in place is not).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

STATE_DIR = ".state"
STATE_DB = "reports.sqlite"
LOCK = "lock"
SCHEMA = "outcomes"  # the table; earlier versions kept `files`, then `state`
EARLIER = ("files", "state")
OWN_FILES = (STATE_DB, f"{STATE_DB}-journal", f"{STATE_DB}-wal", f"{STATE_DB}-shm", LOCK)


def state_folder(out_dir: Path) -> Path:
    """OUT/.state, a real folder: whatever was planted in its place (a link, a file) is
    removed, and so are links or folders in the place of its own files."""
    folder = out_dir / STATE_DIR
    if os.path.islink(folder) or (os.path.lexists(folder) and not folder.is_dir()):
        os.unlink(folder)
    folder.mkdir(exist_ok=True)
    for name in OWN_FILES:
        path = folder / name
        if os.path.islink(path):
            os.unlink(path)
        elif path.is_dir():
            shutil.rmtree(path)
    return folder


def has_state(out_dir: Path) -> bool:
    """Whether an earlier run left its state in `out_dir` (a file, not a link)."""
    try:
        return stat.S_ISREG(os.lstat(out_dir / STATE_DIR / STATE_DB).st_mode)
    except OSError:
        return False


class StateFull(OSError):
    """The state database could not be written: the disk is full."""

    def __init__(self, path: Path):
        super().__init__(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


class StateStore:
    BATCH = 256  # records per transaction

    def __init__(self, out_dir: Path):
        self._path = state_folder(out_dir) / STATE_DB
        self._pending = 0
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:  # not a database any more: start again
            self._raise_if_full(exc)
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self._path}{suffix}").unlink(missing_ok=True)
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, isolation_level=None)  # transactions by hand
        try:
            db.execute("PRAGMA synchronous = OFF")
            for table in EARLIER:
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA} (file_id TEXT PRIMARY KEY, "
                       "key TEXT NOT NULL, record TEXT NOT NULL, seal TEXT NOT NULL)")
            db.execute(f"SELECT file_id FROM {SCHEMA} LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _raise_if_full(self, exc: sqlite3.Error) -> None:
        if getattr(exc, "sqlite_errorcode", None) == getattr(sqlite3, "SQLITE_FULL", 13) or "full" in str(exc):
            raise StateFull(self._path) from None

    @staticmethod
    def key(fingerprint: str, digest: str | None, options: dict) -> str:
        return json.dumps({"fingerprint": fingerprint, "digest": digest, **options}, sort_keys=True)

    @staticmethod
    def _seal(file_id: str, key: str, record: str) -> str:
        return hashlib.blake2b(f"{file_id}\0{key}\0{record}".encode("utf-8", "surrogatepass"),
                               digest_size=16).hexdigest()

    def get(self, file_id: str) -> tuple[str, object] | None:
        """(key, record) stored for the file, when its checksum holds; else None."""
        try:
            found = self._db.execute(f"SELECT key, record, seal FROM {SCHEMA} WHERE file_id = ?",
                                     (file_id,)).fetchone()
            if not found or not all(isinstance(v, str) for v in found):
                return None
            key, record, seal = found
            if seal != self._seal(file_id, key, record):
                return None
            return key, json.loads(record)
        except (sqlite3.DatabaseError, ValueError, RecursionError):
            return None

    def put(self, file_id: str, key: str, record) -> None:
        text = json.dumps(record, ensure_ascii=False)
        try:
            if not self._pending:
                self._db.execute("BEGIN")
            self._db.execute(f"INSERT OR REPLACE INTO {SCHEMA} VALUES (?, ?, ?, ?)",
                             (file_id, key, text, self._seal(file_id, key, text)))
            self._pending += 1
        except sqlite3.Error as exc:
            self._raise_if_full(exc)
            raise
        if self._pending >= self.BATCH:
            self.commit()

    def file_ids(self) -> list[str]:
        try:
            return [row[0] for row in self._db.execute(f"SELECT file_id FROM {SCHEMA}")]
        except sqlite3.DatabaseError:
            return []

    def delete(self, file_id: str) -> None:
        if not self._pending:
            self._db.execute("BEGIN")
        self._db.execute(f"DELETE FROM {SCHEMA} WHERE file_id = ?", (file_id,))
        self._pending += 1

    def commit(self) -> None:
        """Before workers are forked too: a worker must never inherit an open transaction."""
        if self._pending:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._raise_if_full(exc)
                raise
            self._pending = 0

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self._db.close()
