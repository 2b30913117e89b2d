"""`policygen check`: every rule has a fixture that triggers it and one that does not; JSON is stable."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.api import check_answers
from generator.check import RULES

from .conftest import EXAMPLES, ROOT, run_cli

FIXTURES = ROOT / "tests" / "check"

REPORT_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "files"],
    "properties": {
        "version": {"const": 1},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "valid", "problems", "findings"],
                "properties": {
                    "file": {"type": "string"},
                    "valid": {"type": "boolean"},
                    "problems": {"type": "array", "items": {"type": "string"}},
                    "findings": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": [
                                "rule",
                                "name",
                                "severity",
                                "article",
                                "file",
                                "line",
                                "column",
                                "path",
                                "message",
                            ],
                            "properties": {
                                "rule": {"type": "string", "pattern": "^PG\\d{3}$"},
                                "name": {"type": "string"},
                                "severity": {"enum": ["error", "warning"]},
                                "article": {"type": "string"},
                                "file": {"type": "string"},
                                "line": {"type": "integer"},
                                "column": {"type": "integer"},
                                "path": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}


def rule_ids(path: Path) -> set[str]:
    return {f.rule for f in check_answers(path)[2]}


def test_rule_ids_are_unique_and_documented() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == 10
    assert all(r.article and r.severity in ("error", "warning") for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_fixture_triggers_and_passing_fixture_does_not(rule) -> None:
    assert rule.id in rule_ids(FIXTURES / f"{rule.id}-fail.yaml")
    assert rule.id not in rule_ids(FIXTURES / f"{rule.id}-pass.yaml")


def test_findings_are_located() -> None:
    (finding,) = [f for f in check_answers(FIXTURES / "PG004-fail.yaml")[2] if f.rule == "PG004"]
    assert (finding.line, finding.column, finding.path) == (17, 12, "features.newsletter.basis")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_errors(example: Path) -> None:
    assert [str(f) for f in check_answers(example)[2] if f.severity == "error"] == []


def test_json_output_is_schema_stable() -> None:
    files = [str(p) for p in sorted(FIXTURES.glob("*.yaml"))] + [
        str(ROOT / "tests" / "broken" / "07-nip-checksum.yaml")
    ]
    result = run_cli("--ui-lang", "en", "check", "--format", "json", *files)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert {f["rule"] for entry in report["files"] for f in entry["findings"]} == {r.id for r in RULES}
    assert [e["valid"] for e in report["files"]].count(False) == 1


def test_text_output_and_exit_codes() -> None:
    bad = run_cli("--ui-lang", "en", "check", str(FIXTURES / "PG008-fail.yaml"))
    assert bad.returncode == 2 and "PG008 retention-missing" in bad.stdout and "Art. 13(2)(a) GDPR" in bad.stdout
    warning_only = run_cli("--ui-lang", "en", "check", str(FIXTURES / "PG007-fail.yaml"))
    assert warning_only.returncode == 0 and "warning PG007" in warning_only.stdout
    polish = run_cli("--ui-lang", "pl", "check", str(FIXTURES / "PG008-fail.yaml"))
    assert "PG008" in polish.stdout and "retention period" not in polish.stdout


def test_build_refuses_errors_unless_forced(tmp_path: Path) -> None:
    fixture = str(FIXTURES / "PG004-fail.yaml")
    refused = run_cli("--ui-lang", "en", "build", fixture, "--out", str(tmp_path / "a"))
    assert refused.returncode == 2 and "PG004" in refused.stderr
    assert not (tmp_path / "a" / "PG004-fail").exists()
    forced = run_cli("build", fixture, "--out", str(tmp_path / "b"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "b" / "PG004-fail" / "en" / "privacy.md").is_file()
    warned = run_cli("build", str(FIXTURES / "PG007-fail.yaml"), "--out", str(tmp_path / "c"))
    assert warned.returncode == 0, warned.stderr
