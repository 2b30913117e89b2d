"""The generated banner in a real browser (tests/sites.py): a page with the banner and a Google
tag marked for the statistics category sends nothing to Google before a choice or after "reject
all", and exactly that request after "accept all"; Consent Mode is denied by default and granted
only by accepting. Requests to hosts other than 127.0.0.1 are intercepted, recorded, never sent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .sites import ANALYTICS_HOST, ANALYTICS_URL, InterceptingBrowser, intercepting_browser, serve, write_site

ANSWERS = ROOT / "tests" / "fixtures" / "banner.yaml"
SHOWN = "!!document.querySelector('#cc-main .cm')"
CONSENT_COMMANDS = """JSON.stringify((window.dataLayer || []).filter(a => a[0] === 'consent')
  .map(a => [a[1], a[2]]))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_site(tmp_path_factory.mktemp("site"), ANSWERS)
    with serve(root) as base:
        yield base + "index.html"


@pytest.fixture
def browser() -> Iterator[InterceptingBrowser]:
    with intercepting_browser() as b:
        yield b


def consent_commands(browser: InterceptingBrowser) -> list[list[object]]:
    return json.loads(browser.evaluate(CONSENT_COMMANDS))


def test_nothing_is_requested_before_a_choice(site: str, browser: InterceptingBrowser) -> None:
    browser.load(site)
    browser.wait_for(SHOWN)
    browser.settle()
    assert browser.requests_to(ANALYTICS_HOST) == []
    assert browser.evaluate("document.cookie") == ""
    # Consent Mode: every signal denied, before anything else reached the data layer.
    assert consent_commands(browser) == [
        [
            "default",
            {
                "ad_storage": "denied",
                "analytics_storage": "denied",
                "ad_user_data": "denied",
                "ad_personalization": "denied",
            },
        ]
    ]
    # "reject all" is on the first layer beside "accept all", in the same style.
    buttons = browser.evaluate(
        """(() => { const all = document.querySelector('#cc-main .cm [data-role="all"]'),
              none = document.querySelector('#cc-main .cm [data-role="necessary"]');
            return [all.className, none.className, all.parentElement === none.parentElement,
                    getComputedStyle(all).backgroundColor === getComputedStyle(none).backgroundColor]; })()"""
    )
    assert buttons[0] == buttons[1] and buttons[2] and buttons[3], buttons
    # Nothing pre-ticked: only the necessary category is on in the settings.
    browser.click('#cc-main .cm [data-role="show"]')
    browser.wait_for("!!document.querySelector('#cc-main .pm')")
    checked = browser.evaluate(
        "[...document.querySelectorAll('#cc-main .pm input.section__toggle')].map(i => [i.value, i.checked])"
    )
    state = dict(checked)  # the categories' toggles and their services' toggles
    assert state.pop("necessary") is True
    categories = {"analytics", "marketing", "embeds", "other"}
    assert categories | {"google-analytics-4", "meta-pixel", "youtube", "zendesk"} <= set(state)
    assert not any(state.values()), state


def test_reject_all_sends_nothing_and_clears(site: str, browser: InterceptingBrowser) -> None:
    browser.load(site)
    browser.wait_for(SHOWN)
    browser.evaluate("document.cookie = '_ga=GA1.1.1.1; path=/'")  # left over from an earlier visit
    browser.click('#cc-main .cm [data-role="necessary"]')
    browser.wait_for("document.cookie.includes('cc_cookie')")
    assert "_ga=" not in browser.evaluate("document.cookie")  # autoClear removed it
    browser.load(site)  # the next page: the choice is remembered, the tag stays blocked
    browser.settle()
    assert browser.requests_to(ANALYTICS_HOST) == []
    assert not browser.evaluate(SHOWN)
    stored = browser.evaluate("JSON.parse(decodeURIComponent(document.cookie.split('cc_cookie=')[1].split(';')[0]))")
    assert stored["categories"] == ["necessary"]
    assert consent_commands(browser)[-1] == [
        "update",
        {
            "ad_storage": "denied",
            "analytics_storage": "denied",
            "ad_user_data": "denied",
            "ad_personalization": "denied",
        },
    ]


def test_accept_all_sends_exactly_the_tag(site: str, browser: InterceptingBrowser) -> None:
    browser.load(site)
    browser.wait_for(SHOWN)
    assert browser.requests_to(ANALYTICS_HOST) == []
    browser.click('#cc-main .cm [data-role="all"]')
    browser.wait_for_request(ANALYTICS_HOST)
    browser.settle()
    assert browser.requests_to(ANALYTICS_HOST) == [ANALYTICS_URL]
    assert browser.requests == [ANALYTICS_URL]  # and nothing else left the machine
    assert consent_commands(browser)[-1] == [
        "update",
        {
            "ad_storage": "granted",
            "analytics_storage": "granted",
            "ad_user_data": "granted",
            "ad_personalization": "granted",
        },
    ]


def test_without_the_banner_the_tag_loads_at_once(tmp_path: Path, browser: InterceptingBrowser) -> None:
    """The control: the same page without the banner sends the request at once, and the browser
    records it (so an empty record above means nothing was asked for)."""
    root = write_site(tmp_path / "bare", ANSWERS, banner=False)
    with serve(root) as base:
        browser.load(base + "index.html")
        browser.wait_for_request(ANALYTICS_HOST)
    assert browser.requests == [ANALYTICS_URL]


def test_the_footer_link_reopens_the_settings(site: str, browser: InterceptingBrowser) -> None:
    browser.load(site)
    browser.wait_for(SHOWN)
    browser.click('#cc-main .cm [data-role="necessary"]')
    browser.wait_for("document.cookie.includes('cc_cookie')")
    browser.click('footer [data-cc="show-preferencesModal"]')
    assert browser.wait_for("document.documentElement.classList.contains('show--preferences')")


def test_screenshot_for_the_readme(site: str, browser: InterceptingBrowser) -> None:
    """docs/banner.png is this page as a visitor first sees it (POLICYGEN_UPDATE_SCREENSHOT=1
    rewrites it); the test keeps a fresh one in test-artifacts/ to compare."""
    browser.load(site, width=1000)
    browser.wait_for(SHOWN)
    browser.wait_for("document.getAnimations().every(a => a.playState === 'finished')")
    browser.settle()
    out = ROOT / "test-artifacts" / "browser"
    out.mkdir(parents=True, exist_ok=True)
    browser.screenshot_png(out / "banner.png")
    assert (out / "banner.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("POLICYGEN_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs" / "banner.png").write_bytes((out / "banner.png").read_bytes())


def test_the_page_built_with_banner_shows_it_and_links_into_itself(
    tmp_path: Path, browser: InterceptingBrowser
) -> None:
    from generator.build import BuildOptions, build

    built = build(ANSWERS, BuildOptions(langs=("pl",), formats=("html",), banner=True))
    (tmp_path / "privacy.html").write_text(built.outputs[0].text, encoding="utf-8")
    with serve(tmp_path) as base:
        browser.load(base + "privacy.html")
        browser.wait_for(SHOWN)
        assert browser.evaluate("document.querySelector('#cc-main .cm [data-role=\"necessary\"]').textContent") == (
            "Odrzuć wszystkie"
        )
        link = browser.evaluate("document.querySelector('#cc-main .cm__footer a[href=\"#cookies\"]').textContent")
        assert link == browser.evaluate("document.getElementById('cookies').textContent.trim()")
        browser.click('#cc-main .cm [data-role="necessary"]')
        browser.wait_for("document.cookie.includes('cc_cookie')")
    assert browser.requests == []


def test_with_link_button_a_settings_button_is_on_every_page(tmp_path: Path, browser: InterceptingBrowser) -> None:
    import yaml

    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    data["consent_tool"]["link"] = "button"
    answers = tmp_path / "button.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    root = write_site(tmp_path / "site", answers, lang="de")
    with serve(root) as base:
        browser.load(base + "index.html")
        browser.wait_for(SHOWN)
        browser.click('#cc-main .cm [data-role="necessary"]')
        browser.wait_for("document.cookie.includes('cc_cookie')")
        label = browser.evaluate("document.querySelector('button.policygen-cookie-settings').textContent")
        assert label == "Cookie-Einstellungen"
        browser.click("button.policygen-cookie-settings")
        assert browser.wait_for("document.documentElement.classList.contains('show--preferences')")
