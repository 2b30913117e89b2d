"""The engine digest: what besides the answers shapes the output (the code and its version,
templates, catalogs, data, the languages of ``POLICYGEN_LANGUAGES`` folders, the versions of the
libraries that render), as one hash the build cache and the MkDocs plugin's kept pages key on.

Hashing every file's content on each run would grow with the catalogue: the content digest is kept
in the user's cache under a digest of the files' names, sizes and modification times (and the
library versions), so it is computed again whenever any of those change. Listing the files walks
the trees with ``os.walk`` and sorts plain strings: with a catalogue ten times larger, pathlib's
``rglob`` and the sorting of ``Path`` objects were most of what the size of the catalogue cost.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache

from . import __version__, usercache
from .languages import LANGUAGES_PATH
from .resources import PACKAGE, data_dir, locales_dir, templates_dir

ENGINE_LIBRARIES = ("jinja2", "babel", "markdown-it-py", "pydantic", "pyyaml")


@cache
def engine_digest() -> str:
    """A hash of everything besides the answers that shapes the output (see the module)."""
    from importlib.metadata import PackageNotFoundError, version

    head = f"policygen {__version__}\n"
    for name in ENGINE_LIBRARIES:
        try:
            head += f"{name} {version(name)}\n"
        except PackageNotFoundError:
            head += f"{name} ?\n"
    files = engine_files()
    stats = hashlib.sha256(head.encode())
    for label, _, size, mtime in files:
        stats.update(f"{label}\0{size}\0{mtime}\n".encode())
    root = usercache.cache_root()
    memo = None if root is None else root / "engine" / f"{stats.hexdigest()}.txt"
    known = None if memo is None else usercache.read(memo)
    if known is not None and re.fullmatch(rb"[0-9a-f]{64}", known):
        return known.decode("ascii")
    digest = _content_digest(head, files)
    if memo is not None:
        usercache.write(memo, digest.encode("ascii"))
    return digest


#: (label, path, size, modification time in ns) of one file; a tree's own line has path "" and zeros.
EngineFile = tuple[str, str, int, int]


def _content_digest(head: str, files: list[EngineFile]) -> str:
    h = hashlib.sha256(head.encode())
    for label, path, _, _ in files:
        if not path:
            h.update(label.encode())
        else:
            h.update(label.split("\0", 1)[1].encode() + b"\0")
            try:
                with open(path, "rb") as handle:
                    h.update(hashlib.sha256(handle.read()).digest())
            except OSError:  # gone or unreadable since it was listed
                h.update(b"unreadable\0")
    return h.hexdigest()


def engine_files() -> list[EngineFile]:
    """Every file the engine digest covers, in a fixed order (each tree's files by their path's
    parts); a tree's label (``\\0name\\0``) comes before its files (``name\\0relative/path``)."""
    out: list[EngineFile] = []
    roots = [(templates_dir(), None), (locales_dir(), {".po"}), (data_dir(), None), (PACKAGE, {".py"})]
    trees = [(root.name, str(root), suffixes) for root, suffixes in roots]
    # Languages from outside the package (languages.py reads them at start): each folder by its
    # path, so that another folder, or a changed catalog or grammar in one, is another engine.
    external = os.environ.get(LANGUAGES_PATH, "")
    trees += [(f"languages:{folder}", folder, None) for folder in filter(None, external.split(os.pathsep))]
    for name, root, suffixes in trees:
        out.append((f"\0{name}\0", "", 0, 0))
        found = [f for f in _files(root) if suffixes is None or os.path.splitext(f[0])[1] in suffixes]
        found.sort(key=lambda f: f[0].split("/"))
        out += [(f"{name}\0{rel}", path, size, mtime) for rel, path, size, mtime in found]
    return out


def _files(base: str) -> list[EngineFile]:
    """Every regular file below ``base`` (symbolic links to files too) with its size and time, by its
    relative posix path, leaving out ``__pycache__``: one ``stat`` per file (``os.scandir``). A
    folder met again through a symbolic link is left out, one that cannot be listed is a line of
    its own (``POLICYGEN_LANGUAGES`` folders are the user's)."""
    out: list[EngineFile] = []
    pending, seen = [("", base)], set()
    while pending:
        rel_dir, folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen or not os.path.isdir(folder):  # a loop; a languages entry that is no folder
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as entries:
                for item in entries:
                    rel = f"{rel_dir}{item.name}"
                    if item.is_dir():
                        if item.name != "__pycache__":
                            pending.append((rel + "/", item.path))
                    elif item.is_file():
                        st = item.stat()
                        out.append((rel, item.path, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((f"{rel_dir}\0unreadable", "", 0, 0))
    return out
