"""The one wording of a retention rule, for the policy, ``check`` and ``diff`` alike.

``word_retention`` returns plain text built from the catalogs; the user's own wording (a
criterion, a custom purpose's retention) passes through ``user``, which the policy uses to escape
it for Markdown and the terminal uses to pick the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from gettext import NullTranslations

from .fields import Text
from .policy import Retention
from .wording import (
    AFTER_EVENT,
    FOR_PERIOD,
    NOT_STATED,
    ONE_TOOL,
    PER_TOOL,
    RETENTION_FIXED,
    SESSION,
    STATISTICS_MONTHS,
    TOOL_OWN_SETTING,
    TOOL_PERIOD,
    UNITS,
)


def word_period(t: NullTranslations, count: int, unit: str) -> str:
    """ "30 days", "1 month", "5 years" in the catalog's language."""
    return t.ngettext(*UNITS[unit], count) % {"num": count}


def word_lifetime(t: NullTranslations, lifetime: str) -> str:
    """A cookie lifetime as written in the catalogue: "session" or e.g. "13 months"."""
    if lifetime == "session":
        return t.gettext(SESSION)
    number, unit = lifetime.split()
    return word_period(t, int(number), unit.rstrip("s"))


def word_retention(rule: Retention, t: NullTranslations, user: Callable[[Text], str]) -> str:
    if rule.rule == "custom":
        assert rule.text is not None
        return user(rule.text)
    if rule.rule == "missing":
        return t.gettext(NOT_STATED)
    if rule.rule == "period":
        assert rule.count is not None and rule.unit is not None
        period = word_period(t, rule.count, rule.unit)
        event = FOR_PERIOD if rule.after is None else AFTER_EVENT[rule.after]
        return t.gettext(event) % {"period": period}
    if rule.rule == "statistics_months":
        assert rule.count is not None
        return t.ngettext(*STATISTICS_MONTHS, rule.count) % {"num": rule.count}
    if rule.rule == "per_tool":
        # A tool's name is the user's text (a custom service): worded through ``user`` like any other.
        if len(rule.tools) == 1 and rule.tools[0][1] is not None:
            name, kept = rule.tools[0]
            return t.gettext(ONE_TOOL) % {"tool": user(name), "period": word_lifetime(t, kept)}
        periods = "; ".join(_tool_period(t, user(name), kept) for name, kept in rule.tools)
        return t.gettext(PER_TOOL) % {"periods": periods}
    return t.gettext(RETENTION_FIXED[rule.rule])


def _tool_period(t: NullTranslations, name: str, kept: str | None) -> str:
    """ "Google Analytics 4: 14 months", or the tool's own setting when no period is known."""
    if kept is None:
        return t.gettext(TOOL_OWN_SETTING) % {"tool": name}
    return t.gettext(TOOL_PERIOD) % {"tool": name, "period": word_lifetime(t, kept)}
