"""The MkDocs plugin in real ``mkdocs build`` runs: a plain site, mkdocs-static-i18n sites (suffix and
folder structure) and a Material site, each made from the copy-paste snippet in tests/mkdocs/ that
docs/mkdocs.md shows. Needs the package installed (``pip install -e '.[test]'``): MkDocs finds the
plugin through its entry point."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import entry_points
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from generator.api import render

from .conftest import ROOT, built, headings

SHOP = ROOT / "answers" / "shop.yaml"
SNIPPETS = ROOT / "tests" / "mkdocs"
BROKEN = ROOT / "tests" / "broken" / "07-nip-checksum.yaml"
CHECK = ROOT / "tests" / "check"
DOCS = ROOT / "docs" / "mkdocs.md"
CONTROLLER = "Leśne Runo sp. z o.o."
CONTROLLER_PG = "Sprawdzam sp. z o.o."  # in the check fixtures


def polish_available() -> bool:
    try:
        render(built(SHOP), "pl", "md")
    except ValueError:
        return False
    return True


# Polish joins the i18n test by itself once templates/pl and its catalog exist.
I18N_LANGS = ("pl", "en") if polish_available() else ("en",)


@pytest.fixture(autouse=True, scope="module")
def _plugin_installed() -> None:
    if "privacy-policy" not in {ep.name for ep in entry_points(group="mkdocs.plugins")}:
        pytest.fail("the privacy-policy entry point is not installed: run pip install -e '.[test]'")


# --- helpers ------------------------------------------------------------------------------------


def make_site(tmp_path: Path, snippet: str, pages: dict[str, str], answers: Path = SHOP, edit=None) -> Path:
    """A site from a snippet (verbatim unless ``edit`` changes it), the answers as privacy.yaml."""
    site = tmp_path / "site-src"
    text = (SNIPPETS / snippet).read_text(encoding="utf-8")
    if edit is not None:
        config = yaml.safe_load(text)
        edit(config)
        if config != yaml.safe_load(text):
            text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copyfile(answers, site / "privacy.yaml")
    for name, content in pages.items():
        (site / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "docs" / name).write_text(content, encoding="utf-8")
    return site


def mkdocs_build(site: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONPATH=str(ROOT), LANG="C.UTF-8", NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"]
    return subprocess.run(
        cmd + (["--strict"] if strict else []), cwd=site, env=env, capture_output=True, text=True, timeout=120
    )


def build_ok(site: Path) -> None:
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr


def built_page(site: Path, uri: str) -> str:
    page = site / "site" / uri
    assert page.is_file(), sorted(p.relative_to(site).as_posix() for p in (site / "site").rglob("*.html"))
    return page.read_text(encoding="utf-8")


def heading_ids(html: str) -> list[str | None]:
    return [ident for _, ident in headings(html)]


def html_lang(html: str) -> str:
    match = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    assert match, "no <html lang>"
    return match.group(1)


def cookies_table(html: str) -> str:
    start = html.index('id="cookies"')
    end = html.find("<h2", start)
    section = html[start : end if end != -1 else len(html)]
    table = section[section.index("<table>") : section.index("</table>")]
    return table


def policy_title(lang: str) -> str:
    first = render(built(SHOP), lang, "md").text.splitlines()[0]
    return re.sub(r"^#\s+|\s*\{#[\w-]+\}$", "", first)


def assert_policy_page(html: str, lang: str, *, title: str | None = None) -> None:
    assert html_lang(html) == lang
    h1 = re.search(r'<h1 id="privacy-policy">(.*?)(?:<a class="headerlink"|</h1>)', html, re.S)
    assert h1 and h1.group(1).strip() == (title or policy_title(lang))
    assert CONTROLLER in html
    table = cookies_table(html)
    assert "cart_id" in table and "_ga" in table
    expected = heading_ids(render(built(SHOP), lang, "html").text)
    assert None not in expected
    assert heading_ids(html) == expected


# --- the three kinds of site --------------------------------------------------------------------


def test_plain_site(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n\nSee the [privacy policy](privacy.md) and [our cookies](cookies.md#cookies).\n",
        "about.md": "# About\n\n## Łódź office\n",
    }
    site = make_site(tmp_path, "plain.mkdocs.yml", pages)
    build_ok(site)
    html = built_page(site, "privacy/index.html")
    assert_policy_page(html, "en")

    # Nothing is written into docs/.
    assert sorted(p.name for p in (site / "docs").rglob("*")) == ["about.md", "index.md"]
    # `nav: end` (the default): the policy is the last nav entry and the last page in prev/next order.
    navbar = html[html.index('class="nav navbar-nav">') :]
    nav = re.findall(r'<a href="([^"]*)" class="nav-link', navbar[: navbar.index("</ul>")])
    assert nav == ["..", "../about/", "./"], nav
    assert 'rel="next" class="nav-link disabled"' in html
    # The user's own headings get the same slug rule as markdown-it ("Ł" kept as "l").
    assert 'id="lodz-office"' in built_page(site, "about/index.html")
    # Links from the user's pages resolve to the generated pages.
    index = built_page(site, "index.html")
    assert 'href="privacy/"' in index and 'href="cookies/#cookies"' in index

    # cookie_table_only: the cookies section alone, its heading the page's h1, same id.
    cookies = built_page(site, "cookies/index.html")
    assert heading_ids(cookies) == ["cookies"]
    assert "cart_id" in cookies_table(cookies)
    assert CONTROLLER in cookies and 'id="rights"' not in cookies


@pytest.mark.parametrize(("structure", "theme"), [("suffix", "mkdocs"), ("folder", "mkdocs"), ("suffix", "material")])
def test_static_i18n_site(tmp_path: Path, structure: str, theme: str) -> None:
    def edit(config: dict) -> None:
        config["theme"]["name"] = theme
        (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
        i18n["docs_structure"] = structure
        (ours,) = [p["privacy-policy"] for p in config["plugins"] if isinstance(p, dict) and "privacy-policy" in p]
        ours["languages"] = list(I18N_LANGS)  # the site's languages; the answers have German too

    pl_link = "Zobacz [politykę prywatności](polityka-prywatnosci.md).\n" if "pl" in I18N_LANGS else ""
    pl_index = "# Start\n\n" + pl_link
    en_index = "# Home\n\nSee the [privacy policy](privacy.md).\n"
    if structure == "suffix":
        pages = {"index.md": pl_index, "index.en.md": en_index}
    else:
        pages = {"pl/index.md": pl_index, "en/index.md": en_index}
    site = make_site(tmp_path, "i18n.mkdocs.yml", pages, edit=edit)
    build_ok(site)

    where = {"pl": "polityka-prywatnosci/index.html", "en": "en/privacy/index.html"}
    for lang in I18N_LANGS:
        assert_policy_page(built_page(site, where[lang]), lang)
    # The link on each language's home page leads to the policy in that language.
    assert 'href="privacy/"' in built_page(site, "en/index.html")
    if "pl" in I18N_LANGS:
        assert 'href="polityka-prywatnosci/"' in built_page(site, "index.html")
    else:
        assert not (site / "site" / "polityka-prywatnosci").exists()
    if theme == "material":
        # Material's language selector on the policy page leads to the policy in the other language.
        selector = dict(
            (lang, href)
            for href, lang in re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', built_page(site, where["en"]))
        )
        assert selector == {"pl": "../../polityka-prywatnosci/" if "pl" in I18N_LANGS else "/", "en": "./"}


def test_material_site(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n## Łódź office\n\nSee the [privacy policy](legal/privacy.md).\n"}
    site = make_site(tmp_path, "material.mkdocs.yml", pages)
    build_ok(site)
    html = built_page(site, "legal/privacy/index.html")
    assert_policy_page(html, "en", title="Privacy policy")
    assert "<title>Privacy policy - Leśne Runo</title>" in html
    # The user's toc options are kept (permalink), and our slugify is added beside them.
    assert 'class="headerlink" href="#cookies"' in html
    index = built_page(site, "index.html")
    assert 'id="lodz-office"' in index
    # `nav: false`: not in the navigation, still linked from the page.
    assert index.count('href="legal/privacy/"') == 1


# --- failures -----------------------------------------------------------------------------------


def test_invalid_answers_stop_the_build_with_a_located_message(tmp_path: Path) -> None:
    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"}, answers=BROKEN)
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "privacy.yaml:8:10: controllers.0.nip: not a valid NIP" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Aborted with a BuildError!" in result.stdout + result.stderr
    assert not (site / "site" / "privacy").exists()


def test_a_page_of_the_same_name_is_not_silently_replaced(tmp_path: Path) -> None:
    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n", "privacy.md": "# Mine\n"})
    result = mkdocs_build(site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "cannot add privacy.md: privacy.md is already built to privacy/index.html" in result.stderr


def without_cookie_page(config: dict) -> None:
    """The plain snippet without `cookie_table_only` (the check fixtures have no cookies)."""
    (ours,) = [p["privacy-policy"] for p in config["plugins"] if isinstance(p, dict) and "privacy-policy" in p]
    del ours["cookie_table_only"]


def test_check_errors_stop_the_build_unless_forced(tmp_path: Path) -> None:
    site = make_site(
        tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"}, CHECK / "PG004-fail.yaml", without_cookie_page
    )
    result = mkdocs_build(site, strict=False)
    assert result.returncode != 0
    assert "privacy-policy: privacy.yaml:18:12: error PG004 newsletter-without-consent:" in result.stderr
    assert "set `force: true` in the plugin's options to build anyway" in result.stderr
    # docs/mkdocs.md shows this very run's output: each line of its example is printed as it is.
    blocks = re.findall(r"^```\w*\n(.*?)^```$", DOCS.read_text(encoding="utf-8"), re.S | re.M)
    (example,) = [b for b in blocks if "PG004" in b]
    for line in example.splitlines():
        assert line in result.stderr, line
    assert "Traceback" not in result.stderr + result.stdout
    assert not (site / "site" / "privacy").exists()
    # The CLI refuses the same file.
    cli = subprocess.run(
        [sys.executable, "-m", "generator", "--ui-lang", "en", "build", "privacy.yaml", "--out", "out"],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert cli.returncode == 2 and "error PG004" in cli.stderr

    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"][1]["privacy-policy"]["force"] = True
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(site)  # strict: a forced error is information, not a warning
    assert result.returncode == 0, result.stderr
    assert "INFO    -  privacy-policy: built anyway (force: true): privacy.yaml:18:12: error PG004" in result.stderr
    assert CONTROLLER_PG in built_page(site, "privacy/index.html")


def test_check_warnings_are_mkdocs_warnings_once_per_build(tmp_path: Path) -> None:
    def edit(config: dict) -> None:
        (ours,) = [p["privacy-policy"] for p in config["plugins"] if isinstance(p, dict) and "privacy-policy" in p]
        ours["languages"] = list(I18N_LANGS)

    site = make_site(
        tmp_path,
        "i18n.mkdocs.yml",
        {"index.md": "# Start\n", "index.en.md": "# Home\n"},
        CHECK / "PG007-fail.yaml",
        edit,
    )
    result = mkdocs_build(site, strict=False)
    assert result.returncode == 0, result.stderr
    warning = "WARNING -  privacy-policy: privacy.yaml:32:3: warning PG007 joint-without-contact-point:"
    assert result.stderr.count(warning) == 1, result.stderr  # static-i18n builds twice; said once
    assert built_page(site, "en/privacy/index.html")
    strict = mkdocs_build(site)
    assert strict.returncode != 0 and "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr


# --- overlays and extends -----------------------------------------------------------------------

RULES_HEADING = "{{ heading(2, 'Rules', 'rules') }}\n\n"
RULES = {"en/rules.md.j2": "{{ heading(2, 'House rules', 'rules') }}\n\nBe kind to {{ policy.controller.name }}.\n"}
SECURITY = {"en/security.md.j2": "{{ heading(2, 'How we protect data', 'security') }}\n\nOur own words.\n"}


def with_overlay(site: Path, files: dict[str, str], folder: str = "overlay", answers_line: bool = True) -> Path:
    root = site / folder
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    if answers_line:
        with (site / "privacy.yaml").open("a", encoding="utf-8") as fh:
            fh.write(f"templates_dir: {folder}\nextra_sections:\n  - {{id: rules, after: cookies}}\n")
    return root


def cli_html(site: Path, *extra: str) -> str:
    cmd = [sys.executable, "-m", "generator", "build", "privacy.yaml", "--lang", "en", "--format", "html"]
    result = subprocess.run(
        [*cmd, "--out", "cli", *extra],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return (site / "cli" / "privacy" / "en" / "privacy.html").read_text(encoding="utf-8")


def test_overlay_of_the_answers_file_is_used(tmp_path: Path) -> None:
    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"})
    with_overlay(site, {**RULES, **SECURITY})
    build_ok(site)
    html = built_page(site, "privacy/index.html")
    ids = heading_ids(html)
    assert ids.index("cookies") < ids.index("rules") < ids.index("rights")
    assert f"Be kind to {CONTROLLER}." in html and "Our own words." in html
    assert "appropriate to the risk" not in html  # the stock security clause is replaced
    assert ids == heading_ids(cli_html(site))  # the page the CLI builds from the same answers


def test_templates_option_overrides_templates_dir(tmp_path: Path) -> None:
    def edit(config: dict) -> None:
        (ours,) = [p["privacy-policy"] for p in config["plugins"] if isinstance(p, dict) and "privacy-policy" in p]
        ours["templates"] = "mine"

    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"}, edit=edit)
    with_overlay(site, RULES)
    with_overlay(site, {**RULES, **SECURITY}, "mine", answers_line=False)
    build_ok(site)
    html = built_page(site, "privacy/index.html")
    assert "Our own words." in html  # from mine/, as `policygen build --templates mine` does
    assert heading_ids(html) == heading_ids(cli_html(site, "--templates", "mine"))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, "overlay/en: no template rules.md.j2 for language en in "),
        (
            {"en/rules.md.j2": "{{ heading(2, 'Rules', 'rules') }}\n\n{% if policy %}\nunclosed\n"},
            "overlay/en/rules.md.j2:",
        ),
        (
            {"en/rules.md.j2": "{{ heading(2, 'Rules', 'rules') }}\n\n{{ policy.__class__.__init__.__globals__ }}\n"},
            "sandbox",
        ),
    ],
    ids=["missing", "syntax", "unsafe"],
)
def test_overlay_problems_stop_the_build_without_a_traceback(tmp_path: Path, files: dict, expected: str) -> None:
    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"})
    with_overlay(site, files)
    (site / "overlay" / "en").mkdir(parents=True, exist_ok=True)
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "ERROR   -  privacy-policy: " in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Aborted with a BuildError!" in result.stdout + result.stderr


def chained_site(tmp_path: Path) -> Path:
    """privacy.yaml extends shared/client.yaml, which extends shared/agency.yaml; an overlay too."""
    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"}, edit=without_cookie_page)
    shared = site / "shared"
    shared.mkdir()
    shutil.move(site / "privacy.yaml", shared / "agency.yaml")
    (shared / "client.yaml").write_text("extends: agency.yaml\n", encoding="utf-8")
    (site / "privacy.yaml").write_text("extends: 'shared/client.yaml'\n", encoding="utf-8")
    with_overlay(site, RULES)
    return site


def test_a_change_anywhere_in_the_inputs_rebuilds_the_policy(tmp_path: Path) -> None:
    """One plugin instance across builds, as in `mkdocs serve`: a change to a base file of the
    `extends` chain or to an overlay template is in the next build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = chained_site(tmp_path)

    def page() -> str:
        config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
        build(config)
        return built_page(site, "privacy/index.html")

    assert f"Be kind to {CONTROLLER}." in page()
    agency = site / "shared" / "agency.yaml"
    agency.write_text(agency.read_text(encoding="utf-8").replace(CONTROLLER, "Nowe Runo sp. z o.o."), encoding="utf-8")
    assert "Be kind to Nowe Runo sp. z o.o." in page()
    (site / "overlay" / "en" / "rules.md.j2").write_text(
        "{{ heading(2, 'House rules', 'rules') }}\n\nBe brief.\n", encoding="utf-8"
    )
    assert "Be brief." in page()


def test_serve_watches_every_input(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = chained_site(tmp_path)
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)  # `mkdocs serve` builds once, then runs on_serve
    watched: list[str] = []
    config.plugins.on_serve(SimpleNamespace(watch=watched.append), config=config, builder=None)
    try:
        shared = site / "shared"
        expected = [site / "privacy.yaml", shared / "client.yaml", shared / "agency.yaml", site / "overlay"]
        assert [Path(p) for p in watched] == [p.resolve() for p in expected]
        # A base named later, in a rebuild, is watched from then on.
        (shared / "extra.yaml").write_text("effective_date: 2026-02-01\n", encoding="utf-8")
        (shared / "agency.yaml").write_text(
            "extends: extra.yaml\n" + (shared / "agency.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        build(load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site")))
        assert [Path(p) for p in watched[len(expected) :]] == [(shared / "extra.yaml").resolve()]
    finally:
        config.plugins.on_shutdown()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, limit: float = 90.0) -> bool:
    """Poll until ``predicate()`` holds or ``limit`` seconds pass (a bound, not a timed assertion)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_mkdocs_serve_reloads_when_a_base_file_changes(tmp_path: Path) -> None:
    site = chained_site(tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONPATH=str(ROOT), LANG="C.UTF-8", NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"]
    server = subprocess.Popen(cmd, cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/privacy/"
    try:
        assert wait_for(lambda: f"Be kind to {CONTROLLER}." in fetch(url)), "mkdocs serve did not serve the policy"
        agency = site / "shared" / "agency.yaml"
        text = agency.read_text(encoding="utf-8").replace(CONTROLLER, "Nowe Runo sp. z o.o.")
        agency.write_text(text, encoding="utf-8")
        assert wait_for(lambda: "Be kind to Nowe Runo sp. z o.o." in fetch(url)), "no rebuild after the base changed"
        rules = site / "overlay" / "en" / "rules.md.j2"
        rules.write_text("{{ heading(2, 'House rules', 'rules') }}\n\nBe brief.\n", encoding="utf-8")
        assert wait_for(lambda: "Be brief." in fetch(url)), "no rebuild after the overlay changed"
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- in-process checks of the plugin's parts ----------------------------------------------------


def test_options_are_validated() -> None:
    from generator.mkdocs_plugin import PrivacyPolicyConfig

    def problems(**options: object) -> list[str]:
        config = PrivacyPolicyConfig()
        config.load_dict({"answers": str(SHOP), **options})
        failed, _ = config.validate()
        return [key for key, _ in failed]

    assert problems() == []
    assert problems(path={"pl": "polityka-prywatnosci.md", "en": "privacy.md"}, nav=False, title="Privacy") == []
    assert problems(path="../outside.md") == ["path"]
    assert problems(path="privacy.html") == ["path"]
    assert problems(nav="sideways") == ["nav"]
    assert problems(cookie_table_only={"en": 3}) == ["cookie_table_only"]


@pytest.mark.parametrize("user_slugify", [False, True])
def test_attr_list_and_slugify_are_added_only_when_missing(tmp_path: Path, user_slugify: bool) -> None:
    from mkdocs.config import load_config

    from generator.slugs import toc_slugify

    site = make_site(tmp_path, "material.mkdocs.yml", {"index.md": "# Home\n"})
    if user_slugify:
        text = (site / "mkdocs.yml").read_text(encoding="utf-8")
        text = text.replace(
            "permalink: true", "permalink: true\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode"
        )
        (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    config = load_config(str(site / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    config = config.plugins.on_config(config)  # static-i18n runs it once per language: no duplicates
    assert config.markdown_extensions.count("attr_list") == 1
    assert config.mdx_configs["toc"]["permalink"] is True
    chosen = config.mdx_configs["toc"]["slugify"]
    assert (chosen is toc_slugify) is not user_slugify


def test_cookie_section_points_other_links_at_the_policy() -> None:
    from generator.document import Document, Section, excerpt

    document = Document(
        "en",
        "Policy",
        (
            Section("summary", "Summary", 2, "Text."),
            Section("cookies", "Cookies", 2, "See [purposes](#purposes) and [below](#table)."),
            Section("table", "The table", 3, "| a |\n|---|\n| \\](#x) |"),
            Section("rights", "Rights", 2, "Text."),
        ),
    )
    assert excerpt(document, "cookies", "../privacy.md") == (
        "# Cookies {#cookies}\n\nSee [purposes](../privacy.md#purposes) and [below](#table).\n\n"
        "## The table {#table}\n\n| a |\n|---|\n| \\](#x) |\n"
    )
    assert excerpt(Document("en", "Policy", ()), "cookies", "privacy.md") is None


def test_core_never_imports_the_plugin_or_mkdocs() -> None:
    code = (
        "import pkgutil, importlib, sys, generator\n"
        "for m in pkgutil.iter_modules(generator.__path__):\n"
        "    if m.name not in ('mkdocs_plugin', '__main__'):\n"
        "        importlib.import_module('generator.' + m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] == 'mkdocs' or n == 'generator.mkdocs_plugin']\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_docs_show_every_snippet_verbatim() -> None:
    doc = (ROOT / "docs" / "mkdocs.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## MkDocs plugin" in doc
    for snippet in sorted(SNIPPETS.glob("*.mkdocs.yml")):
        assert snippet.read_text(encoding="utf-8") in doc, snippet.name
        assert snippet.read_text(encoding="utf-8") in readme, snippet.name
