"""questionary prompts in the interface language, validated with the answers model's own types."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from questionary import Choice, Question, Separator
from questionary.prompts import common

from ..i18n import N_, N_plural, translations
from .questions import BY_PATH, Q, t, validate_value

MSG_EMPTY = N_("an answer is needed")
MSG_NUMBER = N_("write a whole number")
MSG_PICK_ONE = N_("pick at least one")
MSG_NONE = N_("none")
MSG_YES = N_("Yes")
MSG_NO = N_("No")
#: The prompt library's own hints, in the interface language (questionary writes them in English).
HINT_SHORTCUTS = N_("(use the number keys or the arrow keys)")
HINT_SEARCH = N_("(use the arrow keys or type to search)")
MSG_DONE = N_("done")
MSG_SELECTIONS = N_plural("done (%(count)d selection)", "done (%(count)d selections)")
_DONE = re.compile(r"done \((\d+) selections\)")


def selections(count: int, lang: str) -> str:
    """What a checkbox shows once answered with ``count`` ticks (other than one, which shows its name)."""
    if count == 0:
        return t(lang, MSG_DONE)
    return translations(lang).ngettext(*MSG_SELECTIONS, count) % {"count": count}


@contextlib.contextmanager
def _worded(lang: str) -> Iterator[None]:
    """While a questionary prompt is built: its English "done (N selections)" said in ``lang``, with
    the language's plural forms (the library writes the words inside its own prompt function)."""
    layout = common.create_inquirer_layout

    def translated(ic: Any, tokens: Callable[[], list[tuple[str, str]]], **kwargs: Any) -> Any:
        def worded() -> list[tuple[str, str]]:
            out = []
            for style, text in tokens():
                found = _DONE.fullmatch(text) if style == "class:answer" else None
                out.append((style, selections(int(found.group(1)), lang) if found else text))
            return out

        return layout(ic, worded, **kwargs)

    common.create_inquirer_layout = translated
    try:
        yield
    finally:
        common.create_inquirer_layout = layout


#: The key that goes back to the previous question of the interview (README: "Going back").
BACK_KEY = "c-b"


class GoBack(Exception):
    """The user pressed the back key: ask the previous question again."""


def _end_of_input(event: KeyPressEvent) -> None:
    event.app.exit(exception=EOFError(), style="class:aborting")


def _go_back(event: KeyPressEvent) -> None:
    event.app.exit(exception=GoBack(), style="class:aborting")


_CTRL_D = KeyBindings()
_CTRL_D.add("c-d", eager=True)(_end_of_input)
_BACK = KeyBindings()
_BACK.add("c-d", eager=True)(_end_of_input)
_BACK.add(BACK_KEY, eager=True)(_go_back)


def ask(question: Question, back: bool = False) -> Any:
    """Ask ``question``; Ctrl-D ends the input at every kind of question (prompt_toolkit alone
    ignores it at a list or a checkbox, and deletes a character where a default is filled in),
    so it always stops the wizard the way Ctrl-C does, keeping the answers so far. With ``back``,
    the back key (Ctrl-B) raises ``GoBack``."""
    app = question.application
    keys = _BACK if back else _CTRL_D
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return question.unsafe_ask()


def _keys(count: int, lang: str) -> dict[str, Any]:
    """Up to nine choices: digit shortcuts (1-9); more: type to search; the hint says which."""
    if count <= 9:
        return {"use_shortcuts": True, "instruction": t(lang, HINT_SHORTCUTS)}
    return {"use_search_filter": True, "use_jk_keys": False, "instruction": t(lang, HINT_SEARCH)}


class Asker:
    """Asks one question at a time; ``input``/``output`` are for tests (prompt_toolkit pipes)."""

    def __init__(self, lang: str, **io: Any) -> None:
        self.lang = lang
        self.io = io
        self.asked: list[str] = []  # paths or messages, in order (for tests and debugging)
        self.answered: list[tuple[str, Any]] = []  # (field path, answer) of every field question answered
        self.back = False  # whether the back key is on (inside the interview)

    def _ask(self, question: Question) -> Any:
        return ask(question, self.back)

    def _got(self, path: str, value: Any) -> Any:
        self.answered.append((path, value))
        return value

    def _(self, msgid: str, **params: object) -> str:
        return t(self.lang, msgid, **params)

    def _message(self, q: Q, label: str | None) -> str:
        text = self._(q.message)
        return f"{text} [{label}]" if label else text

    def _instruction(self, q: Q, hint: str | None = None) -> str:
        return f"\n  {self._(hint or q.help)}\n "

    def text(
        self, path: str, default: Any = None, label: str | None = None, check=None, extra=None, probe=None, hint=None
    ) -> Any:
        """A free-text or number answer; empty means None for optional questions; ``hint`` replaces
        the question's help (the grammar of one policy language)."""
        q = BY_PATH[path]
        self.asked.append(path)

        def convert(raw: str) -> Any:
            raw = raw.strip()
            if q.kind == "int" and raw:
                return int(raw)
            return raw

        def validate(raw: str) -> bool | str:
            if not raw.strip():
                return True if q.optional else self._(MSG_EMPTY)
            try:
                value = convert(raw)
            except ValueError:
                return self._(MSG_NUMBER)
            if check is not None:
                value = check(value)
            problem = validate_value(path, probe(value) if probe else value, self.lang)
            if problem is None and extra is not None:
                problem = extra(value)
            return True if problem is None else problem

        shown = "" if default is None else str(default)
        raw = self._ask(
            questionary.text(
                self._message(q, label),
                default=shown,
                validate=validate,
                instruction=self._instruction(q, hint),
                **self.io,
            )
        )
        value = convert(raw)
        if value == "" and q.optional:
            return self._got(path, None)
        return self._got(path, check(value) if check is not None else value)

    def confirm(self, path: str, default: bool = False, label: str | None = None) -> bool:
        q = BY_PATH[path]
        self.asked.append(path)
        choices = [Choice(self._(MSG_YES), True), Choice(self._(MSG_NO), False)]
        answer = self._ask(
            questionary.select(
                self._message(q, label),
                choices=choices,
                default=choices[0] if default else choices[1],
                instruction=self._instruction(q),
                use_shortcuts=True,
                **self.io,
            )
        )
        return self._got(path, answer)

    def select(self, path: str, options: list[tuple[Any, str]], default: Any = None, label: str | None = None) -> Any:
        """``options`` are (value, label) pairs; labels are already translated. An optional question
        offers "none" first, unless one of its options already stands for no answer (value None)."""
        q = BY_PATH[path]
        self.asked.append(path)
        if q.optional and all(value is not None for value, _ in options):
            options = [(None, self._(MSG_NONE)), *options]
        # Choices carry their index: questionary would replace a value of None by the choice's title.
        choices = [Choice(text, i) for i, (_, text) in enumerate(options)]
        chosen = next((c for c, (value, _) in zip(choices, options, strict=True) if value == default), choices[0])
        answer = self._ask(
            questionary.select(
                self._message(q, label),
                choices=choices,
                default=chosen,
                **{**_keys(len(choices), self.lang), "instruction": self._instruction(q)},
                **self.io,
            )
        )
        return self._got(path, options[answer][0])

    def checkbox(
        self,
        path: str,
        groups: list[tuple[str | None, list[tuple[Any, str]]]],
        default: list[Any] | None = None,
        required: bool = False,
    ) -> list[Any]:
        """A checkbox list grouped under separators (``groups`` of (heading, options)), with search."""
        q = BY_PATH[path]
        self.asked.append(path)
        picked = set(default or [])
        choices: list[Any] = []
        for heading, options in groups:
            if heading:
                choices.append(Separator(f"── {heading} ──"))
            choices += [Choice(text, value, checked=value in picked) for value, text in options]

        def validate(values: list[Any]) -> bool | str:
            return True if values or not required else self._(MSG_PICK_ONE)

        with _worded(self.lang):
            question = questionary.checkbox(
                self._(q.message),
                choices=choices,
                validate=validate,
                instruction=self._instruction(q),
                use_search_filter=True,
                use_jk_keys=False,
                **self.io,
            )
        answer = self._ask(question)
        return self._got(path, answer)

    def yes_no(self, message: str, default: bool = True, **params: object) -> bool:
        """A yes/no question that is not a model field (menus, saving); ``params`` fill the message."""
        self.asked.append(message)
        choices = [Choice(self._(MSG_YES), True), Choice(self._(MSG_NO), False)]
        return self._ask(
            questionary.select(
                self._(message, **params),
                choices=choices,
                default=choices[0] if default else choices[1],
                **_keys(len(choices), self.lang),
                **self.io,
            )
        )

    def menu(self, message: str, options: list[tuple[Any, str]], default: Any = None) -> Any:
        self.asked.append(message)
        choices = [Choice(self._(text), value) for value, text in options]
        chosen = next((c for c in choices if c.value == default), choices[0])
        return self._ask(
            questionary.select(
                self._(message), choices=choices, default=chosen, **_keys(len(choices), self.lang), **self.io
            )
        )

    def free_text(self, message: str, default: str = "", validate=None) -> str:
        self.asked.append(message)
        return self._ask(questionary.text(self._(message), default=default, validate=validate, **self.io)).strip()
