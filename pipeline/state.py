"""What earlier runs did, for incremental runs: for each input file, the key its outputs
were made under (pipeline fingerprint, the file's digest, the options that change the
bytes) and the rows of its reports (each with its tables' parts).

One SQLite file in OUT/.state/, read and written by the main process only, so that a
worker writes its report's files and nothing else. It is a cache: commits are not
synced, and what a killed run or a damaged file loses only makes the next run process
those files again.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

STATE_DIR = ".state"
STATE_DB = "reports.sqlite"
SCHEMA = "files"  # the table; earlier versions kept one row per report in `state`


class StateStore:
    BATCH = 256  # rows per transaction

    def __init__(self, out_dir: Path):
        folder = out_dir / STATE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / STATE_DB
        self._pending = 0
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
            db.execute("DROP TABLE IF EXISTS state")
            db.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA} "
                       "(file_id TEXT PRIMARY KEY, key TEXT NOT NULL, rows TEXT NOT NULL)")
            db.execute(f"SELECT file_id FROM {SCHEMA} LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def key(fingerprint: str, digest: str | None, options: dict) -> str:
        return json.dumps({"fingerprint": fingerprint, "digest": digest, **options}, sort_keys=True)

    def rows(self, file_id: str, key: str) -> list[dict] | None:
        """The rows stored for the file under this key, else None."""
        try:
            found = self._db.execute(f"SELECT key, rows FROM {SCHEMA} WHERE file_id = ?",
                                     (file_id,)).fetchone()
            if not found or found[0] != key:
                return None
            rows = json.loads(found[1])
            return rows if isinstance(rows, list) and all(isinstance(r, dict) for r in rows) else None
        except (sqlite3.DatabaseError, ValueError):
            return None

    def put(self, file_id: str, key: str, rows: list[dict]) -> None:
        if not self._pending:
            self._db.execute("BEGIN")
        self._db.execute(f"INSERT OR REPLACE INTO {SCHEMA} VALUES (?, ?, ?)",
                         (file_id, key, json.dumps(rows, ensure_ascii=False)))
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
