"""``policygen scan``: the site scanner in a real headless Chromium, against the test sites in
``tests/scan_sites/`` served on 127.0.0.1 and the answers ``tests/scan_sites/site.yaml`` (a blog
declaring Google Analytics 4 and the banner's own cookie).

Every request to another host is paused by the DevTools Fetch domain, recorded and answered with an
empty response (``--offline``); no other host name even resolves. One browser serves the whole
module, and each site is scanned once (``reports``); the command-line tests reuse the browser.

Without Chromium the browser tests skip, except where ``POLICYGEN_REQUIRE_CHROMIUM=1`` or ``CI`` is
set: there they fail.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator import scan, scanreport
from generator.api import load_answers, services_for
from generator.chromium import Chromium, find_chromium
from generator.cli import main
from generator.scanmap import Index, host_matches

from .conftest import ROOT

SITES = ROOT / "tests" / "scan_sites"
ANSWERS = SITES / "site.yaml"
#: Quicker than the command's default where a page has no banner: these pages need no waiting.
OPTIONS = scan.Options(offline=True, button_wait=1.0)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("POLICYGEN_REQUIRE_CHROMIUM") == "1" or os.environ.get("CI"):
            pytest.fail("chromium is required for the scanner tests (apt-get install chromium)")
        pytest.skip("chromium not installed")
    with Chromium(executable, resolver_rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1") as chromium:
        yield chromium


@pytest.fixture
def shared(browser: Chromium, monkeypatch: pytest.MonkeyPatch) -> Chromium:
    """The module's browser for every scan the command runs (instead of a new one each time)."""

    @contextmanager
    def reuse(start_url: str, options: scan.Options, ui: str) -> Iterator[Chromium]:
        yield browser

    monkeypatch.setattr(scan, "browser_for", reuse)
    return browser


@pytest.fixture(scope="module")
def reports(browser: Chromium) -> dict[str, scanreport.Report]:
    found = {}
    with pytest.MonkeyPatch.context() as patch:

        @contextmanager
        def reuse(start_url: str, options: scan.Options, ui: str) -> Iterator[Chromium]:
            yield browser

        patch.setattr(scan, "browser_for", reuse)
        for site in ("analytics", "pixel", "consent", "leaky"):
            found[site] = scanreport.run(str(SITES / site), ANSWERS, OPTIONS, "en")
    return found


def codes(report: scanreport.Report) -> set[tuple[str, str]]:
    return {(f.code, f.subject) for f in report.findings}


# -- must-show (b): an analytics tag loaded before any choice ------------------------------------


def test_analytics_loaded_without_a_banner_is_reported_as_loaded_before_consent(reports) -> None:
    report = reports["analytics"]
    found = {f.code: f for f in report.findings}
    assert report.exit_code == 2
    before = found["before-consent"]
    assert before.subject == "google-analytics-4" and before.severity == "error"
    assert {(e.kind, e.name) for e in before.evidence} == {("request", "www.googletagmanager.com"), ("cookie", "_ga")}
    assert "undeclared-service" not in found  # declared in the answers
    assert "no-reject-button" in found and "no-accept-button" in found  # no banner to click


def test_the_scanner_follows_same_site_links_once_and_stays_on_the_site(reports) -> None:
    pages = [p.url for p in reports["analytics"].pages]
    # index.html is the start page again, #top a fragment of it, elsewhere.example another site
    assert [p.rsplit("/", 1)[1] for p in pages] == ["", "about.html"]


def test_requests_to_other_hosts_are_recorded_with_their_address(reports) -> None:
    before = reports["analytics"].pages[0].state("before")
    assert [r.url for r in before.requests] == ["https://www.googletagmanager.com/gtag/js?id=G-X"]


# -- must-show (c): a pixel the answers do not declare -----------------------------------------


def test_a_pixel_the_answers_do_not_declare_is_named(reports) -> None:
    report = reports["pixel"]
    found = {f.code: f for f in report.findings}
    assert found["undeclared-service"].name == "Meta Pixel"
    assert found["undeclared-service"].severity == "error"
    assert ("before-consent", "meta-pixel") in codes(report)
    assert ("unknown-host", "cdn.tracker.example") in codes(report)
    assert ("declared-not-seen", "google-analytics-4") in codes(report)
    assert report.exit_code == 2


# -- a site that asks first --------------------------------------------------------------------


def test_a_site_that_loads_analytics_only_after_accepting_is_clean(reports) -> None:
    report = reports["consent"]
    assert report.findings == []
    assert report.exit_code == 0
    page = report.pages[0]
    assert page.state("before").requests == () and page.state("reject").requests == ()
    assert page.state("reject").button == "#cc-main [data-role=necessary]"
    assert page.state("accept").button == "#cc-main [data-role=all]"
    assert {r.host for r in page.state("accept").requests} == {"www.googletagmanager.com"}
    assert {s.name for s in page.state("accept").stored} == {"_ga", "cc_cookie"}
    assert {s.name for s in page.state("reject").stored} == {"cc_cookie"}


def test_a_banner_whose_rejection_is_not_honoured_is_reported(reports) -> None:
    report = reports["leaky"]
    found = {f.code: f for f in report.findings}
    after = found["after-rejection"]
    assert after.subject == "google-analytics-4" and after.states == ["reject"]
    assert after.evidence[0].name == "www.googletagmanager.com"
    assert "before-consent" not in found
    assert found["unknown-cookie"].subject == "zz_pref" and found["unknown-cookie"].severity == "warning"
    assert report.exit_code == 2


def test_offline_requests_to_other_hosts_get_an_empty_answer(browser: Chromium, shared: Chromium) -> None:
    """The recorder answers them itself: a script from another host loads (empty), nothing is sent."""
    load = """new Promise((done) => {
      const s = document.createElement('script');
      s.src = 'https://tracker.example/t.js'; s.onload = () => done('load'); s.onerror = () => done('error');
      document.head.appendChild(s);
    })"""
    with scan.serve(SITES / "consent") as url:
        tab = browser.tab()
        try:
            requests = scan._record_requests(tab, "127.0.0.1", offline=True)
            tab.navigate(url)
            assert tab.evaluate(load) == "load"
            assert [r.url for r in requests] == ["https://tracker.example/t.js"]
        finally:
            tab.close()


# -- the command -------------------------------------------------------------------------------


def test_the_command_exits_2_on_a_pre_consent_load_and_prints_the_provision(shared, capsys) -> None:
    target = str(SITES / "analytics")
    code = main(["--ui-lang", "en", "scan", target, "--answers", str(ANSWERS), "--offline", "--max-pages", "1"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "error before-consent: Google Analytics 4 is loaded or stored before" in out
    assert "Art. 399(1) of the Electronic Communications Law, Art. 5(3) of Directive 2002/58/EC" in out
    assert "scanning page 1 (at most 1): http://127.0.0.1:" in err  # progress on standard error


def test_the_command_exits_0_on_a_clean_site_and_writes_json(shared, capsys) -> None:
    target = str(SITES / "consent")
    code = main(["--ui-lang", "pl", "scan", target, "--answers", str(ANSWERS), "--offline", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["summary"] == {"errors": 0, "warnings": 0, "info": 0}
    assert data["findings"] == []
    assert list(data) == ["site", "answers", "summary", "findings", "pages"]
    states = data["pages"][0]["states"]
    assert list(states) == ["before", "reject", "accept"]
    accept = states["accept"]
    assert accept["reached"] is True and accept["button"] == "#cc-main [data-role=all]"
    assert list(accept) == ["reached", "button", "requests", "stored"]
    assert list(accept["requests"][0]) == ["url", "host", "services"]
    assert accept["requests"][0]["services"] == ["google-analytics-4"]
    ga = next(s for s in accept["stored"] if s["name"] == "_ga")
    assert ga == {
        "kind": "cookie",
        "name": "_ga",
        "domain": "127.0.0.1",
        "services": ["google-analytics-4"],
        "consent": True,
        "declared": True,
    }


def test_json_findings_carry_code_severity_message_and_evidence(reports) -> None:
    data = json.loads(scanreport.to_json(reports["pixel"], "pl"))
    undeclared = next(f for f in data["findings"] if f["code"] == "undeclared-service")
    keys = ["severity", "code", "subject", "name", "message", "provision", "evidence", "states", "pages"]
    assert list(undeclared) == keys
    assert undeclared["severity"] == "error" and undeclared["subject"] == "meta-pixel"
    assert undeclared["evidence"] == [{"kind": "request", "name": "connect.facebook.net"}]
    assert undeclared["message"].startswith("w witrynie działa usługa Meta Pixel, której nie ma w odpowiedziach")
    before = next(f for f in data["findings"] if f["code"] == "before-consent")
    assert before["provision"] == "art. 399 ust. 1 PKE, art. 5 ust. 3 dyrektywy 2002/58/WE"
    assert data["summary"] == {"errors": 2, "warnings": 3, "info": 1}


def test_the_text_report_in_polish(reports) -> None:
    text = scanreport.text(reports["analytics"], "pl")
    assert "error before-consent: strona wczytuje lub zapisuje Google Analytics 4, zanim odwiedzający" in text
    assert text.endswith("błędy: 1, ostrzeżenia: 2, uwagi: 0\n")


def test_a_selector_that_is_not_css_is_a_usage_error(shared, capsys) -> None:
    target = str(SITES / "consent")
    code = main(["--ui-lang", "en", "scan", target, "--answers", str(ANSWERS), "--offline", "--reject", "[["])
    assert code == 2
    assert "[[ is not a valid CSS selector" in capsys.readouterr().err


# -- errors before any browser starts ----------------------------------------------------------


def test_a_broken_answers_file_is_a_located_error_and_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nlanguages: [pl]\ncontrollers: 5\n", encoding="utf-8")
    code = main(["--ui-lang", "en", "scan", str(SITES / "consent"), "--answers", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:3:14: controllers" in err
    assert "Traceback" not in err


def test_without_chromium_the_error_names_what_to_install(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(scan, "find_chromium", lambda: None)
    code = main(["--ui-lang", "en", "scan", str(SITES / "consent"), "--answers", str(ANSWERS)])
    assert code == 2
    assert "apt-get install chromium" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/folder"], "no/such/folder is neither an http:// or https:// address nor a folder"),
        ([str(SITES)], "has no index.html to start the scan from"),
        ([str(SITES / "consent"), "--max-pages", "0"], "bad --max-pages 0"),
    ],
)
def test_bad_targets_and_options_exit_2(args: list[str], message: str, capsys) -> None:
    code = main(["--ui-lang", "en", "scan", *args, "--answers", str(ANSWERS)])
    assert code == 2
    assert message in capsys.readouterr().err


# -- mapping, without a browser ----------------------------------------------------------------


def test_hosts_match_exactly_or_as_a_wildcard_domain() -> None:
    assert host_matches("*.googletagmanager.com", "www.googletagmanager.com")
    assert host_matches("*.googletagmanager.com", "googletagmanager.com")
    assert not host_matches("*.googletagmanager.com", "evilgoogletagmanager.com")
    assert not host_matches("connect.facebook.net", "x.connect.facebook.net")


def test_a_shared_host_goes_to_the_declared_service() -> None:
    answers = load_answers(ANSWERS)
    index = Index(answers, services_for(answers))
    assert [s.id for s in index.for_host("www.googletagmanager.com")] == ["google-analytics-4"]
    other = load_answers(ROOT / "answers" / "foundation.yaml")  # declares neither
    undeclared = Index(other, services_for(other)).for_host("www.googletagmanager.com")
    assert {s.id for s in undeclared} >= {"google-analytics-4", "google-tag-manager"}


def test_cookie_names_match_placeholders_custom_cookies_and_the_open_cookie_database() -> None:
    answers = load_answers(ANSWERS)
    index = Index(answers, services_for(answers))
    session = index.stored("_ga_ABC123", first_party=True)
    assert [s.id for s in session.services] == ["google-analytics-4"] and session.declared and session.consent
    assert index.stored("cc_cookie").declared and index.stored("cc_cookie").consent is False
    fbp = index.stored("_fbp")
    assert [s.id for s in fbp.services] == ["meta-pixel"] and not fbp.declared
    # a first-party cookie named like a provider's own (third-party) one is not that provider's
    assert [s.id for s in index.stored("datr", first_party=False).services] == ["facebook-embed", "instagram-embed"]
    assert index.stored("datr", first_party=True).services == ()
    nothing = index.stored("zz-no-such-cookie-zz")
    assert nothing.consent is None and nothing.ocd is None


def test_links_are_followed_on_the_site_and_its_subdomains_only() -> None:
    links = [
        "https://www.shop.example/a#x",
        "https://shop.example/b/index.html",
        "https://blog.shop.example/c",
        "https://shop.example:8443/d",
        "https://othershop.example/e",
        "https://shop.example/price-list.pdf",
        "mailto:shop@shop.example",
    ]
    assert scan._same_site_pages(links, "https://shop.example/") == [
        "https://www.shop.example/a",
        "https://shop.example/b/",
        "https://blog.shop.example/c",
    ]


# -- the generated banner, scanned (issue 19: the site matches the policy) -------------------------

BANNER_ANSWERS = ROOT / "tests" / "fixtures" / "banner.yaml"  # declares Tag Manager and GA4 both


def test_a_site_with_the_generated_banner_is_clean_and_loads_analytics_only_after_accepting(
    shared: Chromium, tmp_path: Path
) -> None:
    from .sites import write_site

    root = write_site(tmp_path / "site", BANNER_ANSWERS)  # its link to the policy leads nowhere: one page
    report = scanreport.run(str(root), BANNER_ANSWERS, dataclasses.replace(OPTIONS, max_pages=1), "en")
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors == [], [f.code for f in errors]
    assert not any(f.code in ("no-reject-button", "no-accept-button") for f in report.findings)  # the banner was seen
    seen = {s.state for p in report.pages for s in p.states for r in s.requests if r.host == "www.googletagmanager.com"}
    assert seen == {"accept"}


def test_gtag_loaded_before_consent_is_reported_though_tag_manager_shares_its_host(
    shared: Chromium, tmp_path: Path
) -> None:
    from .sites import write_site

    root = write_site(tmp_path / "site", BANNER_ANSWERS, banner=False)
    report = scanreport.run(str(root), BANNER_ANSWERS, OPTIONS, "en")
    assert ("before-consent", "google-analytics-4") in codes(report)


def test_a_path_after_the_host_tells_gtag_from_tag_manager() -> None:
    answers = load_answers(BANNER_ANSWERS)
    index = Index(answers, services_for(answers))
    assert [s.id for s in index.for_host("www.googletagmanager.com", "/gtag/js")] == ["google-analytics-4"]
    assert {s.id for s in index.for_host("www.googletagmanager.com", "/gtm.js")} == {
        "google-tag-manager",
        "google-analytics-4",
    }
    assert host_matches("www.googletagmanager.com/gtag/js", "www.googletagmanager.com", "/gtag/js")
    assert not host_matches("www.googletagmanager.com/gtag/js", "www.googletagmanager.com", "/gtm.js")
