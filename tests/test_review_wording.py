"""Issue 15's truthfulness rules and the wording fixes from the review of five real policies: each
test fails on the text the policy had before the fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from generator.api import build_policy, render
from generator.check import check
from generator.model import Answers

from .conftest import ROOT, SHARE_BUTTONS, share_buttons_service

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


#: The seat (a town, art. 41 KC) and then the address, per language; the answers give the town.
SEAT = {
    "pl": "spółka z ograniczoną odpowiedzialnością z siedzibą w Krakowie, ul. Świerkowa 12, 30-218 Kraków, wpisana",
    "en": "with its registered office in Kraków, ul. Świerkowa 12, 30-218 Kraków, entered",
    "de": "mit Sitz in Kraków, ul. Świerkowa 12, 30-218 Kraków, eingetragen",
}
#: Without a seat in the answers the policy gives only the address: it never calls the address a seat.
NO_SEAT = {
    "pl": "spółka z ograniczoną odpowiedzialnością (adres: ul. Świerkowa 12, 30-218 Kraków), wpisana",
    "en": "(spółka z ograniczoną odpowiedzialnością) with the address ul. Świerkowa 12, 30-218 Kraków, entered",
    "de": "(spółka z ograniczoną odpowiedzialnością) mit der Anschrift ul. Świerkowa 12, 30-218 Kraków, eingetragen",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_seat_is_a_town_and_the_address_is_not_called_a_seat(lang: str) -> None:
    data = example("shop")
    assert SEAT[lang] in section(text(data, lang), "controller")
    del data["controllers"][0]["seat"]
    controller = section(text(data, lang), "controller")
    assert NO_SEAT[lang] in controller
    assert "siedzibą pod adresem" not in controller and "Sitz unter der Anschrift" not in controller


@pytest.mark.parametrize("lang", LANGS)
def test_the_registry_court_is_named_in_the_policys_language(lang: str) -> None:
    court = {
        "pl": "Sąd Rejonowy dla Krakowa-Śródmieścia w Krakowie, XI Wydział Gospodarczy KRS",
        "en": "whose files are kept by the District Court for Kraków-Śródmieście in Kraków, XI Commercial Division",
        "de": "Registergericht: Amtsgericht Kraków-Śródmieście in Kraków, XI. Wirtschaftsabteilung",
    }
    controller = section(text(example("shop"), lang), "controller")
    assert court[lang] in controller
    assert lang == "pl" or "Sąd Rejonowy" not in controller
    one = example("shop")  # one name for every language is still accepted, printed as given
    one["controllers"][0]["registry_court"] = "Sąd Rejonowy dla Krakowa-Śródmieścia w Krakowie"
    assert "Sąd Rejonowy dla Krakowa-Śródmieścia w Krakowie" in section(text(one, lang), "controller")


def test_a_seat_missing_is_a_check_warning_for_companies_only() -> None:
    data = example("shop")
    del data["controllers"][0]["seat"]
    answers = Answers.model_validate(data)
    (finding,) = [f for f in check(answers, build_policy(answers)) if f.rule.id == "PG018"]
    assert finding.path == "controllers.0" and finding.rule.severity == "warning"
    trader = example("blogger")  # a sole trader has no seat in the KRS sense
    answers = Answers.model_validate(trader)
    assert "PG018" not in {f.rule.id for f in check(answers, build_policy(answers))}


#: The Polish "and" of a list whose items are lists themselves is "oraz" (German "sowie").
NESTED = {
    "pl": "ustalanie, dochodzenie i obrona roszczeń oraz nasze profile w mediach społecznościowych",
    "en": "establishing, pursuing and defending claims as well as our social media profiles",
    "de": "Verteidigung von Rechtsansprüchen sowie Betrieb unserer Profile in sozialen Netzwerken",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_list_of_lists_joins_at_the_top_with_the_stronger_and(lang: str) -> None:
    objection = section(text(example("shop"), lang), "objection")
    assert NESTED[lang] in objection
    assert "roszczeń i nasze" not in objection


def test_a_list_of_plain_items_keeps_the_plain_and() -> None:
    from generator.render import Renderer

    pl = Renderer("pl")
    assert pl.join(["adres e-mail", "numer telefonu", "treść korespondencji"]) == (
        "adres e-mail, numer telefonu i treść korespondencji"
    )
    assert pl.join(["imię i nazwisko", "adres e-mail"]) == "imię i nazwisko oraz adres e-mail"
    # Commas inside parentheses do not make an item a list.
    en = Renderer("en")
    assert en.join(["contact details (e-mail, phone)", "payment details"]) == (
        "contact details (e-mail, phone) and payment details"
    )


#: The legitimate interest is named once, with the basis.
INTEREST = {
    "pl": "nasz prawnie uzasadniony interes (art. 6 ust. 1 lit. f RODO), którym jest zapewnienie bezpieczeństwa",
    "en": "our legitimate interest (Art. 6(1)(f) GDPR), namely keeping the website secure",
    "de": "unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO), hier: Gewährleistung der Sicherheit",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_legitimate_interest_is_said_once(lang: str) -> None:
    md = text(example("shop"), lang)
    assert INTEREST[lang] in section(md, "purpose-website")
    assert not any(
        twice in md
        for twice in ("naszym prawnie uzasadnionym interesem jest", "our legitimate interest is", "Interesse: ")
    )


#: A retention period on its own reads as an answer to "how long": "przez 30 dni".
FOR_DAYS = {
    "pl": "**Jak długo je przechowujemy:** przez 30 dni.",
    "en": "**How long:** for 30 days.",
    "de": "**Speicherdauer:** 30 Tage.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_retention_period_reads_as_an_answer(lang: str) -> None:
    assert FOR_DAYS[lang] in section(text(example("shop"), lang), "purpose-website")


#: Meta's arrangement limits the joint controllership to collection and transmission.
JOINT_SCOPE = {
    "pl": "wyłącznie w zakresie zbierania Twoich danych na naszej stronie za pomocą tej usługi i przekazywania ich",
    "en": "only of collecting your data on our website through this service and transmitting them to",
    "de": "nur für die Erhebung Ihrer Daten auf unserer Website über diesen Dienst und ihre Übermittlung an",
}


@pytest.mark.parametrize("lang", LANGS)
def test_meta_pixel_joint_controllership_is_limited_to_collection_and_transmission(lang: str) -> None:
    recipients = section(text(example("shop"), lang), "recipients")
    meta = next(
        line
        for line in recipients.splitlines()
        if line.startswith(("For Meta Pixel", "W przypadku usługi Meta Pixel", "Bei Meta Pixel"))
    )
    assert JOINT_SCOPE[lang] in meta
    # A joint controllership the catalogue does not limit (a fanpage's statistics) keeps the general sentence.
    assert "Facebook (fanpage)" in recipients and recipients.count(JOINT_SCOPE[lang]) == 1


#: The notes a yes/no answer prints, per language: (double opt-in, moderated, published at once, guest, account).
NOTES = {
    "pl": ("**Potwierdzenie adresu:**", "**Moderacja:**", "**Publikacja:**", "**Bez zakładania konta:**", "**Konto:**"),
    "en": (
        "**Confirming your address:**",
        "**Moderation:**",
        "**Publication:**",
        "**Without an account:**",
        "**Account:**",
    ),
    "de": (
        "**Bestätigung Ihrer Adresse:**",
        "**Moderation:**",
        "**Veröffentlichung:**",
        "**Ohne Kundenkonto:**",
        "**Kundenkonto:**",
    ),
}


def _with_everything() -> dict[str, Any]:
    data = example("blogger")
    data["features"]["accounts"] = {}
    data["features"]["shop"] = {"guest_checkout": True}
    data["no_recipients"] = True
    return data


@pytest.mark.parametrize("lang", LANGS)
def test_a_yes_no_fact_left_out_is_not_stated(lang: str) -> None:
    confirm, moderated, at_once, guest, account = NOTES[lang]
    data = _with_everything()
    md = text(data, lang)
    assert confirm in md and moderated in md and guest in md  # the example answers them
    del data["features"]["newsletter"]["double_opt_in"]
    del data["features"]["comments"]["moderation"]
    del data["features"]["shop"]["guest_checkout"]
    md = text(data, lang)
    assert not any(note in md for note in (confirm, moderated, at_once, guest, account))


@pytest.mark.parametrize("lang", LANGS)
def test_a_no_is_stated_as_a_no(lang: str) -> None:
    _, moderated, at_once, guest, account = NOTES[lang]
    data = _with_everything()
    data["features"]["comments"]["moderation"] = False
    data["features"]["shop"]["guest_checkout"] = False
    md = text(data, lang)
    assert at_once in md and account in md and moderated not in md and guest not in md
    del data["features"]["accounts"]  # no accounts: buying needs none, and "also as a guest" would be odd
    md = text(data, lang)
    assert guest not in md and account not in md


def _with_share_buttons() -> dict[str, Any]:
    data = example("blogger")
    data["custom_services"] = [share_buttons_service()]
    data["services"] = [*data.get("services", []), "x-share"]
    return data


@pytest.mark.parametrize("lang", LANGS)
def test_a_custom_service_is_named_in_the_policys_language(lang: str) -> None:
    md = text(_with_share_buttons(), lang)
    assert SHARE_BUTTONS[lang] in section(md, "recipients")
    others = [name for other, name in SHARE_BUTTONS.items() if other != lang]
    assert not any(name in md for name in others)
