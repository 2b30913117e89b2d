"""Catalogs: Polish really loads, every message is translated, placeholders and plurals are right."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.support import NullTranslations

from generator.i18n import default_ui_lang, translations
from generator.resources import locales_dir

from .conftest import ROOT

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted() -> dict[str, str | None]:
    """msgid → msgid_plural (None for singular messages) straight from the source code."""
    found: dict[str, str | None] = {}
    keywords = {"N_": None, "N_plural": (1, 2)}
    for _, _, message, _, _ in extract_from_dir(str(ROOT / "generator"), keywords=keywords):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        else:
            found[message] = None
    return found


def polish_catalog():
    with (locales_dir() / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale="pl")


def test_polish_catalog_really_loads() -> None:
    t = translations("pl")
    assert type(t) is not NullTranslations
    assert t.gettext("IP address") != "IP address"


def test_every_message_has_a_polish_translation() -> None:
    catalog = polish_catalog()
    missing = []
    for msgid, plural in extracted().items():
        key = msgid
        message = catalog.get(key)
        if message is None or not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            missing.append(msgid)
        elif plural is not None:
            assert isinstance(message.string, tuple) and len(message.string) == 3, msgid
    assert not missing, f"untranslated: {missing}"


def test_no_stale_or_fuzzy_entries() -> None:
    catalog = polish_catalog()
    ids = set(extracted())
    stale = [m.id for m in catalog if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in ids]
    assert not stale, f"not in the code any more: {stale}"
    assert not [m.id for m in catalog if m.id and m.fuzzy]


def test_placeholders_match() -> None:
    for message in polish_catalog():
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
    assert translations("pl").ngettext("%(num)d year", "%(num)d years", num) % {"num": num} == expected


def test_pot_template_is_current() -> None:
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        from babel.messages.pofile import read_po as read

        pot = read(fh)
    in_pot = {m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id}
    assert in_pot == set(extracted()), "run tools/update_catalogs.sh"


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
