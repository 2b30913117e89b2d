"""Lists joined the way a language joins them ("a, b and c" / "a, b i c"), in linear time.

Babel's ``format_list`` applies the CLDR "middle" pattern once per item to the whole text built so
far, which copies it every time: quadratic in the number of items (100,000 items took seconds).
Here each pattern of the form ``A{0}B{1}C`` is split into its literal pieces once, and the result
is assembled in one pass; it is the same text as ``format_list`` gives (a test compares them).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache

from babel import Locale
from babel.lists import format_list

Pieces = tuple[str, str, str]  # A, B, C of a pattern A{0}B{1}C


def _split(pattern: str) -> Pieces | None:
    parsed = list(string.Formatter().parse(pattern))
    fields = [field for _, field, _, _ in parsed if field is not None]
    if fields != ["0", "1"] or any(spec or conversion for _, field, spec, conversion in parsed if field):
        return None
    before = parsed[0][0]
    between = parsed[1][0]
    after = parsed[2][0] if len(parsed) > 2 else ""
    return before, between, after


@cache
def _patterns(locale: str, style: str) -> tuple[Pieces, Pieces, Pieces] | None:
    """The start, middle and end patterns of ``style`` in ``locale``, split; None for a shape this
    module does not know (then Babel joins)."""
    try:
        from babel.lists import _resolve_list_style  # the style fallbacks format_list itself uses

        patterns = _resolve_list_style(Locale.parse(locale), style)
        split = tuple(_split(patterns[key]) for key in ("start", "middle", "end"))
    except (ImportError, ValueError, KeyError, TypeError):
        return None
    if any(pieces is None for pieces in split):
        return None
    return split  # type: ignore[return-value]


def join_items(items: Sequence[str], style: str, locale: str) -> str:
    """``babel.lists.format_list(items, style, locale)`` in one pass."""
    patterns = _patterns(locale, style) if len(items) > 2 else None
    if patterns is None:
        return format_list(list(items), style=style, locale=locale)
    start, middle, end = patterns
    parts = [end[0], middle[0] * (len(items) - 3), start[0], items[0], start[1], items[1], start[2]]
    for item in items[2:-1]:
        parts += (middle[1], item, middle[2])
    parts += (end[1], items[-1], end[2])
    return "".join(parts)


@cache
def conjunction(locale: str) -> str:
    """What joins two items in ``locale``: " i ", " and ", " und " (the CLDR pattern for two)."""
    try:
        from babel.lists import _resolve_list_style

        pieces = _split(_resolve_list_style(Locale.parse(locale), "standard")["2"])
    except (ImportError, ValueError, KeyError, TypeError):
        pieces = None
    if pieces is not None:
        return pieces[1]
    pair = format_list(["\x00", "\x01"], style="standard", locale=locale)
    return pair[pair.index("\x00") + 1 : pair.index("\x01")]
