"""Validate catalogue entries one file at a time: ``python tools/validate_services.py [FILE…]``.

Without arguments every file in generator/data/services is checked. Each file is validated on its
own with the same model and located errors as the catalogue loader, so one broken entry does not
hide the others. Exit code 1 when any entry is broken.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.catalogue import adequacy_countries, services_dir
from generator.errors import AnswersError
from generator.loader import load_model
from generator.servicedef import ServiceDef


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(services_dir().glob("*.yaml"))
    broken = 0
    for path in paths:
        try:
            service = load_model(path, ServiceDef, "en", {"adequacy": adequacy_countries()})
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
