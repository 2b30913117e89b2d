"""The legal logic of the derive step, tested on facts alone (no template involved)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.derive import derive
from generator.model import Answers
from generator.policy import Retention
from generator.servicedef import ServiceDef

BASE: dict[str, Any] = {
    "controllers": [
        {
            "legal_form": "sp_zoo",
            "name": "Test sp. z o.o.",
            "address": {"street": "ul. Prosta 1", "postal_code": "00-001", "city": "Warszawa"},
            "email": "biuro@test.example",
            "nip": "6760000115",
            "krs": "0000123456",
        }
    ],
    "effective_date": "2026-01-01",
}


def service(sid: str, category: str, role: str = "processor", transfers=(), cookies=()) -> dict[str, Any]:
    return {
        "id": sid,
        "name": sid.title(),
        "category": category,
        "entity": {"name": f"{sid} Ltd", "country": "IE"},
        "role": role,
        "purpose": {"pl": "cel", "en": "purpose"},
        "data": ["ip_address"],
        "transfers": list(transfers),
        "cookies": list(cookies),
        "links": {"privacy": "https://example.com/privacy"},
        "sources": [
            {
                "url": "https://example.com/privacy",
                "checked": "2026-11-23",
                "facts": ["entity", "role", "transfers", "cookies", "links", "purpose"],
            }
        ],
    }


def policy(**changes: Any):
    data = copy.deepcopy(BASE)
    data.update(changes)
    answers = Answers.model_validate(data)
    services = {s.id: s for s in answers.custom_services}
    return derive(answers, services)


def basis_of(p, activity: str) -> str:
    found = p.activity(activity)
    assert found is not None, f"no activity {activity}"
    return found.basis


def test_website_logs_always_on_legitimate_interest_with_interest_named() -> None:
    p = policy()
    website = p.activity("website")
    assert website is not None
    assert website.basis == "legitimate_interest" and website.interest == "site_security"
    # No period in the answers: the criterion, never an assumed number (issue 15).
    assert website.retention == Retention("server_logs_criterion")
    given = policy(features={"website": {"log_retention_days": 30}}).activity("website")
    assert given is not None and given.retention == Retention("period", 30, "day")


def test_every_legitimate_interest_names_the_interest() -> None:
    p = policy(
        features={"contact": {}, "shop": {}, "comments": {}, "surveys": {}, "social_media": {"profiles": ["fb"]}},
        custom_services=[service("fb", "social", "joint_controller")],
    )
    li = [a for a in p.activities if a.basis == "legitimate_interest"]
    assert len(li) >= 5
    assert all(a.interest for a in li)


def test_shop_invoices_are_a_legal_obligation_kept_until_tax_limitation() -> None:
    p = policy(features={"shop": {}})
    invoices = p.activity("invoices")
    assert invoices is not None
    assert invoices.basis == "legal_obligation" and invoices.obligation == "tax_accounting"
    assert invoices.retention.rule == "tax_limitation"
    assert p.activity("claims").retention.rule == "claims_limitation"
    assert basis_of(p, "orders") == "contract"
    assert p.activity("orders").requirement == "contract"


def test_foreign_controller_gets_no_polish_statutes() -> None:
    lt = copy.deepcopy(BASE["controllers"][0])
    lt.update(
        {
            "legal_form": "foreign_company",
            "name": "UAB Test",
            "address": {"street": "Gedimino pr. 1", "postal_code": "LT-01103", "city": "Vilnius", "country": "LT"},
            "company_code": "305123456",
        }
    )
    for key in ("nip", "krs"):
        lt.pop(key)
    p = policy(controllers=[lt], features={"shop": {}})
    assert not p.polish_law
    assert p.activity("invoices").retention.rule == "tax_limitation_generic"
    assert p.activity("invoices").obligation == "tax_accounting_generic"
    assert p.children_age is None  # only Poland's age (16) is verified
    assert [a.country for a in p.authorities] == ["LT"]


def test_newsletter_is_consent_under_art_398_pke() -> None:
    p = policy(features={"newsletter": {"tool": "ml"}}, custom_services=[service("ml", "newsletter")])
    newsletter = p.activity("newsletter")
    assert newsletter.basis == "consent" and newsletter.consent_law == "pke_398"
    assert newsletter.retention.rule == "until_withdrawn"
    assert newsletter.services == ("ml",)
    assert p.right("withdraw_consent").activities == ("newsletter",)
    assert "newsletter" in p.right("objection_marketing").activities


def test_analytics_cookies_need_consent_under_art_399_pke() -> None:
    cookie = {"name": "_x", "lifetime": "2 years", "purpose": {"pl": "a", "en": "a"}, "party": "first", "consent": True}
    p = policy(services=["ga"], custom_services=[service("ga", "analytics", cookies=[cookie])])
    analytics = p.activity("analytics")
    assert analytics.basis == "consent" and analytics.consent_law == "pke_399"
    assert p.cookie_consent
    assert p.activity("consent_records") is not None
    assert [c.name for c in p.cookies] == ["_x"]


def test_portability_only_for_consent_and_contract() -> None:
    p = policy(features={"contact": {}, "shop": {}})
    portable = set(p.right("portability").activities)
    bases = {a.id: a.basis for a in p.activities}
    assert portable == {a for a, b in bases.items() if b in ("consent", "contract")}
    assert "contact" not in portable and "invoices" not in portable


def test_objection_lists_exactly_legitimate_interest_purposes() -> None:
    p = policy(features={"contact": {}, "shop": {}})
    objectable = set(p.right("objection").activities)
    assert objectable == {a.id for a in p.activities if a.basis == "legitimate_interest"}
    assert p.right("objection_marketing") is None
    assert "objection" in p.sections


def test_no_withdrawal_right_without_consent() -> None:
    p = policy(features={"contact": {}})
    assert p.right("withdraw_consent") is None
    assert not p.cookie_consent


def test_transfers_come_from_services_with_their_mechanism() -> None:
    transfers = [
        {"country": "US", "mechanism": "dpf", "recipient": "Parent Inc."},
        {"country": "IN", "mechanism": "scc"},
    ]
    p = policy(
        services=["a", "b"], custom_services=[service("a", "hosting", transfers=transfers), service("b", "hosting")]
    )
    assert [(t.service.id, t.country, t.mechanism, t.recipient) for t in p.transfers] == [
        ("a", "US", "dpf", "Parent Inc."),
        ("a", "IN", "scc", "a Ltd"),
    ]


def test_dpf_is_only_for_the_united_states() -> None:
    with pytest.raises(ValueError, match="dpf"):
        ServiceDef.model_validate(service("x", "hosting", transfers=[{"country": "IN", "mechanism": "dpf"}]))


def test_transfer_inside_eea_is_rejected() -> None:
    with pytest.raises(ValueError, match="transfer_inside_eea"):
        ServiceDef.model_validate(service("x", "hosting", transfers=[{"country": "DE", "mechanism": "scc"}]))


def test_hosting_serves_every_purpose() -> None:
    p = policy(features={"contact": {}}, services=["h"], custom_services=[service("h", "hosting")])
    (recipient,) = p.recipients
    assert recipient.activities == tuple(a.id for a in p.activities)


def test_saas_adds_processor_section_and_billing() -> None:
    p = policy(features={"saas": {"dpa_url": "https://example.com/dpa"}})
    assert p.saas_processor and "processor" in p.sections
    assert p.dpa_url == "https://example.com/dpa"
    assert p.activity("invoices") is not None and p.activity("saas_contract") is not None
    assert "processor" not in policy().sections


def test_automated_decisions_add_human_review_right() -> None:
    decision = {"name": "x", "logic": "y", "significance": "z", "basis": "contract", "data": ["email_address"]}
    p = policy(automated_decisions=[decision])
    assert p.right("human_review") is not None
    assert policy().right("human_review") is None


def test_marketing_profiling_flag_reaches_the_activity() -> None:
    p = policy(features={"marketing": {"remarketing": True, "profiling": True}})
    assert p.activity("marketing").profiling
    assert p.activity("marketing").basis == "consent"


def test_children_age_is_16_in_poland() -> None:
    assert policy().children_age == 16


def test_webinar_recording_needs_consent() -> None:
    p = policy(features={"webinars": {"tool": "w", "recording": True}}, custom_services=[service("w", "webinar")])
    assert basis_of(p, "webinars") == "contract"
    assert basis_of(p, "webinar_recording") == "consent"


def test_section_order_is_fixed_and_language_neutral() -> None:
    p = policy(features={"contact": {}})
    assert p.sections[0] == "summary" and p.sections[-1] == "changes"
    assert "cookies" not in p.sections  # no cookies, no cookie table


def test_unverified_transfers_are_never_reported_as_none() -> None:
    carrier = {k: v for k, v in service("kurier", "delivery", role="controller").items() if k != "transfers"}
    host = {k: v for k, v in service("serwer", "hosting").items() if k != "transfers"}
    p = policy(features={"shop": {"carriers": ["kurier"]}}, services=["serwer"], custom_services=[carrier, host])
    assert [s.id for s in p.transfers_unknown] == ["serwer"]  # a processor: we answer for its safeguards
    assert [s.id for s in p.transfers_unknown_controllers] == ["kurier"]  # a controller answers for its own
    verified = policy(
        features={"shop": {"carriers": ["kurier"]}}, custom_services=[service("kurier", "delivery", "controller")]
    )
    assert verified.transfers_unknown == () and verified.transfers_unknown_controllers == ()


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_no_claim_of_no_transfers_while_a_controller_is_unverified(lang: str) -> None:
    from generator.api import render

    carrier = {k: v for k, v in service("kurier", "delivery", role="controller").items() if k != "transfers"}
    text = render(policy(features={"shop": {"carriers": ["kurier"]}}, custom_services=[carrier]), lang, "md").text
    section = text[text.index("{#transfers}") :]
    assert "Żaden z odbiorców" not in section and "None of the recipients" not in section
    assert {"pl": "niezależnym administratorem", "en": "is an independent controller"}[lang] in section


@pytest.mark.parametrize("ident", ["contact", "recruitment"])
def test_custom_purpose_ids_are_unique_and_not_built_in(ident: str) -> None:
    from generator.catalogue import catalogue

    own = {
        "id": ident,
        "name": {"pl": "Własny", "en": "Own"},
        "basis": "consent",
        "data": ["identity"],
        "retention": {"pl": "1 rok", "en": "1 year"},
    }
    twice = [own, {**own}] if ident == "recruitment" else [own]
    answers = Answers.model_validate({**copy.deepcopy(BASE), "custom_purposes": twice})
    problems = answers.reference_problems({sid: s.category for sid, s in catalogue().items()})
    assert [(path, code) for path, code, _ in problems] == [
        (("custom_purposes", len(twice) - 1, "id"), "purpose_id_taken")
    ]
