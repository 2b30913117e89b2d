"""A minimal headless Chromium driver: the DevTools protocol over the pipe that
``--remote-debugging-pipe`` opens (file descriptors 3 and 4, messages ended by NUL), so nothing
beyond the distribution's ``chromium`` package and the standard library is needed.

``Chromium`` is one browser process; ``Tab`` is one page in a browser context of its own (fresh
cookies and storage) or in the default one. The site scanner (``scan.py``) and the page layout
tests (``tests/browser.py``) both drive the browser through it.

Events are queued as they arrive, except those a tab registers a handler for (the scanner answers
``Fetch.requestPaused`` at once, or the page would wait for it).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Seconds to wait for any one reply (a page load on a busy machine takes a few).
TIMEOUT = 120
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--allow-file-access-from-files",
    # Frames from other sites stay in the page's process, so that one target sees every request.
    "--disable-site-isolation-trials",
    "--disable-features=IsolateOrigins,site-per-process",
)

Event = dict[str, Any]
Handler = Callable[[Event], None]


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _above_nine(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium process driven over its DevTools pipe.

    ``resolver_rules`` is passed as ``--host-resolver-rules`` (e.g. ``MAP * ~NOTFOUND`` so that no
    host name resolves)."""

    def __init__(self, executable: str, resolver_rules: str | None = None, extra: Sequence[str] = ()) -> None:
        self._profile = tempfile.mkdtemp(prefix="policygen-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The browser's ends above 9, so that moving them to 3 and 4 cannot overwrite one another.
        to_browser_r, from_browser_w = _above_nine(to_browser_r), _above_nine(from_browser_w)
        # Chromium reads commands on fd 3 and writes replies on fd 4: bash puts the pipes there.
        redirect = f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}'
        flags = [*FLAGS, *extra, f"--user-data-dir={self._profile}"]
        if resolver_rules:
            flags.append(f"--host-resolver-rules={resolver_rules}")
        self._proc = subprocess.Popen(
            ["bash", "-c", redirect, executable, *flags, "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[Event] = []
        self.handlers: dict[tuple[str, str], Handler] = {}
        self._closed = False

    # protocol ------------------------------------------------------------------------------------
    def send(self, method: str, session: str | None = None, **params: Any) -> int:
        """Send a command without waiting for its reply (which is then dropped when it arrives)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, timeout: float = TIMEOUT) -> Event | None:
        """The next message, or None when none came within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                return None
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: Event = json.loads(raw)
        return message

    def _dispatch(self, message: Event) -> None:
        if "method" not in message:
            return  # the reply to a command sent without waiting
        handler = self.handlers.get((message.get("sessionId", ""), message["method"]))
        if handler is not None:
            handler(message)
        else:
            self.events.append(message)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        wanted = self.send(method, session, **params)
        while True:
            reply = self._receive()
            if reply is None:
                raise BrowserError(f"chromium did not answer {method} within {TIMEOUT} s")
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._dispatch(reply)

    def wait_for(self, event: str, session: str | None = None, timeout: float = TIMEOUT) -> Event:
        """Wait for ``event`` (of ``session``), dropping the queued events before it."""
        deadline = time.monotonic() + timeout
        while True:
            for i, seen in enumerate(self.events):
                if seen["method"] == event and (session is None or seen.get("sessionId") == session):
                    del self.events[: i + 1]
                    return seen
            message = self._receive(max(deadline - time.monotonic(), 0))
            if message is None:
                raise BrowserError(f"no {event} within {timeout} s")
            self._dispatch(message)

    def pump(self, quiet: float, limit: float) -> None:
        """Handle messages until none came for ``quiet`` seconds, or for ``limit`` seconds in all."""
        deadline = time.monotonic() + limit
        while (left := deadline - time.monotonic()) > 0:
            message = self._receive(min(quiet, left))
            if message is None:
                return
            self._dispatch(message)

    def tab(self, fresh: bool = True) -> Tab:
        """A new page: in a browser context of its own (no cookies, no storage) when ``fresh``."""
        self.events = [e for e in self.events if e.get("sessionId")]  # the browser's own: not waited for
        context = self.call("Target.createBrowserContext")["browserContextId"] if fresh else None
        params: dict[str, Any] = {"url": "about:blank"}
        if context:
            params["browserContextId"] = context
        target = self.call("Target.createTarget", **params)["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        return Tab(self, session, target, context)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.send("Browser.close")
            self._proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Tab:
    """One page target, attached with its own DevTools session."""

    def __init__(self, browser: Chromium, session: str, target: str, context: str | None) -> None:
        self.browser = browser
        self.session = session
        self.target = target
        self.context = context
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.call(method, self.session, **params)

    def on(self, event: str, handler: Handler) -> None:
        self.browser.handlers[(self.session, event)] = handler

    def navigate(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""
        self.browser.events = [e for e in self.browser.events if e.get("sessionId") != self.session]
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            raise BrowserError(str(result["errorText"]))
        self.browser.wait_for("Page.loadEventFired", self.session)

    def viewport(self, width: int, height: int) -> None:
        """A viewport ``width`` CSS pixels wide (a phone's, with its meta viewport honoured, below 600 px)."""
        self.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600
        )

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def cookies(self) -> list[dict[str, Any]]:
        """Every cookie of this tab's browser context."""
        params = {"browserContextId": self.context} if self.context else {}
        cookies: list[dict[str, Any]] = self.browser.call("Storage.getCookies", **params)["cookies"]
        return cookies

    def screenshot(self, path: Path) -> None:
        """The whole page (not only the viewport) as a JPEG (a PNG of a long page takes seconds)."""
        shot = self.call("Page.captureScreenshot", format="jpeg", quality=50, captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        for key in [key for key in self.browser.handlers if key[0] == self.session]:
            del self.browser.handlers[key]
        self.browser.call("Target.closeTarget", targetId=self.target)
        if self.context:
            self.browser.call("Target.disposeBrowserContext", browserContextId=self.context)
        self.browser.events = [e for e in self.browser.events if e.get("sessionId") != self.session]
