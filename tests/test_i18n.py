"""Catalogs: Polish really loads, every message is translated, placeholders and plurals are right."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import NullTranslations

from generator.i18n import MESSAGES, POLICY, available_languages, catalog_path, default_ui_lang, translations
from generator.languages import SOURCE, interface_codes

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from catalogs import DOMAINS, extract

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogs() -> list[tuple[str, str]]:
    """(language, domain) of every catalog that must be complete: the policy catalog of each
    policy language, and the interface catalog of each interface language."""
    out = [(code, POLICY) for code in available_languages() if code != SOURCE]
    out += [(code, MESSAGES) for code in interface_codes() if code != SOURCE]
    return out


def read(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[tuple[str | None, str], str | None]]:
    """domain → (msgctxt, msgid) → msgid_plural (None for singular messages), extracted from the
    source now with the project's own configuration (tools/catalogs.py)."""
    out = {}
    for domain in DOMAINS:
        pot = tmp_path_factory.mktemp("pot") / f"{domain}.pot"
        extract(domain, pot)
        out[domain] = {key(m): (m.id[1] if isinstance(m.id, tuple) else None) for m in read(pot) if m.id}
    return out


def key(message) -> tuple[str | None, str]:
    """(context, msgid): the same msgid under two contexts (pgettext) is two messages."""
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def test_polish_catalog_really_loads() -> None:
    t = translations("pl", POLICY)
    assert type(t) is not NullTranslations
    assert t.gettext("IP address") != "IP address"
    assert translations("pl").gettext("expected a number") != "expected a number"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_the_committed_templates_are_current(extracted: dict, domain: str) -> None:
    """CI fails when the catalogs are stale: extracting again gives exactly the committed .pot."""
    committed = {key(m) for m in read(ROOT / "locales" / f"{domain}.pot") if m.id}
    assert committed == set(extracted[domain]), "run tools/update_catalogs.sh"


@pytest.mark.parametrize(("lang", "domain"), catalogs())
def test_every_message_is_translated(extracted: dict, lang: str, domain: str) -> None:
    catalog = read(catalog_path(lang, domain))
    forms = catalog.num_plurals
    missing, fuzzy, stale = [], [], []
    for (context, msgid), plural in extracted[domain].items():
        message = catalog.get(msgid, context)
        strings = (
            () if message is None else (message.string if isinstance(message.string, tuple) else (message.string,))
        )
        if message is None or not all(strings):
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
        elif plural is not None:
            assert len(strings) == forms, msgid
    stale = [key(m) for m in catalog if m.id and key(m) not in extracted[domain]]
    assert not missing, f"untranslated in {lang}/{domain}.po: {missing}"
    assert not fuzzy, f"fuzzy in {lang}/{domain}.po: {fuzzy}"
    assert not stale, f"not in the code any more ({lang}/{domain}.po): {stale}"


@pytest.mark.parametrize(("lang", "domain"), catalogs())
def test_placeholders_match(lang: str, domain: str) -> None:
    for message in read(catalog_path(lang, domain)):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == wanted, f"{ids[0]!r} → {s!r}"


@pytest.mark.parametrize(
    ("num", "expected"),
    [(1, "1 rok"), (2, "2 lata"), (4, "4 lata"), (5, "5 lat"), (12, "12 lat"), (22, "22 lata"), (25, "25 lat")],
)
def test_polish_plural_forms(num: int, expected: str) -> None:
    assert translations("pl", POLICY).ngettext("%(num)d year", "%(num)d years", num) % {"num": num} == expected


def test_ui_language_follows_the_locale() -> None:
    assert default_ui_lang({"LANG": "pl_PL.UTF-8"}) == "pl"
    assert default_ui_lang({"LANG": "de_DE.UTF-8"}) == "en"
    assert default_ui_lang({"LANGUAGE": "pl", "LANG": "en_US.UTF-8"}) == "pl"
    assert default_ui_lang({}) == "en"


def test_amounts_keep_babels_no_break_spaces() -> None:
    from decimal import Decimal

    from generator.render import Renderer

    assert str(Renderer("pl").money(Decimal("50000"))) == "50\u00a0000,00\u00a0zł"
    assert str(Renderer("en").money(Decimal("50000"))) == "PLN\u00a050,000.00"
