"""`--front-matter hugo|jekyll`, `--slug` and `--no-h1`: the exact header of each style, the body under
it, usage errors; and, where the binaries are installed, real Hugo and Jekyll builds of the recipes
in docs/static-sites.md (skipped otherwise)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.api import render, render_doc, title
from generator.frontmatter import FrontMatter, parse_slugs

from .conftest import ROOT, built, headings, rendered, run_cli

SHOP = ROOT / "answers" / "shop.yaml"


def split(text: str) -> tuple[dict, str]:
    """The front matter as data, and the Markdown under it."""
    assert text.startswith("---\n")
    head, sep, body = text[4:].partition("\n---\n\n")
    assert sep, text[:300]
    return yaml.safe_load(head), body


def build_md(tmp_path: Path, *options: str) -> dict[str, str]:
    out = tmp_path / "out"
    result = run_cli("--ui-lang", "en", "build", str(SHOP), "--format", "md", "--out", str(out), *options)
    assert result.returncode == 0, result.stderr
    return {lang: (out / "shop" / lang / "privacy.md").read_text(encoding="utf-8") for lang in ("pl", "en")}


@pytest.mark.parametrize("style", ["hugo", "jekyll"])
def test_each_style_heads_the_whole_policy(tmp_path: Path, style: str) -> None:
    for lang, text in build_md(tmp_path, "--front-matter", style).items():
        meta, body = split(text)
        expected = {"title": title(lang), "lang": lang, "slug": "privacy"}
        if style == "jekyll":
            expected = {"layout": "page", **expected, "permalink": f"/{lang}/privacy/"}
        assert meta == expected
        assert list(meta) == list(expected)  # key order is part of the output
        assert body == rendered(SHOP, lang, "md")  # the policy itself, h1 included
        assert body.startswith(f"# {title(lang)} {{#privacy-policy}}\n")


@pytest.mark.parametrize("style", ["hugo", "jekyll"])
def test_no_h1_leaves_the_title_to_the_front_matter(tmp_path: Path, style: str) -> None:
    for lang, text in build_md(tmp_path, "--front-matter", style, "--no-h1").items():
        meta, body = split(text)
        assert meta["title"] == title(lang)
        assert not [line for line in body.splitlines() if line.startswith("# ")]
        full = rendered(SHOP, lang, "md")
        first, _, rest = full.partition("\n")
        assert first.startswith("# ") and body == rest.lstrip("\n")  # only the h1 line is gone
        # The "last updated" line stays, first, and the first section follows it.
        updated, _, sections = body.partition("\n\n")
        assert updated == render_doc(built(SHOP), lang).updated
        assert sections.startswith("## ") and "{#summary}" in sections.splitlines()[0]


def test_slug_per_language(tmp_path: Path) -> None:
    texts = build_md(tmp_path, "--front-matter", "jekyll", "--slug", "pl=polityka-prywatnosci")
    pl, en = split(texts["pl"])[0], split(texts["en"])[0]
    assert (pl["slug"], pl["permalink"]) == ("polityka-prywatnosci", "/pl/polityka-prywatnosci/")
    assert (en["slug"], en["permalink"]) == ("privacy", "/en/privacy/")  # a language left out keeps the default
    texts = build_md(tmp_path, "--front-matter", "hugo", "--slug", "privacy-policy", "--rebuild")
    assert {split(t)[0]["slug"] for t in texts.values()} == {"privacy-policy"}


def test_changing_the_slug_is_not_skipped_as_unchanged(tmp_path: Path) -> None:
    build_md(tmp_path, "--front-matter", "hugo")
    texts = build_md(tmp_path, "--front-matter", "hugo", "--slug", "pl=polityka")
    assert split(texts["pl"])[0]["slug"] == "polityka"
    texts = build_md(tmp_path, "--front-matter", "hugo", "--slug", "pl=polityka", "--no-h1")
    assert "{#privacy-policy}" not in texts["pl"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--slug", "polityka"], "--slug needs --front-matter hugo or jekyll"),
        (["--no-h1"], "--no-h1 needs --front-matter hugo or jekyll"),
        (["--front-matter", "hugo", "--slug", "pl=Polityka"], "bad --slug pl=Polityka: use lowercase letters"),
        (["--front-matter", "hugo", "--slug", "pl=a,pl=b"], "bad --slug pl=a,pl=b"),
        (["--front-matter", "hugo", "--slug", "fr=politique"], "unknown language fr; choose from: pl, en, de"),
    ],
)
def test_usage_errors_write_nothing(tmp_path: Path, options: list[str], message: str) -> None:
    result = run_cli("--ui-lang", "en", "build", str(SHOP), "--format", "md", "--out", str(tmp_path / "o"), *options)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_parse_slugs() -> None:
    assert parse_slugs("privacy") == ("privacy", ())
    assert parse_slugs("pl=polityka-prywatnosci, en=privacy") == (
        "privacy",
        (("en", "privacy"), ("pl", "polityka-prywatnosci")),
    )
    assert parse_slugs("policy,pl=polityka") == ("policy", (("pl", "polityka"),))
    for bad in ("", "a,b", "=x", "pl=", "pl=a b", "pl=ą", "-x", "x-"):
        with pytest.raises(ValueError):
            parse_slugs(bad)


def test_front_matter_values() -> None:
    with pytest.raises(ValueError):
        FrontMatter("pelican")
    with pytest.raises(ValueError):
        FrontMatter("hugo", (("pl", "Zła"),))
    matter = FrontMatter("hugo", (("pl", "polityka"),), h1=False)
    text = render(built(SHOP), "pl", "md", matter).text
    assert split(text)[0]["slug"] == "polityka" and "\n# " not in text
    # The style alone, as before.
    assert render(built(SHOP), "en", "md", "hugo").text == FrontMatter("hugo").apply(render_doc(built(SHOP), "en"))


# --- real site builds, where the generator is installed ------------------------------------------


def cli_sections(lang: str) -> list[tuple[str, str | None]]:
    """The h2/h3 headings of `policygen build` HTML (the h1 is the site layout's)."""
    return [h for h in headings(rendered(SHOP, lang, "html")) if h[0] != "h1"]


def assert_site_page(html: str, lang: str) -> None:
    found = headings(html)
    assert [tag for tag, _ in found].count("h1") == 1, found  # the layout's title, once
    # The policy's headings all carry ids (the layout's own, such as a footer's, do not).
    assert [h for h in found if h[1] is not None] == cli_sections(lang)
    assert re.search(rf'<html[^>]*\blang="{lang}"', html)
    assert "Leśne Runo sp. z o.o." in html and "cart_id" in html


def policygen(site: Path, *args: str) -> None:
    result = run_cli("--ui-lang", "en", "build", "privacy.yaml", "--format", "md", "--out", ".", *args, cwd=site)
    assert result.returncode == 0, result.stderr


HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Leśne Runo"
defaultContentLanguage = "pl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[languages.pl]
weight = 1
[languages.en]
weight = 2
"""
# What themes do: the title as the page's h1, then the content; links to the translations.
HUGO_SINGLE = """\
<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ range .Translations }}<a class="translation" href="{{ .RelPermalink }}">{{ .Lang }}</a>{{ end }}
{{ .Content }}</body></html>
"""


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_hugo_site(tmp_path: Path) -> None:
    site = tmp_path / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name in ("single.html", "list.html"):
        (site / "layouts" / "_default" / name).write_text(HUGO_SINGLE, encoding="utf-8")
    shutil.copyfile(SHOP, site / "privacy.yaml")
    policygen(
        site, "--front-matter", "hugo", "--no-h1", "--slug", "pl=polityka-prywatnosci",
        "--layout", "content/privacy.{lang}.{ext}",
    )  # fmt: skip
    result = subprocess.run(["hugo"], cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    pl = (site / "public" / "polityka-prywatnosci" / "index.html").read_text(encoding="utf-8")
    en = (site / "public" / "en" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert_site_page(pl, "pl")
    assert_site_page(en, "en")
    assert 'class="translation" href="/en/privacy/"' in pl  # linked as translations
    assert 'class="translation" href="/polityka-prywatnosci/"' in en


def _minima() -> bool:
    gem = shutil.which("gem")
    return gem is not None and subprocess.run([gem, "list", "-i", "^minima$"], capture_output=True).returncode == 0


@pytest.mark.skipif(shutil.which("jekyll") is None or not _minima(), reason="jekyll or its minima theme missing")
@pytest.mark.parametrize("collection", [False, True])
def test_jekyll_site(tmp_path: Path, collection: bool) -> None:
    site = tmp_path / "jekyll"
    site.mkdir()
    config = "title: Leśne Runo\ntheme: minima\nexclude: [privacy.yaml]\n"
    if collection:
        config += "collections: {privacy: {output: true}}\n"
    (site / "_config.yml").write_text(config, encoding="utf-8")
    shutil.copyfile(SHOP, site / "privacy.yaml")
    layout = "_privacy/{lang}.{ext}" if collection else "privacy/{lang}.{ext}"
    policygen(site, "--front-matter", "jekyll", "--no-h1", "--slug", "pl=polityka-prywatnosci", "--layout", layout)
    result = subprocess.run(["jekyll", "build"], cwd=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_site_page((site / "_site" / "pl" / "polityka-prywatnosci" / "index.html").read_text(encoding="utf-8"), "pl")
    assert_site_page((site / "_site" / "en" / "privacy" / "index.html").read_text(encoding="utf-8"), "en")
    assert not (site / "_site" / "privacy.yaml").exists()
