"""The ``policygen`` command's entry point: answers ``--version`` before importing anything else,
so that a script asking for the version pays only the interpreter's start-up, and ``--help`` /
``COMMAND --help`` from the help cache (``helpcache``: argparse's own text, stored the first time)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `from typing import`: nothing else is imported before --version
if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from . import __version__

        print(f"policygen {__version__}")
        return 0
    from . import helpcache

    if helpcache.answer(args):
        return 0
    from .cli import main as run

    return run(args)
