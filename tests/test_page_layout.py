"""The pages in a real browser: every example's HTML page in every language, and the policy page of
a MkDocs Material site, at a phone's width (390 px) and a desktop's (1280 px). No page may be
wider than the viewport, and every table either fits in its column or scrolls inside a box of its
own that fits. One headless Chromium (the distribution's ``chromium``) serves every page; the
screenshots are kept in ``test-artifacts/browser/`` (ignored by git) for a person to look at.

Without Chromium the tests skip, except where ``POLICYGEN_REQUIRE_CHROMIUM=1`` or ``CI`` is set
(``.ci/run`` installs it): there they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import Browser, find_chromium
from .conftest import EXAMPLES, LANGS, ROOT, rendered
from .test_mkdocs_plugin import build_ok, make_site

WIDTHS = (390, 1280)
ARTIFACTS = ROOT / "test-artifacts" / "browser"

#: What overflows at the viewport's width, as a list of readable problems (empty when none).
#: A table fits when it stays inside its parent's box and the viewport; otherwise the table or an
#: ancestor of it (not the page's body) must scroll sideways and itself fit in the viewport.
LAYOUT_PROBLEMS = """
(() => {
  const vw = %d, slack = 0.5, problems = [];
  const page = document.documentElement.scrollWidth;
  if (page > vw) problems.push(`page is ${page}px wide`);
  const scrollsInBox = (el) => {  // el or an ancestor scrolls sideways and fits in the viewport
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX, pr = p.getBoundingClientRect();
      if ((ox === 'auto' || ox === 'scroll') && p.clientWidth <= vw && pr.left >= -slack && pr.right <= vw + slack)
        return true;
    }
    return false;
  };
  document.querySelectorAll('table').forEach((table, i) => {
    const r = table.getBoundingClientRect(), box = table.parentElement.getBoundingClientRect();
    const fits = r.left >= box.left - slack && r.right <= box.right + slack
      && r.left >= -slack && r.right <= vw + slack;
    if (fits) return;
    if (!scrollsInBox(table))
      problems.push(`table ${i + 1} (${table.innerText.slice(0, 40).replace(/\\s+/g, ' ')}) is`
        + ` ${Math.round(r.width)}px wide in a ${Math.round(box.width)}px column and does not scroll in its own box`);
  });
  return problems;
})()
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("POLICYGEN_REQUIRE_CHROMIUM") == "1" or os.environ.get("CI"):
            pytest.fail("chromium is required for the layout tests (apt-get install chromium)")
        pytest.skip("chromium not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    session = Browser(executable)
    try:
        yield session
    finally:
        session.close()


def layout_problems(browser: Browser, page: Path, name: str) -> list[str]:
    """Open ``page`` at each width, keep a screenshot of it, and say what overflows."""
    problems = []
    for width in WIDTHS:
        browser.open(page.as_uri(), width)
        problems += [f"{width}px: {p}" for p in browser.evaluate(LAYOUT_PROBLEMS % width)]
        browser.screenshot(ARTIFACTS / f"{name}-{width}.jpg")
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_html_page_fits_phone_and_desktop(browser: Browser, tmp_path: Path, path: Path, lang: str) -> None:
    page = tmp_path / f"{path.stem}-{lang}.html"
    page.write_text(rendered(path, lang, "html"), encoding="utf-8")
    problems = layout_problems(browser, page, f"{path.stem}-{lang}")
    assert not problems, "\n".join(problems)


def test_mkdocs_material_page_fits_phone_and_desktop(browser: Browser, tmp_path: Path) -> None:
    """The Material snippet as docs/mkdocs.md shows it (English), and the Polish page of a
    Material site with mkdocs-static-i18n (Polish words make the widest tables)."""

    def material(config: dict) -> None:
        config["theme"]["name"] = "material"
        (ours,) = [p["privacy-policy"] for p in config["plugins"] if isinstance(p, dict) and "privacy-policy" in p]
        ours["languages"] = ["pl", "en"]  # the site's languages

    single = make_site(tmp_path / "single", "material.mkdocs.yml", {"index.md": "# Home\n"})
    i18n = make_site(
        tmp_path / "i18n", "i18n.mkdocs.yml", {"index.md": "# Start\n", "index.en.md": "# Home\n"}, edit=material
    )
    problems = []
    for site, uri, name in (
        (single, "legal/privacy/index.html", "mkdocs-material-en"),
        (i18n, "polityka-prywatnosci/index.html", "mkdocs-material-i18n-pl"),
    ):
        build_ok(site)
        page = site / "site" / uri
        assert "<table>" in page.read_text(encoding="utf-8")
        problems += [f"{name} {p}" for p in layout_problems(browser, page, name)]
    assert not problems, "\n".join(problems)
