"""The corpus of broken answers files: every problem located, explained, no traceback, no output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.api import load_answers
from generator.errors import AnswersError

from .conftest import ROOT, run_cli

BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))
EXPECT = re.compile(r"# expect: (\d+):(\d+) ?([\w.]*) \| (.+)")


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    head = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    match = EXPECT.fullmatch(head.strip())
    assert match, f"{path.name} has no '# expect:' line"
    line, col, dotted, fragment = match.groups()
    return [(int(line), int(col), dotted, fragment)]


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 25


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_problem_is_located_and_explained(path: Path) -> None:
    with pytest.raises(AnswersError) as info:
        load_answers(path, "en")
    problems = info.value.problems
    for line, col, dotted, fragment in expectations(path):
        matching = [p for p in problems if p.line == line and p.column == col and p.path == dotted]
        assert matching, f"no problem at {line}:{col} {dotted!r}; got:\n{info.value}"
        assert any(fragment in p.message for p in matching), f"{fragment!r} not in {matching}"
        assert all(p.file == str(path) for p in problems)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_cli_exits_2_without_traceback_or_output(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--ui-lang", "en", "build", str(path), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    line, col, _, _ = expectations(path)[0]
    location = f"{path}:{line}:{col}:" if line else f"{path}:"
    assert location in result.stderr
    assert not out.exists(), "nothing may be written for invalid input"


@pytest.mark.parametrize("name", ["07-nip-checksum", "08-nip-unquoted", "11-missing-effective-date", "06-unknown-key"])
def test_messages_in_polish(name: str) -> None:
    path = ROOT / "tests" / "broken" / f"{name}.yaml"
    messages = {}
    for lang in ("en", "pl"):
        with pytest.raises(AnswersError) as info:
            load_answers(path, lang)
        messages[lang] = [p.message for p in info.value.problems]
    assert messages["pl"] != messages["en"]
    assert all(re.search(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|\b(nie|jest|dodaj|klucz)\b", m) for m in messages["pl"])


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "broken" / "07-nip-checksum.yaml").read_text(encoding="utf-8")
    text = text.replace('"0000123456"', '"12"').replace("biuro@test.example", "nope") + "colour: red\n"
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as info:
        load_answers(path, "en")
    paths = {p.path for p in info.value.problems}
    assert {"controllers.0.nip", "controllers.0.krs", "controllers.0.email", "colour"} <= paths
