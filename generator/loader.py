"""Load an answers file: YAML parsed once with marks, validated, every problem located.

Problems are collected, not raised one by one: a user fixing a file sees all of them at once, each
as ``file:line:col: dotted.path: message`` in the interface language.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import AnswersError, Problem
from .fields import UNION_TAGS
from .messages import message
from .safeio import MAX_ANSWERS_BYTES, InputFileError, decode_utf8, line_col, read_regular

#: Input limits (documented in the README): answers files are hand-sized.
MAX_BYTES = MAX_ANSWERS_BYTES
MAX_DEPTH = 40
MAX_NODES = 50_000
#: Characters of keys and values together, counting every alias use: aliases of one long string
#: would otherwise become gigabytes once validated (each use is copied).
MAX_CHARS = 1_000_000

M = TypeVar("M", bound=BaseModel)

_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_KIND_BY_TAG = {
    _INT_TAG: "kind_number",
    _FLOAT_TAG: "kind_number",
    "tag:yaml.org,2002:bool": "kind_bool",
    "tag:yaml.org,2002:timestamp": "kind_date",
    "tag:yaml.org,2002:null": "kind_null",
}
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
#: The tags a value may carry: plain YAML scalars, lists and mappings (``<<`` merge keys included).
#: Others (``!!set``, ``!!omap``, ``!!pairs``, ``!!binary``, ``!!python/…``, local tags) are refused:
#: a set, for one, would come out in an order that changes with the hash seed.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "merge", "timestamp")
)
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
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, path, "yaml_tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
            return
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
            for key, key_node in first.items():
                if isinstance(key, str) and key.endswith("+") and key[:-1] in first:
                    later = max(key_node, first[key[:-1]], key=lambda n: (n.start_mark.line, n.start_mark.column))
                    self.problem(later, (*path, key[:-1]), "extends_append_and_replace", key=key[:-1])
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


L = TypeVar("L", bound=type[yaml.SafeLoader])


def without_dates(loader: L) -> L:
    """``loader`` without the YAML 1.1 timestamp rule: dates stay text and pydantic parses them,
    so an impossible date such as 2025-13-01 becomes a located error instead of a crash. An
    explicit ``!!timestamp`` stays text too (PyYAML would raise without a place)."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_constructor(_TIMESTAMP_TAG, yaml.SafeLoader.construct_yaml_str)
    return loader


@without_dates
class _Loader(yaml.SafeLoader):
    """The located loader's parser: SafeLoader without implicit dates."""


def read_text(path: Path, lang: str, reader: Callable[[Path], bytes] | None = None) -> str:
    """A YAML file's text (read with ``reader`` when given); a located error when it cannot be used."""
    return _decode(_read_bytes(path, lang, reader), str(path), lang)


def _problem_of(exc: InputFileError, lang: str, file: str | None = None) -> Problem:
    return Problem(file or exc.file, exc.line, exc.column, "", message(exc.code, lang, **exc.params))


#: While ``extends_read_with`` is active: how the files an answers file extends are read.
_READER: ContextVar[Callable[[Path], bytes] | None] = ContextVar("policygen_extends_reader", default=None)


@contextmanager
def extends_read_with(reader: Callable[[Path], bytes]) -> Iterator[None]:
    """Read the bases of ``extends`` with ``reader`` (e.g. as they are at a git revision) instead
    of from disk; it raises ``FileNotFoundError`` or another ``OSError`` like reading a file."""
    token = _READER.set(reader)
    try:
        yield
    finally:
        _READER.reset(token)


def _read_bytes(path: Path, lang: str, reader: Callable[[Path], bytes] | None = None) -> bytes:
    """From disk: only a regular file, of at most MAX_BYTES (``safeio.read_regular``: a pipe, a
    device or a symlink loop is refused without reading it). With ``reader``: what it returns."""
    file = str(path)
    if reader is None:
        try:
            return read_regular(path, MAX_BYTES)
        except InputFileError as exc:
            raise AnswersError([_problem_of(exc, lang, file)]) from None
    try:
        data = reader(path)
    except FileNotFoundError:
        raise AnswersError([Problem(file, 0, 0, "", message("file_missing", lang))]) from None
    except OSError as exc:
        raise AnswersError([Problem(file, 0, 0, "", message("file_unreadable", lang, reason=exc.strerror))]) from None
    if len(data) > MAX_BYTES:
        raise AnswersError([Problem(file, 0, 0, "", message("file_too_large", lang, limit=MAX_BYTES))])
    return data


def _decode(data: bytes, file: str, lang: str) -> str:
    try:
        return decode_utf8(data, file)
    except InputFileError as exc:
        raise AnswersError([_problem_of(exc, lang)]) from None


#: How many ``extends`` hops an answers file may take (a chain, not a tree).
MAX_EXTENDS = 5

#: While ``recording_sources`` is active: the file it watches and where to record what its load read.
_RECORDING: ContextVar[tuple[str, dict[str, str]] | None] = ContextVar("policygen_sources", default=None)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def recording_sources(path: Path) -> Iterator[dict[str, str]]:
    """Record the files a load of ``path`` inside this block reads: the file itself, then each
    file of its ``extends`` chain, as absolute path -> SHA-256 of the bytes read.

    A cache of builds hashes exactly these, so a change in any inherited file is seen. Loads of
    other files inside the block (e.g. the service catalogue) are not recorded."""
    sink: dict[str, str] = {}
    token = _RECORDING.set((os.path.realpath(path), sink))
    try:
        yield sink
    finally:
        _RECORDING.reset(token)


def parse(text: str, file: str, lang: str, sources: dict[str, str] | None = None) -> tuple[Any, _Marks, list[Problem]]:
    """Parse YAML once (and the files it ``extends``), returning data, marks and problems found.

    Each file is checked on its own (duplicate keys, octal-looking numbers, limits), then the
    chain is merged node by node, so every value keeps the mark of the file it came from. A broken
    chain (a missing base, a circle, too many hops) stops here: without its base a file would only
    show fields that seem missing. ``sources`` receives each base file read (absolute path ->
    SHA-256 of its bytes), in chain order.
    """
    node, problems = _compose(text, file, lang)
    node = _resolve_extends(node, file, lang, problems, {} if sources is None else sources)
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
        line, column = line_col(text, exc.position)
        problem = message("yaml_syntax", lang, problem=f"character #x{exc.character:04x} is not allowed")
        raise AnswersError([Problem(file, line, column, "", problem)]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise AnswersError([Problem(file, 0, 0, "", message("yaml_syntax", lang, problem=str(exc)))]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, walker.problems


def _resolve_extends(node: MappingNode, file: str, lang: str, problems: list[Problem], sources: dict[str, str]) -> Node:
    """Follow ``extends:`` from ``node`` to the last base, then merge each file over the one it extends.

    Problems found in the bases are appended to ``problems``; a broken chain raises ``AnswersError``
    with those problems and the chain's own, and nothing else."""
    layers: list[MappingNode] = []
    chain = [_identity(Path(file)) or file]
    while True:
        entry = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == "extends"), None)
        if entry is None:
            break
        key_node, value_node = entry
        own = [kv for kv in node.value if kv[0] is not key_node]
        layers.append(MappingNode(node.tag, own, node.start_mark, node.end_mark))
        name = value_node.value if isinstance(value_node, ScalarNode) else None
        joined = Path(file).parent / name if isinstance(name, str) and name else None
        identity = _identity(joined) if joined is not None else None
        if joined is None or identity is None:
            raise AnswersError([*problems, _at(value_node, file, "extends", message("extends_invalid", lang))])
        if identity in chain or len(chain) > MAX_EXTENDS:
            broken = message("extends_cycle", lang, limit=MAX_EXTENDS)
            raise AnswersError([*problems, _at(value_node, file, "extends", broken)])
        base_file = os.path.normpath(joined)  # "clients/../defaults.yaml" is shown as "defaults.yaml"
        try:
            data = _read_bytes(joined, lang, _READER.get())
        except AnswersError as exc:
            detail = exc.problems[0].message if exc.problems else ""
            raise AnswersError([*problems, _at(value_node, file, "extends", f"{base_file}: {detail}")]) from None
        try:
            node, more = _compose(_decode(data, base_file, lang), base_file, lang)
        except AnswersError as exc:
            # A problem of the whole base (empty, not a mapping) is shown at the extends naming it.
            whole = [_at(value_node, file, "extends", f"{base_file}: {p.message}") for p in exc.problems if not p.line]
            found = [p for p in exc.problems if p.line] + whole
            raise AnswersError([*problems, *found]) from None
        problems += more
        sources[identity] = _sha256(data)
        chain.append(identity)
        file = base_file
    merged = _merge(None, node, problems, lang)
    for own_node in reversed(layers):
        merged = _merge(merged, own_node, problems, lang)
    return merged


def _identity(path: Path) -> str | None:
    """The absolute path that identifies a file in a chain; None for a path no file can have.
    (A symlink loop has an identity: reading it then says that it is a loop.)"""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):  # e.g. an embedded NUL
        return None


def _merge(base: Node | None, top: Node, problems: list[Problem], lang: str, path: tuple[Any, ...] = ()) -> Node:
    """``top`` over ``base``: mappings merge key by key; ``key+:`` appends its list to the inherited
    list (where nothing is inherited, it is the list itself); anything else replaces.

    With no base this only turns every ``key+`` into ``key`` (in files without ``extends`` too),
    and returns ``top`` itself when there is none."""
    if isinstance(top, SequenceNode):
        items = [_merge(None, item, problems, lang, (*path, i)) for i, item in enumerate(top.value)]
        if all(new is old for new, old in zip(items, top.value, strict=True)):
            return top
        return SequenceNode(top.tag, items, top.start_mark, top.end_mark)
    if not isinstance(top, MappingNode):
        return top
    merged: list[tuple[Node, Node]] = list(base.value) if isinstance(base, MappingNode) else []
    changed = bool(merged)
    index = {k.value: i for i, (k, _) in enumerate(merged) if isinstance(k, ScalarNode)}
    for key, value in top.value:
        name = key.value if isinstance(key, ScalarNode) and isinstance(key.value, str) else None
        if name is None:
            merged.append((key, value))
            continue
        if len(name) > 1 and name.endswith("+"):
            name = name[:-1]
            old = merged[index[name]][1] if name in index else None
            if isinstance(old, ScalarNode) and old.tag == _NULL_TAG:
                old = None
            if not isinstance(value, SequenceNode) or not (old is None or isinstance(old, SequenceNode)):
                text = message("extends_append_not_list", lang, key=name)
                problems.append(_at(key, _file_of(key, ""), ".".join(str(p) for p in (*path, name)), text))
                continue
            added = _merge(None, value, problems, lang, (*path, name))
            assert isinstance(added, SequenceNode)
            items = [*(old.value if old is not None else []), *added.value]
            key = ScalarNode(key.tag, name, key.start_mark, key.end_mark)
            value = SequenceNode(value.tag, items, value.start_mark, value.end_mark)
            changed = True
        else:
            inherited = merged[index[name]][1] if name in index else None
            new_value = _merge(inherited, value, problems, lang, (*path, name))
            changed = changed or new_value is not value
            value = new_value
        if name in index:
            merged[index[name]] = (key, value)
        else:
            index[name] = len(merged)
            merged.append((key, value))
    if not changed:
        return top
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
    if text is None:
        raw = _read_bytes(path, lang)
        source = _decode(raw, file, lang)
    else:
        raw, source = None, text
    sources: dict[str, str] = {}
    data, marks, problems = parse(source, file, lang, sources)
    recording = _RECORDING.get()
    if recording is not None and recording[0] == os.path.realpath(path):
        watched, sink = recording
        sink[watched] = _sha256(raw if raw is not None else source.encode("utf-8"))
        sink.update(sources)
    result, more = validate(model, data, marks, file, lang, context)
    # A value already reported while parsing (e.g. an octal-looking number) is not reported twice.
    reported = {(p.file, p.line, p.column) for p in problems}
    problems += [p for p in more if (p.file, p.line, p.column) not in reported]
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
