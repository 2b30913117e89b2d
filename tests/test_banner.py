"""`policygen banner`: the shipped library is the npm package's, the output is deterministic, the
banner says what the policy says (categories, services, cookies, anchors, in every language),
its texts are spelled right, and bad answers fail with a location and write nothing."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.banner import LIBRARY_VERSION, NECESSARY, TOOL, facts
from generator.banner_files import LICENSE_FILE, VENDOR_FILES, config, policy_urls, vendor_dir
from generator.build import BuildOptions, build
from generator.i18n import POLICY, translations
from generator.wording import CONSENT_LAW

from .conftest import EXAMPLES, ROOT, SHARE_BUTTONS, run_cli, share_buttons_service
from .test_spelling import hunspell, unknown_words

FIXTURE = ROOT / "tests" / "fixtures" / "banner.yaml"


# -- the library ----------------------------------------------------------------------------------


def npm_package(tmp_path: Path) -> Path:
    """``npm pack vanilla-cookieconsent@<pinned>`` unpacked; skips when npm or the registry cannot be
    reached, except under CI or POLICYGEN_REQUIRE_NPM=1, where it fails."""
    required = bool(os.environ.get("CI")) or os.environ.get("POLICYGEN_REQUIRE_NPM") == "1"
    npm = shutil.which("npm")
    problem = "npm is not installed" if npm is None else ""
    if npm is not None:
        packed = subprocess.run(
            [npm, "pack", f"vanilla-cookieconsent@{LIBRARY_VERSION}", "--silent"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if packed.returncode != 0:
            problem = f"npm pack failed: {packed.stderr.strip()[-500:]}"
    if problem:
        if required:
            pytest.fail(problem)
        pytest.skip(problem)
    (archive,) = tmp_path.glob("vanilla-cookieconsent-*.tgz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    return tmp_path / "unpacked" / "package"


def test_the_shipped_library_is_the_npm_package_byte_for_byte(tmp_path: Path) -> None:
    package = npm_package(tmp_path)
    assert yaml.safe_load((package / "package.json").read_text(encoding="utf-8"))["version"] == LIBRARY_VERSION
    for name in VENDOR_FILES:
        assert (vendor_dir() / name).read_bytes() == (package / "dist" / name).read_bytes(), name
    assert (vendor_dir() / "LICENSE").read_bytes() == (package / "LICENSE").read_bytes()


def test_the_shipped_library_is_the_pinned_version() -> None:
    head = (vendor_dir() / "cookieconsent.umd.js").read_text(encoding="utf-8")[:200]
    assert f"CookieConsent {LIBRARY_VERSION}" in head
    assert "MIT License" in (vendor_dir() / "LICENSE").read_text(encoding="utf-8")


# -- the command ----------------------------------------------------------------------------------


def test_banner_writes_the_library_config_and_snippet_the_same_every_time(tmp_path: Path) -> None:
    outputs = []
    for seed, ui in (("0", "en"), ("4321", "pl")):
        out = tmp_path / seed
        result = run_cli("--ui-lang", ui, "banner", str(FIXTURE), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    folder = Path("banner") / "banner"
    assert set(outputs[0]) == {
        folder / name for name in (*VENDOR_FILES, LICENSE_FILE, "policygen-banner.js", "snippet.html")
    }
    for name in VENDOR_FILES:
        assert outputs[0][folder / name] == (vendor_dir() / name).read_bytes()
    snippet = outputs[0][folder / "snippet.html"].decode()
    head = snippet.index('<script src="/cookieconsent/cookieconsent.umd.js">')
    assert head < snippet.index('src="/cookieconsent/policygen-banner.js"')
    assert '<a href="#" data-cc="show-preferencesModal">Ustawienia cookies</a>' in snippet
    script = outputs[0][folder / "policygen-banner.js"].decode()
    assert "</" not in script.split("var banner = ", 1)[1]  # can be inlined into a page
    assert '"href=\\"/pl/privacy.html#cookies\\"' not in script and "/pl/privacy.html#cookies" in script


def test_policy_url_and_base_url(tmp_path: Path) -> None:
    result = run_cli(
        "banner",
        str(FIXTURE),
        "--out",
        str(tmp_path),
        "--policy-url",
        "https://x.example/{lang}/p/",
        "--base-url",
        "/s/",
    )
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "banner" / "banner"
    assert "https://x.example/de/p/#cookies" in (folder / "policygen-banner.js").read_text(encoding="utf-8")
    assert '<script src="/s/policygen-banner.js"></script>' in (folder / "snippet.html").read_text(encoding="utf-8")


def answers_with(tmp_path: Path, change: dict[str, Any], source: Path = FIXTURE, name: str = "a.yaml") -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "ui", "expected"),
    [
        ({"consent_tool": None}, "en", r"a\.yaml:1:1: consent_tool: policygen banner needs consent_tool"),
        ({"consent_tool": {"link": "footer"}}, "en", r"a\.yaml:\d+:\d+: consent_tool: policygen banner needs"),
        (
            {"consent_tool": {"service": "cookieyes", "link": "footer"}},
            "en",
            r":\d+:\d+: consent_tool\.service: .*cookieyes",
        ),
        (
            {"consent_tool": {"service": TOOL, "settings": {"pl": "ikony", "en": "the icon", "de": "das Symbol"}}},
            "pl",
            r":\d+:\d+: consent_tool\.settings: baner udostępnia",
        ),
        ({"schema_version": "x"}, "en", r"a\.yaml:\d+:\d+: schema_version"),
    ],
)
def test_bad_answers_exit_2_with_a_location_and_write_nothing(
    tmp_path: Path, change: dict[str, Any], ui: str, expected: str
) -> None:
    path = answers_with(tmp_path, change)
    out = tmp_path / "out"
    result = run_cli("--ui-lang", ui, "banner", str(path), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_nothing_is_written_when_a_later_file_fails(tmp_path: Path) -> None:
    bad = answers_with(tmp_path, {"consent_tool": None}, name="z.yaml")
    out = tmp_path / "out"
    result = run_cli("banner", str(FIXTURE), str(bad), "--out", str(out))
    assert result.returncode == 2 and "z.yaml" in result.stderr
    assert not out.exists()


# -- the banner says what the policy says -----------------------------------------------------------


def variants(tmp_path: Path) -> list[Path]:
    """The fixture, and every example with the banner as its consent tool (settings behind a button)."""
    tool = {"service": TOOL, "link": "button"}
    return [FIXTURE, *(answers_with(tmp_path, {"consent_tool": tool}, e, e.name) for e in EXAMPLES)]


def cells(row: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]


def cookie_section(page: str) -> str:
    start = page.index('<h2 id="cookies">')
    return page[start : page.index("<h2", start + 1)]


def policy_cookies(page: str) -> tuple[dict[tuple[str, str], str], list[str]]:
    """The policy's cookie table as (name, provider) -> the consent column, and the names of the
    tools listed as storing more than the table says."""
    section = cookie_section(page)
    rows = {(c[0], c[1]): c[-1] for c in map(cells, re.findall(r"<tr>(.*?)</tr>", section, re.S)) if c}
    listed = section.split("</table>")[-1]
    unlisted = [html.unescape(re.sub(r"<[^>]+>", "", i)).split(" (")[0] for i in re.findall(r"<li>(.*?)</li>", listed)]
    return rows, unlisted


def banner_cookies(translation: dict[str, Any]) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    for section in translation["preferencesModal"]["sections"][1:]:
        body = section.get("cookieTable", {}).get("body", [])
        out[section["linkedCategory"]] = {(html.unescape(r["name"]), html.unescape(r["service"])) for r in body}
    return out


def test_every_category_service_and_cookie_matches_the_policy(tmp_path: Path) -> None:
    for path in variants(tmp_path):
        built = build(path, BuildOptions(formats=("html",), ignore_check_errors=True))
        data = config(built, policy_urls("/{lang}/privacy.html", tuple(built.documents)))
        banner = facts(built.policy)
        for output in built.outputs:
            page, lang = output.text, output.lang
            translation = data["translations"][lang]
            rows, unlisted = policy_cookies(page)
            in_banner = banner_cookies(translation)
            where = f"{path.name} [{lang}]"
            # the same cookies, each on the same side of consent
            no = rows[("cc_cookie", next(s.name for s in built.policy.services if s.id == TOOL))]
            assert set().union(*in_banner.values()) == set(rows), where
            assert in_banner[NECESSARY] == {key for key, consent in rows.items() if consent == no}, where
            # the tools the policy says store more than it can list are in a category that needs consent
            flagged = {s.name for c in banner.categories for s in c.services if s.unlisted}
            assert flagged == set(unlisted), where
            assert not any(s.unlisted for c in banner.categories if c.necessary for s in c.services), where
            # every purpose whose part of the policy says the device rule needs consent, and names
            # its services, is a category of the banner (the sentence as the policy's catalog words it)
            t = translations(lang, POLICY)
            device = [html.escape(t.gettext(CONSENT_LAW[k]), quote=False) for k in ("pke_399", "eprivacy")]
            linked = set(re.findall(r'href="[^"#]*#(purpose-[^"]+)"', json.dumps(translation).replace('\\"', '"')))
            for anchor in re.findall(r'<h3 id="(purpose-[^"]+)">', page):
                start = page.index(f'<h3 id="{anchor}">')
                part = page[start : page.index("<h", start + 1)]
                if any(d in part for d in device) and 'href="#recipients"' in part:
                    assert anchor in linked, f"{where}: {anchor} is not a category of the banner"
            for section in translation["preferencesModal"]["sections"][1:]:
                # the link goes to a part of the policy that exists, and names it as the policy does
                anchor, text = re.findall(r'href="[^"#]*#([^"]+)">([^<]+)</a>', section["description"])[-1]
                heading = re.search(rf'<h[23] id="{re.escape(anchor)}">(.*?)</h[23]>', page)
                assert heading is not None, f"{where}: no #{anchor}"
                assert html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))) == html.unescape(text), where
                # every service named is in the policy: in the part linked or in the cookies section
                part = page[heading.start() : page.index("<h", heading.end())]
                for service in {
                    s.name for c in banner.categories if c.id == section["linkedCategory"] for s in c.services
                }:
                    assert html.escape(service) in section["description"], f"{where}: {service}"
                    assert html.escape(service, quote=False) in part + cookie_section(page), f"{where}: {service}"


def test_the_policy_lists_the_banner_and_its_cookie_and_names_its_settings_link() -> None:
    built = build(FIXTURE, BuildOptions(formats=("html",)))
    for output in built.outputs:
        rows, _ = policy_cookies(output.text)
        assert any(name == "cc_cookie" for name, _ in rows), output.lang
        label = config(built, policy_urls("/{lang}/", tuple(built.documents)))["settingsLabel"][output.lang]
        section = html.unescape(re.sub(r"<[^>]+>", "", cookie_section(output.text))).lower()
        # the footer link's words, as the policy's sentence about the footer uses them (Polish declines
        # them: "Ustawienia cookies" / "ustawień cookies")
        assert all(word.lower()[:5] in section for word in re.split(r"[\s-]+", label)), (output.lang, label)
        assert {"pl": "w stopce", "en": "in the footer", "de": "in der fußzeile"}[output.lang] in section


@pytest.mark.parametrize("lang", ["pl", "en", "de"])
def test_banner_texts_have_no_misspellings(lang: str) -> None:
    hunspell()
    built = build(FIXTURE, BuildOptions(formats=()))
    translation = config(built, policy_urls("/{lang}/", tuple(built.documents)))["translations"][lang]
    texts: list[str] = []
    names = sorted({s.name for s in built.policy.services}, key=len, reverse=True)

    def walk(value: object) -> None:
        if isinstance(value, dict):  # not the ids, the cookies' or the services' names
            for k, v in value.items():
                if k not in ("linkedCategory", "name", "service"):
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            text = html.unescape(re.sub(r"<[^>]+>", " ", value))
            for name in names:  # names are not words (the catalogue's test checks them)
                text = text.replace(name, " ")
            texts.append(text)

    walk(translation)
    unknown = unknown_words("\n".join(texts), lang)
    assert not unknown, f"misspelled or unknown words in the banner ({lang}): {sorted(unknown)}"


# -- injection: policygen build --banner, the MkDocs plugin ---------------------------------------


def test_build_banner_puts_the_banner_into_the_page_and_nothing_else(tmp_path: Path) -> None:
    result = run_cli("build", str(FIXTURE), "--banner", "--out", str(tmp_path), "--format", "md,html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "banner" / "de" / "privacy.html").read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    assert (vendor_dir() / "cookieconsent.umd.js").read_text(encoding="utf-8") in head
    assert '"acceptNecessaryBtn": "Alle ablehnen"' in head and 'href=\\"#cookies\\"' in head
    assert '<footer><a href="#" data-cc="show-preferencesModal">Cookie-Einstellungen</a></footer>' in page
    assert "CookieConsent.run" not in (tmp_path / "banner" / "de" / "privacy.md").read_text(encoding="utf-8")
    plain = run_cli("build", str(FIXTURE), "--out", str(tmp_path / "plain"), "--format", "html")
    assert plain.returncode == 0
    bare = (tmp_path / "plain" / "banner" / "de" / "privacy.html").read_text(encoding="utf-8")
    assert "CookieConsent.run" not in bare and "data-cc=" not in bare


def test_build_banner_needs_the_banner_as_consent_tool(tmp_path: Path) -> None:
    result = run_cli("build", str(ROOT / "answers" / "shop.yaml"), "--banner", "--out", str(tmp_path))
    assert result.returncode == 2
    assert re.search(r"shop\.yaml:\d+:\d+: consent_tool: policygen banner needs", result.stderr), result.stderr
    assert not list(tmp_path.rglob("*.html"))


def test_mkdocs_plugin_banner_option(tmp_path: Path) -> None:
    from .test_mkdocs_plugin import build_ok, built_page, make_site, mkdocs_build

    def edit(config: dict[str, Any]) -> None:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "privacy-policy" in plugin:
                plugin["privacy-policy"]["banner"] = True

    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"}, answers=FIXTURE, edit=edit)
    build_ok(site)
    assets = site / "site" / "assets" / "policygen-banner"
    assert (assets / "cookieconsent.umd.js").read_bytes() == (vendor_dir() / "cookieconsent.umd.js").read_bytes()
    assert '"/privacy/#cookies' in (assets / "policygen-banner.js").read_text(encoding="utf-8").replace('\\"', '"')
    home, policy = built_page(site, "index.html"), built_page(site, "privacy/index.html")
    assert '<script src="assets/policygen-banner/policygen-banner.js"></script>' in home
    assert '<script src="../assets/policygen-banner/policygen-banner.js"></script>' in policy
    assert home.index("policygen-banner.js") < home.index("</head>")
    assert 'data-cc="show-preferencesModal">Cookie settings</a>' in home
    # without the banner as the answers' consent tool, the site is not built
    (site / "privacy.yaml").write_text((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    failed = mkdocs_build(site)
    assert failed.returncode != 0 and "policygen banner needs consent_tool" in failed.stderr


def test_a_service_named_per_language_is_named_in_each_language(tmp_path: Path) -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    names, share = SHARE_BUTTONS, share_buttons_service()
    path = answers_with(tmp_path, {"custom_services": [share], "services": [*data["services"], "x-share"]})
    result = run_cli("--ui-lang", "en", "banner", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    script = (tmp_path / "out" / "a" / "banner" / "policygen-banner.js").read_text(encoding="utf-8")
    config, _ = json.JSONDecoder().raw_decode(script.split("var banner = ", 1)[1])
    for lang in data["languages"]:
        text = json.dumps(config["translations"][lang], ensure_ascii=False).replace("\\u2013", "–")
        assert names[lang] in text and "root=" not in text
    assert config["categories"]["embeds"]["services"]["x-share"]["label"] == names["pl"]
