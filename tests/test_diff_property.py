"""Property: ``diff`` reports no change exactly when the rendered policies are identical.

A drawn answers file (the strategy of tests/test_properties.py) and a small edit of it: one value
changed, added or removed at a drawn place, the new value taken from a second drawn answers file,
so that it comes from the same strategies. Edits that make the file invalid are discarded. Then
``compare(old, new)`` is empty if and only if the Markdown is the same in every language of the
policy: a change the text shows is never missed, and nothing is reported that the text does not show.
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, reject, seed, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.api import build_policy, render
from generator.catalogue import adequacy_countries
from generator.diff import compare, describe
from generator.model import Answers
from generator.policy import Policy

from .conftest import ROOT
from .test_properties import CATALOGUE, answers, overlay  # noqa: F401  (overlay is a fixture)

CATEGORIES = {sid: s.category for sid, s in CATALOGUE.items()}


def _edit(draw: st.DrawFn, node: Any, donor: Any) -> Any:
    """``node`` with one value changed, added or removed at a drawn depth (a copy)."""
    node = copy.copy(node)
    if isinstance(node, dict) and isinstance(donor, dict):
        key = draw(st.sampled_from(sorted(node.keys() | donor.keys())))
        inner, other = node.get(key), donor.get(key)
        if type(inner) is type(other) and isinstance(inner, dict | list) and inner and draw(st.booleans()):
            node[key] = _edit(draw, inner, other)
        elif key in donor:
            node[key] = copy.deepcopy(other)
        else:
            del node[key]
        return node
    if isinstance(node, list) and isinstance(donor, list) and (node or donor):
        how = draw(st.sampled_from(["replace", "insert", "remove"]))
        if how == "remove" and node:
            del node[draw(st.integers(0, len(node) - 1))]
        elif how == "insert" and donor:
            node.insert(draw(st.integers(0, len(node))), copy.deepcopy(draw(st.sampled_from(donor))))
        elif node and donor:
            i = draw(st.integers(0, min(len(node), len(donor)) - 1))
            inner, other = node[i], donor[i]
            both = type(inner) is type(other) and isinstance(inner, dict | list)
            node[i] = _edit(draw, inner, other) if both and draw(st.booleans()) else copy.deepcopy(other)
        return node
    return copy.deepcopy(donor)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    old = draw(answers())
    return old, _edit(draw, old, draw(answers()))


def _valid(data: dict[str, Any]) -> Answers | None:
    try:
        model = Answers.model_validate(data, context={"adequacy": adequacy_countries()})
    except ValidationError:
        return None
    return None if model.reference_problems(CATEGORIES) else model


def texts(answers_model: Answers, policy: Policy, templates: Path) -> dict[str, str]:
    overlay_dir = templates if answers_model.extra_sections else None
    return {lang: render(policy, lang, "md", overlay=overlay_dir).text for lang in policy.languages}


def _explain(old: dict[str, str], new: dict[str, str]) -> str:
    if old.keys() != new.keys():
        return f"languages {sorted(old)} → {sorted(new)}"
    lang = next(lang for lang in old if old[lang] != new[lang])
    lines = difflib.unified_diff(old[lang].splitlines(), new[lang].splitlines(), lineterm="", n=0)
    return f"{lang}:\n" + "\n".join(list(lines)[:40])


@seed(20261113)
@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(edited_pairs())
def test_diff_is_empty_exactly_when_the_text_is_the_same(overlay: Path, pair: tuple[dict, dict]) -> None:  # noqa: F811
    old_data, new_data = pair
    old_model, new_model = _valid(old_data), _valid(new_data)
    if old_model is None or new_model is None or old_data == new_data:
        reject()
    before, after = build_policy(old_model), build_policy(new_model)
    changes = compare(before, after)
    old_text, new_text = texts(old_model, before, overlay), texts(new_model, after, overlay)
    if old_text == new_text:
        assert changes == [], "reported, but the text is the same:\n" + "\n".join(describe(c, "en") for c in changes)
    else:
        assert changes, "the text changed, but diff reports nothing:\n" + _explain(old_text, new_text)


def test_an_edit_touches_one_place_and_leaves_the_original_alone() -> None:
    old = {"a": {"b": [1, 2], "c": "x"}, "d": True}
    snapshot = copy.deepcopy(old)
    donor = {"a": {"b": [3], "e": 1}, "f": "y"}

    @seed(7)
    @settings(max_examples=100, database=None)
    @given(st.data())
    def one(data: st.DataObject) -> None:
        edited = data.draw(st.composite(lambda draw: _edit(draw, old, donor))())
        assert old == snapshot
        assert len([k for k in old.keys() | edited.keys() if old.get(k) != edited.get(k)]) <= 1

    one()


# -- what the property found or could find, pinned ------------------------------------------------


def example(name: str, **changes: Any) -> dict[str, Any]:
    """An example answers file as data, with top-level values replaced."""
    data = yaml.safe_load((ROOT / "answers" / f"{name}.yaml").read_text(encoding="utf-8"))
    return {**data, **copy.deepcopy(changes)}


def outcome(old: dict[str, Any], new: dict[str, Any]) -> tuple[set[str], bool]:
    """The kinds ``diff`` reports and whether the Markdown is the same in every language."""
    old_model, new_model = _valid(old), _valid(new)
    assert old_model is not None and new_model is not None
    before, after = build_policy(old_model), build_policy(new_model)
    same = texts(old_model, before, Path()) == texts(new_model, after, Path())
    return {c.kind for c in compare(before, after)}, same


def test_controllers_are_named_as_the_text_names_them() -> None:
    """Two joint controllers with the same name: who answers requests is printed by name, so
    switching between them changes nothing a reader sees, and nothing is reported."""
    data = example("joint")
    data["controllers"][1]["name"] = data["controllers"][0]["name"]
    switched = copy.deepcopy(data)
    switched["joint"]["requests_handled_by"] = "baltic-lt"
    assert outcome(data, switched) == (set(), True)
    renamed = copy.deepcopy(data)
    renamed["controllers"][0]["id"] = "first"
    renamed["joint"] = {**data["joint"], "contact_point": "first", "requests_handled_by": "first"}
    renamed["joint"]["information_by"] = "first"
    assert outcome(data, renamed) == (set(), True)  # ids are never printed


def test_the_owners_gender_shows_only_in_polish() -> None:
    male = example("blogger")
    male["controllers"][0]["owner"]["gender"] = "male"
    assert outcome(example("blogger"), male) == ({"controller_changed"}, False)
    assert outcome(example("blogger", languages=["en"]), {**male, "languages": ["en"]}) == (set(), True)


def test_registration_details_the_legal_form_does_not_print_are_not_changes() -> None:
    agency = example("agency")
    with_vat = copy.deepcopy(agency)
    with_vat["controllers"][0]["vat_id"] = "PL6760000150"  # a general partnership: NIP and KRS only
    assert outcome(agency, with_vat) == (set(), True)
    with_regon = copy.deepcopy(agency)
    with_regon["controllers"][0]["regon"] = "123456785"
    assert outcome(agency, with_regon) == ({"controller_changed"}, False)


FACTS = ["entity", "role", "links", "purpose"]


def test_the_summary_order_of_the_tools_used_with_consent() -> None:
    """Found by the property: the summary names the tools used only with consent in the order
    the answers mention them, which no other list showed when the second is self-hosted."""
    own = {
        "id": "own-widget",
        "name": "Widget",
        "category": "hosting",
        "entity": {"name": "Us", "country": "PL"},
        "role": "processor",
        "purpose": {"pl": "statystyki", "en": "statistics", "de": "Statistiken"},
        "data": ["usage_data"],
        "transfers": [],
        "cookies_complete": False,
        "links": {"privacy": "https://x.example/a"},
        "sources": [{"url": "https://x.example/a", "checked": "2026-01-01", "facts": [*FACTS, "transfers"]}],
        "self_hosted": True,
    }
    first = example("agency", custom_services=[own])
    second = example("agency", custom_services=[own], services=["own-widget", *example("agency")["services"]])
    assert outcome(first, second) == ({"order_changed"}, False)
    assert [c.item for c in compare(*(build_policy(_valid(d)) for d in (first, second)))] == ["services"]
