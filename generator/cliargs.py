"""What the commands' arguments share: a subcommand's parser with ``--ui-lang``, comma-separated
lists, and the check of --format and --lang against what a command can make (one wording of the
errors for every command)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .errors import UsageError
from .i18n import N_, gettext_for
from .languages import interface_codes

MSG_NO_FORMAT = N_("%(option)s is empty; choose from: %(choices)s")
MSG_BAD_LANG = N_("unknown language %(value)s; choose from: %(choices)s")
MSG_BAD_FORMAT = N_("unknown format %(value)s; choose from: %(choices)s")


def subcommand(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str, ui_help: str | None = None
) -> argparse.ArgumentParser:
    """A subcommand that also takes ``--ui-lang`` after its name (hidden unless ``ui_help`` is given:
    the main help shows it)."""
    command: argparse.ArgumentParser = sub.add_parser(name, help=help)
    shown = ui_help if ui_help is not None else argparse.SUPPRESS
    command.add_argument("--ui-lang", choices=interface_codes(), default=argparse.SUPPRESS, help=shown)
    return command


def csv_list(value: str) -> list[str]:
    """A comma-separated option value as a list, spaces and empty parts dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


def check_formats_and_languages(
    formats: Sequence[str] | None, langs: Sequence[str] | None, allowed: Sequence[str], ui: str
) -> None:
    """``--format`` values among ``allowed`` and ``--lang`` values among the policy languages; an
    option given but empty (``--format ''``) would make nothing and still say it succeeded."""
    from .i18n import available_languages

    known = available_languages()
    for option, given, choices, message in (
        ("--format", formats, allowed, MSG_BAD_FORMAT),
        ("--lang", langs, known, MSG_BAD_LANG),
    ):
        if given is not None and not given:
            raise UsageError(gettext_for(ui, MSG_NO_FORMAT) % {"option": option, "choices": ", ".join(choices)})
        for value in given or ():
            if value not in choices:
                raise UsageError(gettext_for(ui, message) % {"value": value, "choices": ", ".join(choices)})
