"""Validate catalogue entries one file at a time: ``python tools/validate_services.py [FILE…]``.

Without arguments every file in generator/data/services is checked. Each file is validated on its
own with the same model and located errors as the catalogue loader, plus every catalogue-only rule
(``generator/catalogue_rules.py``): each cookie row has a source (a page among the entry's sources
with the cookies fact, or an Open Cookie Database row ``ocd:<ID>`` that exists and describes a cookie
of the same name), hosts are bare lowercase host names, and the address leaves out the country. One
broken entry does not hide the others. Exit code 1 when any entry is broken.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.catalogue import adequacy_countries, services_dir
from generator.catalogue_rules import entry_problems
from generator.errors import AnswersError
from generator.loader import load_model
from generator.servicedef import ServiceDef


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(services_dir().glob("*.yaml"))
    broken = 0
    for path in paths:
        try:
            service = load_model(path, ServiceDef, "en", {"adequacy": adequacy_countries()}, check=entry_problems)
        except AnswersError as exc:
            broken += 1
            print(exc, file=sys.stderr)
            continue
        if service.id != path.stem:
            broken += 1
            print(f"{path}: id {service.id!r} differs from the file name", file=sys.stderr)
    print(f"{len(paths) - broken} valid, {broken} broken", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
