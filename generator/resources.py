"""Find the templates and catalogs in a source checkout and in an installed wheel alike.

In the repository they sit beside the package (``templates/``, ``locales/``); the wheel
force-includes them inside it (``generator/templates``, ``generator/locales``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"policygen is installed without its {name}/ directory (looked beside {PACKAGE})")


def templates_dir() -> Path:
    return resource_dir("templates")


def locales_dir() -> Path:
    return resource_dir("locales")


def data_dir() -> Path:
    return PACKAGE / "data"
