"""Issue 12, values and places: no traceback from any input (6), wrong values refused by the model
(7), every problem at its place (10)."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.api import build_policy, load_answers, render
from generator.errors import AnswersError
from generator.model import Answers
from generator.render import TemplateProblem

from .harness import run_bounded
from .test_mkdocs_plugin import make_site, mkdocs_build, with_overlay
from .test_reliability import SHOP, SHOP_TEXT, clean_refusal, run


def shop_with(tmp_path: Path, old: str, new: str, name: str = "shop.yaml") -> Path:
    assert old in SHOP_TEXT
    path = tmp_path / name
    path.write_text(SHOP_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def place(path: Path, old: str) -> str:
    """``file:line:col`` of the value after ``old`` (a ``key: `` prefix) in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if old in line:
            return f"{path}:{number}:{line.index(old) + len(old) + 1}"
    raise AssertionError(f"{old!r} not in {path}")


# -- 6. no traceback from any input -----------------------------------------------------------------


@pytest.mark.parametrize("capital", ["1e400", '"1e999999999"'])
@pytest.mark.parametrize("command", ["build", "check"])
def test_an_absurd_share_capital_is_a_located_error(tmp_path: Path, capital: str, command: str) -> None:
    path = shop_with(tmp_path, "share_capital: 50000", f"share_capital: {capital}")
    result = run(command, str(path), *(["--out", str(tmp_path / "out")] * (command == "build")))
    clean_refusal(result, f"{place(path, 'share_capital: ')}: controllers.0.share_capital: not an amount in PLN")


def overlay_build(tmp_path: Path, files: dict[str, bytes | str], *extra: str) -> Any:
    root = tmp_path / "overlay"
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (root / name).write_bytes(data)
    (root / "en").mkdir(parents=True, exist_ok=True)
    args = [str(SHOP), "--lang", "en", "--format", "md", "--templates", str(root), "--out", str(tmp_path / "out")]
    return run("build", *args, *extra)


def test_an_overlay_template_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    result = overlay_build(tmp_path, {"en/cookies.md.j2": b"{{ heading(2, 'Cookies', 'cookies') }}\n\nGro\xdf\n"})
    clean_refusal(result, f"{tmp_path / 'overlay' / 'en' / 'cookies.md.j2'}:3: the file is not valid UTF-8")


@pytest.mark.parametrize("macros", ["", "{% macro address(a) %}{{ a.city }}{% endmacro %}\n"], ids=["empty", "partial"])
def test_an_overlay_macros_file_missing_a_macro_is_located(tmp_path: Path, macros: str) -> None:
    result = overlay_build(tmp_path, {"en/macros.md.j2": macros})
    clean_refusal(result, f"{tmp_path / 'overlay' / 'en' / 'macros.md.j2'}: this file replaces one of policygen's")
    assert "identity" in result.stderr  # the macro our templates asked for


def test_a_folder_in_place_of_an_overlay_template_is_located(tmp_path: Path) -> None:
    (tmp_path / "overlay" / "en" / "cookies.md.j2").mkdir(parents=True)
    result = overlay_build(tmp_path, {})
    clean_refusal(result, f"{tmp_path / 'overlay' / 'en' / 'cookies.md.j2'}: not a regular file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_overlay_template_is_located(tmp_path: Path) -> None:
    template = tmp_path / "overlay" / "en" / "cookies.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("{{ heading(2, 'Cookies', 'cookies') }}\n", encoding="utf-8")
    template.chmod(0)
    result = overlay_build(tmp_path, {})
    clean_refusal(result, f"{tmp_path / 'overlay' / 'en' / 'cookies.md.j2'}: cannot read the file")


def test_an_overlay_template_that_cannot_be_opened_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as a file without read permission, also when the tests run as root."""
    template = tmp_path / "overlay" / "en" / "cookies.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("{{ heading(2, 'Cookies', 'cookies') }}\n", encoding="utf-8")
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(template):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(TemplateProblem) as caught:
        render(build_policy(load_answers(SHOP)), "en", "md", overlay=tmp_path / "overlay")
    assert caught.value.localized("en") == f"{template}: cannot read the file: Permission denied"


def test_templates_dir_proc_self_is_refused_with_the_file(tmp_path: Path) -> None:
    path = shop_with(tmp_path, "security:", "templates_dir: /proc/self\nsecurity:")
    result = run("build", str(path), "--lang", "en", "--format", "md", "--out", str(tmp_path / "out"), timeout=120)
    clean_refusal(result, "/proc/")
    assert not (tmp_path / "out" / "shop").exists()


def test_a_huge_file_in_the_overlay_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = tmp_path / "overlay" / "en"
    root.mkdir(parents=True)
    with (root / "video.bin").open("wb") as fh:  # sparse: 3 GB that take no disk
        fh.truncate(3 << 30)
    result = run_bounded("--ui-lang", "en", "build", str(SHOP), "--lang", "en", "--format", "md",
                         "--templates", str(tmp_path / "overlay"), "--out", str(tmp_path / "out"))  # fmt: skip
    clean_refusal(result, f"{root / 'video.bin'}: file is larger than 1000000 bytes")


def test_a_layout_with_a_huge_format_spec_is_a_usage_error(tmp_path: Path) -> None:
    result = run_bounded("build", str(SHOP), "--out", str(tmp_path / "out"), "--layout", "{name:>99999999999}")
    clean_refusal(result, "bad --layout {name:>99999999999}")


@pytest.mark.parametrize("where", ["folder", "/proc/nope.json"])
def test_schema_out_that_cannot_be_written_is_a_usage_error(tmp_path: Path, where: str) -> None:
    target = str(tmp_path) if where == "folder" else where
    clean_refusal(run("schema", "--out", target), f"cannot write {target}: ")


# -- 7. wrong values are refused by the model -----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        ("keep_months: 12", "keep_months: yes", "keep_months: ", "YAML reads yes, no, on and off as true or false"),
        ("effective_date: 2026-11-01", "effective_date: 0", "effective_date: ", "expected a date"),
        ("share_capital: 50000", "share_capital: 0.000000001", "share_capital: ", "not an amount in PLN"),
        ("share_capital: 50000", "share_capital: 50000.005", "share_capital: ", "at most two decimal places"),
        ("security: [", "security: !!set {tls: null, backups: null}\nx: [", "security: ", "the tag !!set is not"),
        ("security: [", "security: !!omap [{tls: 1}]\nx: [", "security: ", "the tag !!omap is not allowed"),
        ("languages: [pl, en, de]", "languages: [en, en]", "languages: ", "language en is listed twice"),
    ],
    ids=["yes-for-a-number", "number-for-a-date", "too-precise", "grosze-and-a-half", "set", "omap", "languages"],
)
def test_wrong_values_are_located_errors_in_check(tmp_path: Path, old: str, new: str, key: str, says: str) -> None:
    path = shop_with(tmp_path, old, new)
    result = run("check", str(path))
    clean_refusal(result, f"{place(path, key)}: ", says)


NUMBERS = [("features", "contact", "keep_months"), ("features", "website", "log_retention_days"),
           ("features", "website", "statistics_months"), ("children", "min_age"),
           ("controllers", 0, "share_capital")]  # fmt: skip
DATES = [("effective_date",), ("changes", 0, "date")]


def _set(data: dict[str, Any], path: tuple[Any, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node: Any = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize("path", NUMBERS + DATES, ids=lambda p: ".".join(map(str, p)))
def test_no_number_or_date_field_takes_yes_no_or_a_timestamp(path: tuple[Any, ...]) -> None:
    base = yaml.safe_load(SHOP_TEXT)
    Answers.model_validate(_set(base, path, "2026-01-01" if path in DATES else 12))  # the field really takes it
    for wrong in [True, False] if path in NUMBERS else [0, 1767225600, True]:
        with pytest.raises(ValueError) as caught:
            Answers.model_validate(_set(base, path, wrong))
        assert ".".join(map(str, path)) in str(caught.value)


@pytest.mark.parametrize("unit", ["days", "months", "years"])
def test_a_retention_override_takes_a_number_not_yes(unit: str) -> None:
    from generator.overrides import RetentionOverride

    assert RetentionOverride.model_validate({unit: 3}).period() == (3, unit[:-1])
    with pytest.raises(ValueError, match=unit):
        RetentionOverride.model_validate({unit: True})


# -- 10. every problem at its place ---------------------------------------------------------------


def test_an_impossible_timestamp_is_located_without_an_indentation_hint(tmp_path: Path) -> None:
    path = shop_with(tmp_path, "effective_date: 2026-11-01", "effective_date: !!timestamp 2026-02-30")
    result = run("check", str(path))
    clean_refusal(result, f"{place(path, 'effective_date: ')}: effective_date: expected a date")
    assert "indentation" not in result.stderr
    good = shop_with(tmp_path, "effective_date: 2026-11-01", "effective_date: !!timestamp 2026-11-01", "good.yaml")
    assert load_answers(good).effective_date.isoformat() == "2026-11-01"


@pytest.mark.parametrize("base", ["/dev/stdin", "empty.yaml"])
def test_an_unusable_extends_base_is_shown_at_the_extends_line(tmp_path: Path, base: str) -> None:
    (tmp_path / "empty.yaml").write_text("\n", encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {base}\n" + SHOP_TEXT, encoding="utf-8")
    result = run("check", str(child), stdin=open(os.devnull, "rb"))  # noqa: SIM115
    says = "not a regular file" if base == "/dev/stdin" else "the file is empty"
    clean_refusal(result, f"{child}:1:10: extends: ", says)


@pytest.mark.parametrize(
    ("data", "line", "column", "says"),
    [
        (b"schema_version: 1\rlanguages: [en]\rname: ab\xffc\r", 3, 9, "the file is not valid UTF-8"),
        (b"schema_version: 1\r\nlanguages: [en]\rname: ab\x07c\r", 3, 9, "character #x0007 is not allowed"),
    ],
    ids=["bad-byte", "control-character"],
)
def test_cr_only_line_ends_count_as_lines(tmp_path: Path, data: bytes, line: int, column: int, says: str) -> None:
    path = tmp_path / "mac.yaml"
    path.write_bytes(data)
    with pytest.raises(AnswersError) as caught:
        load_answers(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:{line}:{column}: "), str(caught.value)
    assert says in str(caught.value)


def test_a_non_utf8_overlay_template_in_mkdocs_names_the_file(tmp_path: Path) -> None:
    site = make_site(tmp_path, "plain.mkdocs.yml", {"index.md": "# Home\n"})
    root = with_overlay(site, {"en/rules.md.j2": "{{ heading(2, 'Rules', 'rules') }}\n"})
    (root / "en" / "rules.md.j2").write_bytes(b"{{ heading(2, 'Rules', 'rules') }}\n\nStra\xdfe\n")
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{root.resolve() / 'en' / 'rules.md.j2'}:3: the file is not valid UTF-8" in result.stderr, result.stderr
