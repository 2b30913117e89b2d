"""``policygen notices ANSWERS… [--out DIR] [--lang …] [--format md,html,json] [--policy-url URL]``.

A front door: each answers file goes through the build step (validation, the ``check`` gate, the
language rules), then ``notices.files`` gives its short notices; every file of every answers file
is made before any is written, and then all are written or none, so a bad answers file (exit 2,
``file:line:column``) leaves nothing behind. Heavy modules are imported inside ``run``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .cliargs import check_formats_and_languages, csv_list, subcommand
from .errors import UsageError
from .i18n import N_, gettext_for

FORMATS = ("md", "html", "json")
#: The folder of an answers file's notices below --out: the one ``build --with notices`` uses too.
FOLDER = "{name}/notices"
#: The link to the policy without --policy-url: the page ``policygen build`` writes with its
#: default layout, seen from the notices of that language (``OUT/<name>/notices/<lang>/``).
DEFAULT_POLICY_URL = "../../{lang}/privacy.html"

MSG_WROTE = N_("wrote %(path)s")
MSG_BAD_POLICY_URL = N_(
    "bad --policy-url %(value)s: give the policy's address without spaces, quotes, angle brackets or parentheses, "
    "e.g. https://example.com/{lang}/privacy"
)
MSG_SAME_NAME = N_("%(first)s and %(second)s would both write their notices to %(path)s; rename one of them")
MSG_CANNOT_WRITE = N_("cannot write %(path)s: %(reason)s")
MSG_OUTSIDE = N_("%(file)s: the path %(path)s leads outside the output folder %(out)s; rename the answers file")
MSG_NO_FORMS = N_("%(file)s: the answers imply no form that collects personal data, so there is no notice to write")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    n = subcommand(sub, "notices", "short notices and consent checkboxes for the forms the answers imply")
    n.add_argument("answers", nargs="+", metavar="ANSWERS", help="answers files, directories or glob patterns")
    n.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out)")
    n.add_argument("--lang", type=csv_list, help="languages, e.g. pl,en (default: the answers' languages)")
    n.add_argument("--format", type=csv_list, default=list(FORMATS), help="md, html, json (default: all three)")
    n.add_argument(
        "--policy-url",
        help="the policy's address the notices link to, {lang} for the language "
        f"(default: {DEFAULT_POLICY_URL}, the page policygen build writes)",
    )


def _say(ui: str, message: str, **params: object) -> str:
    return gettext_for(ui, message) % params


def _options(args: argparse.Namespace, ui: str) -> tuple[tuple[str, ...], tuple[str, ...] | None, str]:
    """The formats, the languages (None: the answers') and the policy address, checked."""
    from .notices import POLICY_URL

    check_formats_and_languages(args.format, args.lang, FORMATS, ui)
    url = args.policy_url if args.policy_url is not None else DEFAULT_POLICY_URL
    if not POLICY_URL.fullmatch(url) or re.search(r"\{(?!lang\})", url):
        raise UsageError(_say(ui, MSG_BAD_POLICY_URL, value=args.policy_url))
    langs = tuple(dict.fromkeys(args.lang)) if args.lang else None
    return tuple(dict.fromkeys(args.format)), langs, url


def run(args: argparse.Namespace, ui: str) -> int:
    """Exit 0 when every notice was written, 2 for bad input (nothing is written then)."""
    from .batch import expand_inputs
    from .build import BuildOptions, build
    from .notices import files
    from .output import write_all
    from .safeio import OutsideOutput, output_path
    from .termtext import printable

    formats, langs, url = _options(args, ui)
    placed: dict[Path, bytes] = {}
    owner: dict[Path, Path] = {}
    for path in expand_inputs(args.answers, ui):
        built = build(path, BuildOptions(langs=langs, formats=(), ui_lang=ui))
        made = files(built.policy, tuple(built.documents), lambda lang: url.replace("{lang}", lang), formats)
        if not made:
            print(printable(_say(ui, MSG_NO_FORMS, file=path)), file=sys.stderr)
        for relative, content in made.items():
            place = f"{FOLDER.format(name=path.stem)}/{relative}"
            try:
                target = output_path(args.out, place)
            except OutsideOutput:
                raise UsageError(_say(ui, MSG_OUTSIDE, file=path, path=args.out / place, out=args.out)) from None
            if target in placed:
                raise UsageError(_say(ui, MSG_SAME_NAME, first=owner[target], second=path, path=target))
            placed[target], owner[target] = content, path
    try:
        write_all(list(placed.items()))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(_say(ui, MSG_CANNOT_WRITE, path=exc.filename or args.out, reason=reason)) from None
    for target in placed:
        print(printable(_say(ui, MSG_WROTE, path=target)))
    return 0
