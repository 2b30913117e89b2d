"""A build reads only the catalogue entries its answers use, and reads them as the located loader would."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import generator.catalogue as cat
from generator.api import build_policy, load_answers, render
from generator.catalogue import catalogue, entry, entry_ids

from .conftest import EXAMPLES

SHOP = next(p for p in EXAMPLES if p.stem == "shop")


def _clear() -> None:
    for cached in (cat.entry_ids, cat.entry, cat.catalogue):
        cached.cache_clear()


@pytest.fixture
def services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogue's folder the catalogue functions read instead of the package's."""
    folder = tmp_path / "services"
    shutil.copytree(cat.services_dir(), folder)
    monkeypatch.setattr(cat, "services_dir", lambda: folder)
    _clear()
    yield folder
    monkeypatch.undo()
    _clear()


def _outputs(path: Path) -> list[str]:
    policy = build_policy(load_answers(path))
    return [render(policy, lang, fmt) for lang in ("pl", "en") for fmt in ("md", "html")]


@pytest.mark.parametrize("sid", sorted(entry_ids()))
def test_the_fast_reader_gives_the_located_loaders_entry(sid: str) -> None:
    path = cat.services_dir() / f"{sid}.yaml"
    assert cat._fast_entry(path) == cat._located_entry(path)


def test_entries_the_answers_do_not_use_are_never_read(services: Path) -> None:
    expected = _outputs(SHOP)
    # Ten times the catalogue, and one entry no reader could accept: none of them is used.
    for source in sorted(services.glob("*.yaml")):
        for n in range(9):
            text = source.read_text(encoding="utf-8").replace(f"id: {source.stem}\n", f"id: {source.stem}-x{n}\n", 1)
            (services / f"{source.stem}-x{n}.yaml").write_text(text, encoding="utf-8")
    (services / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _clear()
    assert len(entry_ids()) > 10 * 100
    assert _outputs(SHOP) == expected
    assert cat.entry.cache_info().currsize < 20  # what shop.yaml uses, not the catalogue


def test_a_broken_entry_in_use_is_reported_with_its_place(services: Path) -> None:
    path = services / "mailerlite.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("category: ", "category_x: ", 1), encoding="utf-8")
    _clear()
    with pytest.raises(RuntimeError, match=r"mailerlite\.yaml:\d+:\d+"):
        entry("mailerlite")


def test_an_edited_entry_is_read_as_it_is_now(services: Path) -> None:
    path = services / "mailerlite.yaml"
    before = entry("mailerlite").name
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"name: {before}\n", "name: Mailer Edited\n", 1), encoding="utf-8"
    )
    _clear()
    assert entry("mailerlite").name == "Mailer Edited" == catalogue()["mailerlite"].name


def test_an_id_that_is_not_a_file_is_unknown() -> None:
    with pytest.raises(KeyError):
        entry("no-such-service")
    assert "no-such-service" not in cat.categories()
