"""The language registry: everything that varies by language, in one place.

A policy language needs three things: its entry here, its catalogs
(``locales/<code>/LC_MESSAGES/policy.po``, and ``messages.po`` when it is also an interface
language) and its grammar file (``locales/<code>/grammar.md.j2``). Nothing else in the code
names a language: a test looks for language codes written anywhere else.

A language can also come from outside the package: every folder named in the environment
variable ``POLICYGEN_LANGUAGES`` (separated like ``PATH``) holds one folder per language with its
entry as ``language.yaml`` next to its catalogs and grammar file (see "Adding a language" in the
README). That is how a translator tries a new language without editing the package, and how the
test of "a language is only data" adds a fourth one. ``register`` does the same from code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The language every message id is written in (it needs no catalog).
SOURCE = "en"


@dataclass(frozen=True)
class Citation:
    """How a provision is cited: ``article`` then its paragraph(s) and point, in this language's
    style, e.g. ``art. 6 ust. 1 lit. f`` / ``Art. 6(1)(f)`` / ``Art. 6 Abs. 1 lit. f``; several
    paragraphs are joined with ``also`` (``art. 7 ust. 1 i 3`` / ``Art. 7(1) and (3)``)."""

    article: str
    paragraph: str
    point: str
    #: How the second of two paragraphs joins the first, e.g. " i {}" or " and ({})".
    also: str

    def ref(self, article: str | int, paragraphs: tuple[str, ...] = (), point: str | None = None) -> str:
        text = self.article.format(article)
        if paragraphs:
            text += self.paragraph.format(paragraphs[0]) + "".join(self.also.format(p) for p in paragraphs[1:])
        if point is not None:
            text += self.point.format(point)
        return text


@dataclass(frozen=True)
class Language:
    code: str
    #: Babel locale for dates, lists, numbers and country names.
    locale: str
    #: The language's own name (for menus).
    name: str
    citation: Citation
    #: Short name of the GDPR in this language (RODO, GDPR, DSGVO).
    gdpr: str
    #: Babel currency pattern, or None for the locale's own.
    money_pattern: str | None = None
    #: Hunspell dictionary used by the spelling tests.
    hunspell: str = ""
    #: Also a language of the interface (wizard, messages), with a complete messages catalog.
    interface: bool = False
    #: Its policy agrees words with a sole trader's gender ("prowadzący / prowadząca").
    owner_gender: bool = False
    #: Nouns keep their capital letter mid-sentence (German): a purpose title is not lowercased
    #: when a sentence names it.
    capitalised_nouns: bool = False
    #: The wizard's hint for own words that end a sentence of the policy ("…using …"): the case
    #: this language needs there, with an example (an interface message id, translated when shown).
    object_hint: str = ""
    #: Where its catalogs and grammar file are, when not in the package (``register``).
    root: Path | None = field(default=None, compare=False)

    def cite(self, article: str | int, paragraph: str | int | None = None, point: str | None = None) -> str:
        """A GDPR provision, e.g. ``cite(6, 1, "f")``."""
        paragraphs = () if paragraph is None else (str(paragraph),)
        return f"{self.citation.ref(article, paragraphs, point)} {self.gdpr}"


def _N(message: str) -> str:
    """Marks an interface message for extraction (``i18n.N_``, which imports this module)."""
    return message


_LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language(
            "pl",
            "pl_PL",
            "polski",
            Citation("art. {}", " ust. {}", " lit. {}", " i {}"),
            "RODO",
            hunspell="pl_PL",
            interface=True,
            owner_gender=True,
            object_hint=_N(
                "The Polish text ends the sentence “…za pomocą …”: write it in the genitive, "
                "e.g. ikony „Prywatność” w lewym dolnym rogu strony."
            ),
        ),
        Language(
            "en",
            "en_GB",
            "English",
            Citation("Art. {}", "({})", "({})", " and ({})"),
            "GDPR",
            money_pattern="¤\xa0#,##0.00",
            hunspell="en_GB",
            interface=True,
            object_hint=_N(
                "The English text ends the sentence “…using …”, "
                "e.g. the “Privacy” icon in the bottom left corner of the page."
            ),
        ),
        Language(
            "de",
            "de_DE",
            "Deutsch",
            Citation("Art. {}", " Abs. {}", " lit. {}", " und {}"),
            "DSGVO",
            hunspell="de_DE",
            owner_gender=True,
            capitalised_nouns=True,
            object_hint=_N(
                "The German text ends the sentence “…über …”: write it in the accusative, "
                "e.g. das Symbol „Datenschutz“ unten links auf der Seite."
            ),
        ),
    )
}

#: The policy languages of a new answers file.
DEFAULT_LANGUAGES: tuple[str, ...] = ("pl", "en")


def language(code: str) -> Language:
    try:
        return _LANGUAGES[code]
    except KeyError:
        raise ValueError(f"unsupported language {code!r}") from None


def codes() -> tuple[str, ...]:
    """Every policy language, in registry order."""
    return tuple(_LANGUAGES)


def interface_codes() -> tuple[str, ...]:
    """The languages of the interface (messages, wizard)."""
    return tuple(code for code, lang in _LANGUAGES.items() if lang.interface)


def register(lang: Language) -> None:
    """Add (or replace) a language at run time; its files are under ``lang.root``."""
    _LANGUAGES[lang.code] = lang


def unregister(code: str) -> None:
    _LANGUAGES.pop(code, None)


#: The environment variable naming folders of languages from outside the package.
LANGUAGES_PATH = "POLICYGEN_LANGUAGES"


def from_file(path: Path) -> Language:
    """A registry entry written as ``<root>/<code>/language.yaml``: the fields of ``Language``,
    ``citation`` as a mapping of ``Citation``'s fields."""
    import yaml  # here: the registry itself is imported by every command

    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("citation"), dict):
        raise ValueError(f"{path}: a language entry is a mapping with a citation mapping")
    fields = {k: v for k, v in data.items() if k not in ("citation", "root")}
    try:
        entry = Language(citation=Citation(**data["citation"]), root=path.parent.parent, **fields)
    except TypeError as exc:
        raise ValueError(f"{path}: {exc}") from None
    if entry.code != path.parent.name:
        raise ValueError(f"{path}: code {entry.code!r} in the folder of {path.parent.name!r}")
    return entry


#: Entries under ``POLICYGEN_LANGUAGES`` that could not be read (the command line reports them).
EXTERNAL_PROBLEMS: list[str] = []


def load_external(environ: dict[str, str] | None = None) -> None:
    """Register every language found under the folders of ``POLICYGEN_LANGUAGES``."""
    value = (os.environ if environ is None else environ).get(LANGUAGES_PATH, "")
    if not value:
        return
    import yaml  # only when there is something to read: every command imports the registry

    for folder in filter(None, value.split(os.pathsep)):
        for entry in sorted(Path(folder).glob("*/language.yaml")):
            try:
                register(from_file(entry))
            except (OSError, ValueError, yaml.YAMLError) as exc:
                EXTERNAL_PROBLEMS.append(str(exc))


load_external()


def ui_language(environ: dict[str, str]) -> str:
    """The interface language the usual locale variables ask for (the first one set decides);
    English when they name no interface language."""
    return locale_interface(environ) or SOURCE


def locale_interface(environ: dict[str, str]) -> str | None:
    """The interface language the first locale variable set names; None when it names none."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "").lower()
        if value:
            return next((code for code in interface_codes() if value.startswith(code)), None)
    return None
