"""Test sites in a real browser, reusable by any test (the banner's, the scanner's): a folder of
pages served on 127.0.0.1 by ``http.server`` in a thread, and a headless Chromium (the package's
stdlib DevTools driver, ``generator/chromium.py``) whose requests
to any other host are intercepted (DevTools ``Fetch`` domain), recorded and answered with an
empty body, never sent.

    root = write_site(tmp_path / "site", ANSWERS)               # the banner and a blocked tag
    with serve(root) as base, intercepting_browser() as browser:
        browser.load(base + "index.html")
        browser.click('#cc-main [data-role="all"]')
        browser.wait_for_request("www.googletagmanager.com")

``write_site(..., banner=False)`` makes the same page without the banner, its tag loading at once
(what a scanner must report); ``extra_head`` adds any other tag (a pixel the answers lack).
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.chromium import BrowserError, Chromium, find_chromium
from generator.scan import serve as serve  # re-exported: the scanner's server of a folder on 127.0.0.1

#: The tag the test page marks for the statistics category (Google's gtag.js loader).
ANALYTICS_URL = "https://www.googletagmanager.com/gtag/js?id=G-TEST123"
ANALYTICS_HOST = "www.googletagmanager.com"
LOCAL_HOST = "127.0.0.1"
#: How many round trips to the browser ``wait_for_request`` makes before it gives up.
ROUND_TRIPS = 400


class InterceptingBrowser:
    """One headless Chromium (``generator/chromium.py``) with one tab in a fresh browser context,
    whose every request is paused: to 127.0.0.1 it goes on; to any other host it is recorded in
    ``requests`` and answered here with an empty 200 response (and no other host name resolves)."""

    def __init__(self, executable: str) -> None:
        self.requests: list[str] = []
        self._chromium = Chromium(executable, resolver_rules=f"MAP * ~NOTFOUND, EXCLUDE {LOCAL_HOST}")
        self._tab = self._chromium.tab()
        # Headless Chromium says navigator.webdriver = true; the banner hides itself from robots.
        self._tab.call(
            "Page.addScriptToEvaluateOnNewDocument",
            source="Object.defineProperty(navigator, 'webdriver', {get: () => false});",
        )
        self._tab.on("Fetch.requestPaused", self._answer)
        self._tab.call("Fetch.enable", patterns=[{"urlPattern": "*", "requestStage": "Request"}])

    def _answer(self, event: dict[str, Any]) -> None:
        paused = event["params"]
        url, request_id = paused["request"]["url"], paused["requestId"]
        session = self._tab.session
        if urlsplit(url).hostname == LOCAL_HOST or url.startswith(("data:", "about:")):
            self._chromium.send("Fetch.continueRequest", session, requestId=request_id)
            return
        self.requests.append(url)
        headers = [{"name": "Content-Type", "value": "text/javascript"}]
        self._chromium.send(
            "Fetch.fulfillRequest", session, requestId=request_id, responseCode=200, responseHeaders=headers, body=""
        )

    def load(self, url: str, width: int = 1280) -> None:
        self._tab.viewport(width, 900)
        self._tab.navigate(url)

    def evaluate(self, expression: str) -> Any:
        return self._tab.evaluate(expression)

    def click(self, selector: str) -> None:
        found = self.evaluate(
            f"(() => {{ const e = document.querySelector({selector!r}); if (e) e.click(); return !!e; }})()"
        )
        if not found:
            raise BrowserError(f"nothing on the page matches {selector}")

    def wait_for(self, expression: str) -> Any:
        """Evaluate ``expression`` until it is truthy (each evaluation also answers the requests
        paused meanwhile); BrowserError after ROUND_TRIPS tries."""
        for _ in range(ROUND_TRIPS):
            value = self.evaluate(f"new Promise(r => setTimeout(() => r({expression}), 10))")
            if value:
                return value
        raise BrowserError(f"never true: {expression}")

    def settle(self) -> None:
        """Let the page finish what it started: two animation frames and a task later, with every
        paused request answered."""
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))")

    def wait_for_request(self, host: str) -> None:
        for _ in range(ROUND_TRIPS):
            if self.requests_to(host):
                return
            self.settle()
        raise BrowserError(f"no request to {host}")

    def requests_to(self, host: str) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname == host]

    def screenshot_png(self, path: Path) -> None:
        """The viewport as a PNG (for docs/banner.png)."""
        shot = self._tab.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self._chromium.close()


@contextmanager
def intercepting_browser() -> Iterator[InterceptingBrowser]:
    """One Chromium for a test; skips without Chromium unless POLICYGEN_REQUIRE_CHROMIUM=1 or CI."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("POLICYGEN_REQUIRE_CHROMIUM") == "1" or os.environ.get("CI"):
            pytest.fail("chromium is required (apt-get install chromium)")
        pytest.skip("chromium not installed")
    browser = InterceptingBrowser(executable)
    try:
        yield browser
    finally:
        browser.close()


def write_site(
    root: Path,
    answers: Path,
    *,
    banner: bool = True,
    lang: str = "en",
    extra_head: str = "",
    category: str = "analytics",
) -> Path:
    """A one-page site in ``root``: ``index.html`` in ``lang`` with the analytics tag of
    ANALYTICS_URL. With ``banner`` the page has the banner made from ``answers`` (its files in
    ``root/banner/``) and the tag waits for ``category``; without it the tag loads at once."""
    from generator.banner_files import BannerOptions, files, head_html, policy_urls, settings_link
    from generator.build import BuildOptions, build

    root.mkdir(parents=True, exist_ok=True)
    head, footer = "", ""
    src = html.escape(ANALYTICS_URL)
    if banner:
        built = build(answers, BuildOptions(formats=()))
        options = BannerOptions(policy_urls("privacy-{lang}.html", tuple(built.documents)), "banner/")
        (root / "banner").mkdir(exist_ok=True)
        for name, text in files(built, options).items():
            (root / "banner" / name).write_text(text, encoding="utf-8")
        head = head_html("banner/")
        tag = f'<script type="text/plain" data-category="{category}" src="{src}"></script>'
        footer = f"<footer>{settings_link(lang)}</footer>"
    else:
        tag = f'<script async src="{src}"></script>'
    page = (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>Test shop</title>\n'
        f"{head}{tag}\n{extra_head}</head>\n<body>\n<h1>Test shop</h1>\n{footer}\n</body>\n</html>\n"
    )
    (root / "index.html").write_text(page, encoding="utf-8")
    return root
