"""Answers → Policy: the legal logic, in one place, without a word of policy text.

Which purposes exist, on which legal basis, for how long, who receives the data, where they go
and which rights apply all follow from the answers here. Templates only say it.
"""

from __future__ import annotations

from dataclasses import replace

from .catalogue import authorities
from .model import Answers, Contact
from .policy import Activity, Authority, CookieLine, Policy, Recipient, Retention, Right, TransferLine
from .servicedef import ServiceDef
from .vocab import SECTION_ORDER

#: Which activity a service of each category serves. Services of categories mapped to None
#: (hosting, e-mail and office suites…) support every activity.
CATEGORY_ACTIVITY: dict[str, str | None] = {
    "analytics": "analytics",
    "tag_management": "analytics",
    "advertising": "marketing",
    "embed": "embeds",
    "security": "security",
    "newsletter": "newsletter",
    "payments": "payments",
    "delivery": "orders",
    "shop_platform": "orders",
    "accounting": "invoices",
    "webinar": "webinars",
    "social": "social_media",
    "chat": "contact",
    "crm": "contact",
    "scheduling": "contact",
    "reviews": "reviews",
    "consent": "consent_records",
    "hosting": None,
    "communication": None,
}


def derive(answers: Answers, services: dict[str, ServiceDef]) -> Policy:
    """Compute the facts the policy must state. ``services`` maps every id the answers use."""
    used = [services[ref] for ref in answers.service_refs()]
    polish_law = all(c.address.country == "PL" for c in answers.controllers)
    activities = _activities(answers, used, polish_law)
    recipients = _recipients(used, activities)
    rights = _rights(answers, activities)
    policy = Policy(
        languages=tuple(answers.languages),
        controllers=tuple(answers.controllers),
        joint=answers.joint,
        dpo=answers.dpo,
        representative=answers.representative,
        polish_law=polish_law,
        activities=activities,
        services=tuple(used),
        recipients=recipients,
        recipient_categories=tuple(dict.fromkeys(answers.other_recipients)),
        transfers=tuple(
            TransferLine(s, t.country, t.mechanism, t.recipient or s.entity.name, t.dpf_listed)
            for s in used
            for t in s.transfers or ()
        ),
        # Processors whose transfers could not be verified: the policy must not claim there are none.
        transfers_unknown=tuple(s for s in used if s.transfers is None and s.role != "controller"),
        transfers_unknown_controllers=tuple(
            s for s in used if s.transfers is None and s.role == "controller" and not s.self_hosted
        ),
        cookies=_cookies(answers, used),
        cookies_unlisted=tuple(s for s in used if not s.cookies_complete),
        consent_tool=answers.consent_tool,
        rights=rights,
        authorities=_authorities(answers),
        # 16 is the age of art. 8(1) GDPR, which Polish law keeps; other countries may set 13-16.
        children_age=16 if polish_law else None,
        directed_at_children=answers.children.directed_at_children,
        children_min_age=answers.children.min_age or None,
        parental_consent=answers.children.parental_consent,
        saas_processor=answers.features.saas is not None,
        e_services=any(
            getattr(answers.features, name) is not None
            for name in ("accounts", "shop", "saas", "newsletter", "webinars", "comments")
        ),
        dpa_url=answers.features.saas.dpa_url if answers.features.saas else None,
        profiling=answers.profiling,
        automated_decisions=tuple(answers.automated_decisions),
        security=tuple(dict.fromkeys(answers.security)),
        effective_date=answers.effective_date,
        changes=tuple(sorted(answers.changes, key=lambda c: c.date, reverse=True)),
    )
    return _with_sections(policy, [(e.id, e.after) for e in answers.extra_sections])


def _activities(answers: Answers, used: list[ServiceDef], polish_law: bool) -> tuple[Activity, ...]:
    f = answers.features
    by_activity: dict[str, list[str]] = {}
    for service in used:
        target = CATEGORY_ACTIVITY[service.category]
        if target is not None:
            by_activity.setdefault(target, []).append(service.id)

    def svc(activity_id: str) -> tuple[str, ...]:
        return tuple(by_activity.get(activity_id, ()))

    def law(rule: str) -> Retention:
        # Polish statutes are cited only when every controller is established in Poland.
        return Retention(rule if polish_law else f"{rule}_generic")

    consent_law = "pke_399" if polish_law else "eprivacy"
    out: list[Activity] = [
        Activity(
            "website",
            "legitimate_interest",
            ("ip_address", "device_data", "usage_data"),
            Retention("days", f.website.log_retention_days),
            "technical",
            "your_device",
            interest="site_security",
        )
    ]
    if f.contact:
        out.append(
            Activity(
                "contact",
                "legitimate_interest",
                _contact_data(f.contact),
                Retention("months_after_matter", f.contact.keep_months),
                "voluntary",
                "you",
                interest="answering_messages",
                services=svc("contact"),
            )
        )
    if f.accounts:
        out.append(
            Activity(
                "account",
                "contract",
                ("identity", "contact", "account_credentials"),
                law("account_then_claims"),
                "contract",
                "you",
                notes=("social_login",) if f.accounts.social_login else (),
            )
        )
    sells = f.shop is not None or f.saas is not None
    if f.shop:
        order_data = ("identity", "contact", "postal_address", "company_data", "order_data", "delivery_data")
        out.append(
            Activity(
                "orders",
                "contract",
                order_data,
                law("contract_then_claims"),
                "contract",
                "you",
                services=svc("orders"),
                notes=("guest_checkout",) if f.shop.guest_checkout else ("account_required",),
            )
        )
    if f.saas:
        out.append(
            Activity(
                "saas_contract",
                "contract",
                ("identity", "contact", "company_data", "account_credentials", "usage_data"),
                law("contract_then_claims"),
                "contract",
                "you",
                notes=("free_trial",) if f.saas.trial else (),
            )
        )
        if f.saas.support:
            out.append(
                Activity(
                    "support",
                    "contract",
                    ("identity", "contact", "support_requests", "correspondence"),
                    law("contract_then_claims"),
                    "contract",
                    "you",
                    services=svc("contact"),
                )
            )
    if sells and svc("payments"):
        out.append(
            Activity(
                "payments",
                "contract",
                ("identity", "contact", "payment_data"),
                law("contract_then_claims"),
                "contract",
                "you",
                services=svc("payments"),
            )
        )
    if f.shop and f.shop.consumers:
        out.append(
            Activity(
                "consumer_rights",
                "legal_obligation",
                ("identity", "contact", "order_data", "correspondence"),
                law("claims_limitation"),
                # The statutory duty is ours; you are not obliged to complain, so giving data is voluntary.
                "voluntary",
                "you",
                obligation="consumer_law" if polish_law else "consumer_law_generic",
            )
        )
    if sells:
        out.append(
            Activity(
                "invoices",
                "legal_obligation",
                ("identity", "company_data", "billing_data", "order_data"),
                law("tax_limitation"),
                "law",
                "you",
                obligation="tax_accounting" if polish_law else "tax_accounting_generic",
                services=svc("invoices"),
            )
        )
        out.append(
            Activity(
                "claims",
                "legitimate_interest",
                ("identity", "contact", "order_data", "correspondence"),
                law("claims_limitation"),
                "not_collected",
                "our_records",
                interest="claims",
            )
        )
    if f.newsletter:
        by_consent = f.newsletter.basis == "consent"
        out.append(
            Activity(
                "newsletter",
                f.newsletter.basis,
                ("email_address", "preferences", "consent_records"),
                Retention("until_withdrawn" if by_consent else "until_objection"),
                "voluntary",
                "you",
                interest=None if by_consent else "direct_marketing",
                consent_law=("pke_398" if polish_law else "eprivacy_marketing") if by_consent else None,
                services=svc("newsletter"),
                notes=("double_opt_in",) if f.newsletter.double_opt_in else (),
            )
        )
    if f.webinars:
        out.append(
            Activity(
                "webinars",
                "contract",
                ("identity", "email_address", "webinar_participation"),
                law("contract_then_claims"),
                "contract",
                "you",
                services=svc("webinars"),
            )
        )
        if f.webinars.recording:
            out.append(
                Activity(
                    "webinar_recording",
                    "consent",
                    ("image_voice",),
                    Retention("until_withdrawn"),
                    "voluntary",
                    "you",
                    services=svc("webinars"),
                )
            )
    if f.comments:
        out.append(
            Activity(
                "comments",
                "legitimate_interest",
                ("comment_content", "email_address", "ip_address"),
                Retention("while_published"),
                "voluntary",
                "you",
                interest="comments",
                notes=("moderated",) if f.comments.moderation else ("published_at_once",),
            )
        )
    if f.surveys:
        out.append(
            Activity(
                "surveys",
                "legitimate_interest",
                ("email_address", "survey_answers"),
                Retention("until_objection"),
                "voluntary",
                "you",
                interest="service_quality",
                services=svc("reviews"),
            )
        )
    if svc("analytics"):
        out.append(
            Activity(
                "analytics",
                "consent",
                ("online_identifiers", "usage_data", "device_data", "ip_address"),
                # What the statistics tool keeps is a setting of the tool (GA4: 2 or 14 months): stated when
                # the answers give it; otherwise only the criterion, and `check` asks for the number.
                Retention("statistics_months", f.website.statistics_months)
                if f.website.statistics_months
                else Retention("statistics_tool"),
                "voluntary",
                "your_device",
                consent_law=consent_law,
                services=svc("analytics"),
            )
        )
    if svc("marketing") or (f.marketing and f.marketing.remarketing):
        out.append(
            Activity(
                "marketing",
                "consent",
                ("online_identifiers", "usage_data", "device_data", "ip_address"),
                Retention("cookie_lifetime"),
                "voluntary",
                "your_device",
                consent_law=consent_law,
                services=svc("marketing"),
                profiling=bool(f.marketing and f.marketing.profiling),
                notes=("remarketing",) if f.marketing and f.marketing.remarketing else (),
            )
        )
    if svc("embeds"):
        out.append(
            Activity(
                "embeds",
                "consent",
                ("online_identifiers", "device_data", "ip_address", "usage_data"),
                Retention("cookie_lifetime"),
                "voluntary",
                "your_device",
                consent_law=consent_law,
                services=svc("embeds"),
            )
        )
    if svc("security"):
        out.append(
            Activity(
                "security",
                "legitimate_interest",
                ("ip_address", "device_data", "usage_data"),
                Retention("cookie_lifetime"),
                "technical",
                "your_device",
                interest="abuse_prevention",
                services=svc("security"),
            )
        )
    if f.social_media:
        out.append(
            Activity(
                "social_media",
                "legitimate_interest",
                ("public_profile", "profile_posts", "correspondence"),
                Retention("until_objection"),
                "not_collected",
                "platform",
                interest="social_presence",
                services=svc("social_media"),
            )
        )
    if answers.profiling is not None:
        # Profiling without Art. 22 effects is still a purpose with a basis (R25); it is open to objection.
        out.append(
            Activity(
                "profiling",
                "legitimate_interest",
                ("usage_data", "online_identifiers", *(("order_data",) if f.shop else ())),
                Retention("until_objection"),
                "not_collected",
                "our_records_use",
                interest="tailoring_offers",
                profiling=True,
            )
        )
    for i, decision in enumerate(answers.automated_decisions, 1):
        basis = {"contract": "contract", "law": "legal_obligation", "explicit_consent": "consent"}[decision.basis]
        out.append(
            Activity(
                f"automated_decision_{i}",
                basis,
                tuple(decision.data),
                Retention("custom", text=decision.retention) if decision.retention else Retention("missing"),
                {"contract": "contract", "legal_obligation": "law", "consent": "voluntary"}[basis],
                "you",
                title=decision.name,
                obligation="automated_decision_law" if basis == "legal_obligation" else None,
            )
        )
    for custom in answers.custom_purposes:
        out.append(
            Activity(
                custom.id,
                custom.basis,
                tuple(custom.data),
                Retention("custom", text=custom.retention) if custom.retention else Retention("missing"),
                custom.requirement,
                custom.source,
                title=custom.name,
                interest_text=custom.interest,
                consequence_text=custom.consequence,
            )
        )
    # A consent management tool keeps records of choices even where nothing else needs consent.
    needs_consent = any(s.consent_needed or s.category == "consent" for s in used) or any(
        c.consent for c in answers.custom_cookies
    )
    if needs_consent:
        out.append(
            Activity(
                "consent_records",
                "legal_obligation",
                ("consent_records", "online_identifiers"),
                # Proof of consent must outlive a withdrawal (Art. 7(1) GDPR), so not "until withdrawn".
                law("consent_record"),
                "technical",
                "your_device",
                obligation="demonstrate_consent",
                services=svc("consent_records"),
            )
        )
    return tuple(out)


def _contact_data(contact: Contact) -> tuple[str, ...]:
    """What a message to us contains: the channels offered decide e-mail address and phone number."""
    channels = (("email_address",) if contact.form or contact.email else ()) + (
        ("phone_number",) if contact.phone else ()
    )
    return ("identity", *(channels or ("contact",)), "correspondence")


def _recipients(used: list[ServiceDef], activities: tuple[Activity, ...]) -> tuple[Recipient, ...]:
    present = [a.id for a in activities]
    out = []
    for service in used:
        if service.self_hosted:
            continue
        target = CATEGORY_ACTIVITY[service.category]
        served = tuple(a.id for a in activities if service.id in a.services)
        if target is None:
            served = tuple(present)
        out.append(Recipient(service, served, all_purposes=target is None))
    return tuple(out)


def _cookies(answers: Answers, used: list[ServiceDef]) -> tuple[CookieLine, ...]:
    lines = [
        CookieLine(
            c.name, s.name, c.lifetime, c.purpose, c.party, c.consent, c.kind, None if s.self_hosted else s.entity.name
        )
        for s in used
        for c in s.cookies
    ]
    lines += [
        CookieLine(
            c.name,
            c.provider or answers.controllers[0].name,
            c.lifetime,
            c.purpose,
            "third" if c.provider else "first",
            c.consent,
            access=c.provider,
        )
        for c in answers.custom_cookies
    ]
    return tuple(lines)


def _rights(answers: Answers, activities: tuple[Activity, ...]) -> tuple[Right, ...]:
    rights = [Right("access"), Right("rectification"), Right("erasure"), Right("restriction")]
    portable = tuple(a.id for a in activities if a.basis in ("consent", "contract"))
    if portable:
        rights.append(Right("portability", portable))
    objectable = tuple(a.id for a in activities if a.basis in ("legitimate_interest", "public_task"))
    if objectable:
        rights.append(Right("objection", objectable))
    marketing = tuple(a.id for a in activities if a.id in ("newsletter", "marketing"))
    if marketing:
        rights.append(Right("objection_marketing", marketing))
    consent = tuple(a.id for a in activities if a.basis == "consent")
    if consent:
        rights.append(Right("withdraw_consent", consent))
    if answers.automated_decisions:
        rights.append(Right("human_review"))
    rights.append(Right("complaint"))
    return tuple(rights)


def _authorities(answers: Answers) -> tuple[Authority, ...]:
    known = authorities()
    out: list[Authority] = []
    for country in dict.fromkeys(c.address.country for c in answers.controllers):
        entry = known.get(country)
        if entry is not None:
            out.append(
                Authority(
                    country,
                    str(entry["name_pl"]),
                    str(entry["name_en"]),
                    str(entry["website"]),
                    str(entry["address"]) if entry.get("address") else None,
                )
            )
    return tuple(out)


def _with_sections(policy: Policy, extra: list[tuple[str, str]]) -> Policy:
    skip = set()
    if not policy.cookies and not policy.cookies_unlisted:
        skip.add("cookies")
    if policy.right("objection") is None and policy.right("objection_marketing") is None:
        skip.add("objection")
    if not policy.saas_processor:
        skip.add("processor")
    order = list(SECTION_ORDER)
    for ident, after in extra:
        order.insert(order.index(after) + 1, ident)
    return replace(policy, sections=tuple(s for s in order if s not in skip))
