"""Markdown-safe text: escaping of user values and the ``Md`` marker for text that is already safe.

Rendering works like HTML autoescaping, with Markdown rules: every value a template prints is
escaped unless it is ``Md`` (translated vocabulary, links and lists built by our filters). The
escaping keeps text literal in markdown-it (CommonMark) and in Python-Markdown (MkDocs): only
backslash escapes both understand are used, and entities for the rest.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import quote

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class Md(Markup):
    """A string that is valid, safe Markdown and must not be escaped again.

    It subclasses ``Markup`` so that Jinja's autoescaping, which we switch on, leaves it (and the
    output of macros, which Jinja marks as ``Markup``) alone; ``_finalize`` in ``render.py``
    turns every other printed value into escaped ``Md`` first.
    """

    __slots__ = ()


_BACKSLASHED = set("\\`*_[]#")
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
    "~": "&#126;",  # ~~del~~ (GFM, pymdownx.tilde), ~sub~
    "^": "&#94;",  # ^^ins^^, ^sup^ (pymdownx.caret)
    "$": "&#36;",  # $math$, $$math$$ (pymdownx.arithmatex)
}
#: Characters that mean something only next to another: ``==mark==`` (pymdownx.mark),
#: ``++ctrl+alt++`` (pymdownx.keys), ``:smile:`` (pymdownx.emoji: a colon followed by a name).
_IN_PAIRS = {"=": "&#61;", "+": "&#43;"}
_WHITESPACE = re.compile(r"[^\S\u00a0\u202f]+")
_LEADING = re.compile(r"^(\s*)([-+=:]|\d+[.)])(?=\s|$)")


def _escaped(text: str, index: int) -> str:
    ch = text[index]
    if ch in _BACKSLASHED:
        return "\\" + ch
    if ch in _ENTITIES:
        return _ENTITIES[ch]
    if ch in _IN_PAIRS and ch in (text[index - 1 : index] + text[index + 1 : index + 2]):
        return _IN_PAIRS[ch]
    if ch == ":" and index + 1 < len(text) and (text[index + 1].isalnum() or text[index + 1] in "_+-"):
        return "&#58;"
    return ch


def md_escape(value: str) -> Md:
    """Escape a plain value so that Markdown renders it literally, on one line.

    Literal in CommonMark (markdown-it), in Python-Markdown (MkDocs) and with the syntax that
    Material for MkDocs sites commonly add (pymdownx mark, caret, tilde, keys, emoji, arithmatex):
    backslash escapes only where both dialects know them, entities for the rest."""
    # Runs of whitespace become one space (a value stays on one line), except the no-break spaces
    # that Babel puts into numbers and amounts ("50 000,00 zł").
    text = _WHITESPACE.sub(" ", str(value)).strip(" ")
    escaped = "".join(_escaped(text, index) for index in range(len(text)))
    match = _LEADING.match(escaped)
    if match:
        marker = match.group(2)
        # "- x", "+ x", "= x", ": x" would start a list, a setext underline, a definition (def_list).
        fixed = {"-": "\\-", "+": "&#43;", "=": "&#61;", ":": "&#58;"}.get(marker)
        if fixed is None:  # "1. x": the digit stays, its dot or parenthesis is escaped
            fixed = marker[:-1] + "\\" + marker[-1]
        escaped = match.group(1) + fixed + escaped[match.end() :]
    return Md(escaped)


def ensure_md(value: object) -> Md:
    if isinstance(value, Markup):
        return Md(value)
    return md_escape(str(value))


def url_dest(url: str) -> str:
    """A link destination that cannot break out of ``(...)`` in either Markdown dialect."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~[]")


def link(url: str, label: object | None = None) -> Md:
    return Md(f"[{ensure_md(label if label is not None else url)}]({url_dest(url)})")


def mailto(email: str) -> Md:
    """A mailto: link; the address is percent-encoded, so nothing in it can add headers (?bcc=) or
    a fragment (#) to the link, or end it."""
    return Md(f"[{md_escape(email)}](mailto:{quote(email, safe='@!$*+-._~')})")


_TAG = re.compile(r"<[^>]*>")


@cache
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # here: the MkDocs plugin's pages need no parser

    return MarkdownIt("commonmark", {"html": False})


def inline_text(markdown: str) -> str:
    """Inline Markdown as the reader sees it (a heading's text content): escapes resolved, marks
    such as emphasis and links reduced to their text."""
    return html.unescape(_TAG.sub("", _inline_parser().renderInline(markdown)))
