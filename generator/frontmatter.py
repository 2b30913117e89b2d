"""Front matter for static-site generators that read Markdown with a YAML header.

Two styles: ``hugo`` (``title``, ``lang``, ``slug``; Pelican's ``meta`` and Eleventy read the same
keys) and ``jekyll`` (``layout: page``, ``title``, ``lang``, ``slug``, ``permalink``). A site's layout
usually prints the front matter's ``title`` as the page heading, so the policy's own ``# Title`` can
be left out (``h1=False``) to avoid showing it twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .document import Document, to_markdown
from .html import toc_title

STYLES = ("hugo", "jekyll")
DEFAULT_SLUG = "privacy"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class FrontMatter:
    """How to head a Markdown policy: the style, the slug of each language and whether the
    policy's own h1 stays under the front matter."""

    style: str
    slugs: tuple[tuple[str, str], ...] = ()  # (language, slug); other languages get default_slug
    default_slug: str = DEFAULT_SLUG
    h1: bool = True

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown front matter style {self.style!r}")
        for slug in (self.default_slug, *(s for _, s in self.slugs)):
            if not _SLUG.fullmatch(slug):
                raise ValueError(f"not a slug: {slug!r}")

    def slug(self, lang: str) -> str:
        return dict(self.slugs).get(lang, self.default_slug)

    def header(self, lang: str, title: str) -> str:
        data: dict[str, str] = {"title": title, "lang": lang, "slug": self.slug(lang)}
        if self.style == "jekyll":
            data = {"layout": "page", **data, "permalink": f"/{lang}/{self.slug(lang)}/"}
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n"

    def apply(self, document: Document, flavour: str = "attrs") -> str:
        """The document's Markdown under this front matter (its h1 left out unless ``h1``)."""
        return self.header(document.lang, toc_title(document.title)) + to_markdown(document, self.h1, flavour)


def parse_slugs(value: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``privacy`` (every language) or ``pl=polityka-prywatnosci,en=privacy`` (languages left out
    keep the default, or the one item without a language): the default slug and the per-language
    ones. Raises ``ValueError`` naming the bad item."""
    default = DEFAULT_SLUG
    per_lang: dict[str, str] = {}
    items = [item.strip() for item in value.split(",")]
    for item in items:
        lang, sep, slug = item.rpartition("=")
        lang, slug = lang.strip(), slug.strip()
        if not _SLUG.fullmatch(slug) or (sep and not lang) or lang in per_lang:
            raise ValueError(item)
        if sep:
            per_lang[lang] = slug
        else:
            default = slug
    if sum(1 for item in items if "=" not in item) > 1:
        raise ValueError(value)
    return default, tuple(sorted(per_lang.items()))
