"""The lines ``policygen check`` ends its text output with: one per file and a total.

Counts are worded with the interface language's plural forms (``ngettext``): "1 error, 2 warnings",
"1 błąd, 2 ostrzeżenia", "5 błędów, 0 ostrzeżeń".
"""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import N_, N_plural, translations
from .termtext import printable

ERRORS = N_plural("%(num)d error", "%(num)d errors")
WARNINGS = N_plural("%(num)d warning", "%(num)d warnings")
INVALID = N_plural("%(num)d invalid file", "%(num)d invalid files")
CHECKED = N_plural("checked %(num)d file", "checked %(num)d files")
MSG_NO_FINDINGS = N_("%(file)s: no findings")
MSG_COUNTS = N_("%(file)s: %(counts)s")
MSG_INVALID = N_("%(file)s: not checked, the answers file is invalid")
MSG_TOTAL = N_("%(checked)s: %(counts)s")


def _count(ui: str, forms: tuple[str, str], num: int) -> str:
    return translations(ui).ngettext(*forms, num) % {"num": num}


def _counts(ui: str, severities: Sequence[str]) -> str:
    return ", ".join((_count(ui, ERRORS, severities.count("error")), _count(ui, WARNINGS, severities.count("warning"))))


def file_line(ui: str, file: str, severities: Sequence[str] | None) -> str:
    """One file's summary; ``severities`` of its findings, ``None`` for a file that is invalid."""
    t = translations(ui)
    if severities is None:
        return printable(t.gettext(MSG_INVALID) % {"file": file})
    if not severities:
        return printable(t.gettext(MSG_NO_FINDINGS) % {"file": file})
    return printable(t.gettext(MSG_COUNTS) % {"file": file, "counts": _counts(ui, severities)})


def total_line(ui: str, files: int, severities: Sequence[str], invalid: int) -> str:
    """The run's total: files checked, errors and warnings, and invalid files when there are any."""
    counts = _counts(ui, severities)
    if invalid:
        counts += ", " + _count(ui, INVALID, invalid)
    return translations(ui).gettext(MSG_TOTAL) % {"checked": _count(ui, CHECKED, files), "counts": counts}
