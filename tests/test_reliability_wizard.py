"""Issue 12, the wizard (12): Ctrl-D at every kind of question, and a closed terminal (SIGHUP), keep
the answers so far in the ``.partial`` file, as Ctrl-C does. In a real pseudo-terminal."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

CTRL_D = "\x04"
LANGUAGES = "In which languages"  # a checkbox
DATE = "From which day does the policy apply?"  # text with a default filled in
FORM = "What kind of business is it?"  # a list to pick from
NAME = "Name of the business"  # text


def wizard(tmp_path: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "generator", "wizard", "--ui-lang", "en", "answers/t.yaml"],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
        env={
            "TERM": "xterm",
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "PYTHONPATH": str(ROOT),
        },
    )
    child.delaybeforesend = 0.01
    return child


def answer_until(child: pexpect.spawn, question: str) -> None:
    """Answer the questions before ``question`` (the defaults, a sole trader, a name) and wait there."""
    steps = [(LANGUAGES, "\r"), (DATE, "\r"), (FORM, "6\r"), (NAME, "\x15Ewa Nowak Ceramika\r")]
    for screen, keys in steps:
        child.expect_exact(screen)
        if screen == question:
            return
        child.send(keys)
    child.expect_exact(question)


def saved(tmp_path: Path) -> dict:
    partial = tmp_path / "answers" / "t.yaml.partial"
    assert partial.is_file(), "no partial file was saved"
    return yaml.safe_load(partial.read_text(encoding="utf-8")) or {}


def ended(child: pexpect.spawn) -> int:
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        child.close(force=True)
        pytest.fail("the wizard is still waiting for input")
    child.close()
    return child.exitstatus if child.exitstatus is not None else -child.signalstatus


@pytest.mark.parametrize(
    ("question", "kept"),
    [(LANGUAGES, None), (DATE, ["pl", "en"]), (FORM, ["pl", "en"]), (NAME, ["pl", "en"])],
    ids=["checkbox", "text-with-default", "list", "text"],
)
def test_ctrl_d_at_any_question_saves_the_partial_file(tmp_path: Path, question: str, kept: list | None) -> None:
    child = wizard(tmp_path)
    answer_until(child, question)
    child.send(CTRL_D)
    child.expect_exact("Your answers so far are saved in answers/t.yaml.partial")
    assert ended(child) == 130
    assert saved(tmp_path).get("languages") == kept


def test_a_closed_terminal_saves_the_partial_file(tmp_path: Path) -> None:
    child = wizard(tmp_path)
    answer_until(child, NAME)
    child.kill(signal.SIGHUP)
    assert ended(child) == 129  # 128 + SIGHUP, after saving
    data = saved(tmp_path)
    assert data["languages"] == ["pl", "en"] and data["controllers"][0]["legal_form"] == "sole_trader"
