"""Load an answers file: YAML parsed once with marks, validated, every problem located.

Problems are collected, not raised one by one: a user fixing a file sees all of them at once, each
as ``file:line:col: dotted.path: message`` in the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import AnswersError, Problem
from .fields import UNION_TAGS
from .messages import message

#: Input limits (documented in the README): answers files are hand-sized.
MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 50_000
#: Characters of keys and values together, counting every alias use: aliases of one long string
#: would otherwise become gigabytes once validated (each use is copied).
MAX_CHARS = 1_000_000

M = TypeVar("M", bound=BaseModel)

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_KIND_BY_TAG = {
    _INT_TAG: "kind_number",
    _FLOAT_TAG: "kind_number",
    "tag:yaml.org,2002:bool": "kind_bool",
    "tag:yaml.org,2002:timestamp": "kind_date",
    "tag:yaml.org,2002:null": "kind_null",
}
_TYPE_ERRORS = {"string_type", "model_type", "dict_type", "list_type", "model_attributes_type", "union_text"}


@dataclass
class _Marks:
    """Where each value (and each mapping key) of the document sits."""

    values: dict[tuple[Any, ...], Node]
    keys: dict[tuple[Any, ...], Node]


class _Walker:
    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.marks = _Marks({}, {})
        self.problems: list[Problem] = []
        self.count = 0
        self.chars = 0

    def problem(self, node: Node | None, path: tuple[Any, ...], code: str, **ctx: Any) -> None:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)
        dotted = ".".join(str(p) for p in path)
        self.problems.append(Problem(_file_of(node, self.file), line, col, dotted, message(code, self.lang, **ctx)))

    def walk(self, node: Node, path: tuple[Any, ...], depth: int, seen: set[int]) -> None:
        if depth > MAX_DEPTH:
            raise _Abort(self.problem(node, path, "yaml_too_deep", limit=MAX_DEPTH))
        self.count += 1
        if self.count > MAX_NODES:
            raise _Abort(self.problem(node, path, "yaml_too_many_nodes", limit=MAX_NODES))
        self.marks.values.setdefault(path, node)
        if id(node) in seen:  # an alias cycle (recursive anchor)
            raise _Abort(self.problem(node, path, "yaml_too_deep", limit=MAX_DEPTH))
        if isinstance(node, MappingNode):
            first: dict[Any, Node] = {}
            for key_node, value_node in node.value:
                self._count_text(key_node, path)
                key = key_node.value if isinstance(key_node, ScalarNode) else repr(key_node)
                if key in first:
                    self.problem(key_node, (*path, key), "duplicate_key", key=key, first=first[key].start_mark.line + 1)
                    continue
                first[key] = key_node
                self.marks.keys[(*path, key)] = key_node
                self.walk(value_node, (*path, key), depth + 1, seen | {id(node)})
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index), depth + 1, seen | {id(node)})
        elif isinstance(node, ScalarNode):
            self._count_text(node, path)
            self._check_scalar(node, path)

    def _count_text(self, node: Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, ScalarNode):
            self.chars += len(node.value)
            if self.chars > MAX_CHARS:
                raise _Abort(self.problem(node, path, "yaml_too_much_text", limit=MAX_CHARS))

    def _check_scalar(self, node: ScalarNode, path: tuple[Any, ...]) -> None:
        if node.style is not None or node.tag != _INT_TAG:
            return
        raw = node.value
        if re.fullmatch(r"[-+]?0[0-7_]+|[-+]?0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+|.*_.*", raw):
            value = yaml.safe_load(raw)
            self.problem(node, path, "ambiguous_number", raw=raw, value=value)


def _file_of(node: Node | None, default: str) -> str:
    name = getattr(getattr(node, "start_mark", None), "name", None)
    return name if isinstance(name, str) and not name.startswith("<") else default


class _Abort(Exception):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 timestamp rule: dates stay text and pydantic parses them,
    so an impossible date such as 2025-13-01 becomes a located error instead of a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path, lang: str) -> str:
    file = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnswersError([Problem(file, 0, 0, "", message("file_missing", lang))]) from None
    except OSError as exc:
        raise AnswersError([Problem(file, 0, 0, "", message("file_unreadable", lang, reason=exc.strerror))]) from None
    if len(data) > MAX_BYTES:
        raise AnswersError([Problem(file, 0, 0, "", message("file_too_large", lang, limit=MAX_BYTES))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise AnswersError([Problem(file, line, col, "", message("not_utf8", lang))]) from None


#: How many ``extends`` hops an answers file may take (a chain, not a tree).
MAX_EXTENDS = 5


def parse(text: str, file: str, lang: str) -> tuple[Any, _Marks, list[Problem]]:
    """Parse YAML once (and the files it ``extends``), returning data, marks and problems found.

    Each file is checked on its own (duplicate keys, octal-looking numbers, limits), then the
    chain is merged node by node, so every value keeps the mark of the file it came from.
    """
    node, problems = _compose(text, file, lang)
    node, more = _resolve_extends(node, file, lang, [file])
    problems += more
    marker = _Walker(file, lang)
    try:
        marker.walk(node, (), 0, set())
    except _Abort:
        raise AnswersError(marker.problems) from None
    constructor = _Loader("")
    try:
        data = constructor.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise AnswersError([_located(file, mark, message("yaml_syntax", lang, problem=exc.problem or "?"))]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise AnswersError([Problem(file, 0, 0, "", message("yaml_syntax", lang, problem=str(exc)))]) from None
    finally:
        constructor.dispose()
    return data, marker.marks, problems


def _check_depth(text: str, file: str, lang: str) -> None:
    """PyYAML composes recursively: refuse deep nesting from the (iterative) token stream first."""
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                mark = token.start_mark
                problem = message("yaml_too_deep", lang, limit=MAX_DEPTH)
                raise AnswersError([Problem(file, mark.line + 1, mark.column + 1, "", problem)])
        elif isinstance(token, _CLOSING):
            depth -= 1


_OPENING = (
    yaml.tokens.BlockMappingStartToken,
    yaml.tokens.BlockSequenceStartToken,
    yaml.tokens.FlowMappingStartToken,
    yaml.tokens.FlowSequenceStartToken,
)
_CLOSING = (yaml.tokens.BlockEndToken, yaml.tokens.FlowMappingEndToken, yaml.tokens.FlowSequenceEndToken)


def _compose(text: str, file: str, lang: str) -> tuple[MappingNode, list[Problem]]:
    walker = _Walker(file, lang)
    loader = None
    try:
        loader = _Loader(text)  # the reader rejects control characters right here
        loader.name = file  # marks carry the file name, so merged trees still point at the right file
        _check_depth(text, file, lang)
        node = loader.get_single_node()
        if node is None:
            raise AnswersError([Problem(file, 0, 0, "", message("yaml_empty", lang))])
        try:
            walker.walk(node, (), 0, set())
        except _Abort:
            raise AnswersError(walker.problems) from None
        if not isinstance(node, MappingNode):
            walker.problem(node, (), "yaml_not_mapping")
            raise AnswersError(walker.problems)
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        code = "yaml_multiple_documents" if "single document" in str(exc.context) else "yaml_syntax"
        raise AnswersError([_located(file, mark, message(code, lang, problem=exc.problem))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        text_ = message("yaml_syntax", lang, problem=exc.problem or exc.context or "?")
        raise AnswersError([_located(file, mark, text_)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problem = message("yaml_syntax", lang, problem=f"character #x{exc.character:04x} is not allowed")
        raise AnswersError([Problem(file, line, column, "", problem)]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise AnswersError([Problem(file, 0, 0, "", message("yaml_syntax", lang, problem=str(exc)))]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, walker.problems


def _resolve_extends(node: MappingNode, file: str, lang: str, chain: list[str]) -> tuple[MappingNode, list[Problem]]:
    """Merge the file named by a top-level ``extends:`` under this one (recursively)."""
    entry = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == "extends"), None)
    if entry is None:
        return node, []
    _, value_node = entry
    own = MappingNode(node.tag, [kv for kv in node.value if kv[0] is not entry[0]], node.start_mark, node.end_mark)
    if not isinstance(value_node, ScalarNode) or not value_node.value:
        return own, [_at(value_node, file, "extends", message("extends_invalid", lang))]
    base_path = (Path(file).parent / value_node.value).resolve()
    if str(base_path) in chain or len(chain) > MAX_EXTENDS:
        return own, [_at(value_node, file, "extends", message("extends_cycle", lang, limit=MAX_EXTENDS))]
    try:
        base_text = read_text(base_path, lang)
    except AnswersError as exc:
        detail = exc.problems[0].message if exc.problems else ""
        return own, [_at(value_node, file, "extends", f"{base_path}: {detail}")]
    base, problems = _compose(base_text, str(base_path), lang)
    base, more = _resolve_extends(base, str(base_path), lang, [*chain, str(base_path)])
    return _merge(base, own), problems + more


def _merge(base: Node, top: Node) -> Node:
    """Mappings merge key by key; ``key+:`` appends a list to the inherited one; anything else replaces."""
    if not (isinstance(base, MappingNode) and isinstance(top, MappingNode)):
        return top
    merged: list[tuple[Node, Node]] = list(base.value)
    index = {k.value: i for i, (k, _) in enumerate(merged) if isinstance(k, ScalarNode)}
    for key, value in top.value:
        name = key.value if isinstance(key, ScalarNode) else None
        if isinstance(name, str) and name.endswith("+") and name[:-1] in index:
            i = index[name[:-1]]
            old_key, old_value = merged[i]
            if isinstance(old_value, SequenceNode) and isinstance(value, SequenceNode):
                joined = SequenceNode(old_value.tag, old_value.value + value.value, value.start_mark, value.end_mark)
                merged[i] = (old_key, joined)
                continue
        if isinstance(name, str) and name.endswith("+"):
            key = ScalarNode(key.tag, name[:-1], key.start_mark, key.end_mark)
            name = name[:-1]
        if name in index:
            i = index[name]
            merged[i] = (key, _merge(merged[i][1], value))
        else:
            index[name] = len(merged)
            merged.append((key, value))
    return MappingNode(top.tag, merged, top.start_mark, top.end_mark)


def _at(node: Node, file: str, path: str, text: str) -> Problem:
    return Problem(file, node.start_mark.line + 1, node.start_mark.column + 1, path, text)


def _located(file: str, mark: Any, text: str) -> Problem:
    if mark is None:
        return Problem(file, 0, 0, "", text)
    return Problem(file, mark.line + 1, mark.column + 1, "", text)


def validate(
    model: type[M], data: Any, marks: _Marks, file: str, lang: str, context: dict[str, Any] | None = None
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        return None, _problems(exc, marks, file, lang)


def _problems(exc: ValidationError, marks: _Marks, file: str, lang: str) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        path = tuple(part for part in err["loc"] if part not in UNION_TAGS)
        problems.append(_problem(path, err, marks, file, lang))
    return problems


def _problem(path: tuple[Any, ...], err: dict[str, Any], marks: _Marks, file: str, lang: str) -> Problem:
    code = err["type"]
    ctx = dict(err.get("ctx") or {})
    if code == "extra_forbidden":
        node = marks.keys.get(path) or _nearest(path, marks)
    elif code == "missing":
        node = _nearest(path[:-1], marks)
    else:
        node = marks.values.get(path) or _nearest(path, marks)
    if code in ("literal_error", "enum") and "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace("'", "")
    text = message(code, lang, **ctx)
    if code == "value_error" and "error" in ctx:
        text = message("value_error", lang, error=str(ctx["error"]))
    if isinstance(node, ScalarNode) and node.style is None and node.tag in _KIND_BY_TAG and code in _TYPE_ERRORS:
        kind = message(_KIND_BY_TAG[node.tag], lang)
        text = f"{text}; " + message("quote_hint", lang, raw=node.value, kind=kind)
    line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)
    return Problem(_file_of(node, file), line, col, ".".join(str(p) for p in path), text)


def _nearest(path: tuple[Any, ...], marks: _Marks) -> Node | None:
    for cut in range(len(path), -1, -1):
        node = marks.values.get(path[:cut])
        if node is not None:
            return node
    return None


#: A check run on a valid model: returns (path, error code, parameters) for each problem found.
Check = Callable[[Any], list[tuple[tuple[Any, ...], str, dict[str, Any]]]]


def load_model(
    path: Path,
    model: type[M],
    lang: str,
    context: dict[str, Any] | None = None,
    text: str | None = None,
    check: Check | None = None,
) -> M:
    """Read, parse and validate one YAML file into ``model``; raise ``AnswersError`` with every problem."""
    return load_located(path, model, lang, context, text, check)[0]


def load_located(
    path: Path,
    model: type[M],
    lang: str,
    context: dict[str, Any] | None = None,
    text: str | None = None,
    check: Check | None = None,
) -> tuple[M, Locator]:
    """Like ``load_model``, also returning where each value is written (a ``Locator``)."""
    file = str(path)
    source = read_text(path, lang) if text is None else text
    data, marks, problems = parse(source, file, lang)
    result, more = validate(model, data, marks, file, lang, context)
    # A value already reported while parsing (e.g. an octal-looking number) is not reported twice.
    reported = {(p.line, p.column) for p in problems}
    problems += [p for p in more if (p.line, p.column) not in reported]
    if result is not None and check is not None:
        for where, code, ctx in check(result):
            problems.append(_problem(where, {"type": code, "ctx": ctx}, marks, file, lang))
    if problems or result is None:
        raise AnswersError(problems)

    return result, Locator(marks, file)


class Locator:
    """Where each value of a loaded file is written: ``locator(path)`` gives its line and column,
    ``locator.file(path)`` the file of the ``extends`` chain it comes from."""

    def __init__(self, marks: _Marks, file: str) -> None:
        self._marks, self._file = marks, file

    def __call__(self, where: tuple[Any, ...]) -> tuple[int, int]:
        node = self._marks.values.get(where) or _nearest(where, self._marks)
        return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)

    def file(self, where: tuple[Any, ...]) -> str:
        return _file_of(self._marks.values.get(where) or _nearest(where, self._marks), self._file)
