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
