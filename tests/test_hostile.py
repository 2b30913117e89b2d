"""Hostile strings in every free-text field render literally in Markdown, HTML and Python-Markdown."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import markdown as python_markdown
import pytest

from generator.api import build_policy, render
from generator.model import Answers

HOSTILE = (
    "*bold* _it_ <script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} {% raw %} "
    "| # ~~s~~ `c` \\ &amp; <b onclick=x>b</b> {#evil} \u202eRTL\u202c 🙂"
)
LONG = "Ż" * 450


def hostile_answers(text: str) -> dict[str, Any]:
    address = {"street": text, "postal_code": "00-001", "city": text}
    cookie = {"name": text, "lifetime": "1 day", "purpose": {"pl": text, "en": text}, "party": "third", "consent": True}
    return {
        "controllers": [
            {
                "id": "a",
                "legal_form": "sole_trader",
                "name": text,
                "owner": {"first_name": text, "last_name": text, "gender": "female"},
                "address": address,
                "email": "a@example.com",
                "nip": "6760000115",
            },
            {
                "id": "b",
                "legal_form": "sp_zoo",
                "name": text,
                "address": address,
                "email": "b@example.com",
                "nip": "6760000121",
                "krs": "0000123456",
                "registry_court": text,
            },
        ],
        "joint": {"contact_point": "a", "requests_handled_by": "b", "information_by": "a", "scope": text},
        "dpo": {"kind": "external", "name": text, "company": text, "email": "iod@example.com", "address": address},
        "features": {"contact": {}, "saas": {}, "newsletter": {"tool": "svc"}},
        "custom_services": [
            {
                "id": "svc",
                "name": text,
                "category": "newsletter",
                "entity": {"name": text, "address": text, "country": "US"},
                "role": "processor",
                "purpose": {"pl": text, "en": text},
                "data": ["email_address"],
                "transfers": [{"country": "US", "mechanism": "scc", "recipient": text}],
                "cookies": [cookie],
                "links": {"privacy": "https://example.com/privacy"},
                "sources": [
                    {
                        "url": "https://example.com/privacy",
                        "checked": "2026-11-23",
                        "facts": ["entity", "role", "transfers", "cookies", "links", "purpose"],
                    }
                ],
            }
        ],
        "custom_cookies": [{"name": text, "provider": text, "lifetime": "session", "purpose": text, "consent": False}],
        "consent_tool": {"settings": text},
        "profiling": text,
        "automated_decisions": [
            {"name": text, "logic": text, "significance": text, "basis": "contract", "data": ["email_address"]}
        ],
        "effective_date": "2026-01-01",
        "changes": [{"date": "2026-01-01", "description": text}],
    }


def visible_text(page: str) -> str:
    without_tags = re.sub(r"<[^>]*>", "", page)
    return " ".join(html.unescape(without_tags).split())


def assert_safe_html(page: str) -> None:
    assert "<script" not in page.lower()
    assert "<b onclick" not in page
    assert 'href="javascript' not in page.lower()


@pytest.mark.parametrize("text", [HOSTILE, LONG], ids=["metacharacters", "long"])
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_hostile_values_render_the_same_in_the_overlay_sandbox(text: str, lang: str, tmp_path: Path) -> None:
    """With an overlay everything renders in the sandbox: user values are still only data."""
    policy = build_policy(Answers.model_validate(hostile_answers(text)))
    assert render(policy, lang, "md", overlay=tmp_path).text == render(policy, lang, "md").text


@pytest.mark.parametrize("text", [HOSTILE, LONG], ids=["metacharacters", "long"])
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_hostile_values_render_literally(text: str, lang: str) -> None:
    policy = build_policy(Answers.model_validate(hostile_answers(text)))
    expected = " ".join(text.split())
    md = render(policy, lang, "md").text
    assert "<script" not in md and "{{ 7*7 }}" not in md  # escaped in the Markdown source itself
    assert "49" not in md

    page = render(policy, lang, "html").text
    assert_safe_html(page)
    shown = visible_text(page)
    assert shown.count(expected) >= 10, "each free-text field should appear literally in the HTML"

    pm = python_markdown.markdown(md, extensions=["tables", "attr_list", "toc"])
    assert_safe_html(pm)
    assert visible_text(pm).count(expected) >= 10

    # Every heading keeps its explicit id: user text cannot inject a {#id} attribute.
    ids = re.findall(r'<h[1-6] id="([^"]+)"', page)
    assert "evil" not in ids and len(ids) == len(set(ids))
