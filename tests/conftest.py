"""Shared fixtures: the example answers files and their built policies (cached per session)."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "answers").glob("*.yaml"))


def _policy_languages() -> tuple[str, ...]:
    from generator.i18n import available_languages

    return available_languages()


#: Every policy language (its registry entry and its catalog): the examples are written in each.
LANGS = _policy_languages()
FORMATS = ("md", "html")


@cache
def built(path: Path):
    from generator.api import build_policy, load_answers

    return build_policy(load_answers(path))


@cache
def rendered(path: Path, lang: str, fmt: str) -> str:
    from generator.api import render

    return render(built(path), lang, fmt).text


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    import subprocess

    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
    )


@pytest.fixture(params=EXAMPLES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> Path:
    return request.param


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self.found.append((tag, dict(attrs).get("id")))


def headings(html: str) -> list[tuple[str, str | None]]:
    """(tag, id) of every h1–h3 of an HTML page, in order."""
    parser = _Headings()
    parser.feed(html)
    return parser.found


# The user's cache (compiled templates and catalogs) of the test run is a folder of its own.
os.environ.setdefault("POLICYGEN_CACHE_DIR", tempfile.mkdtemp(prefix="policygen-test-cache-"))


#: A custom service named per language (an X share-buttons embed), for the tests of per-language names.
SHARE_BUTTONS = {"pl": "X – przyciski udostępniania", "en": "X share buttons", "de": "X-Teilen-Schaltflächen"}


def share_buttons_service() -> dict[str, Any]:
    """A ``custom_services`` entry whose ``name`` is ``SHARE_BUTTONS``, an embed (needs consent)."""
    return {
        "id": "x-share",
        "name": dict(SHARE_BUTTONS),
        "category": "embed",
        "entity": {"name": "Twitter International Unlimited Company", "country": "IE"},
        "role": "controller",
        "purpose": {"pl": "przyciski udostępniania", "en": "share buttons", "de": "Teilen-Schaltflächen"},
        "data": ["online_identifiers", "ip_address"],
        "transfers": [],
        "cookies_complete": False,
        "links": {"privacy": "https://x.com/privacy"},
        "sources": [
            {
                "url": "https://x.com/privacy",
                "checked": "2026-12-06",
                "facts": ["entity", "role", "links", "purpose", "transfers"],
            }
        ],
    }
