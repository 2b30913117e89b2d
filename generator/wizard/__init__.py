"""``policygen wizard``: plain-language questions in the terminal that write a valid answers file.

A front door like the CLI: it calls only the core API (``load_answers``, ``build_policy``,
``render``), and the core never imports it. The interview itself (``questions.py``, ``flow.py``,
``choices.py``) imports no prompt library, so another front end can reuse it; the terminal
(``app``, ``sections``, ``prompts``) is imported only when ``main`` or ``run`` is used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["main", "run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
