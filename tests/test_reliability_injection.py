"""Issue 12, hostile templates and text: sandbox limits in policygen's own functions and filters,
overlay files inside the overlay (8); nothing injected into MkDocs sites with Material and
pymdownx, into terminals or into mailto: links, and no control characters in free text (9)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import markdown as python_markdown
import pytest
from babel.lists import format_list
from markdown_it import MarkdownIt

from generator.api import build_policy, load_answers, render
from generator.listjoin import join_items
from generator.mdtext import mailto, md_escape
from generator.render import Renderer
from generator.termtext import printable

from .conftest import ROOT
from .harness import run_bounded
from .test_hostile import visible_text
from .test_reliability import SHOP, SHOP_TEXT, clean_refusal, run
from .test_reliability_values import overlay_build, place, shop_with

# -- 8. sandbox limits -------------------------------------------------------------------------------

TOO_LARGE = "the template builds a value too large for a policy"
COOKIES = "{{ heading(2, 'Cookies', 'cookies') }}"


def bounded_overlay(tmp_path: Path, template: str) -> subprocess.CompletedProcess[str]:
    """Build the shop with an overlay whose cookies section is ``template``, under 1 GB and 60 s of CPU."""
    (tmp_path / "overlay" / "en").mkdir(parents=True)
    (tmp_path / "overlay" / "en" / "cookies.md.j2").write_text(template, encoding="utf-8")
    return run_bounded("--ui-lang", "en", "build", str(SHOP), "--lang", "en", "--format", "md",
                       "--templates", str(tmp_path / "overlay"), "--out", str(tmp_path / "out"))  # fmt: skip


@pytest.mark.parametrize(
    "expression",
    [
        "_('%(a)3000000000s', a='x')",  # our gettext: a width that would need 3 GB
        "ngettext('%(a)3000000000s', '%(a)s', 1, a='x')",
        "_('%(a)999999s' * 1100, a='x')",  # each width allowed, together 1.1 GB
        "(['x' * 1000000] * 1000000)|join_list",  # our filter: 10^12 characters from one string
        "('x' * 600000)|link('y' * 600000)",
        "('{0:>999999}' * 90000).format('x')",  # str.format: every field allowed, together 90 GB
    ],
    ids=["gettext", "ngettext", "gettext-many", "join_list", "link", "format"],
)
def test_sizes_are_checked_before_building(tmp_path: Path, expression: str) -> None:
    result = bounded_overlay(tmp_path, f"{{{{ heading(2, 'Cookies', 'cookies') }}}}\n\n{{{{ {expression} }}}}\n")
    clean_refusal(result, f"{tmp_path.resolve() / 'overlay' / 'en' / 'cookies.md.j2'}:3: {TOO_LARGE}")


def test_join_list_joins_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel's ``format_list`` formats the whole text built so far again for every item (100,000
    items took seconds); ``join_list`` must not use it for a long list, and must give its text."""

    def quadratic(*args: object, **kwargs: object) -> str:
        raise AssertionError("babel.lists.format_list joined a long list")

    for where in ("generator.render.format_list", "generator.listjoin.format_list"):
        monkeypatch.setattr(where, quadratic, raising=False)
    joined = Renderer("en").join(["x"] * 100_000)
    assert joined == "x, " * 99_998 + "x and x"


@pytest.mark.parametrize("locale", ["pl_PL", "en_GB", "de_DE"])
@pytest.mark.parametrize("style", ["standard", "or", "unit", "standard-short"])
def test_join_items_is_babels_format_list(locale: str, style: str) -> None:
    for count in range(8):
        items = [f"item {n}" for n in range(count)]
        try:
            expected = format_list(items, style=style, locale=locale)
        except KeyError:  # Babel has no such pattern (German "unit"): neither joins
            with pytest.raises(KeyError):
                join_items(items, style, locale)
            continue
        assert join_items(items, style, locale) == expected


def test_an_overlay_template_linked_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "overlay" / "en").mkdir(parents=True)
    (tmp_path / "overlay" / "en" / "cookies.md.j2").symlink_to("/etc/passwd")
    result = overlay_build(tmp_path, {})
    clean_refusal(result, f"{tmp_path / 'overlay' / 'en' / 'cookies.md.j2'}: this file is outside the overlay")
    assert not (tmp_path / "out").exists()


def test_an_overlay_link_to_a_file_inside_the_overlay_is_fine(tmp_path: Path) -> None:
    (tmp_path / "overlay" / "shared").mkdir(parents=True)
    (tmp_path / "overlay" / "shared" / "cookies.md.j2").write_text(COOKIES + "\n\nOurs.\n", encoding="utf-8")
    (tmp_path / "overlay" / "en").mkdir()
    (tmp_path / "overlay" / "en" / "cookies.md.j2").symlink_to("../shared/cookies.md.j2")
    result = overlay_build(tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert "## Cookies {#cookies}\n\nOurs.\n" in (tmp_path / "out" / "shop" / "en" / "privacy.md").read_text("utf-8")


# -- 9. injection ------------------------------------------------------------------------------------

#: Syntax that Material for MkDocs sites commonly switch on: mark, caret (ins, sup), keys, math,
#: emoji, tilde (del, sub).
PYMDOWNX = ["mark", "caret", "keys", "arithmatex", "emoji", "tilde"]
MATERIAL_SYNTAX = (
    r"==mark== ^^ins^^ ^sup^ ++ctrl+alt+del++ $\href{https://evil.example}{click}$ $$x$$ :smile: ~~del~~ ~sub~"
)
INJECTED = re.compile(r"<(mark|ins|sup|sub|del|kbd|script|img)\b|arithmatex|twemoji|emojione|math/tex", re.I)


def material_name_answers(tmp_path: Path) -> Path:
    return shop_with(tmp_path, 'name: "Leśne Runo sp. z o.o."', f"name: '{MATERIAL_SYNTAX} sp. z o.o.'", "privacy.yaml")


def test_material_syntax_in_free_text_stays_literal_in_every_renderer(tmp_path: Path) -> None:
    policy = build_policy(load_answers(material_name_answers(tmp_path)))
    markdown = render(policy, "en", "md").text
    expected = f"{MATERIAL_SYNTAX} sp. z o.o."
    html_it = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    extensions = ["tables", "attr_list", "toc", "def_list", *(f"pymdownx.{name}" for name in PYMDOWNX)]
    html_pm = python_markdown.markdown(markdown, extensions=extensions)
    for html in (html_it, html_pm, render(policy, "en", "html").text):
        assert not INJECTED.search(html), INJECTED.search(html)
        assert expected in visible_text(html)


MATERIAL_SITE = """\
site_name: Leśne Runo
theme:
  name: material
  language: en
markdown_extensions:
  - toc:
      permalink: true
{extensions}
plugins:
  - privacy-policy:
      answers: privacy.yaml
      languages: [en]
"""


def test_material_syntax_stays_literal_in_a_real_material_site(tmp_path: Path) -> None:
    from .test_mkdocs_plugin import mkdocs_build

    site = tmp_path / "site-src"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Home\n\n==marked== :smile:\n", encoding="utf-8")
    extensions = "\n".join(f"  - pymdownx.{name}" for name in PYMDOWNX)
    (site / "mkdocs.yml").write_text(MATERIAL_SITE.format(extensions=extensions), encoding="utf-8")
    material_name_answers(site)
    result = mkdocs_build(site, strict=False)
    assert result.returncode == 0, result.stderr
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "<mark>marked</mark>" in home and INJECTED.search(home), "the extensions are on in this site"
    page = (site / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert not INJECTED.search(article), INJECTED.search(article)
    assert f"{MATERIAL_SYNTAX} sp. z o.o." in visible_text(article)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a == b", "a &#61;&#61; b"),
        ("a = b, C++ and +48 22 123", "a = b, C&#43;&#43; and +48 22 123"),
        ("open 10:00, see: https://x.example", "open 10&#58;00, see: https://x.example"),
        ("x^2 costs $5 ~ about", "x&#94;2 costs &#36;5 &#126; about"),
        (": a definition?", "&#58; a definition?"),
        ("= a heading?", "&#61; a heading?"),
    ],
)
def test_md_escape_touches_only_what_could_mean_something(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


CONTROLS = "CRM\x1b]0;OWNED\x07\x1b[1A\x1b[2K\rno substantive changes"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def purpose_named(tmp_path: Path, name: str, file: str = "purpose.yaml") -> Path:
    text = (ROOT / "tests" / "check" / "PG008-fail.yaml").read_text(encoding="utf-8")
    text = text.replace("    en: Recruitment", f"    en: {name}").replace(
        "basis: consent", "basis: consent\n  retention: {pl: 1 rok, en: 1 year}"
    )
    path = tmp_path / file
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "diff"])
def test_control_characters_in_free_text_are_refused_and_never_printed_raw(tmp_path: Path, command: str) -> None:
    hostile = purpose_named(
        tmp_path, '"' + CONTROLS.replace("\x1b", "\\e").replace("\x07", "\\a").replace("\r", "\\r") + '"'
    )
    plain = purpose_named(tmp_path, "Recruitment", "plain.yaml")
    result = run(command, *((str(hostile),) if command == "check" else (str(plain), str(hostile))))
    clean_refusal(
        result, f"{place(hostile, '    en: ')}: custom_purposes.0.name.en: contains the control character U+001B"
    )
    assert not RAW.search(result.stdout + result.stderr)


def test_keys_and_file_names_are_echoed_escaped(tmp_path: Path) -> None:
    weird = tmp_path / "a\x1b[2Kb\x07.yaml"
    weird.write_text(SHOP_TEXT.replace("security:", '"CRM\\e]0;OWNED\\a": 1\nsecurity:'), encoding="utf-8")
    result = run("check", str(weird))
    assert result.returncode == 2
    assert not RAW.search(result.stdout + result.stderr)
    assert f"{printable(str(weird))}:" in result.stderr and "CRM\\e]0;OWNED\\a: unknown key" in result.stderr


def test_a_file_name_with_controls_is_escaped_in_wrote_lines(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x\x1b[31m.yaml").write_text(SHOP_TEXT, encoding="utf-8")
    result = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--format", "md", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout + result.stderr)
    assert "x\\e[31m/en/privacy.md" in result.stdout


@pytest.mark.parametrize("text", ["Sh\\0op", "Sh\\e[31mop", "Sh\\aop", "Sh\\x7fop", "Sh\\x9bop", "Sh\\rop"])
def test_control_characters_in_a_name_are_located_errors(tmp_path: Path, text: str) -> None:
    path = shop_with(tmp_path, 'name: "Leśne Runo sp. z o.o."', f'name: "{text}"')
    clean_refusal(run("check", str(path)), f"{place(path, 'name: ')}: controllers.0.name: contains the control")


def test_tabs_and_newlines_stay_allowed_where_a_field_allows_them(tmp_path: Path) -> None:
    path = purpose_named(tmp_path, '"Recruitment\\tof staff"')
    path.write_text(path.read_text("utf-8").replace("en: 1 year}", 'en: "one year\\nafter the call"}'), "utf-8")
    purpose = load_answers(path).custom_purposes[0]
    assert purpose.name["en"] == "Recruitment\tof staff" and purpose.retention["en"] == "one year\nafter the call"


@pytest.mark.parametrize("email", ["hej?bcc=spy@example.com", "a#b@example.com", "a&b@example.com"])
def test_an_email_that_would_change_its_mailto_link_is_refused(tmp_path: Path, email: str) -> None:
    path = shop_with(tmp_path, "sklep@lesne-runo.example", email)
    clean_refusal(run("check", str(path)), f"{place(path, 'email: ')}: controllers.0.email: an e-mail address with ?")


def test_mailto_targets_are_percent_encoded() -> None:
    assert mailto("a%b+c@example.com") == "[a%b+c@example.com](mailto:a%25b+c@example.com)"
    assert mailto("a'b@example.com").endswith("(mailto:a%27b@example.com)")


def test_printable_shows_every_control_character() -> None:
    assert printable(CONTROLS) == "CRM\\e]0;OWNED\\a\\e[1A\\e[2K\\rno substantive changes"
    assert printable("a\nb\tc\x00\x9b\u202e") == "a\\nb\tc\\0\\x9b\\u202e"
    assert not RAW.search(printable("".join(map(chr, range(0x100)))))
