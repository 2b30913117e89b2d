"""Spelling: the text of every example and every fixture (which reach branches no example does: a
controller outside the EU with its representative, a service for children, fifteen services), in
both languages, through Hunspell with a reviewed allowlist.

Hunspell and its Polish and English dictionaries come from Debian (.ci/run installs them). Words
in tests/spelling/<lang>.txt are names and terms the dictionaries lack; each was reviewed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from .conftest import EXAMPLES, ROOT, rendered

DICTIONARY = {"pl": "pl_PL", "en": "en_GB"}
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))


def hunspell() -> str:
    found = shutil.which("hunspell")
    if found is None:
        if os.environ.get("POLICYGEN_REQUIRE_HUNSPELL") == "1":
            pytest.fail("hunspell is required (apt-get install hunspell hunspell-pl hunspell-en-gb)")
        pytest.skip("hunspell not installed")
    return found


def visible_text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<a [^>]*>[^<]*@[^<]*</a>|https?://\S+", " ", page)  # addresses are not words
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def misspelled(text: str, lang: str) -> set[str]:
    result = subprocess.run(
        [hunspell(), "-d", DICTIONARY[lang], "-l", "-i", "utf-8"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(result.stdout.split())


def allowlist(lang: str) -> set[str]:
    lines = (ROOT / "tests" / "spelling" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_examples_and_fixtures_have_no_misspellings(lang: str) -> None:
    assert {p.stem for p in FIXTURES} >= {"us-company", "kids", "many-services"}
    text = "\n".join(visible_text(rendered(path, lang, "html")) for path in (*EXAMPLES, *FIXTURES))
    unknown = misspelled(text, lang) - allowlist(lang)
    assert not unknown, f"misspelled or unknown words in {lang}: {sorted(unknown)}"


@pytest.mark.parametrize(("lang", "typo"), [("pl", "przetważamy"), ("en", "procesing")])
def test_a_typo_is_caught(lang: str, typo: str) -> None:
    assert typo in misspelled(f"My {typo} dane.", lang) - allowlist(lang)
