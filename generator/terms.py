"""Plain-text wording of facts for terminal messages (``policygen check`` and ``diff``).

Messages there carry typed parameters instead of raw identifiers: a vocabulary id becomes its
translated label, a country code its name from Babel, a number of years a correctly pluralised
period, the user's own text its version in the interface language. Nothing is escaped: this is
terminal text, not Markdown (the policy itself goes through ``render.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from .fields import LangText
from .i18n import N_, translations
from .policy import Retention
from .render import BABEL_LOCALE
from .retention import word_lifetime, word_period, word_retention
from .wording import GROUPS

NONE = N_("none")
UNNAMED_COUNTRIES = N_("outside the EEA, countries not named")


@dataclass(frozen=True)
class Label:
    """A vocabulary id of one of the groups in ``wording.GROUPS`` (e.g. ``basis``/``consent``)."""

    group: str
    key: Any


@dataclass(frozen=True)
class Msg:
    """A message id with its own (typed) parameters."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Country:
    """An ISO country code, shown by name; ``None``: outside the EEA, countries not named."""

    code: str | None


@dataclass(frozen=True)
class Period:
    """A lifetime as written in the catalogue and answers: "session" or e.g. "13 months"."""

    lifetime: str


@dataclass(frozen=True)
class Years:
    num: int


@dataclass(frozen=True)
class Day:
    """A date, written out in the language ("21 lipca 2024", "21 July 2024")."""

    value: date


@dataclass(frozen=True)
class Language:
    """A language code, shown by name ("angielski", "English")."""

    code: str


@dataclass(frozen=True)
class Listing:
    """Items joined the way the language joins a list ("a, b and c" / "a, b i c")."""

    items: tuple[object, ...]


@dataclass(frozen=True)
class Joined:
    """Items joined with a fixed separator (punctuation only, no words)."""

    items: tuple[object, ...]
    sep: str = ", "


def say(value: object, lang: str) -> str:
    """The value as plain text in ``lang``."""
    t = translations(lang)
    if value is None:
        return t.gettext(NONE)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("a message parameter is a boolean; use a label instead")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, LangText):
        return str(getattr(value, lang))
    if isinstance(value, Label):
        return t.gettext(GROUPS[value.group][value.key])
    if isinstance(value, Msg):
        text = t.gettext(value.msgid)
        return text % {k: say(v, lang) for k, v in value.params.items()} if value.params else text
    if isinstance(value, Country):
        if value.code is None:
            return t.gettext(UNNAMED_COUNTRIES)
        return str(Locale.parse(BABEL_LOCALE.get(lang, lang)).territories.get(value.code, value.code))
    if isinstance(value, Years):
        return word_period(t, value.num, "year")
    if isinstance(value, Period):
        return word_lifetime(t, value.lifetime)
    if isinstance(value, Day):
        return format_date(value.value, format="long", locale=BABEL_LOCALE.get(lang, lang))
    if isinstance(value, Language):
        return str(Locale.parse(BABEL_LOCALE.get(lang, lang)).languages.get(value.code, value.code))
    if isinstance(value, Retention):
        return word_retention(value, t, lambda text: say(text, lang))
    if isinstance(value, Listing):
        parts = [say(item, lang) for item in value.items]
        return format_list(parts, locale=BABEL_LOCALE.get(lang, lang)) if parts else ""
    if isinstance(value, Joined):
        return value.sep.join(say(item, lang) for item in value.items)
    raise TypeError(f"no wording for a message parameter of type {type(value).__name__}")
