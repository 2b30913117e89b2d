"""`extends`: shared defaults merged under an answers file, with errors located in the right file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.api import load_answers
from generator.errors import AnswersError

AGENCY_DEFAULTS = """\
schema_version: 1
controllers:
  - legal_form: sp_zoo
    name: "Klient sp. z o.o."
    address: {street: "ul. Domyślna 1", postal_code: "00-001", city: "Warszawa"}
    email: "dane@klient.example"
    nip: "6760000115"
    krs: "0000123456"
services: [ovhcloud, google-workspace]
security: [tls, backups]
features:
  contact: {keep_months: 12}
effective_date: 2026-01-01
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_child_inherits_merges_replaces_and_appends(tmp_path: Path) -> None:
    write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS)
    child = write(
        tmp_path,
        "client.yaml",
        "extends: defaults.yaml\n"
        "services+: [google-analytics-4]\n"
        "security: [two_factor]\n"
        "features:\n  contact: {keep_months: 6}\n  newsletter: {tool: mailerlite}\n"
        "consent_tool: {settings: footer link}\n",
    )
    answers = load_answers(child)
    assert answers.controllers[0].name == "Klient sp. z o.o."  # inherited
    assert answers.services == ["ovhcloud", "google-workspace", "google-analytics-4"]  # appended
    assert answers.security == ["two_factor"]  # replaced
    assert answers.features.contact.keep_months == 6 and answers.features.newsletter is not None  # merged
    assert answers.extends is None


def test_errors_point_at_the_file_they_are_in(tmp_path: Path) -> None:
    write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS.replace('"6760000115"', '"6760000116"'))
    child = write(tmp_path, "client.yaml", "extends: defaults.yaml\ncolour: red\n")
    with pytest.raises(AnswersError) as info:
        load_answers(child)
    where = {(Path(p.file).name, p.line, p.path) for p in info.value.problems}
    assert ("defaults.yaml", 7, "controllers.0.nip") in where
    assert ("client.yaml", 2, "colour") in where


def test_cycles_and_missing_bases_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\n" + AGENCY_DEFAULTS)
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(AnswersError) as info:
        load_answers(tmp_path / "a.yaml")
    assert any("circle" in p.message for p in info.value.problems)
    missing = write(tmp_path, "c.yaml", "extends: nowhere.yaml\n")
    with pytest.raises(AnswersError) as info:
        load_answers(missing)
    (problem,) = [p for p in info.value.problems if p.path == "extends"]
    assert (problem.line, problem.column) == (1, 10) and "nowhere.yaml" in problem.message
