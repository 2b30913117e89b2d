"""The wizard's main loop: sections, review, save; interrupts keep a partial file to resume."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

import questionary
import yaml
from babel import Locale
from babel.lists import format_list
from prompt_toolkit.application.current import get_app_or_none
from questionary import Choice

from ..errors import AnswersError, PolicygenError
from ..i18n import N_, default_ui_lang
from ..languages import interface_codes, language, locale_interface
from ..safeio import MAX_ANSWERS_BYTES, InputFileError, read_regular
from ..slugs import slugify
from ..termtext import printable_lines
from .prompts import Asker, ask
from .questions import t
from .review import summary
from .save import (
    PARTIAL_SUFFIX,
    build,
    partial_path,
    resume_point,
    save,
    save_partial,
    target_of_partial,
    validate,
)
from .sections import SECTIONS, Sections

MSG_NO_TTY = N_(
    "policygen wizard needs a terminal; to build from an answers file without questions, "
    "use: policygen build ANSWERS.yaml"
)
MSG_RESUME = N_("Unfinished answers were saved in %(path)s. Continue from them?")
MSG_INTERRUPTED = N_("Stopped. Your answers so far are saved in %(path)s; run policygen wizard again to continue.")
MSG_MENU = N_("Which part do you want to change?")
MSG_REVIEW_ALL = N_("Go to the review")
MSG_ALL = N_("All questions from the start")
MSG_NEXT = N_("What now?")
MSG_SAVE = N_("Save the answers")
MSG_EDIT = N_("Change a section")
MSG_QUIT = N_("Quit without saving")
MSG_SAVE_AS = N_("Save the answers file as")
MSG_SAVED = N_("Saved %(path)s")
MSG_CANNOT_WRITE = N_("cannot write %(path)s: %(reason)s")
MSG_BUILD_NOW = N_("Build the policy now (languages: %(languages)s; Markdown and HTML; in %(out)s)?")
MSG_WROTE = N_("wrote %(path)s")
MSG_PROBLEMS = N_("Some answers need fixing before saving:")
MSG_WELCOME = N_(
    "policygen wizard: plain questions about your business, then a privacy and cookie policy. "
    "Ctrl-C stops at any time without losing your answers; Ctrl-B goes back one question."
)
LANG_PROMPT = "Language / Język"
LANG_HINT = "(1, 2, ↑ ↓)"
OUT = "out"


class Wizard:
    def __init__(self, asker: Asker, target: Path | None, data: dict[str, Any], out: TextIO) -> None:
        self.ask = asker
        self.target = target
        self.data = data
        self.out = out
        self.sections = Sections(asker, data)
        self.whole = False  # the whole interview is running (not one section): a partial file can resume it

    def say(self, msgid: str, **params: object) -> None:
        print(t(self.ask.lang, msgid, **params), file=self.out, flush=True)

    def default_target(self) -> Path:
        if self.target is not None:
            return self.target
        controllers = self.data.get("controllers") or [{}]
        name = controllers[0].get("name") or "answers"
        return Path("answers") / f"{slugify(name)}.yaml"

    def run_section(self, name: str) -> None:
        self.sections.run(name)

    def menu(self) -> str:
        options = [("review", MSG_REVIEW_ALL), ("all", MSG_ALL), *SECTIONS]
        return self.ask.menu(MSG_MENU, options)

    def edit(self) -> None:
        choice = self.menu()
        if choice == "all":
            for name, _ in SECTIONS:
                self.run_section(name)
        elif choice != "review":
            self.run_section(choice)

    def review(self) -> int:
        self.sections.finished = True  # every question was asked: a group left out was answered "no"
        while True:
            target = self.default_target()
            try:
                answers = validate(self.data, target, self.ask.lang)
            except AnswersError as exc:
                self.say(MSG_PROBLEMS)
                print(str(exc), file=self.out)
                self.edit()
                continue
            print("\n" + summary(answers, self.ask.lang) + "\n", file=self.out, flush=True)
            action = self.ask.menu(MSG_NEXT, [("save", MSG_SAVE), ("edit", MSG_EDIT), ("quit", MSG_QUIT)])
            if action == "quit":
                return 0
            if action == "edit":
                self.edit()
                continue
            path = Path(self.ask.free_text(MSG_SAVE_AS, str(target)) or str(target))
            if path != target:
                partial_path(target).unlink(missing_ok=True)
                self.target = path
            try:
                answers = save(self.data, path, self.ask.lang)
            except OSError as exc:  # a folder of that name, a read-only place: ask again
                self.say(MSG_CANNOT_WRITE, path=path, reason=exc.strerror or str(exc))
                continue
            self.say(MSG_SAVED, path=path)
            names = [Locale.parse(self.ask.lang).languages[code] for code in answers.languages]
            languages = format_list(names, locale=self.ask.lang)
            if self.ask.yes_no(MSG_BUILD_NOW, True, languages=languages, out=f"{OUT}/"):
                return self.build(path)
            return 0

    def build(self, path: Path) -> int:
        """Build the saved file as ``policygen build`` does; a problem (a ``check`` error, say) is
        shown with its place, and the answers stay saved for fixing."""
        try:
            written = build(path, Path(OUT), self.ask.lang)
        except PolicygenError as exc:
            print(printable_lines(str(exc)), file=self.out, flush=True)
            return 2
        except OSError as exc:
            self.say(MSG_CANNOT_WRITE, path=exc.filename or OUT, reason=exc.strerror or str(exc))
            return 2
        for target in written:
            self.say(MSG_WROTE, path=target)
        return 0


def _find_partial(target: Path | None) -> Path | None:
    if target is not None:
        path = partial_path(target)
        return path if path.is_file() else None
    found = sorted(Path("answers").glob(f"*{PARTIAL_SUFFIX}"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def run(
    target: Path | None = None,
    ui_lang: str | None = None,
    out: TextIO | None = None,
    trace: list[str] | None = None,
    answered: list[tuple[str, Any]] | None = None,
    **io: Any,
) -> int:
    """The whole wizard; ``io`` (``input=``, ``output=``) goes to every prompt (tests use pipes).

    ``trace`` and ``answered``, when given, collect the questions asked and the field answers given.
    """
    out = out or sys.stdout
    ui_lang = ui_lang or locale_interface(dict(os.environ))
    if ui_lang is None:  # the locale names no interface language: ask
        choices = [Choice(language(code).name, code) for code in interface_codes()]
        try:
            ui_lang = ask(questionary.select(LANG_PROMPT, choices=choices, instruction=LANG_HINT, **io))
        except (KeyboardInterrupt, EOFError):
            return 130  # nothing answered yet: nothing to keep
    asker = Asker(ui_lang, **io)
    if trace is not None:
        asker.asked = trace
    if answered is not None:
        asker.answered = answered
    wizard = Wizard(asker, target, {}, out)
    wizard.say(MSG_WELCOME)
    previous = _on_hangup(_hang_up)
    try:
        partial = _find_partial(target)
        editing, skip = False, 0
        if partial is not None and asker.yes_no(MSG_RESUME, True, path=partial):
            wizard.data.update(_read_answers(partial))
            skip = resume_point(_read_text(partial))
            wizard.target = target or target_of_partial(partial)
        elif target is not None and target.is_file():
            wizard.data.update(_read_answers(target))
            wizard.sections.finished = editing = True
        if editing:
            wizard.edit()
        else:
            wizard.whole = True
            wizard.sections.run(None, skip)
            wizard.whole = False
        return wizard.review()
    except (KeyboardInterrupt, EOFError) as stop:  # Ctrl-C, Ctrl-D or end of input, a closed terminal
        answered = wizard.sections.answered() if wizard.whole else None
        where = save_partial(wizard.data, wizard.default_target(), answered)
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            print(file=out)
            wizard.say(MSG_INTERRUPTED, path=where)
        return 129 if isinstance(stop, TerminalClosed) else 130
    finally:
        _on_hangup(previous)


class TerminalClosed(EOFError):
    """The terminal went away (SIGHUP): the end of input, as far as the wizard is concerned."""


def _hang_up(signum: int, frame: object) -> None:
    """SIGHUP: end the question on screen as Ctrl-D does (from the prompt's own event loop, where
    prompt_toolkit expects it); between questions, stop right here."""
    app = get_app_or_none()
    if app is not None and app.is_running and app.loop is not None:
        app.loop.call_soon_threadsafe(lambda: app.is_running and app.exit(exception=TerminalClosed()))
        return
    raise TerminalClosed()


def _on_hangup(handler: Any) -> Any:
    """Install ``handler`` for SIGHUP (where there is one, in the main thread); the previous one."""
    if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
        return None
    if handler is None:
        return None
    return signal.signal(signal.SIGHUP, handler)


def _read_text(path: Path) -> str:
    """The text of ``path`` (a regular file of answers-file size only); empty when it cannot be read."""
    try:
        return read_regular(path, MAX_ANSWERS_BYTES).decode("utf-8-sig")
    except (InputFileError, UnicodeDecodeError):
        return ""


def _read_answers(path: Path) -> dict[str, Any]:
    """The answers saved in ``path``; none when it cannot be read as such (the questions then
    start without defaults)."""
    try:
        data = yaml.safe_load(_read_text(path))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def main(answers: str | None, ui_lang: str | None) -> int:
    """Entry point of ``policygen wizard``."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(t(ui_lang or default_ui_lang(), MSG_NO_TTY), file=sys.stderr)
        return 2
    return run(Path(answers) if answers else None, ui_lang)
