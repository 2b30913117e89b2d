"""``policygen register ANSWERS… [--out DIR] [--format xlsx,csv,md] [--lang pl,en]``: a draft record
of processing activities (Art. 30 GDPR) from the same answers files, and the same derived facts,
as the policy.

Each answers file is loaded, checked and laid out completely in memory, then its files are written
all or none (``output.write_all``) below ``--out``: ``<name>/<lang>/register.xlsx``,
``register.md``, ``register-controller.csv`` and, for a processor, ``register-processor.csv``. A
file that fails (invalid answers, ``check`` errors, a language it does not have) writes nothing;
the others are still written; the exit code is then 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cliargs import check_formats_and_languages, csv_list, subcommand
from .i18n import N_

FORMATS = ("xlsx", "csv", "md")
MSG_REGISTER_SUMMARY = N_("records written: %(written)s, failed: %(failed)s")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = subcommand(sub, "register", "a draft record of processing activities (Art. 30 GDPR): XLSX, CSV, Markdown")
    r.add_argument("answers", nargs="+", metavar="ANSWERS", help="answers files, directories or glob patterns")
    r.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out)")
    r.add_argument("--format", type=csv_list, default=list(FORMATS), help="xlsx, csv, md (default: all three)")
    r.add_argument(
        "--lang", type=csv_list, help="languages of the record, e.g. pl,en (default: the answers' languages)"
    )
    r.add_argument(
        "--ignore-check-errors", action="store_true", help="write the record even when `policygen check` finds errors"
    )


def run(args: argparse.Namespace, ui: str) -> int:
    """Exit 0 when every file's record was written, 2 when any failed."""
    from .batch import MSG_CANNOT_WRITE, MSG_PARTLY_WRITTEN, expand_inputs
    from .build import MSG_OUTSIDE_OUT
    from .cli import MSG_WROTE
    from .errors import PolicygenError
    from .i18n import gettext_for
    from .output import PartlyWritten, write_all
    from .register import register_outputs
    from .safeio import OutsideOutput, output_path
    from .termtext import printable, printable_lines

    formats, langs = _options(args, ui)
    written = failed = 0
    for path in expand_inputs(args.answers, ui):
        try:
            files = register_outputs(path, formats, langs, ui, args.ignore_check_errors)
            targets = [(output_path(args.out, relative), data) for relative, data in files.items()]
        except OutsideOutput as exc:
            failed += 1
            text = gettext_for(ui, MSG_OUTSIDE_OUT) % {"file": path, "path": args.out / str(exc), "out": args.out}
            print(printable_lines(text), file=sys.stderr)
            continue
        except PolicygenError as exc:
            failed += 1
            print(printable_lines(str(exc)), file=sys.stderr)
            continue
        try:
            write_all(targets)
        except PartlyWritten as exc:
            failed += 1
            done = ", ".join(str(p) for p in exc.written)
            params = {"file": path, "path": exc.filename, "reason": exc.strerror or str(exc), "written": done}
            print(printable_lines(gettext_for(ui, MSG_PARTLY_WRITTEN) % params), file=sys.stderr)
            continue
        except OSError as exc:
            failed += 1
            reason = exc.strerror or str(exc)
            text = gettext_for(ui, MSG_CANNOT_WRITE) % {"file": path, "path": exc.filename, "reason": reason}
            print(printable_lines(text), file=sys.stderr)
            continue
        written += 1
        for target, _ in targets:
            print(printable(gettext_for(ui, MSG_WROTE) % {"path": target}))
    print(gettext_for(ui, MSG_REGISTER_SUMMARY) % {"written": written, "failed": failed}, file=sys.stderr)
    return 2 if failed else 0


def _options(args: argparse.Namespace, ui: str) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    check_formats_and_languages(args.format, args.lang, FORMATS, ui)
    langs = tuple(dict.fromkeys(args.lang)) if args.lang else None
    return tuple(dict.fromkeys(args.format)), langs
