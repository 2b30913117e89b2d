"""Print Open Cookie Database rows, to cite them in catalogue entries as ``source: ocd:<ID>``.

    python tools/ocd_lookup.py hotjar            # rows whose platform, cookie name or domain contains it
    python tools/ocd_lookup.py --name _ga_ABC1   # rows that describe exactly this cookie name
                                                 # (wildcard rows, marked *, match by prefix)

Several words are looked up one after another. Exit code 1 when nothing matches.
"""

from __future__ import annotations

import argparse
import sys

from generator import cookiedb


def _show(row: cookiedb.OcdRow) -> str:
    name = f"{row.name}*" if row.wildcard else row.name
    where = f", domain {row.domain}" if row.domain else ""
    return (
        f"ocd:{row.id}\n"
        f"    {row.platform} | {row.category} | {name} | {row.retention or '?'}{where}\n"
        f"    {row.description}"
    )


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="ocd_lookup.py", description=__doc__.split("\n\n")[0])
    p.add_argument("words", nargs="+", metavar="TEXT", help="platform, cookie name or domain (case-insensitive)")
    p.add_argument("--name", action="store_true", help="match cookie names only, as a scanner would")
    args = p.parse_args(argv)
    found = 0
    for word in args.words:
        rows = cookiedb.by_name(word) if args.name else cookiedb.search(word)
        found += len(rows)
        for row in rows:
            print(_show(row))
    print(f"{found} row(s); Open Cookie Database {cookiedb.COMMIT[:12]} (Apache-2.0)", file=sys.stderr)
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
