"""Compiled templates are reused between runs, never served for a changed source, never a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator.templatecache import TemplateCache, template_cache
from generator.usercache import cache_root

from .conftest import EXAMPLES, ROOT

SHOP = next(p for p in EXAMPLES if p.stem == "shop")


def _env(templates: Path, cache: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=TemplateCache(cache))


def _page(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.j2").write_text(text, encoding="utf-8")
    return folder


def test_compiled_code_is_stored_and_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates, cache = _page(tmp_path, "Hello {{ name }}"), tmp_path / "cache"
    assert _env(templates, cache).get_template("page.j2").render(name="A") == "Hello A"
    assert len(list(cache.glob("*.bin"))) == 1
    # A second environment takes the code from the cache: compiling is not called.
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert _env(templates, cache).get_template("page.j2").render(name="B") == "Hello B"


def test_a_changed_source_is_compiled_again(tmp_path: Path) -> None:
    templates, cache = _page(tmp_path, "Hello {{ name }}"), tmp_path / "cache"
    _env(templates, cache).get_template("page.j2").render(name="A")
    _page(tmp_path, "Goodbye {{ name }}")
    assert _env(templates, cache).get_template("page.j2").render(name="A") == "Goodbye A"


@pytest.mark.parametrize("damage", [b"", b"garbage", b"policygen-templates 1 jinja2", None])
def test_a_damaged_cache_file_is_compiled_anew(tmp_path: Path, damage: bytes | None) -> None:
    templates, cache = _page(tmp_path, "Hello {{ name }}"), tmp_path / "cache"
    _env(templates, cache).get_template("page.j2").render(name="A")
    (stored,) = cache.glob("*.bin")
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) - 7] if damage is None else damage)  # None: truncated code
    assert _env(templates, cache).get_template("page.j2").render(name="C") == "Hello C"


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    templates = _page(tmp_path, "Hello {{ name }}")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert _env(templates, blocked / "cache").get_template("page.j2").render(name="D") == "Hello D"


def test_the_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path / "pc"))
    assert cache_root() == tmp_path / "pc"
    monkeypatch.delenv("POLICYGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "policygen"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", "off")
    assert template_cache("Environment") is None


def _build(out: Path, cache: str) -> dict[str, bytes]:
    env = {**os.environ, "POLICYGEN_CACHE_DIR": cache}
    cmd = [sys.executable, "-m", "generator", "build", str(SHOP), "--out", str(out), "--rebuild"]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("privacy.*"))}


def test_a_build_from_the_cache_writes_the_same_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    without = _build(tmp_path / "a", "off")
    first = _build(tmp_path / "b", str(cache))
    assert list(cache.glob("templates-Environment/*.bin"))
    assert _build(tmp_path / "c", str(cache)) == first == without


def test_compiled_catalogs_are_reused_and_a_damaged_one_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import i18n

    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    po = i18n.catalog_path("pl", i18n.POLICY)
    expected = i18n._compiled(po, "pl_PL", i18n.POLICY).gettext("Privacy and cookie policy")
    (mo,) = (tmp_path / "catalogs").glob("*.mo")
    assert (
        expected != "Privacy and cookie policy"
        and i18n._compiled(po, "pl_PL", i18n.POLICY).gettext("Privacy and cookie policy") == expected
    )
    mo.write_bytes(mo.read_bytes()[:100])
    assert i18n._compiled(po, "pl_PL", i18n.POLICY).gettext("Privacy and cookie policy") == expected
    # Another .po (here: a copy with one translation changed) is compiled on its own, never served the old one.
    changed = tmp_path / "policy.po"
    changed.write_text(
        po.read_text(encoding="utf-8").replace(f'msgstr "{expected}"', 'msgstr "Zmieniona"', 1), encoding="utf-8"
    )
    assert i18n._compiled(changed, "pl_PL", i18n.POLICY).gettext("Privacy and cookie policy") == "Zmieniona"


def test_the_engine_digest_is_remembered_but_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import batch, engine

    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    clause = templates / "clause.md.j2"
    clause.write_text("one", encoding="utf-8")
    monkeypatch.setattr(engine, "templates_dir", lambda: templates)
    batch.engine_digest.cache_clear()
    try:
        first = batch.engine_digest()
        (memo,) = (tmp_path / "cache" / "engine").glob("*.txt")
        batch.engine_digest.cache_clear()
        assert batch.engine_digest() == first  # from the memo
        clause.write_text("two", encoding="utf-8")  # same size, new content and time
        os.utime(clause, ns=(clause.stat().st_atime_ns, clause.stat().st_mtime_ns + 1_000_000))
        batch.engine_digest.cache_clear()
        second = batch.engine_digest()
        assert second != first
        # A damaged memo is not believed: the digest is the content's again.
        for memo_file in (tmp_path / "cache" / "engine").glob("*.txt"):
            memo_file.write_bytes(b"garbage")
        batch.engine_digest.cache_clear()
        assert batch.engine_digest() == second
        assert memo.read_bytes() == b"garbage"  # the first state's memo: not consulted for the second
        # A file added to the tree (a new catalogue entry, say) is a new state too.
        (templates / "new.md.j2").write_text("three", encoding="utf-8")
        batch.engine_digest.cache_clear()
        assert batch.engine_digest() not in (first, second)
    finally:
        batch.engine_digest.cache_clear()


def test_the_engine_files_are_every_file_of_each_tree_in_path_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import engine

    tree = tmp_path / "templates"
    for rel in ("b.md.j2", "a-c.md.j2", "a/b.md.j2", "a/__pycache__/x.pyc", "z/deep/y.md.j2"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(rel, encoding="utf-8")
    monkeypatch.setattr(engine, "templates_dir", lambda: tree)
    labels = [f[0] for f in engine.engine_files() if f[0].startswith("templates\0")]
    # The order pathlib gives (by parts: "a/b" before "a-c"), the cache folders left out.
    expected = sorted(p for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert labels == [f"templates\0{p.relative_to(tree).as_posix()}" for p in expected]


def _copy_of_the_package(folder: Path) -> Path:
    for name in ("generator", "templates", "locales"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def _run_copy(copy: Path, cache: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m generator`` of the copy (run from its folder, it comes first on sys.path)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"POLICYGEN_CACHE_DIR": cache}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=copy, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done


def _outputs(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("privacy.*"))}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_cache_follows_an_edited_package(tmp_path: Path) -> None:
    """One user's cache and one output folder (with its build cache) across an edit of a template,
    a catalog, a catalogue entry and the command line: the next run shows every edit, exactly as a
    run without any cache does. (Compiled templates and .mo catalogs, the engine digest's memo,
    the catalogue read entry by entry, the build cache and the help texts.)"""
    copy, cache, out = _copy_of_the_package(tmp_path / "copy"), str(tmp_path / "cache"), tmp_path / "out"
    shop = str(SHOP)
    _run_copy(copy, cache, "build", shop, "--out", str(out))
    before, help_before = _outputs(out), _run_copy(copy, cache, "--help").stdout
    assert _run_copy(copy, cache, "--help").stdout == help_before
    assert {"templates-Environment", "catalogs", "engine", "help"} <= {p.name for p in Path(cache).iterdir()}

    clause = copy / "templates" / "controller.md.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + "\nTEMPLATE EDITED\n", encoding="utf-8")
    _edit(copy / "locales" / "pl" / "LC_MESSAGES" / "policy.po", "Polityka prywatności i plików cookie", "Zmieniona")
    _edit(copy / "generator" / "data" / "services" / "ovhcloud.yaml", "OVH Sp. z o.o.", "OVH Edited Sp. z o.o.")
    _edit(copy / "generator" / "cli.py", "GDPR privacy & cookie policies", "EDITED privacy & cookie policies")

    _run_copy(copy, cache, "build", shop, "--out", str(out))  # no --rebuild: the build cache decides
    after = _outputs(out)
    _run_copy(copy, "off", "build", shop, "--out", str(tmp_path / "plain"))
    assert after == _outputs(tmp_path / "plain") != before
    every = "".join(after.values())
    assert "TEMPLATE EDITED" in every and "OVH Edited Sp. z o.o." in every
    assert "Zmieniona" in after[str(Path("shop", "pl", "privacy.md"))]
    assert "EDITED privacy & cookie policies" in _run_copy(copy, cache, "--help").stdout


@pytest.fixture
def fresh_digest():
    """The engine digest computed anew on each call (and forgotten after the test)."""
    from generator import engine

    def digest() -> str:
        engine.engine_digest.cache_clear()
        return engine.engine_digest()

    yield digest
    engine.engine_digest.cache_clear()


def test_languages_from_outside_the_package_are_part_of_the_engine_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_digest
) -> None:
    """A catalog edited in a POLICYGEN_LANGUAGES folder changes what is built: the build cache and
    the MkDocs plugin's kept pages (both keyed on the engine digest) must not serve the old text."""
    folder = tmp_path / "langs"
    catalog = folder / "cs" / "LC_MESSAGES" / "policy.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("POLICYGEN_LANGUAGES", raising=False)
    without = fresh_digest()
    monkeypatch.setenv("POLICYGEN_LANGUAGES", str(folder))
    first = fresh_digest()
    assert first != without
    catalog.write_text('msgid "a"\nmsgstr "c"\n', encoding="utf-8")
    os.utime(catalog, ns=(catalog.stat().st_atime_ns, catalog.stat().st_mtime_ns + 1_000_000))
    assert fresh_digest() not in (first, without)
    monkeypatch.setenv("POLICYGEN_LANGUAGES", str(tmp_path / "elsewhere"))  # another folder, even empty
    assert fresh_digest() not in (first, without)


def test_an_odd_languages_folder_does_not_stop_the_engine_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_digest
) -> None:
    """POLICYGEN_LANGUAGES is the user's: a file instead of a folder, a missing folder or a folder
    with a symbolic link to itself gives a digest (the same each time), never an error or a loop."""
    from generator import engine

    looped = tmp_path / "looped"
    (looped / "cs").mkdir(parents=True)
    (looped / "cs" / "language.yaml").write_text("code: cs\n", encoding="utf-8")
    (looped / "cs" / "again").symlink_to(looped, target_is_directory=True)
    plain = tmp_path / "plain.txt"
    plain.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", "off")
    value = os.pathsep.join([str(looped), str(plain), str(tmp_path / "missing")])
    monkeypatch.setenv("POLICYGEN_LANGUAGES", value)
    first = fresh_digest()
    labels = [f[0] for f in engine.engine_files() if f[0].startswith("languages:")]
    assert f"languages:{looped}\0cs/language.yaml" in labels
    assert len(labels) == len(set(labels)) < 10
    assert fresh_digest() == first
