"""One slug rule for every renderer (markdown-it here, Python-Markdown in MkDocs).

Python-Markdown's default slugify drops "ł"/"Ł" (no NFKD decomposition); this one transliterates
them first, then strips the remaining diacritics.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


def slugify(value: str) -> str:
    text = unicodedata.normalize("NFKD", value.translate(_SPECIAL))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "section"


def toc_slugify(value: str, separator: str) -> str:
    """Signature of Python-Markdown's ``toc`` extension ``slugify`` option."""
    return slugify(value).replace("-", separator)


# -- GitHub's heading anchors (the ``gfm`` Markdown flavour) ----------------------------------------

#: General categories whose characters GitHub's slugger deletes (github-slugger 2, generated from
#: Unicode's categories): other numbers, punctuation other than connectors (``_`` stays; of the
#: dashes only ``-`` stays), symbols, controls, format and private-use characters, unassigned code
#: points, and separators other than the plain space (which becomes ``-``). Letters, marks, decimal
#: and letter numbers stay.
_DELETED_CATEGORIES = frozenset(
    {"No", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp"}
)
#: Symbols that are also Alphabetic (Other_Alphabetic): the slugger keeps them (circled and squared
#: Latin letters).
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _kept(ch: str) -> bool:
    if ch in " -":
        return True
    if unicodedata.category(ch) not in _DELETED_CATEGORIES:
        return True
    return any(low <= ord(ch) <= high for low, high in _ALPHABETIC_SYMBOLS)


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading whose text is ``text``, before duplicates are numbered:
    lower case, characters other than letters, marks, numbers, ``_``, ``-`` and spaces deleted,
    each space made a ``-`` (nothing trimmed or collapsed)."""
    return "".join(ch for ch in text.lower() if _kept(ch)).replace(" ", "-")


class GithubSlugger:
    """Anchors of one page's headings, in order: a repeated anchor gets ``-1``, ``-2``, … (the first
    number not taken), as GitHub numbers them."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = result = github_slug(text)
        while result in self._seen:
            self._seen[base] += 1
            result = f"{base}-{self._seen[base]}"
        self._seen[result] = 0
        return result
