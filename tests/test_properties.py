"""Property-based: valid answers across every feature combination build in both languages and both
formats, and the output never carries template syntax, None, empty headings, empty list items,
placeholders, or a section id missing from the other language."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import build_policy, render
from generator.catalogue import catalogue
from generator.model import Answers

# Lower case only, so that user text cannot spell "None"; no braces or brackets, so that anything
# template-like in the output comes from us (hostile values are covered by test_hostile.py).
TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyząćęłńóśźż0123456789 .,-*_<>|&!", min_size=1, max_size=30).filter(
    lambda s: re.search(r"[a-ząćęłńóśźż]", s) is not None and not s.strip().startswith("-")
)
LANGTEXT = st.one_of(TEXT, st.builds(lambda pl, en: {"pl": pl, "en": en}, TEXT, TEXT))

ADDRESS = {"street": "ul. Testowa 1", "postal_code": "00-001", "city": "Warszawa"}
POLISH = [
    {"legal_form": "sp_zoo", "krs": "0000123456"},
    {"legal_form": "sa", "krs": "0000123457"},
    {"legal_form": "spolka_jawna", "krs": "0000123458"},
    {"legal_form": "foundation", "krs": "0000123459"},
    {"legal_form": "association", "krs": "0000123460"},
]
FREE_SERVICES = sorted(
    sid
    for sid, s in catalogue().items()
    if s.category in ("analytics", "tag_management", "advertising", "embed", "hosting", "communication", "security")
)


@st.composite
def controller(draw: st.DrawFn, ident: str, nip: str) -> dict[str, Any]:
    base: dict[str, Any] = {"id": ident, "name": draw(TEXT), "address": dict(ADDRESS), "email": f"{ident}@example.com"}
    kind = draw(st.sampled_from(["polish", "sole_trader", "lithuanian"]))
    if kind == "polish":
        base.update(draw(st.sampled_from(POLISH)), nip=nip)
        if base["legal_form"] in ("sp_zoo", "sa") and draw(st.booleans()):
            base["share_capital"] = draw(st.integers(min_value=5000, max_value=10**9))
    elif kind == "sole_trader":
        gender = draw(st.sampled_from(["female", "male"]))
        base.update(
            legal_form="sole_trader",
            nip=nip,
            owner={"first_name": draw(TEXT), "last_name": draw(TEXT), "gender": gender},
        )
    else:
        base.update(
            legal_form="foreign_company",
            address={"street": "Gedimino pr. 1", "postal_code": "LT-01103", "city": "Vilnius", "country": "LT"},
            company_code="305123456",
        )
    return base


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    controllers = [draw(controller("first", "6760000115"))]
    data: dict[str, Any] = {"controllers": controllers, "effective_date": "2026-06-01"}
    if draw(st.booleans()):
        controllers.append(draw(controller("second", "6760000121")))
        data["joint"] = {
            "contact_point": draw(st.sampled_from(["first", "second", None])),
            "requests_handled_by": "first",
            "information_by": "second",
            "scope": draw(LANGTEXT),
        }
    if draw(st.booleans()):
        data["dpo"] = {"kind": "external", "name": draw(TEXT), "company": draw(TEXT), "email": "iod@example.com"}
    features: dict[str, Any] = {}
    if draw(st.booleans()):
        features["contact"] = {"keep_months": draw(st.integers(1, 120)), "phone": draw(st.booleans())}
    if draw(st.booleans()):
        features["accounts"] = {}
    if draw(st.booleans()):
        features["shop"] = {
            "payments": draw(st.lists(st.sampled_from(["przelewy24", "payu", "stripe"]), unique=True)),
            "carriers": draw(st.lists(st.sampled_from(["inpost", "dpd-polska"]), unique=True)),
            "consumers": draw(st.booleans()),
        }
    if draw(st.booleans()):
        features["saas"] = {
            "support": draw(st.booleans()),
            "dpa_url": draw(st.sampled_from([None, "https://x.example/dpa"])),
        }
    if draw(st.booleans()):
        features["newsletter"] = {"tool": draw(st.sampled_from(["mailerlite", "mailchimp", "brevo"]))}
    if draw(st.booleans()):
        features["webinars"] = {
            "tool": draw(st.sampled_from(["clickmeeting", "zoom"])),
            "recording": draw(st.booleans()),
        }
    for name in ("comments", "surveys"):
        if draw(st.booleans()):
            features[name] = {}
    if draw(st.booleans()):
        features["marketing"] = {"remarketing": draw(st.booleans()), "profiling": draw(st.booleans())}
    if draw(st.booleans()):
        features["social_media"] = {"profiles": ["facebook-page"]}
    data["features"] = features
    data["services"] = draw(st.lists(st.sampled_from(FREE_SERVICES), unique=True, max_size=6))
    if draw(st.booleans()):
        data["consent_tool"] = {"settings": draw(LANGTEXT)}
    if draw(st.booleans()):
        data["custom_cookies"] = [
            {
                "name": draw(TEXT),
                "lifetime": draw(st.sampled_from(["session", "1 day", "13 months", "2 years"])),
                "purpose": draw(LANGTEXT),
                "consent": draw(st.booleans()),
            }
        ]
    if draw(st.booleans()):
        data["custom_purposes"] = [
            {
                "id": "custom-one",
                "name": draw(LANGTEXT),
                "basis": draw(st.sampled_from(["consent", "contract", "legitimate_interest"])),
                "interest": draw(LANGTEXT),
                "data": ["identity", "contact"],
                "retention": draw(LANGTEXT),
            }
        ]
    if draw(st.booleans()):
        data["profiling"] = draw(LANGTEXT)
    if draw(st.booleans()):
        data["automated_decisions"] = [
            {
                "name": draw(LANGTEXT),
                "logic": draw(LANGTEXT),
                "significance": draw(LANGTEXT),
                "basis": draw(st.sampled_from(["contract", "law", "explicit_consent"])),
                "data": ["email_address"],
            }
        ]
    data["security"] = draw(st.lists(st.sampled_from(["tls", "backups", "two_factor", "logging"]), unique=True))
    data["children"] = {"directed_at_children": draw(st.booleans())}
    if draw(st.booleans()):
        data["changes"] = [{"date": "2026-01-01", "description": draw(LANGTEXT)}]
    return data


LEAKS = re.compile(r"\{\{|\}\}|\{%|%\}|\{##|##\}|\bNone\b(?! of the recipients)|\[•\]|\[ \]|\bUndefined\b")
EMPTY_HEADING = re.compile(r"^#{1,6}\s*(\{#[\w-]+\})?\s*$", re.M)
EMPTY_ITEM = re.compile(r"^\s*(-|\d+\.)\s*(\*\*[^*]*\*\*)?\s*[.;:]?\s*$", re.M)
EMPTY_CELL = re.compile(r"\|[ \t]*\|")
HEADING_IDS = re.compile(r"\{#([\w-]+)\}\s*$", re.M)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(answers())
def test_every_valid_answers_file_builds_cleanly(data: dict[str, Any]) -> None:
    answers_model = Answers.model_validate(data)
    assert answers_model.reference_problems({sid: s.category for sid, s in catalogue().items()}) == []
    policy = build_policy(answers_model)
    ids = {}
    for lang in ("pl", "en"):
        md = render(policy, lang, "md").text
        page = render(policy, lang, "html").text
        for text in (md, page):
            assert not LEAKS.search(text), LEAKS.search(text)
        assert not EMPTY_HEADING.search(md), EMPTY_HEADING.search(md)
        assert not EMPTY_ITEM.search(md), EMPTY_ITEM.search(md)
        assert not EMPTY_CELL.search(md), EMPTY_CELL.search(md)
        assert "<li></li>" not in page and "<td></td>" not in page
        ids[lang] = HEADING_IDS.findall(md)
    assert ids["pl"] == ids["en"]
