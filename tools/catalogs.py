"""Extract message ids and merge them into every language's catalogs.

``python tools/catalogs.py update`` (run from the repository root after changing templates,
``generator/wording.py`` or any message) re-extracts ``locales/policy.pot`` (the policy's own
text: clause templates and legal vocabulary, configured in ``babel.cfg``) and
``locales/messages.pot`` (the interface, ``babel-messages.cfg``), then updates each
``locales/<lang>/LC_MESSAGES/<domain>.po``. The tests call ``extract`` to check that the
committed templates are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = {"policy": "babel.cfg", "messages": "babel-messages.cfg"}
OPTIONS = ["-k", "N_", "-k", "_N", "-k", "N_plural:1,2", "--no-location", "--omit-header", "--sort-output", "--no-wrap"]


def extract(domain: str, output: Path) -> None:
    """Extract ``domain``'s message ids from the source tree into ``output`` (a .pot file)."""
    args = ["pybabel", "-q", "extract", "-F", str(ROOT / DOMAINS[domain]), *OPTIONS, "-o", str(output), str(ROOT)]
    CommandLineInterface().run(args)


def update() -> None:
    for domain in DOMAINS:
        pot = ROOT / "locales" / f"{domain}.pot"
        extract(domain, pot)
        for po in sorted((ROOT / "locales").glob(f"*/LC_MESSAGES/{domain}.po")):
            lang = po.parent.parent.name
            CommandLineInterface().run(
                [
                    "pybabel", "-q", "update", "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap",
                    "-D", domain, "-i", str(pot), "-d", str(ROOT / "locales"), "-l", lang,
                ]
            )  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:] != ["update"]:
        sys.exit("usage: python tools/catalogs.py update")
    update()
