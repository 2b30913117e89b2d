"""Spelling: the text of every example and every fixture (which reach branches no example does: a
controller outside the EU with its representative, a service for children, fifteen services), in
both languages, and the German texts of the service catalogue, through Hunspell with a reviewed
allowlist.

Hunspell and its Polish, English and German dictionaries come from Debian (.ci/run installs them).
Words in tests/spelling/<lang>.txt are names and terms the dictionaries lack; each was reviewed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from generator.catalogue import catalogue
from generator.languages import language

from .conftest import EXAMPLES, LANGS, ROOT, built, rendered

FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))


def hunspell() -> str:
    found = shutil.which("hunspell")
    if found is None:
        if os.environ.get("POLICYGEN_REQUIRE_HUNSPELL") == "1":
            pytest.fail("hunspell is required (apt-get install hunspell hunspell-pl hunspell-en-gb hunspell-de-de)")
        pytest.skip("hunspell not installed")
    return found


def visible_text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<a [^>]*>[^<]*@[^<]*</a>|https?://\S+", " ", page)  # addresses are not words
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def misspelled(text: str, lang: str) -> set[str]:
    result = subprocess.run(
        [hunspell(), "-d", language(lang).hunspell, "-l", "-i", "utf-8"],
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


@pytest.mark.parametrize("lang", LANGS)
def test_examples_and_fixtures_have_no_misspellings(lang: str) -> None:
    assert {p.stem for p in FIXTURES} >= {"us-company", "kids", "many-services"}
    written = [path for path in (*EXAMPLES, *FIXTURES) if lang in built(path).languages]
    assert set(EXAMPLES) <= set(written)
    text = "\n".join(visible_text(rendered(path, lang, "html")) for path in written)
    unknown = misspelled(text, lang) - allowlist(lang)
    assert not unknown, f"misspelled or unknown words in {lang}: {sorted(unknown)}"


@pytest.mark.parametrize(("lang", "typo"), [("pl", "przetważamy"), ("en", "procesing"), ("de", "Speicherrung")])
def test_a_typo_is_caught(lang: str, typo: str) -> None:
    assert typo in misspelled(f"My {typo} dane.", lang) - allowlist(lang)


# Cookie names (lms_analytics) and host names (youtube-nocookie.com) in the texts are not words.
NOT_WORDS = re.compile(r"\S*_\S*|(?:[\w-]+\.)+[a-z]{2,}\b")


def unknown_words(text: str, lang: str) -> set[str]:
    """Words Hunspell rejects and the allowlist lacks. A hyphenated compound whose every part is
    known or allowed passes ("LinkedIn-Konto"): the dictionary cannot know a name's compounds."""
    allowed = allowlist(lang)
    unknown = misspelled(NOT_WORDS.sub(" ", text), lang) - allowed
    compounds = {word for word in unknown if "-" in word.strip("-")}
    if compounds:
        parts = {part for word in compounds for part in word.split("-") if part}
        bad_parts = misspelled("\n".join(sorted(parts)), lang) - allowed
        unknown -= {word for word in compounds if not bad_parts & set(word.split("-"))}
    return unknown


def test_german_catalogue_texts_have_no_misspellings() -> None:
    texts = {
        sid: [t["de"] for t in (s.purpose, *(c.purpose for c in s.cookies)) if "de" in t.languages()]
        for sid, s in catalogue().items()
    }
    unknown = unknown_words("\n".join(t for ts in texts.values() for t in ts), "de")
    where = {word: sorted(sid for sid, ts in texts.items() if any(word in t for t in ts)) for word in unknown}
    assert not unknown, f"misspelled or unknown German words in the catalogue: {where}"


def test_a_german_typo_is_caught_also_inside_a_compound_with_a_name() -> None:
    text = "Speicherung der Kenung im LinkedIn-Konto und im LinkedIn-Kontto; Messung der Zugriffe"
    assert unknown_words(text, "de") == {"Kenung", "LinkedIn-Kontto"}
