"""The command line as a user runs it: outputs, layout, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.schema import answers_schema

from .conftest import ROOT, run_cli

SHOP = ROOT / "answers" / "shop.yaml"


def test_build_writes_every_language_and_format(tmp_path: Path) -> None:
    result = run_cli("build", str(SHOP), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("privacy.*"))
    assert written == [f"shop/{lang}/privacy.{fmt}" for lang in ("de", "en", "pl") for fmt in ("html", "md")]
    assert not list(tmp_path.rglob("*.tmp")), "temporary files must be renamed or removed"
    assert "Leśne Runo" in (tmp_path / "shop/pl/privacy.md").read_text(encoding="utf-8")


def test_build_selected_language_and_format(tmp_path: Path) -> None:
    result = run_cli("build", str(SHOP), "--lang", "en", "--format", "fragment", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    (only,) = list(tmp_path.rglob("privacy.*"))
    assert only.name == "privacy.fragment.html"
    text = only.read_text(encoding="utf-8")
    assert text.startswith("<h1") and "<html" not in text


def test_front_matter_for_static_sites(tmp_path: Path) -> None:
    for style, key in (("hugo", "slug"), ("jekyll", "permalink")):
        out = tmp_path / style
        result = run_cli("build", str(SHOP), "--format", "md", "--front-matter", style, "--out", str(out))
        assert result.returncode == 0, result.stderr
        text = (out / "shop/pl/privacy.md").read_text(encoding="utf-8")
        head = text.split("---\n")[1]
        meta = yaml.safe_load(head)
        assert meta["lang"] == "pl" and key in meta and meta["title"]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("--ui-lang", "en", "build", str(SHOP), "--format", "pdf", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "unknown format pdf" in result.stderr and "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())


def test_missing_file_is_reported_in_polish(tmp_path: Path) -> None:
    result = run_cli("--ui-lang", "pl", "build", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr and "Traceback" not in result.stderr
    assert "nie" in result.stderr.lower()


def test_a_bad_file_writes_nothing_of_its_own_and_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "broken" / "07-nip-checksum.yaml"
    result = run_cli("--ui-lang", "en", "build", str(SHOP), str(bad), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert (tmp_path / "o" / "shop" / "pl" / "privacy.md").is_file()
    assert not (tmp_path / "o" / "07-nip-checksum").exists()
    assert f"{bad}:8:10: controllers.0.nip" in result.stderr
    assert "built: 1, unchanged: 0, failed: 1" in result.stderr


def test_schema_command_prints_draft07_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "generator" / "data" / "answers.schema.json").read_text(encoding="utf-8"))
    assert published == answers_schema(), "run: policygen schema --out generator/data/answers.schema.json"


def test_examples_validate_against_the_json_schema_and_carry_the_modeline() -> None:
    validator = jsonschema.Draft7Validator(answers_schema(), format_checker=None)
    for path in sorted((ROOT / "answers").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../generator/data/answers.schema.json\n")
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{path.name}: {errors}"


def test_schema_rejects_unknown_keys_like_the_loader() -> None:
    validator = jsonschema.Draft7Validator(answers_schema())
    data = json.loads(json.dumps(yaml.safe_load(SHOP.read_text(encoding="utf-8")), default=str))
    data["colour"] = "blue"
    assert any("colour" in e.message for e in validator.iter_errors(data))


def test_version_is_fast_path() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("policygen ")


@pytest.mark.parametrize("command", [["services"], ["services", "show", "cloudflare"], ["schema"]])
def test_a_reader_that_goes_away_ends_the_command_quietly(command: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has already exited: every write fails with EPIPE
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert stderr == ""


def test_check_errors_block_a_build_unless_ignored(tmp_path: Path) -> None:
    fixture = str(ROOT / "tests" / "check" / "PG004-fail.yaml")
    refused = run_cli("--ui-lang", "en", "build", fixture, "--out", str(tmp_path / "a"))
    assert refused.returncode == 2 and "PG004" in refused.stderr
    for option in ("--ignore-check-errors", "--force"):  # --force is the old name, kept
        forced = run_cli("build", fixture, "--out", str(tmp_path / option), option)
        assert forced.returncode == 0, forced.stderr
