"""Overlay templates: override a clause or add a section, in a sandbox, with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

AGENCY = ROOT / "answers" / "agency.yaml"


def overlay(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "overlay"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build(*args: str):
    return run_cli("--ui-lang", "en", "build", *args)


def test_overlay_overrides_a_clause(tmp_path: Path) -> None:
    clause = "## How we protect data {#security}\n\nOur own words for {{ policy.controller.name }}.\n"
    root = overlay(tmp_path, {"en/security.md.j2": clause})
    result = build(
        str(AGENCY), "--lang", "en", "--format", "md", "--templates", str(root), "--out", str(tmp_path / "o")
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "o" / "agency" / "en" / "privacy.md").read_text(encoding="utf-8")
    assert "Our own words for Piksel i Kod spółka jawna Nowak, Lis." in text
    assert "appropriate to the risk" not in text  # the stock clause is replaced
    assert "## Your rights {#rights}" in text  # the rest is untouched


def test_answers_add_a_section_from_their_templates_dir(tmp_path: Path) -> None:
    overlay(
        tmp_path,
        {
            "en/rules.md.j2": "## House rules {#rules}\n\nBe kind.\n",
            "pl/rules.md.j2": "## Zasady {#rules}\n\nBądź miły.\n",
        },
    )
    answers = tmp_path / "agency.yaml"
    answers.write_text(
        AGENCY.read_text(encoding="utf-8")
        + "templates_dir: overlay\nextra_sections:\n  - {id: rules, after: cookies}\n",
        encoding="utf-8",
    )
    result = build(str(answers), "--format", "md", "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    for lang, heading in (("en", "## House rules {#rules}"), ("pl", "## Zasady {#rules}")):
        text = (tmp_path / "o" / "agency" / lang / "privacy.md").read_text(encoding="utf-8")
        assert text.index("{#cookies}") < text.index(heading) < text.index("{#rights}")


@pytest.mark.parametrize(
    "attack",
    [
        '{{ "".__class__.__mro__[1].__subclasses__() }}',
        "{{ policy.__class__.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].system('echo pwned') }}",
        "{% set x = policy.controllers.append(1) %}{{ x }}",
    ],
)
def test_hostile_overlay_is_stopped_by_the_sandbox(tmp_path: Path, attack: str) -> None:
    root = overlay(tmp_path, {"en/summary.md.j2": f"## Hi {{#summary}}\n\n{attack}\n"})
    result = build(str(AGENCY), "--lang", "en", "--templates", str(root), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert f"{root / 'en' / 'summary.md.j2'}:3:" in result.stderr
    assert "sandbox" in result.stderr or "template error" in result.stderr
    assert "Traceback" not in result.stderr and "pwned" not in result.stdout + result.stderr
    assert not (tmp_path / "o" / "agency").exists()


def test_broken_overlay_template_is_located(tmp_path: Path) -> None:
    root = overlay(tmp_path, {"en/cookies.md.j2": "## Cookies {#cookies}\n\n{% if policy.cookies %}\nunclosed\n"})
    result = build(str(AGENCY), "--lang", "en", "--templates", str(root), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert f"{root / 'en' / 'cookies.md.j2'}:" in result.stderr and "template error" in result.stderr
    assert "Traceback" not in result.stderr
