"""Re-saving an answers file written or edited by hand: its comments, its order and the style of
the values the wizard did not change are kept (ruamel.yaml's round trip); new or changed values are
written as the wizard writes them (every string double-quoted), new keys in the model's order."""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

#: A list written indented under its key ("key:\n  - item"), as people usually write them.
_INDENTED_LIST = re.compile(r"^[A-Za-z_][\w-]*:\s*\n {2}- ", re.MULTILINE)


def fresh(value: Any) -> Any:
    """A value the wizard writes: strings double-quoted (YAML 1.1 would read 0123 or yes otherwise)."""
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = fresh(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(fresh(item) for item in value)
    return value


def merged(old: Any, new: Any) -> Any:
    """``new``, reusing what is unchanged in ``old`` (its comments and the style of its values)."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        previous = -1
        for key, value in new.items():
            if key in old:
                old[key] = merged(old[key], value)
                previous = list(old).index(key)
            else:
                previous += 1
                old.insert(previous, key, fresh(value))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        del old[len(new) :]
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = merged(old[i], value)
            else:
                old.append(fresh(value))
        return old
    if _same_scalar(old, new):
        return old
    return fresh(new)


def _same_scalar(old: Any, new: Any) -> bool:
    """Whether a value read from the file equals the answer (``True`` is not ``1``, nor "1" 1)."""
    if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
        return False
    kinds = (str, bool, int, float)
    return bool(old == new) and [isinstance(old, k) for k in kinds] == [isinstance(new, k) for k in kinds]


def redump(original: str, data: dict[str, Any]) -> str | None:
    """``original`` (an answers file's text) with ``data`` as its content; None when the text cannot
    be read as one YAML mapping (the caller then writes the file afresh)."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # a long line is kept as written: no folding of unchanged text
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    if _INDENTED_LIST.search(original):
        yaml.indent(mapping=2, sequence=4, offset=2)
    try:
        document = yaml.load(original)
    except YAMLError:
        return None
    if not isinstance(document, CommentedMap):
        return None
    buffer = io.StringIO()
    yaml.dump(merged(document, data), buffer)
    return buffer.getvalue()
