"""HTML output: raw HTML off, explicit ids, TOC, standalone page features, one slug rule."""

from __future__ import annotations

import re

from generator.html import render_fragment, render_page
from generator.slugs import slugify, toc_slugify


def test_heading_ids_come_from_the_trailing_attribute() -> None:
    body, toc = render_fragment("# Tytuł {#top}\n\n## Łódź – siedziba\n\n## Łódź – siedziba\n")
    assert '<h1 id="top">Tytuł</h1>' in body
    assert [e.id for e in toc] == ["top", "lodz-siedziba", "lodz-siedziba-1"]
    assert "{#" not in body


def test_raw_html_is_not_passed_through() -> None:
    body, _ = render_fragment("<script>alert(1)</script>\n\n<b>x</b>\n")
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_tables_are_rendered() -> None:
    body, _ = render_fragment("| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table>" in body and "<th>a</th>" in body


def test_page_has_lang_title_toc_after_h1_and_no_external_resources() -> None:
    page = render_page(
        "# Polityka {#privacy-policy}\n\n## Kim jesteśmy {#controller}\n", "pl", "Polityka", "Spis treści"
    )
    assert '<html lang="pl">' in page and "<title>Polityka</title>" in page
    assert page.index("<h1") < page.index('<nav class="toc"')
    assert '<a href="#controller">Kim jesteśmy</a>' in page
    assert "@media print" in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "a standalone page loads nothing from outside"


def test_slug_rule_handles_polish_letters() -> None:
    assert slugify("Prawa osób, których dane dotyczą") == "prawa-osob-ktorych-dane-dotycza"
    assert slugify("Łódź – siedziba") == "lodz-siedziba"
    assert toc_slugify("Żółć łąki", "_") == "zolc_laki"
