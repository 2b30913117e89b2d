"""The Open Cookie Database: cookie names, platforms, domains, lifetimes and purposes (Apache-2.0).

A copy of the community database ships in ``data/open-cookie-database/`` unmodified, with its
licence; the repository's NOTICE says where it comes from. Catalogue entries cite a row as
``ocd:<ID>`` when the vendor's own page does not describe a cookie. The file is read only when a
function here is first called (the catalogue validation, ``tools/ocd_lookup.py``, a site scanner),
never at import and never on a normal build.

A row whose "Wildcard match" column is 1 names a prefix: ``_ga_`` matches ``_ga_ABC123``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .resources import data_dir

#: The prefix of a cookie source that cites an Open Cookie Database row: ``ocd:<ID>``.
OCD_PREFIX = "ocd:"

#: The upstream repository and the commit the copy was taken from (also in NOTICE).
REPOSITORY = "https://github.com/jkwakman/Open-Cookie-Database"
COMMIT = "0ee5a17fe1cb002943f89370d24fc26a4226061c"
#: The file at that commit: what an entry's ``sources`` cite for facts taken from the database as a
#: whole (e.g. hosts from its Domain column).
SOURCE_URL = f"{REPOSITORY}/blob/{COMMIT}/open-cookie-database.csv"


def database_path() -> Path:
    return data_dir() / "open-cookie-database" / "open-cookie-database.csv"


@dataclass(frozen=True)
class OcdRow:
    """One row of the database (the columns as published; text fields stripped of spaces)."""

    id: str
    platform: str
    category: str
    name: str
    domain: str
    description: str
    retention: str
    controller: str
    privacy_portal: str
    wildcard: bool

    def matches(self, cookie_name: str) -> bool:
        """Whether this row describes ``cookie_name``: the same name, or a prefix of it for a wildcard row.

        A catalogue name with a placeholder (``_ga_<container-id>``) matches a wildcard row for its
        literal start (``_ga_``); it never matches a row without the wildcard."""
        name = cookie_name.strip()
        if self.wildcard:
            return bool(self.name) and name.startswith(self.name)
        return name == self.name


@cache
def rows() -> tuple[OcdRow, ...]:
    """Every row, in file order (read once, on first use)."""
    with database_path().open(encoding="utf-8", newline="") as fh:
        return tuple(
            OcdRow(
                id=row["ID"].strip(),
                platform=row["Platform"].strip(),
                category=row["Category"].strip(),
                name=row["Cookie / Data Key name"].strip(),
                domain=row["Domain"].strip(),
                description=row["Description"].strip(),
                retention=row["Retention period"].strip(),
                controller=row["Data Controller"].strip(),
                privacy_portal=row["User Privacy & GDPR Rights Portals"].strip(),
                wildcard=row["Wildcard match"].strip() == "1",
            )
            for row in csv.DictReader(fh)
        )


@cache
def _by_id() -> dict[str, OcdRow]:
    return {row.id: row for row in rows()}


def by_id(row_id: str) -> OcdRow | None:
    """The row with this ID (with or without the ``ocd:`` prefix), or None."""
    return _by_id().get(row_id.removeprefix(OCD_PREFIX).strip())


def by_name(cookie_name: str) -> list[OcdRow]:
    """Rows that describe a cookie of this name: exact names first, then wildcard prefixes, longest first."""
    found = [row for row in rows() if row.matches(cookie_name)]
    return sorted(found, key=lambda row: (row.wildcard, -len(row.name)))


def search(text: str) -> list[OcdRow]:
    """Rows whose platform, cookie name or domain contains ``text`` (case-insensitive), plus wildcard
    rows that match ``text`` as a cookie name, in file order."""
    needle = text.strip().lower()
    if not needle:
        return []
    return [
        row
        for row in rows()
        if needle in row.platform.lower()
        or needle in row.name.lower()
        or needle in row.domain.lower()
        or row.matches(text)
    ]
