"""Every example in answers/ builds in every policy language and format, matches its snapshot,
and the languages state the same facts."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.languages import language

from .conftest import EXAMPLES, FORMATS, LANGS, ROOT, built, rendered, run_cli

SNAPSHOTS = ROOT / "tests" / "snapshots"
HEADING = re.compile(r"^(#{1,6}) .*\{#([\w-]+)\}$", re.M)


def citation(lang: str) -> re.Pattern[str]:
    """Art. 6(1)(x) in ``lang``'s citation style (the registry's), with the point as the group."""
    return re.compile(re.escape(language(lang).cite(6, 1, "X")).replace("X", "([a-f])"))


def test_there_are_six_kinds_of_business() -> None:
    assert {p.stem for p in EXAMPLES} >= {"shop", "saas", "blogger", "joint", "agency", "foundation"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_matches_snapshot(example: Path, lang: str, fmt: str) -> None:
    text = rendered(example, lang, fmt)
    snap = SNAPSHOTS / f"{example.stem}.{lang}.{fmt}"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snap.parent.mkdir(exist_ok=True)
        snap.write_text(text, encoding="utf-8")
    assert snap.exists(), f"missing snapshot {snap.name}; run with UPDATE_SNAPSHOTS=1 and review the diff"
    assert text == snap.read_text(encoding="utf-8"), f"{snap.name} changed; review and update snapshots"


def sections(md: str) -> list[tuple[str, str]]:
    """(heading id, body) for every heading, in order."""
    marks = list(HEADING.finditer(md))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(md)
        out.append((m.group(2), md[m.end() : end]))
    return out


def test_every_example_is_written_in_every_language(example: Path) -> None:
    assert set(built(example).languages) == set(LANGS)


def test_same_section_ids_in_the_same_order(example: Path) -> None:
    ids = {
        lang: [(len(m.group(1)), m.group(2)) for m in HEADING.finditer(rendered(example, lang, "md"))] for lang in LANGS
    }
    first = ids[LANGS[0]]
    assert all(found == first for found in ids.values()), {lang: len(found) for lang, found in ids.items()}
    assert [i for _, i in first][:3] == ["privacy-policy", "summary", "controller"]


def test_same_legal_bases_per_purpose(example: Path) -> None:
    by_lang = {}
    for lang in LANGS:
        by_lang[lang] = {
            ident: citation(lang).findall(body)
            for ident, body in sections(rendered(example, lang, "md"))
            if ident.startswith("purpose-")
        }
    assert all(found == by_lang[LANGS[0]] for found in by_lang.values())
    policy = built(example)
    letter = {"consent": "a", "contract": "b", "legal_obligation": "c", "legitimate_interest": "f"}
    for activity in policy.activities:
        assert by_lang[LANGS[0]][f"purpose-{activity.id.replace('_', '-')}"][0] == letter[activity.basis]


def test_same_numbers_and_names_in_every_section(example: Path) -> None:
    """Periods, article numbers, dates, registry numbers and recipients are the same in every
    language."""
    policy = built(example)
    names = {r.service.entity.name for r in policy.recipients} | {c.name for c in policy.controllers}
    first, *others = LANGS
    reference = sections(rendered(example, first, "md"))
    for other in others:
        for (ident, body_a), (_, body_b) in zip(reference, sections(rendered(example, other, "md")), strict=True):
            numbers_a = Counter(re.findall(r"\d+", body_a))
            numbers_b = Counter(re.findall(r"\d+", body_b))
            assert numbers_a == numbers_b, (
                f"section {ident}: {first} {numbers_a - numbers_b} vs {other} {numbers_b - numbers_a}"
            )
            for name in names:
                escaped = name.replace("*", "\\*").replace("_", "\\_")
                assert body_a.count(escaped) == body_b.count(escaped), f"section {ident}: {name} ({other})"


def test_output_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Every example and fixture: the same bytes whatever the hash seed, the interface language,
    the working directory and the order the files are given in."""
    inputs = [*EXAMPLES, *sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))]
    outputs = []
    for seed, ui, order, cwd in (("0", "en", inputs, ROOT), ("12345", "pl", inputs[::-1], tmp_path)):
        out = tmp_path / seed
        args = ("--ui-lang", ui, "build", *map(str, order), "--out", str(out), "--jobs", "1")
        result = run_cli(*args, cwd=cwd, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("privacy.*"))})
    assert (
        len(outputs[0]) == sum(2 * len(built(p).languages) for p in inputs) and outputs[0].keys() == outputs[1].keys()
    )
    assert [str(name) for name, data in outputs[0].items() if outputs[1][name] != data] == []


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_cites_the_gdpr_in_its_own_style(example: Path, lang: str) -> None:
    """No other language's name of the GDPR or citation style leaks into a policy (a message whose
    translation kept the English "Art. 6(1)(f) GDPR" would)."""
    text = rendered(example, lang, "md")
    own = language(lang)
    assert re.search(rf"\b{own.gdpr}\b", text)
    for other in LANGS:
        theirs = language(other)
        if theirs.gdpr != own.gdpr:
            assert not re.search(rf"\b{theirs.gdpr}\b", text), f"{theirs.gdpr} in the {lang} policy"
        if theirs.citation != own.citation:
            assert theirs.citation.ref(6, ("1",), "f") not in text, f"{other}'s citation style in the {lang} policy"
