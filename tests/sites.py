"""Test sites in a real browser, reusable by any test (the banner's, the scanner's): a folder of
pages served on 127.0.0.1 by ``http.server`` in a thread, and a headless Chromium whose requests
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
import functools
import html
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .browser import FLAGS, Browser, BrowserError, find_chromium

#: The tag the test page marks for the statistics category (Google's gtag.js loader).
ANALYTICS_URL = "https://www.googletagmanager.com/gtag/js?id=G-TEST123"
ANALYTICS_HOST = "www.googletagmanager.com"
LOCAL_HOST = "127.0.0.1"
#: How many round trips to the browser ``wait_for_request`` makes before it gives up.
ROUND_TRIPS = 400


OWN_IDS = 1 << 30


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) in a thread; yields the base URL ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class InterceptingBrowser(Browser):
    """A ``Browser`` whose every request is paused: to 127.0.0.1 it goes on; to any other host it
    is recorded in ``requests`` and answered here with an empty 200 response."""

    def __init__(self, executable: str) -> None:
        self.requests: list[str] = []
        self._own_id = OWN_IDS  # ids of the answers sent from inside _receive
        # 127.0.0.1 is reached; any other host name still resolves to nothing (the interception
        # answers before a name is looked up).
        flags = tuple(f"{f}, EXCLUDE {LOCAL_HOST}" if f.startswith("--host-resolver-rules") else f for f in FLAGS)
        super().__init__(executable, flags)
        # Headless Chromium says navigator.webdriver = true; the banner hides itself from robots.
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            session=True,
            source="Object.defineProperty(navigator, 'webdriver', {get: () => false});",
        )
        self.call("Fetch.enable", session=True, patterns=[{"urlPattern": "*", "requestStage": "Request"}])

    def _receive(self) -> dict[str, Any]:
        while True:
            message = super()._receive()
            if message.get("method") == "Fetch.requestPaused":
                self._answer(message["params"])
            elif message.get("id", 0) <= OWN_IDS:  # not a reply to one of those answers
                return message

    def _answer(self, paused: dict[str, Any]) -> None:
        url = paused["request"]["url"]
        self._own_id += 1
        if urlsplit(url).hostname == LOCAL_HOST or url.startswith(("data:", "about:")):
            message = {"method": "Fetch.continueRequest", "params": {"requestId": paused["requestId"]}}
        else:
            self.requests.append(url)
            params = {
                "requestId": paused["requestId"],
                "responseCode": 200,
                "responseHeaders": [{"name": "Content-Type", "value": "text/javascript"}],
                "body": base64.b64encode(b"").decode(),
            }
            message = {"method": "Fetch.fulfillRequest", "params": params}
        self._send({"id": self._own_id, "sessionId": self._session, **message})

    def load(self, url: str, width: int = 1280) -> None:
        self.open(url, width)

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
            if any(urlsplit(u).hostname == host for u in self.requests):
                return
            self.settle()
        raise BrowserError(f"no request to {host}")

    def requests_to(self, host: str) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname == host]

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot_png(self, path: Path) -> None:
        """The viewport as a PNG (for docs/banner.png)."""
        shot = self.call("Page.captureScreenshot", session=True, format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


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
