"""The policy as a site generator needs it, kept in the user's cache between processes.

Every ``mkdocs build`` is a new process, and most of them change the site's pages, not the
policy's answers. The MkDocs plugin asks ``site_policy`` for the documents; it returns the entry
stored by an earlier process when nothing the policy is made from has changed, without importing
the rendering engine, and otherwise runs the build step it is given and stores what it made.

An entry is found by a digest of the engine (``engine.engine_digest``: code, templates, catalogs,
data, library versions), the answers file's absolute path and the caller's options (the plugin's
options and the interface language, which the findings are worded in). It holds the documents,
the findings as text and what the build read: the answers file and its ``extends`` chain with
their SHA-256, the overlay folder and its digest. It is used only while every one of those files
still has that digest: the same test ``mkdocs serve`` applies between its rebuilds. A build that
fails is never stored (it stops the site's build, and runs again next time); nor is one the
caller needs whole (the consent banner needs the answers and the policy, not only the documents).

Like every user cache, it is an optimisation only (``usercache``): turned off with
``POLICYGEN_CACHE_DIR=off``; an entry that cannot be read or is not of this format is a miss. An
entry's file is named by the answers and options first, the engine second: storing one removes the
entries of the same answers and options made by another engine (an upgraded policygen), so the
folder holds one entry per site, not one per version ever used.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import usercache
from .document import Document, Section, excerpt, to_markdown
from .paths import tree_digest
from .safeio import MAX_ANSWERS_BYTES, InputFileError, file_digest

if TYPE_CHECKING:
    from .build import Built

#: Bumped when an entry changes shape; entries of another format are misses.
FORMAT = 1


@dataclass(frozen=True)
class SitePolicy:
    """The documents of a build (by language), its findings as (severity, text) and what it read."""

    documents: dict[str, Document]
    findings: tuple[tuple[str, str], ...]
    #: The files the answers were read from: absolute path, SHA-256.
    sources: tuple[tuple[str, str], ...]
    overlay: Path | None
    overlay_digest: str
    #: The whole build when it was made in this process (None when read from the cache).
    built: Built | None = None

    def page(self, lang: str, title: str | None = None) -> str:
        """The document as one Markdown page, under its own title or ``title``."""
        document = self.documents[lang]
        return to_markdown(document if title is None else replace(document, title=title))

    def section_page(self, lang: str, ident: str, page_link: str) -> str | None:
        """One section with its parts as a page of its own, links to the rest pointed at
        ``page_link``; None when the document has no such section."""
        return excerpt(self.documents[lang], ident, page_link)

    def changed(self) -> bool:
        """Whether a file the policy was read from, or the overlay, changed since it was built."""
        for path, sha in self.sources:
            if file_digest(Path(path), MAX_ANSWERS_BYTES) != sha:
                return True
        try:
            return tree_digest(self.overlay) != self.overlay_digest
        except InputFileError:
            return True  # building again reports it


def from_built(built: Built) -> SitePolicy:
    findings = tuple((f.severity, str(f)) for f in built.findings)
    return SitePolicy(built.documents, findings, built.sources, built.overlay, built.overlay_digest, built)


def site_policy(path: Path, build: Callable[[], Built], options: str, *, keep: bool = True) -> SitePolicy:
    """The policy of the answers file ``path`` made by ``build`` (the build step with the caller's
    options, summed up in ``options``): from the cache when an earlier process stored it and none
    of its inputs changed; else built, and stored when ``keep``."""
    entry = _entry(path, options) if keep else None
    if entry is not None:
        found = _decode(usercache.read(entry))
        if found is not None and not found.changed():
            return found
    made = from_built(build())
    if entry is not None:
        usercache.write(entry, _encode(made))
        _remove_other_engines(entry)
    return made


def _entry(path: Path, options: str) -> Path | None:
    root = usercache.cache_root()
    if root is None:
        return None
    from .engine import engine_digest

    site = hashlib.sha256(f"{FORMAT}\0{os.path.abspath(path)}\0{options}".encode()).hexdigest()[:32]
    engine = hashlib.sha256(engine_digest().encode()).hexdigest()[:32]
    return root / "site" / f"{site}-{engine}.json"


def _remove_other_engines(entry: Path) -> None:
    """Remove the entries of the same answers and options made by another engine."""
    prefix = entry.name.split("-", 1)[0] + "-"
    try:
        others = [p for p in entry.parent.iterdir() if p.name.startswith(prefix) and p.name != entry.name]
        for other in others:
            other.unlink(missing_ok=True)
    except OSError:
        pass  # only tidying: the next store tries again


def _encode(site: SitePolicy) -> bytes:
    documents = {
        lang: [d.title, d.id, d.updated, [[s.id, s.title, s.level, s.body] for s in d.sections]]
        for lang, d in site.documents.items()
    }
    data = {
        "format": FORMAT,
        "documents": documents,
        "findings": site.findings,
        "sources": site.sources,
        "overlay": None if site.overlay is None else str(site.overlay),
        "overlay_digest": site.overlay_digest,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _decode(data: bytes | None) -> SitePolicy | None:
    """The stored entry, or None for anything else (no file, a damaged or foreign one)."""
    if data is None:
        return None
    try:
        raw = json.loads(data)
        if raw["format"] != FORMAT:
            return None
        documents = {lang: _document(lang, value) for lang, value in raw["documents"].items()}
        findings = tuple(_strings(item, 2) for item in raw["findings"])
        sources = tuple(_strings(item, 2) for item in raw["sources"])
        overlay = raw["overlay"]
        digest = raw["overlay_digest"]
        if not (overlay is None or isinstance(overlay, str)) or not isinstance(digest, str):
            return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return SitePolicy(documents, findings, sources, None if overlay is None else Path(overlay), digest)


def _document(lang: str, value: Any) -> Document:
    title, ident, updated, sections = value
    parts = tuple(_section(item) for item in sections)
    return Document(lang, *_strings([title], 1), parts, *_strings([ident, updated], 2))


def _section(item: Any) -> Section:
    ident, title, level, body = item
    if not isinstance(level, int) or isinstance(level, bool):
        raise TypeError("level")
    return Section(*_strings([ident, title], 2), level, *_strings([body], 1))


def _strings(item: Any, count: int) -> tuple[str, ...]:
    """``item`` as a tuple of ``count`` strings (else ``TypeError``)."""
    if not isinstance(item, list) or len(item) != count or not all(isinstance(s, str) for s in item):
        raise TypeError("expected strings")
    return tuple(item)
