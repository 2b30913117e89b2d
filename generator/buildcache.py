"""The cache of ``policygen build``: ``OUT/.policygen-cache.sqlite``, so unchanged inputs are skipped.

One row per answers file (by absolute path): the digest of its last successful build, the files
that build read (the answers file first, then its ``extends`` chain), its overlay directory and
the outputs it wrote (relative to ``OUT``). Rows are read and written one at a time, so memory
does not grow with the number of files. Writes are committed in small batches: a run that is
killed loses at most its last rows, and those files are simply built again next time.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

CACHE_FILE = ".policygen-cache.sqlite"
#: The JSON cache of earlier versions; removed when the new one is created.
OLD_CACHE_FILE = ".policygen-cache.json"
#: Bumped when the stored entry changes shape; a cache of another format is started afresh.
FORMAT = 2
COMMIT_EVERY = 200  # rows
COMMIT_SECONDS = 2.0


@dataclass(frozen=True)
class Entry:
    digest: str
    sources: tuple[str, ...]  # absolute paths: the answers file, then each file it extends
    overlay: str | None  # absolute path of the overlay directory, if any
    outputs: tuple[str, ...]  # relative to OUT


class BuildCache:
    """Opened lazily: a run that builds nothing creates nothing."""

    def __init__(self, out: Path) -> None:
        self.path = out / CACHE_FILE
        self._db: sqlite3.Connection | None = None
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def get(self, answers: str) -> Entry | None:
        db = self._open(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT entry FROM builds WHERE answers = ?", (answers,)).fetchone()
            data = json.loads(row[0]) if row else None
            if not isinstance(data, dict):
                return None
            return Entry(
                str(data["digest"]),
                tuple(str(s) for s in data["sources"]),
                None if data["overlay"] is None else str(data["overlay"]),
                tuple(str(o) for o in data["outputs"]),
            )
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
            return None  # an unreadable row only means the file is built again

    def put(self, answers: str, entry: Entry) -> None:
        db = self._open(create=True)
        assert db is not None
        data = {"digest": entry.digest, "sources": entry.sources, "overlay": entry.overlay, "outputs": entry.outputs}
        db.execute("INSERT OR REPLACE INTO builds (answers, entry) VALUES (?, ?)", (answers, json.dumps(data)))
        self._uncommitted += 1
        if self._uncommitted >= COMMIT_EVERY or time.monotonic() - self._last_commit >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self._db is not None and self._uncommitted:
            self._db.commit()
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        if self._db is not None:
            self.commit()
            self._db.close()
            self._db = None

    def _open(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        if not create and not self.path.is_file():
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:  # not a database (or a damaged one): start afresh
            self.path.unlink(missing_ok=True)
            self._db = self._connect()
        (self.path.parent / OLD_CACHE_FILE).unlink(missing_ok=True)
        return self._db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA synchronous = NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                db.execute("DROP TABLE IF EXISTS builds")
                db.execute(f"PRAGMA user_version = {FORMAT}")
            db.execute("CREATE TABLE IF NOT EXISTS builds (answers TEXT PRIMARY KEY, entry TEXT NOT NULL)")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db
