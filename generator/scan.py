"""The site scanner, part one: what a browser sees on a site.

Each page (the start page and the same-site links it leads to, up to ``max_pages``) is opened in
headless Chromium three times, each in a fresh browser context: before any choice, after the
consent banner's "reject all" and after its "accept all". Each time we record the cookies and the
local and session storage keys the page leaves, and every request to a host of another site.
Requests are paused by the DevTools Fetch domain and recorded; offline, those to other sites are
answered with an empty response instead of being sent (the tests; a scan that must not reach
third parties). ``scanmap.py`` maps what was seen to services and findings.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urldefrag, urlsplit

from .chromium import BrowserError, Chromium, Tab, find_chromium
from .errors import PolicygenError
from .i18n import N_, gettext_for

State = Literal["before", "reject", "accept"]
STATES: tuple[State, ...] = ("before", "reject", "accept")

#: Buttons of consent banners that accept or reject everything, tried in this order (the first
#: visible one is clicked), after the user's own --accept / --reject selectors. Each with its source.
ACCEPT_SELECTORS = (
    # vanilla-cookieconsent 3 (and policygen's own banner): consent modal buttons with data-role
    # "all" / "necessary" (https://github.com/orestbida/cookieconsent, src/core/modals/consentModal.js)
    "#cc-main [data-role=all]",
    # OneTrust: the id its "accept" button carries in the autoconsent rules
    # (https://unpkg.com/@cliqz/autoconsent@1.0.2/rules/autoconsent/onetrust.json)
    "#onetrust-accept-btn-handler",
)
REJECT_SELECTORS = (
    "#cc-main [data-role=necessary]",
    # Cookiebot's "decline" button (https://unpkg.com/@cliqz/autoconsent@0.5.0/lib/cmps/cookiebot.ts)
    "#CybotCookiebotDialogBodyButtonDecline",
)

#: Links to files that are not pages are not followed.
NOT_PAGES = (".pdf", ".zip", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".xml", ".txt", ".css", ".js")

MSG_NO_CHROMIUM = N_(
    "Chromium was not found; install it (Debian and Ubuntu: apt-get install chromium) or put chromium on the PATH"
)
MSG_NOT_A_SITE = N_("%(target)s is neither an http:// or https:// address nor a folder")
MSG_NO_INDEX = N_("%(folder)s has no index.html to start the scan from")
MSG_PAGE_FAILED = N_("cannot open %(url)s: %(reason)s")
MSG_BROWSER_FAILED = N_("Chromium failed during the scan: %(reason)s")
MSG_BAD_SELECTOR = N_("%(selector)s is not a valid CSS selector (given with --accept or --reject)")


class ScanError(PolicygenError):
    """The site cannot be scanned: no browser, no such folder, a page that does not open."""


@dataclass(frozen=True)
class Options:
    max_pages: int = 10
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    #: Answer requests to other sites with an empty response instead of sending them.
    offline: bool = False
    #: Seconds to wait for a banner's button to appear.
    button_wait: float = 3.0
    #: A page has settled when no message came for ``quiet`` seconds (at most ``settle`` in all).
    quiet: float = 0.5
    settle: float = 5.0


@dataclass(frozen=True)
class Request:
    url: str
    host: str


@dataclass(frozen=True)
class Stored:
    """A cookie (with its domain) or a key of local or session storage."""

    name: str
    kind: Literal["cookie", "local_storage", "session_storage"]
    domain: str = ""


@dataclass(frozen=True)
class StateSeen:
    state: State
    #: The selector of the button clicked (None before any choice, or when no button was found).
    button: str | None
    requests: tuple[Request, ...]
    stored: tuple[Stored, ...]

    @property
    def reached(self) -> bool:
        """Whether this state was reached (a choice needs its button)."""
        return self.state == "before" or self.button is not None


@dataclass(frozen=True)
class PageSeen:
    url: str
    states: tuple[StateSeen, ...]

    def state(self, name: State) -> StateSeen:
        return next(s for s in self.states if s.state == name)


def say(ui: str, message: str, **params: object) -> str:
    return gettext_for(ui, message) % params


def site_base(url: str) -> str:
    """The host that stands for the site: the start page's, without a leading ``www.``."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def same_site(host: str, base: str) -> bool:
    """``host`` is the site's own: its base host or a subdomain of it (``cdn.shop.pl`` for ``shop.pl``)."""
    return host == base or host.endswith("." + base)


# -- the site ----------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port while the block runs; yields the start URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def site(target: str, ui: str) -> Iterator[str]:
    """The start URL of ``target``: an http(s) address as given, or a folder served locally."""
    if urlsplit(target).scheme in ("http", "https") and urlsplit(target).hostname:
        yield target
        return
    folder = Path(target)
    if not folder.is_dir():
        raise ScanError(say(ui, MSG_NOT_A_SITE, target=target))
    if not (folder / "index.html").is_file():
        raise ScanError(say(ui, MSG_NO_INDEX, folder=target))
    with serve(folder) as url:
        yield url


def launch(start_url: str, options: Options, ui: str) -> Chromium:
    """A headless Chromium for scanning ``start_url``; offline, no other host name even resolves."""
    executable = find_chromium()
    if executable is None:
        raise ScanError(say(ui, MSG_NO_CHROMIUM))
    rules = None
    if options.offline:
        host = urlsplit(start_url).hostname or ""
        rules = f"MAP * ~NOTFOUND, EXCLUDE {host}, EXCLUDE 127.0.0.1, EXCLUDE localhost"
    return Chromium(executable, resolver_rules=rules)


@contextmanager
def browser_for(start_url: str, options: Options, ui: str) -> Iterator[Chromium]:
    """A browser for the scan of ``start_url``, closed when the block ends."""
    browser = launch(start_url, options, ui)
    try:
        yield browser
    finally:
        browser.close()


# -- the pages ---------------------------------------------------------------------------------


def browse(
    browser: Chromium, start_url: str, options: Options, ui: str, progress: Callable[[int, str], None] | None = None
) -> list[PageSeen]:
    """Every page reached from ``start_url`` in its three states, in the order they were found."""
    queue, pages = [page_url(start_url)], []
    try:
        while queue and len(pages) < options.max_pages:
            url = queue.pop(0)
            if progress:
                progress(len(pages) + 1, url)
            states = []
            for state in STATES:
                seen, links = _visit(browser, url, state, options, ui)
                states.append(seen)
                known = {p.url for p in pages} | set(queue) | {url}
                queue += [link for link in _same_site_pages(links, start_url) if link not in known]
            pages.append(PageSeen(url, tuple(states)))
    except BrowserError as exc:
        raise ScanError(say(ui, MSG_BROWSER_FAILED, reason=str(exc))) from None
    return pages


def page_url(url: str) -> str:
    """One address per page: without the fragment, and ``dir/`` for ``dir/index.html``."""
    url = urldefrag(url).url
    parts = urlsplit(url)
    if parts.path.endswith("/index.html"):
        url = parts._replace(path=parts.path.removesuffix("index.html")).geturl()
    return url


def _same_site_pages(links: list[str], start_url: str) -> list[str]:
    """The links to pages of the start page's site (its host or a subdomain, on the same port)."""
    start, base = urlsplit(start_url), site_base(start_url)
    found = []
    for link in links:
        url = page_url(link)
        parts = urlsplit(url)
        page = parts.scheme in ("http", "https") and not parts.path.lower().endswith(NOT_PAGES)
        ours = same_site(parts.hostname or "", base) and parts.port == start.port
        if page and ours and url not in found:
            found.append(url)
    return found


LINKS = "Array.from(document.querySelectorAll('a[href]'), a => a.href)"
STORAGE = """(() => {
  const keys = (get) => { try { return Object.keys(get()); } catch (e) { return []; } };
  return {local: keys(() => window.localStorage), session: keys(() => window.sessionStorage)};
})()"""


NOT_A_ROBOT = "Object.defineProperty(navigator, 'webdriver', {get: () => false});"


def _visit(browser: Chromium, url: str, state: State, options: Options, ui: str) -> tuple[StateSeen, list[str]]:
    """Open ``url`` in a fresh context, make the state's choice, and say what the page left."""
    tab = browser.tab(fresh=True)
    try:
        # Headless Chromium sets navigator.webdriver, and consent banners (vanilla-cookieconsent
        # among them) hide from robots: the scanner must see the page a visitor sees.
        tab.call("Page.addScriptToEvaluateOnNewDocument", source=NOT_A_ROBOT)
        requests = _record_requests(tab, site_base(url), options.offline)
        _open(tab, url, ui)
        browser.pump(options.quiet, options.settle)
        button = None
        if state != "before":
            button = _click(tab, _buttons(state, options), options, ui)
            if button is None:
                return StateSeen(state, None, (), ()), []
            requests.clear()  # what loaded before the choice belongs to the state before it
            browser.pump(options.quiet, options.settle)
            _open(tab, url, ui)  # the next page view, with the choice stored
            browser.pump(options.quiet, options.settle)
        links = tab.evaluate(LINKS) if state == "before" else []
        stored = _stored(tab)
        return StateSeen(state, button, tuple(dict.fromkeys(requests)), stored), list(links or [])
    finally:
        tab.close()


def _buttons(state: State, options: Options) -> tuple[str, ...]:
    """The selectors of the button that makes ``state``'s choice: the user's first."""
    return options.accept + ACCEPT_SELECTORS if state == "accept" else options.reject + REJECT_SELECTORS


def _open(tab: Tab, url: str, ui: str) -> None:
    try:
        tab.navigate(url)
    except BrowserError as exc:
        raise ScanError(say(ui, MSG_PAGE_FAILED, url=url, reason=str(exc))) from None


def _record_requests(tab: Tab, base: str, offline: bool) -> list[Request]:
    """Pause every request: record those to other sites, answer them empty offline, let the rest go."""
    requests: list[Request] = []

    def paused(event: dict[str, Any]) -> None:
        params = event["params"]
        url, request_id = params["request"]["url"], params["requestId"]
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme in ("http", "https") and not same_site(host, base):
            requests.append(Request(url, host))
            if offline:
                tab.browser.send("Fetch.fulfillRequest", tab.session, requestId=request_id, responseCode=200, body="")
                return
        tab.browser.send("Fetch.continueRequest", tab.session, requestId=request_id)

    tab.on("Fetch.requestPaused", paused)
    tab.call("Fetch.enable", patterns=[{"urlPattern": "*", "requestStage": "Request"}])
    return requests


CLICK = """((selectors) => {
  for (const s of selectors) {
    let found;
    try { found = document.querySelectorAll(s); } catch (e) { return {bad: s}; }
    for (const el of found) {
      const box = el.getBoundingClientRect(), style = getComputedStyle(el);
      if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden') { el.click(); return {clicked: s}; }
    }
  }
  return {};
})(%s)"""


def _click(tab: Tab, selectors: tuple[str, ...], options: Options, ui: str) -> str | None:
    """Click the first visible button matching a selector (waiting for a banner to appear); its selector."""
    deadline = time.monotonic() + options.button_wait
    while True:
        result = tab.evaluate(CLICK % json.dumps(list(selectors))) or {}
        if "bad" in result:
            raise ScanError(say(ui, MSG_BAD_SELECTOR, selector=result["bad"]))
        if "clicked" in result:
            return str(result["clicked"])
        if time.monotonic() >= deadline:
            return None
        tab.browser.pump(0.25, 0.25)


def _stored(tab: Tab) -> tuple[Stored, ...]:
    cookies = [Stored(c["name"], "cookie", c.get("domain", "").lstrip(".")) for c in tab.cookies()]
    keys = tab.evaluate(STORAGE) or {}
    local = [Stored(k, "local_storage") for k in keys.get("local", [])]
    session = [Stored(k, "session_storage") for k in keys.get("session", [])]
    return tuple(sorted(set(cookies + local + session), key=lambda s: (s.kind, s.name, s.domain)))
