"""``policygen --help`` and ``policygen COMMAND --help`` answered from the user's cache (issue 16).

The text is always argparse's own: the first time a help is asked for, the command line is built
as usual and what argparse prints is stored (``usercache``); later, the same request prints the
stored text without importing argparse or the rest of policygen. A stored text is printed only
when its key is exactly that of the request, and the key holds everything the text depends on:

- the request itself (``--help``, or ``COMMAND --help``) and the width argparse formats for
  (``columns``: the rule of ``shutil.get_terminal_size``, which argparse uses);
- the interpreter's version and the locale variables (argparse's own words go through gettext);
- the name, size and modification time of every Python module of the package, so an edited
  ``cli.py`` or a new ``cli_<name>.py`` subcommand makes every stored help text stale.

Nothing else goes into a parser: a subcommand's options must not depend on data files or on the
environment (``--ui-lang``'s choices come from ``languages.py``; with ``POLICYGEN_LANGUAGES`` set,
which can add languages from outside the package, the cache is neither read nor written).
"""

from __future__ import annotations

import os
import sys

from . import usercache

TYPE_CHECKING = False  # not `from typing import`: this runs before anything else is imported
if TYPE_CHECKING:
    from collections.abc import Sequence

HELP_FLAGS = ("-h", "--help")
#: ``languages.LANGUAGES_PATH`` (not imported from there: that module is not cheap; a test compares).
LANGUAGES_PATH = "POLICYGEN_LANGUAGES"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_FORMAT = "policygen-help 1"
PACKAGE = os.path.dirname(os.path.abspath(__file__))


def help_request(args: Sequence[str]) -> str | None:
    """The help ``args`` ask for: ``""`` for ``--help`` alone, the command's name for
    ``COMMAND --help``; None for anything else (left to argparse as usual)."""
    if len(args) == 1 and args[0] in HELP_FLAGS:
        return ""
    if len(args) == 2 and args[1] in HELP_FLAGS and _plain_name(args[0]):
        return args[0]
    return None


def _plain_name(name: str) -> bool:
    return name[:1].isalpha() and name.isascii() and all(c.isalnum() or c in "-_" for c in name)


def columns() -> int:
    """The width argparse formats help for: ``shutil.get_terminal_size().columns`` (``COLUMNS``,
    else the width of the terminal on standard output, else 80), without importing shutil."""
    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width > 0:
        return width
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


def fingerprint(package: str = PACKAGE) -> list[str]:
    """Name, size and modification time of every Python module of ``package`` (sub-packages too)."""
    found: list[str] = []
    folders = [(package, "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir():
                    if os.path.isfile(os.path.join(entry.path, "__init__.py")):
                        folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    found.append(f"{prefix}{entry.name}\0{st.st_size}\0{st.st_mtime_ns}")
    return found


def key(request: str, package: str = PACKAGE) -> str | None:
    """Everything the help text of ``request`` depends on; None when it must not be cached."""
    if os.environ.get(LANGUAGES_PATH):
        return None
    try:
        modules = fingerprint(package)
    except OSError:
        return None
    head = [_FORMAT, sys.version, f"help {request}", f"columns {columns()}"]
    head += [f"{name}={os.environ.get(name, '')}" for name in _LOCALE_VARIABLES]
    return "\n".join([*head, *modules]) + "\n\0\n"


def _file(request: str) -> str | None:
    root = usercache.cache_folder()
    return None if root is None else os.path.join(root, "help", f"{request or 'policygen'}-{columns()}.txt")


def lookup(request: str, package: str = PACKAGE) -> str | None:
    """The stored help text of ``request`` when its key is that of now; else None."""
    place, expected = _file(request), key(request, package)
    if place is None or expected is None:
        return None
    data = usercache.read(place)
    header = expected.encode("utf-8", "surrogateescape")
    if data is None or not data.startswith(header):
        return None
    try:
        return data[len(header) :].decode("utf-8")
    except UnicodeDecodeError:
        return None


def store(request: str, text: str, package: str = PACKAGE) -> None:
    place, expected = _file(request), key(request, package)
    if place is not None and expected is not None:
        usercache.write(place, expected.encode("utf-8", "surrogateescape") + text.encode("utf-8"))


def argparse_help(args: Sequence[str]) -> str | None:
    """What argparse prints for ``args`` (a help request) before it exits; None when it does not
    exit (a command whose ``-h`` means something else). Its errors exit as usual."""
    import contextlib
    import io

    from .cli import parser

    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            parser().parse_args(list(args))
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
        return printed.getvalue()
    return None


def answer(args: Sequence[str]) -> bool:
    """Print the help ``args`` ask for, from the cache or from argparse (then stored); False when
    they ask for no help (nothing printed: the command runs as usual)."""
    request = help_request(args)
    if request is None:
        return False
    text = lookup(request)
    if text is None:
        text = argparse_help(args)
        if text is None:
            return False
        store(request, text)
    try:  # noqa: SIM105 (contextlib is not imported here) -- as argparse prints it (_print_message)
        sys.stdout.write(text)
    except (AttributeError, OSError):
        pass
    return True
