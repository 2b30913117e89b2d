"""How ``policygen diff`` words a change: typed values for ``terms.say``, never raw ids.

The functions here take an ``Event`` (see ``diffrules``) or a part of the policy and return the
change's label, old and new value: vocabulary labels, the user's own texts, countries, periods,
dates, lists joined the way each language joins them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .i18n import N_
from .languages import SOURCE
from .model import Controller
from .policy import Activity, CookieLine, Policy, TransferLine
from .terms import Country, Joined, Label, Listing, Msg, Period, Years
from .wording import ALL_PURPOSES, ONLY_PROVIDER, ONLY_US, WE_AND

if TYPE_CHECKING:
    from .diffrules import Event

Worded = tuple[object, object, object]  # label (None: the item itself), old, new

NEEDS_CONSENT = N_("consent")
EXEMPT = N_("exempt")
ON_DPF_LIST = N_("on the DPF list")
AGE_BY_COUNTRY = N_("the age set by the law of each country (13 to 16)")
JOINT_SCOPE = N_("what the controllers decide on together")
JOINT_INFORMATION = N_("who gives information about the processing")
JOINT_URL = N_("where the essence of the arrangement is published")
TRANSFER_FOR = N_("%(recipient)s (%(country)s) for %(service)s")
YES, NO = N_("yes"), N_("no")
EVERY_CASE = N_("in every case")
#: Where cookie choices are changed, when the answers name the place (``consent_tool.link``).
CONSENT_LINK = {
    "footer": N_("the cookie settings link in the footer of every page"),
    "button": N_("the cookie settings button shown on every page"),
}
DPA_EACH = N_("in an agreement concluded with each customer")
FORMS = {"sole_trader": N_("sole trader"), "foreign_company": N_("company established outside Poland")}

#: The facts about how a purpose works that the templates word in a sentence of their own.
NOTES = {
    "social_login": N_("signing in with another service"),
    "guest_checkout": N_("ordering without an account"),
    "account_required": N_("an account needed to order"),
    "free_trial": N_("the free trial"),
    "double_opt_in": N_("confirming the address (double opt-in)"),
    "moderated": N_("comments moderated before they appear"),
    "published_at_once": N_("comments published at once"),
    "remarketing": N_("remarketing"),
    "ksef": N_("invoices issued through the National e-Invoice System (KSeF)"),
    "apply_form_email": N_("applying through the form or by e-mail"),
    "apply_form": N_("applying through the form"),
    "apply_email": N_("applying by e-mail"),
    "recruitment_tools": N_("applications kept in recruitment tools"),
    "other_contracts": N_("applications for contracts other than employment"),
    "input_masked": N_("what you type into forms masked in recordings"),
    "input_recorded": N_("what you type into forms included in recordings"),
    "parent_declaration": N_("the person giving a child's data confirms they may do so"),
    "intermediary_sale": N_("who sells: the seller, not us"),
    "paid_to_operator": N_("payment accepted on the seller's behalf"),
    "paid_to_sellers": N_("payment made to the seller directly"),
    "pickup_points": N_("pickup points"),
    "own_fees_only": N_("invoices only for our own fees"),
    "seller_invoices": N_("invoices for the products issued by the seller"),
}

#: What each keyed list is called when its order changes.
LISTS = {
    "controllers": N_("controllers"),
    "activities": N_("purposes"),
    "recipients": N_("recipients"),
    "recipient_categories": N_("categories of recipients"),
    "transfers": N_("transfers outside the EEA"),
    "transfers_unknown": N_("services that may transfer data outside the EEA"),
    "transfers_unknown_controllers": N_("services that may transfer data outside the EEA"),
    "cookies": N_("cookies"),
    "cookies_unlisted": N_("tools without a full list of what they store"),
    "rights": N_("rights"),
    "authorities": N_("supervisory authorities"),
    "automated_decisions": N_("automated decisions"),
    "security": N_("security measures"),
    "changes": N_("history of changes"),
    "sections": N_("sections"),
    "services": N_("tools used only with consent"),
}


def listing(items: Iterable[object]) -> Listing | None:
    found = tuple(items)
    return Listing(found) if found else None


def yes_no(value: object) -> Msg:
    return Msg(YES if value else NO)


def differing(pairs: Iterable[tuple[object, object]]) -> tuple[object, object]:
    """The parts that differ, joined: what changed, not everything there is."""
    changed = [(a, b) for a, b in pairs if a != b]
    return Joined(tuple(a for a, _ in changed if a is not None)), Joined(tuple(b for _, b in changed if b is not None))


def purpose(activity: Activity) -> object:
    return activity.title if activity.title is not None else Label("purpose", activity.id)


def purpose_label(policy: Policy, ident: str) -> object:
    activity = policy.activity(ident)
    return Label("purpose", ident) if activity is None else purpose(activity)


def basis(basis: str) -> Joined:
    return Joined((Label("basis", basis), " (", Label("cite", basis), ")"), sep="")


def grounds(a: Activity) -> object:
    parts: list[object] = []
    if a.interest_text is not None or a.interest is not None:
        parts.append(a.interest_text if a.interest_text is not None else Label("interest", a.interest))
    if a.obligation_text is not None or a.obligation is not None:
        parts.append(a.obligation_text if a.obligation_text is not None else Label("obligation", a.obligation))
    if a.consent_law is not None:
        parts.append(Label("consent_law", a.consent_law))
    return Joined(tuple(parts), sep="; ") if parts else None


def requirement(a: Activity) -> Joined:
    parts = (Label("requirement", a.requirement), *((a.consequence_text,) if a.consequence_text else ()))
    return Joined(parts, sep="; ")


def address(address: Any) -> Joined:
    return Joined((address.street, f"{address.postal_code} {address.city}", Country(address.country)))


def identity(c: Controller | None) -> object:
    if c is None:
        return None
    form = Label("legal_form", c.legal_form) if c.legal_form not in FORMS else Msg(FORMS[c.legal_form])
    owner = (f"{c.owner.first_name} {c.owner.last_name}",) if c.owner else ()
    return Joined((c.name, *owner, form))


IDENTITY = ("seat", "nip", "regon", "krs", "registry_court", "share_capital", "vat_id", "company_code", "registry")
CONTACT = ("address", "email", "phone", "website")


def controller(e: Event) -> Worded:
    old, new = differing((str(getattr(e.o, f) or ""), str(getattr(e.n, f) or "")) for f in IDENTITY)
    if identity(e.o) != identity(e.n) or not old.items:
        old, new = identity(e.o), identity(e.n)
    return (e.n or e.o).name, old, new


def contact(e: Event) -> Worded:
    def value(c: Controller, name: str) -> object:
        found = getattr(c, name)
        return address(found) if name == "address" else found

    old, new = differing((value(e.o, f), value(e.n, f)) for f in CONTACT)
    return e.n.name, old, new


def position(policy: Policy, controller_id: str | None) -> str:
    ids = [c.id for c in policy.controllers]
    return str(ids.index(controller_id) + 1) if controller_id in ids else ""


def contact_point(p: Policy) -> object:
    assert p.joint is not None
    if p.joint.contact_point is None:
        return p.contact.email
    return Joined((p.contact.name, p.contact.email))


def people(p: Policy, which: str) -> object:
    person = getattr(p, which)
    if person is None:
        return None
    fields = ("name", "company", "email", "phone") if which == "dpo" else ("name", "email", "phone")
    values = [getattr(person, f, None) for f in fields]
    return Joined((*(v for v in values if v), *((address(person.address),) if person.address else ())))


def joint_parts(e: Event, names: tuple[str, ...]) -> Worded:
    msgs = {"scope": JOINT_SCOPE, "information_by": JOINT_INFORMATION, "arrangement_url": JOINT_URL}
    o, n = e.before.joint, e.after.joint
    changed = [Msg(msgs[f]) for f in names if o is None or n is None or getattr(o, f) != getattr(n, f)]
    return Listing(tuple(changed)), "", ""


def transfer_where(t: TransferLine) -> Msg:
    return Msg(TRANSFER_FOR, {"recipient": t.recipient, "country": Country(t.country), "service": t.service.name})


def mechanism(t: TransferLine) -> object:
    if t.dpf and t.mechanism != "dpf":
        return Joined((Label("mechanism", t.mechanism), Msg(ON_DPF_LIST)), sep="; ")
    return Label("mechanism", t.mechanism)


def transfer(e: Event) -> Worded:
    t = e.n or e.o
    return Joined((transfer_where(t), mechanism(t)), sep=" – "), "", ""


def access(c: CookieLine) -> Msg:
    if c.party == "third" and c.access:
        return Msg(ONLY_PROVIDER, {"provider": c.access})
    return Msg(WE_AND, {"provider": c.access}) if c.access else Msg(ONLY_US)


def cookie_facts(c: CookieLine) -> Joined:
    consent = Msg(NEEDS_CONSENT if c.consent else EXEMPT)
    return Joined((Label("kind", c.kind), Period(c.lifetime), Label("party", c.party), consent, access(c)))


def cookie_label(e: Event) -> str:
    c = e.n or e.o
    return f"{c.name} ({c.provider})"


def consent_words(e: Event) -> Worded:
    old = None if e.before.consent_tool is None else consent_place(e.before.consent_tool)
    new = e.after.contact.email if e.after.consent_tool is None else consent_place(e.after.consent_tool)
    return None, old, new


def consent_place(tool: Any) -> object:
    """Where cookie choices are changed: the answers' own words, or the place the policy words."""
    return Msg(CONSENT_LINK[tool.link]) if tool.link else tool.settings


def right(p: Policy, right: Any) -> object:
    if right is None:
        return None
    return listing(purpose_label(p, a) for a in right.activities) or Msg(EVERY_CASE)


def authority(a: Any) -> object:
    if a is None:
        return None

    return Joined((a.name, a.website))


def age(age: int | None) -> object:
    return Msg(AGE_BY_COUNTRY) if age is None else Years(age)


def sellers(p: Policy) -> object:
    """Who sells through the website (None when the business sells on its own account)."""
    return None if p.intermediary is None else p.intermediary.sellers


def processor(p: Policy) -> object:
    return None if not p.saas_processor else (p.dpa_url or Msg(DPA_EACH))


def profiling_item(e: Event) -> str:
    from .terms import say

    if e.old is None or e.new is None:
        return say(e.after.profiling or e.before.profiling, SOURCE)
    return ""


def both(old: Callable[[Any], object]) -> Callable[[Event], Worded]:
    """The label of the item and a value of each side."""
    return lambda e: (None, old(e.o), old(e.n))


def of_purpose(value: Callable[[Activity], object]) -> Callable[[Event], Worded]:
    return lambda e: (purpose(e.n), value(e.o), value(e.n))


def policy_value(value: Callable[[Policy], object]) -> Callable[[Event], Worded]:
    return lambda e: (None, value(e.before), value(e.after))


def recipient_details(e: Event) -> tuple[object, object]:
    def parts(r: Any, p: Policy) -> list[object]:
        entity = r.service.entity
        where = Joined((entity.address, Country(entity.country))) if entity.address else None
        arrangement = r.service.links.arrangement if r.service.role == "joint_controller" else None
        purposes = Msg(ALL_PURPOSES) if r.all_purposes else listing(purpose_label(p, a) for a in r.activities)
        return [where, r.service.links.privacy, arrangement, purposes]

    return differing(zip(parts(e.o, e.before), parts(e.n, e.after), strict=True))
