"""The published JSON Schema of answers files (draft-07, which yaml-language-server supports).

Every key carries a description (the field's own, else ``schema_docs.DESCRIPTIONS``), and every
field that names a service lists the catalogue's ids, so that an editor can complete them. A
service field also takes the id of one of the file's ``custom_services``, which the schema cannot
know: the ids are offered as an ``enum`` beside any other id (``anyOf``), and the loader reports an
id that is neither.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Answers
from .schema_docs import DESCRIPTIONS

SCHEMA_ID = "https://policygen.dev/schema/answers-1.json"

#: The keys whose values are service ids (each, or each item of a list), as ``Definition.key``.
SERVICE_FIELDS = frozenset(
    {
        "Answers.services",
        "Shop.payments",
        "Shop.carriers",
        "Newsletter.tool",
        "Webinars.tool",
        "Surveys.tool",
        "SocialMedia.profiles",
        "ConsentTool.service",
    }
)
CUSTOM_ID = "or the id of one of your custom_services"


def answers_schema() -> dict[str, Any]:
    schema = Answers.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    ids = _catalogue_ids()
    for name, definition in [("Answers", schema), *definitions.items()]:
        for key, prop in definition.get("properties", {}).items():
            if "description" not in prop and f"{name}.{key}" in DESCRIPTIONS:
                prop["description"] = DESCRIPTIONS[f"{name}.{key}"]
            if f"{name}.{key}" in SERVICE_FIELDS:
                _offer_ids(prop, ids)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "policygen answers file",
        **schema,
        "definitions": definitions,
    }


def _catalogue_ids() -> list[str]:
    from .catalogue import catalogue

    return sorted(catalogue())


def _offer_ids(prop: dict[str, Any], ids: list[str]) -> None:
    """Replace the plain string schema of a service field (or of its items) by catalogue ids or
    any other string."""
    offered = {"anyOf": [{"enum": ids, "description": "a catalogue id"}, {"type": "string", "description": CUSTOM_ID}]}
    if prop.get("type") == "array":
        prop["items"] = offered
        return
    for i, option in enumerate(prop.get("anyOf", [])):
        if option == {"type": "string"}:
            prop["anyOf"][i] = offered
            return
    if prop.get("type") == "string":
        del prop["type"]
        prop.update(offered)
        return
    raise ValueError(f"not a service id field: {prop}")


def schema_text() -> str:
    return json.dumps(answers_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
