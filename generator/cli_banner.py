"""``policygen banner ANSWERS… [--out DIR]``: the consent banner for a site, from the same answers
as its policy. Adds only user interface to the build step and the banner's core
(``banner.py``, ``banner_files.py``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cliargs import subcommand
from .errors import UsageError
from .i18n import N_, gettext_for

DEFAULT_BASE_URL = "/cookieconsent/"
DEFAULT_POLICY_URL = "/{lang}/privacy.html"
MSG_WROTE = N_("wrote %(path)s")
MSG_CANNOT_WRITE = N_("cannot write %(path)s: %(reason)s")
MSG_TWO_NAMES = N_("%(first)s and %(second)s would both be written to %(path)s; rename one of them")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subcommand(sub, "banner", "write a consent banner (CookieConsent 3) configured from answers files")
    p.add_argument("answers", nargs="+", metavar="ANSWERS", help="answers files")
    p.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out)")
    p.add_argument(
        "--policy-url",
        default=DEFAULT_POLICY_URL,
        help=f"the policy's address, {{lang}} for the language (default: {DEFAULT_POLICY_URL})",
    )
    p.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help=f"where the site serves the banner's files (default: {DEFAULT_BASE_URL})",
    )
    p.add_argument(
        "--ignore-check-errors", action="store_true", help="write the banner even when `policygen check` finds errors"
    )


def run(args: argparse.Namespace, ui: str) -> int:
    """Every answers file is built and its banner made in memory first; then each file's banner
    is written to OUT/<name>/banner/, each file atomically. Nothing is written when any fails."""
    from .api import load_answers
    from .banner_files import BannerOptions, files, policy_urls, require_banner_tool
    from .build import BuildOptions, build
    from .output import PartlyWritten, write_all
    from .safeio import OutsideOutput, output_path

    paths = [Path(a) for a in args.answers]
    made: dict[Path, tuple[Path, str]] = {}
    for path in paths:
        require_banner_tool(load_answers(path, ui), path, ui)
        built = build(path, BuildOptions(formats=(), ui_lang=ui, ignore_check_errors=args.ignore_check_errors))
        options = BannerOptions(policy_urls(args.policy_url, tuple(built.documents)), args.base_url)
        for name, data in files(built, options).items():
            try:
                target = output_path(args.out, f"{path.stem}/banner/{name}")
            except OutsideOutput:
                raise UsageError(
                    gettext_for(ui, MSG_CANNOT_WRITE) % {"path": args.out / path.stem, "reason": "outside --out"}
                ) from None
            if target in made:
                first = made[target][0]
                raise UsageError(gettext_for(ui, MSG_TWO_NAMES) % {"first": first, "second": path, "path": target})
            made[target] = (path, data)
    try:
        write_all([(target, data) for target, (_, data) in made.items()])
    except PartlyWritten as exc:
        raise UsageError(gettext_for(ui, MSG_CANNOT_WRITE) % {"path": args.out, "reason": exc}) from None
    except OSError as exc:
        where = exc.filename or args.out
        raise UsageError(gettext_for(ui, MSG_CANNOT_WRITE) % {"path": where, "reason": exc.strerror or exc}) from None
    for target in made:
        print(gettext_for(ui, MSG_WROTE) % {"path": target}, file=sys.stderr)
    return 0
