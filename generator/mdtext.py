"""Markdown-safe text: escaping of user values and the ``Md`` marker for text that is already safe.

Rendering works like HTML autoescaping, with Markdown rules: every value a template prints is
escaped unless it is ``Md`` (translated vocabulary, links and lists built by our filters). The
escaping keeps text literal in markdown-it (CommonMark) and in Python-Markdown (MkDocs): only
backslash escapes both understand are used, and entities for the rest.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup


class Md(Markup):
    """A string that is valid, safe Markdown and must not be escaped again.

    It subclasses ``Markup`` so that Jinja's autoescaping, which we switch on, leaves it (and the
    output of macros, which Jinja marks as ``Markup``) alone; ``_finalize`` in ``render.py``
    turns every other printed value into escaped ``Md`` first.
    """

    __slots__ = ()


_BACKSLASHED = set("\\`*_[]#")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "{": "&#123;", "}": "&#125;", "~": "&#126;"}
_WHITESPACE = re.compile(r"[^\S\u00a0\u202f]+")
_LEADING = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


def md_escape(value: str) -> Md:
    """Escape a plain value so that Markdown renders it literally, on one line."""
    # Runs of whitespace become one space (a value stays on one line), except the no-break spaces
    # that Babel puts into numbers and amounts ("50 000,00 zł").
    text = _WHITESPACE.sub(" ", str(value)).strip(" ")
    out = []
    for ch in text:
        if ch in _BACKSLASHED:
            out.append("\\" + ch)
        elif ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        else:
            out.append(ch)
    escaped = "".join(out)
    match = _LEADING.match(escaped)
    if match:
        marker = match.group(2)
        fixed = "\\" + marker if not marker[0].isdigit() else marker[:-1] + "\\" + marker[-1]
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
    return Md(f"[{md_escape(email)}]({url_dest('mailto:' + email)})")
