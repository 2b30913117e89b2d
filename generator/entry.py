"""The ``policygen`` command's entry point: answers ``--version`` before importing anything else,
so that a script asking for the version pays only the interpreter's start-up."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from . import __version__

        print(f"policygen {__version__}")
        return 0
    from .cli import main as run

    return run(args)
