"""Issue 15, points 5-7: session recording and heatmaps as a purpose of their own (with what each
tool keeps, per tool), the recipient categories added to the list, and each service's purpose
printed in the recipients table, a service named under every purpose it serves. The legal rules
themselves, with the deletion of each clause, are ``session_recording`` and ``recipients_named`` in
test_legal_rules.py (pl, en); here every language, German included."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from generator.api import build_policy
from generator.fields import text_in
from generator.i18n import policy_text
from generator.model import Answers
from generator.policy import Policy
from generator.render import Renderer
from generator.servicedef import ServiceDef
from generator.wording import CONSENT_LAW, DATA, PURPOSE, RECIPIENT_CATEGORY

from .conftest import ROOT, run_cli
from .test_legal_rules import Doc, make_doc

FIXTURE = yaml.safe_load((ROOT / "tests" / "fixtures" / "online-course.yaml").read_text(encoding="utf-8"))
LANGS = ("pl", "en", "de")

#: Words only the new clauses use, per language.
STATES: dict[str, dict[str, str]] = {
    "pl": {
        "masked": "maskować treść wpisywaną w polach formularzy",
        "recorded": "nagrania mogą obejmować także treść wpisywaną",
        "authorities": "tylko wtedy, gdy wymaga tego od nas prawo",
        "own_period": "każde narzędzie przechowuje zbierane dane przez własny okres",
        "set_in_tool": "przez okres w nim ustawiony",
    },
    "en": {
        "masked": "set to mask what you type into form fields",
        "recorded": "recordings may also include what you type",
        "authorities": "only when the law requires us to disclose the data to them",
        "own_period": "each tool keeps the data it collects for its own period",
        "set_in_tool": "for the period set in it",
    },
    "de": {
        "masked": "Ihre Eingaben in Formularfeldern maskieren",
        "recorded": "Aufzeichnungen können auch Ihre Eingaben",
        "authorities": "nur, wenn wir gesetzlich zur Offenlegung verpflichtet sind",
        "own_period": "jedes Tool speichert die erhobenen Daten für einen eigenen Zeitraum",
        "set_in_tool": "für den in ihm eingestellten Zeitraum",
    },
}


def t(lang: str, msgid: str) -> str:
    return policy_text(lang, msgid)


def policy_of(**changes: Any) -> Policy:
    data = copy.deepcopy(FIXTURE)
    data.update(changes)
    return build_policy(Answers.model_validate(data))


def doc(policy: Policy, lang: str) -> Doc:
    return make_doc(policy, lang, "md")


def block(d: Doc, purpose: str) -> str:
    return d.section("purpose-" + purpose.replace("_", "-"))


def period(lang: str, lifetime: str) -> str:
    return str(Renderer(lang).period(lifetime))


@pytest.mark.parametrize("lang", LANGS)
def test_session_recording_is_a_purpose_of_its_own_in_every_language(lang: str) -> None:
    policy = policy_of()
    d = doc(policy, lang)
    recording = block(d, "session_recording")
    assert t(lang, PURPOSE["session_recording"]) in d.text
    assert t(lang, DATA["session_activity"]) in recording  # mouse movements, clicks, scrolling, pages
    assert str(Renderer(lang).label("cite", "consent")) in recording
    assert t(lang, CONSENT_LAW["pke_399"]) in recording  # the device rule
    assert STATES[lang]["masked"] in recording and STATES[lang]["recorded"] not in recording
    assert "Hotjar" in recording and period(lang, "365 days") in recording  # the tool's own retention
    assert "Hotjar" not in block(d, "analytics")  # apart from statistics
    activity = policy.activity("session_recording")
    assert activity is not None and activity.basis == "consent" and activity.services == ("hotjar",)


@pytest.mark.parametrize("lang", LANGS)
def test_two_statistics_tools_keep_data_for_their_own_periods(lang: str) -> None:
    statistics = block(doc(policy_of(), lang), "analytics")
    assert STATES[lang]["own_period"] in statistics
    assert f"Google Analytics 4: {period(lang, '14 months')}; Matomo Cloud: {period(lang, '25 months')}" in statistics


def test_a_tool_without_its_own_period_keeps_the_common_one_or_the_criterion() -> None:
    uses = {**FIXTURE["service_use"], "matomo-cloud": {}}
    features = {**FIXTURE["features"], "website": {"statistics_months": 2}}
    assert policy_of(service_use=uses, features=features).activity("analytics").retention.tools == (  # type: ignore[union-attr]
        ("Google Analytics 4", "14 months"),
        ("Matomo Cloud", "2 months"),
    )
    text = block(doc(policy_of(service_use=uses), "en"), "analytics")
    assert "Google Analytics 4: 14 months; Matomo Cloud: the period set in the tool" in text


@pytest.mark.parametrize("name", ["Stats | Co", "Stats *bold* [x](y)"])
def test_a_tool_name_in_the_retention_sentence_is_markdown_escaped(name: str) -> None:
    # A name is the user's text: inside a purpose's retention it must not open a table cell or a link.
    tools = policy_of().activity("analytics").retention  # type: ignore[union-attr]
    swapped = dataclasses.replace(tools, tools=((name, "14 months"), *tools.tools[1:]))
    text = str(Renderer("en").retention(swapped))
    assert name not in text and "14 months" in text


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_period_the_recording_tool_is_worded_as_a_criterion(lang: str) -> None:
    uses = {k: v for k, v in FIXTURE["service_use"].items() if k != "hotjar"}
    policy = policy_of(service_use=uses)
    assert policy.activity("session_recording").retention.rule == "recording_tool"  # type: ignore[union-attr]
    recording = block(doc(policy, lang), "session_recording")
    assert STATES[lang]["set_in_tool"] in recording and period(lang, "365 days") not in recording


def test_a_verified_catalogue_retention_is_used_and_the_answers_override_it() -> None:
    recorder = {
        "id": "own-recorder",
        "name": "Own Recorder",
        "category": "session_recording",
        "entity": {"name": "Recorder Sp. z o.o.", "country": "PL"},
        "role": "processor",
        "purpose": {"pl": "nagrania sesji", "en": "session recordings", "de": "Sitzungsaufzeichnungen"},
        "data": ["usage_data"],
        "transfers": [],
        "retention": "30 days",
        "links": {"privacy": "https://recorder.example/privacy"},
        "sources": [
            {
                "url": "https://recorder.example/privacy",
                "checked": "2026-11-01",
                "facts": ["entity", "role", "transfers", "links", "purpose", "cookies", "retention"],
            }
        ],
    }
    services = ["ovhcloud", "google-analytics-4", "matomo-cloud"]
    uses = {k: v for k, v in FIXTURE["service_use"].items() if k != "hotjar"}
    policy = policy_of(services=services, custom_services=[recorder], service_use=uses)
    assert policy.activity("session_recording").retention.tools == (("Own Recorder", "30 days"),)  # type: ignore[union-attr]
    uses["own-recorder"] = {"retention": "90 days"}
    policy = policy_of(services=services, custom_services=[recorder], service_use=uses)
    assert policy.activity("session_recording").retention.tools == (("Own Recorder", "90 days"),)  # type: ignore[union-attr]
    # a retention fact without a source is refused, like every other fact
    recorder["sources"][0]["facts"].remove("retention")  # type: ignore[index]
    with pytest.raises(ValidationError, match="retention"):
        ServiceDef.model_validate(recorder)


@pytest.mark.parametrize("lang", LANGS)
def test_unmasked_input_is_stated_and_nothing_is_said_without_the_feature(lang: str) -> None:
    features = {**FIXTURE["features"], "session_recording": {"masks_input": False}}
    recording = block(doc(policy_of(features=features), lang), "session_recording")
    assert STATES[lang]["recorded"] in recording and STATES[lang]["masked"] not in recording
    features = {k: v for k, v in FIXTURE["features"].items() if k != "session_recording"}
    policy = policy_of(features=features)
    # off: Hotjar serves the statistics, as before the feature existed
    assert policy.activity("session_recording") is None
    assert "hotjar" in policy.activity("analytics").services  # type: ignore[union-attr]
    text = doc(policy, lang).text
    assert STATES[lang]["masked"] not in text and STATES[lang]["recorded"] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_new_recipient_categories_in_every_language(lang: str) -> None:
    recipients = doc(policy_of(), lang).section("recipients")
    for key in ("accounting_office", "marketing_agencies", "couriers", "pickup_points"):
        assert t(lang, RECIPIENT_CATEGORY[key]) in recipients, key
    # authorities have a sentence of their own that says the law decides, never a plain list item
    assert STATES[lang]["authorities"] in recipients
    lead = t(lang, "We also disclose data, where needed, to: %(categories)s.").split("%(")[0]
    listed = recipients[recipients.index(lead) :].split(". ")[0]
    assert t(lang, RECIPIENT_CATEGORY["couriers"]) in listed
    assert t(lang, RECIPIENT_CATEGORY["public_authorities"]) not in listed
    without = policy_of(other_recipients=["couriers"])
    assert STATES[lang]["authorities"] not in doc(without, lang).section("recipients")


@pytest.mark.parametrize("lang", LANGS)
def test_every_service_is_printed_with_its_purpose_in_every_language(lang: str) -> None:
    policy = policy_of()
    recipients = make_doc(policy, lang, "html").section("recipients")
    for r in policy.recipients:
        assert f"{r.service.name}: {text_in(r.service.purpose, lang)}" in recipients, r.service.id


@pytest.mark.parametrize("lang", LANGS)
def test_a_service_is_named_under_every_purpose_it_serves(lang: str) -> None:
    policy = policy_of()
    served = {a.id for a in policy.activities if "mailerlite" in a.services}
    assert served == {"newsletter", "webinars"}  # its category gives only the newsletter
    d = doc(policy, lang)
    for purpose in ("newsletter", "webinars"):
        assert "MailerLite" in block(d, purpose), purpose
    (row,) = [r for r in policy.recipients if r.service.id == "mailerlite"]
    assert {"newsletter", "webinars"} <= set(row.activities)


def test_named_purposes_replace_the_category_and_its_feature() -> None:
    features = {k: v for k, v in FIXTURE["features"].items() if k != "newsletter"}
    uses = {**FIXTURE["service_use"], "mailerlite": {"purposes": ["webinars"]}}
    policy = policy_of(features=features, services=[*FIXTURE["services"], "mailerlite"], service_use=uses)
    assert policy.activity("newsletter") is None and "mailerlite" in policy.activity("webinars").services  # type: ignore[union-attr]


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "answers.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.write_text(text, encoding="utf-8")
    return path


def located(path: Path, key: str) -> int:
    """The 1-based line on which ``key:`` is written in the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        ({"services": ["ovhcloud", "google-analytics-4"]}, "session_recording", "no session recording tool"),
        ({"service_use": {**FIXTURE["service_use"], "youtube": {}}}, "youtube", "which the answers do not use"),
    ],
)
def test_answers_that_would_say_nothing_are_located_errors(
    tmp_path: Path, change: dict[str, Any], key: str, words: str
) -> None:
    data = copy.deepcopy(FIXTURE)
    data.update(change)
    path = write(tmp_path, data)
    result = run_cli("--ui-lang", "en", "build", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert f"{path}:{located(path, key)}:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_pg012_is_quiet_only_when_every_statistics_tool_has_its_own_period(tmp_path: Path) -> None:
    from generator.api import check_answers

    assert "PG012" not in {f.rule for f in check_answers(write(tmp_path, copy.deepcopy(FIXTURE)))[2]}
    data = copy.deepcopy(FIXTURE)
    data["service_use"]["matomo-cloud"] = {}
    assert "PG012" in {f.rule for f in check_answers(write(tmp_path, data))[2]}
