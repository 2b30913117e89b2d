"""Rules only catalogue entries follow (custom services in answers files are spared them).

Two levels:

- ``runtime_problems``: cheap rules checked whenever the catalogue loads (no file is read): every
  cookie row names its source, and a cited page is among the sources with the cookies fact.
- ``entry_problems``: every rule, also those that read the Open Cookie Database (an ``ocd:<ID>``
  must name an existing row for the same cookie name) and Babel's country names (an address must
  not end with its country, which the policy prints from ``country`` in its own language). These run
  in ``tools/validate_services.py`` and the catalogue tests, never on a normal build.

Each problem is ``(path, error code, parameters)``, the path leading to the value at fault, so that
the loader reports it as ``file:line:column``.
"""

from __future__ import annotations

from functools import cache

from .languages import SOURCE, codes
from .servicedef import ServiceDef

Problem = tuple[tuple[object, ...], str, dict[str, object]]

#: Common ways of writing a country that Babel's names do not cover.
_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.A.", "U.S.", "US", "United States of America"),
    "GB": ("UK", "U.K.", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"),
    "CZ": ("Czech Republic",),
    "NL": ("The Netherlands", "Holland"),
}


def runtime_problems(service: ServiceDef) -> list[Problem]:
    """Rules checked each time the catalogue loads."""
    out = service.source_problems()
    out += [(("cookies", i), "cookie_source_missing", {}) for i, c in enumerate(service.cookies) if c.source is None]
    return out


def entry_problems(service: ServiceDef) -> list[Problem]:
    """Every catalogue rule (reads the Open Cookie Database on first use)."""
    from . import cookiedb

    out = runtime_problems(service)
    for i, cookie in enumerate(service.cookies):
        if cookie.ocd_id is None:
            continue
        row = cookiedb.by_id(cookie.ocd_id)
        if row is None:
            out.append((("cookies", i, "source"), "ocd_unknown", {"id": cookie.ocd_id}))
        elif not row.matches(cookie.name):
            shown = f"{row.name}*" if row.wildcard else row.name
            out.append((("cookies", i, "source"), "ocd_name_mismatch", {"name": shown}))
    if service.entity.address:
        named = address_country(service.entity.address, service.entity.country)
        if named:
            out.append((("entity", "address"), "address_has_country", {"country": named}))
    return out


def address_country(address: str, country: str) -> str | None:
    """The country name the address ends with, if any: its last comma-separated part is the name of
    ``country`` in English, Polish, German or one of the country's official languages, or the English
    name of any country. ("L-1855 Luxembourg" names a city with its postal code: not a country.)"""
    last = address.rsplit(",", 1)[-1].strip().casefold()
    for name in sorted(_names(country)):
        if last == name.casefold():
            return name
    return None


@cache
def _names(country: str) -> frozenset[str]:
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    names = set(_ALIASES.get(country, ()))
    for lang in (*codes(), *get_official_languages(country, de_facto=True)):
        try:
            names.add(Locale.parse(lang).territories[country])
        except (UnknownLocaleError, ValueError, KeyError):
            continue
    names |= {name for code, name in Locale.parse(SOURCE).territories.items() if code.isalpha() and len(code) == 2}
    return frozenset(names)
