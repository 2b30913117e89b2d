"""The terminal front end of the interview: each question ``flow.interview`` hands over is asked
with the questionary prompts of ``prompts.py``, and its answer returned to the flow.

Which questions are asked, in which order and when, is not decided here: it is data
(``questions.py``) evaluated by ``flow.py``. This module only turns a question into a prompt.
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from ..languages import DEFAULT_LANGUAGES, language
from .choices import entry_label, groups
from .flow import More, Step, current, extra_check, interview
from .modelfields import is_url, lang_text_only, required_items
from .prompts import Asker, GoBack
from .questions import SECTIONS as SECTION_DATA

#: The sections of the menu: (name, title).
SECTIONS: tuple[tuple[str, str], ...] = tuple((name, title) for name, title, _ in SECTION_DATA)


def with_scheme(address: str) -> str:
    """``kwiatek.pl`` is taken as ``https://kwiatek.pl``: a web address typed without its scheme."""
    if address and "://" not in address and not address.startswith(("mailto:", "/")):
        return "https://" + address
    return address


class Sections:
    """Asks the sections of the interview over ``data`` (the answers so far, or a saved file),
    writing every answer into it as soon as it is given.

    ``count`` is how many questions of this run are answered; the first ``skip`` are answered
    from the data without being asked (resuming, or going back: the back key asks the previous
    question again, its answer as the default)."""

    def __init__(self, asker: Asker, data: dict[str, Any]) -> None:
        self.asker = asker
        self.data = data
        self.finished = False  # a saved answers file: a group it leaves out was answered "no"
        self.count = 0
        self.skip = 0

    def run(self, name: str | None, skip: int = 0) -> None:
        """Ask the questions of section ``name`` (all when None), the first ``skip`` from the data."""
        self.asker.back = True
        try:
            while True:
                self.count, self.skip = 0, skip
                try:
                    interview(self.data, self, name)
                    return
                except GoBack:
                    skip = max(self.count - 1, 0)
        finally:
            self.asker.back = False

    def answered(self) -> int:
        """How many questions of this run the data answer (a replay not finished counts whole)."""
        return max(self.count, self.skip)

    def more(self, step: More) -> bool:
        if self.count < self.skip:
            answer = step.existing
        else:
            answer = self.asker.yes_no(step.message, step.existing, **step.params)
        self.count += 1
        return answer

    def ask(self, step: Step) -> Any:
        if self.count < self.skip:  # answered before: the answer in the data, as a walk reads it
            self.count += 1
            return current(step, finished=True)
        answer = self._prompt(step)
        self.count += 1
        return answer

    def _prompt(self, step: Step) -> Any:
        q, a = step.q, self.asker
        default = current(step, self.finished)
        label = self._label(step)
        if q.kind == "texts":
            return self._texts(step, label)
        if q.kind in ("confirm", "presence"):
            return a.confirm(q.path, bool(default), label)
        if q.kind in ("select", "form"):
            options = [option for _, group in groups(step, a.lang) for option in group]
            return a.select(q.path, options, default, label)
        if q.kind in ("checkbox", "entries"):
            return a.checkbox(q.path, groups(step, a.lang), default, q.kind == "checkbox" and required_items(q.path))
        check = str.upper if q.upper else (with_scheme if is_url(q.path) else None)
        return a.text(q.path, default, label, check=check, extra=extra_check(step, a.lang))

    def _label(self, step: Step) -> str | None:
        """Which item a question is about: its number among several, or the entry's name."""
        if step.item_number is not None:
            return str(step.item_number)
        if isinstance(step.ctx.key, str):
            return entry_label(step, self.asker.lang)
        return None

    def _texts(self, step: Step, label: str | None) -> Any:
        """A free text in each output language: one string for a one-language policy.

        Written one language at a time, so that an interrupt keeps the first language's answer.
        """
        a, path, parent, key = self.asker, step.q.path, step.parent, step.key
        both = lang_text_only(path)  # a mapping even for one language
        langs = list(self.data.get("languages") or DEFAULT_LANGUAGES)
        current_text = parent.get(key)
        if len(langs) == 1 and not both:
            old = current_text.get(langs[0]) if isinstance(current_text, dict) else current_text
            return a.text(path, old, label, hint=_object_hint(path, langs[0]))
        texts = parent[key] = dict(current_text) if isinstance(current_text, dict) else {}
        probe = (lambda v: dict.fromkeys(langs, v)) if both else None
        for lang in langs:
            old = texts.get(lang, current_text if isinstance(current_text, str) else None)
            name = Locale.parse(a.lang).languages[lang]  # "[Polish]" / "[polski]": which text this is
            hint = _object_hint(path, lang)
            value = a.text(path, old, label=", ".join(filter(None, (label, name))), probe=probe, hint=hint)
            if value is None:
                parent.pop(key, None)
                return None
            texts[lang] = value
        return {lang: texts[lang] for lang in langs}


__all__ = ["SECTIONS", "Sections"]


#: Own words that end a sentence of the policy, where the case each language needs matters.
_OBJECT_TEXTS = frozenset({"consent_tool.settings"})


def _object_hint(path: str, lang: str) -> str | None:
    return (language(lang).object_hint or None) if path in _OBJECT_TEXTS else None
