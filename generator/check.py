"""Consistency rules over answers and the derived policy: things a policy could say but should not.

Each rule has a stable id, a severity, the legal provision it comes from and a message id; the
messages are translated like every other message. ``policygen build`` refuses errors (not
warnings) unless ``--force``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .i18n import N_, gettext_for
from .model import Answers
from .policy import Policy
from .vocab import EEA


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str  # "error" or "warning"
    article: str
    message: str
    find: Callable[[Answers, Policy], Iterator[tuple[str, dict[str, object]]]]


@dataclass(frozen=True)
class Finding:
    rule: Rule
    path: str  # dotted path of the answers value at fault ("" for the file)
    params: dict[str, object]

    def text(self, lang: str) -> str:
        return gettext_for(lang, self.rule.message) % self.params


def _service_path(a: Answers, service_id: str) -> str:
    for i, custom in enumerate(a.custom_services):
        if custom.id == service_id:
            return f"custom_services.{i}.transfers"
    where = next(path for path, ref in a.service_ref_paths() if ref == service_id)
    return ".".join(str(part) for part in where)


def _transfer_mechanism(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    for service in p.services:
        country = service.entity.country
        covered = {t.country for t in service.transfers or ()}
        # A row without a country (the provider names only the mechanism) covers its own country too.
        if country not in EEA and country not in covered and None not in covered and not service.self_hosted:
            yield _service_path(a, service.id), {"service": service.name, "country": country}


def _consent_tool(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    tracking = [s.name for s in p.services if s.category in ("analytics", "advertising") and s.consent_needed]
    if tracking and a.consent_tool is None:
        yield "consent_tool", {"services": ", ".join(tracking)}


def _withdrawal(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    f = a.features
    if f.newsletter and f.newsletter.basis == "consent" and not f.newsletter.unsubscribe:
        yield "features.newsletter.unsubscribe", {"purpose": "newsletter"}
    if p.cookie_consent and a.consent_tool is None:
        yield "consent_tool", {"purpose": "cookies"}


def _newsletter_basis(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    if a.features.newsletter and a.features.newsletter.basis != "consent":
        yield "features.newsletter.basis", {"basis": a.features.newsletter.basis}


def _interest_stated(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    for i, purpose in enumerate(a.custom_purposes):
        if purpose.basis == "legitimate_interest" and purpose.interest is None:
            yield f"custom_purposes.{i}.interest", {"purpose": purpose.id}


def _dpo_contact(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    if a.dpo is not None and not a.dpo.email and not a.dpo.phone:
        yield "dpo", {}


def _contact_point(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    if a.joint is not None and a.joint.contact_point is None:
        yield "joint", {}


def _retention(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    for i, purpose in enumerate(a.custom_purposes):
        if purpose.retention is None:
            yield f"custom_purposes.{i}.retention", {"purpose": purpose.id}


def _child_consent(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    c = a.children
    threshold = p.children_age
    consent = [x.id for x in p.activities if x.basis == "consent"]
    below = c.min_age is not None and threshold is not None and c.min_age < threshold
    if c.directed_at_children and consent and below and not c.parental_consent:
        yield "children.parental_consent", {"age": c.min_age, "threshold": threshold}


def _art22_safeguards(a: Answers, p: Policy) -> Iterator[tuple[str, dict[str, object]]]:
    for i, decision in enumerate(a.automated_decisions):
        if decision.basis != "law" and not decision.safeguards:
            yield f"automated_decisions.{i}.safeguards", {}


RULES: tuple[Rule, ...] = (
    Rule(
        "PG001",
        "transfer-mechanism-missing",
        "error",
        "Art. 44-46 GDPR",
        N_("%(service)s is established in %(country)s, outside the EEA, but lists no transfer mechanism for it"),
        _transfer_mechanism,
    ),
    Rule(
        "PG002",
        "consent-tool-missing",
        "error",
        "art. 399 PKE, Art. 7(1) GDPR",
        N_("analytics or advertising cookies (%(services)s) need prior consent, but no consent_tool is set"),
        _consent_tool,
    ),
    Rule(
        "PG003",
        "withdrawal-missing",
        "error",
        "Art. 7(3) GDPR",
        N_("consent for %(purpose)s has no way to withdraw it as easily as it was given"),
        _withdrawal,
    ),
    Rule(
        "PG004",
        "newsletter-without-consent",
        "error",
        "art. 398 PKE",
        N_("the newsletter relies on %(basis)s; sending commercial e-mail requires consent"),
        _newsletter_basis,
    ),
    Rule(
        "PG005",
        "interest-not-stated",
        "error",
        "Art. 13(1)(d) GDPR",
        N_("purpose %(purpose)s relies on legitimate interest without saying which interest"),
        _interest_stated,
    ),
    Rule(
        "PG006",
        "dpo-without-contact",
        "error",
        "Art. 13(1)(b), Art. 37(7) GDPR",
        N_("a Data Protection Officer is declared without an e-mail address or phone number"),
        _dpo_contact,
    ),
    Rule(
        "PG007",
        "joint-without-contact-point",
        "warning",
        "Art. 26(1) GDPR",
        N_("joint controllers have not designated a contact point for data subjects"),
        _contact_point,
    ),
    Rule(
        "PG008",
        "retention-missing",
        "error",
        "Art. 13(2)(a) GDPR",
        N_("purpose %(purpose)s has no retention period or criteria"),
        _retention,
    ),
    Rule(
        "PG009",
        "child-consent-below-age",
        "error",
        "Art. 8(1) GDPR",
        N_("users may be %(age)s years old, below the age of %(threshold)s, and no parental consent is obtained"),
        _child_consent,
    ),
    Rule(
        "PG010",
        "automated-decision-without-safeguards",
        "error",
        "Art. 22(3) GDPR",
        N_("an automated decision based on contract or consent must offer human intervention and a way to contest it"),
        _art22_safeguards,
    ),
)


def check(answers: Answers, policy: Policy) -> list[Finding]:
    return [Finding(rule, path, params) for rule in RULES for path, params in rule.find(answers, policy)]
