"""The built-in purposes as data (data/purposes.yaml), the conditions they are written in, and the
answers' overrides of them."""

from __future__ import annotations

import copy
from typing import Any, get_args

import pytest
import yaml

from generator.api import build_policy, load_answers
from generator.check import check
from generator.conditions import ConditionError, compile_condition, evaluate, holds
from generator.errors import AnswersError
from generator.model import Answers
from generator.purposes import purpose_data
from generator.selection import condition_names
from generator.vocab import Basis, DataCategory, ServiceCategory
from generator.wording import GROUPS, RETENTION_FIXED

from .conftest import ROOT

# -- conditions ----------------------------------------------------------------------------------


class Obj:
    def __init__(self, **kw: Any) -> None:
        self.__dict__.update(kw)


def test_conditions_read_names_attributes_and_literals() -> None:
    names = {"features": Obj(contact=Obj(phone=True, keep=12), shop=None), "basis": "consent"}
    assert evaluate("features.contact.phone", names) is True
    assert evaluate("features.shop.consumers", names) is None  # attribute of None is None
    assert holds("features.contact and not features.shop", names)
    assert holds('basis == "consent" and features.contact.keep >= 12', names)
    assert holds('basis in ("consent", "contract")', names)
    assert not holds('basis not in ["consent"]', names)
    assert holds(None, names)
    assert holds("true", {}) and not holds("false", {}) and evaluate("none", {}) is None


@pytest.mark.parametrize(
    "source",
    ["__import__('os')", "features.contact.__class__", "features[0]", "len(features)", "x if y else z", "1 +"],
)
def test_conditions_refuse_anything_but_reading_values(source: str) -> None:
    with pytest.raises(ConditionError):
        compile_condition(source)({"features": Obj(contact=Obj())})


def test_a_typo_in_a_condition_fails_loudly() -> None:
    with pytest.raises(ConditionError, match="no attribute 'phnoe'"):
        evaluate("features.contact.phnoe", {"features": Obj(contact=Obj(phone=True))})
    with pytest.raises(ConditionError, match="unknown name"):
        evaluate("featurs.contact", {"features": Obj()})


# -- the data file ---------------------------------------------------------------------------------

EVERYTHING = ROOT / "tests" / "fixtures" / "all-purposes.yaml"


def load(**changes: Any) -> Answers:
    data = yaml.safe_load(EVERYTHING.read_text(encoding="utf-8"))
    data.update(copy.deepcopy(changes))
    return Answers.model_validate(data)


def intermediary() -> Answers:
    """The fixture with everything, its shop selling on behalf of others (features.shop.intermediary)."""
    features = yaml.safe_load(EVERYTHING.read_text(encoding="utf-8"))["features"]
    features["shop"]["intermediary"] = {"sellers": {"pl": "producenci", "en": "producers"}, "payments": "operator"}
    del features["saas"]  # with no fees and nothing else sold, the intermediary's own accounting purpose
    return load(features=features)


def test_every_built_in_purpose_applies_to_the_fixture_with_everything() -> None:
    """The fixture turns on every feature, so every record's condition is evaluated and holds; the
    purposes of selling on behalf of others replace orders and consumer rights, so the same fixture
    with an intermediary shop covers them."""
    ids = {a.id for a in build_policy(load()).activities}
    with_intermediary = {a.id for a in build_policy(intermediary()).activities}
    assert {"intermediary_orders", "seller_requests", "intermediary_accounting"} <= with_intermediary
    assert not {"orders", "consumer_rights", "invoices"} & with_intermediary
    assert ids | with_intermediary >= set(purpose_data().ids)


def test_every_condition_evaluates_on_minimal_and_full_answers() -> None:
    data = purpose_data()
    minimal = Answers.model_validate(
        {"controllers": load().model_dump()["controllers"], "effective_date": "2026-01-01"}
    )
    for answers in (load(), intermediary(), minimal):
        names = {**condition_names(answers, [], True), "basis": "consent"}
        for record in data.purposes:
            holds(record.when, names)
            chosen = [f for f in (record.obligation, record.retention) if isinstance(f, tuple)]
            for item in (*record.data, *record.notes, *record.categories, *(i for f in chosen for i in f)):
                if holds(record.when, names):
                    holds(item.when, names)


def _alternatives(value: object) -> tuple[object, ...]:
    """A record's value, or the ids of its alternatives."""
    return tuple(i.value for i in value) if isinstance(value, tuple) else (value,)


def test_records_use_only_known_vocabulary() -> None:
    data = purpose_data()
    bases, categories, data_ids = set(get_args(Basis)), set(get_args(ServiceCategory)), set(get_args(DataCategory))
    assert len(set(data.ids)) == len(data.ids), "purpose ids repeat"
    for r in data.purposes:
        assert r.id in GROUPS["purpose"] and r.id in GROUPS["consequence"], r.id
        assert r.basis in bases or r.basis.startswith("="), r.id
        assert r.interest is None or r.interest in GROUPS["interest"], r.id
        for obligation in filter(None, _alternatives(r.obligation)):
            assert obligation in GROUPS["obligation"] and (
                obligation not in data.polish_statutes or f"{obligation}_generic" in GROUPS["obligation"]
            ), r.id
        assert r.consent_law is None or r.consent_law in data.consent_laws, r.id
        assert {i.id for i in r.data} <= data_ids, r.id
        assert r.requirement in GROUPS["requirement"] and r.source in GROUPS["source"], r.id
        assert {c.id for c in r.categories} <= categories, r.id
        assert r.services_of is None or r.services_of in data.ids, r.id
        for retention in _alternatives(r.retention):
            if isinstance(retention, str):
                assert retention in RETENTION_FIXED, r.id
                if retention in data.polish_statutes:
                    assert f"{retention}_generic" in RETENTION_FIXED, r.id
        for field in (r.obligation, r.retention):
            if isinstance(field, tuple):  # alternatives: the last one always holds
                assert field[-1].when is None and all(i.when for i in field[:-1]), r.id
    for twins in data.retention_by_basis.values():
        assert set(twins) | set(twins.values()) <= set(RETENTION_FIXED)
    for polish, generic in data.consent_laws.values():
        assert polish in GROUPS["consent_law"] and generic in GROUPS["consent_law"]
    # every service category either serves a purpose or supports all of them
    served = {c.id for r in data.purposes for c in r.categories} | data.infrastructure
    assert served == categories


# -- overrides -----------------------------------------------------------------------------------


def test_an_override_changes_only_what_it_names() -> None:
    base = build_policy(load())
    changed = build_policy(load(purposes={"webinar_recording": {"retention": {"days": 30, "after": "event"}}}))
    before, after = base.activity("webinar_recording"), changed.activity("webinar_recording")
    assert before is not None and after is not None
    assert after.retention.rule == "period" and (after.retention.count, after.retention.unit) == (30, "day")
    assert after.retention.after == "event" and after.basis == before.basis and after.data == before.data
    assert [a for a in base.activities if a.id != "webinar_recording"] == [
        a for a in changed.activities if a.id != "webinar_recording"
    ]


def test_a_new_basis_takes_the_right_companions() -> None:
    policy = build_policy(load(purposes={"comments": {"basis": "consent"}}))
    comments = policy.activity("comments")
    assert comments is not None and comments.basis == "consent"
    assert comments.interest is None and comments.retention.rule == "while_published_consent"
    assert "comments" in policy.right("withdraw_consent").activities  # type: ignore[union-attr]
    objection = policy.right("objection")
    assert objection is None or "comments" not in objection.activities


def test_a_basis_that_needs_words_without_them_is_a_located_error(tmp_path: Any) -> None:
    text = EVERYTHING.read_text(encoding="utf-8") + "purposes:\n  account:\n    basis: legitimate_interest\n"
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as err:
        load_answers(path)
    line = text.count("\n")  # the last line, "    basis: legitimate_interest", value at column 12
    assert f"{path}:{line}:12:" in str(err.value) and "purposes.account.basis" in str(err.value)


def test_consent_for_data_a_contract_requires_is_an_error() -> None:
    answers = load(purposes={"account": {"basis": "consent"}})
    findings = [f for f in check(answers, build_policy(answers)) if f.rule.id == "PG003"]
    assert [f.path for f in findings] == ["purposes.account.basis"]
    fixed = load(purposes={"account": {"basis": "consent", "requirement": "voluntary"}})
    assert not [f for f in check(fixed, build_policy(fixed)) if f.rule.id == "PG003"]


def test_an_override_of_a_purpose_not_in_use_adds_nothing() -> None:
    minimal = load(features={"website": {}}, services=[], purposes={"newsletter": {"basis": "consent"}})
    assert build_policy(minimal).activity("newsletter") is None


def test_source_in_words_and_a_statute() -> None:
    policy = build_policy(
        load(
            purposes={
                "contact": {"source": {"pl": "od Twojego pracodawcy", "en": "from your employer"}},
                "orders": {"retention": {"statute": "tax_limitation"}},
            }
        )
    )
    contact, orders = policy.activity("contact"), policy.activity("orders")
    assert contact is not None and contact.source_text is not None and contact.source == "you"
    assert orders is not None and orders.retention.rule == "tax_limitation"
