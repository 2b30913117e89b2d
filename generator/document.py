"""The rendered policy as a structure: a title and sections with id, title, level and body.

Rendering (render.py) returns a ``Document``; Markdown, HTML, front matter and the MkDocs pages
are views of it, so nothing ever looks for headings in text. Templates mark a heading with the
``heading(level, title, id)`` global, which returns an opaque marker; ``split_sections`` turns
a template's output into sections at those markers. User text cannot contain the marker's
control characters (the Markdown escaping turns every control character into an entity).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from .mdtext import Md, md_escape

#: The id of the policy's h1, the same in every language.
DOCUMENT_ID = "privacy-policy"

_START, _SEP = "\x1e", "\x1f"
_MARKER = re.compile(f"{_START}([1-6]){_SEP}([^{_SEP}]*){_SEP}([^{_START}]*){_START}")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Section:
    id: str
    #: Inline Markdown (user values in it are escaped).
    title: str
    #: 2 for a section, 3 for a part of one (the document's title is the only level 1).
    level: int
    #: Markdown blocks without any heading; may be empty.
    body: str


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    sections: tuple[Section, ...]
    id: str = DOCUMENT_ID
    #: Inline Markdown under the title ("Last updated: 5 December 2025"); empty for none.
    updated: str = ""

    def section(self, ident: str) -> Section | None:
        return next((s for s in self.sections if s.id == ident), None)

    def subtree(self, ident: str) -> tuple[Section, ...]:
        """The section ``ident`` with the parts below it (up to the next heading of its level)."""
        out: list[Section] = []
        for section in self.sections:
            if out and section.level <= out[0].level:
                break
            if out or section.id == ident:
                out.append(section)
        return tuple(out)

    def ids(self) -> tuple[str, ...]:
        return (self.id, *(s.id for s in self.sections))


def heading(level: int, title: object, ident: object) -> Md:
    """The marker a template prints where a heading starts (``{{ heading(2, _("…"), "rights") }}``)."""
    if not isinstance(level, int) or not 2 <= level <= 6:
        raise ValueError("heading level must be a whole number from 2 to 6")
    text = title if isinstance(title, Markup) else md_escape(str(title))
    name = str(ident)
    if not re.fullmatch(r"[A-Za-z][\w-]*", name):
        raise ValueError(f"not a valid heading id: {name!r}")
    return Md(f"{_START}{level}{_SEP}{name}{_SEP}{text}{_START}")


def split_sections(text: str) -> Iterator[Section | str]:
    """The sections a template's output marks, in order; text before the first marker (which only
    an overlay template can produce) comes out as a plain string."""
    parts = _MARKER.split(text)
    lead = _tidy(parts[0])
    if lead:
        yield lead
    for i in range(1, len(parts), 4):
        level, ident, title, body = parts[i : i + 4]
        yield Section(ident, title.strip(), int(level), _tidy(body))


def _tidy(body: str) -> str:
    return _BLANK_RUNS.sub("\n\n", body).strip()


def to_markdown(document: Document, h1: bool = True) -> str:
    """The document as Markdown with ``{#id}`` after each heading (attr_list, Hugo, kramdown); the
    "last updated" line comes first after the h1 (or first of all without it)."""
    blocks = [f"# {document.title} {{#{document.id}}}"] if h1 else []
    if document.updated:
        blocks.append(document.updated)
    for section in document.sections:
        blocks.append(f"{'#' * section.level} {section.title} {{#{section.id}}}")
        if section.body:
            blocks.append(section.body)
    return "\n\n".join(blocks) + "\n"


# A link to an anchor of the same page, not escaped: "](#purposes)".
_LOCAL_LINK = re.compile(r"(?<!\\)\]\(#([A-Za-z][\w-]*)\)")


def excerpt(document: Document, ident: str, page_link: str) -> str | None:
    """The section ``ident`` with its parts as a page of its own: its heading made the h1, and
    links to the rest of the document pointed at ``page_link`` (the full document's page)."""
    parts = document.subtree(ident)
    if not parts:
        return None
    ids = {s.id for s in parts}
    shift = parts[0].level - 1
    blocks = []
    for section in parts:
        blocks.append(f"{'#' * (section.level - shift)} {section.title} {{#{section.id}}}")
        if section.body:
            blocks.append(section.body)
    text = "\n\n".join(blocks) + "\n"
    return _LOCAL_LINK.sub(lambda m: m.group(0) if m.group(1) in ids else f"]({page_link}#{m.group(1)})", text)
