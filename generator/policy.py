"""The derived policy: language-neutral facts that the templates put into words.

Everything here is identifiers, numbers, dates and the user's own values. No sentence of the
policy is built in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .fields import LangText, Text
from .model import (
    AutomatedDecision,
    Change,
    ConsentTool,
    Controller,
    Dpo,
    Intermediary,
    JointControl,
    Representative,
)
from .servicedef import ServiceDef
from .vocab import OWN_SENTENCE_RECIPIENTS


@dataclass(frozen=True)
class Retention:
    """How long data are kept: a rule id (wording in the catalogs) with its parameters.

    ``period``: ``count`` ``unit``s (day, month, year), from the event ``after`` when there is one;
    ``statistics_months``: what the statistics tools keep, ``count`` months; ``custom``: the user's
    own wording in ``text``; ``missing``: none was given (``policygen check`` reports it as an
    error); ``per_tool``: each tool's name in ``tools`` with the period it keeps the data for ("14 months"),
    or None when only the tool's own setting decides; any other rule is a fixed wording
    (``wording.RETENTION_FIXED``)."""

    rule: str
    count: int | None = None
    unit: str | None = None
    after: str | None = None
    text: Text | None = None
    tools: tuple[tuple[Text, str | None], ...] = ()


@dataclass(frozen=True)
class Activity:
    """One processing activity: a purpose with everything Art. 13/14 asks about it."""

    id: str
    basis: str
    data: tuple[str, ...]
    retention: Retention
    #: What providing the data is: "contract" (needed to conclude/perform it), "law" (statutory),
    #: "voluntary", or "not_collected" (data do not come from the person, Art. 14).
    requirement: str
    source: str  # "you", "your_device", "platform", "our_records", "our_records_use"
    interest: str | None = None  # legitimate interest id, for legitimate_interest
    obligation: str | None = None  # legal obligation id, for legal_obligation
    consent_law: str | None = None  # "pke_399", "pke_398", "eprivacy" for consent purposes
    services: tuple[str, ...] = ()
    profiling: bool = False
    #: A custom purpose carries its own wording instead of vocabulary ids.
    title: Text | None = None
    interest_text: Text | None = None
    obligation_text: Text | None = None
    consequence_text: Text | None = None
    #: Where the data come from, in the user's words (instead of the ``source`` id).
    source_text: Text | None = None
    #: Facts about how this purpose works that the policy states in a sentence of its own
    #: (e.g. "social_login", "guest_checkout"); the templates word them.
    notes: tuple[str, ...] = ()
    #: The form on the website the person gives these data through (``vocab.FORMS``, or "own_form" for a
    #: custom purpose with a form of its own); None: not collected through a form. Not printed in the
    #: policy: the short notices under the forms (``notices.py``) are built from it.
    collected_via: str | None = None


@dataclass(frozen=True)
class Recipient:
    service: ServiceDef
    activities: tuple[str, ...]
    #: Infrastructure (hosting, e-mail, office suites) that supports every purpose.
    all_purposes: bool = False


@dataclass(frozen=True)
class TransferLine:
    service: ServiceDef
    country: str | None  # None: outside the EEA, countries not named by the provider
    mechanism: str
    recipient: str
    dpf: bool | None = None  # US recipient on the Data Privacy Framework list (whatever the mechanism)


@dataclass(frozen=True)
class CookieLine:
    name: str
    #: The service's name (one, or one per language), or our own name for our own cookies.
    provider: Text
    lifetime: str
    purpose: Text
    party: str
    consent: bool
    kind: str = "cookie"
    #: Who besides us can read it: the provider's legal entity, or None when only we can.
    access: str | None = None


@dataclass(frozen=True)
class Right:
    id: str
    #: Purpose ids the right is limited to (portability, objection); empty when it applies generally.
    activities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Authority:
    country: str
    #: The authority's name in each policy language (the official name in brackets where translated).
    name: LangText
    website: str
    address: str | None


@dataclass(frozen=True)
class Policy:
    languages: tuple[str, ...]
    controllers: tuple[Controller, ...]
    joint: JointControl | None
    dpo: Dpo | None
    representative: Representative | None
    polish_law: bool
    activities: tuple[Activity, ...]
    #: Every service the answers use, catalogue and custom, in first-mention order.
    services: tuple[ServiceDef, ...]
    recipients: tuple[Recipient, ...]
    recipient_categories: tuple[str, ...]
    transfers: tuple[TransferLine, ...]
    transfers_unknown: tuple[ServiceDef, ...]
    #: Independent controllers whose transfers could not be verified: they answer for them themselves.
    transfers_unknown_controllers: tuple[ServiceDef, ...]
    cookies: tuple[CookieLine, ...]
    #: Services whose storage on the device is not (fully) listed: the policy points to their own description.
    cookies_unlisted: tuple[ServiceDef, ...]
    consent_tool: ConsentTool | None
    rights: tuple[Right, ...]
    authorities: tuple[Authority, ...]
    children_age: int | None
    directed_at_children: bool
    children_min_age: int | None
    parental_consent: bool
    saas_processor: bool
    #: Services provided by electronic means beyond browsing (UŚUDE art. 6 risk information).
    e_services: bool
    dpa_url: str | None
    profiling: Text | None
    automated_decisions: tuple[AutomatedDecision, ...]
    security: tuple[str, ...]
    effective_date: date
    changes: tuple[Change, ...]
    sections: tuple[str, ...] = field(default=())
    #: The site sells on behalf of others (the sellers, independent controllers of the orders they receive).
    intermediary: Intermediary | None = None

    @property
    def controller(self) -> Controller:
        return self.controllers[0]

    @property
    def contact(self) -> Controller:
        """The controller people write to (the joint contact point, or the only controller)."""
        if self.joint is None:
            return self.controllers[0]
        return self.controller_by_id(self.joint.contact_point or self.joint.requests_handled_by)

    def bases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.basis for a in self.activities))

    @property
    def cookie_consent(self) -> bool:
        """Whether anything stored on or read from the device needs consent."""
        return bool(self.cookies_unlisted) or any(c.consent for c in self.cookies)

    @property
    def ksef(self) -> bool:
        """Whether invoices go through the National e-Invoice System (KSeF), whose operator receives them."""
        return any("ksef" in a.notes for a in self.activities)

    @property
    def listed_recipient_categories(self) -> tuple[str, ...]:
        """The other recipients named in the list of categories (the rest have a sentence of their own)."""
        return tuple(c for c in self.recipient_categories if c not in OWN_SENTENCE_RECIPIENTS)

    @property
    def authorities_on_request(self) -> bool:
        """Whether the policy says that public authorities receive data when the law requires it."""
        return "public_authorities" in self.recipient_categories

    def has_basis(self, basis: str) -> bool:
        return any(a.basis == basis for a in self.activities)

    def right(self, right_id: str) -> Right | None:
        return next((r for r in self.rights if r.id == right_id), None)

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    def service_names(self, ids: tuple[str, ...]) -> tuple[Text, ...]:
        names = {s.id: s.name for s in self.services}
        return tuple(names[i] for i in ids)

    def controller_by_id(self, controller_id: str) -> Controller:
        return next(c for c in self.controllers if c.id == controller_id)
