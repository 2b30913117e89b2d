"""Property-based: valid answers across every feature combination build in both languages and both
formats, and the output never carries template syntax, None, empty headings, empty list items or
labels, placeholders, or a section id missing from the other language.

The strategy draws every optional part of the answers model (``generator/model.py``);
``test_the_strategy_reaches_every_field_of_the_model`` fails when a field is added to the model
and the strategy does not draw it.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.api import build_policy, load_answers, render
from generator.catalogue import adequacy_countries, catalogue
from generator.errors import AnswersError
from generator.fields import LangText
from generator.model import Answers
from generator.overrides import Event, SourceId, Statute
from generator.purposes import builtin_purpose_ids
from generator.servicedef import ServiceDef
from generator.vocab import (
    CATEGORY_FEATURE,
    EEA,
    FORMS,
    OWN_FORM,
    SECTION_ORDER,
    Basis,
    DataCategory,
    Mechanism,
    RecipientCategory,
    Role,
    SecurityMeasure,
    ServiceCategory,
)

# Lower case only, so that user text cannot spell "None"; no braces or brackets, so that anything
# template-like in the output comes from us (hostile values are covered by test_hostile.py); no
# punctuation at the start or after a blank, so that " ." in the output means a value went missing.
TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyząćęłńóśźż0123456789 .,-*_<>|&!", min_size=1, max_size=30).filter(
    lambda s: (
        re.search(r"[a-ząćęłńóśźż]", s) is not None
        and re.match(r"\s*[-.,;:]", s) is None
        and re.search(r"\s[.,;:]", s) is None
    )
)
LANGTEXT = st.builds(lambda pl, en: {"pl": pl, "en": en}, TEXT, TEXT)
FREE_TEXT = LANGTEXT  # every language of the policy has its own text
URL = st.sampled_from(["https://x.example/a", "https://example.com/privacy", "http://y.example:8080/p?q=1"])
PHONE = st.sampled_from(["+48 22 123 45 67", "+48 601 234 567", "+370 5 212 3456"])
LIFETIME = st.sampled_from(["session", "30 minutes", "1 hour", "1 day", "13 months", "2 years"])
DATE = st.sampled_from(["2025-01-01", "2025-07-21", "2026-01-15", "2026-06-01"])
BOOL = st.booleans()
INDEX = st.integers(0, 63)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The value or ``None`` (left out by ``compact``): every optional field is sometimes absent."""
    return st.one_of(st.none(), strategy)


def compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def choices(literal: Any) -> list[str]:
    return list(get_args(literal))


def one_of(values: list[Any]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


# Strategies are built once here: building them inside every draw costs more than the rendering.
M_TEXT, M_FREE_TEXT, M_URL, M_PHONE, M_BOOL = map(maybe, (TEXT, FREE_TEXT, URL, PHONE, BOOL))
#: Values added to a vocabulary after the seeded examples were drawn: drawn last (see ``answers``).
NEW_DATA = ["session_activity"]
NEW_RECIPIENTS = ["marketing_agencies", "couriers", "pickup_points", "public_authorities"]
DATA = st.lists(one_of([c for c in choices(DataCategory) if c not in NEW_DATA]), min_size=1, max_size=3, unique=True)

PL_ADDRESS = {"street": "ul. Testowa 1", "postal_code": "00-001", "city": "Warszawa"}
#: Addresses outside Poland: in the EEA (LT, DE) and outside it (US; CA and CH have adequacy decisions).
FOREIGN_ADDRESS = {
    "LT": {"street": "Gedimino pr. 1", "postal_code": "LT-01103", "city": "Vilnius", "country": "LT"},
    "DE": {"street": "Hauptstraße 5", "postal_code": "10115", "city": "Berlin", "country": "DE"},
    "US": {"street": "1 Main Street", "postal_code": "10001", "city": "New York", "country": "US"},
    "CA": {"street": "100 King Street West", "postal_code": "M5X 1A9", "city": "Toronto", "country": "CA"},
    "CH": {"street": "Bahnhofstrasse 1", "postal_code": "8001", "city": "Zürich", "country": "CH"},
}
POLISH = one_of(
    [
        {"legal_form": "sp_zoo", "krs": "0000123456"},
        {"legal_form": "sa", "krs": "0000123457"},
        {"legal_form": "spolka_jawna", "krs": "0000123458"},
        {"legal_form": "spolka_komandytowa", "krs": "0000123461"},
        {"legal_form": "spolka_partnerska", "krs": "0000123462"},
        {"legal_form": "foundation", "krs": "0000123459"},
        {"legal_form": "association", "krs": "0000123460"},
    ]
)
CONTROLLER_KIND = one_of(["polish", "sole_trader", "foreign"])
FOREIGN = one_of(sorted(FOREIGN_ADDRESS))
CAPITAL = st.integers(min_value=5000, max_value=10**9)
OUTSIDE_EEA = ["US", "CA", "CH", "GB", "IN", "JP"]
CATALOGUE = catalogue()
BY_CATEGORY = {c: sorted(sid for sid, s in CATALOGUE.items() if s.category == c) for c in choices(ServiceCategory)}
SERVICES = st.lists(one_of(sorted(CATALOGUE)), unique=True, max_size=8)
MECHANISM = one_of(choices(Mechanism))
ADEQUATE = one_of(sorted(adequacy_countries()))
SCC_COUNTRY = one_of([None, *OUTSIDE_EEA])
ENTITY_COUNTRY = one_of(["PL", "DE", "IE", *OUTSIDE_EEA])
CUSTOM_IDS = st.lists(one_of(["own-crm", "own-widget", "own-consent"]), unique=True, max_size=2)
PURPOSE_IDS = st.lists(one_of(["custom-one", "custom-two"]), unique=True, max_size=2)
EXTRA_IDS = st.lists(one_of(["house-rules", "recruitment"]), unique=True, max_size=2)


def draw_controller(draw: st.DrawFn, ident: str, nip: str) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": ident,
        "name": draw(TEXT),
        "address": dict(PL_ADDRESS),
        "email": f"{ident}@example.com",
        "phone": draw(M_PHONE),
        "website": draw(M_URL),
    }
    kind = draw(CONTROLLER_KIND)
    if kind == "polish":
        base.update(draw(POLISH), nip=nip, registry_court=draw(M_TEXT))
        if base["legal_form"] in ("sp_zoo", "sa") and draw(BOOL):
            base["share_capital"] = draw(CAPITAL)
        base["seat"] = draw(M_FREE_TEXT)
        if base["registry_court"] is not None and draw(BOOL):  # a court named per language
            base["registry_court"] = draw(LANGTEXT)
    elif kind == "sole_trader":
        gender = draw(one_of(["female", "male"]))
        base.update(
            legal_form="sole_trader",
            nip=nip,
            owner={"first_name": draw(TEXT), "last_name": draw(TEXT), "gender": gender},
        )
    else:
        country = draw(FOREIGN)
        base.update(legal_form="foreign_company", address=dict(FOREIGN_ADDRESS[country]), registry=draw(M_TEXT))
        if country == "LT":
            base.update(company_code="305123456", vat_id="LT100001919017" if draw(BOOL) else None)
    if kind != "foreign":
        base.update(regon="123456785" if draw(BOOL) else None, vat_id=f"PL{nip}" if draw(BOOL) else None)
    return compact(base)


def draw_transfer(draw: st.DrawFn) -> dict[str, Any]:
    mechanism = draw(MECHANISM)
    country = draw(ADEQUATE) if mechanism == "adequacy" else "US" if mechanism == "dpf" else draw(SCC_COUNTRY)
    out = {"mechanism": mechanism, "recipient": draw(M_TEXT)}
    if country == "US":
        out["dpf"] = True if mechanism == "dpf" else draw(M_BOOL)
    return {"country": country, **compact(out)}


def draw_custom_service(draw: st.DrawFn, ident: str, categories: list[str]) -> dict[str, Any]:
    self_hosted = draw(BOOL)
    transfers = [] if self_hosted else [draw_transfer(draw) for _ in range(draw(st.integers(0, 2)))]
    source_url = draw(URL)
    cookies = [
        {
            "name": draw(TEXT),
            "lifetime": draw(LIFETIME),
            "purpose": draw(LANGTEXT),
            "party": "first" if self_hosted or draw(BOOL) else "third",
            "consent": draw(BOOL),
            "kind": draw(one_of(["cookie", "local_storage", "pixel"])),
            # A cookie's source is optional in custom services; a page must be among the cookies sources.
            "source": draw(one_of([None, source_url, "ocd:256c18e8-d881-11e9-8a34-2a2ae2dbcce4"])),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    links = {"privacy": draw(URL), "opt_out": draw(M_URL), "dpa": draw(M_URL)}
    links.update(arrangement=draw(M_URL), cookies=draw(M_URL))
    facts = ["entity", "role", "transfers", "cookies", "links", "purpose", "hosts", "joint_scope"]
    return compact(
        {
            "id": ident,
            "name": draw(st.one_of(TEXT, LANGTEXT)),  # one name, or a name per language
            # Only categories whose feature is on (otherwise the model refuses the file); "own-consent"
            # is a consent banner, so that consent_tool.service has a tool to name.
            "category": "consent" if ident == "own-consent" else categories[draw(INDEX) % len(categories)],
            "entity": compact({"name": draw(TEXT), "address": draw(M_TEXT), "country": draw(ENTITY_COUNTRY)}),
            "role": draw(one_of(choices(Role))),
            "purpose": draw(LANGTEXT),
            "data": draw(DATA),
            # Left out: not verified (the policy must not claim there are none).
            "transfers": None if not self_hosted and draw(BOOL) else transfers,
            "cookies": cookies,
            "cookies_complete": draw(BOOL),
            "links": compact(links),
            "hosts": draw(
                st.lists(one_of(["cdn.x.example", "*.example.com", "api.y.example"]), unique=True, max_size=2)
            ),
            "sources": [{"url": source_url, "checked": draw(DATE), "facts": facts}],
            "self_hosted": self_hosted,
            "joint_scope": draw(maybe(st.just("collection"))),
        }
    )


def draw_features(draw: st.DrawFn) -> dict[str, Any]:
    features: dict[str, Any] = {}
    if draw(BOOL):
        features["website"] = compact(
            {"log_retention_days": draw(st.integers(1, 3650)), "statistics_months": draw(maybe(st.integers(1, 120)))}
        )
    if draw(BOOL):
        features["contact"] = compact(
            {
                "form": draw(M_BOOL),
                "email": draw(M_BOOL),
                "phone": draw(M_BOOL),
                "keep_months": draw(maybe(st.integers(1, 120))),
            }
        )
    if draw(BOOL):
        features["accounts"] = compact({"social_login": draw(M_BOOL)})
    if draw(BOOL):
        features["shop"] = compact(
            {
                "payments": draw(st.lists(one_of(BY_CATEGORY["payments"]), unique=True, max_size=3)),
                "carriers": draw(st.lists(one_of(BY_CATEGORY["delivery"]), unique=True, max_size=2)),
                "guest_checkout": draw(M_BOOL),
                "consumers": draw(M_BOOL),
            }
        )
    if draw(BOOL):
        features["saas"] = compact({"support": draw(M_BOOL), "dpa_url": draw(M_URL), "trial": draw(M_BOOL)})
    if draw(BOOL):
        features["newsletter"] = compact(
            {
                "tool": draw(one_of(BY_CATEGORY["newsletter"])),
                "double_opt_in": draw(M_BOOL),
                "basis": draw(maybe(one_of(["consent", "legitimate_interest"]))),
                "unsubscribe": draw(M_BOOL),
            }
        )
    if draw(BOOL):
        features["webinars"] = compact({"tool": draw(one_of(BY_CATEGORY["webinar"])), "recording": draw(M_BOOL)})
    if draw(BOOL):
        features["comments"] = compact({"moderation": draw(M_BOOL)})
    if draw(BOOL):
        features["surveys"] = compact({"tool": draw(maybe(one_of(BY_CATEGORY["reviews"])))})
    if draw(BOOL):
        features["marketing"] = compact({"remarketing": draw(M_BOOL), "profiling": draw(M_BOOL)})
    if draw(BOOL):
        features["social_media"] = {"profiles": BY_CATEGORY["social"]}
    return features


def usable_categories(features: dict[str, Any]) -> list[str]:
    """Service categories whose feature (if any is needed) is on."""
    return [
        c
        for c in choices(ServiceCategory)
        if c not in CATEGORY_FEATURE or any(f in features for f in CATEGORY_FEATURE[c])
    ]


RETENTION_OVERRIDE = st.one_of(
    st.builds(
        lambda unit, n, after: compact({unit: n, "after": after}),
        one_of(["days", "months", "years"]),
        st.integers(1, 36),
        maybe(one_of(choices(Event))),
    ),
    st.builds(lambda statute: {"statute": statute}, one_of(choices(Statute))),
    st.builds(lambda text: {"criterion": text}, FREE_TEXT),
)
OVERRIDDEN = st.lists(one_of(list(builtin_purpose_ids())), unique=True, max_size=3)


def draw_override(draw: st.DrawFn) -> dict[str, Any]:
    """Changes to one built-in purpose; a new basis brings the interest or obligation it needs."""
    basis = draw(maybe(one_of(choices(Basis))))
    return compact(
        {
            "basis": basis,
            "interest": draw(FREE_TEXT) if basis == "legitimate_interest" else None,
            "obligation": draw(FREE_TEXT) if basis == "legal_obligation" else None,
            "data": draw(maybe(DATA)),
            "retention": draw(maybe(RETENTION_OVERRIDE)),
            "requirement": draw(maybe(one_of(["contract", "law", "voluntary", "technical", "not_collected"]))),
            "consequence": draw(M_FREE_TEXT),
            "source": draw(maybe(st.one_of(one_of(choices(SourceId)), LANGTEXT))),
        }
    )


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    controllers = [draw_controller(draw, "first", "6760000115")]
    data: dict[str, Any] = {
        "schema_version": 1,
        "languages": draw(one_of([["pl", "en"], ["en", "pl"], ["pl"], ["en"]])),
        "controllers": controllers,
        "effective_date": "2026-06-01",
    }
    if draw(BOOL):
        controllers.append(draw_controller(draw, "second", "6760000121"))
        ids = one_of(["first", "second"])
        data["joint"] = compact(
            {
                "contact_point": draw(maybe(ids)),
                "requests_handled_by": draw(ids),
                "information_by": draw(ids),
                "scope": draw(FREE_TEXT),
                "arrangement_url": draw(M_URL),
            }
        )
    if any(c["address"].get("country", "PL") not in EEA for c in controllers):
        address = draw(one_of([PL_ADDRESS, FOREIGN_ADDRESS["DE"], FOREIGN_ADDRESS["LT"]]))
        data["representative"] = compact(
            {"name": draw(TEXT), "address": dict(address), "email": "rep@example.com", "phone": draw(M_PHONE)}
        )
    if draw(BOOL):
        kind = draw(one_of(["internal", "external"]))
        data["dpo"] = compact(
            {
                "kind": kind,
                "name": draw(TEXT),
                "company": draw(M_TEXT) if kind == "external" else None,
                "email": "iod@example.com" if draw(BOOL) else None,
                "phone": draw(M_PHONE),
                "address": draw(maybe(one_of([PL_ADDRESS, FOREIGN_ADDRESS["DE"]]))),
            }
        )
    features = draw_features(draw)
    data["features"] = features
    categories = usable_categories(features)
    data["services"] = [sid for sid in draw(SERVICES) if CATALOGUE[sid].category in categories]
    customs = [draw_custom_service(draw, ident, categories) for ident in draw(CUSTOM_IDS)]
    if customs:
        data["custom_services"] = customs
        data["services"] += [s["id"] for s in customs if draw(BOOL)]
    if draw(BOOL):
        consent_tools = [s["id"] for s in customs if s["category"] == "consent"]
        service = draw(maybe(one_of(consent_tools))) if consent_tools else None
        data["consent_tool"] = compact({"settings": draw(FREE_TEXT), "service": service})
    cookies = [
        compact(
            {
                "name": draw(TEXT),
                "provider": draw(M_TEXT),
                "lifetime": draw(LIFETIME),
                "purpose": draw(FREE_TEXT),
                "consent": draw(BOOL),
            }
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    if cookies:
        data["custom_cookies"] = cookies
    purposes = [
        compact(
            {
                "id": ident,
                "name": draw(FREE_TEXT),
                "basis": draw(one_of(choices(Basis))),
                "interest": draw(M_FREE_TEXT),
                "data": draw(DATA),
                "retention": draw(M_FREE_TEXT),
                "requirement": draw(maybe(one_of(["contract", "law", "voluntary", "not_collected"]))),
                "consequence": draw(M_FREE_TEXT),
                "source": draw(maybe(one_of(["you", "your_device", "platform", "our_records"]))),
                "collected_via": draw(maybe(one_of([*FORMS, OWN_FORM]))),
            }
        )
        for ident in draw(PURPOSE_IDS)
    ]
    if purposes:
        data["custom_purposes"] = purposes
    overrides = {ident: draw_override(draw) for ident in draw(OVERRIDDEN)}
    if overrides:
        data["purposes"] = overrides
    sells = features.get("shop") is not None or features.get("saas") is not None
    if sells and all(c["address"].get("country", "PL") == "PL" for c in controllers) and draw(BOOL):
        data["bookkeeping"] = compact({"form": draw(one_of(["full_books", "kpir", "lump_sum"])), "ksef": draw(M_BOOL)})
    old_recipients = [c for c in choices(RecipientCategory) if c not in NEW_RECIPIENTS]
    data["other_recipients"] = draw(st.lists(one_of(old_recipients), unique=True))
    data["security"] = draw(st.lists(one_of(choices(SecurityMeasure)), unique=True))
    data["profiling"] = draw(M_FREE_TEXT)
    decisions = [
        compact(
            {
                "name": draw(FREE_TEXT),
                "logic": draw(FREE_TEXT),
                "significance": draw(FREE_TEXT),
                "basis": draw(one_of(["contract", "law", "explicit_consent"])),
                "safeguards": draw(M_BOOL),
                "data": draw(st.lists(one_of(["email_address", "ip_address", "order_data"]), min_size=1, unique=True)),
                "retention": draw(maybe(FREE_TEXT)),
            }
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    if decisions:
        data["automated_decisions"] = decisions
    data["children"] = compact(
        {
            "directed_at_children": draw(BOOL),
            "min_age": draw(maybe(st.integers(0, 18))),
            "parental_consent": draw(M_BOOL),
        }
    )
    changes = [{"date": day, "description": draw(FREE_TEXT)} for day in draw(st.lists(DATE, max_size=3, unique=True))]
    if changes:
        data["changes"] = changes
    known = list(SECTION_ORDER)
    extra = []
    for ident in draw(EXTRA_IDS):
        extra.append({"id": ident, "after": known[draw(INDEX) % len(known)]})
        known.append(ident)
    if extra:
        data["extra_sections"] = extra
        data["templates_dir"] = "overlay"
    # Drawn last, so that the draws above (and the seeded examples they give) stay as they were;
    # a recruitment tool then comes with the feature.
    if draw(BOOL):
        features["recruitment"] = compact(
            {"form": draw(M_BOOL), "email": draw(M_BOOL), "future_months": draw(maybe(st.integers(1, 120)))}
        )
        data["services"] += [draw(one_of(BY_CATEGORY["recruitment"]))]
    draw_recording_and_service_use(draw, data, features, customs)
    # Other people's data (Art. 14), drawn after recruitment for the same reason.
    shop = features.get("shop")
    if shop is not None and draw(BOOL):
        shop["gift_recipients"] = draw(BOOL)
    if shop is not None and draw(BOOL):
        shop["child_data"] = compact(
            {
                "photo": True,
                "name": draw(M_BOOL),
                "age": draw(M_BOOL),
                "declaration": draw(M_BOOL),
                "keep_days": draw(maybe(st.integers(1, 3650))),
            }
        )
    if draw(BOOL):
        features["business_contacts"] = compact({"keep_months": draw(maybe(st.integers(1, 120)))})
    # Selling on behalf of others, drawn after everything else for the same reason; buyers pay the
    # sellers directly only when no payment service of ours is named (PG014).
    shop = features.get("shop")
    if shop is not None and draw(BOOL):
        paid = "operator" if shop.get("payments") else draw(one_of(["operator", "sellers"]))
        points = [{"name": draw(TEXT), "address": draw(TEXT)} for _ in range(draw(st.integers(0, 2)))]
        fees = draw(M_BOOL)
        books = any(CATALOGUE[ref].category == "accounting" for ref in data["services"] if ref in CATALOGUE)
        books = books or any(c["category"] == "accounting" for c in data.get("custom_services", ()))
        if paid == "sellers" and books and features.get("saas") is None:
            fees = True  # an accounting tool needs buyers' data to reach it (accounting_without_buyers)
        shop["intermediary"] = compact(
            {"sellers": draw(FREE_TEXT), "sellers_list_url": draw(M_URL), "payments": paid, "fees": fees}
            | {"pickup_points": points}
        )
    if draw(BOOL):  # drawn last for the same reason
        data["no_recipients"] = True
    return compact(data)


#: Purposes present whenever a service serves them (or always): a service may be named for them.
SERVICE_PURPOSES = ["website", "analytics", "session_recording", "marketing", "embeds", "security"]
TOOL_RETENTION = one_of(["30 days", "13 months", "2 years"])


def draw_recording_and_service_use(
    draw: st.DrawFn, data: dict[str, Any], features: dict[str, Any], customs: list[dict[str, Any]]
) -> None:
    """Session recording as a purpose of its own, per-service purposes and retention, the recipients
    added later and a custom tool's fixed retention: drawn after everything else."""
    data["other_recipients"] += draw(st.lists(one_of(NEW_RECIPIENTS), unique=True))
    for custom in customs:
        if draw(BOOL):
            custom["retention"] = draw(TOOL_RETENTION)
            custom["sources"][0]["facts"] = [*custom["sources"][0]["facts"], "retention"]
    categories = {sid: CATALOGUE[sid].category for sid in data["services"] if sid in CATALOGUE}
    categories.update({c["id"]: c["category"] for c in customs})
    if "session_recording" not in categories.values() and draw(BOOL):
        data["services"] += [draw(one_of(BY_CATEGORY["session_recording"]))]
        categories[data["services"][-1]] = "session_recording"
    if "session_recording" in categories.values() and draw(BOOL):
        features["session_recording"] = {"masks_input": draw(BOOL)}
    uses = {}
    for ident in draw(st.lists(one_of(sorted(categories)), unique=True, max_size=2)) if categories else ():
        purposes = draw(maybe(st.lists(one_of(SERVICE_PURPOSES), min_size=1, max_size=2, unique=True)))
        uses[ident] = compact({"purposes": purposes, "retention": draw(maybe(TOOL_RETENTION))})
    if uses:
        data["service_use"] = uses
    if "consent_tool" in data and draw(BOOL):  # where choices are changed, worded by the templates
        data["consent_tool"] = compact(
            {"link": draw(one_of(["footer", "button"])), "service": data["consent_tool"].get("service")}
        )


OVERLAY_TEXT = {
    "pl": {"house-rules": "Zasady domu", "recruitment": "Rekrutacja"},
    "en": {"house-rules": "House rules", "recruitment": "Recruitment"},
}


@pytest.fixture(scope="module")
def overlay(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Templates for the extra sections, in both languages, printing a value of the policy."""
    root = tmp_path_factory.mktemp("overlay")
    for lang, titles in OVERLAY_TEXT.items():
        (root / lang).mkdir()
        for ident, heading in titles.items():
            body = f"{{{{ heading(2, '{heading}', '{ident}') }}}}\n\n{heading}: {{{{ policy.controllers[0].name }}}}.\n"
            (root / lang / f"{ident}.md.j2").write_text(body, encoding="utf-8")
    return root


# Template syntax that reached the output: Jinja blocks, our comments ({## ##}), a single-brace
# comment (printed literally, since "{#" starts a heading id here: a real id is "{#word}"),
# gettext placeholders left unformatted, None, empty checkboxes, StrictUndefined.
LEAKS = re.compile(
    r"\{\{|\}\}|\{%|%\}|\{##|##\}|\{#(?![\w-]+\})|#\}|%\(\w+\)\w"
    r"|\bNone\b(?! of the recipients)|\[•\]|\[ \]|\bUndefined\b"
)
EMPTY_HEADING = re.compile(r"^#{1,6}\s*(\{#[\w-]+\})?\s*$", re.M)
EMPTY_ITEM = re.compile(r"^\s*(-|\d+\.)\s*(\*\*[^*]*\*\*)?\s*[.;:]?\s*$", re.M)
# A bold label with nothing after it: "**Services used:**  (see …)", "**Data:** .", "**Data:**" at the end.
EMPTY_LABEL = re.compile(r"\*\*[^*\n]*[:?]\*\*[ \t]*(?:[(.,;:]|$)", re.M)
# A value that went missing between words and punctuation: "is ." or "( )" (user text never has these).
EMPTY_VALUE = re.compile(r"[ \t][.,;:](?=\s|$)|\(\s*\)", re.M)
EMPTY_CELL = re.compile(r"\|[ \t]*\|")
HEADING_IDS = re.compile(r"\{#([\w-]+)\}\s*$", re.M)


def output_problems(md: str, page: str) -> list[str]:
    """What is wrong with one language's Markdown and HTML (empty when clean)."""
    found = [
        f"leak {text[max(m.start() - 30, 0) : m.end() + 30]!r}" for text in (md, page) for m in LEAKS.finditer(text)
    ]
    for name, pattern in (
        ("empty heading", EMPTY_HEADING),
        ("empty item", EMPTY_ITEM),
        ("empty label", EMPTY_LABEL),
        ("missing value", EMPTY_VALUE),
        ("empty cell", EMPTY_CELL),
    ):
        found += [f"{name}: {md[max(m.start() - 40, 0) : m.end() + 20]!r}" for m in pattern.finditer(md)]
    found += [f"empty element {tag}" for tag in ("<li></li>", "<td></td>", "<th></th>") if tag in page]
    return found


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(answers(), st.sampled_from(["pl", "en"]))
def test_every_valid_answers_file_builds_cleanly(overlay: Path, data: dict[str, Any], html_lang: str) -> None:
    """Markdown in both languages; the HTML page (most of the time is markdown-it's) in one of them,
    drawn, so that 500 examples stay within about half a minute."""
    answers_model = Answers.model_validate(data, context={"adequacy": adequacy_countries()})
    assert answers_model.reference_problems({sid: s.category for sid, s in CATALOGUE.items()}) == []
    policy = build_policy(answers_model)
    templates = overlay if answers_model.extra_sections else None
    ids = {}
    for lang in ("pl", "en"):
        md = render(policy, lang, "md", overlay=templates).text
        page = render(policy, lang, "html", overlay=templates).text if lang == html_lang else ""
        problems = output_problems(md, page)
        assert not problems, problems
        ids[lang] = HEADING_IDS.findall(md)
        for extra in answers_model.extra_sections:
            assert extra.id in ids[lang]
    assert ids["pl"] == ids["en"]


# -- the strategy covers the model ---------------------------------------------------------------

#: Fields the strategy leaves out on purpose, with the test that covers them instead.
NOT_DRAWN = {
    "extends": "needs other files on disk: tests/test_extends.py",
}


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    """Models inside an annotation (Optional, list, Annotated, unions); free text counts as a value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [] if annotation is LangText else [annotation]
    args = get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    return [m for arg in args for m in nested_models(arg)]


def model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    out = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        out.add(path)
        for inner in nested_models(info.annotation):
            out |= model_paths(inner, f"{path}.")
    return out


def data_paths(model: type[BaseModel], data: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            path = f"{prefix}{key}"
            out.add(path)
            info = model.model_fields.get(key)
            if info is not None and typing.get_origin(info.annotation) is dict and isinstance(value, dict):
                value = list(value.values())  # a mapping of ids to models: the models are the values
            for inner in nested_models(info.annotation) if info else ():
                out |= data_paths(inner, value, f"{path}.")
    return out


def test_the_strategy_reaches_every_field_of_the_model() -> None:
    """200 drawn answers (seeded, so the same every run) together use every field of the model.
    A new field the strategy does not draw fails here, with its dotted path."""
    seen: set[str] = set()

    @seed(20260601)
    @settings(max_examples=200, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(answers())
    def collect(data: dict[str, Any]) -> None:
        seen.update(data_paths(Answers, data))

    collect()
    expected = model_paths(Answers) - set(NOT_DRAWN)
    assert "custom_services.transfers.dpf" in expected and "dpo.address.street" in expected
    assert model_paths(ServiceDef) <= {p.removeprefix("custom_services.") for p in expected}
    assert expected - seen == set(), "fields of the answers model the strategy never draws"


# -- what the property found, pinned ------------------------------------------------------------

MINIMAL = """\
controllers:
  - {legal_form: sp_zoo, name: "A sp. z o.o.", nip: "6760000115", krs: "0000123456", email: "a@example.com",
     address: {street: "ul. Testowa 1", postal_code: "00-001", city: "Warszawa"}}
effective_date: 2026-06-01
"""
NEWSLETTER_TOOL = """\
custom_services:
  - id: own-mailer
    name: "Own Mailer"
    category: newsletter
    entity: {name: "Own Mailer sp. z o.o.", country: PL}
    role: processor
    purpose: {pl: "wysyłka wiadomości", en: "sending messages"}
    data: [email_address]
    transfers: []
    links: {privacy: "https://mailer.example/privacy"}
    sources:
      - {url: "https://mailer.example/privacy", checked: 2026-01-01, facts: [entity, role, transfers, links, purpose]}
"""


@pytest.mark.parametrize(
    ("extra", "where", "service", "needs"),
    [
        # Invoices are a purpose only of a shop or SaaS: an accounting tool alone served no purpose
        # and left the recipients table with an empty "Purposes" cell.
        ("services: [ifirma]\n", "5:12: services.0", "ifirma", "features.shop / features.saas"),
        # A custom service is used even when `services` does not list it; its feature was not checked.
        (NEWSLETTER_TOOL, "8:15: custom_services.0.category", "own-mailer", "features.newsletter"),
    ],
    ids=["accounting-without-sales", "unlisted-custom-service"],
)
def test_a_service_without_its_feature_is_refused(
    tmp_path: Path, extra: str, where: str, service: str, needs: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(MINIMAL + extra, encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{where}: service {service} needs {needs}, which is not turned on; turn it on or remove the service"
    ]
    path.write_text(MINIMAL + extra + "features: {shop: {}, newsletter: {tool: mailerlite}}\n", encoding="utf-8")
    assert load_answers(path).features.shop is not None
