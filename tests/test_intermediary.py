"""Selling on behalf of others (``features.shop.intermediary``): who the seller is, that each seller
is an independent controller of the order data it receives, what the operator does itself (the
platform, payments through the named payment service, pickup points) and on which basis, in every
language; each clause is needed; without the answer nothing changes."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.api import build_policy, load_answers, render
from generator.diff import compare, describe
from generator.errors import AnswersError
from generator.html import markdown_html
from generator.i18n import policy_text
from generator.model import Answers
from generator.policy import Policy
from generator.wording import CITE, CONSEQUENCE, OBLIGATION, PURPOSE

from .conftest import ROOT
from .test_legal_rules import Doc, make_doc, purpose_block

LANGS = ("pl", "en", "de")
FIXTURE = ROOT / "tests" / "fixtures" / "intermediary.yaml"
BASE = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))

CONTROLLER = (
    "On our website others sell their products: the sellers (%(sellers)s). We run the platform and pass orders on "
    "to the sellers, but we are not the seller of these products; each seller is an independent controller of the "
    "order data it receives from us (see [who receives your data](#recipients))."
)
WHO_SELLS = (
    "**Who sells:** you conclude the contract of sale with the seller of the products you order, not with us. We "
    "run the platform, accept your order and pass it on to the seller; we process these data to perform our "
    "contract with you for using the platform, under its terms."
)
PAID_THROUGH = (
    "**Payment:** we accept your payment on the seller's behalf through %(services)s and pass it on to the seller."
)
PAID_TO_SELLERS = "**Payment:** you pay the seller directly; we do not receive your payment details."
PICKUP = "**Pickup points:** you collect your order at the pickup point you choose: %(points)s."
SELLER_DUTY = (
    "**The seller's duty:** complaints and withdrawals from the contract of sale are handled by the seller, who is "
    "responsible for them under consumer law; we only pass on what you send us through the platform."
)
SELLER_INVOICES = (
    "**Invoices for the products:** the invoice or receipt for the products you buy is issued by their seller, not "
    "by us."
)
OWN_FEES = (
    "**Invoices for the products:** the invoice or receipt for the products you buy is issued by their seller; we "
    "invoice you only for our own fees."
)
RECIPIENTS = (
    "The sellers (%(sellers)s) receive from us the data of the orders placed with them: your name, contact "
    "details, the contents of the order and the delivery or pickup details. Each seller is an independent "
    "controller of the data it receives: it uses them to perform the contract of sale with you and to meet its own "
    "legal obligations, such as issuing invoices and handling complaints, and it is itself responsible for that use."
)
SELLERS_LIST = "The list of the sellers with their details is published at %(url)s."


def answers(shop_payments: list[str] | None = None, **intermediary: Any) -> Answers:
    data = copy.deepcopy(BASE)
    data["features"]["shop"]["intermediary"].update(intermediary)
    if shop_payments is not None:
        data["features"]["shop"]["payments"] = shop_payments
    return Answers.model_validate(data)


def visible(text: str) -> str:
    """A message as it reads on the page (bold and link markers gone, like ``Doc.text``)."""
    return Doc(markdown_html(text)[0]).text


def clause(lang: str, msgid: str, **params: str) -> str:
    return visible(policy_text(lang, msgid) % params if params else policy_text(lang, msgid))


def stated(doc: Doc, lang: str, p: Policy) -> list[str]:
    """What a policy of an intermediary must say, and where."""
    assert p.intermediary is not None
    sellers = str(p.intermediary.sellers.root[lang])  # type: ignore[union-attr]
    block, recipients = purpose_block(doc, "intermediary_orders"), doc.section("recipients")
    wants = [
        (doc.section("controller"), clause(lang, CONTROLLER, sellers=sellers), "the controller names the sellers"),
        (block, clause(lang, WHO_SELLS), "who sells, and the platform contract"),
        (block, policy_text(lang, CITE["contract"]), "art. 6(1)(b) for passing the order on"),
        (recipients, clause(lang, RECIPIENTS, sellers=sellers), "sellers as independent controllers"),
    ]
    if p.intermediary.sellers_list_url:
        wants.append((recipients, p.intermediary.sellers_list_url, "where the sellers are listed"))
    payments = p.activity("payments")
    if p.intermediary.payments == "operator" and payments is not None:
        names = " i " if lang == "pl" else " und " if lang == "de" else " and "
        services = names.join(p.service_names(payments.services))
        wants.append((block, clause(lang, PAID_THROUGH, services=services), "payment through the named service"))
    if p.intermediary.payments == "sellers":
        wants.append((block, clause(lang, PAID_TO_SELLERS), "paid to the seller directly"))
    for point in p.intermediary.pickup_points:
        wants.append((block, f"{point.name} ({point.address})", f"pickup point {point.name}"))
    if p.activity("seller_requests") is not None:
        wants.append((purpose_block(doc, "seller_requests"), clause(lang, SELLER_DUTY), "complaints are the seller's"))
    if p.activity("invoices") is not None:
        wants.append((purpose_block(doc, "invoices"), clause(lang, OWN_FEES), "we invoice only our own fees"))
    if p.activity("intermediary_accounting") is not None:
        block = purpose_block(doc, "intermediary_accounting")
        wants.append((block, clause(lang, SELLER_INVOICES), "the seller invoices the products"))
    return [why for where, needle, why in wants if needle not in where]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_states_who_sells_and_who_controls_what(lang: str, fmt: str) -> None:
    policy = build_policy(answers())
    assert stated(make_doc(policy, lang, fmt), lang, policy) == []
    text = make_doc(policy, lang, fmt).text
    # The operator does not present itself as the seller: no "processing and delivering orders" of its own,
    # no statutory complaints duty of its own, no invoices for the products (fees: false); the payments it
    # accepts for the sellers are booked (data it already holds, under the accounting and tax law).
    for purpose in ("orders", "consumer_rights", "invoices"):
        assert policy.activity(purpose) is None
        assert f"#purpose-{purpose.replace('_', '-')}" not in render(policy, lang, "md").text
    books = policy.activity("intermediary_accounting")
    assert books is not None and (books.basis, books.requirement) == ("legal_obligation", "not_collected")
    assert policy_text(lang, OBLIGATION["consumer_law"]) not in text
    assert policy_text(lang, PURPOSE["intermediary_orders"]) in text
    assert policy_text(lang, CONSEQUENCE["intermediary_orders"]) in purpose_block(
        make_doc(policy, lang, fmt), "intermediary_orders"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_buyers_paying_sellers_and_own_fees(lang: str) -> None:
    policy = build_policy(answers([], payments="sellers", fees=True, pickup_points=[], sellers_list_url=None))
    assert policy.activity("payments") is None and policy.activity("invoices") is not None
    assert policy.activity("intermediary_accounting") is None
    orders = policy.activity("intermediary_orders")
    assert orders is not None and "pickup_data" not in orders.data
    doc = make_doc(policy, lang, "html")
    assert stated(doc, lang, policy) == []
    assert clause(lang, PAID_TO_SELLERS) in purpose_block(doc, "intermediary_orders")
    assert "https://dolinaraby.example/producenci" not in doc.text


@pytest.mark.parametrize("lang", LANGS)
def test_each_clause_is_needed(lang: str) -> None:
    """Each clause is cut from the Markdown (they come from the catalogs), or its section left out."""
    policy = build_policy(answers(fees=True))
    markdown = render(policy, lang, "md").text
    sellers = str(policy.intermediary.sellers.root[lang])  # type: ignore[union-attr]
    assert stated(Doc(markdown_html(markdown)[0]), lang, policy) == []
    services = policy_text(lang, PAID_THROUGH) % {"services": "Przelewy24"}
    points = "Siedziba Stowarzyszenia (ul. Rynek 5, 32-005 Niepołomice)"
    for text in (
        policy_text(lang, CONTROLLER) % {"sellers": sellers},
        policy_text(lang, WHO_SELLS),
        services,
        points,
        policy_text(lang, SELLER_DUTY),
        policy_text(lang, OWN_FEES),
        policy_text(lang, RECIPIENTS) % {"sellers": sellers},
        "https://dolinaraby.example/producenci",
    ):
        assert text in markdown, text
        cut = Doc(markdown_html(markdown.replace(text, ""))[0])
        assert stated(cut, lang, policy), f"passes without {text!r}"
    for section in ("controller", "purposes", "recipients"):
        stripped = replace(policy, sections=tuple(s for s in policy.sections if s != section))
        assert stated(make_doc(stripped, lang, "html"), lang, policy), f"passes without the {section} section"
    # Without fees the payments accepted for the sellers are booked, and the seller invoices the products.
    books = build_policy(answers())
    markdown = render(books, lang, "md").text
    text = policy_text(lang, SELLER_INVOICES)
    assert text in markdown and stated(Doc(markdown_html(markdown)[0]), lang, books) == []
    assert stated(Doc(markdown_html(markdown.replace(text, ""))[0]), lang, books), f"passes without {text!r}"


def test_without_the_answer_nothing_changes() -> None:
    """No ``intermediary``: the shop keeps its own orders, consumer rights and invoices (the snapshots hold
    the wording) and no sentence about sellers."""
    data = copy.deepcopy(BASE)
    del data["features"]["shop"]["intermediary"]
    policy = build_policy(Answers.model_validate(data))
    ids = {a.id for a in policy.activities}
    assert {"orders", "consumer_rights", "invoices"} <= ids
    assert not {"intermediary_orders", "seller_requests"} & ids and policy.intermediary is None
    for lang in LANGS:
        text = make_doc(policy, lang, "html").text
        assert clause(lang, WHO_SELLS) not in text
        assert policy_text(lang, RECIPIENTS).split("(")[0] not in text


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_diff_reports_turning_the_intermediary_on(lang: str) -> None:
    data = copy.deepcopy(BASE)
    del data["features"]["shop"]["intermediary"]
    before = build_policy(Answers.model_validate(data))
    changes = compare(before, build_policy(answers()))
    assert {c.kind for c in changes} >= {"purpose_added", "purpose_removed"}
    lines = [describe(c, lang) for c in changes]
    assert any(policy_text(lang, PURPOSE["intermediary_orders"]).lower() in line.lower() for line in lines), lines


def test_an_accounting_tool_that_no_buyer_data_reach_is_a_located_error(tmp_path: Path) -> None:
    """Buyers pay the sellers and no fee is invoiced: the books hold no buyer, so no purpose would name the tool
    (the recipients table would list it for nothing)."""
    data = copy.deepcopy(BASE)
    data["features"]["shop"]["payments"] = []
    data["features"]["shop"]["intermediary"]["payments"] = "sellers"
    data["services"] = ["ovhcloud", "fakturownia"]
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path)
    (problem,) = caught.value.problems
    assert problem.path == "services.1" and problem.line > 0
    with pytest.raises(AnswersError) as in_polish:
        load_answers(path, "pl")
    assert "nie trafiają do niej dane kupujących" in str(in_polish.value)
    data["features"]["shop"]["intermediary"]["fees"] = True
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert build_policy(load_answers(path)).activity("invoices") is not None
