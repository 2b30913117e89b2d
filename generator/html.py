"""Markdown → HTML with markdown-it-py: raw HTML off, tables on, explicit heading ids, a TOC.

Headings carry their ids as a trailing ``{#id}`` (the attribute syntax of Python-Markdown's
attr_list, Hugo and kramdown), so one Markdown file serves every renderer. A small core rule
moves that id onto the heading here; headings without one get an id from ``slugs.slugify``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .document import Document
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


#: Each table sits in a box of its own that scrolls sideways when the table is wider than the
#: column (a phone): the page itself never gets wider than the screen. The box can take the
#: keyboard's focus, so that it can be scrolled without a mouse.
TABLE_BOX = '<div class="table-scroll" tabindex="0">'


def _table_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return TABLE_BOX + "\n" + self.renderToken(tokens, idx, options, env)


def _table_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


@cache
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.core.ruler.push("policygen_heading_ids", _heading_ids)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    return md


def markdown_html(markdown: str) -> tuple[str, list[TocEntry]]:
    """Markdown with ``{#id}`` headings (our Markdown view, or anything else) as HTML, the way a
    site generator reading attribute ids renders it, with the headings found."""
    md = markdown_parser()
    tokens = md.parse(markdown)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            text = "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))
            found.append(TocEntry(int(token.tag[1]), token.attrGet("id") or "", text.strip()))
    return md.renderer.render(tokens, md.options, {}), found


def _heading(level: int, ident: str, title: str) -> str:
    inline = markdown_parser().renderInline(title)
    return f'<h{level} id="{html.escape(ident)}">{inline}</h{level}>\n'


def _title_block(document: Document) -> str:
    """The h1 and, under it, the "last updated" line."""
    block = _heading(1, document.id, document.title)
    if document.updated:
        block += f'<p class="updated">{markdown_parser().renderInline(document.updated)}</p>\n'
    return block


def render_fragment(document: Document, h1: bool = True) -> str:
    """The document as HTML: each heading with its id, each body through markdown-it; with ``h1``,
    the title block first."""
    md = markdown_parser()
    parts = [_title_block(document)] if h1 else []
    for section in document.sections:
        parts.append(_heading(section.level, section.id, section.title))
        if section.body:
            parts.append(md.render(section.body))
    return "".join(parts)


def toc(document: Document) -> list[TocEntry]:
    """The sections (level 2) with their titles as plain text."""
    md = markdown_parser()
    out = []
    for section in document.sections:
        if section.level == 2:
            tokens = md.parseInline(section.title)
            text = "".join(c.content for t in tokens for c in t.children or [] if c.type in ("text", "code_inline"))
            out.append(TocEntry(2, section.id, text.strip()))
    return out


def render_page(document: Document, toc_label: str) -> str:
    items = "\n".join(f'<li><a href="#{html.escape(e.id)}">{html.escape(e.title)}</a></li>' for e in toc(document))
    css = (templates_dir() / "html" / "page.css").read_text(encoding="utf-8")
    shell = (templates_dir() / "html" / "page.html").read_text(encoding="utf-8")
    title = toc_title(document.title)
    return (
        shell.replace("@@LANG@@", html.escape(document.lang))
        .replace("@@TITLE@@", html.escape(title))
        .replace("@@CSS@@", css.strip())
        .replace("@@TOC_LABEL@@", html.escape(toc_label))
        .replace("@@TOC@@", items)
        .replace("@@TITLE_BLOCK@@", _title_block(document).strip())
        .replace("@@BODY@@", render_fragment(document, h1=False).strip())
    )


def toc_title(markdown_inline: str) -> str:
    """Inline Markdown as plain text (for <title> and the table of contents)."""
    tokens = markdown_parser().parseInline(markdown_inline)
    return "".join(c.content for t in tokens for c in t.children or [] if c.type in ("text", "code_inline")).strip()
