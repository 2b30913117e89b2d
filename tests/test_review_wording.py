"""Issue 15's truthfulness rules and the wording fixes from the review of five real policies: each
test fails on the text the policy had before the fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from generator.api import build_policy, render
from generator.model import Answers

from .conftest import ROOT

LANGS = ("pl", "en", "de")


def example(name: str) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((ROOT / "answers" / f"{name}.yaml").read_text(encoding="utf-8")))


def text(data: dict[str, Any], lang: str) -> str:
    return render(build_policy(Answers.model_validate(data)), lang, "md").text


def section(md: str, anchor: str) -> str:
    start = md.index("{#" + anchor + "}")
    end = md.find("\n#", start)
    return md[start : end if end != -1 else len(md)]


#: What a server log holds, per language.
LOG_ENTRIES = {
    "pl": "wpisy w logach serwera (adres IP, czas żądania, żądany adres URL, nagłówek User-Agent przeglądarki i "
    "kod odpowiedzi serwera)",
    "en": "server log entries (IP address, time of the request, requested URL, the browser's user agent and the "
    "response status)",
    "de": "Einträge in den Serverprotokollen (IP-Adresse, Zeitpunkt der Anfrage, angeforderte URL, User-Agent des "
    "Browsers und Antwortstatus)",
}


@pytest.mark.parametrize("lang", LANGS)
def test_server_logs_list_what_logs_hold_not_clicks(lang: str) -> None:
    logs = section(text(example("shop"), lang), "purpose-website")
    assert LOG_ENTRIES[lang] in logs
    assert not any(word in logs for word in ("kliknięcia", "clicks", "Klicks", "czas wizyty", "time of visit"))


#: The criterion an unset period is worded as, per language: (server logs, correspondence).
CRITERION = {
    "pl": ("jak długo jest to potrzebne do zapewnienia bezpieczeństwa usługi", "jak długo korespondencja"),
    "en": ("as long as needed to keep the service secure", "as long as the correspondence"),
    "de": ("solange dies für die Sicherheit des Dienstes erforderlich ist", "solange die Korrespondenz"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_an_unset_period_is_worded_as_its_criterion_never_as_a_default_number(lang: str) -> None:
    data = example("shop")
    del data["features"]["website"]["log_retention_days"]
    del data["features"]["contact"]["keep_months"]
    md = text(data, lang)
    logs, contact = section(md, "purpose-website"), section(md, "purpose-contact")
    assert CRITERION[lang][0] in logs and "30" not in logs
    assert CRITERION[lang][1] in contact and "12" not in contact


@pytest.mark.parametrize("lang", LANGS)
def test_a_period_the_answers_give_is_still_printed(lang: str) -> None:
    data = example("shop")
    data["features"]["website"]["log_retention_days"] = 45
    data["features"]["contact"]["keep_months"] = 7
    md = text(data, lang)
    assert "45" in section(md, "purpose-website") and CRITERION[lang][0] not in section(md, "purpose-website")
    assert "7" in section(md, "purpose-contact") and CRITERION[lang][1] not in section(md, "purpose-contact")


def test_the_wizard_asks_for_the_periods_and_suggests_a_value() -> None:
    from generator.wizard.modelfields import model_default
    from generator.wizard.questions import BY_PATH

    for path, suggested in (("features.website.log_retention_days", 30), ("features.contact.keep_months", 12)):
        assert model_default(path) is None  # nothing is assumed for an answers file that does not say
        assert BY_PATH[path].default == suggested and not BY_PATH[path].optional


def test_no_recipients_is_a_stated_answer_never_an_inference() -> None:
    from generator.check import check

    data = example("shop")
    data["services"], data["features"]["shop"]["payments"], data["features"]["shop"]["carriers"] = [], [], []
    del data["features"]["newsletter"], data["features"]["marketing"], data["features"]["social_media"]
    data.pop("consent_tool", None)
    data.pop("other_recipients", None)
    answers = Answers.model_validate(data)
    assert "PG017" in {f.rule.id for f in check(answers, build_policy(answers))}
    confirmed = Answers.model_validate({**data, "no_recipients": True})
    assert "PG017" not in {f.rule.id for f in check(confirmed, build_policy(confirmed))}


def test_english_wording_from_the_review() -> None:
    md = text(example("shop"), "en")
    assert "full name" in md and "name and surname" not in md
    assert "Providing your data is voluntary" in md and "Giving the data" not in md
    assert "decide themselves whether to transfer the data they receive" in md  # several: they
    one = example("shop")
    one["features"]["shop"]["payments"], one["features"]["shop"]["carriers"] = ["przelewy24"], []
    assert "decides itself whether to transfer the data it receives" in text(one, "en")


CHOICES = {
    "pl": "Swoje wybory możesz w dowolnym momencie zmienić, a zgodę cofnąć",
    "en": "You can change your choices and withdraw your consent at any time",
    "de": "können Sie Ihre Auswahl jederzeit ändern und Ihre Einwilligung widerrufen",
}


@pytest.mark.parametrize("lang", LANGS)
def test_choices_are_changed_and_consent_withdrawn(lang: str) -> None:
    assert CHOICES[lang] in section(text(example("shop"), lang), "cookies")


#: How the DPF row cites its legal basis, per language (art. 45, like the UK and Swiss rows).
DPF_ARTICLE = {
    "pl": "2023/1795, art. 45 RODO)",
    "en": "2023/1795, Art. 45 GDPR)",
    "de": "2023/1795 der Kommission, Art. 45 DSGVO)",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_dpf_transfer_cites_article_45(lang: str) -> None:
    transfers = section(text(example("shop"), lang), "transfers")
    assert "2023/1795" in transfers and DPF_ARTICLE[lang] in transfers


def test_one_polish_term_for_an_adequate_level_of_protection() -> None:
    md = text(example("shop"), "pl")
    assert "odpowiedni stopień ochrony" in md and "odpowiedni poziom ochrony" not in md


@pytest.mark.parametrize("lang", LANGS)
def test_consent_records_are_not_tied_to_the_general_limitation_period(lang: str) -> None:
    # A claim about a consent record would be in tort (art. 442¹ KC), not under art. 118 KC: the
    # policy states the criterion without an article.
    cookies = section(text(example("shop"), lang), "purpose-consent-records")
    assert "118" not in cookies
