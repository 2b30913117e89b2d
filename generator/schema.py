"""The published JSON Schema of answers files (draft-07, which yaml-language-server supports)."""

from __future__ import annotations

import json
from typing import Any

from .model import Answers

SCHEMA_ID = "https://policygen.dev/schema/answers-1.json"


def answers_schema() -> dict[str, Any]:
    schema = Answers.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "policygen answers file",
        **schema,
        "definitions": definitions,
    }


def schema_text() -> str:
    return json.dumps(answers_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
