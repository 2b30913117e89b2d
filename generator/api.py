"""The core API every front door calls: load answers, derive the policy, render it.

Nothing here prints, reads arguments or touches the terminal; the CLI, the wizard and the
MkDocs plugin add only their own user interface on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalogue import adequacy_countries, catalogue
from .derive import derive
from .html import render_fragment, render_page
from .i18n import available_languages, gettext_for
from .loader import load_located
from .model import Answers
from .policy import Policy
from .render import render_markdown
from .servicedef import ServiceDef
from .wording import CONTENTS, TITLE

FORMATS = ("md", "html", "fragment")


def load_answers(path: Path, ui_lang: str = "en", text: str | None = None) -> Answers:
    """Parse and validate an answers file; raises ``AnswersError`` listing every problem."""
    return _load(path, ui_lang, text)[0]


def _load(path: Path, ui_lang: str, text: str | None = None):  # type: ignore[no-untyped-def]
    categories = {sid: s.category for sid, s in catalogue().items()}
    return load_located(
        Path(path),
        Answers,
        ui_lang,
        {"adequacy": adequacy_countries()},
        text=text,
        check=lambda answers: answers.reference_problems(categories),
    )


@dataclass(frozen=True)
class CheckResult:
    """A consistency finding with its place in the answers file."""

    rule: str
    name: str
    severity: str
    article: str
    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.severity} {self.rule} {self.name}: {self.message} ({self.article})"


def check_answers(path: Path, ui_lang: str = "en") -> tuple[Answers, Policy, list[CheckResult]]:
    """Load, derive and run the consistency rules of ``check.py`` on one answers file."""
    from .check import check

    answers, locate = _load(path, ui_lang)
    policy = build_policy(answers)
    results = []
    for finding in check(answers, policy):
        where = tuple(int(part) if part.isdigit() else part for part in finding.path.split(".") if part)
        file, line, column = locate(where)
        r = finding.rule
        results.append(
            CheckResult(r.id, r.name, r.severity, r.article, file, line, column, finding.path, finding.text(ui_lang))
        )
    return answers, policy, results


def overlay_for(answers: Answers, answers_path: Path, override: Path | None = None) -> Path | None:
    """The overlay directory: the command line's, else the answers file's ``templates_dir``."""
    if override is not None:
        return override
    if answers.templates_dir is not None:
        return Path(answers_path).parent / answers.templates_dir
    return None


def services_for(answers: Answers) -> dict[str, ServiceDef]:
    found = dict(catalogue())
    found.update({s.id: s for s in answers.custom_services})
    return {ref: found[ref] for ref in answers.service_refs()}


def build_policy(answers: Answers) -> Policy:
    return derive(answers, services_for(answers))


def title(lang: str) -> str:
    return gettext_for(lang, TITLE)


@dataclass(frozen=True)
class Rendered:
    lang: str
    fmt: str
    text: str

    @property
    def filename(self) -> str:
        return "privacy.md" if self.fmt == "md" else ("privacy.html" if self.fmt == "html" else "privacy.fragment.html")


def render(
    policy: Policy, lang: str, fmt: str, front_matter: str | None = None, overlay: Path | None = None
) -> Rendered:
    """Render one language in one format. ``front_matter`` ("hugo"/"jekyll") prefixes Markdown;
    ``overlay`` is a directory of the user's own templates (rendered in a sandbox)."""
    if lang not in available_languages():
        raise ValueError(f"unsupported language {lang!r}")
    markdown = render_markdown(policy, lang, str(overlay.resolve()) if overlay else None)
    if fmt == "md":
        text = _front_matter(front_matter, lang) + markdown if front_matter else markdown
    elif fmt == "html":
        toc_label = gettext_for(lang, CONTENTS)
        text = render_page(markdown, lang, title(lang), toc_label)
    elif fmt == "fragment":
        text = render_fragment(markdown)[0]
    else:
        raise ValueError(f"unsupported format {fmt!r}")
    return Rendered(lang, fmt, text)


def _front_matter(style: str, lang: str) -> str:
    data = {"title": title(lang), "lang": lang, "slug": "privacy"}
    if style == "jekyll":
        data = {"layout": "page", **data, "permalink": f"/{lang}/privacy/"}
    elif style != "hugo":
        raise ValueError(f"unknown front matter style {style!r}")
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n"
