"""The site scanner, part three: one scan from start to report, and the report as text or JSON.

``run`` loads the answers (a located error when they are broken, before any browser starts),
opens the site (``scan.py``), maps and judges what was seen (``scanmap.py``). Messages are in the
interface language; the codes, severities and the JSON keys are not translated.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import scan
from .check import Cite, Ref
from .i18n import N_, gettext_for
from .scanmap import Evidence, Finding, Index, judge
from .termtext import printable, printable_lines

MESSAGES = {
    "undeclared-service": N_(
        "%(service)s is used on the site but not declared in the answers (%(evidence)s); add %(id)s to the "
        "services, or take it off the site"
    ),
    "undeclared-one-of": N_(
        "a service the answers do not declare is used on the site (%(evidence)s), one of: %(service)s; add the "
        "one you use to the services, or take it off the site"
    ),
    "before-consent": N_(
        "%(subject)s is loaded or stored before the visitor has made any choice (%(evidence)s), but it needs "
        "prior consent; start it only after the visitor accepts"
    ),
    "after-rejection": N_(
        "%(subject)s is loaded or stored after the visitor rejected everything (%(evidence)s), but it needs "
        "consent; start it only after the visitor accepts"
    ),
    "unknown-host": N_(
        "requests go to %(subject)s, which no catalogue service lists; if a service there receives visitors' "
        "data, declare it (custom_services with its hosts)"
    ),
    "unknown-cookie": N_(
        "%(evidence)s is not described in the answers; add it to custom_cookies, or declare the service that sets it"
    ),
    "no-reject-button": N_(
        "no “reject all” button of a consent banner was found, so the state after rejecting was not checked; "
        "give the button's CSS selector with --reject"
    ),
    "no-accept-button": N_(
        "no “accept all” button of a consent banner was found, so the state after accepting was not checked; "
        "give the button's CSS selector with --accept"
    ),
    "declared-not-seen": N_(
        "%(service)s is declared in the answers but was not seen on the scanned pages, not even after accepting "
        "everything; if the site no longer uses it, take it out of the answers"
    ),
    "declared-not-seen-unaccepted": N_(
        "%(service)s is declared in the answers but was not seen on the scanned pages (the state after accepting "
        "could not be checked)"
    ),
}
MSG_OCD = N_("the Open Cookie Database lists it for %(platform)s (%(category)s)")
EVIDENCE = {
    "request": N_("request to %(name)s"),
    "cookie": N_("cookie %(name)s"),
    "local_storage": N_("local storage key %(name)s"),
    "session_storage": N_("session storage key %(name)s"),
}
MSG_HEADER = N_("scan of %(site)s against %(answers)s; pages scanned: %(pages)s")
MSG_PAGES = N_("pages: %(pages)s")
MSG_SUMMARY = N_("errors: %(errors)s, warnings: %(warnings)s, notes: %(info)s")
MSG_PROGRESS = N_("scanning page %(number)s (at most %(max)s): %(url)s")

#: Storing or reading on the device without prior consent.
CONSENT_PROVISION = Cite(Ref("399", ("1",), law="pke"), Ref("5", ("3",), law="eprivacy"))
CITED = frozenset({"before-consent", "after-rejection"})


@dataclass(frozen=True)
class Report:
    site: str
    answers: str
    pages: list[scan.PageSeen]
    findings: list[Finding]
    index: Index

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def exit_code(self) -> int:
        return 2 if self.count("error") else 0


def run(
    target: str,
    answers_path: Path,
    options: scan.Options,
    ui: str,
    progress: Callable[[int, str], None] | None = None,
) -> Report:
    """Scan ``target`` (an http(s) address or a folder) against the answers file."""
    from . import api

    answers = api.load_answers(answers_path, ui)
    declared = api.services_for(answers)
    consent_expected = api.build_policy(answers).cookie_consent
    index = Index(answers, declared)
    with scan.site(target, ui) as start, scan.browser_for(start, options, ui) as browser:
        pages = scan.browse(browser, start, options, ui, progress)
    return Report(start, str(answers_path), pages, judge(pages, index, consent_expected), index)


def progress_line(ui: str, number: int, limit: int, url: str) -> str:
    return printable(gettext_for(ui, MSG_PROGRESS) % {"number": number, "max": limit, "url": url})


# -- words -------------------------------------------------------------------------------------


def evidence_text(item: Evidence, ui: str) -> str:
    return gettext_for(ui, EVIDENCE[item.kind]) % {"name": item.name}


def message(finding: Finding, report: Report, ui: str) -> str:
    code = finding.code
    several = "|" in finding.subject
    if code == "undeclared-service" and several:
        code = "undeclared-one-of"
    accepted = any(p.state("accept").reached for p in report.pages)
    if code == "declared-not-seen" and not accepted:
        code = "declared-not-seen-unaccepted"
    params = {
        "service": finding.name,
        "id": finding.subject,
        "subject": finding.name,
        "evidence": ", ".join(evidence_text(e, ui) for e in finding.evidence),
    }
    text = gettext_for(ui, MESSAGES[code]) % params
    if finding.ocd is not None:
        text += "; " + gettext_for(ui, MSG_OCD) % {"platform": finding.ocd.platform, "category": finding.ocd.category}
    return text


def provision(finding: Finding, ui: str) -> str | None:
    return CONSENT_PROVISION.text(ui) if finding.code in CITED else None


def _page(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


# -- views -------------------------------------------------------------------------------------


def text(report: Report, ui: str) -> str:
    """The report for a terminal: a header, one finding a paragraph, the counts."""
    say = lambda message, **params: gettext_for(ui, message) % params  # noqa: E731
    lines = [say(MSG_HEADER, site=report.site, answers=report.answers, pages=len(report.pages))]
    for finding in report.findings:
        cited = provision(finding, ui)
        line = f"{finding.severity} {finding.code}: {message(finding, report, ui)}"
        lines.append(line + (f" ({cited})" if cited else ""))
        if finding.pages:
            lines.append("  " + say(MSG_PAGES, pages=", ".join(_page(p) for p in finding.pages)))
    counts = {"errors": report.count("error"), "warnings": report.count("warning"), "info": report.count("info")}
    lines.append(say(MSG_SUMMARY, **counts))
    return printable_lines("\n".join(lines)) + "\n"


def to_json(report: Report, ui: str) -> str:
    """The report as JSON: the summary, the findings, and what each page showed in each state."""
    data = {
        "site": report.site,
        "answers": report.answers,
        "summary": {"errors": report.count("error"), "warnings": report.count("warning"), "info": report.count("info")},
        "findings": [_finding_json(f, report, ui) for f in report.findings],
        "pages": [_page_json(p, report.index) for p in report.pages],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _finding_json(finding: Finding, report: Report, ui: str) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "code": finding.code,
        "subject": finding.subject,
        "name": finding.name,
        "message": message(finding, report, ui),
        "provision": provision(finding, ui),
        "evidence": [{"kind": e.kind, "name": e.name} for e in finding.evidence],
        "states": list(finding.states),
        "pages": list(finding.pages),
    }


def _page_json(page: scan.PageSeen, index: Index) -> dict[str, Any]:
    states = {}
    for seen in page.states:
        states[seen.state] = {
            "reached": seen.reached,
            "button": seen.button,
            "requests": [
                {"url": r.url, "host": r.host, "services": [s.id for s in index.for_host(r.host)]}
                for r in seen.requests
            ],
            "stored": [_stored_json(s, index, page.url) for s in seen.stored],
        }
    return {"url": page.url, "states": states}


def _stored_json(stored: scan.Stored, index: Index, page_url: str) -> dict[str, Any]:
    known = index.stored(
        stored.name, scan.same_site(stored.domain, scan.site_base(page_url)) if stored.domain else None
    )
    return {
        "kind": stored.kind,
        "name": stored.name,
        "domain": stored.domain or None,
        "services": [s.id for s in known.services],
        "consent": known.consent,
        "declared": known.declared,
    }
