"""Every example in answers/ builds in both languages and formats, matches its snapshot, and the
two languages state the same facts."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.languages import DEFAULT_LANGUAGES

from .conftest import EXAMPLES, FORMATS, LANGS, ROOT, built, rendered, run_cli

SNAPSHOTS = ROOT / "tests" / "snapshots"
HEADING = re.compile(r"^(#{1,6}) .*\{#([\w-]+)\}$", re.M)
CITATION = {
    "en": re.compile(r"Art\. 6\(1\)\(([a-f])\) GDPR"),
    "pl": re.compile(r"art\. 6 ust\. 1 lit\. ([a-f]) RODO"),
}


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


def test_same_section_ids_in_the_same_order(example: Path) -> None:
    pl = [(len(m.group(1)), m.group(2)) for m in HEADING.finditer(rendered(example, "pl", "md"))]
    en = [(len(m.group(1)), m.group(2)) for m in HEADING.finditer(rendered(example, "en", "md"))]
    assert pl == en
    assert [i for _, i in pl][:3] == ["privacy-policy", "summary", "controller"]


def test_same_legal_bases_per_purpose(example: Path) -> None:
    by_lang = {}
    for lang in LANGS:
        by_lang[lang] = {
            ident: CITATION[lang].findall(body)
            for ident, body in sections(rendered(example, lang, "md"))
            if ident.startswith("purpose-")
        }
    assert by_lang["pl"] == by_lang["en"]
    policy = built(example)
    letter = {"consent": "a", "contract": "b", "legal_obligation": "c", "legitimate_interest": "f"}
    for activity in policy.activities:
        assert by_lang["en"][f"purpose-{activity.id.replace('_', '-')}"][0] == letter[activity.basis]


def test_same_numbers_and_names_in_every_section(example: Path) -> None:
    """Periods, article numbers, dates, registry numbers and recipients are the same in PL and EN."""
    policy = built(example)
    names = {r.service.entity.name for r in policy.recipients} | {c.name for c in policy.controllers}
    pl = sections(rendered(example, "pl", "md"))
    en = sections(rendered(example, "en", "md"))
    for (ident, body_pl), (_, body_en) in zip(pl, en, strict=True):
        numbers_pl = Counter(re.findall(r"\d+", body_pl))
        numbers_en = Counter(re.findall(r"\d+", body_en))
        assert numbers_pl == numbers_en, (
            f"section {ident}: PL {numbers_pl - numbers_en} vs EN {numbers_en - numbers_pl}"
        )
        for name in names:
            escaped = name.replace("*", "\\*").replace("_", "\\_")
            assert body_pl.count(escaped) == body_en.count(escaped), f"section {ident}: {name}"


def languages(path: Path) -> list[str]:
    """The policy languages an answers file asks for (all of them are built)."""
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("languages", list(DEFAULT_LANGUAGES))


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
    expected = sum(len(FORMATS) * len(languages(path)) for path in inputs)
    assert len(outputs[0]) == expected and outputs[0].keys() == outputs[1].keys()
    assert [str(name) for name, data in outputs[0].items() if outputs[1][name] != data] == []
