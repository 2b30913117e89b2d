"""The one build step (generator/build.py) and the rule that front doors use only it and the API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.build import BuildOptions, BuildProblem, build

from .conftest import EXAMPLES, ROOT

SHOP = ROOT / "answers" / "shop.yaml"
AGENCY = ROOT / "answers" / "agency.yaml"


def test_build_returns_documents_outputs_and_what_it_read() -> None:
    built = build(SHOP, BuildOptions(formats=("md", "html")))
    assert list(built.documents) == list(built.answers.languages)
    assert [(o.lang, o.fmt) for o in built.outputs] == [(lang, f) for lang in built.documents for f in ("md", "html")]
    assert built.sources[0][0] == str(SHOP.resolve()) and len(built.sources[0][1]) == 64
    assert built.overlay is None and built.overlay_digest == ""
    placed = built.place(Path("out"))
    assert sorted(str(p) for p in placed) == sorted(
        f"out/shop/{lang}/privacy.{ext}" for lang in built.documents for ext in ("md", "html")
    )


def test_documents_only_for_a_front_door_that_makes_its_own_pages() -> None:
    built = build(SHOP, BuildOptions(langs=("en",), formats=()))
    assert list(built.documents) == ["en"] and built.outputs == ()


def test_a_language_the_answers_do_not_have_is_refused_with_the_front_doors_hint(tmp_path: Path) -> None:
    answers = tmp_path / "one.yaml"
    answers.write_text(SHOP.read_text(encoding="utf-8").replace("languages: [pl, en, de]", "languages: [pl]"), "utf-8")
    with pytest.raises(BuildProblem, match="drop --lang en"):
        build(answers, BuildOptions(langs=("pl", "en")))
    with pytest.raises(BuildProblem, match="plugin's `languages`"):
        from generator.mkdocs_plugin import MSG_NOT_IN_ANSWERS

        build(answers, BuildOptions(langs=("en",), language_hint=MSG_NOT_IN_ANSWERS))


def test_check_errors_stop_the_build_unless_ignored() -> None:
    failing = ROOT / "tests" / "check" / "PG004-fail.yaml"
    with pytest.raises(BuildProblem) as err:
        build(failing)
    assert err.value.findings and all(f.severity == "error" for f in err.value.findings)
    assert "PG004" in str(err.value)
    built = build(failing, BuildOptions(ignore_check_errors=True, formats=()))
    assert any(f.rule == "PG004" for f in built.findings)


def test_outputs_outside_the_folder_or_on_one_path_are_refused() -> None:
    built = build(SHOP, BuildOptions(langs=("en",), formats=("md",)))
    with pytest.raises(BuildProblem, match="outside the output folder"):
        built.place(Path("out"), "../{name}.{ext}")
    twice = build(SHOP, BuildOptions(formats=("md",)))
    with pytest.raises(BuildProblem, match="more than once"):
        twice.place(Path("out"), "{name}.{ext}")


def test_the_digest_of_the_inputs_follows_every_file_read(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(AGENCY.read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\n", encoding="utf-8")
    first = build(child, BuildOptions(formats=()))
    assert [Path(p).name for p, _ in first.sources] == ["child.yaml", "base.yaml"]
    base.write_text(base.read_text(encoding="utf-8").replace("Piksel", "Pixel"), encoding="utf-8")
    assert build(child, BuildOptions(formats=())).inputs_digest() != first.inputs_digest()


# -- front doors ---------------------------------------------------------------------------------

FRONT_DOORS = [
    "cli.py",
    *(p.name for p in (ROOT / "generator").glob("cli_*.py")),
    "batch.py",
    "cli_notices.py",
    "mkdocs_plugin.py",
    *(p.name for p in (ROOT / "generator").glob("cli_*.py")),
    *(f"wizard/{p.name}" for p in (ROOT / "generator" / "wizard").glob("*.py")),
]
#: The stages of the pipeline (answers → loader → model → derive → policy → render → document →
#: views): a front door reaches them only through the build step and the API.
STAGES = {"loader", "derive", "selection", "render", "sandbox", "document", "html"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("name", FRONT_DOORS)
def test_front_doors_reach_the_pipeline_only_through_the_build_step_and_the_api(name: str) -> None:
    assert not imported_modules(ROOT / "generator" / name) & STAGES, name


def test_the_examples_build_through_the_one_step() -> None:
    for path in EXAMPLES:
        assert build(path, BuildOptions(formats=())).documents
