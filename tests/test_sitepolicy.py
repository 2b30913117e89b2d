"""The site policy kept between processes (generator/sitepolicy.py): the MkDocs plugin's documents
come from the user's cache only while nothing they are made from has changed, and a cache that is
damaged, turned off or of another engine is a miss, never an error."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import sitepolicy
from generator.build import BuildOptions, BuildProblem, build

from .conftest import ROOT
from .test_mkdocs_plugin import SNIPPETS

SHOP = ROOT / "answers" / "shop.yaml"
CONTROLLER = "Leśne Runo sp. z o.o."

#: A ``mkdocs build`` that says whether the build step ran in its process (it imports the engine).
PROBE = """
import runpy, sys
sys.argv = ["mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    assert not exit.code, exit.code
print("built" if "generator.build" in sys.modules else "kept")
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(folder))
    return folder


def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site-src"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    shutil.copyfile(SNIPPETS / "plain.mkdocs.yml", folder / "mkdocs.yml")
    shutil.copyfile(SHOP, folder / "privacy.yaml")
    return folder


def mkdocs(folder: Path, cache: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POLICYGEN_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def pages(folder: Path) -> dict[str, str]:
    """The built pages, without the build time the mkdocs theme writes into each."""
    return {
        p.relative_to(folder).as_posix(): re.sub(r"Build Date UTC : [^\n]*", "", p.read_text(encoding="utf-8"))
        for p in sorted((folder / "site").rglob("*.html"))
    }


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_second_mkdocs_build_takes_the_policy_from_the_cache_until_an_input_changes(tmp_path: Path) -> None:
    folder, cache = site(tmp_path), tmp_path / "cache"
    assert mkdocs(folder, cache) == "built"
    first = pages(folder)
    assert mkdocs(folder, cache) == "kept"
    assert pages(folder) == first  # byte for byte the pages of the build that ran
    replace_in(folder / "privacy.yaml", CONTROLLER, "Nowe Runo sp. z o.o.")
    assert mkdocs(folder, cache) == "built"
    assert "Nowe Runo sp. z o.o." in (folder / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert mkdocs(folder, cache) == "kept"
    replace_in(folder / "mkdocs.yml", "path: privacy.md ", "path: policy.md  ")  # another option
    assert mkdocs(folder, cache) == "built"
    assert (folder / "site" / "policy" / "index.html").is_file()
    assert mkdocs(folder, "off") == "built"  # type: ignore[arg-type]


def built_by(path: Path, **options: object):
    calls: list[int] = []

    def run():
        calls.append(1)
        return build(path, BuildOptions(formats=(), **options))  # type: ignore[arg-type]

    return run, calls


def test_every_input_and_the_engine_are_part_of_what_is_kept(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base.yaml"
    shutil.copyfile(SHOP, base)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "extends: base.yaml\ntemplates_dir: overlay\nextra_sections:\n  - {id: rules, after: cookies}\n",
        encoding="utf-8",
    )
    rules = tmp_path / "overlay" / "en" / "rules.md.j2"
    rules.parent.mkdir(parents=True)
    rules.write_text("{{ heading(2, 'House rules', 'rules') }}\n\nBe kind.\n", encoding="utf-8")
    run, calls = built_by(answers, langs=("en",))
    assert "Be kind." in build(answers, BuildOptions(langs=("en",), formats=())).documents["en"].section("rules").body

    def made(options: str = "x") -> sitepolicy.SitePolicy:
        return sitepolicy.site_policy(answers, run, options)

    first = made()
    assert first.built is not None and calls == [1]
    kept = made()
    assert kept.built is None and calls == [1]
    assert kept.documents == first.documents and kept.findings == first.findings
    assert kept.sources == first.sources and kept.overlay_digest == first.overlay_digest
    made("y")  # other options
    assert len(calls) == 2
    replace_in(base, CONTROLLER, "Nowe Runo sp. z o.o.")  # a file of the extends chain
    assert "Nowe Runo" in made().page("en") and len(calls) == 3
    rules.write_text("{{ heading(2, 'House rules', 'rules') }}\n\nBe brief.\n", encoding="utf-8")  # the overlay
    assert "Be brief." in made().page("en") and len(calls) == 4
    made()
    assert len(calls) == 4
    before = sorted((cache / "site").iterdir())
    monkeypatch.setattr("generator.engine.engine_digest", lambda: "another engine")
    made()
    assert len(calls) == 5
    # The entry of the other engine replaced this site's old one; another site's is left alone.
    after = sorted((cache / "site").iterdir())
    assert len(after) == len(before) and set(after) != set(before)


def test_a_damaged_entry_is_built_again_and_replaced(tmp_path: Path, cache: Path) -> None:
    run, calls = built_by(SHOP)
    sitepolicy.site_policy(SHOP, run, "x")
    (entry,) = (cache / "site").iterdir()
    good = entry.read_bytes()
    for damage in (b"", good[: len(good) // 2], b"[]", good.replace(b'"format": 1', b'"format": 99'), b"\xff"):
        entry.write_bytes(damage)
        made = sitepolicy.site_policy(SHOP, run, "x")
        assert made.built is not None
        assert entry.read_bytes() == good
    assert len(calls) == 6


def test_failed_builds_and_builds_needed_whole_are_not_kept(tmp_path: Path, cache: Path) -> None:
    failing = ROOT / "tests" / "check" / "PG004-fail.yaml"
    run, calls = built_by(failing)
    with pytest.raises(BuildProblem):
        sitepolicy.site_policy(failing, run, "x")
    assert not (cache / "site").exists()
    run, calls = built_by(SHOP)
    for _ in range(2):
        assert sitepolicy.site_policy(SHOP, run, "x", keep=False).built is not None
    assert calls == [1, 1] and not (cache / "site").exists()


def test_forced_check_errors_are_kept_with_their_text(tmp_path: Path, cache: Path) -> None:
    failing = ROOT / "tests" / "check" / "PG004-fail.yaml"
    run, calls = built_by(failing, ignore_check_errors=True)
    first = sitepolicy.site_policy(failing, run, "x")
    kept = sitepolicy.site_policy(failing, run, "x")
    assert calls == [1] and kept.built is None
    assert kept.findings == first.findings
    assert any(severity == "error" and "PG004" in text for severity, text in kept.findings)
