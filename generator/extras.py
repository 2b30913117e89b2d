"""Extra outputs of ``policygen build --with NAME[,NAME…]``: more files from the same answers.

An extra output is a function from an ``ExtraInput`` (the answers, the derived policy, the
languages built and where the policy's own files go) to its files, ``{relative path: bytes}``,
the paths relative to ``OUT/<answers file name>/`` (by convention in a folder named after the
extra, as ``notices/<lang>/…``, or where its own command puts them, as ``<lang>/register.xlsx``).
The batch command writes them together with the policy's outputs (all or none), and the build
cache covers them: the names asked for are part of the options' digest, and every file written is
one the cache checks is still there.

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

    def policy_link(self, lang: str, folder: str = "") -> str:
        """A relative link to the policy page in ``lang`` from ``folder`` (relative to ``OUT/<name>/``,
        where the extra's files go)."""
        return posixpath.relpath(self.policy_paths[lang], posixpath.join(self.folder, folder))


#: What an extra output is: answers and derived facts in, ``{path relative to OUT/<name>/: bytes}`` out.
Extra = Callable[[ExtraInput], dict[str, bytes]]


def register_outputs(given: ExtraInput) -> dict[str, bytes]:
    """The record of processing activities (register.py) in every format, where ``policygen register``
    writes it: ``<lang>/register.xlsx``, ``register.md``, ``register-<sheet>.csv``."""
    from .register import register_files

    made = register_files(given.policy, given.langs, name=given.name)
    return {path.removeprefix(f"{given.name}/"): data for path, data in made.items()}


_REGISTRY: dict[str, str | Extra] = {
    "notices": "generator.notices:extra_outputs",
    "register": register_outputs,
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
    """The files of every extra in ``wanted``, by path relative to ``OUT``: ``<name>/<the path the
    extra gave>``. Two extras that give the same path are a bug of theirs (ValueError)."""
    out: dict[str, bytes] = {}
    for ident in wanted:
        for relative, content in extra(ident)(given).items():
            path = posixpath.join(given.folder, relative)
            if path in out:
                raise ValueError(f"extra output {ident!r} writes {path}, which another extra writes too")
            out[path] = content
    return out
