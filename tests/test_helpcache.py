"""``--help`` from the help cache: argparse's own text, never a stale one (issue 16)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import helpcache, languages
from generator.cli import parser

from .conftest import ROOT


def _expected(request: str) -> str:
    """argparse's help for ``request``, formatted by the parser itself (not through helpcache)."""
    main = parser()
    if not request:
        return main.format_help()
    (commands,) = (a for a in main._actions if isinstance(a, argparse._SubParsersAction))
    return commands.choices[request].format_help()


def _commands() -> list[str]:
    (commands,) = (a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(commands.choices)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(helpcache.LANGUAGES_PATH, raising=False)
    return tmp_path / "cache"


@pytest.mark.parametrize("width", ["40", "80", "133"])
def test_every_help_is_argparses_own_text_first_and_from_the_cache(
    cache: Path, width: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    requests = ["", *_commands()]
    for request in requests:
        args = [request, "--help"] if request else ["-h"]
        assert helpcache.answer(args)
        assert capsys.readouterr().out == _expected(request)
    # Now every one is stored: argparse is not asked again, and the text is the same.
    monkeypatch.setattr(helpcache, "argparse_help", lambda args: pytest.fail(f"not from the cache: {args}"))
    for request in requests:
        assert helpcache.answer([request, "-h"] if request else ["--help"])
        assert capsys.readouterr().out == _expected(request)
    assert len(list((cache / "help").glob(f"*-{width}.txt"))) == len(requests)


def test_the_width_is_the_one_argparse_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("57", "0", "-3", "wide", None):
        if value is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", value)
        assert helpcache.columns() == shutil.get_terminal_size().columns


def test_only_help_requests_are_answered() -> None:
    assert helpcache.help_request(["--help"]) == helpcache.help_request(["-h"]) == ""
    assert helpcache.help_request(["build", "--help"]) == "build"
    for args in (["--version"], ["build", "x.yaml"], ["--ui-lang", "pl", "--help"], ["../x", "--help"], []):
        assert helpcache.help_request(args) is None
    assert helpcache.LANGUAGES_PATH == languages.LANGUAGES_PATH


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name in ("__init__.py", "cli.py", "sub/__init__.py", "sub/x.py"):
        (package / name).write_text("# one\n", encoding="utf-8")
    (package / "data").mkdir()
    (package / "data" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    return package


def _touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_a_stored_help_is_stale_when_any_module_changes(cache: Path, tmp_path: Path) -> None:
    package = _package(tmp_path)
    helpcache.store("build", "OLD HELP", package=str(package))
    assert helpcache.lookup("build", package=str(package)) == "OLD HELP"
    assert helpcache.lookup("check", package=str(package)) is None
    changes = [
        lambda: (package / "cli.py").write_text("# two\n", encoding="utf-8"),  # same size, new time
        lambda: _touch(package / "sub" / "x.py"),  # a module of a sub-package, only its time
        lambda: (package / "cli_new.py").write_text("# a new subcommand\n", encoding="utf-8"),
        lambda: (package / "sub" / "x.py").unlink(),
    ]
    for change in changes:
        change()
        assert helpcache.lookup("build", package=str(package)) is None
        helpcache.store("build", "NEW HELP", package=str(package))
        assert helpcache.lookup("build", package=str(package)) == "NEW HELP"
    # Data files are no part of a parser: editing one keeps the stored text.
    (package / "data" / "x.yaml").write_text("a: 2\n", encoding="utf-8")
    assert helpcache.lookup("build", package=str(package)) == "NEW HELP"


def test_a_stored_help_is_stale_for_another_width_locale_or_interpreter(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = str(_package(tmp_path))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANGUAGE", "en")
    helpcache.store("", "HELP", package=package)
    assert helpcache.lookup("", package=package) == "HELP"
    monkeypatch.setenv("COLUMNS", "100")
    assert helpcache.lookup("", package=package) is None
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANGUAGE", "pl")
    assert helpcache.lookup("", package=package) is None
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert helpcache.lookup("", package=package) is None


def test_languages_from_outside_the_package_turn_the_cache_off(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = str(_package(tmp_path))
    helpcache.store("", "HELP", package=package)
    monkeypatch.setenv(helpcache.LANGUAGES_PATH, str(tmp_path / "langs"))
    assert helpcache.lookup("", package=package) is None
    helpcache.store("", "OTHER", package=package)
    monkeypatch.delenv(helpcache.LANGUAGES_PATH)
    assert helpcache.lookup("", package=package) == "HELP"


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_help_file_is_not_printed(cache: Path, tmp_path: Path, damage: bytes | None) -> None:
    package = str(_package(tmp_path))
    helpcache.store("", "HELP TEXT", package=package)
    (stored,) = (cache / "help").glob("*.txt")
    data = stored.read_bytes()
    stored.write_bytes(data[: data.index(b"\n\0\n")] if damage is None else damage)
    assert helpcache.lookup("", package=package) is None


def _cli(*args: str, cache: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYGEN_CACHE_DIR": cache, "COLUMNS": "90", "PYTHONPATH": str(ROOT)}
    env.pop(helpcache.LANGUAGES_PATH, None)
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, env=env)


def test_the_command_prints_the_same_help_with_and_without_the_cache(tmp_path: Path) -> None:
    plain = _cli("build", "--help", cache="off")
    first, second = (_cli("build", "--help", cache=str(tmp_path)) for _ in range(2))
    assert plain.returncode == first.returncode == second.returncode == 0
    assert plain.stdout == first.stdout == second.stdout and "--layout" in plain.stdout
    assert list((tmp_path / "help").glob("build-90.txt"))
    # An unknown command is argparse's usage error, as before, and nothing is stored for it.
    wrong = _cli("nosuch", "--help", cache=str(tmp_path))
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr and not wrong.stdout
    assert not list((tmp_path / "help").glob("nosuch-*"))
