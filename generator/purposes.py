"""The built-in purposes as declarative records, read from ``data/purposes.yaml``.

The file is package data written by us, so it is read with PyYAML's fast loader and checked by a
unit test (tests/test_purposes.py), not by the located loader for user files. Its format is
described at the top of the file itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from .resources import data_dir

try:  # the C loader when PyYAML was built with libyaml
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader


@dataclass(frozen=True)
class Item:
    """A data category or a note, listed only when its condition holds; in a list of retention
    alternatives, ``id`` may be a period spec (``{"period": {...}}``) instead of a rule id."""

    id: Any
    when: str | None = None


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
    categories: tuple[str, ...] = ()
    services_of: str | None = None
    notes: tuple[Item, ...] = ()
    profiling: bool | str = False
    last: bool = False


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

    def purpose_of_category(self, category: str) -> tuple[str, ...]:
        """The purposes that services of ``category`` serve (none for infrastructure)."""
        return tuple(r.id for r in self.purposes if category in r.categories)


def _items(values: list[Any]) -> tuple[Item, ...]:
    return tuple(Item(v) if isinstance(v, str) else Item(_item_id(v), v.get("when")) for v in values)


def _item_id(value: dict[str, Any]) -> Any:
    return value["id"] if "id" in value else {k: v for k, v in value.items() if k != "when"}


def _record(raw: dict[str, Any]) -> PurposeRecord:
    fields = dict(raw)
    fields["data"] = _items(fields.get("data", []))
    fields["notes"] = _items(fields.get("notes", []))
    fields["categories"] = tuple(fields.get("categories", ()))
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
