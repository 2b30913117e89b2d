"""The "last updated" line under the title: in the reader's language, from the effective date that
the last section ("Changes to this policy") gives too, in Markdown (also without the h1, under
front matter) and in HTML (page and fragment)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.api import FrontMatter, render, render_doc
from generator.render import Renderer

from .conftest import EXAMPLES, LANGS, ROOT, built, rendered

SHOP = ROOT / "answers" / "shop.yaml"

#: The shop's line (effective_date: 2026-11-01), written out by hand in each language.
SHOP_LINES = {
    "pl": "Ostatnia aktualizacja: 1 listopada 2026 r.",
    "en": "Last updated: 1 November 2026",
    "de": "Stand: 1. November 2026",
}


@pytest.mark.parametrize("lang", sorted(SHOP_LINES))
def test_the_line_reads_naturally_in_each_language(lang: str) -> None:
    assert render_doc(built(SHOP), lang).updated == SHOP_LINES[lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_line_stands_under_the_title_with_the_effective_date(example: Path, lang: str) -> None:
    date = str(Renderer(lang).date(built(example).effective_date))
    markdown = rendered(example, lang, "md")
    title, line, first_section = markdown.split("\n\n")[:3]
    assert title.startswith("# ") and first_section.startswith("## ")
    assert date in line and line.startswith(render_doc(built(example), lang).updated)
    # The same date as the last section's "applies from".
    changes = markdown[markdown.index("{#changes}") :]
    assert date in changes.split("\n\n")[1]
    page = rendered(example, lang, "html")
    assert re.search(r'</h1>\n<p class="updated">[^<]*' + re.escape(date), page)


def test_the_line_comes_first_without_the_h1_and_in_the_fragment() -> None:
    document = render_doc(built(SHOP), "en")
    no_h1 = FrontMatter("hugo", h1=False).apply(document)
    assert no_h1.split("---\n\n", 1)[1].startswith(SHOP_LINES["en"] + "\n\n## ")
    fragment = render(built(SHOP), "en", "fragment").text
    assert fragment.startswith('<h1 id="privacy-policy">Privacy and cookie policy</h1>\n<p class="updated">')
