"""Gettext catalogs, loaded straight from the ``.po`` files (no compiled ``.mo`` to ship or forget).

English is the source language of every message id, so English needs no catalog. Any other
language must load a real catalog: ``babel.support.Translations.load`` silently falls back to
``NullTranslations``, so we read the ``.po`` ourselves and fail loudly when it is missing.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
from functools import cache
from pathlib import Path

from . import usercache
from .languages import SOURCE, codes, language, ui_language
from .resources import locales_dir

#: Catalog domains: the policy's own text (clauses and legal vocabulary), and the interface.
POLICY, MESSAGES = "policy", "messages"


def available_languages() -> tuple[str, ...]:
    """The policy languages: those of the registry with their policy catalog."""
    return tuple(c for c in codes() if c == SOURCE or catalog_path(c, POLICY).is_file())


def language_dir(lang: str) -> Path:
    """The folder of one language's files: its catalogs and its grammar file."""
    return (language(lang).root or locales_dir()) / lang


def catalog_path(lang: str, domain: str) -> Path:
    return language_dir(lang) / "LC_MESSAGES" / f"{domain}.po"


@cache
def translations(lang: str, domain: str = MESSAGES) -> gettext.NullTranslations:
    """The catalog of ``domain`` in ``lang``; the source language needs none. A policy language
    must have a complete ``policy`` catalog; an interface language also a ``messages`` catalog. A
    language without its interface catalog gets the source language's messages."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    path = catalog_path(lang, domain)
    if domain == MESSAGES and not language(lang).interface:
        return translations(SOURCE, MESSAGES)
    if not path.is_file():
        raise RuntimeError(f"no {domain} catalog for language {lang!r} at {path}")
    loaded = _compiled(path, language(lang).locale, domain)
    if not loaded._catalog:  # type: ignore[attr-defined]
        raise RuntimeError(f"{domain} catalog {path} is empty")
    if domain == MESSAGES:
        # Interface messages name things as the policy does (a purpose's title, a legal basis).
        loaded.add_fallback(translations(lang, POLICY))
    return loaded


def gettext_for(lang: str, message: str, domain: str = MESSAGES) -> str:
    return translations(lang, domain).gettext(message)


def policy_text(lang: str, message: str) -> str:
    """A message of the policy's own text (vocabulary, titles) in ``lang``."""
    return translations(lang, POLICY).gettext(message)


def _compiled(path: Path, locale: str, domain: str) -> gettext.GNUTranslations:
    """A catalog compiled to the binary .mo form, kept in the user's cache under the digest of the
    .po file (a changed catalog is compiled again; a damaged cached one is ignored)."""
    source = path.read_bytes()
    root = usercache.cache_root()
    cached = None if root is None else root / "catalogs" / f"{hashlib.sha256(source).hexdigest()}.mo"
    data = None if cached is None else usercache.read(cached)
    if data is not None:
        try:
            return gettext.GNUTranslations(io.BytesIO(data))
        except Exception:
            pass
    # Babel is imported only here: with the cache warm, a run never needs it for its catalogs.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buf = io.BytesIO()
    write_mo(buf, read_po(io.BytesIO(source), locale=locale, domain=domain))
    if cached is not None:
        usercache.write(cached, buf.getvalue())
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def default_ui_lang(environ: dict[str, str] | None = None) -> str:
    """The interface language from the usual locale variables (see ``languages.ui_language``)."""
    return ui_language(dict(os.environ) if environ is None else environ)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (translated later with ``ngettext``)."""
    return singular, plural
