"""`policygen diff`: substantive changes between two answers files and the notification they need."""

from __future__ import annotations

from pathlib import Path

from generator.api import build_policy, load_answers
from generator.diff import compare, verdict

from .conftest import ROOT, run_cli

AGENCY = (ROOT / "answers" / "agency.yaml").read_text(encoding="utf-8")


def variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = AGENCY
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def changes(old: Path, new: Path):
    return compare(build_policy(load_answers(old)), build_policy(load_answers(new)))


def test_identical_answers_have_no_changes() -> None:
    base = ROOT / "answers" / "agency.yaml"
    assert changes(base, base) == [] and verdict([]) == "info"


def test_added_purpose_must_be_notified(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("  contact:\n", "  newsletter:\n    tool: mailerlite\n  contact:\n"))
    found = changes(ROOT / "answers" / "agency.yaml", new)
    assert ("purpose_added", "newsletter") in [(c.kind, c.item) for c in found]
    assert verdict(found) == "advance"  # MailerLite is also a new recipient


def test_new_non_eea_recipient_is_fundamental(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("services: [ovhcloud,", "services: [amazon-web-services, ovhcloud,"))
    found = changes(ROOT / "answers" / "agency.yaml", new)
    kinds = {(c.kind, c.item) for c in found}
    assert ("recipient_added", "Amazon Web Services EMEA SARL / Amazon Web Services (AWS)") in kinds
    assert any(k == "transfer_added" and "(US, scc)" in item for k, item in kinds)
    assert verdict(found) == "advance"


def test_changed_retention_is_reported(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("keep_months: 12", "keep_months: 36"))
    (change,) = changes(ROOT / "answers" / "agency.yaml", new)
    assert (change.kind, change.item, change.old.count, change.new.count) == ("retention_changed", "contact", 12, 36)
    assert verdict([change]) == "recommended"


def test_changed_controller_must_be_notified(tmp_path: Path) -> None:
    new = variant(
        tmp_path,
        "new",
        ('name: "Piksel i Kod spółka jawna Nowak, Lis"', 'name: "Piksel i Kod sp. z o.o."'),
        ("legal_form: spolka_jawna", "legal_form: sp_zoo"),
    )
    found = changes(ROOT / "answers" / "agency.yaml", new)
    assert [c.kind for c in found] == ["controller_changed"]
    assert verdict(found) == "required"


def test_cli_prints_changes_in_both_languages(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("keep_months: 12", "keep_months: 36"))
    old = ROOT / "answers" / "agency.yaml"
    en = run_cli("--ui-lang", "en", "diff", str(old), str(new))
    pl = run_cli("--ui-lang", "pl", "diff", str(old), str(new))
    assert en.returncode == pl.returncode == 0
    assert "36 months" in en.stdout and "recommended" in en.stdout
    assert "36 miesięcy" in pl.stdout and "36 months" not in pl.stdout
