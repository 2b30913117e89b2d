"""``policygen scan URL|DIR --answers FILE``: check a live site (or a built folder) against the
answers in headless Chromium. The work is done by ``scanreport.run``; this adds the options, the
progress lines on standard error and the report on standard output.

Exit codes: 0 no errors found, 2 errors found or unusable input (bad answers, no Chromium).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cliargs import subcommand
from .errors import UsageError
from .i18n import N_, gettext_for

MSG_BAD_MAX_PAGES = N_("bad --max-pages %(value)s: give a whole number of 1 or more")


def _max_pages(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(value)
    return number


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = subcommand(sub, "scan", "check a site in headless Chromium against the answers (cookies, requests)")
    s.add_argument("target", metavar="URL|DIR", help="the site's address, or a folder of built pages to serve locally")
    s.add_argument("--answers", required=True, type=Path, metavar="FILE", help="the answers file the site must match")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument(
        "--max-pages", default="10", metavar="N", help="pages to open: the start page and same-site links (default 10)"
    )
    s.add_argument("--accept", action="append", default=[], metavar="SELECTOR", help="CSS selector of 'accept all'")
    s.add_argument("--reject", action="append", default=[], metavar="SELECTOR", help="CSS selector of 'reject all'")
    s.add_argument(
        "--offline",
        action="store_true",
        help="answer requests to other sites with an empty response instead of sending them (they are still reported)",
    )


def run(args: argparse.Namespace, ui: str) -> int:
    from . import scan, scanreport

    try:
        max_pages = _max_pages(args.max_pages)
    except argparse.ArgumentTypeError:
        raise UsageError(gettext_for(ui, MSG_BAD_MAX_PAGES) % {"value": args.max_pages}) from None
    options = scan.Options(
        max_pages=max_pages, accept=tuple(args.accept), reject=tuple(args.reject), offline=args.offline
    )

    def progress(number: int, url: str) -> None:
        print(scanreport.progress_line(ui, number, max_pages, url), file=sys.stderr, flush=True)

    report = scanreport.run(args.target, args.answers, options, ui, progress)
    out = scanreport.to_json(report, ui) if args.format == "json" else scanreport.text(report, ui)
    sys.stdout.write(out)
    return report.exit_code
