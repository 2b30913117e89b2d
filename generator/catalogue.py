"""The service catalogue: one reviewed YAML file per third-party service in ``data/services``.

Entries are validated with the same model (and the same located errors) as custom services in
answers files. A broken entry is a bug in policygen, so it raises a plain RuntimeError.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .errors import AnswersError
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
            service = load_model(path, ServiceDef, "en", {"adequacy": adequacy_countries()})
        except AnswersError as exc:
            raise RuntimeError(f"broken catalogue entry:\n{exc}") from None
        if service.id != path.stem:
            raise RuntimeError(f"{path}: id {service.id!r} differs from the file name")
        entries[service.id] = service
    return entries


@cache
def adequacy_countries() -> frozenset[str]:
    data = yaml.safe_load((data_dir() / "adequacy.yaml").read_text(encoding="utf-8"))
    return frozenset(data["countries"])


@cache
def authorities() -> dict[str, dict[str, object]]:
    return dict(yaml.safe_load((data_dir() / "authorities.yaml").read_text(encoding="utf-8")))
