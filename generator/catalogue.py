"""The service catalogue: one reviewed YAML file per third-party service in ``data/services``.

Entries are validated with the same model (and the same located errors) as custom services in
answers files, plus the cheap catalogue-only rules of ``catalogue_rules.runtime_problems`` (every
cookie row has a source). The rules that read the Open Cookie Database run in
``tools/validate_services.py`` and the tests, not here. A broken entry is a bug in policygen, so it
raises a plain RuntimeError.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from .catalogue_rules import runtime_problems
from .errors import AnswersError
from .languages import SOURCE
from .loader import load_model
from .resources import data_dir
from .servicedef import ServiceDef


def services_dir() -> Path:
    return data_dir() / "services"


@cache
def catalogue() -> dict[str, ServiceDef]:
    """All catalogue entries by id, sorted by id."""
    entries: dict[str, ServiceDef] = {}
    for path in sorted(services_dir().glob("*.yaml")):
        try:
            service = load_model(path, ServiceDef, SOURCE, {"adequacy": adequacy_countries()}, check=runtime_problems)
        except AnswersError as exc:
            raise RuntimeError(f"broken catalogue entry:\n{exc}") from None
        if service.id != path.stem:
            raise RuntimeError(f"{path}: id {service.id!r} differs from the file name")
        entries[service.id] = service
    return entries


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
    data = yaml.safe_load((data_dir() / "adequacy.yaml").read_text(encoding="utf-8"))
    return frozenset(data["countries"])


@cache
def authorities() -> dict[str, dict[str, object]]:
    return dict(yaml.safe_load((data_dir() / "authorities.yaml").read_text(encoding="utf-8")))
