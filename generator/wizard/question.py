"""One question of the wizard's interview, and how the items of a list are asked (types only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Q:
    """One question.

    ``kind``: ``text``, ``int``, ``texts`` (a text per output language), ``confirm`` (yes/no),
    ``presence`` (yes/no: whether the group below it exists), ``select`` (one choice), ``checkbox``
    (several), ``form`` (which one of a group's alternative fields is used) or ``entries`` (which
    entries a mapping has, ticked among its choices).
    ``choices``: catalogue categories whose services are offered, or the name of a choice source
    of ``flow.py``; without it, the labels of the field's closed vocabulary (``labels.py``).
    ``default``: used while the field has no answer: a value, or ``"=expression"``; None: the
    model field's own default.
    """

    path: str
    message: str
    help: str
    kind: str = "text"
    optional: bool = False  # an empty answer (or "no" to a confirm) leaves the key out
    when: str | None = None
    choices: str | tuple[str, ...] | None = None
    default: Any = None
    upper: bool = False  # the answer is written in capitals (country codes)


@dataclass(frozen=True)
class Items:
    """How a front end asks for the items of a list (each message is a yes/no question).

    ``first`` is asked before the first item (without it the first item is always asked),
    ``another`` before each further one, ``keep`` before each item already in the answers (with
    its ``%(name)s``; "no" removes that item). Without ``keep``, an item already there is offered
    with ``first``/``another`` defaulting to yes, and "no" drops it and every item after it.
    """

    another: str
    first: str | None = None
    keep: str | None = None
    keep_empty: bool = False  # an empty list stays in the answers: [] states "none"
    numbered: bool = False  # questions show the item's number when there are several
