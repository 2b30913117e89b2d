"""The bookkeeping form and KSeF (``bookkeeping:``): what the invoices purpose, its retention and
the recipients say in every language, that KPiR and the lump-sum tax never bring in the Accounting
Act, and that each KSeF clause is needed for the check to pass."""

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
from generator.wording import OBLIGATION, RETENTION_FIXED

from .conftest import ROOT
from .test_legal_rules import Doc, make_doc, purpose_block

LANGS = ("pl", "en", "de")
#: A sole trader (blogger.yaml) who also sells: every bookkeeping form is open to her.
BASE = yaml.safe_load((ROOT / "answers" / "blogger.yaml").read_text(encoding="utf-8"))
BASE["features"]["shop"] = {"payments": [], "carriers": []}

#: Text that brings in the Accounting Act (its name, its date, "accounting books"), per language.
ACCOUNTING_ACT = {
    "pl": ["rachunkowości", "ksiąg rachunkowych", "29 września 1994"],
    "en": ["Accounting Act", "on accounting", "29 September 1994", "accounting and tax records"],
    "de": ["Rechnungslegung", "ustawa o rachunkowości", "29. September 1994"],
}

#: form → (obligation id, retention id without and with KSeF)
EXPECTED = {
    None: ("tax_accounting", "tax_limitation", "tax_limitation_ksef"),
    "full_books": ("tax_accounting", "accounting_books", "accounting_books_ksef"),
    "kpir": ("tax_records_kpir", "tax_limitation", "tax_limitation_ksef"),
    "lump_sum": ("tax_records_lump_sum", "tax_limitation", "tax_limitation_ksef"),
}

KSEF_NOTE = (
    "**National e-Invoice System (KSeF):** we issue structured invoices through KSeF, which is run by the Head of "
    "the National Revenue Administration (Szef Krajowej Administracji Skarbowej); the data on such an invoice, "
    "including yours, are sent to the system and kept there for 10 years from the end of the year in which the "
    "invoice was issued. The obligation to issue invoices through KSeF does not cover invoices to consumers."
)
KSEF_RECIPIENT = (
    "The data on the invoices we issue through the National e-Invoice System (KSeF) are received by the Head of the "
    "National Revenue Administration (Szef Krajowej Administracji Skarbowej), who runs the system and keeps the "
    "invoices in it for 10 years."
)


def answers(bookkeeping: dict[str, Any] | None, **changes: Any) -> Answers:
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(changes))
    if bookkeeping is not None:
        data["bookkeeping"] = bookkeeping
    return Answers.model_validate(data)


def policy_for(form: str | None, ksef: bool = False) -> Policy:
    return build_policy(answers(None if form is None else {"form": form, "ksef": ksef}))


def visible(text: str) -> str:
    """A message as it reads on the page (bold markers gone, like ``Doc.text``)."""
    return text.replace("**", "")


def ksef_stated(doc: Doc, lang: str) -> list[str]:
    """What a policy with KSeF must say: in the invoices purpose, its retention and the recipients."""
    block, recipients = purpose_block(doc, "invoices"), doc.section("recipients")
    out = [] if visible(policy_text(lang, KSEF_NOTE)) in block else ["the KSeF note is missing"]
    retention = policy_text(lang, RETENTION_FIXED["tax_limitation_ksef"])
    out += [] if retention in block else ["the retention does not mention KSeF"]
    out += [] if policy_text(lang, KSEF_RECIPIENT) in recipients else ["the Head of KAS is not among the recipients"]
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ksef", [False, True])
@pytest.mark.parametrize("form", list(EXPECTED))
def test_the_form_decides_the_obligation_and_the_retention(form: str | None, ksef: bool, lang: str) -> None:
    if form is None and ksef:
        pytest.skip("no bookkeeping answer: no KSeF either")
    obligation, retention, with_ksef = EXPECTED[form]
    policy = policy_for(form, ksef)
    invoices = policy.activity("invoices")
    assert invoices is not None
    assert invoices.obligation == obligation and invoices.retention.rule == (with_ksef if ksef else retention)
    block = purpose_block(make_doc(policy, lang, "html"), "invoices")
    assert policy_text(lang, OBLIGATION[obligation]) in block
    assert policy_text(lang, RETENTION_FIXED[invoices.retention.rule]) in block


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ksef", [False, True])
@pytest.mark.parametrize("form", ["kpir", "lump_sum"])
def test_kpir_and_lump_sum_never_bring_in_the_accounting_act(form: str, ksef: bool, lang: str, fmt: str) -> None:
    text = make_doc(policy_for(form, ksef), lang, fmt).text
    assert [needle for needle in ACCOUNTING_ACT[lang] if needle in text] == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", ["full_books", None])
def test_full_books_and_no_answer_do_name_the_accounting_act(form: str | None, lang: str) -> None:
    """The needles above can fail: the policies that should name the act contain them."""
    text = make_doc(policy_for(form), lang, "html").text
    assert [needle for needle in ACCOUNTING_ACT[lang] if needle in text] != []


@pytest.mark.parametrize("lang", LANGS)
def test_ksef_is_stated_in_the_purpose_its_retention_and_the_recipients(lang: str) -> None:
    policy = policy_for("kpir", ksef=True)
    assert policy.ksef
    assert ksef_stated(make_doc(policy, lang, "html"), lang) == []
    assert "KSeF" not in make_doc(policy_for("kpir"), lang, "html").text


@pytest.mark.parametrize("lang", LANGS)
def test_ksef_check_fails_without_each_clause(lang: str) -> None:
    """Each clause is needed: cut from the Markdown (they come from the catalogs), or its section left out."""
    policy = policy_for("kpir", ksef=True)
    markdown = render(policy, lang, "md").text
    for msgid in (KSEF_NOTE, RETENTION_FIXED["tax_limitation_ksef"], KSEF_RECIPIENT):
        clause = policy_text(lang, msgid)
        assert clause in markdown, clause
        cut = Doc(markdown_html(markdown.replace(clause, ""))[0])
        assert ksef_stated(cut, lang), f"passes without {clause!r}"
    for section in ("purposes", "recipients"):
        stripped = replace(policy, sections=tuple(s for s in policy.sections if s != section))
        assert ksef_stated(make_doc(stripped, lang, "html"), lang), f"passes without the {section} section"


def test_without_the_answer_nothing_changes() -> None:
    """No ``bookkeeping``: the invoices purpose is as it always was (the snapshots hold the wording)."""
    before = build_policy(answers(None))
    invoices = before.activity("invoices")
    assert invoices is not None and not before.ksef
    assert (invoices.obligation, invoices.retention.rule, invoices.notes) == ("tax_accounting", "tax_limitation", ())


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_bookkeeping_without_sales_is_a_located_error(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    del data["features"]["shop"]
    data["bookkeeping"] = {"form": "kpir"}
    with pytest.raises(AnswersError) as caught:
        load_answers(write(tmp_path, data))
    (problem,) = caught.value.problems
    assert problem.path == "bookkeeping" and problem.line > 0
    assert "features.shop" in str(problem)
    with pytest.raises(AnswersError) as in_polish:
        load_answers(write(tmp_path, data), "pl")
    assert "nic nie jest sprzedawane" in str(in_polish.value)


def test_bookkeeping_outside_poland_is_a_located_error(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "answers" / "joint.yaml").read_text(encoding="utf-8"))
    data.setdefault("features", {})["shop"] = {}
    data["bookkeeping"] = {"form": "full_books", "ksef": True}
    with pytest.raises(AnswersError) as caught:
        load_answers(write(tmp_path, data))
    assert [p.path for p in caught.value.problems] == ["bookkeeping"]
    assert "established in Poland" in str(caught.value)


def test_an_unknown_form_is_refused(tmp_path: Path) -> None:
    data = {**copy.deepcopy(BASE), "bookkeeping": {"form": "ledger"}}
    with pytest.raises(AnswersError) as caught:
        load_answers(write(tmp_path, data))
    assert [p.path for p in caught.value.problems] == ["bookkeeping.form"]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_diff_reports_turning_ksef_on(lang: str) -> None:
    changes = compare(policy_for("kpir"), policy_for("kpir", ksef=True))
    assert {c.kind for c in changes} >= {"purpose_notes_changed", "retention_changed"}
    lines = [describe(c, lang) for c in changes]
    assert any("KSeF" in line for line in lines), lines
