"""The service catalogue in use: listing, the cookie table and the transfers section built from it."""

from __future__ import annotations

from datetime import date

import pytest

from generator.catalogue import catalogue, stale_sources
from generator.render import Renderer
from generator.wording import MECHANISM, ROLE

from .conftest import ROOT, built, run_cli
from .test_legal_rules import RULE_LANGS as LANGS
from .test_legal_rules import make_doc, t

MANY = ROOT / "tests" / "fixtures" / "many-services.yaml"


def test_services_lists_at_least_60_complete_entries() -> None:
    result = run_cli("services")
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) >= 60, len(lines)
    for service in catalogue().values():
        assert service.purpose["pl"].strip() and service.purpose["en"].strip()
        assert service.role and service.entity.country
        assert all(src.checked and src.url for src in service.sources)
        assert all(c.purpose["pl"].strip() and c.purpose["en"].strip() for c in service.cookies)


def test_services_search_and_show() -> None:
    result = run_cli("services", "google")
    assert result.returncode == 0 and "google-analytics-4" in result.stdout and "inpost" not in result.stdout
    shown = run_cli("services", "show", "google-analytics-4")
    assert shown.returncode == 0
    assert "Google Ireland Limited" in shown.stdout and "2026-" in shown.stdout and "_ga" in shown.stdout
    assert "*.google-analytics.com" in shown.stdout  # hosts, for whoever maps a site's requests to entries
    missing = run_cli("--ui-lang", "en", "services", "show", "no-such-thing")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_stale_check_warns_about_old_facts() -> None:
    assert stale_sources(3650) == []
    far_future = date(2100, 1, 1)
    stale = stale_sources(30, today=far_future)
    assert {sid for sid, _, _ in stale} == set(catalogue())
    result = run_cli("--ui-lang", "en", "services", "--check", "--max-age", "0")
    assert result.returncode == 0


def test_fixture_uses_15_catalogue_and_2_custom_services() -> None:
    policy = built(MANY)
    custom = [s for s in policy.services if s.id not in catalogue()]
    assert len(policy.services) - len(custom) == 15 and len(custom) == 2


@pytest.mark.parametrize("lang", LANGS)
def test_every_service_named_with_entity_and_role(lang: str) -> None:
    policy = built(MANY)
    recipients = make_doc(policy, lang, "html").section("recipients")
    for service in policy.services:
        assert service.name in recipients
        assert service.entity.name in recipients
    rows = [line for line in make_doc(policy, lang, "html").page.split("<tr>") if "</td>" in line]
    for service in policy.services:
        row = next(r for r in rows if f"<td>{service.name}: " in r)
        assert t(lang, ROLE[service.role]) in row, service.id


@pytest.mark.parametrize("lang", LANGS)
def test_cookie_table_covers_every_service_cookie(lang: str) -> None:
    policy = built(MANY)
    section = make_doc(policy, lang, "html").section("cookies")
    r = Renderer(lang)
    expected = [(c.name, s.name) for s in policy.services for c in s.cookies]
    assert expected, "the fixture must use services with cookies"
    for name, provider in expected:
        assert name in section and provider in section
    for service in policy.services:
        for cookie in service.cookies:
            assert str(r.period(cookie.lifetime)) in section
            assert cookie.purpose[lang] in section


@pytest.mark.parametrize("lang", LANGS)
def test_transfers_list_exactly_the_non_eea_recipients(lang: str) -> None:
    policy = built(MANY)
    page = make_doc(policy, lang, "html").page
    start = page.index('id="transfers"')
    table = page[start : page.index("</table>", start)]
    rows = [r for r in table.split("<tr>")[2:]]
    r = Renderer(lang)
    unnamed = {
        "pl": "państwa spoza EOG (bez wyszczególnienia)",
        "en": "countries outside the EEA (not listed individually)",
    }
    also_dpf = {
        "pl": "; odbiorca jest też na liście",
        "en": "; the recipient is also on the Data Privacy Framework List",
    }
    expected = [
        (
            tr.recipient or s.entity.name,
            s.name,
            str(r.country(tr.country)) if tr.country else unnamed[lang],
            t(lang, MECHANISM[tr.mechanism]),
            tr.dpf is True and tr.mechanism != "dpf",
        )
        for s in policy.services
        for tr in s.transfers or ()
    ]
    assert any(e[2] == unnamed[lang] for e in expected), "the fixture must have a row without a country"
    assert any(e[4] for e in expected), "the fixture must have an SCC row to a DPF-listed recipient"
    assert len(rows) == len(expected)
    for row, (recipient, name, country, mechanism, listed) in zip(rows, expected, strict=True):
        cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
        assert cells[:3] == [recipient, name, country]
        assert cells[3].startswith(mechanism)
        assert (also_dpf[lang] in cells[3]) == listed, cells[3]
    eea_only = {s.name for s in policy.services if s.transfers == []}
    for row in rows:
        assert not any(f"<td>{name}</td>" in row for name in eea_only)


def test_no_dissolved_entity_or_mechanism_anywhere_in_the_catalogue() -> None:
    files = sorted((ROOT / "generator" / "data" / "services").glob("*.yaml"))
    found = [
        (path.name, dissolved)
        for path in files
        for dissolved in ("Privacy Shield", "Google Inc.", "Facebook Inc.", "Facebook Ireland")
        if dissolved in path.read_text(encoding="utf-8")
    ]
    assert not found


@pytest.mark.parametrize("lang", LANGS)
def test_tools_with_unlisted_storage_are_named_with_the_providers_description(lang: str) -> None:
    policy = built(MANY)
    unlisted = [s for s in policy.services if not s.cookies_complete]
    assert [s.id for s in policy.cookies_unlisted] == [s.id for s in unlisted] and unlisted
    assert policy.cookie_consent
    doc = make_doc(policy, lang, "html")
    section = doc.section("cookies")
    label = {"pl": "opis dostawcy", "en": "the provider's description"}[lang]
    for service in unlisted:
        link = service.links.cookies or service.links.privacy
        assert f"{service.name} ({service.entity.name}): {label}" in section
        assert f'({service.entity.name}): <a href="{link}">{label}</a>' in doc.page


@pytest.mark.parametrize("lang", LANGS)
def test_third_party_cookies_are_read_only_by_their_provider(lang: str) -> None:
    page = make_doc(built(MANY), lang, "html").page
    section = page[page.index('id="cookies"') :]
    row = next(r for r in section.split("<tr>") if "<td>hm_id</td>" in r)
    assert {"pl": "<td>tylko Heatmapper Inc.</td>", "en": "<td>only Heatmapper Inc.</td>"}[lang] in row
    ga = next(r for r in section.split("<tr>") if "<td>_ga</td>" in r)  # first party, set by Google's script
    assert {"pl": "my i Google Ireland Limited", "en": "we and Google Ireland Limited"}[lang] in ga


@pytest.mark.parametrize("lang", LANGS)
def test_joint_controller_tools_say_where_the_arrangement_is(lang: str) -> None:
    from generator.api import build_policy, load_answers

    text = (ROOT / "tests" / "check" / "PG002-pass.yaml").read_text(encoding="utf-8")
    path = ROOT / "tests" / "check" / "PG002-pass.yaml"
    policy = build_policy(load_answers(path, text=text.replace("- google-analytics-4", "- criteo")))
    criteo = next(s for s in policy.services if s.id == "criteo")
    assert criteo.role == "joint_controller" and criteo.links.arrangement is None
    section = make_doc(policy, lang, "html").section("recipients")
    ask = {"pl": "o zasadniczą treść naszych uzgodnień możesz nas poprosić", "en": "you can ask us for the essence"}
    assert ask[lang] in section and policy.contact.email in section


@pytest.mark.parametrize("ui", ["pl", "en"])
def test_stats_count_the_catalogue_in_the_interface_language(ui: str) -> None:
    from collections import Counter

    result = run_cli("--ui-lang", ui, "services", "--stats")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    out = result.stdout
    entries = list(catalogue().values())
    verified = sum(s.transfers is not None for s in entries)
    share = round(100 * verified / len(entries))
    head = {
        "pl": f"wpisy w katalogu: {len(entries)}\nwpisy ze zweryfikowanymi przekazaniami danych: "
        f"{verified} z {len(entries)} ({share}%)",
        "en": f"catalogue entries: {len(entries)}\nentries whose transfers are verified: "
        f"{verified} of {len(entries)} ({share}%)",
    }[ui]
    assert out.startswith(head + "\n")
    rows = {
        line.strip().rsplit(None, 1)[0]: int(line.rsplit(None, 1)[1]) for line in out.splitlines() if line[:2] == "  "
    }
    for category, count in Counter(s.category for s in entries).items():
        assert rows[category] == count
    for role, count in Counter(s.role for s in entries).items():
        assert rows[role] == count
    ireland = {"pl": "IE Irlandia", "en": "IE Ireland"}[ui]
    assert rows[ireland] == sum(s.entity.country == "IE" for s in entries)
    unverified = {"pl": "przekazania danych niezweryfikowane", "en": "transfers not verified"}[ui]
    assert rows[unverified] == len(entries) - verified
    incomplete = {"pl": "niepełna lista plików cookie", "en": "cookies listed incompletely"}[ui]
    assert rows[incomplete] == sum(not s.cookies_complete for s in entries)
    unchecked = {
        "pl": "wpisy z przekazaniami do USA: status DPF niesprawdzony",
        "en": "entries with US transfers: DPF status not checked",
    }[ui]
    assert rows[unchecked] == len(
        {s.id for s in entries for t in s.transfers or () if t.country == "US" and t.dpf_listed is None}
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_foreign_recipient_address_ends_with_its_country_in_the_policy_language(lang: str) -> None:
    policy = built(MANY)
    page = make_doc(policy, lang, "html").page
    section = page[page.index('id="recipients"') : page.index('id="transfers"')]
    r = Renderer(lang)
    with_address = [s for s in policy.services if s.entity.address]
    assert {s.entity.country for s in with_address} >= {"PL", "IE"}, "the fixture needs Polish and Irish addresses"
    for service in with_address:
        printed = f"{service.entity.name}, {service.entity.address}"
        if service.entity.country != "PL":
            printed += f", {r.country(service.entity.country)}"
        assert f"<td>{printed}</td>" in section, printed
    ireland = {"pl": "Dublin 4, D04 E5W5, Irlandia</td>", "en": "Dublin 4, D04 E5W5, Ireland</td>"}[lang]
    assert ireland in section
