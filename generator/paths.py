"""Where a build's outputs go (the layout below ``--out``) and what an overlay folder hashes to.

Light on purpose: the batch command's parent process uses it to decide which files are unchanged
without importing the rendering engine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .safeio import overlay_digest

DEFAULT_LAYOUT = "{name}/{lang}/privacy.{ext}"
EXTENSIONS = {"md": "md", "html": "html", "fragment": "fragment.html"}


def tree_digest(directory: Path | None) -> str:
    """A hash of every file under an overlay directory (names and bytes); "" for no overlay.

    An overlay file that could not be used (not a regular file inside the overlay, too large) is
    an ``InputFileError`` (``safeio.overlay_digest``)."""
    if directory is None:
        return ""
    if not directory.is_dir():
        return hashlib.sha256(b"overlay\0").hexdigest() + "-missing"
    return overlay_digest(directory)
