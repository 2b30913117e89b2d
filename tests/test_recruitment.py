"""Recruitment (issue 15, point 3): job applications through the site or by e-mail as built-in
purposes: the data art. 22¹ § 1 of the Labour Code lists on art. 6(1)(c) GDPR (art. 6(1)(b) for
other contracts), consent for anything beyond it and, separately, for future recruitments, the
recruitment tools that receive the CVs. The legal rule itself, with the deletion of each clause,
is ``recruitment`` in test_legal_rules.py (pl, en); here every language, German included."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from generator.api import build_policy, render
from generator.catalogue import catalogue
from generator.model import Answers
from generator.policy import Policy
from generator.render import Renderer
from generator.wizard.flow import walk
from generator.wizard.questions import BY_PATH

from .conftest import ROOT

FIXTURE = yaml.safe_load((ROOT / "tests" / "fixtures" / "recruitment.yaml").read_text(encoding="utf-8"))
LANGS = ("pl", "en", "de")
RECRUITMENT = ("job_applications", "application_extra_data", "future_recruitment")

#: Words only the recruitment clauses use, per language (the statute, the other-contracts note).
STATES: dict[str, dict[str, str]] = {
    "pl": {
        "kp_221": "art. 22¹ § 1 Kodeksu pracy",
        "kp_221a": "art. 22¹a Kodeksu pracy",
        "other_contracts": "umowy innej niż umowa o pracę",
        "end": "do zakończenia rekrutacji",
        "extra_end": "do zakończenia rekrutacji albo do wcześniejszego cofnięcia zgody",
        "tools": "Narzędzia rekrutacyjne:",
        "channels": "przez formularz na naszej stronie albo e-mailem",
    },
    "en": {
        "kp_221": "Art. 22¹ § 1 of the Labour Code",
        "kp_221a": "Art. 22¹a of the Labour Code",
        "other_contracts": "a contract other than an employment contract",
        "end": "until the recruitment ends",
        "extra_end": "until the recruitment ends, or until you withdraw your consent if you do so earlier",
        "tools": "Recruitment tools:",
        "channels": "through the form on our website or by e-mail",
    },
    "de": {
        "kp_221": "Art. 22¹ § 1 des polnischen Arbeitsgesetzbuchs – Kodeks pracy",
        "kp_221a": "Art. 22¹a des polnischen Arbeitsgesetzbuchs (Kodeks pracy)",
        "other_contracts": "eines anderen Vertrags als eines Arbeitsvertrags",
        "end": "bis zum Abschluss des Bewerbungsverfahrens",
        "extra_end": "bis zum Abschluss des Bewerbungsverfahrens oder bis zu einem früheren Widerruf",
        "tools": "Bewerbermanagement-Tools:",
        "channels": "über das Formular auf unserer Website oder per E-Mail",
    },
}


def answers(**recruitment: Any) -> Answers:
    data = copy.deepcopy(FIXTURE)
    if recruitment:
        data["features"]["recruitment"] = recruitment
    return Answers.model_validate(data)


def section(text: str, purpose: str) -> str:
    start = text.index("{#purpose-" + purpose.replace("_", "-") + "}")
    end = text.find("\n### ", start)
    return text[start : end if end != -1 else len(text)]


def cite(lang: str, basis: str) -> str:
    return str(Renderer(lang).label("cite", basis))


@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_states_recruitment_in_every_language(lang: str) -> None:
    policy = build_policy(answers())
    text = render(policy, lang, "md").text
    words = STATES[lang]
    applications = section(text, "job_applications")
    assert cite(lang, "legal_obligation") in applications and words["kp_221"] in applications
    assert cite(lang, "contract") in applications and words["other_contracts"] in applications
    assert words["end"] + "." in applications and words["channels"] in applications
    assert words["tools"] in applications and "TRAFFIT" in applications  # CVs land in the tool
    extra = section(text, "application_extra_data")
    assert cite(lang, "consent") in extra and words["kp_221a"] in extra and words["extra_end"] in extra
    future = section(text, "future_recruitment")
    months = str(Renderer(lang).retention(policy.activity("future_recruitment").retention))  # type: ignore[union-attr]
    assert cite(lang, "consent") in future and months in future and "6" in months
    # both consents can be withdrawn, and the section on rights says so
    withdraw = policy.right("withdraw_consent")
    assert withdraw is not None and {"application_extra_data", "future_recruitment"} <= set(withdraw.activities)


def test_the_months_of_the_consent_come_from_the_answers_and_are_never_assumed() -> None:
    assert build_policy(answers(future_months=24)).activity("future_recruitment").retention.count == 24  # type: ignore[union-attr]
    without = build_policy(answers(form=True, email=True))
    assert [a.id for a in without.activities if a.id in RECRUITMENT] == ["job_applications", "application_extra_data"]
    for lang in LANGS:
        text = render(without, lang, "md").text
        assert "{#purpose-future-recruitment}" not in text


def test_without_the_feature_there_is_no_recruitment_and_its_tools_are_refused() -> None:
    data = copy.deepcopy(FIXTURE)
    del data["features"]["recruitment"]
    data["services"] = ["ovhcloud"]
    assert not [a for a in build_policy(Answers.model_validate(data)).activities if a.id in RECRUITMENT]
    data["services"] = ["ovhcloud", "traffit"]
    problems = Answers.model_validate(data).reference_problems({k: s.category for k, s in catalogue().items()})
    assert [(path, code) for path, code, _ in problems] == [(("services", 1), "service_without_feature")]


@pytest.mark.parametrize(
    ("channels", "note"),
    [
        ({"form": True, "email": True}, "apply_form_email"),
        ({"form": True, "email": False}, "apply_form"),
        ({"form": False, "email": True}, "apply_email"),
        ({"form": False, "email": False}, None),
    ],
)
def test_how_candidates_apply_follows_the_answers(channels: dict[str, bool], note: str | None) -> None:
    activity = build_policy(answers(**channels)).activity("job_applications")
    assert activity is not None
    assert [n for n in activity.notes if n.startswith("apply_")] == ([note] if note else [])


def test_the_recruitment_tools_note_needs_a_recruitment_tool() -> None:
    data = copy.deepcopy(FIXTURE)
    data["services"] = ["ovhcloud"]
    activity = build_policy(Answers.model_validate(data)).activity("job_applications")
    assert activity is not None and "recruitment_tools" not in activity.notes and "other_contracts" in activity.notes


def foreign() -> Policy:
    data = copy.deepcopy(FIXTURE)
    data["controllers"] = [
        {
            "legal_form": "foreign_company",
            "name": "Maple Apps Inc.",
            "address": {"street": "100 King Street West", "postal_code": "M5X 1A9", "city": "Toronto", "country": "CA"},
            "email": "privacy@mapleapps.example",
            "registry": "Corporations Canada",
        }
    ]
    data["representative"] = {
        "name": "EU Rep Services sp. z o.o.",
        "address": {"street": "ul. Reprezentacyjna 3", "postal_code": "00-950", "city": "Warszawa"},
        "email": "rep@eurep.example",
    }
    return build_policy(Answers.model_validate(data))


@pytest.mark.parametrize("lang", LANGS)
def test_a_controller_outside_poland_is_not_told_the_polish_labour_code_applies(lang: str) -> None:
    policy = foreign()
    applications, extra = policy.activity("job_applications"), policy.activity("application_extra_data")
    assert applications is not None and applications.obligation == "candidate_data_generic"
    assert extra is not None and extra.consent_law == "employment_generic"
    text = render(policy, lang, "md").text
    assert "22¹" not in text and STATES[lang]["other_contracts"] in text


def test_the_wizard_asks_about_recruitment_as_data() -> None:
    assert BY_PATH["features.recruitment"].kind == "presence"
    assert BY_PATH["features.recruitment.form"].kind == BY_PATH["features.recruitment.email"].kind == "confirm"
    months = BY_PATH["features.recruitment.future_months"]
    assert months.kind == "int" and months.optional  # no number is offered as a default
    asked = walk(copy.deepcopy(FIXTURE))
    start = asked.index("features.recruitment")
    assert asked[start : start + 4] == [
        "features.recruitment",
        "features.recruitment.form",
        "features.recruitment.email",
        "features.recruitment.future_months",
    ]
    no = copy.deepcopy(FIXTURE)
    del no["features"]["recruitment"]
    no["services"] = ["ovhcloud"]
    assert not [p for p in walk(no) if p.startswith("features.recruitment.")]
