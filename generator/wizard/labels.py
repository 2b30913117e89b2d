"""Labels of the wizard's choices (message ids, translated when shown); no prompt library here."""

from __future__ import annotations

from ..i18n import N_
from ..wording import DATA, KIND, LEGAL_FORM, MECHANISM, PARTY, RECIPIENT_CATEGORY, ROLE, SECURITY

#: Labels of closed vocabularies, by question path (a test checks that every value has one).
LABELS: dict[str, dict[str, str]] = {
    "controllers[].legal_form": {
        **LEGAL_FORM,
        "sole_trader": N_("sole trader (jednoosobowa działalność gospodarcza)"),
        "foreign_company": N_("company registered outside Poland"),
    },
    "controllers[].owner.gender": {"female": N_("a woman"), "male": N_("a man")},
    "bookkeeping.form": {
        "full_books": N_("full accounting books (księgi rachunkowe)"),
        "kpir": N_("revenue and expense book (KPiR)"),
        "lump_sum": N_("lump-sum tax on recorded revenue (ryczałt)"),
    },
    "dpo.kind": {"internal": N_("our employee (internal)"), "external": N_("an outside firm (external)")},
    "custom_services[].role": ROLE,
    "custom_services[].transfers[].mechanism": MECHANISM,
    "custom_services[].data": DATA,
    "custom_services[].cookies[].kind": KIND,
    "custom_services[].cookies[].party": PARTY,
    "other_recipients": RECIPIENT_CATEGORY,
    "security": SECURITY,
    "custom_services[].category": {
        "analytics": N_("website statistics"),
        "tag_management": N_("tag management"),
        "advertising": N_("advertising"),
        "embed": N_("embedded content (videos, maps)"),
        "security": N_("protection against spam and attacks"),
        "newsletter": N_("newsletter"),
        "payments": N_("payments"),
        "delivery": N_("delivery"),
        "hosting": N_("hosting and IT infrastructure"),
        "shop_platform": N_("shop platform"),
        "accounting": N_("accounting and invoicing"),
        "communication": N_("e-mail and office tools"),
        "crm": N_("customer relationship management (CRM)"),
        "chat": N_("chat with visitors"),
        "scheduling": N_("booking appointments"),
        "webinar": N_("webinars"),
        "reviews": N_("reviews and surveys"),
        "social": N_("social media"),
        "consent": N_("cookie banner"),
        "session_recording": N_("session recording and heat maps"),
        "forms": N_("online forms"),
        "marketplace": N_("online marketplaces"),
        "recruitment": N_("recruitment"),
    },
}
#: Where visitors reopen their cookie choices (``consent_tool.link``; None: described in ``settings``).
CONSENT_LINK: dict[str | None, str] = {
    "footer": N_("a link in the footer of every page"),
    "button": N_("a floating button shown on every page"),
    None: N_("elsewhere: I will describe the place"),
}
#: Kinds of tools, in the order the services list groups them.
CATEGORY_LABELS = LABELS["custom_services[].category"]

#: The built-in wording of a purpose's basis or retention, offered as the first choice.
KEEP = N_("keep: %(current)s")
KEEP_UNKNOWN = N_("keep what the policy says now")
#: The ways of stating a retention (the alternative fields of ``overrides.RetentionOverride``).
RETENTION_FORM: dict[str, str] = {
    "days": N_("a number of days"),
    "months": N_("a number of months"),
    "years": N_("a number of years"),
    "statute": N_("a period set by law"),
    "criterion": N_("criteria in your own words"),
}
#: A legal basis with its citation: "your consent (Art. 6(1)(a) GDPR)".
BASIS_WITH_CITE = N_("%(basis)s (%(cite)s)")
