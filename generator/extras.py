"""Extra outputs of ``policygen build --with NAME[,NAME…]``: more files from the same answers.

An extra output is a function from an ``ExtraInput`` (the answers, the derived policy, the
languages built and where the policy's own files go) to its files, ``{relative path: bytes}``.
The batch command writes them below ``OUT/<answers file name>/<extra name>/``, together with the
policy's outputs (all or none), and the build cache covers them: the names asked for are part
of the options' digest, and every file written is one the cache checks is still there.

The registry maps a name to ``"module:function"``, imported only when the extra is asked for, so
``build`` without ``--with`` loads none of them. ``register`` adds one from code (tests, plugins).
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .model import Answers
from .policy import Policy


@dataclass(frozen=True)
class ExtraInput:
    #: The answers file's name without its extension (the ``{name}`` of ``--layout``).
    name: str
    answers: Answers
    policy: Policy
    #: The languages the policy is built in, in order.
    langs: tuple[str, ...]
    #: Each language's policy, as a path relative to ``OUT``: its HTML page, or the file the build
    #: writes instead when it writes no page (``--format md``).
    policy_paths: dict[str, str]

    @property
    def folder(self) -> str:
        """Where the extras of this answers file go, relative to ``OUT``."""
        return self.name

    def policy_link(self, lang: str, extra: str, subfolder: str = "") -> str:
        """A relative link to the policy page in ``lang`` from ``<name>/<extra>/<subfolder>``."""
        start = posixpath.join(self.folder, extra, subfolder)
        return posixpath.relpath(self.policy_paths[lang], start)


#: What an extra output is: answers and derived facts in, ``{path relative to its folder: bytes}`` out.
Extra = Callable[[ExtraInput], dict[str, bytes]]

_REGISTRY: dict[str, str | Extra] = {
    "notices": "generator.notices:extra_outputs",
}


def names() -> tuple[str, ...]:
    """Every extra output ``--with`` accepts, sorted."""
    return tuple(sorted(_REGISTRY))


def register(name: str, extra: str | Extra) -> None:
    """Add (or replace) an extra output: a function, or ``"module:function"`` imported when used."""
    _REGISTRY[name] = extra


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def extra(name: str) -> Extra:
    entry = _REGISTRY[name]
    if callable(entry):
        return entry
    module, _, function = entry.partition(":")
    made: Extra = getattr(importlib.import_module(module), function)
    return made


def outputs(wanted: tuple[str, ...], given: ExtraInput) -> dict[str, bytes]:
    """The files of every extra in ``wanted``, by path relative to ``OUT``:
    ``<name>/<extra>/<the path the extra gave>``."""
    out: dict[str, bytes] = {}
    for ident in wanted:
        for relative, content in extra(ident)(given).items():
            out[posixpath.join(given.folder, ident, relative)] = content
    return out
