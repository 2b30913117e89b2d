"""Consistency rules over answers and the derived policy: things a policy could say but should not.

Each rule has a stable id and name, a severity, the legal provision it comes from (a Polish and
an English citation, each in its language's style) and a message id. Rule ids, names and
severities are keywords, the same in every language; messages are translated like every other
message, and their parameters are typed (``terms.py``), so a legal basis, a country or a purpose
reads in the interface language, never as a raw id. ``policygen build`` refuses errors (not
warnings) unless ``--ignore-check-errors`` (``--force`` is kept as an alias).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .i18n import N_, gettext_for, policy_text
from .languages import SOURCE, language
from .model import Answers
from .policy import Policy
from .terms import Country, Label, Listing, Msg, Years, say
from .vocab import CHILD_DATA, EEA
from .wording import LAWS


@dataclass(frozen=True)
class Ref:
    """One provision: an article (or a range), its paragraphs and point, of one law."""

    article: str
    paragraphs: tuple[str, ...] = ()
    point: str | None = None
    law: str = "gdpr"  # or a key of wording.LAWS


class Cite:
    """Provisions cited in each language's style (``languages.Citation``): ``art. 7 ust. 3 RODO``
    / ``Art. 7(3) GDPR`` / ``Art. 7 Abs. 3 DSGVO``; consecutive provisions of one law share its name."""

    def __init__(self, *refs: Ref) -> None:
        self.refs = refs

    def text(self, lang: str) -> str:
        style = language(lang)
        groups: list[tuple[str, list[str]]] = []
        for ref in self.refs:
            cited = style.citation.ref(ref.article, ref.paragraphs, ref.point)
            if groups and groups[-1][0] == ref.law:
                groups[-1][1].append(cited)
            else:
                groups.append((ref.law, [cited]))
        return ", ".join(_of_law(law, ", ".join(refs), lang) for law, refs in groups)


def _of_law(law: str, refs: str, lang: str) -> str:
    if law == "gdpr":
        return f"{refs} {language(lang).gdpr}"
    return policy_text(lang, LAWS[law]) % {"refs": refs}


Hit = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str  # "error" or "warning"
    provision: Cite
    message: str
    find: Callable[[Answers, Policy], Iterator[Hit]]
    #: The provision when not every controller is established in Poland (no Polish statute applies).
    provision_other: Cite | None = None

    @property
    def article(self) -> str:
        """The citation in the source language, for callers that have no interface language (use
        ``Finding.article``)."""
        return self.provision.text(SOURCE)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    path: str  # dotted path of the answers value at fault ("" for the file)
    params: dict[str, object]
    polish_law: bool = True

    def text(self, lang: str) -> str:
        return gettext_for(lang, self.rule.message) % {k: say(v, lang) for k, v in self.params.items()}

    def article(self, lang: str) -> str:
        cite = (
            self.rule.provision if self.polish_law or self.rule.provision_other is None else self.rule.provision_other
        )
        return cite.text(lang)


def _service_path(a: Answers, service_id: str) -> str:
    for i, custom in enumerate(a.custom_services):
        if custom.id == service_id:
            return f"custom_services.{i}.transfers"
    where = next(path for path, ref in a.service_ref_paths() if ref == service_id)
    return ".".join(str(part) for part in where)


FIX_CUSTOM_TRANSFER = N_("add it to its transfers, e.g. country: %(code)s, mechanism: scc")
FIX_CATALOGUE_TRANSFER = N_(
    "ask the provider which safeguard it uses (usually stated in its data processing terms) and add the service "
    "under custom_services with the id %(id)s and its transfers"
)


def _transfer_mechanism(a: Answers, p: Policy) -> Iterator[Hit]:
    """Services outside the EEA whose transfer to their own country has no mechanism.

    A service the user wrote (custom_services) is an error with what to add. A catalogue entry
    whose transfers could not be verified, and that the policy already describes as possibly
    transferring data with a Chapter V safeguard (``transfers_unknown``), is PG011's warning."""
    custom = {s.id for s in a.custom_services}
    unknown = {s.id for s in p.transfers_unknown}
    for service in p.services:
        country = service.entity.country
        covered = {t.country for t in service.transfers or ()}
        # A row without a country (the provider names only the mechanism) covers its own country too.
        if country in EEA or country in covered or None in covered or service.self_hosted:
            continue
        if service.id in custom:
            fix = Msg(FIX_CUSTOM_TRANSFER, {"code": country})
        elif service.transfers is None and service.id in unknown:
            continue  # PG011
        else:
            fix = Msg(FIX_CATALOGUE_TRANSFER, {"id": service.id})
        yield _service_path(a, service.id), {"service": service.name, "country": Country(country), "fix": fix}


def _transfer_unverified(a: Answers, p: Policy) -> Iterator[Hit]:
    custom = {s.id for s in a.custom_services}
    for service in p.transfers_unknown:
        country = service.entity.country
        if service.id in custom or country in EEA or service.self_hosted:
            continue
        yield (
            _service_path(a, service.id),
            {"service": service.name, "country": Country(country), "id": service.id},
        )


def _consent_tool(a: Answers, p: Policy) -> Iterator[Hit]:
    """Anything stored on or read from the device that needs consent needs a consent tool: to ask
    before it starts, to keep proof of the answer and to let people withdraw as easily (Art. 7(3))."""
    if not p.cookie_consent or a.consent_tool is not None:
        return
    tools: list[str] = [s.name for s in p.services if s.consent_needed]
    tools += [c.name for c in a.custom_cookies if c.consent]
    yield "consent_tool", {"tools": Listing(tuple(dict.fromkeys(tools)))}


FIX_UNSUBSCRIBE = N_("put a one-click unsubscribe link in every message (unsubscribe: true)")
FIX_CONSENT_REQUIRED = N_(
    "giving the data is marked as %(requirement)s, so refusing or withdrawing consent would cost the person "
    "the service; set requirement: voluntary, or choose the legal basis that fits"
)
REQUIREMENT_WORD = {"contract": N_("needed for the contract"), "law": N_("required by law")}


def _withdrawal(a: Answers, p: Policy) -> Iterator[Hit]:
    """Consent that cannot be withdrawn as easily as it was given, or not without detriment.

    The consent-based activities of the derive step and how each is withdrawn:
    - analytics, marketing, embeds and everything else stored on the device: the consent tool's
      settings (a missing tool is PG002, not reported twice);
    - newsletter: the unsubscribe link in every message;
    - webinar_recording: the policy tells participants to take part with camera and microphone
      off, and the rights section offers withdrawal at the contact address: nothing to check;
    - custom purposes, and built-in ones the answers move to consent: withdrawal must cost
      nothing, so giving the data cannot be a contractual or statutory requirement (Art. 7(3)–(4),
      recital 42).
    """
    f = a.features
    if f.newsletter and f.newsletter.basis == "consent" and not f.newsletter.unsubscribe:
        yield (
            "features.newsletter.unsubscribe",
            {"purpose": Label("purpose", "newsletter"), "fix": Msg(FIX_UNSUBSCRIBE)},
        )
    for i, purpose in enumerate(a.custom_purposes):
        if purpose.basis == "consent" and purpose.requirement in REQUIREMENT_WORD:
            fix = Msg(FIX_CONSENT_REQUIRED, {"requirement": Msg(REQUIREMENT_WORD[purpose.requirement])})
            yield f"custom_purposes.{i}.requirement", {"purpose": purpose.name, "fix": fix}
    for ident, override in a.purposes.items():
        activity = p.activity(ident)
        if activity is None or activity.basis != "consent" or activity.requirement not in REQUIREMENT_WORD:
            continue
        fix = Msg(FIX_CONSENT_REQUIRED, {"requirement": Msg(REQUIREMENT_WORD[activity.requirement])})
        field = "requirement" if override.requirement is not None else "basis"
        yield f"purposes.{ident}.{field}", {"purpose": Label("purpose", ident), "fix": fix}


def _newsletter_basis(a: Answers, p: Policy) -> Iterator[Hit]:
    """The newsletter's basis as the policy states it: set by the feature or by a ``purposes:`` override."""
    newsletter = p.activity("newsletter")
    if newsletter is None or newsletter.basis == "consent":
        return
    override = a.purposes.get("newsletter")
    where = "purposes.newsletter.basis" if override and override.basis else "features.newsletter.basis"
    yield where, {"basis": Label("basis", newsletter.basis)}


def _interest_stated(a: Answers, p: Policy) -> Iterator[Hit]:
    for i, purpose in enumerate(a.custom_purposes):
        if purpose.basis == "legitimate_interest" and purpose.interest is None:
            yield f"custom_purposes.{i}.interest", {"purpose": purpose.name}


def _dpo_contact(a: Answers, p: Policy) -> Iterator[Hit]:
    if a.dpo is not None and not a.dpo.email and not a.dpo.phone:
        yield "dpo", {}


def _contact_point(a: Answers, p: Policy) -> Iterator[Hit]:
    if a.joint is not None and a.joint.contact_point is None:
        yield "joint", {}


def _retention(a: Answers, p: Policy) -> Iterator[Hit]:
    for i, purpose in enumerate(a.custom_purposes):
        if purpose.retention is None:
            yield f"custom_purposes.{i}.retention", {"purpose": purpose.name}
    for i, decision in enumerate(a.automated_decisions):
        if decision.retention is None:
            yield f"automated_decisions.{i}", {"purpose": decision.name}


def _statistics_retention(a: Answers, p: Policy) -> Iterator[Hit]:
    analytics = p.activity("analytics")
    if analytics is None or a.features.website.statistics_months is not None:
        return
    if analytics.retention.rule == "per_tool" and all(kept for _, kept in analytics.retention.tools):
        return  # every tool's own period is stated
    tools = [s.name for s in p.services if s.id in analytics.services]
    yield "features.website", {"tools": Listing(tuple(tools))}


def _child_consent(a: Answers, p: Policy) -> Iterator[Hit]:
    c = a.children
    threshold = p.children_age
    consent = [x.id for x in p.activities if x.basis == "consent"]
    below = c.min_age is not None and threshold is not None and c.min_age < threshold
    if c.directed_at_children and consent and below and not c.parental_consent:
        assert c.min_age is not None and threshold is not None
        yield "children.parental_consent", {"age": Years(c.min_age), "threshold": Years(threshold)}


def _art22_safeguards(a: Answers, p: Policy) -> Iterator[Hit]:
    for i, decision in enumerate(a.automated_decisions):
        if decision.basis != "law" and not decision.safeguards:
            yield f"automated_decisions.{i}.safeguards", {}


def _service_purpose_absent(a: Answers, p: Policy) -> Iterator[Hit]:
    """A service named for a purpose the policy does not contain would be a recipient for nothing."""
    present = {x.id for x in p.activities}
    for ref, use in a.service_use.items():
        for i, purpose in enumerate(use.purposes or ()):
            if purpose not in present:
                yield f"service_use.{ref}.purposes.{i}", {"service": ref, "purpose": Label("purpose", purpose)}


def _child_data_elsewhere(a: Answers) -> Iterator[tuple[str, object, tuple[str, ...]]]:
    """Children's data listed anywhere but the built-in child_data purpose: (path, name, data)."""
    for i, purpose in enumerate(a.custom_purposes):
        yield f"custom_purposes.{i}.data", purpose.name, tuple(purpose.data)
    for i, decision in enumerate(a.automated_decisions):
        yield f"automated_decisions.{i}.data", decision.name, tuple(decision.data)
    for ident, override in a.purposes.items():
        if ident != "child_data" and override.data is not None:
            yield f"purposes.{ident}.data", Label("purpose", ident), tuple(override.data)
    for i, service in enumerate(a.custom_services):
        yield f"custom_services.{i}.data", service.name, tuple(service.data)


def _children_contradicted(a: Answers, p: Policy) -> Iterator[Hit]:
    """The children section says the services are not directed at children and that children's
    data collected without the required consent are deleted; only features.shop.child_data words
    it so that children's data given by their parents fit. Children's data anywhere else contradict it."""
    if a.children.directed_at_children:
        return
    for path, name, data in _child_data_elsewhere(a):
        found = [d for d in data if d in CHILD_DATA]
        if found:
            yield path, {"purpose": name, "data": Listing(tuple(Label("data", d) for d in found))}


#: Legal forms that keep accounting books whatever their revenue (art. 2 ust. 1 pkt 1 UoR: commercial
#: companies other than partnerships of natural persons, and other legal persons).
FULL_BOOKS_FORMS = frozenset({"sp_zoo", "sa", "spolka_komandytowa", "foundation", "association"})


def _bookkeeping_form(a: Answers, p: Policy) -> Iterator[Hit]:
    if a.bookkeeping is None or a.bookkeeping.form == "full_books":
        return
    for controller in a.controllers:
        if controller.legal_form in FULL_BOOKS_FORMS:
            yield "bookkeeping.form", {"form": Label("legal_form", controller.legal_form)}
            return


def _intermediary_payments(a: Answers, p: Policy) -> Iterator[Hit]:
    """Buyers said to pay the sellers directly, while payment services of ours take their payments."""
    shop = a.features.shop
    if shop is None or shop.intermediary is None or shop.intermediary.payments != "sellers" or not shop.payments:
        return
    names = {s.id: s.name for s in p.services}
    yield "features.shop.payments", {"services": Listing(tuple(names[ref] for ref in shop.payments))}


def _recipients_unconfirmed(a: Answers, p: Policy) -> Iterator[Hit]:
    """A shop, accounts or a newsletter run without any recipient would make the policy say that no
    external service receives personal data and nothing leaves the EEA: only an explicit answer may."""
    f = a.features
    if (f.shop or f.accounts or f.newsletter) and not p.recipients and not a.other_recipients and not a.no_recipients:
        yield "no_recipients", {}


def _seat_missing(a: Answers, p: Policy) -> Iterator[Hit]:
    """A company, foundation or association has a seat (a town, art. 41 KC) that is not its address;
    without it the policy can only give the address, so the answers should say it."""
    for i, c in enumerate(a.controllers):
        if c.legal_form not in ("sole_trader", "foreign_company") and c.seat is None:
            yield f"controllers.{i}", {"name": c.name}


NOTICE_REQUIREMENT = N_("whether giving the data is required (requirement)")
NOTICE_CONSEQUENCE = N_("what follows if the data are not given (consequence)")


def _notice_fields(a: Answers, p: Policy) -> Iterator[Hit]:
    """A custom purpose that collects data through a form gets a short notice under it (`policygen
    notices`), which must say whether the data are required and, where they are, what follows if
    they are not given (Art. 13(2)(e)): the default requirement is not a statement of the user's."""
    for i, purpose in enumerate(a.custom_purposes):
        if purpose.collected_via is None:
            continue
        if "requirement" not in purpose.model_fields_set:
            yield f"custom_purposes.{i}", {"purpose": purpose.name, "missing": Msg(NOTICE_REQUIREMENT)}
        elif purpose.requirement in ("contract", "law") and purpose.consequence is None:
            yield f"custom_purposes.{i}.requirement", {"purpose": purpose.name, "missing": Msg(NOTICE_CONSEQUENCE)}


GDPR_7_1_3 = Ref("7", ("1", "3"))

RULES: tuple[Rule, ...] = (
    Rule(
        "PG001",
        "transfer-mechanism-missing",
        "error",
        Cite(Ref("13", ("1",), "f"), Ref("44–46")),
        N_(
            "%(service)s is established outside the EEA (%(country)s), but no transfer mechanism is given "
            "for it: %(fix)s"
        ),
        _transfer_mechanism,
    ),
    Rule(
        "PG002",
        "consent-tool-missing",
        "error",
        Cite(Ref("399", ("1",), law="pke"), GDPR_7_1_3),
        N_(
            "tools that store information on the device or read it from there need prior consent (%(tools)s), but "
            "no consent_tool is set; add consent_tool with settings: where people change their choices"
        ),
        _consent_tool,
        Cite(Ref("5", ("3",), law="eprivacy"), GDPR_7_1_3),
    ),
    Rule(
        "PG003",
        "withdrawal-missing",
        "error",
        Cite(Ref("7", ("3",))),
        N_("consent to “%(purpose)s” cannot be withdrawn as easily as it is given: %(fix)s"),
        _withdrawal,
    ),
    Rule(
        "PG004",
        "newsletter-without-consent",
        "error",
        Cite(Ref("398", law="pke")),
        N_(
            "the legal basis of the newsletter is %(basis)s, but sending commercial information by e-mail requires "
            "consent; set basis: consent"
        ),
        _newsletter_basis,
        Cite(Ref("13", ("1",), law="eprivacy")),
    ),
    Rule(
        "PG005",
        "interest-not-stated",
        "error",
        Cite(Ref("13", ("1",), "d")),
        N_(
            "purpose “%(purpose)s” relies on legitimate interest without saying which interest; "
            "describe it under interest"
        ),
        _interest_stated,
    ),
    Rule(
        "PG006",
        "dpo-without-contact",
        "error",
        Cite(Ref("13", ("1",), "b"), Ref("37", ("7",))),
        N_("a Data Protection Officer is declared without an e-mail address or phone number"),
        _dpo_contact,
    ),
    Rule(
        "PG007",
        "joint-without-contact-point",
        "warning",
        Cite(Ref("26", ("1",))),
        N_("joint controllers have not designated a contact point for data subjects"),
        _contact_point,
    ),
    Rule(
        "PG008",
        "retention-missing",
        "error",
        Cite(Ref("13", ("2",), "a")),
        N_("purpose “%(purpose)s” has no retention period or criteria; add retention"),
        _retention,
    ),
    Rule(
        "PG009",
        "child-consent-below-age",
        "error",
        Cite(Ref("8", ("1",))),
        N_(
            "the youngest users may be %(age)s old, under %(threshold)s, the age from which they can consent "
            "themselves, and no parental consent is obtained"
        ),
        _child_consent,
    ),
    Rule(
        "PG010",
        "automated-decision-without-safeguards",
        "error",
        Cite(Ref("22", ("3",))),
        N_("an automated decision based on contract or consent must offer human intervention and a way to contest it"),
        _art22_safeguards,
    ),
    Rule(
        "PG011",
        "transfer-mechanism-unverified",
        "warning",
        Cite(Ref("13", ("1",), "f"), Ref("44–46")),
        N_(
            "%(service)s is established outside the EEA (%(country)s) and the catalogue could not verify its "
            "transfers, so the policy says only that it may transfer data with a safeguard and how to ask about it; "
            "ask the provider which safeguard it uses and add the service under custom_services with the id "
            "%(id)s and its transfers"
        ),
        _transfer_unverified,
    ),
    Rule(
        "PG012",
        "statistics-retention-unstated",
        "warning",
        Cite(Ref("13", ("2",), "a")),
        N_(
            "the policy gives only a criterion for how long the statistics collected by %(tools)s are kept; set "
            "features.website.statistics_months to the period set in the tool (Google Analytics 4: 2 or 14 months)"
        ),
        _statistics_retention,
    ),
    Rule(
        "PG013",
        "bookkeeping-form-impossible",
        "error",
        Cite(Ref("2", ("1",), law="uor"), Ref("13", ("1",), "c")),
        N_(
            "a business with the legal form %(form)s keeps accounting books under the Accounting Act whatever its "
            "revenue, so it cannot keep the revenue and expense book or pay the lump-sum tax; set "
            "bookkeeping.form: full_books"
        ),
        _bookkeeping_form,
    ),
    Rule(
        "PG014",
        "intermediary-payments-contradiction",
        "error",
        Cite(Ref("5", ("1",), "a"), Ref("13", ("1",), "e")),
        N_(
            "features.shop.intermediary.payments says buyers pay the sellers directly, but features.shop.payments "
            "names payment services through which you would accept their payments (%(services)s); the policy would "
            "say both; set intermediary.payments: operator, or remove the payment services"
        ),
        _intermediary_payments,
    ),
    Rule(
        "PG015",
        "children-data-contradicted",
        "error",
        Cite(Ref("12", ("1",)), Ref("14", ("1",), "d")),
        N_(
            "“%(purpose)s” lists children's data (%(data)s), but the policy says that the services are not directed "
            "at children and that children's data collected without the required consent are deleted; describe a "
            "child's data that parents give with an order under features.shop.child_data, or set "
            "children.directed_at_children: true if children use the services themselves"
        ),
        _children_contradicted,
    ),
    Rule(
        "PG016",
        "service-purpose-absent",
        "error",
        Cite(Ref("13", ("1",), "e")),
        N_(
            "service_use says that %(service)s serves “%(purpose)s”, but the policy has no such purpose (its "
            "feature is not turned on); turn the feature on or remove the purpose from service_use"
        ),
        _service_purpose_absent,
    ),
    Rule(
        "PG017",
        "recipients-unconfirmed",
        "error",
        Cite(Ref("13", ("1",), "e"), Ref("13", ("1",), "f")),
        N_(
            "the answers name no hosting, payment, delivery or mailing service and no other_recipients, so the policy "
            "would say that no external service receives personal data and that nothing is transferred outside the "
            "EEA; add the services you use under services, or confirm it with no_recipients: true"
        ),
        _recipients_unconfirmed,
    ),
    Rule(
        "PG018",
        "seat-missing",
        "warning",
        Cite(Ref("13", ("1",), "a"), Ref("41", law="kc")),
        N_(
            "%(name)s has a registered office (a town, which need not be the town of its address), but the answers "
            "do not give it, so the policy gives only the address; add seat, e.g. seat: {pl: w Krakowie, en: Kraków}"
        ),
        _seat_missing,
    ),
    Rule(
        "PG019",
        "notice-fields-missing",
        "warning",
        Cite(Ref("13", ("2",), "e")),
        N_(
            "purpose “%(purpose)s” collects data through a form (collected_via), but the short notice under the "
            "form cannot say %(missing)s; add it to the purpose"
        ),
        _notice_fields,
    ),
)


def check(answers: Answers, policy: Policy) -> list[Finding]:
    return [
        Finding(rule, path, params, policy.polish_law) for rule in RULES for path, params in rule.find(answers, policy)
    ]
