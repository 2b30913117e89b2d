"""The cache of ``policygen build``: ``OUT/.policygen-cache.sqlite``, so unchanged inputs are skipped.

One row per answers file (by absolute path): the digest of its last successful build, the files
that build read (the answers file first, then its ``extends`` chain), its overlay directory and
the outputs it wrote (relative to ``OUT``). Rows are read and written one at a time, so memory
does not grow with the number of files. Writes are committed in small batches: a run that is
killed loses at most its last rows, and those files are simply built again next time.

The cache is only ever an optimisation. Any error from SQLite or the file system while using it
means "no cache", with one warning in the interface language, and every file is built:

- a damaged cache (not a database, a malformed page, a ``builds`` table of another shape) is
  replaced by a new, empty one, written beside it and renamed over it (never deleted in place, so
  a run that still has the old file open is not disturbed);
- a cache that another run keeps locked longer than ``LOCK_TIMEOUT`` seconds, or that cannot be
  opened or written (a folder in its place, a read-only disk), is left alone for this run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .i18n import N_, gettext_for
from .languages import SOURCE
from .output import temporary_name

CACHE_FILE = ".policygen-cache.sqlite"
#: The JSON cache of earlier versions; removed when the new one is created.
OLD_CACHE_FILE = ".policygen-cache.json"
#: Bumped when the stored entry changes shape; a cache of another format is started afresh.
FORMAT = 2
COMMIT_EVERY = 200  # rows
COMMIT_SECONDS = 2.0
#: Seconds to wait for another run's lock on the cache before building without it.
LOCK_TIMEOUT = 30.0

MSG_DAMAGED = N_(
    "warning: the build cache %(path)s is damaged (%(reason)s); every file is built again and a new cache is started"
)
MSG_BUSY = N_(
    "warning: the build cache %(path)s is locked by another policygen run; every file is built, without the cache"
)
MSG_UNUSABLE = N_("warning: cannot use the build cache %(path)s (%(reason)s); every file is built, without the cache")
MSG_NOT_A_FILE = N_("not a regular file")
MSG_OTHER_COLUMNS = N_("its builds table has other columns")

_SQLITE_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_DAMAGED = (1, 11, 26)  # SQLITE_ERROR (a table of another shape), SQLITE_CORRUPT, SQLITE_NOTADB
_COLUMNS = [("answers", "TEXT"), ("entry", "TEXT")]


@dataclass(frozen=True)
class Entry:
    digest: str
    sources: tuple[str, ...]  # absolute paths: the answers file, then each file it extends
    overlay: str | None  # absolute path of the overlay directory, if any
    outputs: tuple[str, ...]  # relative to OUT


class _Damaged(Exception):
    """The cache file exists but is not a cache of ours."""


class _NotAFile(Exception):
    """Something other than a regular file (a folder, a pipe) where the cache should be."""


def _kind(exc: BaseException) -> str:
    """``busy``, ``damaged`` or ``unusable`` for an error met while using the cache."""
    if isinstance(exc, _Damaged):
        return "damaged"
    if isinstance(exc, _NotAFile):
        return "unusable"
    if not isinstance(exc, sqlite3.Error):
        return "unusable"  # OSError and the like
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if (code is not None and code & 0xFF in _SQLITE_BUSY) or "locked" in text or "busy" in text:
        return "busy"
    if code is not None:
        return "damaged" if code & 0xFF in _SQLITE_DAMAGED else "unusable"
    damaged = ("malformed", "not a database", "no such", "column", "constraint")
    return "damaged" if any(word in text for word in damaged) else "unusable"


_ERRORS = (sqlite3.Error, OSError, _Damaged, _NotAFile)


class BuildCache:
    """Opened lazily: a run that builds nothing creates nothing. ``warn`` receives each warning
    (in ``ui_lang``); after one, the cache is healed or switched off and never raises."""

    def __init__(self, out: Path, ui_lang: str = SOURCE, warn: Callable[[str], None] | None = None) -> None:
        self.path = out / CACHE_FILE
        self.ui_lang = ui_lang
        self.warn = warn or (lambda text: None)
        self.off = False
        self._healed = False
        self._db: sqlite3.Connection | None = None
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def get(self, answers: str) -> Entry | None:
        try:
            db = self._open(create=False)
            if db is None:
                return None
            row = db.execute("SELECT entry FROM builds WHERE answers = ?", (answers,)).fetchone()
        except _ERRORS as exc:
            self._failed(exc)
            return None
        try:
            data = json.loads(row[0]) if row else None
            if not isinstance(data, dict):
                return None
            return Entry(
                str(data["digest"]),
                tuple(str(s) for s in data["sources"]),
                None if data["overlay"] is None else str(data["overlay"]),
                tuple(str(o) for o in data["outputs"]),
            )
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable row only means the file is built again

    def put(self, answers: str, entry: Entry) -> None:
        data = {"digest": entry.digest, "sources": entry.sources, "overlay": entry.overlay, "outputs": entry.outputs}
        for _ in range(2):  # once more in the new cache when the first attempt found the old one damaged
            try:
                db = self._open(create=True)
                if db is None:
                    return
                db.execute("INSERT OR REPLACE INTO builds (answers, entry) VALUES (?, ?)", (answers, json.dumps(data)))
                self._uncommitted += 1
                if self._uncommitted >= COMMIT_EVERY or time.monotonic() - self._last_commit >= COMMIT_SECONDS:
                    self.commit()
                return
            except _ERRORS as exc:
                self._failed(exc)

    def commit(self) -> None:
        try:
            if self._db is not None and self._uncommitted:
                self._db.commit()
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        if self._db is not None:
            self.commit()
            self._close_quietly()

    # -- opening, and what happens when it fails ----------------------------------------------------

    def _open(self, create: bool) -> sqlite3.Connection | None:
        if self.off:
            return None
        if self._db is not None:
            return self._db
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            if not create:
                return None
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise _NotAFile()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._connect(self.path)
        with contextlib.suppress(OSError):
            (self.path.parent / OLD_CACHE_FILE).unlink(missing_ok=True)
        return self._db

    def _connect(self, path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=LOCK_TIMEOUT)
        try:
            db.execute("PRAGMA synchronous = NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                db.execute("DROP TABLE IF EXISTS builds")
                db.execute(f"PRAGMA user_version = {FORMAT}")
            db.execute("CREATE TABLE IF NOT EXISTS builds (answers TEXT PRIMARY KEY, entry TEXT NOT NULL)")
            db.commit()
            columns = [(row[1], row[2].upper()) for row in db.execute("PRAGMA table_info(builds)")]
            if columns != _COLUMNS:
                raise _Damaged(MSG_OTHER_COLUMNS)
        except BaseException:
            db.close()
            raise
        return db

    def _failed(self, exc: BaseException) -> None:
        """Warn once; heal a damaged cache (once), otherwise go on without one."""
        self._close_quietly()
        if self._healed:  # the new cache fails too: give up on it quietly
            self.off = True
            return
        kind = _kind(exc)
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, OSError) and exc.strerror:
            reason = exc.strerror
        elif isinstance(exc, _NotAFile):
            reason = gettext_for(self.ui_lang, MSG_NOT_A_FILE)
        elif isinstance(exc, _Damaged):
            reason = gettext_for(self.ui_lang, str(exc))
        if kind == "damaged":
            self.warn(gettext_for(self.ui_lang, MSG_DAMAGED) % {"path": self.path, "reason": reason})
            if self._replace():
                return
        elif kind == "busy":
            self.warn(gettext_for(self.ui_lang, MSG_BUSY) % {"path": self.path})
        else:
            self.warn(gettext_for(self.ui_lang, MSG_UNUSABLE) % {"path": self.path, "reason": reason})
        self.off = True

    def _replace(self) -> bool:
        """A new, empty cache renamed over the damaged one; False when that fails too."""
        try:
            damaged = os.stat(self.path)
            fresh = temporary_name(self.path)
            try:
                self._connect(fresh).close()
                current = os.stat(self.path)
                if (current.st_dev, current.st_ino) == (damaged.st_dev, damaged.st_ino):
                    for suffix in ("-journal", "-wal", "-shm"):  # they belong to the damaged file
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    os.replace(fresh, self.path)
                # else: another run replaced it meanwhile; use that one
            finally:
                fresh.unlink(missing_ok=True)
            self._db = self._connect(self.path)
        except _ERRORS:
            self._close_quietly()
            self.off = True
            return False
        self._healed = True
        return True

    def _close_quietly(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        self._uncommitted = 0
