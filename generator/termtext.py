"""Text that is safe to print on a terminal.

Anything policygen prints may carry text from the user's files: values, keys, file names. A
control character in it could move the cursor, retitle the window or rewrite a line already
printed (``\\r``, ``ESC [1A``), so every such character is shown as a visible escape instead:
C0 controls (tab excepted), DEL, C1 controls, and the Unicode line and paragraph separators and
bidirectional controls, which can reorder or split what is shown.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e", "\x07": "\\a", "\x08": "\\b", "\x00": "\\0"}
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NO_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` as one terminal line: every control character (newlines too) made visible."""
    return _CONTROL.sub(_shown, text)


def printable_lines(text: str) -> str:
    """Like ``printable``, but newlines stay: for messages made of several lines."""
    return _CONTROL_NO_NEWLINE.sub(_shown, text)
