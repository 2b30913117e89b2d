"""The requirements of shared/legal/GDPR-REQUIREMENTS.md (R1–R27, R32–R52), checked on every
example in both languages and formats. Each rule names the sections that carry it, and
``test_rule_fails_without_its_clause`` proves the check fails when that clause is removed.

Vocabulary is looked up through the catalogs (so one check serves both languages); prose that
only the templates hold is matched with the per-language markers below.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from generator.api import render
from generator.fields import text_in
from generator.html import markdown_html
from generator.i18n import gettext_for
from generator.policy import Policy
from generator.render import Renderer
from generator.wording import CITE, CONSEQUENCE, DATA, INTEREST, MECHANISM, PURPOSE, REQUIREMENT, RIGHT, SOURCE

from .conftest import EXAMPLES, FORMATS, ROOT, built

#: Examples plus fixtures for situations no example business has (a controller outside the EU).
CASES = [
    *EXAMPLES,
    *(
        ROOT / "tests" / "fixtures" / f
        for f in (
            "us-company.yaml",
            "many-services.yaml",
            "kids.yaml",
            "recruitment.yaml",
            "online-course.yaml",
            "art14.yaml",
            "intermediary.yaml",
        )
    ),
]

MARKERS: dict[str, dict[str, str]] = {
    "en": {
        "joint_each": "in respect of and against each of the controllers",
        "joint_contact": "Contact point for you",
        "dpo": "Data Protection Officer",
        "representative": "representative in the Union",
        "eea": "outside the European Economic Area",
        "unlisted_countries": "countries outside the EEA (not listed individually)",
        "copy": "obtain a copy of these safeguards",
        "withdraw_any_time": "withdraw it at any time",
        "withdraw_lawful": "before you withdrew it remains lawful",
        "complaint": "Art. 77(1) GDPR",
        "art22_none": "We do not make decisions based solely on automated processing",
        "art22_safeguards": "obtain human intervention",
        "objection_any_time": "at any time",
        "objection_marketing": "direct marketing",
        "free": "free of charge",
        "one_month": "within one month of receiving the request",
        "two_months": "two further months",
        "no_action": "seek a judicial remedy",
        "identity": "additional information needed to confirm your identity",
        "child": "parent or legal guardian",
        "cookie_exempt": "strictly necessary",
        "cookie_consent": "with your consent",
        "not_consent": "continuing to browse is not consent",
        "pke_399": "Art. 399",
        "pke_398": "Art. 398",
        "kp_221": "Art. 22¹ § 1 of the Labour Code",
        "kp_221a": "Art. 22¹a of the Labour Code",
        "pre_contract": "before concluding it (Art. 6(1)(b) GDPR)",
        "recruitment_end": "until the recruitment ends",
        "recruitment_tools": "Recruitment tools:",
        "input_masked": "set to mask what you type into form fields",
        "authorities_law": "only when the law requires us to disclose the data to them",
        "buyer_contract": "the recipient is not a party to that contract",
        "parent_declaration": "or someone acting with their permission",
        "child_not_offered": "that is not a service offered to the child",
        "child_own_data": "has given us their own data",
        "online_risks": "Risks of using online services",
        "changes_active": "we will tell you about it directly",
        "portability_condition": "by automated means on the basis of consent or a contract",
        "special": "special categories of personal data",
        "younger": "For younger readers",
        "risks_body": "Keep your software up to date",
        "changes_advance": "well in advance",
        "extension_notice": "we will tell you about any extension, with the reasons",
        "child_verify": "we make reasonable efforts to verify this",
        "consent_before": "We ask for consent before such tools are started",
        "cookie_access": "Who can access it",
        "seller_independent": "each seller is an independent controller of the order data it receives",
        "not_seller": "you conclude the contract of sale with the seller",
        "sellers_receive": "receive from us the data of the orders placed with them",
    },
    "pl": {
        "joint_each": "wobec każdego z administratorów",
        "joint_contact": "Punkt kontaktowy",
        "dpo": "inspektor",
        "representative": "przedstawiciel",
        "eea": "Europejskiego Obszaru Gospodarczego",
        "unlisted_countries": "państwa spoza EOG (bez wyszczególnienia)",
        "copy": "możesz otrzymać kopię tych zabezpieczeń",
        "withdraw_any_time": "w dowolnym momencie",
        "withdraw_lawful": "zgodność z prawem przetwarzania",
        "complaint": "art. 77 ust. 1 RODO",
        "art22_none": "Nie podejmujemy decyzji",
        "art22_safeguards": "interwencji człowieka",
        "objection_any_time": "w dowolnym momencie",
        "objection_marketing": "marketingu bezpośredniego",
        "free": "bezpłatn",
        "one_month": "miesiąca od otrzymania żądania",
        "two_months": "dwa miesiące",
        "no_action": "sądu",
        "identity": "dodatkowych informacji",
        "child": "rodzic albo opiekun prawny",
        "cookie_exempt": "niezbędne",
        "cookie_consent": "za Twoją zgodą",
        "not_consent": "nie oznacza zgody",
        "pke_399": "art. 399",
        "pke_398": "art. 398",
        "kp_221": "art. 22¹ § 1 Kodeksu pracy",
        "kp_221a": "art. 22¹a Kodeksu pracy",
        "pre_contract": "przed jej zawarciem (art. 6 ust. 1 lit. b RODO)",
        "recruitment_end": "do zakończenia rekrutacji",
        "recruitment_tools": "Narzędzia rekrutacyjne:",
        "input_masked": "maskować treść wpisywaną w polach formularzy",
        "authorities_law": "tylko wtedy, gdy wymaga tego od nas prawo",
        "buyer_contract": "odbiorca nie jest stroną tej umowy",
        "parent_declaration": "lub osoba działająca za jego zgodą",
        "child_not_offered": "nie jest to usługa oferowana dziecku",
        "child_own_data": "samo podało nam swoje dane",
        "online_risks": "Zagrożenia",
        "changes_active": "bezpośrednio",
        "portability_condition": "w sposób zautomatyzowany",
        "special": "szczególnych kategorii danych osobowych",
        "younger": "Dla młodszych czytelników",
        "risks_body": "Aktualizuj oprogramowanie",
        "changes_advance": "z odpowiednim wyprzedzeniem",
        "extension_notice": "o przedłużeniu i jego przyczynach poinformujemy Cię",
        "child_verify": "dokładamy rozsądnych starań, aby to zweryfikować",
        "consent_before": "O zgodę prosimy, zanim takie narzędzia zostaną uruchomione",
        "cookie_access": "Kto ma dostęp",
        "seller_independent": "każdy sprzedawca jest niezależnym administratorem danych zamówień",
        "not_seller": "umowę sprzedaży zawierasz ze sprzedawcą",
        "sellers_receive": "otrzymują od nas dane złożonych u nich zamówień",
    },
}

#: The languages whose wording the rules know (their markers above).
RULE_LANGS = tuple(MARKERS)

FORBIDDEN: dict[str, list[str]] = {
    "en": [
        "Privacy Shield",
        "Google Inc.",
        "Facebook Inc.",
        "Facebook Ireland",
        "check this page regularly",
        "by using the site you agree",
        "by using our website you agree",
        "continued use",
        "RODO",
        " ust. ",
        "Prawo telekomunikacyjne",
        "Telecommunications Law",
        "30 days of receipt",
        "3 months in total",
    ],
    "pl": [
        "Privacy Shield",
        "Google Inc.",
        "Facebook Inc.",
        "Facebook Ireland",
        "regularnie sprawdzać",
        "korzystając ze strony",
        "korzystając z serwisu wyrażasz",
        "dalsze korzystanie",
        "GDPR",
        "Art. 6(",
        "Prawa telekomunikacyjnego",
        "Prawo telekomunikacyjne",
        "30 dni od otrzymania",
    ],
}


@dataclass(frozen=True)
class Doc:
    """The visible text of a rendered policy, with its sections addressable by heading id."""

    page: str

    @property
    def ids(self) -> list[str]:
        return re.findall(r'<h[1-6] id="([^"]+)"', self.page)

    @property
    def text(self) -> str:
        return _visible(self.page)

    def section(self, ident: str) -> str:
        heads = list(re.finditer(r'<h([1-6]) id="([^"]+)"', self.page))
        for i, m in enumerate(heads):
            if m.group(2) == ident:
                level = int(m.group(1))
                end = next((h.start() for h in heads[i + 1 :] if int(h.group(1)) <= level), len(self.page))
                return _visible(self.page[m.start() : end])
        return ""


def _visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def make_doc(policy: Policy, lang: str, fmt: str) -> Doc:
    text = render(policy, lang, fmt).text
    return Doc(markdown_html(text)[0] if fmt == "md" else text)


Check = Callable[[Doc, str, Policy], list[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    sections: tuple[str, ...]
    applies: Callable[[Policy], bool]
    check: Check


#: When a list, every needle a check looks for is appended to it (see test_rule_fails_without_each_clause).
NEEDLES: list[str] | None = None


def has(doc_text: str, needle: str, what: str) -> list[str]:
    if NEEDLES is not None:
        NEEDLES.append(needle)
    return [] if needle in doc_text else [f"missing {what}: {needle!r}"]


def t(lang: str, msgid: str) -> str:
    return gettext_for(lang, msgid)


def m(lang: str, key: str) -> str:
    return MARKERS[lang][key]


def purpose_block(doc: Doc, activity_id: str) -> str:
    return doc.section(f"purpose-{activity_id.replace('_', '-')}")


def r1(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("controller")
    out = []
    for c in p.controllers:
        out += has(s, c.name, "controller name") + has(s, c.email, "controller e-mail")
        out += has(s, c.address.street, "address") + has(s, c.address.city, "city")
    return out


def r4(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("controller")
    assert p.joint is not None
    out = has(s, m(lang, "joint_each"), "Art. 26(3) statement") + has(s, m(lang, "joint_contact"), "contact point")
    out += has(s, p.controller_by_id(p.joint.contact_point).name, "contact point name")
    return out


def per_activity(label: Callable[[Policy, str, object], str | None]) -> Check:
    def check(doc: Doc, lang: str, p: Policy) -> list[str]:
        out = []
        for a in p.activities:
            needle = label(p, lang, a)
            if needle:
                out += has(purpose_block(doc, a.id), needle, f"{a.id}")
        return out

    return check


def r5(doc: Doc, lang: str, p: Policy) -> list[str]:
    out = []
    for a in p.activities:
        block = purpose_block(doc, a.id)
        title = Renderer(lang).text(a.title) if a.title is not None else t(lang, PURPOSE[a.id])
        out += has(block, title, "purpose title") + has(block, t(lang, CITE[a.basis]), "basis")
    return out


def r9(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("recipients")
    out = []
    for r in p.recipients:
        out += has(s, r.service.entity.name, "recipient entity") + has(s, r.service.name, "service")
    out += [f"missing role of {r.service.id}" for r in p.recipients if t(lang, _role(r.service.role)) not in s]
    return out


def _role(role: str) -> str:
    from generator.wording import ROLE

    return ROLE[role]


def r13(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("transfers")
    r = Renderer(lang)
    out = has(s, m(lang, "eea"), "EEA statement")
    for tr in p.transfers:
        country = str(r.country(tr.country)) if tr.country else m(lang, "unlisted_countries")
        out += has(s, country, "country") + has(s, t(lang, MECHANISM[tr.mechanism]), "mechanism")
    return out


def r7(doc: Doc, lang: str, p: Policy) -> list[str]:
    r = Renderer(lang)
    return [
        f"{a.id}: data {d} missing"
        for a in p.activities
        for d in a.data
        if str(r.label("data", d)) not in purpose_block(doc, a.id)
    ]


def r14(doc: Doc, lang: str, p: Policy) -> list[str]:
    return has(doc.section("transfers"), m(lang, "copy"), "how to obtain a copy") + has(
        doc.section("transfers"), p.contact.email, "where to ask"
    )


def r19(doc: Doc, lang: str, p: Policy) -> list[str]:
    r = Renderer(lang)
    return [
        f"no retention for {a.id}"
        for a in p.activities
        if str(r.retention(a.retention)) not in purpose_block(doc, a.id)
    ]


def r20(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("rights")
    out = [f"missing right {right.id}" for right in p.rights if t(lang, RIGHT[right.id]) not in s]
    if p.right("portability"):
        out += has(s, m(lang, "portability_condition"), "portability condition")
    return out


def r21(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("rights")
    return has(s, m(lang, "withdraw_any_time"), "withdraw any time") + has(s, m(lang, "withdraw_lawful"), "lawfulness")


def r22(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("complaint")
    out = has(s, m(lang, "complaint"), "Art. 77(1)")
    for a in p.authorities:
        out += has(s, a.name[lang], "authority name")
    return out


def r23(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("automated-decisions")
    r = Renderer(lang)
    out = []
    for d in p.automated_decisions:
        out += has(s, r.text(d.logic), "logic") + has(s, r.text(d.significance), "significance")
    return out


def r24(doc: Doc, lang: str, p: Policy) -> list[str]:
    return has(doc.section("automated-decisions"), m(lang, "art22_safeguards"), "Art. 22(3) safeguards")


def r26(doc: Doc, lang: str, p: Policy) -> list[str]:
    out = [] if "objection" in doc.ids else ["no separate objection section"]
    return out + has(doc.section("objection"), m(lang, "objection_any_time"), "objection text")


def r27(doc: Doc, lang: str, p: Policy) -> list[str]:
    return has(doc.section("objection"), m(lang, "objection_marketing"), "direct-marketing objection")


def r46(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("changes")
    return (
        has(s, m(lang, "changes_active"), "active notification")
        + has(s, m(lang, "changes_advance"), "advance")
        + has(s, str(Renderer(lang).date(p.effective_date)), "effective date")
    )


def r47(doc: Doc, lang: str, p: Policy) -> list[str]:
    s = doc.section("summary")
    out = [] if doc.ids[:2] == ["privacy-policy", "summary"] else ["the first layer is not first"]
    out += has(s, p.controller.name, "controller in first layer") + has(s, p.contact.email, "contact")
    r = Renderer(lang)
    out += [f"purpose {a.id} not in first layer" for a in p.activities if str(r.purpose_inline(a.id, p)) not in s]
    for target in ("#controller", "#purposes", "#rights"):
        out += [] if f'href="{target}"' in doc.page else [f"first layer lacks a link to {target}"]
    if p.transfers:
        out += [] if 'href="#transfers"' in doc.page else ["transfers not flagged in the first layer"]
    return out


def recruitment(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Applications: art. 22¹ § 1 KP data on art. 6(1)(c), art. 6(1)(b) for other contracts, consent
    under art. 22¹a KP for more, CVs in the recruitment tools; future recruitment for the months given."""
    block = purpose_block(doc, "job_applications")
    out = has(block, m(lang, "kp_221"), "art. 22¹ § 1 KP") + has(block, m(lang, "pre_contract"), "art. 6(1)(b)")
    out += has(block, m(lang, "recruitment_end"), "retention until the recruitment ends")
    if p.activity("job_applications").services:  # type: ignore[union-attr]
        out += has(block, m(lang, "recruitment_tools"), "CVs in the recruitment tools")
    extra = purpose_block(doc, "application_extra_data")
    out += has(extra, t(lang, CITE["consent"]), "consent") + has(extra, m(lang, "kp_221a"), "art. 22¹a KP")
    future = p.activity("future_recruitment")
    if future is not None:
        words = str(Renderer(lang).retention(future.retention))
        out += has(purpose_block(doc, "future_recruitment"), words, "months of the consent")
    return out


def session_recording(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Session recording apart from statistics: consent under the device rule, what is recorded, the
    masked form input (when the answers say so) and what the tool keeps."""
    block = purpose_block(doc, "session_recording")
    activity = p.activity("session_recording")
    assert activity is not None
    out = has(block, t(lang, CITE["consent"]), "consent") + has(block, m(lang, "pke_399"), "art. 399 PKE")
    out += has(block, t(lang, DATA["session_activity"]), "what is recorded")
    out += has(block, str(Renderer(lang).retention(activity.retention)), "what the tool keeps")
    if "input_masked" in activity.notes:
        out += has(block, m(lang, "input_masked"), "masked form input")
    return out


def recipients_named(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Each service with its purpose (Art. 13(1)(e)); authorities only when the law requires it."""
    s = doc.section("recipients")
    out = []
    for r in p.recipients:
        out += has(s, f"{r.service.name}: {text_in(r.service.purpose, lang)}", f"purpose of {r.service.id}")
    if p.authorities_on_request:
        out += has(s, m(lang, "authorities_law"), "authorities only when the law requires it")
    return out


def order_recipients(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Art. 14: the recipient named by the buyer, on art. 6(1)(f), with the buyer as the source;
    the buyer's own data stay on art. 6(1)(b)."""
    block = purpose_block(doc, "order_recipients")
    out = has(block, t(lang, CITE["legitimate_interest"]), "art. 6(1)(f)")
    out += has(block, t(lang, SOURCE["buyer"]), "source")
    out += has(block, m(lang, "buyer_contract"), "the buyer's contract is not the recipient's")
    return out + has(purpose_block(doc, "orders"), t(lang, CITE["contract"]), "the buyer on art. 6(1)(b)")


def child_data(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Art. 14: a child's data from the parent, the parent's declaration, and a children section that fits."""
    block = purpose_block(doc, "child_data")
    out = has(block, t(lang, SOURCE["parent"]), "source: the parent")
    if "parent_declaration" in p.activity("child_data").notes:  # type: ignore[union-attr]
        out += has(block, m(lang, "parent_declaration"), "the parent's declaration of authority")
    children = doc.section("children")
    out += has(children, m(lang, "child_not_offered"), "children section: data from parents")
    if not p.directed_at_children:
        out += has(children, m(lang, "child_own_data"), "children section: only data a child gave itself are deleted")
    return out


def business_contacts(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Art. 14: contact persons at business clients, on art. 6(1)(f), with their employer as the source."""
    block = purpose_block(doc, "business_contacts")
    out = has(block, t(lang, CITE["legitimate_interest"]), "art. 6(1)(f)")
    return out + has(block, t(lang, SOURCE["employer"]), "source: the employer")


def intermediary(doc: Doc, lang: str, p: Policy) -> list[str]:
    """Selling on behalf of others: the seller, not the operator, is party to the sale; the operator passes
    the order on under its own platform contract (art. 6(1)(b)); each seller is an independent controller
    of what it receives (controller and recipients sections); the pickup points with their addresses."""
    block = purpose_block(doc, "intermediary_orders")
    out = has(doc.section("controller"), m(lang, "seller_independent"), "sellers as independent controllers")
    out += has(block, m(lang, "not_seller"), "the contract of sale is with the seller")
    out += has(block, t(lang, CITE["contract"]), "art. 6(1)(b) for passing the order on")
    out += has(doc.section("recipients"), m(lang, "sellers_receive"), "the sellers among the recipients")
    for point in p.intermediary.pickup_points if p.intermediary else ():
        out += has(block, point.address, f"the address of the pickup point {point.name}")
    return out


def forbidden(doc: Doc, lang: str, p: Policy) -> list[str]:
    text = f" {doc.text} "
    return [f"forbidden text {bad!r}" for bad in FORBIDDEN[lang] if bad in text]


def is_polish(p: Policy) -> bool:
    return p.polish_law


def always(p: Policy) -> bool:
    return True


RULES = [
    Rule("R1", ("controller",), always, r1),
    Rule(
        "R2",
        ("controller",),
        lambda p: p.representative is not None,
        lambda d, lang, p: has(d.section("representative"), p.representative.name, "representative"),
    ),
    Rule(
        "R3",
        ("controller",),
        lambda p: p.dpo is not None,
        lambda d, lang, p: (
            has(d.section("dpo"), p.dpo.name, "DPO name") + has(d.section("dpo"), p.dpo.email, "DPO e-mail")
        ),
    ),
    Rule("R4", ("controller",), lambda p: p.joint is not None, r4),
    Rule("R5", ("purposes",), always, r5),
    Rule(
        "R6",
        ("purposes",),
        lambda p: p.has_basis("legitimate_interest"),
        per_activity(lambda p, lang, a: t(lang, INTEREST[a.interest]) if a.interest else None),
    ),
    Rule("R7", ("purposes",), always, r7),
    Rule("R8", ("purposes",), always, per_activity(lambda p, lang, a: t(lang, SOURCE[a.source]))),
    Rule("R9", ("recipients",), lambda p: bool(p.recipients), r9),
    Rule(
        "R10",
        ("purposes",),
        always,
        per_activity(
            lambda p, lang, a: (
                t(lang, REQUIREMENT[a.requirement]) + ("; " + t(lang, CONSEQUENCE[a.id]) if a.title is None else "")
            )
        ),
    ),
    Rule("R13", ("transfers",), always, r13),
    Rule("R14", ("transfers",), lambda p: any(tr.mechanism in ("scc", "bcr") for tr in p.transfers), r14),
    Rule("R15", ("transfers",), lambda p: bool(p.transfers), r13),
    Rule("R19", ("purposes",), always, r19),
    Rule("R20", ("rights",), always, r20),
    Rule("R21", ("rights",), lambda p: p.has_basis("consent"), r21),
    Rule("R22", ("complaint",), always, r22),
    Rule("R23", ("automated-decisions",), lambda p: bool(p.automated_decisions), r23),
    Rule("R24", ("automated-decisions",), lambda p: any(d.basis != "law" for d in p.automated_decisions), r24),
    Rule(
        "R25",
        ("automated-decisions",),
        lambda p: p.profiling is not None,
        lambda d, lang, p: has(d.section("automated-decisions"), Renderer(lang).text(p.profiling), "profiling"),
    ),
    Rule(
        "R23-none",
        ("automated-decisions",),
        lambda p: not p.automated_decisions,
        lambda d, lang, p: has(d.section("automated-decisions"), m(lang, "art22_none"), "no Art. 22 statement"),
    ),
    Rule(
        "R26",
        ("objection",),
        lambda p: p.right("objection") is not None or p.right("objection_marketing") is not None,
        r26,
    ),
    Rule("R27", ("objection",), lambda p: p.right("objection_marketing") is not None, r27),
    Rule("R32", ("summary",), always, r47),
    Rule(
        "R33", ("requests",), always, lambda d, lang, p: has(d.section("requests"), m(lang, "free"), "free of charge")
    ),
    Rule(
        "R34",
        ("requests",),
        always,
        lambda d, lang, p: (
            has(d.section("requests"), m(lang, "one_month"), "one month")
            + has(d.section("requests"), m(lang, "two_months"), "two further months")
            + has(d.section("requests"), m(lang, "extension_notice"), "notice of an extension (Art. 12(3))")
        ),
    ),
    Rule(
        "R35",
        ("requests",),
        always,
        lambda d, lang, p: has(d.section("requests"), m(lang, "no_action"), "judicial remedy"),
    ),
    Rule(
        "R36",
        ("requests",),
        always,
        lambda d, lang, p: has(d.section("requests"), m(lang, "identity"), "identity check"),
    ),
    Rule(
        "R37",
        ("children",),
        lambda p: p.children_age is not None,
        lambda d, lang, p: (
            has(d.section("children"), str(p.children_age), "age")
            + has(d.section("children"), m(lang, "child"), "parent")
            + has(d.section("children"), m(lang, "child_verify"), "verification (Art. 8(2))")
        ),
    ),
    Rule(
        "R38",
        ("summary",),
        lambda p: p.directed_at_children,
        lambda d, lang, p: has(d.section("summary"), m(lang, "younger"), "plain words for children"),
    ),
    Rule(
        "R39",
        ("cookies",),
        lambda p: p.cookie_consent,
        lambda d, lang, p: (
            has(d.section("cookies"), m(lang, "cookie_consent"), "consent rule")
            + has(d.section("cookies"), m(lang, "not_consent"), "no implied consent")
            + has(d.section("cookies"), m(lang, "consent_before"), "consent asked before the tools start")
        ),
    ),
    Rule(
        "R40",
        ("cookies",),
        lambda p: bool(p.cookies),
        lambda d, lang, p: has(d.section("cookies"), m(lang, "cookie_exempt"), "exemption"),
    ),
    Rule(
        "R41",
        ("cookies",),
        lambda p: bool(p.cookies),
        lambda d, lang, p: (
            [
                f"cookie {c.name} lacks lifetime"
                for c in p.cookies
                if str(Renderer(lang).period(c.lifetime)) not in d.section("cookies")
            ]
            + [f"cookie {c.name} not listed" for c in p.cookies if c.name not in d.section("cookies")]
            + has(d.section("cookies"), m(lang, "cookie_access"), "who can access each cookie")
        ),
    ),
    Rule(
        "R42",
        ("cookies",),
        lambda p: p.polish_law and bool(p.cookies),
        lambda d, lang, p: has(d.section("cookies"), m(lang, "pke_399"), "art. 399 PKE"),
    ),
    Rule(
        "R43",
        ("purposes",),
        lambda p: p.polish_law and p.activity("newsletter") is not None,
        lambda d, lang, p: has(purpose_block(d, "newsletter"), m(lang, "pke_398"), "art. 398 PKE"),
    ),
    Rule(
        "R44",
        ("security",),
        lambda p: p.e_services,
        lambda d, lang, p: (
            has(d.section("online-risks"), m(lang, "online_risks"), "risks")
            + has(d.section("online-risks"), m(lang, "risks_body"), "what to do about them")
        ),
    ),
    Rule(
        "recruitment", ("purposes",), lambda p: p.polish_law and p.activity("job_applications") is not None, recruitment
    ),
    Rule("session_recording", ("purposes",), lambda p: p.activity("session_recording") is not None, session_recording),
    Rule("recipients_named", ("recipients",), lambda p: p.authorities_on_request, recipients_named),
    Rule("art14-recipient", ("purposes",), lambda p: p.activity("order_recipients") is not None, order_recipients),
    Rule("art14-child", ("purposes", "children"), lambda p: p.activity("child_data") is not None, child_data),
    Rule("art14-b2b", ("purposes",), lambda p: p.activity("business_contacts") is not None, business_contacts),
    Rule("intermediary", ("controller", "purposes", "recipients"), lambda p: p.intermediary is not None, intermediary),
    Rule("R45", ("controller",), always, r1),
    Rule("R46", ("changes",), always, r46),
    Rule("R47", ("summary",), always, r47),
    Rule("R50", ("complaint",), lambda p: bool(p.authorities), r22),
    Rule(
        "R51-R52", ("summary", "controller", "purposes", "cookies", "rights", "requests", "changes"), always, forbidden
    ),
    Rule(
        "special",
        ("special-categories",),
        always,
        lambda d, lang, p: has(d.section("special-categories"), m(lang, "special"), "Art. 9"),
    ),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", RULE_LANGS)
@pytest.mark.parametrize("example", CASES, ids=lambda p: p.stem)
def test_every_applicable_rule_holds(example: Path, lang: str, fmt: str) -> None:
    policy = built(example)
    doc = make_doc(policy, lang, fmt)
    failures = {rule.id: errs for rule in RULES if rule.applies(policy) and (errs := rule.check(doc, lang, policy))}
    assert not failures, failures


def test_each_rule_applies_to_some_example() -> None:
    unused = [r.id for r in RULES if not any(r.applies(built(e)) for e in CASES)]
    assert not unused, f"rules no example exercises: {unused}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.check is not forbidden], ids=lambda r: r.id)
@pytest.mark.parametrize("lang", RULE_LANGS)
def test_rule_fails_without_its_clause(rule: Rule, lang: str) -> None:
    """Forbidden-text rules are proven by test_forbidden_text_is_detected instead."""
    example = next(e for e in CASES if rule.applies(built(e)))
    policy = built(example)
    stripped = replace(policy, sections=tuple(s for s in policy.sections if s not in rule.sections))
    assert rule.check(make_doc(stripped, lang, "html"), lang, stripped), f"{rule.id} passes without {rule.sections}"


@pytest.mark.parametrize("lang", RULE_LANGS)
def test_forbidden_text_is_detected(lang: str) -> None:
    policy = built(EXAMPLES[0])
    doc = make_doc(policy, lang, "html")
    for bad in FORBIDDEN[lang]:
        poisoned = Doc(doc.page.replace("</main>", f"<p>{html.escape(bad)}</p></main>"))
        assert forbidden(poisoned, lang, policy), bad


@pytest.mark.parametrize("rule", [r for r in RULES if r.check is not forbidden], ids=lambda r: r.id)
@pytest.mark.parametrize("lang", RULE_LANGS)
def test_rule_fails_without_each_clause(rule: Rule, lang: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Finer than removing a section: each fixed clause a rule looks for is deleted from the template
    that writes it (an overlay copy of the templates; the rest of the section stays), and the rule
    must then fail. Clauses that come from the message catalogs are cut from the rendered page."""
    example = next(e for e in CASES if rule.applies(built(e)))
    policy = built(example)
    doc = make_doc(policy, lang, "html")
    needles: list[str] = []
    monkeypatch.setattr(sys.modules[__name__], "NEEDLES", needles)
    assert not rule.check(doc, lang, policy)
    monkeypatch.setattr(sys.modules[__name__], "NEEDLES", None)
    clauses = [n for n in dict.fromkeys(needles) if n in MARKERS[lang].values()]
    sources = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "templates" / lang).glob("*.j2")}
    for i, clause in enumerate(clauses):
        owners = [name for name, text in sources.items() if clause in text]
        if not owners:
            cut = Doc(doc.page.replace(html.escape(clause, quote=False), ""))
        else:
            overlay = tmp_path / f"cut{i}"
            (overlay / lang).mkdir(parents=True)
            for name in owners:
                (overlay / lang / name).write_text(sources[name].replace(clause, ""), encoding="utf-8")
            cut = Doc(render(policy, lang, "html", overlay=overlay).text)
        assert rule.check(cut, lang, policy), f"{rule.id} still passes without {clause!r} ({owners or 'catalog'})"
