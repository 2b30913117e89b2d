"""Markdown flavours (issue 17.9): ``attrs`` (``{#id}``), ``gfm`` (GitHub's anchors), ``plain``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.api import render_doc, view
from generator.document import Document, Section
from generator.frontmatter import FrontMatter
from generator.mdtext import inline_text
from generator.slugs import GithubSlugger, github_slug

from .conftest import EXAMPLES, built, run_cli

HEADING = re.compile(r"^(#{1,6}) (.*)$", re.M)
LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\(#([^)\s]+)\)")


# -- GitHub's slugger, on the cases github-slugger documents -------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Riemann's functional equation", "riemanns-functional-equation"),
        ("Lee–Yang theorem", "leeyang-theorem"),  # the en dash is punctuation, not '-'
        ("1+1 = 2", "11--2"),  # spaces are not collapsed
        (" x ", "-x-"),  # nor trimmed
        ("_x_", "_x_"),  # connector punctuation stays
        ("a-b", "a-b"),
        ("Kim jesteśmy", "kim-jesteśmy"),  # letters of any script stay, in lower case
        ("Übermäßig GROSS", "übermäßig-gross"),
        ("推论", "推论"),
        ("Cookies 🍪 & co.", "cookies---co"),  # symbols, emoji and punctuation go
        ("Ⓐ circled", "ⓐ-circled"),  # an alphabetic symbol stays
        ("x²", "x"),  # other numbers go
        ("Ⅻ Roman", "ⅻ-roman"),  # letter numbers stay
    ],
)
def test_github_slug(text: str, slug: str) -> None:
    assert github_slug(text) == slug


def test_repeated_slugs_are_numbered_like_github() -> None:
    slugger = GithubSlugger()
    assert [slugger.slug(t) for t in ("A", "a", "a-1", "A", "b")] == ["a", "a-1", "a-1-1", "a-2", "b"]


# -- every example, every language ------------------------------------------------------------------


def _documents() -> list[tuple[str, Document]]:
    out = []
    for path in EXAMPLES:
        policy = built(path)
        out += [(f"{path.stem}.{lang}", render_doc(policy, lang)) for lang in policy.languages]
    return out


DOCUMENTS = _documents()


def github_anchors(markdown: str) -> list[str]:
    """The anchors GitHub gives the headings of ``markdown``, read from the Markdown itself."""
    slugger = GithubSlugger()
    return [slugger.slug(inline_text(title)) for _, title in HEADING.findall(markdown)]


@pytest.mark.parametrize(("name", "document"), DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_gfm_links_point_at_githubs_anchors(name: str, document: Document) -> None:
    gfm = view(document, "md", flavour="gfm").text
    attrs = view(document, "md").text
    assert "{#" not in gfm
    anchors = github_anchors(gfm)
    assert len(anchors) == len(set(anchors)) == len(document.sections) + 1
    links = LINK.findall(gfm)
    assert len(links) == len(LINK.findall(attrs)) > 0  # no link lost
    for text, target in links:
        assert target in anchors, (text, target)
    # Each link still leads to the heading it led to in the attrs flavour.
    ids = [document.id, *(s.id for s in document.sections)]
    by_id = dict(zip(ids, anchors, strict=True))
    assert [by_id[target] for _, target in LINK.findall(attrs)] == [target for _, target in links]


@pytest.mark.parametrize(("name", "document"), DOCUMENTS[:6], ids=[name for name, _ in DOCUMENTS[:6]])
def test_plain_has_no_ids_and_no_links_to_headings(name: str, document: Document) -> None:
    plain = view(document, "md", flavour="plain").text
    attrs = view(document, "md").text
    assert "{#" not in plain and not LINK.search(plain)
    for text, _ in LINK.findall(attrs):
        assert text in plain  # the link's words stay, as text
    assert len(HEADING.findall(plain)) == len(document.sections) + 1


def test_gfm_numbers_a_repeated_heading_and_links_to_its_own_anchor() -> None:
    document = Document(
        "en",
        "Policy",
        (
            Section("a", "Cookies", 2, "See [the other](#b)."),
            Section("b", "Cookies", 2, "See [the first](#a) and [the top](#privacy-policy)."),
        ),
    )
    gfm = view(document, "md", flavour="gfm").text
    assert "## Cookies\n\nSee [the other](#cookies-1)." in gfm
    assert "See [the first](#cookies) and [the top](#policy)." in gfm


def test_gfm_without_h1_counts_only_the_headings_printed() -> None:
    document = Document("en", "Cookies", (Section("a", "Cookies", 2, "[here](#a)"),))
    fm = FrontMatter("hugo", h1=False)
    assert "[here](#cookies)" in view(document, "md", fm, flavour="gfm").text
    assert "[here](#cookies-1)" in view(document, "md", flavour="gfm").text


def test_build_option(tmp_path: Path) -> None:
    shop = str(EXAMPLES[[p.stem for p in EXAMPLES].index("shop")])
    result = run_cli("build", shop, "--format", "md", "--lang", "en", "--flavour", "gfm", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "shop" / "en" / "privacy.md").read_text(encoding="utf-8")
    assert "{#" not in text and "](#your-rights)" in text
    again = run_cli("build", shop, "--format", "md", "--lang", "en", "--out", str(tmp_path))
    assert "{#rights}" in (tmp_path / "shop" / "en" / "privacy.md").read_text(encoding="utf-8"), again.stderr
    bad = run_cli("build", shop, "--flavour", "kramdown", "--out", str(tmp_path))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
