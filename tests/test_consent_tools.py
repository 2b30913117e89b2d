"""A consent tool is a service (issue 18.4): choosing one puts its own consent cookie in the cookie
table and names it in the cookies section, in every policy language; it is never among the tools
"used only with your consent" (it runs to ask). Embeds that send the visitor's IP to their
provider (Google Fonts, YouTube, Google Maps) are consent-gated."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.api import build_policy, load_answers, render
from generator.catalogue import catalogue
from generator.mdtext import md_escape

from .conftest import LANGS, ROOT

AGENCY = yaml.safe_load((ROOT / "answers" / "agency.yaml").read_text(encoding="utf-8"))
CONSENT_TOOLS = sorted(sid for sid, s in catalogue().items() if s.category == "consent")
BANNER = {
    "pl": "Baner cookies udostępnia nam",
    "en": "Our cookie banner is provided by",
    "de": "Unser Cookie-Banner wird von",
}


def policy_with(tmp_path: Path, **changes: Any):
    data = copy.deepcopy(AGENCY)
    for key, value in changes.items():
        data[key] = value if not isinstance(value, dict) else {**data.get(key, {}), **value}
    path = tmp_path / "agency.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_policy(load_answers(path))


def cookies_section(policy: Any, lang: str) -> str:
    md = render(policy, lang, "md").text
    return md[md.index("{#cookies}") : md.index("{#rights}")]


def test_the_catalogue_has_the_consent_tools_people_use() -> None:
    assert len(CONSENT_TOOLS) >= 5


@pytest.mark.parametrize("tool", CONSENT_TOOLS)
def test_a_consent_tool_adds_its_cookie_and_is_named(tmp_path: Path, tool: str) -> None:
    service = catalogue()[tool]
    policy = policy_with(tmp_path, consent_tool={"service": tool})
    assert not service.consent_needed, "the banner has to run to ask"
    assert service not in policy.cookies_unlisted
    for lang in LANGS:
        section = cookies_section(policy, lang)
        banner = section[section.index(BANNER[lang]) :].split("\n\n")[0]
        assert service.name in banner and service.entity.name in banner, lang
        rows = [line for line in section.splitlines() if line.startswith("| ") and f"| {service.name} |" in line]
        names = [cookie.name for cookie in service.cookies]
        assert len(rows) == len(names), lang
        for name in map(md_escape, names):
            assert any(line.startswith(f"| {name} |") for line in rows), (lang, name)
            assert name in banner, (lang, name)


def test_without_a_consent_tool_service_no_banner_sentence(tmp_path: Path) -> None:
    policy = policy_with(tmp_path)
    for lang in LANGS:
        assert BANNER[lang] not in cookies_section(policy, lang)


@pytest.mark.parametrize("embed", ["google-fonts", "youtube", "google-maps"])
def test_embeds_that_send_the_ip_are_consent_gated(tmp_path: Path, embed: str) -> None:
    service = catalogue()[embed]
    assert service.consent_needed
    policy = policy_with(tmp_path, services=[*AGENCY["services"], embed])
    lines = [c for c in policy.cookies if c.provider == service.name]
    assert all(c.consent for c in lines) and (lines or service in policy.cookies_unlisted)
    for lang in LANGS:
        md = render(policy, lang, "md").text
        summary = md[md.index("{#summary}") : md.index("{#controller}")]
        consent_line = next(line for line in summary.splitlines() if "Meta Pixel" not in line and service.name in line)
        assert "Google Analytics 4" in consent_line, (lang, "the embed is not in the line of consent tools")
