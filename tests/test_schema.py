"""The published JSON Schema (issue 17.12): every key described, service fields offer catalogue ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.api import load_answers
from generator.catalogue import catalogue
from generator.errors import AnswersError
from generator.model import Answers
from generator.schema import SERVICE_FIELDS, answers_schema

from .conftest import ROOT

SCHEMA = answers_schema()
ANSWERS = sorted({*ROOT.glob("answers/*.yaml"), *ROOT.glob("tests/fixtures/*.yaml"), *ROOT.glob("tests/check/*.yaml")})


def properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of every object schema below ``node``, inline ones included, with its place."""
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            yield f"{where}.{key}", prop
        for key, child in node.items():
            yield from properties(child, f"{where}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from properties(child, f"{where}/{i}")


def test_every_key_has_a_description() -> None:
    found = list(properties(SCHEMA, "#"))
    assert len(found) > 150
    missing = [where for where, prop in found if not str(prop.get("description", "")).strip()]
    assert not missing, f"describe these keys (generator/schema_docs.py or the field's description): {missing}"


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and pick the non-null branch of an optional value."""
    while True:
        if "$ref" in node:
            node = SCHEMA["definitions"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node and not any("enum" in option for option in node["anyOf"]):
            (node,) = [option for option in node["anyOf"] if option.get("type") != "null"]
        else:
            return node


def _at(path: tuple[object, ...]) -> dict[str, Any]:
    node: dict[str, Any] = SCHEMA
    for part in path:
        node = _resolve(node)
        node = node["items"] if isinstance(part, int) else node["properties"][part]
    return _resolve(node)


def _ref_paths() -> list[tuple[str, tuple[object, ...]]]:
    out = []
    for path in ANSWERS:
        try:
            answers = load_answers(path)
        except AnswersError:
            continue
        out += [(path.name, where) for where, _ in answers.service_ref_paths()]
    # The fields no example uses: a survey tool and the consent banner's service.
    data = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    data["features"]["surveys"] = {"tool": "any-tool"}
    data["consent_tool"]["service"] = "any-banner"
    out += [("shop.yaml, edited", where) for where, _ in Answers.model_validate(data).service_ref_paths()]
    return out


def test_every_service_field_offers_the_catalogue_ids() -> None:
    """Wherever an answers file names a service (``Answers.service_ref_paths``, so a new service
    field is covered as soon as it is listed there), the schema offers the catalogue's ids."""
    ids = sorted(catalogue())
    paths = _ref_paths()
    fields = set()
    for name, where in paths:
        node = _at(where)
        enums = [option["enum"] for option in node.get("anyOf", []) if "enum" in option]
        assert enums == [ids], (name, where)
        fields.add(where)
    named = {".".join(str(p) for p in where if not isinstance(p, int)) for where in fields}
    assert len(named) == len(SERVICE_FIELDS), named


def test_custom_service_ids_still_validate() -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    data = yaml.safe_load((ROOT / "tests" / "check" / "PG001-fail.yaml").read_text(encoding="utf-8"))
    assert "remote-crm" in data["services"]
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize("field", sorted(SERVICE_FIELDS))
def test_each_listed_service_field_exists(field: str) -> None:
    definition, key = field.split(".")
    node = SCHEMA if definition == "Answers" else SCHEMA["definitions"][definition]
    prop = node["properties"][key]
    assert "catalogue id" in str(prop), field


def test_published_schema_has_descriptions_and_ids(tmp_path: Path) -> None:
    published = (ROOT / "generator" / "data" / "answers.schema.json").read_text(encoding="utf-8")
    assert '"google-analytics-4"' in published and "the cookie's" in published.lower()
