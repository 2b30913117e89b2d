"""HTML output: raw HTML off, explicit ids, TOC, standalone page features, one slug rule, and an
accessible page for every example in both languages."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from generator.document import Document, Section
from generator.html import markdown_html, render_page
from generator.slugs import slugify, toc_slugify

from .conftest import EXAMPLES, LANGS, rendered


def test_heading_ids_come_from_the_trailing_attribute() -> None:
    body, toc = markdown_html("# Tytuł {#top}\n\n## Łódź – siedziba\n\n## Łódź – siedziba\n")
    assert '<h1 id="top">Tytuł</h1>' in body
    assert [e.id for e in toc] == ["top", "lodz-siedziba", "lodz-siedziba-1"]
    assert "{#" not in body


def test_raw_html_is_not_passed_through() -> None:
    body, _ = markdown_html("<script>alert(1)</script>\n\n<b>x</b>\n")
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_tables_are_rendered() -> None:
    body, _ = markdown_html("| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table>" in body and "<th>a</th>" in body


def test_each_table_sits_in_a_box_of_its_own_that_scrolls() -> None:
    """A table wider than a phone scrolls inside its box, not the page (the browser test in
    test_page_layout.py checks the result)."""
    body, _ = markdown_html("| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| c |\n|---|\n| 3 |\n")
    box = '<div class="table-scroll" tabindex="0">'
    assert body.count("<table>") == 2
    assert body.count(box + "\n<table>") == 2 and body.count("</table>\n</div>") == 2
    page = render_page(Document("en", "Policy", (Section("cookies", "Cookies", 2, "| c |\n|---|\n| 3 |"),)), "Contents")
    assert ".table-scroll { max-width: 100%; overflow-x: auto;" in page
    assert "overflow-wrap: anywhere" in page


def test_page_has_lang_title_toc_after_h1_and_no_external_resources() -> None:
    page = render_page(Document("pl", "Polityka", (Section("controller", "Kim jesteśmy", 2, ""),)), "Spis treści")
    assert '<html lang="pl">' in page and "<title>Polityka</title>" in page
    assert page.index("<h1") < page.index('<nav class="toc"')
    assert '<a href="#controller">Kim jesteśmy</a>' in page
    assert "@media print" in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "a standalone page loads nothing from outside"


def test_slug_rule_handles_polish_letters() -> None:
    assert slugify("Prawa osób, których dane dotyczą") == "prawa-osob-ktorych-dane-dotycza"
    assert slugify("Łódź – siedziba") == "lodz-siedziba"
    assert toc_slugify("Żółć łąki", "_") == "zolc_laki"


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def table_problems(page: str) -> list[str]:
    """Every table has a header row whose cells all have text (aligned cells carry a style
    attribute), and every body row has as many cells as the header."""
    problems = []
    for table in re.findall(r"<table[^>]*>.*?</table>", page, flags=re.S):
        head = re.search(r"<thead>(.*?)</thead>", table, flags=re.S)
        if head is None:
            problems.append(f"no <thead> in {table[:80]!r}")
            continue
        cells = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", head.group(1), flags=re.S)
        if not cells:
            problems.append(f"no header cells in {table[:80]!r}")
        problems += [f"an empty header cell in {head.group(1)!r}" for cell in cells if not text_of(cell)]
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>", 1)[1], flags=re.S):
            if len(re.findall(r"<td[\s>]", row)) != len(cells):
                problems.append(f"a row without one cell per header in {row[:80]!r}")
    return problems


def page_problems(page: str, lang: str) -> list[str]:
    problems = [] if f'<html lang="{lang}">' in page else [f"no <html lang={lang!r}>"]
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", page)]
    if levels.count(1) != 1 or levels[0] != 1:
        problems.append("not exactly one h1, first")
    problems += [f"heading level skipped: h{a} → h{b}" for a, b in pairwise(levels) if b > a + 1]
    problems += table_problems(page)
    problems += [
        f"a link without text: {link!r}"
        for link in re.findall(r"<a [^>]*>.*?</a>", page, flags=re.S)
        if not text_of(link)
    ]
    if not re.search(r'<nav[^>]+aria-label="[^"]+"', page):
        problems.append("the table of contents has no aria-label")
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_html_page_is_accessible(example: Path, lang: str) -> None:
    page = rendered(example, lang, "html")
    assert "<table" in page
    assert page_problems(page, lang) == []


def test_accessibility_checks_can_fail() -> None:
    page = rendered(EXAMPLES[0], "en", "html")
    assert page_problems(page.replace("<h2", "<h4", 1), "en") == ["heading level skipped: h1 → h4"]
    assert page_problems(page.replace('lang="en"', 'lang="pl"', 1), "en") == ["no <html lang='en'>"]
    assert page_problems(re.sub(r"(<a [^>]*>)[^<]+(</a>)", r"\1\2", page, count=1), "en")[0].startswith("a link")


def test_header_cells_need_text_and_may_be_aligned() -> None:
    aligned, _ = markdown_html("| Name | Lifetime |\n|:--|--:|\n| a | 1 day |\n")
    assert '<th style="text-align:left">Name</th>' in aligned and table_problems(aligned) == []
    empty, _ = markdown_html("|  | Lifetime |\n|---|---|\n| a | 1 day |\n")
    assert table_problems(empty) == ["an empty header cell in '\\n<tr>\\n<th></th>\\n<th>Lifetime</th>\\n</tr>\\n'"]
    headless, _ = markdown_html("text\n")
    assert table_problems(headless + "<table><tbody><tr><td>a</td></tr></tbody></table>")[0].startswith("no <thead>")
