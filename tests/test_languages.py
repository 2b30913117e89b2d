"""Language is a parameter: no language literal outside the registry, no clause outside the
catalogs (a pseudo-locale proves it), and a new language is only data (a fourth one is added from
files in a temporary folder and builds an example from the command line)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from pydantic import BaseModel

from generator.fields import LangText
from generator.i18n import POLICY, translations
from generator.languages import SOURCE, codes, from_file, register, unregister

from .conftest import EXAMPLES, ROOT, run_cli

#: A language code written as a string literal: "pl", 'en', "de_DE", "pl-PL" …
LITERAL = re.compile(r"""["'](%s)(?:[_-][A-Za-z]{2})?["']""")
#: The same in a template: a comparison with, or a test of, a language.
TEMPLATE_LITERAL = re.compile(r"""\blang\b|["'](%s)["']""")


def _codes_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern % "|".join(map(re.escape, codes())))


def test_no_language_literal_outside_the_registry() -> None:
    literal = _codes_pattern(LITERAL)
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        if path.name != "languages.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


def test_one_clause_tree_without_a_language_in_it() -> None:
    templates = ROOT / "templates"
    assert not [p for p in templates.iterdir() if p.is_dir() and p.name in codes()], "per-language copies"
    literal = _codes_pattern(TEMPLATE_LITERAL)
    comment = re.compile(r"\{##.*?##\}", re.S)
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(templates.rglob("*.j2"))
        for n, line in enumerate(comment.sub("", path.read_text(encoding="utf-8")).splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


# -- a language from a folder of its own ---------------------------------------------------------

OPEN, CLOSE = "⟦", "⟧"


def write_language(root: Path, code: str, wrap: bool) -> Path:
    """A language from English: its entry, its grammar file (English's) and a policy catalog whose
    every message is the English one, wrapped in ⟦…⟧ when ``wrap``."""
    folder = root / code
    (folder / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(ROOT / "locales" / SOURCE / "grammar.md.j2", folder / "grammar.md.j2")
    w = (lambda s: f"{OPEN}{s}{CLOSE}") if wrap else (lambda s: s)
    entry = {
        "code": code,
        "locale": "en_GB",
        "name": "Pseudo",
        "gdpr": w("GDPR"),
        "citation": {"article": w("Art. {}"), "paragraph": w("({})"), "point": w("({})"), "also": w(" and ({})")},
    }
    (folder / "language.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    with (ROOT / "locales" / f"{POLICY}.pot").open("rb") as fh:
        template = read_po(fh)
    catalog = Catalog(locale="en_GB", domain=POLICY)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            catalog.add(message.id, tuple(w(part) for part in message.id), context=message.context)
        else:
            catalog.add(message.id, w(message.id), context=message.context)
    with (folder / "LC_MESSAGES" / f"{POLICY}.po").open("wb") as fh:
        write_po(fh, catalog, width=0)
    return folder / "language.yaml"


def answers_in(example: Path, code: str, root: Path) -> Path:
    """The example written in ``code`` only: each free text takes its English wording."""

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            if SOURCE in value and set(value) <= set(codes()):
                return {code: value[SOURCE]}
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value

    data = convert(yaml.safe_load(example.read_text(encoding="utf-8")))
    data["languages"] = [code]
    path = root / example.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def pseudo(tmp_path: Path) -> Iterator[str]:
    register(from_file(write_language(tmp_path / "langs", "xx", wrap=True)))
    translations.cache_clear()
    yield "xx"
    unregister("xx")
    translations.cache_clear()


def facts(value: Any) -> Iterator[str]:
    """Every text the user or the catalogue gave, anywhere in the derived policy."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, LangText):
        yield from value.root.values()
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from facts(getattr(value, name))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from facts(getattr(value, f.name))
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from facts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from facts(key)
            yield from facts(item)


WORD = re.compile(r"[^\W\d_]{2,}")
NOT_TEXT = re.compile(r"\{#[\w-]+\}|\]\([^)]*\)|https?://\S+|\S+@\S+|&#?\w+;")


def unwrapped(text: str) -> str:
    """The text with every ⟦…⟧ removed, innermost first (a message inside a message)."""
    innermost = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
    while True:
        text, n = innermost.subn(" ", text)
        if not n:
            return text


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_clause_goes_through_the_catalogs(example: Path, pseudo: str, tmp_path: Path) -> None:
    from generator.api import build_policy, load_answers, render

    policy = build_policy(load_answers(answers_in(example, pseudo, tmp_path)))
    text = render(policy, pseudo, "md").text
    assert text.count(OPEN) == text.count(CLOSE) and text.count(OPEN) > 100
    allowed = {w.lower() for fact in facts(policy) for w in WORD.findall(fact)}
    locale = Locale.parse("en_GB")
    for names in (locale.territories, locale.months["format"]["wide"], locale.languages):
        allowed |= {w.lower() for name in names.values() for w in WORD.findall(name)}
    grammar = (ROOT / "locales" / SOURCE / "grammar.md.j2").read_text(encoding="utf-8")
    allowed |= {w.lower() for w in WORD.findall(grammar)}
    left = NOT_TEXT.sub(" ", unwrapped(text))
    stray = sorted({w for w in WORD.findall(left) if w.lower() not in allowed})
    assert stray == [], f"text outside the catalogs: {stray}"


def test_a_fourth_language_is_only_data(tmp_path: Path) -> None:
    """Its registry entry, catalog and grammar file in a folder named by POLICYGEN_LANGUAGES:
    the command line builds an example in it, in Markdown and HTML."""
    langs = tmp_path / "langs"
    write_language(langs, "eo", wrap=False)
    path = answers_in(ROOT / "answers" / "shop.yaml", "eo", tmp_path)
    env = {"POLICYGEN_LANGUAGES": str(langs)}
    result = run_cli("build", str(path), "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "out" / "shop" / "eo" / "privacy.md").read_text(encoding="utf-8")
    html = (tmp_path / "out" / "shop" / "eo" / "privacy.html").read_text(encoding="utf-8")
    assert "{#controller}" in md and 'lang="eo"' in html
    assert "Art. 6(1)(b) GDPR" in md  # the entry's own citation style


def test_a_broken_language_entry_is_a_clean_error(tmp_path: Path) -> None:
    folder = tmp_path / "langs" / "eo"
    folder.mkdir(parents=True)
    (folder / "language.yaml").write_text("code: eo\nlocale: en_GB\n", encoding="utf-8")
    result = run_cli("--ui-lang", "en", "check", str(ROOT / "answers" / "shop.yaml"),
                     env={"POLICYGEN_LANGUAGES": str(tmp_path / "langs")})  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "POLICYGEN_LANGUAGES" in result.stderr and "language.yaml" in result.stderr
