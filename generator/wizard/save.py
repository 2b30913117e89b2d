"""Writing answers files: schema modeline, every string quoted, UTF-8, keys in model field order."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..api import load_answers
from ..build import BuildOptions
from ..build import build as build_step
from ..model import Answers
from ..output import write_all, write_atomic
from ..paths import DEFAULT_LAYOUT
from ..resources import data_dir
from .questions import _model_of
from .roundtrip import redump

#: Not ``*.yaml``: ``policygen build answers/`` must not pick up an unfinished file.
PARTIAL_SUFFIX = ".yaml.partial"
REPO_ROOT = Path(__file__).resolve().parents[2]


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Always quoted: YAML 1.1 would read 0123, yes, no, 2024-01-01 or +48… as other types.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


def _dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.MappingNode:
    # Keys are field names: written plain; values through the quoting representers above.
    pairs = [(yaml.ScalarNode("tag:yaml.org,2002:str", str(k)), dumper.represent_data(v)) for k, v in data.items()]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _dict)


def ordered(data: Any, model: type[BaseModel] | None = Answers) -> Any:
    """``data`` with mapping keys in the model's field order (unknown keys keep their place at the end)."""
    if isinstance(data, list):
        return [ordered(item, model) for item in data]
    if not isinstance(data, dict) or model is None:
        return data
    fields = model.model_fields
    keys = [k for k in fields if k in data] + [k for k in data if k not in fields]
    return {k: ordered(data[k], _model_of(fields[k].annotation) if k in fields else None) for k in keys}


def schema_ref(target: Path) -> str:
    schema = data_dir() / "answers.schema.json"
    target = target.resolve()
    try:
        target.relative_to(REPO_ROOT)
        schema.resolve().relative_to(REPO_ROOT)
    except ValueError:
        return json.loads(schema.read_text(encoding="utf-8"))["$id"]
    return Path(os.path.relpath(schema.resolve(), target.parent)).as_posix()


def dump(data: dict[str, Any], target: Path) -> str:
    body = yaml.dump(
        ordered(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return f"# yaml-language-server: $schema={schema_ref(target)}\n{body}"


def partial_path(target: Path) -> Path:
    return target.with_name(target.name.removesuffix(".yaml").removesuffix(".yml") + PARTIAL_SUFFIX)


def target_of_partial(partial: Path) -> Path:
    return partial.with_name(partial.name.removesuffix(PARTIAL_SUFFIX) + ".yaml")


#: The last line of a partial file: how many questions were answered (resuming starts after them).
RESUME_LINE = "# policygen wizard: {count} questions answered\n"
_RESUME = re.compile(r"^# policygen wizard: (\d+) questions answered$", re.MULTILINE)


def save_partial(data: dict[str, Any], target: Path, answered: int | None = None) -> Path:
    path = partial_path(target)
    text = dump(data, path)
    write_atomic(path, text if answered is None else text + RESUME_LINE.format(count=answered))
    return path


def resume_point(text: str) -> int:
    """How many questions a partial file's answers cover (0: ask them all again)."""
    found = _RESUME.search(text)
    return int(found.group(1)) if found else 0


def validate(data: dict[str, Any], target: Path, ui_lang: str) -> Answers:
    """The answers exactly as ``policygen build`` will read them (raises ``AnswersError``)."""
    return load_answers(target, ui_lang, text=dump(data, target))


def resave(data: dict[str, Any], target: Path) -> str:
    """The text to write over an existing answers file: its comments and layout kept where the
    answers did not change (``roundtrip``); a file that cannot be read so is written afresh."""
    try:
        original = target.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return dump(data, target)
    text = redump(original, ordered(data))
    if text is None:
        return dump(data, target)
    modeline = f"# yaml-language-server: $schema={schema_ref(target)}\n"
    return text if text.startswith("# yaml-language-server:") else modeline + text


def save(data: dict[str, Any], target: Path, ui_lang: str) -> Answers:
    answers = validate(data, target, ui_lang)
    write_atomic(target, resave(data, target) if target.is_file() else dump(data, target))
    partial_path(target).unlink(missing_ok=True)
    return answers


def build(path: Path, out: Path, ui_lang: str) -> list[Path]:
    """Build a saved answers file as ``policygen build PATH --out OUT`` does, through the one build
    step (its check gate, its own ``templates_dir``, every language, Markdown and HTML), and write
    the outputs all or none. Raises ``PolicygenError`` with the located problem."""
    built = build_step(path, BuildOptions(ui_lang=ui_lang))
    outputs = built.place(out, DEFAULT_LAYOUT, ui_lang)
    write_all(list(outputs.items()))
    return list(outputs)
