"""`extends`: shared defaults merged under an answers file, with errors located in the right file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.api import check_answers, load_answers
from generator.catalogue import catalogue, entry
from generator.errors import AnswersError
from generator.loader import MAX_EXTENDS, recording_sources

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
        "consent_tool: {settings: {pl: linku w stopce, en: the footer link}}\n",
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


def test_check_findings_on_inherited_values_name_the_base_file(tmp_path: Path) -> None:
    (tmp_path / "clients").mkdir()
    newsletter = "  newsletter: {tool: mailerlite, basis: legitimate_interest}\n"
    write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS.replace("features:\n", "features:\n" + newsletter))
    child = write(tmp_path / "clients", "a.yaml", "extends: ../defaults.yaml\nsecurity: [tls]\n")
    (finding,) = [f for f in check_answers(child)[2] if f.rule == "PG004"]
    # The value is written in the base, so that is the file named (not the child with the base's line).
    assert finding.file == str(tmp_path / "defaults.yaml")
    assert (finding.line, finding.column) == (12, 41)


def test_append_where_nothing_is_inherited_is_the_list_itself(tmp_path: Path) -> None:
    write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS)
    child = write(tmp_path, "client.yaml", "extends: defaults.yaml\nfeatures:\n  shop:\n    payments+: [payu]\n")
    assert load_answers(child).features.shop.payments == ["payu"]  # the base has no shop
    alone = write(tmp_path, "alone.yaml", AGENCY_DEFAULTS.replace("services:", "services+:"))
    assert load_answers(alone).services == ["ovhcloud", "google-workspace"]  # a file without extends


def test_append_and_replace_in_one_mapping_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS)
    child = write(tmp_path, "client.yaml", "extends: defaults.yaml\nservices+: [hotjar]\nservices: [ovhcloud]\n")
    with pytest.raises(AnswersError) as info:
        load_answers(child)
    (problem,) = info.value.problems
    assert (Path(problem.file).name, problem.line, problem.column, problem.path) == ("client.yaml", 3, 1, "services")
    assert "services+ adds to it" in problem.message


@pytest.mark.parametrize(
    ("text", "line"),
    [("security+: tls\n", 2), ("features+: [contact]\n", 2)],
    ids=["appended value not a list", "inherited value not a list"],
)
def test_append_to_something_that_is_not_a_list_is_located(tmp_path: Path, text: str, line: int) -> None:
    write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS)
    child = write(tmp_path, "client.yaml", "extends: defaults.yaml\n" + text)
    with pytest.raises(AnswersError) as info:
        load_answers(child)
    (problem,) = info.value.problems
    assert (Path(problem.file).name, problem.line, problem.column) == ("client.yaml", line, 1)
    assert "+ adds items to a list" in problem.message and "without +" in problem.message


def test_problems_at_the_same_place_in_different_files_are_both_reported(tmp_path: Path) -> None:
    # defaults.yaml:3:1 has a duplicate key; client.yaml:3:1 an unknown key.
    body = AGENCY_DEFAULTS.replace("security: [tls, backups]\n", "")
    write(tmp_path, "defaults.yaml", "security: [tls]\nschema_version: 1\nsecurity: [backups]\n" + body)
    child = write(tmp_path, "client.yaml", "extends: defaults.yaml\neffective_date: 2026-02-01\ncolour: red\n")
    with pytest.raises(AnswersError) as info:
        load_answers(child)
    where = {(Path(p.file).name, p.line, p.column) for p in info.value.problems}
    assert {("defaults.yaml", 3, 1), ("client.yaml", 3, 1)} <= where


def test_a_chain_too_long_is_reported_alone(tmp_path: Path) -> None:
    for hop in range(MAX_EXTENDS + 1):
        write(tmp_path, f"h{hop}.yaml", f"extends: h{hop + 1}.yaml\n")
    write(tmp_path, f"h{MAX_EXTENDS + 1}.yaml", AGENCY_DEFAULTS)
    assert load_answers(tmp_path / "h1.yaml").controllers  # five hops are allowed
    with pytest.raises(AnswersError) as info:
        load_answers(tmp_path / "h0.yaml")  # six are not
    (problem,) = info.value.problems
    assert Path(problem.file).name == f"h{MAX_EXTENDS}.yaml" and problem.path == "extends"
    assert "deeper than 5" in problem.message


def test_a_missing_base_is_reported_alone(tmp_path: Path) -> None:
    child = write(tmp_path, "client.yaml", "extends: nowhere.yaml\nsecurity: [tls]\n")
    with pytest.raises(AnswersError) as info:
        load_answers(child)
    assert [p.path for p in info.value.problems] == ["extends"]  # no "controllers: required field is missing"


def test_the_files_of_the_chain_are_recorded_with_their_hashes(tmp_path: Path) -> None:
    (tmp_path / "clients").mkdir()
    base = write(tmp_path, "defaults.yaml", AGENCY_DEFAULTS)
    child = write(tmp_path / "clients", "a.yaml", "extends: ../defaults.yaml\n")
    catalogue.cache_clear()  # loading the catalogue inside the block must not be recorded
    entry.cache_clear()
    with recording_sources(child) as sources:
        load_answers(child)
    expected = {str(p.resolve()): hashlib.sha256(p.read_bytes()).hexdigest() for p in (child, base)}
    assert list(sources.items()) == list(expected.items())
