"""Atomic file output: write to a temporary file beside the target, then rename over it.

Every file policygen writes (``build`` outputs, ``schema --out``, the wizard's answers and partial
files) goes through ``write_atomic`` or ``write_all``:

- a temporary file is created with ``O_EXCL`` and mode 0666, so the kernel applies the umask as it
  does for any file a program creates (0644 under ``umask 022``), and renamed over the target;
- its name carries the writing process's id and a random part: runs that write into the same
  folder at the same time never touch each other's temporaries, and ``remove_stale_temporaries``
  deletes only those whose process is gone;
- ``write_all`` writes a group of files (one answers file's outputs) all or none: every temporary
  is written first, and only then are they renamed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import time
from collections.abc import Sequence
from pathlib import Path

#: Temporary files are hidden and recognisable, so a later run can remove any a killed run left.
TEMP_PREFIX = ".policygen-"
TEMP_SUFFIX = ".tmp"
#: ``.policygen-<name>.<pid>.<random>.tmp``: the process that writes it.
_OWNED = re.compile(r"\.(\d+)\.[0-9a-f]{16}" + re.escape(TEMP_SUFFIX) + r"$")
#: A temporary without a process id (written by an older version) is stale after this long.
UNOWNED_STALE_SECONDS = 3600


class PartlyWritten(OSError):
    """Renaming failed after some files of a group were already in place (``written``)."""

    def __init__(self, cause: OSError, written: list[Path]) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), cause.filename)
        self.written = written


def temporary_name(path: Path) -> Path:
    """A temporary file name beside ``path``, unique to this process."""
    stem = path.name[:100]  # room for the rest within the usual 255-byte limit of a name
    return path.with_name(f"{TEMP_PREFIX}{stem}.{os.getpid()}.{secrets.token_hex(8)}{TEMP_SUFFIX}")


def _make_parents(folder: Path, created: list[Path]) -> None:
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        try:
            os.mkdir(each)
        except FileExistsError:
            if each.is_dir():
                continue  # another run made it meanwhile
            raise  # a file is in the way
        created.append(each)


def _write_temporary(path: Path, text: str | bytes, created: list[Path]) -> Path:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    try:
        _make_parents(path.parent, created)
    except (FileExistsError, NotADirectoryError):  # a file where one of its folders should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
    tmp = temporary_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:  # named after the target, not the temporary nobody asked for
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:  # text as UTF-8, newlines as they are
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_all(files: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write every ``(path, text)`` (text in UTF-8, or bytes as they are) or none of them.

    All temporaries are written first (a full disk, a file where a folder should be, a folder
    where the file should be: nothing is renamed, and folders this call made are removed again);
    then each is renamed over its target. A rename that still fails raises ``PartlyWritten`` with
    the files already in place."""
    created: list[Path] = []
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            temporaries.append((_write_temporary(path, text, created), path))
    except BaseException:
        for tmp, _ in temporaries:
            tmp.unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    written: list[Path] = []
    for index, (tmp, path) in enumerate(temporaries):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for left, _ in temporaries[index:]:
                left.unlink(missing_ok=True)
            if not written:
                raise
            raise PartlyWritten(exc, written) from exc
        written.append(path)


def write_atomic(path: Path, text: str) -> None:
    write_all([(path, text)])


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs: it exists and has not finished (a killed worker can stay
    a zombie for a moment, until whoever adopted it collects it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[-1].split()[:1]
    except OSError:  # no /proc: trust kill()
        return True
    return state != [b"Z"]


def _stale(path: Path) -> bool:
    owned = _OWNED.search(path.name)
    if owned is not None:
        return not _running(int(owned.group(1)))
    try:
        return time.time() - path.stat().st_mtime > UNOWNED_STALE_SECONDS
    except OSError:
        return False


def remove_stale_temporaries(root: Path) -> int:
    """Delete temporary files that interrupted runs left under ``root`` (their process is gone;
    those of runs still writing are kept); returns how many."""
    if not root.is_dir():
        return 0
    stale = [path for path in root.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}") if _stale(path)]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)
