"""policygen's folder in the user's cache: compiled forms of our own files, kept between runs.

``$POLICYGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/policygen``, else ``~/.cache/policygen``; the value
``off`` turns every such cache off. What is stored there is named by a digest of its source (or
checked against one), so a changed source is never served from the cache. The cache is only an
optimisation: a folder that cannot be made or written, a damaged or truncated file, anything
unreadable means "work as without a cache", silently.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not `from typing import`: this module is imported before anything else

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 8 * 1024 * 1024  # a compiled catalog or clause is a few hundred kilobytes at most


def cache_folder() -> str | None:
    """The user's cache folder for policygen as a plain path (it may not exist yet); None when
    turned off. (Plain ``os.path``: ``policygen --help`` uses it before anything else is imported.)"""
    explicit = os.environ.get("POLICYGEN_CACHE_DIR")
    if explicit == "off":
        return None
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "policygen")


def cache_root() -> Path | None:
    """The user's cache folder for policygen (it may not exist yet); None when turned off."""
    from pathlib import Path

    folder = cache_folder()
    return None if folder is None else Path(folder)


def read(path: str | Path) -> bytes | None:
    """A cached file's bytes, or None when it is missing, too large or unreadable."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_BYTES else None


def write(path: str | Path, data: bytes) -> None:
    """Store ``data`` at ``path`` whole or not at all (another run may read it meanwhile)."""
    target = os.fspath(path)
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, target)
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)
