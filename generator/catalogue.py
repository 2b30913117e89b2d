"""The service catalogue: one reviewed YAML file per third-party service in ``data/services``.

Entries are validated with the same model (and the same located errors) as custom services in
answers files, plus the cheap catalogue-only rules of ``catalogue_rules.runtime_problems`` (every
cookie row has a source). The rules that read the Open Cookie Database run in
``tools/validate_services.py`` and the tests, not here. A broken entry is a bug in policygen, so it
raises a plain RuntimeError.

A build reads only the entries its answers file uses (``entry``), with the C YAML parser and no
marks: the package's own files are trusted, so the located loader runs only when an entry fails
(to say where). Start-up therefore does not grow with the catalogue (a directory listing aside);
``catalogue()`` still reads every entry, for the wizard, ``policygen services`` and the tests, which
check that both ways give the same entries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .catalogue_rules import runtime_problems
from .errors import AnswersError
from .languages import SOURCE
from .loader import load_model, without_dates
from .resources import data_dir
from .servicedef import ServiceDef


def services_dir() -> Path:
    return data_dir() / "services"


@cache
def catalogue() -> dict[str, ServiceDef]:
    """All catalogue entries by id, sorted by id (read with the located loader)."""
    return {sid: _located_entry(services_dir() / f"{sid}.yaml") for sid in sorted(entry_ids())}


@cache
def entry_ids() -> frozenset[str]:
    """The ids of the catalogue: its file names, without reading a file."""
    return frozenset(name[:-5] for name in os.listdir(services_dir()) if name.endswith(".yaml") and name[:-5])


@cache
def entry(sid: str) -> ServiceDef:
    """One catalogue entry (``KeyError`` when there is none), read on first use."""
    if sid not in entry_ids():
        raise KeyError(sid)
    path = services_dir() / f"{sid}.yaml"
    return _fast_entry(path) or _located_entry(path)


def categories() -> Mapping[str, str]:
    """Each entry's category by id; an entry is read only when its category is asked for."""
    return _Categories()


class _Categories(Mapping[str, str]):
    def __getitem__(self, sid: str) -> str:
        return entry(sid).category

    def __contains__(self, sid: object) -> bool:
        return sid in entry_ids()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(entry_ids()))

    def __len__(self) -> int:
        return len(entry_ids())


#: PyYAML's C parser (its pure-Python twin when PyYAML was built without libyaml).
_C_SAFE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@without_dates
class _TrustedLoader(_C_SAFE):  # type: ignore[misc,valid-type]
    """The C parser with the located loader's rules: no implicit dates (pydantic parses them)."""


def _fast_entry(path: Path) -> ServiceDef | None:
    """The entry read without marks, or None when anything is wrong (the located loader says what)."""
    try:
        data: Any = yaml.load(path.read_bytes(), Loader=_TrustedLoader)
        service = ServiceDef.model_validate(data, context={"adequacy": adequacy_countries()})
    except (OSError, yaml.YAMLError, ValidationError):
        return None
    if service.id != path.stem or runtime_problems(service):
        return None
    return service


def _located_entry(path: Path) -> ServiceDef:
    try:
        service = load_model(path, ServiceDef, SOURCE, {"adequacy": adequacy_countries()}, check=runtime_problems)
    except AnswersError as exc:
        raise RuntimeError(f"broken catalogue entry:\n{exc}") from None
    if service.id != path.stem:
        raise RuntimeError(f"{path}: id {service.id!r} differs from the file name")
    return service


#: How old a check may be before ``policygen services --check`` warns about it.
DEFAULT_MAX_AGE_DAYS = 365


def stale_sources(max_age_days: int = DEFAULT_MAX_AGE_DAYS, today: date | None = None) -> list[tuple[str, str, date]]:
    """(service id, source url, check date) for every source checked longer ago than ``max_age_days``."""
    limit = (today or date.today()) - timedelta(days=max_age_days)
    return [
        (service.id, source.url, source.checked)
        for service in catalogue().values()
        for source in service.sources
        if source.checked < limit
    ]


@cache
def adequacy_countries() -> frozenset[str]:
    data = yaml.load((data_dir() / "adequacy.yaml").read_bytes(), Loader=_C_SAFE)
    return frozenset(data["countries"])


@cache
def authorities() -> dict[str, dict[str, object]]:
    return dict(yaml.load((data_dir() / "authorities.yaml").read_bytes(), Loader=_C_SAFE))
