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
