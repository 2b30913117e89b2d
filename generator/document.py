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

from .mdtext import Md, inline_text, md_escape
from .slugs import GithubSlugger

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


#: Markdown flavours: ``attrs`` gives each heading its id as ``{#id}`` (Python-Markdown's attr_list,
#: Hugo, kramdown); ``gfm`` writes plain headings and points internal links at the anchors GitHub
#: (and GitLab) compute from the heading text; ``plain`` writes plain headings and turns links to
#: headings into their text.
FLAVOURS = ("attrs", "gfm", "plain")

# A link to an anchor of the same page, not escaped: "](#purposes)".
_LOCAL_LINK = re.compile(r"(?<!\\)\]\(#([A-Za-z][\w-]*)\)")
# The same link with its text: "[our recipients](#recipients)".
_LOCAL_LINK_WITH_TEXT = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\(#([A-Za-z][\w-]*)\)")


def to_markdown(document: Document, h1: bool = True, flavour: str = "attrs") -> str:
    """The document as Markdown in ``flavour`` (see ``FLAVOURS``); the "last updated" line comes
    first after the h1 (or first of all without it)."""
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown Markdown flavour {flavour!r}")
    headings = [(1, document.title, document.id)] if h1 else []
    headings += [(s.level, s.title, s.id) for s in document.sections]
    bodies = [""] * (len(headings) - len(document.sections)) + [s.body for s in document.sections]
    anchors = github_anchors([(title, ident) for _, title, ident in headings]) if flavour == "gfm" else {}
    blocks = []
    for (level, title, ident), body in zip(headings, bodies, strict=True):
        blocks.append(f"{'#' * level} {title}" + (f" {{#{ident}}}" if flavour == "attrs" else ""))
        if body:
            blocks.append(_relink(body, flavour, anchors))
    if document.updated:
        blocks.insert(1 if h1 else 0, document.updated)
    return "\n\n".join(blocks) + "\n"


def github_anchors(headings: list[tuple[str, str]]) -> dict[str, str]:
    """Each heading id's anchor on GitHub: the slug of the heading's text (its inline Markdown as
    the reader sees it), numbered ``-1``, ``-2`` … where a slug repeats, in document order."""
    slugger = GithubSlugger()
    return {ident: slugger.slug(inline_text(title)) for title, ident in headings}


def _relink(body: str, flavour: str, anchors: dict[str, str]) -> str:
    if flavour == "gfm":
        return _LOCAL_LINK.sub(lambda m: f"](#{anchors.get(m.group(1), m.group(1))})", body)
    if flavour == "plain":
        return _LOCAL_LINK_WITH_TEXT.sub(lambda m: m.group(1), body)
    return body


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
