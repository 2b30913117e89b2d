"""Other people's data (issue 15, point 2; Art. 14 GDPR): a recipient the buyer names, a child whose
photo or name a parent gives with an order, contact persons at business clients. Each is a built-in
purpose that states its categories and its source (Art. 14(1)(d), 14(2)(f)); the children section
is worded to fit children's data given by parents, and PG015 refuses children's data anywhere else
while the services are not directed at children. The legal rules with the deletion of each clause
are art14-recipient, art14-child and art14-b2b in test_legal_rules.py (pl, en); here every language."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from generator.api import build_policy, render
from generator.check import check
from generator.model import Answers
from generator.policy import Policy
from generator.render import Renderer

from .conftest import ROOT

FIXTURE = yaml.safe_load((ROOT / "tests" / "fixtures" / "art14.yaml").read_text(encoding="utf-8"))
LANGS = ("pl", "en", "de")
NEW = ("order_recipients", "child_data", "business_contacts")

#: Clauses only these purposes write, per language.
STATES: dict[str, dict[str, str]] = {
    "pl": {
        "buyer": "od osoby, która złożyła zamówienie i wskazała Cię jako odbiorcę",
        "buyer_contract": "odbiorca nie jest stroną tej umowy",
        "parent": "od rodzica albo opiekuna prawnego dziecka",
        "declaration": "Kto może przekazać nam dane dziecka:",
        "employer": "od Twojego pracodawcy lub organizacji, którą reprezentujesz",
        "children": "nie jest to usługa oferowana dziecku",
        "own_data": "Jeżeli dowiemy się, że dziecko samo podało nam swoje dane bez wymaganej zgody, usuniemy je.",
        "old_delete": "Jeżeli dowiemy się, że zebraliśmy takie dane bez wymaganej zgody, usuniemy je.",
        "not_directed": "Nasze usługi nie są skierowane do dzieci.",
    },
    "en": {
        "buyer": "from the person who placed the order and named you as its recipient",
        "buyer_contract": "the recipient is not a party to that contract",
        "parent": "from the child's parent or legal guardian",
        "declaration": "Who may give us a child's data:",
        "employer": "from your employer or the organisation you represent",
        "children": "that is not a service offered to the child",
        "own_data": "If we learn that a child has given us their own data without the required consent",
        "old_delete": "If we learn that we have collected such data without the required consent, we will delete them.",
        "not_directed": "Our services are not directed at children.",
        "someone_elses": "If you are the recipient of someone else's order:",
    },
    "de": {
        "buyer": "von der Person, die die Bestellung aufgegeben und Sie als Empfänger benannt hat",
        "buyer_contract": "der Empfänger ist nicht Partei dieses Vertrags",
        "parent": "vom Elternteil oder Vormund des Kindes",
        "declaration": "Wer uns Daten eines Kindes übermitteln darf:",
        "employer": "von Ihrem Arbeitgeber oder der Organisation, die Sie vertreten",
        "children": "das ist kein Dienst, der dem Kind angeboten wird",
        "own_data": "Erfahren wir, dass ein Kind uns seine eigenen Daten ohne die erforderliche Einwilligung",
        "old_delete": "Erfahren wir, dass wir solche Daten ohne die erforderliche Einwilligung erhoben haben",
        "not_directed": "Unsere Dienste richten sich nicht an Kinder.",
    },
}


def answers(**changes: Any) -> Answers:
    data = copy.deepcopy(FIXTURE)
    for path, value in changes.items():
        *parents, last = path.split("__")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return Answers.model_validate(data)


def section(text: str, anchor: str) -> str:
    start = text.index("{#" + anchor + "}")
    end = text.find("\n#", start)
    return text[start : end if end != -1 else len(text)]


def purpose(text: str, ident: str) -> str:
    return section(text, "purpose-" + ident.replace("_", "-"))


def r(lang: str) -> Renderer:
    return Renderer(lang)


def data_words(lang: str, policy: Policy, ident: str) -> list[str]:
    return [str(r(lang).label("data", d)) for d in policy.activity(ident).data]  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", LANGS)
def test_a_recipient_named_by_the_buyer_is_on_legitimate_interest_with_the_buyer_as_source(lang: str) -> None:
    policy = build_policy(answers())
    text = render(policy, lang, "md").text
    block, words = purpose(text, "order_recipients"), STATES[lang]
    assert str(r(lang).label("cite", "legitimate_interest")) in block
    assert str(r(lang).label("interest", "delivering_to_recipient")) in block
    assert words["buyer"] in block and words["buyer_contract"] in block
    assert all(w in block for w in data_words(lang, policy, "order_recipients"))
    # the buyer's own data stay on the contract, and the orders purpose no longer speaks for the recipient
    orders = purpose(text, "orders")
    assert str(r(lang).label("cite", "contract")) in orders
    assert str(r(lang).label("cite", "legitimate_interest")) not in orders
    assert policy.activity("orders").basis == "contract"  # type: ignore[union-attr]


def test_the_orders_purpose_keeps_its_recipient_sentence_without_the_feature() -> None:
    """Features off, the orders purpose reads as before (the snapshots hold the rest)."""
    without = build_policy(answers(features__shop__gift_recipients=None))
    assert without.activity("order_recipients") is None
    text = render(without, "en", "md").text
    assert STATES["en"]["someone_elses"] in purpose(text, "orders")
    with_it = render(build_policy(answers()), "en", "md").text
    assert STATES["en"]["someone_elses"] not in with_it


@pytest.mark.parametrize("lang", LANGS)
def test_a_childs_data_from_a_parent_states_categories_source_authority_and_retention(lang: str) -> None:
    policy = build_policy(answers())
    text = render(policy, lang, "md").text
    block, words = purpose(text, "child_data"), STATES[lang]
    assert policy.activity("child_data").data == ("child_photo", "child_first_name", "child_age")  # type: ignore[union-attr]
    assert all(w in block for w in data_words(lang, policy, "child_data"))
    assert str(r(lang).label("cite", "legitimate_interest")) in block
    assert str(r(lang).label("interest", "personalised_products")) in block
    assert words["parent"] in block and words["declaration"] in block
    retention = str(r(lang).retention(policy.activity("child_data").retention))  # type: ignore[union-attr]
    assert retention in block and "30" in retention  # keep_days: 30 in the fixture
    # the children section fits: not directed at children, children's data from parents described
    children = section(text, "children")
    assert words["not_directed"] in children and words["children"] in children and words["own_data"] in children
    assert words["old_delete"] not in children
    assert "(#purpose-child-data)" in children


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_number_the_childs_data_are_kept_for_the_criterion_never_an_invented_period(lang: str) -> None:
    policy = build_policy(answers(features__shop__child_data={"photo": True}))
    activity = policy.activity("child_data")
    assert activity is not None and activity.retention.rule == "personalisation_complaints"
    assert activity.data == ("child_photo", "child_first_name")  # name defaults on, age off
    block = purpose(render(policy, lang, "md").text, "child_data")
    assert str(r(lang).retention(activity.retention)) in block
    assert not any(ch.isdigit() for ch in str(r(lang).retention(activity.retention)))


def test_the_declaration_is_stated_only_when_the_answers_say_it_is_asked() -> None:
    policy = build_policy(answers(features__shop__child_data={"photo": True, "declaration": False}))
    assert "parent_declaration" not in policy.activity("child_data").notes  # type: ignore[union-attr]
    for lang in LANGS:
        assert STATES[lang]["declaration"] not in render(policy, lang, "md").text


def test_child_data_must_name_some_data() -> None:
    with pytest.raises(ValidationError) as info:
        answers(features__shop__child_data={"photo": False, "name": False})
    assert "child_data_empty" in str(info.value)


@pytest.mark.parametrize("lang", LANGS)
def test_a_service_directed_at_children_keeps_its_wording_and_adds_the_parents_data(lang: str) -> None:
    policy = build_policy(answers(children={"directed_at_children": True, "min_age": 13, "parental_consent": True}))
    children = section(render(policy, lang, "md").text, "children")
    words = STATES[lang]
    assert words["children"] in children and words["own_data"] not in children and words["old_delete"] not in children


@pytest.mark.parametrize("lang", LANGS)
def test_contact_persons_at_business_clients_come_from_their_employer(lang: str) -> None:
    policy = build_policy(answers())
    block = purpose(render(policy, lang, "md").text, "business_contacts")
    assert str(r(lang).label("cite", "legitimate_interest")) in block
    assert str(r(lang).label("interest", "business_contacts")) in block
    assert STATES[lang]["employer"] in block
    assert all(w in block for w in data_words(lang, policy, "business_contacts"))
    retention = str(r(lang).retention(policy.activity("business_contacts").retention))  # type: ignore[union-attr]
    assert retention in block and "12" in retention  # keep_months: 12 in the fixture


def test_business_contacts_without_a_number_state_the_criterion_generic_outside_poland() -> None:
    polish = build_policy(answers(features__business_contacts={}))
    assert polish.activity("business_contacts").retention.rule == "cooperation_then_claims"  # type: ignore[union-attr]
    data = copy.deepcopy(FIXTURE)
    data["features"]["business_contacts"] = {}
    data["controllers"][0].update(
        legal_form="foreign_company",
        address={"street": "Hauptstraße 1", "postal_code": "10115", "city": "Berlin", "country": "DE"},
        registry="Amtsgericht Berlin",
    )
    for key in ("nip", "krs"):
        data["controllers"][0].pop(key)
    foreign = build_policy(Answers.model_validate(data))
    assert foreign.activity("business_contacts").retention.rule == "cooperation_then_claims_generic"  # type: ignore[union-attr]
    assert "118" not in purpose(render(foreign, "de", "md").text, "business_contacts")


def test_without_the_features_none_of_the_purposes_exist() -> None:
    policy = build_policy(
        answers(features__shop__gift_recipients=None, features__shop__child_data=None, features__business_contacts=None)
    )
    assert not [a.id for a in policy.activities if a.id in NEW]


# -- PG015 ---------------------------------------------------------------------------------------

PHOTOS = {
    "id": "photo-contest",
    "name": {"pl": "Konkurs", "en": "Contest", "de": "Wettbewerb"},
    "basis": "consent",
    "data": ["child_photo"],
    "retention": {"pl": "do końca konkursu", "en": "until the contest ends", "de": "bis zum Ende"},
}


def pg015(**changes: Any) -> list[str]:
    a = answers(**changes)
    return [f.path for f in check(a, build_policy(a)) if f.rule.id == "PG015"]


def test_pg015_children_data_outside_the_feature_contradict_the_children_section() -> None:
    assert pg015() == []  # the fixture's child data are under features.shop.child_data
    assert pg015(custom_purposes=[PHOTOS]) == ["custom_purposes.0.data"]
    assert pg015(purposes={"orders": {"data": ["identity", "child_first_name"]}}) == ["purposes.orders.data"]
    # the feature's own purpose may be overridden without contradiction
    assert pg015(purposes={"child_data": {"data": ["child_photo"]}}) == []
    # a service directed at children says so: nothing contradicts it
    assert pg015(custom_purposes=[PHOTOS], children={"directed_at_children": True}) == []


def test_pg015_message_names_the_purpose_and_the_data_in_the_interface_language() -> None:
    a = answers(custom_purposes=[PHOTOS])
    (finding,) = [f for f in check(a, build_policy(a)) if f.rule.id == "PG015"]
    assert "Contest" in finding.text("en") and "the child's photo (image)" in finding.text("en")
    assert "Konkurs" in finding.text("pl") and "zdjęcie dziecka (wizerunek)" in finding.text("pl")
    assert finding.article("pl") == "art. 12 ust. 1, art. 14 ust. 1 lit. d RODO"
