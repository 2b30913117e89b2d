"""``policygen services --stats``: what the catalogue holds and how much of it is verified."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import N_, gettext_for
from .servicedef import ServiceDef
from .vocab import ON_SITE

MSG_TOTAL = N_("catalogue entries: %(count)s")
MSG_SHARE = N_("entries whose transfers are verified: %(verified)s of %(total)s (%(share)s)")
MSG_BY_CATEGORY = N_("by category:")
MSG_BY_ROLE = N_("by role:")
MSG_BY_COUNTRY = N_("by the provider's country:")
MSG_BY_STATUS = N_("by verification status:")
MSG_TRANSFERS_VERIFIED = N_("transfers verified")
MSG_TRANSFERS_UNVERIFIED = N_("transfers not verified")
MSG_COOKIES_COMPLETE = N_("cookies listed completely")
MSG_COOKIES_INCOMPLETE = N_("cookies listed incompletely")
MSG_DPF_CHECKED = N_("entries with US transfers: DPF status checked")
MSG_DPF_UNCHECKED = N_("entries with US transfers: DPF status not checked")


@dataclass(frozen=True)
class Stats:
    total: int
    by_category: Counter[str]
    by_role: Counter[str]
    by_country: Counter[str]
    transfers_verified: int
    cookies_complete: int
    cookies_incomplete: int
    dpf_checked: int
    dpf_unchecked: int

    @property
    def transfers_unverified(self) -> int:
        return self.total - self.transfers_verified


def _stores_on_device(s: ServiceDef) -> bool:
    """Entries for which the cookie list means something: tools on the website or with cookies listed."""
    return bool(s.cookies) or not s.cookies_complete or s.category in ON_SITE


def compute(entries: Iterable[ServiceDef]) -> Stats:
    services = list(entries)
    on_device = [s for s in services if _stores_on_device(s)]
    to_us = [[t for t in s.transfers or () if t.country == "US"] for s in services]
    to_us = [rows for rows in to_us if rows]
    checked = sum(all(t.dpf_listed is not None for t in rows) for rows in to_us)
    return Stats(
        total=len(services),
        by_category=Counter(s.category for s in services),
        by_role=Counter(s.role for s in services),
        by_country=Counter(s.entity.country for s in services),
        transfers_verified=sum(s.transfers is not None for s in services),
        cookies_complete=sum(s.cookies_complete for s in on_device),
        cookies_incomplete=sum(not s.cookies_complete for s in on_device),
        dpf_checked=checked,
        dpf_unchecked=len(to_us) - checked,
    )


def _counts(counter: Counter[str], names: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Largest first, ties by key, so the output is the same on every run."""
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [(f"{key} {names[key]}" if names else key, count) for key, count in rows]


def render(stats: Stats, ui: str) -> str:
    """The statistics as plain text in the interface language."""
    from babel import Locale
    from babel.numbers import format_percent

    def say(msgid: str, **params: object) -> str:
        text = gettext_for(ui, msgid)
        return text % params if params else text

    territories = Locale.parse(ui).territories
    share = format_percent(stats.transfers_verified / stats.total if stats.total else 0, locale=ui)
    status = [
        (say(MSG_TRANSFERS_VERIFIED), stats.transfers_verified),
        (say(MSG_TRANSFERS_UNVERIFIED), stats.transfers_unverified),
        (say(MSG_COOKIES_COMPLETE), stats.cookies_complete),
        (say(MSG_COOKIES_INCOMPLETE), stats.cookies_incomplete),
        (say(MSG_DPF_CHECKED), stats.dpf_checked),
        (say(MSG_DPF_UNCHECKED), stats.dpf_unchecked),
    ]
    groups = [
        (say(MSG_BY_CATEGORY), _counts(stats.by_category)),
        (say(MSG_BY_ROLE), _counts(stats.by_role)),
        (say(MSG_BY_COUNTRY), _counts(stats.by_country, {c: territories.get(c, c) for c in stats.by_country})),
        (say(MSG_BY_STATUS), status),
    ]
    lines = [
        say(MSG_TOTAL, count=stats.total),
        say(MSG_SHARE, verified=stats.transfers_verified, total=stats.total, share=share),
    ]
    for heading, rows in groups:
        width = max((len(label) for label, _ in rows), default=0)
        lines += ["", heading]
        lines += [f"  {label:<{width}}  {count:>4}" for label, count in rows]
    return "\n".join(lines)
