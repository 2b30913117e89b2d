"""The built-in purposes as declarative records, read from ``data/purposes.yaml``.

The file is package data written by us, so it is read with PyYAML's fast loader and checked by a
unit test (tests/test_purposes.py), not by the located loader for user files. Its format is
described at the top of the file itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from .conditions import holds
from .resources import data_dir

try:  # the C loader when PyYAML was built with libyaml
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader


@dataclass(frozen=True)
class Item:
    """A data category or a note, listed only when its condition holds; as a retention alternative,
    a rule id or (``period`` set, ``id`` "period") a period with ``count``, ``unit`` and ``after``."""

    id: Any
    when: str | None = None
    period: dict[str, Any] | None = field(default=None, hash=False, compare=False)

    @property
    def value(self) -> Any:
        """The id, or the period spec the retention step reads (``{"period": {...}}``)."""
        return {"period": self.period} if self.period is not None else self.id


@dataclass(frozen=True)
class PurposeRecord:
    id: str
    basis: str
    data: tuple[Item, ...]
    retention: Any
    requirement: str
    source: str
    when: str | None = None
    interest: str | None = None
    #: An obligation id, or alternatives: the first whose condition holds (the last has none).
    obligation: str | tuple[Item, ...] | None = None
    consent_law: str | None = None
    #: Service categories whose services serve this purpose; an item may hold only under a condition.
    categories: tuple[Item, ...] = ()
    services_of: str | None = None
    notes: tuple[Item, ...] = ()
    profiling: bool | str = False
    last: bool = False
    #: The form the person gives the data through (the first item whose condition holds); none: no form.
    collected_via: tuple[Item, ...] = ()


@dataclass(frozen=True)
class PurposeData:
    purposes: tuple[PurposeRecord, ...]
    polish_statutes: frozenset[str]
    consent_laws: dict[str, tuple[str, str]]
    retention_by_basis: dict[str, dict[str, str]]
    infrastructure: frozenset[str]

    def record(self, purpose_id: str) -> PurposeRecord:
        return next(r for r in self.purposes if r.id == purpose_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.purposes)

    def purpose_of_category(self, category: str, scope: Mapping[str, Any] | None = None) -> tuple[str, ...]:
        """The purposes that services of ``category`` serve (none for infrastructure); with ``scope``,
        only where the category's condition holds for the answers."""
        return tuple(
            r.id
            for r in self.purposes
            for item in r.categories
            if item.id == category and (scope is None or holds(item.when, scope))
        )


def _items(values: list[Any]) -> tuple[Item, ...]:
    return tuple(_item(v) for v in values)


def _item(value: Any) -> Item:
    if isinstance(value, str):
        return Item(value)
    if "period" in value:
        return Item("period", value.get("when"), value["period"])
    return Item(value["id"], value.get("when"))


def _record(raw: dict[str, Any]) -> PurposeRecord:
    fields = dict(raw)
    fields["data"] = _items(fields.get("data", []))
    fields["notes"] = _items(fields.get("notes", []))
    fields["categories"] = _items(fields.get("categories", []))
    via = fields.get("collected_via", [])
    fields["collected_via"] = _items([via] if isinstance(via, str | dict) else via)
    for name in ("obligation", "retention"):
        if isinstance(fields.get(name), list):
            fields[name] = _items(fields[name])
    return PurposeRecord(**fields)


@cache
def purpose_data() -> PurposeData:
    with (data_dir() / "purposes.yaml").open(encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=_SafeLoader)
    return PurposeData(
        purposes=tuple(_record(r) for r in raw["purposes"]),
        polish_statutes=frozenset(raw["polish_statutes"]),
        consent_laws={k: (v[0], v[1]) for k, v in raw["consent_laws"].items()},
        retention_by_basis=raw["retention_by_basis"],
        infrastructure=frozenset(raw["infrastructure"]),
    )


def builtin_purpose_ids() -> tuple[str, ...]:
    return purpose_data().ids
