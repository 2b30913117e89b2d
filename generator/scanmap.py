"""The site scanner, part two: what the browser saw (``scan.py``) mapped to services and judged
against the answers.

A request's host is matched against the ``hosts`` of the catalogue entries and of the answers'
custom services (``*.example.com`` stands for example.com and its subdomains); where several
services share a host, the declared ones win. A cookie or storage key is matched, in this order,
against the cookies of the declared services, the answers' ``custom_cookies``, the cookies of the
rest of the catalogue (``<placeholder>`` parts match any text), and the Open Cookie Database
(whose Analytics, Marketing and Personalization rows are taken to need consent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal
from urllib.parse import urlsplit

from .catalogue import entry, entry_ids
from .cookiedb import OcdRow, by_name
from .languages import SOURCE
from .model import Answers
from .scan import STATES, PageSeen, State, Stored, same_site, site_base
from .servicedef import ServiceDef
from .vocab import ON_SITE

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: Open Cookie Database categories of cookies that need no consent.
OCD_EXEMPT = frozenset({"Functional", "Necessary", "Security"})


@dataclass(frozen=True)
class Known:
    """What a cookie name or storage key is, as far as we know."""

    #: The services it belongs to (several when they share the name).
    services: tuple[ServiceDef, ...] = ()
    #: Whether it needs consent (None: nothing is known about it).
    consent: bool | None = None
    #: Whether the answers describe it (a declared service's cookie or a custom cookie).
    declared: bool = False
    ocd: OcdRow | None = None


@dataclass(frozen=True)
class _Row:
    """A cookie the answers or the catalogue describe: tier 0 a declared service's, 1 a custom cookie,
    2 another catalogue entry's."""

    tier: int
    pattern: re.Pattern[str]
    service: ServiceDef | None
    consent: bool
    party: str  # "first", "third", or "any"

    def matches(self, name: str, first_party: bool | None) -> bool:
        if first_party is not None and self.party != "any" and (self.party == "first") != first_party:
            return False
        return bool(self.pattern.fullmatch(name))


def _pattern(name: str) -> re.Pattern[str]:
    """A cookie name with ``<placeholder>`` parts as a pattern that matches any text there."""
    parts = re.split(r"<[^<>]*>", name.strip())
    return re.compile(".+".join(re.escape(part) for part in parts))


def host_matches(pattern: str, host: str, path: str = "/") -> bool:
    """Whether a catalogue ``hosts`` entry matches a request: its host (``*.`` for a domain and its
    subdomains) and, when the entry has one, the start of its path."""
    pattern, slash, prefix = pattern.partition("/")
    if slash and not path.startswith("/" + prefix):
        return False
    if pattern.startswith("*."):
        base = pattern[2:]
        return host == base or host.endswith("." + base)
    return host == pattern


def _specificity(service: ServiceDef, host: str, path: str) -> int:
    """2 when an entry with a path matches (the service is known from the URL), 1 for a host alone."""
    return max((2 if "/" in h else 1) for h in service.hosts if host_matches(h, host, path))


class Index:
    """The catalogue and the answers' own services and cookies, looked up by host and by name."""

    def __init__(self, answers: Answers, declared: dict[str, ServiceDef]) -> None:
        self.answers = answers
        self.declared = declared
        others = {sid: entry(sid) for sid in sorted(entry_ids()) if sid not in declared}
        self.services = {**declared, **others}

    @cached_property
    def _rows(self) -> list[_Row]:
        rows = [
            _Row(0 if service.id in self.declared else 2, _pattern(c.name), service, c.consent, c.party)
            for service in self.services.values()
            for c in service.cookies
        ]
        rows += [_Row(1, _pattern(c.name), None, c.consent, "any") for c in self.answers.custom_cookies]
        return sorted(rows, key=lambda row: row.tier)

    def for_host(self, host: str, path: str = "/") -> tuple[ServiceDef, ...]:
        """The services a request is for: the declared ones among those whose hosts match, and of
        those the ones matched with a path (gtag.js on a host that also serves Tag Manager)."""
        found = [s for s in self.services.values() if any(host_matches(h, host, path) for h in s.hosts)]
        found = [s for s in found if s.id in self.declared] or found
        best = max((_specificity(s, host, path) for s in found), default=0)
        return tuple(s for s in found if _specificity(s, host, path) == best)

    def stored(self, name: str, first_party: bool | None = None) -> Known:
        """What a cookie or storage key of this name is; ``first_party`` (when known) says whether it was
        set on the site's own domain, so that a catalogue cookie of the other party does not match."""
        for tier in (0, 1, 2):
            hits = [row for row in self._rows if row.tier == tier and row.matches(name, first_party)]
            if hits:
                services = {row.service.id: row.service for row in hits if row.service is not None}
                return Known(tuple(services.values()), all(row.consent for row in hits), tier < 2)
        rows = by_name(name)
        if rows:
            return Known(consent=rows[0].category not in OCD_EXEMPT, ocd=rows[0])
        return Known()


@dataclass(frozen=True)
class Evidence:
    kind: Literal["request", "cookie", "local_storage", "session_storage"]
    name: str


@dataclass
class Finding:
    code: str
    severity: Severity
    #: What the finding is about: service ids joined by "|", a host, or a cookie name.
    subject: str
    #: Its name for people: a service's name (several joined by " / "), a host, a cookie name.
    name: str
    evidence: list[Evidence] = field(default_factory=list)
    states: list[State] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    #: The Open Cookie Database row describing an unknown cookie.
    ocd: OcdRow | None = None

    def add(self, evidence: Evidence | None, state: State | None, page: str | None) -> None:
        if evidence is not None and evidence not in self.evidence:
            self.evidence.append(evidence)
        if state is not None and state not in self.states:
            self.states.append(state)
        if page is not None and page not in self.pages:
            self.pages.append(page)


@dataclass(frozen=True)
class Sighting:
    """One thing seen in one state of one page, with what it is."""

    page: str
    state: State
    evidence: Evidence
    services: tuple[ServiceDef, ...]
    #: Whether it needs consent (None: unknown).
    consent: bool | None
    #: Whether the answers describe it.
    declared: bool
    ocd: OcdRow | None = None


def sightings(pages: Iterable[PageSeen], index: Index) -> Iterator[Sighting]:
    for page in pages:
        for seen in page.states:
            if not seen.reached:
                continue
            for request in seen.requests:
                services = index.for_host(request.host, urlsplit(request.url).path or "/")
                consent = bool(services) and all(s.consent_needed for s in services)
                declared = any(s.id in index.declared for s in services)
                evidence = Evidence("request", request.host)
                yield Sighting(page.url, seen.state, evidence, services, consent if services else None, declared)
            for stored in seen.stored:
                known = index.stored(stored.name, _first_party(stored, page.url))
                evidence = Evidence(stored.kind, stored.name)
                yield Sighting(page.url, seen.state, evidence, known.services, known.consent, known.declared, known.ocd)


def _first_party(stored: Stored, page_url: str) -> bool | None:
    """Whether a cookie was set on the site's own domain (None for storage keys: always the page's)."""
    if stored.kind != "cookie":
        return None
    return same_site(stored.domain, site_base(page_url))


def judge(pages: list[PageSeen], index: Index, consent_expected: bool) -> list[Finding]:
    """The findings, errors first, each kind in a stable order."""
    found: dict[tuple[str, str], Finding] = {}

    def finding(code: str, severity: Severity, subject: str, name: str) -> Finding:
        return found.setdefault((code, subject), Finding(code, severity, subject, name))

    seen_services: set[str] = set()
    for s in sightings(pages, index):
        ids = "|".join(service.id for service in s.services)
        names = " / ".join(service.name_in(SOURCE) for service in s.services)
        seen_services.update(service.id for service in s.services)
        if s.services and not any(service.id in index.declared for service in s.services):
            finding("undeclared-service", "error", ids, names).add(s.evidence, s.state, s.page)
        if s.consent and s.state in ("before", "reject"):
            code = "before-consent" if s.state == "before" else "after-rejection"
            finding(code, "error", ids or s.evidence.name, names or s.evidence.name).add(s.evidence, s.state, s.page)
        if not s.services and s.evidence.kind == "request":
            finding("unknown-host", "warning", s.evidence.name, s.evidence.name).add(s.evidence, s.state, s.page)
        elif not s.services and not s.declared:
            item = finding("unknown-cookie", "warning", s.evidence.name, s.evidence.name)
            item.ocd = s.ocd
            item.add(s.evidence, s.state, s.page)
    for service in index.declared.values():
        if service.id not in seen_services and _visible(service):
            finding("declared-not-seen", "info", service.id, service.name_in(SOURCE))
    if consent_expected:
        _banner_findings(pages, finding)
    return sorted(found.values(), key=lambda f: (SEVERITIES.index(f.severity), CODES.index(f.code), f.subject))


def _visible(service: ServiceDef) -> bool:
    """Whether a browser can see the service: a tool that runs on the site, with hosts or cookies we know."""
    return service.category in ON_SITE and bool(service.hosts or service.cookies)


def _banner_findings(pages: list[PageSeen], finding: Callable[[str, Severity, str, str], Finding]) -> None:
    for page in pages:
        for state in STATES[1:]:
            if not page.state(state).reached:
                code = "no-reject-button" if state == "reject" else "no-accept-button"
                finding(code, "warning", code, code).add(None, state, page.url)


CODES = (
    "undeclared-service",
    "before-consent",
    "after-rejection",
    "unknown-host",
    "unknown-cookie",
    "no-reject-button",
    "no-accept-button",
    "declared-not-seen",
)
