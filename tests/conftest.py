"""Shared fixtures: the example answers files and their built policies (cached per session)."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

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
