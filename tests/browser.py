"""The layout tests' browser: one headless Chromium (``generator/chromium.py``, the DevTools
protocol over a pipe, standard library only) with one tab, reaching no host at all: every host
name resolves to nothing (``--host-resolver-rules``), so a page that asks for web fonts or scripts
elsewhere only gets an error, and the background services that would phone home are switched off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.chromium import BrowserError, Chromium, find_chromium

__all__ = ["Browser", "BrowserError", "find_chromium"]


class Browser:
    """One Chromium process with one tab; ``open`` loads a page at a viewport size."""

    def __init__(self, executable: str) -> None:
        self._chromium = Chromium(executable, resolver_rules="MAP * ~NOTFOUND")
        self._tab = self._chromium.tab(fresh=False)

    def open(self, url: str, width: int, height: int = 900) -> None:
        """Load ``url`` in a viewport ``width`` CSS pixels wide and wait for its load event."""
        self._tab.viewport(width, height)
        self._tab.navigate(url)

    def evaluate(self, expression: str) -> Any:
        return self._tab.evaluate(expression)

    def screenshot(self, path: Path) -> None:
        self._tab.screenshot(path)

    def close(self) -> None:
        self._chromium.close()
