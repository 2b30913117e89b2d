"""Conditions written as data: small Python-like expressions over named values.

The built-in purposes (``data/purposes.yaml``) and the wizard's questions say *when* they apply
with an expression such as ``features.shop and features.shop.consumers`` or
``features.newsletter.basis == "consent"``. This module parses such an expression once and
evaluates it against a mapping of names. Only a small, safe subset is allowed: names, attribute
access, literals, ``and`` / ``or`` / ``not``, comparisons (``==``, ``!=``, ``in``, ``not in``,
``<``, ``<=``, ``>``, ``>=``), tuples and lists of literals. No calls, no subscripts, nothing
else: a condition can read values, never run code.

Attribute access on ``None`` gives ``None`` (so ``features.contact.phone`` is simply false when
there is no contact feature); an attribute that does not exist on an object is an error, so a
typo in the data file fails loudly instead of silently being false.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any


class ConditionError(ValueError):
    """An expression outside the allowed subset, or a name or attribute that does not exist."""


_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}

Evaluator = Callable[[Mapping[str, Any]], Any]


@cache
def compile_condition(source: str) -> Evaluator:
    """Parse ``source`` once; the result evaluates it against a mapping of names."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ConditionError(f"{source!r}: {exc.msg}") from None
    return _compile(tree.body, source)


def evaluate(source: str, names: Mapping[str, Any]) -> Any:
    return compile_condition(source)(names)


def holds(source: str | None, names: Mapping[str, Any]) -> bool:
    """Whether the condition holds; no condition always holds."""
    return True if source is None else bool(evaluate(source, names))


def _compile(node: ast.expr, source: str) -> Evaluator:
    if isinstance(node, ast.Constant):
        value = node.value
        return lambda names: value
    if isinstance(node, ast.Name):
        return _name(node.id, source)
    if isinstance(node, ast.Attribute):
        return _attribute(_compile(node.value, source), node.attr, source)
    if isinstance(node, ast.BoolOp):
        parts = [_compile(value, source) for value in node.values]
        if isinstance(node.op, ast.And):
            return lambda names: _all(parts, names)
        return lambda names: _any(parts, names)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _compile(node.operand, source)
        return lambda names: not inner(names)
    if isinstance(node, ast.Compare):
        return _comparison(node, source)
    if isinstance(node, ast.Tuple | ast.List):
        items = [_compile(item, source) for item in node.elts]
        return lambda names: tuple(item(names) for item in items)
    raise ConditionError(f"{source!r}: {type(node).__name__} is not allowed in a condition")


def _name(ident: str, source: str) -> Evaluator:
    if ident in ("true", "false", "none"):
        value = {"true": True, "false": False, "none": None}[ident]
        return lambda names: value

    def look_up(names: Mapping[str, Any]) -> Any:
        try:
            return names[ident]
        except KeyError:
            raise ConditionError(f"{source!r}: unknown name {ident!r}") from None

    return look_up


def _attribute(base: Evaluator, attr: str, source: str) -> Evaluator:
    if attr.startswith("_"):
        raise ConditionError(f"{source!r}: private attribute {attr!r}")

    def get(names: Mapping[str, Any]) -> Any:
        value = base(names)
        if value is None:
            return None
        if isinstance(value, Mapping):
            if attr not in value:
                raise ConditionError(f"{source!r}: no key {attr!r}")
            return value[attr]
        if not hasattr(value, attr):
            raise ConditionError(f"{source!r}: {type(value).__name__} has no attribute {attr!r}")
        return getattr(value, attr)

    return get


def _comparison(node: ast.Compare, source: str) -> Evaluator:
    left = _compile(node.left, source)
    steps = []
    for op, right in zip(node.ops, node.comparators, strict=True):
        if type(op) not in _COMPARE:
            raise ConditionError(f"{source!r}: {type(op).__name__} is not allowed in a condition")
        steps.append((_COMPARE[type(op)], _compile(right, source)))

    def compare(names: Mapping[str, Any]) -> bool:
        value = left(names)
        for fn, right in steps:
            other = right(names)
            if not fn(value, other):
                return False
            value = other
        return True

    return compare


def _all(parts: list[Evaluator], names: Mapping[str, Any]) -> Any:
    value: Any = True
    for part in parts:
        value = part(names)
        if not value:
            return value
    return value


def _any(parts: list[Evaluator], names: Mapping[str, Any]) -> Any:
    value: Any = False
    for part in parts:
        value = part(names)
        if value:
            return value
    return value
