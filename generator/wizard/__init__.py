"""``policygen wizard``: plain-language questions in the terminal that write a valid answers file.

A front door like the CLI: it calls only the core API (``load_answers``, ``build_policy``,
``render``), and the core never imports it.
"""

from __future__ import annotations

from .app import main, run

__all__ = ["main", "run"]
