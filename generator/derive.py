"""Answers → Policy: the legal logic, in one place, without a word of policy text.

Which purposes exist, on which legal basis, for how long, who receives the data, where they go
and which rights apply all follow from the answers here. Templates only say it.
"""

from __future__ import annotations

from dataclasses import replace

from .catalogue import authorities
from .fields import LangText
from .model import Answers
from .policy import Activity, Authority, CookieLine, Policy, Recipient, Retention, Right, TransferLine
from .purposes import purpose_data
from .selection import select_purposes
from .servicedef import ServiceDef
from .vocab import SECTION_ORDER


def derive(answers: Answers, services: dict[str, ServiceDef]) -> Policy:
    """Compute the facts the policy must state. ``services`` maps every id the answers use."""
    used = [services[ref] for ref in answers.service_refs()]
    polish_law = all(c.address.country == "PL" for c in answers.controllers)
    activities = _activities(answers, used, polish_law)
    recipients = _recipients(answers, used, activities)
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
        # tools "used only with your consent" because their storage is not fully listed; the consent
        # tool is named in its own sentence instead (it runs to ask)
        cookies_unlisted=tuple(s for s in used if not s.cookies_complete and not s.asks_consent),
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
        intermediary=answers.features.shop.intermediary if answers.features.shop else None,
    )
    return _with_sections(policy, [(e.id, e.after) for e in answers.extra_sections])


def _activities(answers: Answers, used: list[ServiceDef], polish_law: bool) -> tuple[Activity, ...]:
    """The built-in purposes whose conditions hold (with the answers' overrides), then the
    automated decisions and the user's own purposes, then the built-in purposes marked ``last``."""
    chosen = select_purposes(answers, used, polish_law)
    first = tuple(a for a, record in chosen if not record.last)
    last = tuple(a for a, record in chosen if record.last)
    return first + _decisions(answers) + _custom(answers) + last


def _decisions(answers: Answers) -> tuple[Activity, ...]:
    out = []
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
    return tuple(out)


def _custom(answers: Answers) -> tuple[Activity, ...]:
    return tuple(
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
            collected_via=custom.collected_via,
        )
        for custom in answers.custom_purposes
    )


def _recipients(answers: Answers, used: list[ServiceDef], activities: tuple[Activity, ...]) -> tuple[Recipient, ...]:
    present = tuple(a.id for a in activities)
    infrastructure = purpose_data().infrastructure
    out = []
    for service in used:
        if service.self_hosted:
            continue
        use = answers.service_use.get(service.id)
        everywhere = service.category in infrastructure and not (use and use.purposes)
        served = present if everywhere else tuple(a.id for a in activities if service.id in a.services)
        out.append(Recipient(service, served, all_purposes=everywhere))
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
                    LangText.model_validate(entry["name"]),
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
