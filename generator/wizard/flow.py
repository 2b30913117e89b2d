"""The interview flow: which question is asked, when, and where its answer goes.

``interview`` walks ``QUESTIONS`` in order over the answers so far (a plain dict, as an answers
file is parsed) and hands each question that applies to a front end, which answers it; the
answer is written into the dict at once, so an interrupt keeps it. ``walk`` is the same traversal
with every question answered from the data: it lists the questions a finished answers file was
asked. Nothing here imports a prompt library, so a web form can reuse all of it.

Whether a question is asked is decided by ``applies``, over these names:

- ``answers`` (the answers so far; a field not answered yet reads as none) and ``features``;
- the item being asked about in each list or mapping around the question, named after it:
  ``controller``, ``custom_service``, ``cookie``, ``transfer``, ``purpose``;
- the model's own rules and vocabularies: ``joint_required``, ``representative_required``
  (``model.joint_required``, ``model.outside_eea``), ``polish_law`` (every controller so far is
  established in Poland), ``phone_given`` (a controller gave a phone number), ``krs_forms``,
  ``capital_forms``, ``on_site``;
- the core's own derivation (``api.build_policy`` over the answers so far): ``policy`` and
  ``selected`` (ids of the built-in purposes that apply). While the answers so far do not
  validate, these cannot be known, and a question that depends on them is asked;
- inside ``purposes{}``: ``override_needs`` (``overrides.words_needed``: ``interest`` or
  ``obligation`` when the chosen basis needs words the built-in record does not have) and
  ``retention_form`` (which alternative of the retention is chosen);
- ``today`` (ISO date).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Protocol

from ..catalogue import catalogue
from ..conditions import evaluate, holds
from ..fields import postal_code_ok
from ..messages import message
from ..model import Answers, joint_required, outside_eea
from ..overrides import words_needed
from ..purposes import purpose_data
from ..slugs import slugify
from ..vocab import CAPITAL_FORMS, KRS_FORMS, ON_SITE
from . import choices as options
from .choices import form_of
from .modelfields import _model_of, _value_model, is_list, model_default, model_of
from .questions import BY_PATH, GROUPS, LISTS, QUESTIONS, SECTIONS, Items, Q


class Undecided(Exception):
    """A name whose value cannot be known yet (the answers so far do not validate)."""


# -- names ---------------------------------------------------------------------------------------


class View:
    """Read-only view of raw answers for conditions: a model field not answered yet reads as None,
    a name that is no field is an error (so a typo in a condition fails loudly)."""

    __slots__ = ("_data", "_model", "_values")

    def __init__(self, data: dict[str, Any], model: type | None, values: type | None = None) -> None:
        self._data, self._model, self._values = data, model, values

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        fields = self._model.model_fields if self._model is not None else {}
        if name in self._data:
            info = fields.get(name)
            if info is None:
                return wrap(self._data[name], self._values)
            return wrap(self._data[name], _model_of(info.annotation), _value_model(info.annotation))
        if name in fields:
            return None
        raise AttributeError(name)

    def __contains__(self, key: object) -> bool:
        return key in self._data


def wrap(value: Any, model: type | None = None, values: type | None = None) -> Any:
    if isinstance(value, dict):
        return View(value, model, values)
    if isinstance(value, list):
        return tuple(wrap(item, model) for item in value)
    return value


class Names(Mapping[str, Any]):
    """The names a condition can use; ``policy`` and ``selected`` are derived only when read."""

    def __init__(self, fixed: dict[str, Any], lazy: dict[str, Callable[[], Any]]) -> None:
        self._fixed, self._lazy = fixed, lazy

    def __getitem__(self, key: str) -> Any:
        if key not in self._fixed and key in self._lazy:
            self._fixed[key] = self._lazy[key]()
        return self._fixed[key]

    def __iter__(self) -> Iterator[str]:
        return iter({**self._lazy, **self._fixed})

    def __len__(self) -> int:
        return len({**self._lazy, **self._fixed})


def applies(condition: str | None, names: Mapping[str, Any]) -> bool:
    """Whether a question or group with this ``when`` is asked: the one decision of the flow.
    A condition that cannot be decided yet counts as true: better one question too many than a
    needed one left out (or an answer removed)."""
    try:
        return holds(condition, names)
    except Undecided:
        return True


# -- where the traversal is ------------------------------------------------------------------------


@dataclass(frozen=True)
class Ctx:
    """A place in the answers: the dict question paths below ``prefix`` start from, and the items
    around it (block prefix, name, item dict); ``rows``/``key`` locate the innermost item."""

    data: dict[str, Any]
    item: dict[str, Any]
    prefix: str = ""
    items: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    rows: Any = None
    key: Any = None

    def inner(self, block: str, rows: Any, key: Any) -> Ctx:
        name = block.rsplit(".", 1)[-1][:-2].removesuffix("s")
        item = rows[key]
        return Ctx(self.data, item, block + ".", (*self.items, (block, name, item)), rows, key)

    def block(self) -> str | None:
        return self.items[-1][0] if self.items else None


def names_at(ctx: Ctx) -> Names:
    data = ctx.data
    controllers = [c for c in data.get("controllers") or [] if isinstance(c, dict)]
    fixed: dict[str, Any] = {
        "answers": View(data, Answers),
        "features": wrap(data.get("features"), model_of("features")),
        "joint_required": joint_required(controllers),
        "representative_required": bool(outside_eea((c.get("address") or {}).get("country") for c in controllers)),
        "phone_given": any(c.get("phone") for c in controllers),
        "polish_law": all((c.get("address") or {}).get("country", "PL") == "PL" for c in controllers),
        "krs_forms": KRS_FORMS,
        "capital_forms": CAPITAL_FORMS,
        "on_site": ON_SITE,
        "today": date.today().isoformat(),
    }
    for block, name, item in ctx.items:
        fixed[name] = View(item, model_of(block))
    if ctx.block() == "purposes{}":
        retention = ctx.item.get("retention")
        fixed["override_needs"] = words_needed(ctx.item.get("basis"), purpose_data().record(ctx.key))
        fixed["retention_form"] = form_of(retention)
    return Names(fixed, {"policy": lambda: _known(options.policy_of(data)), "selected": lambda: _selected(data)})


def _known(value: Any) -> Any:
    if value is None:
        raise Undecided
    return value


def _selected(data: dict[str, Any]) -> tuple[str, ...]:
    return _known(options.selected(data))


# -- steps -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A question to ask, where its answer goes, and the names its conditions and choices see."""

    q: Q
    ctx: Ctx
    names: Names = field(repr=False)

    @property
    def relative(self) -> str:
        return self.q.path[len(self.ctx.prefix) :]

    @property
    def key(self) -> str:
        return self.relative.rsplit(".", 1)[-1]

    @property
    def parent(self) -> dict[str, Any]:
        """The dict the answer is written into (created on the way)."""
        return _container(self.ctx.item, self.relative, create=True)

    @property
    def item_number(self) -> int | None:
        """Which item of a numbered list this is about (1, 2, …), when the list has several."""
        block = self.ctx.block()
        spec = LISTS.get(block or "")
        if spec is None or not spec.numbered or len(self.ctx.rows) < 2:
            return None
        return int(self.ctx.key) + 1


@dataclass(frozen=True)
class More:
    """A yes/no question about the items of a list: keep this one, or add one?"""

    path: str
    index: int
    message: str
    existing: bool  # the item is already in the answers (the default answer is then yes)
    params: dict[str, object]


class Front(Protocol):
    def ask(self, step: Step) -> Any: ...

    def more(self, step: More) -> bool: ...


def _container(item: dict[str, Any], relative: str, create: bool) -> Any:
    node: Any = item
    for part in relative.split(".")[:-1]:
        if not isinstance(node, dict):
            return None
        if create and not isinstance(node.get(part), dict):
            node[part] = {}
        node = node.get(part)
    return node if isinstance(node, dict) else None


def _pop(item: dict[str, Any], relative: str) -> None:
    parent = _container(item, relative, create=False)
    if parent is not None:
        parent.pop(relative.rsplit(".", 1)[-1], None)


def _get(item: dict[str, Any], relative: str) -> Any:
    parent = _container(item, relative, create=False)
    return None if parent is None else parent.get(relative.rsplit(".", 1)[-1])


def default_of(step: Step) -> Any:
    """The question's default while the field has no answer: its own, else the model's."""
    value = step.q.default
    if isinstance(value, str) and value.startswith("="):
        return evaluate(value[1:], step.names)
    return model_default(step.q.path) if value is None else value


def current(step: Step, finished: bool = False) -> Any:
    """The answer already in the answers, in the question's terms (else the default). In a
    ``finished`` answers file a group that is left out was answered "no": its default is no."""
    q = step.q
    stored = _get(step.ctx.item, step.relative)
    if q.kind == "presence":
        return stored is not None or (not finished and q.default is not None and bool(default_of(step)))
    if q.kind == "form":
        return form_of(stored)
    if q.kind == "entries":
        return list(stored or {})
    return default_of(step) if stored is None else stored


def decide(q: Q, ctx: Ctx, names: Mapping[str, Any]) -> str | None:
    """None when ``q`` is asked; else what to remove from the answers (a path relative to the
    item, or "" for nothing): a group whose ``when`` fails, or the question's own field."""
    parts = q.path[len(ctx.prefix) :].split(".")
    for end in range(1, len(parts)):
        relative = ".".join(parts[:end])
        full = ctx.prefix + relative
        above = BY_PATH.get(full)
        if above is not None and above.kind == "presence" and _get(ctx.item, relative) is None:
            return ""  # answered "no": nothing below it is in the answers
        if full in GROUPS and not applies(GROUPS[full], names):
            return relative
    return None if applies(q.when, names) else ".".join(parts)


# -- the traversal -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """Questions about each item of a list (``x[]``) or each entry of a mapping (``x{}``)."""

    prefix: str
    nodes: tuple[Q | Block, ...]


def _block_of(path: str, prefix: str) -> str | None:
    rest = path[len(prefix) :]
    ends = [i for i in (rest.find("[]"), rest.find("{}")) if i >= 0]
    return prefix + rest[: min(ends) + 2] if ends else None


def _tree(questions: tuple[Q, ...], prefix: str = "") -> tuple[Q | Block, ...]:
    nodes: list[Q | Block] = []
    done: set[str] = set()
    i = 0
    while i < len(questions):
        block = _block_of(questions[i].path, prefix)
        if block is None:
            nodes.append(questions[i])
            i += 1
            continue
        if block in done:
            raise ValueError(f"the questions of {block} must follow each other")
        j = i
        while j < len(questions) and _block_of(questions[j].path, prefix) == block:
            j += 1
        nodes.append(Block(block, _tree(questions[i:j], block + ".")))
        done.add(block)
        i = j
    return tuple(nodes)


@cache
def tree() -> tuple[Q | Block, ...]:
    return _tree(QUESTIONS)


def _first(node: Q | Block) -> Q:
    return node if isinstance(node, Q) else _first(node.nodes[0])


def section_nodes(section: str | None) -> tuple[Q | Block, ...]:
    if section is None:
        return tree()
    starts = [QUESTIONS.index(BY_PATH[first]) for _, _, first in SECTIONS]
    names = [name for name, _, _ in SECTIONS]
    begin = starts[names.index(section)]
    end = next((s for s in starts if s > begin), len(QUESTIONS))
    return tuple(n for n in tree() if begin <= QUESTIONS.index(_first(n)) < end)


def interview(data: dict[str, Any], front: Front, section: str | None = None) -> None:
    """Ask ``front`` every question of ``section`` (all when None) that applies, in order."""
    _visit(section_nodes(section), Ctx(data, data), front)
    _prune(data, "")


def _visit(nodes: tuple[Q | Block, ...], ctx: Ctx, front: Front) -> None:
    for node in nodes:
        if isinstance(node, Block):
            _block(node, ctx, front)
        else:
            _question(node, ctx, front)


def _question(q: Q, ctx: Ctx, front: Front) -> None:
    names = names_at(ctx)
    gone = decide(q, ctx, names)
    if gone is not None:
        if gone:
            _pop(ctx.item, gone)
        return
    step = Step(q, ctx, names)
    if q.kind in ("select", "checkbox", "entries", "form") and not options.values(step):
        return  # nothing to choose from (e.g. the purposes, while the answers do not validate)
    old = _get(ctx.item, step.relative)
    write(step, front.ask(step))
    hook = HOOKS.get(q.path)
    if hook is not None:
        hook(step, old)


def write(step: Step, value: Any) -> None:
    """Put an answer into the answers (an empty one removes the field)."""
    q = step.q
    stored = _get(step.ctx.item, step.relative)
    if q.kind == "presence":
        value = (stored if stored is not None else ([] if is_list(q.path) else {})) if value else None
    elif q.kind == "form":  # a new alternative starts empty: the questions below it fill it in
        value = None if value is None else (stored if form_of(stored) == value else {value: None})
    elif q.kind == "entries":
        value = options.entries(step, value)
    elif q.kind == "confirm" and q.optional and not value:
        value = None
    if value is None or (q.kind != "presence" and value in ([], {})):
        _pop(step.ctx.item, step.relative)
        return
    parent = step.parent
    parent[step.key] = value
    if "{}" in q.path:  # entries of a mapping are written by hand too: keep the model's key order
        fields = list(model_of(q.path.rsplit(".", 1)[0]).model_fields)
        keys = [k for k in fields if k in parent] + [k for k in parent if k not in fields]
        reordered = {k: parent[k] for k in keys}
        parent.clear()
        parent.update(reordered)


def _block(block: Block, ctx: Ctx, front: Front) -> None:
    relative = block.prefix[len(ctx.prefix) : -2]
    gate = BY_PATH.get(block.prefix[:-2])
    if gate is not None and gate.kind == "presence" and _get(ctx.item, relative) is None:
        return
    if block.prefix.endswith("{}"):
        _entries(block, ctx, front, relative)
    else:
        _items(block, ctx, front, relative, LISTS[block.prefix])


def _items(block: Block, ctx: Ctx, front: Front, relative: str, spec: Items) -> None:
    parent = _container(ctx.item, relative, create=True)
    key = relative.rsplit(".", 1)[-1]
    rows = parent.setdefault(key, [])
    i = 0
    while True:
        existing = i < len(rows)
        if i >= (0 if spec.first else 1):
            keep = existing and spec.keep is not None
            msg = spec.keep if keep else (spec.first if i == 0 and spec.first else spec.another)
            params = {"name": rows[i].get("name") or "?"} if keep else {}
            if not front.more(More(block.prefix, i, str(msg), existing, params)):
                if keep:
                    del rows[i]
                    continue
                break
        if not existing:
            rows.append({})
        _visit(block.nodes, ctx.inner(block.prefix, rows, i), front)
        i += 1
    del rows[i:]
    if not rows and not spec.keep_empty:
        parent.pop(key)


def _entries(block: Block, ctx: Ctx, front: Front, relative: str) -> None:
    entries = _get(ctx.item, relative)
    if not isinstance(entries, dict):
        return
    offered = options.values(Step(BY_PATH[block.prefix[:-2]], ctx, names_at(ctx)))
    for key in [k for k in entries if k in offered]:
        _visit(block.nodes, ctx.inner(block.prefix, entries, key), front)
        if not entries[key]:
            del entries[key]
    if not entries:
        _pop(ctx.item, relative)


def _prune(node: dict[str, Any], prefix: str) -> None:
    """Removes groups left empty (``children`` after "not for children"), except presence answers."""
    for key in list(node):
        value = node[key]
        if isinstance(value, dict):
            _prune(value, f"{prefix}{key}.")
            question = BY_PATH.get(prefix + key)
            if not value and (question is None or question.kind != "presence"):
                del node[key]


# -- what follows from an answer -------------------------------------------------------------------


def _unique(base: str, taken: set[Any]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _controller_id(step: Step, old: Any) -> None:
    item, index, rows = step.ctx.item, step.ctx.key, step.ctx.rows
    if "id" not in item:
        item["id"] = _unique(slugify(item["name"]) if index else "main", {o.get("id") for o in rows})


def _service_id(step: Step, old: Any) -> None:
    item, index, rows = step.ctx.item, step.ctx.key, step.ctx.rows
    if "id" not in item:
        item["id"] = _unique(slugify(item["name"]), set(catalogue()) | {o.get("id") for o in rows[:index]})


def _sources(step: Step, old: Any) -> None:
    """The source of a custom tool is the owner's own reading of its privacy policy, today; sources
    written by hand stay as long as they still cover every fact and the privacy link is the same."""
    item = step.ctx.item
    privacy = item["links"]["privacy"]
    facts = ["entity", "role", "transfers", "cookies", "links", "purpose"]
    covered = {fact for source in item.get("sources") or [] for fact in source.get("facts") or []}
    if privacy != old or not covered >= set(facts):
        item["sources"] = [{"url": privacy, "checked": date.today().isoformat(), "facts": facts}]


HOOKS: dict[str, Callable[[Step, Any], None]] = {
    "controllers[].name": _controller_id,
    "custom_services[].name": _service_id,
    "custom_services[].links.privacy": _sources,
}


def extra_check(step: Step, lang: str) -> Callable[[Any], str | None] | None:
    """A rule that joins this answer with another one of the same group (the model's own)."""
    if step.q.path.endswith("address.postal_code"):
        country = step.parent.get("country", "PL")
        problem = message("postal_code_invalid", lang, country=country)
        return lambda value: None if postal_code_ok(country, value) else problem
    return None


# -- the walk ----------------------------------------------------------------------------------


class _Reader:
    """Answers every question with the answer already in the data."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def ask(self, step: Step) -> Any:
        self.paths.append(step.q.path)
        if step.q.kind == "presence":  # a group left out of the file was answered "no"
            return _get(step.ctx.item, step.relative) is not None
        return current(step)

    def more(self, step: More) -> bool:
        return step.existing


def walk(data: dict[str, Any], section: str | None = None) -> list[str]:
    """The paths of the questions a finished answers file was asked, in order (``data`` untouched)."""
    reader = _Reader()
    interview(copy.deepcopy(data), reader, section)
    return reader.paths


__all__ = ["Front", "More", "Step", "applies", "current", "interview", "walk", "write"]
