"""Gettext catalogs, loaded straight from the ``.po`` files (no compiled ``.mo`` to ship or forget).

English is the source language of every message id, so English needs no catalog. Any other
language must load a real catalog: ``babel.support.Translations.load`` silently falls back to
``NullTranslations``, so we read the ``.po`` ourselves and fail loudly when it is missing.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache

from .resources import locales_dir

SOURCE_LANG = "en"


def available_languages() -> tuple[str, ...]:
    found = {p.parent.parent.name for p in locales_dir().glob("*/LC_MESSAGES/messages.po")}
    return tuple(sorted(found | {SOURCE_LANG}))


@cache
def translations(lang: str) -> gettext.NullTranslations:
    # Babel is imported here, not at module level, so that `policygen --version` starts fast.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    if lang == SOURCE_LANG:
        return NullTranslations()
    path = locales_dir() / lang / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        raise RuntimeError(f"no message catalog for language {lang!r} at {path}")
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    loaded = Translations(fp=buf, domain="messages")
    if not loaded._catalog:  # type: ignore[attr-defined]
        raise RuntimeError(f"message catalog {path} is empty")
    return loaded


def gettext_for(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def default_ui_lang(environ: dict[str, str] | None = None) -> str:
    """The interface language from the usual locale variables: Polish if they say so, else English."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "pl" if value.lower().startswith("pl") else "en"
    return "en"


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (translated later with ``ngettext``)."""
    return singular, plural
