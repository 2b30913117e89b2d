"""Markdown → HTML with markdown-it-py: raw HTML off, tables on, explicit heading ids, a TOC.

Headings carry their ids as a trailing ``{#id}`` (the attribute syntax of Python-Markdown's
attr_list, Hugo and kramdown), so one Markdown file serves every renderer. A small core rule
moves that id onto the heading here; headings without one get an id from ``slugs.slugify``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from .resources import templates_dir
from .slugs import slugify

_TRAILING_ID = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str


def _heading_ids(state: StateCore) -> None:
    tokens = state.tokens
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = _TRAILING_ID.search(inline.content)
        if match:
            ident = match.group(1)
            inline.content = inline.content[: match.start()]
            if inline.children:
                last = inline.children[-1]
                if last.type == "text":
                    last.content = _TRAILING_ID.sub("", last.content)
        else:
            ident = slugify(inline.content)
        base, n = ident, 1
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        token.attrSet("id", ident)


@cache
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.core.ruler.push("policygen_heading_ids", _heading_ids)
    return md


def render_fragment(markdown: str) -> tuple[str, list[TocEntry]]:
    md = markdown_parser()
    tokens = md.parse(markdown)
    toc = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            text = "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))
            toc.append(TocEntry(int(token.tag[1]), token.attrGet("id") or "", text.strip()))
    return md.renderer.render(tokens, md.options, {}), toc


def render_page(markdown: str, lang: str, title: str, toc_label: str) -> str:
    body, toc = render_fragment(markdown)
    items = "\n".join(
        f'<li><a href="#{html.escape(e.id)}">{html.escape(e.title)}</a></li>' for e in toc if e.level == 2
    )
    # The table of contents goes right after the title, so the page starts with its one h1.
    head, sep, rest = body.partition("</h1>\n")
    if not sep:
        head, rest = "", body
    css = (templates_dir() / "html" / "page.css").read_text(encoding="utf-8")
    shell = (templates_dir() / "html" / "page.html").read_text(encoding="utf-8")
    return (
        shell.replace("@@LANG@@", html.escape(lang))
        .replace("@@TITLE@@", html.escape(title))
        .replace("@@CSS@@", css.strip())
        .replace("@@TOC_LABEL@@", html.escape(toc_label))
        .replace("@@TOC@@", items)
        .replace("@@TITLE_BLOCK@@", (head + sep).strip())
        .replace("@@BODY@@", rest.strip())
    )
