"""The core API every front door calls: load answers, derive the policy, render it.

Nothing here prints, reads arguments or touches the terminal; the CLI, the wizard and the
MkDocs plugin add only their own user interface on top.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .catalogue import adequacy_countries, categories, entry
from .derive import derive
from .document import Document, excerpt, to_markdown
from .errors import AnswersError, Problem
from .frontmatter import FrontMatter
from .html import render_fragment, render_page
from .i18n import available_languages, policy_text
from .languages import SOURCE
from .loader import Locator, load_located
from .messages import message
from .model import Answers
from .policy import Policy
from .render import render_document
from .servicedef import ServiceDef
from .termtext import printable
from .wording import CONTENTS, TITLE

FORMATS = ("md", "html", "fragment")


def load_answers(path: Path, ui_lang: str = SOURCE, text: str | None = None) -> Answers:
    """Parse and validate an answers file; raises ``AnswersError`` listing every problem."""
    return _load(path, ui_lang, text)[0]


def _load(path: Path, ui_lang: str, text: str | None = None) -> tuple[Answers, Locator]:
    answers, locate = load_located(
        Path(path),
        Answers,
        ui_lang,
        {"adequacy": adequacy_countries()},
        text=text,
        check=lambda answers: answers.reference_problems(categories()),
    )
    return _resolve_templates_dir(answers, locate, ui_lang), locate


def locate(path: Path, where: tuple[object, ...], ui_lang: str = SOURCE) -> tuple[str, int, int]:
    """The file (of the ``extends`` chain), line and column of a value in valid answers; for a key
    the answers lack, the nearest place there is (at least line 1, column 1)."""
    _, locator = _load(path, ui_lang)
    line, column = locator(where)
    return locator.file(where), max(line, 1), max(column, 1)


def _resolve_templates_dir(answers: Answers, locate: Locator, ui_lang: str) -> Answers:
    """``templates_dir`` made absolute against the file it is written in (which may be a base file
    the answers ``extends``); a directory that does not exist is a located error."""
    if answers.templates_dir is None:
        return answers
    where = ("templates_dir",)
    file = locate.file(where)
    folder = Path(file).parent / answers.templates_dir
    if not folder.is_dir():
        line, column = locate(where)
        text = message("templates_dir_not_found", ui_lang, dir=str(folder))
        raise AnswersError([Problem(file, line, column, "templates_dir", text)])
    return answers.model_copy(update={"templates_dir": str(folder.resolve())})


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
        return printable(f"{where}: {self.severity} {self.rule} {self.name}: {self.message} ({self.article})")


def check_answers(path: Path, ui_lang: str = SOURCE) -> tuple[Answers, Policy, list[CheckResult]]:
    """Load, derive and run the consistency rules of ``check.py`` on one answers file."""
    from .check import check

    answers, locate = _load(path, ui_lang)
    policy = build_policy(answers)
    results = []
    for finding in check(answers, policy):
        where = tuple(int(part) if part.isdigit() else part for part in finding.path.split(".") if part)
        line, column = locate(where)
        r = finding.rule
        article = finding.article(ui_lang)  # the citation in the interface language's style
        results.append(
            CheckResult(
                r.id, r.name, r.severity, article, locate.file(where), line, column, finding.path, finding.text(ui_lang)
            )
        )
    return answers, policy, results


def overlay_for(answers: Answers, answers_path: Path, override: Path | None = None) -> Path | None:
    """The overlay directory: the command line's, else the answers file's ``templates_dir`` (made
    absolute when the answers were loaded; joined to the answers file's folder otherwise)."""
    if override is not None:
        return override
    if answers.templates_dir is not None:
        return Path(answers_path).parent / answers.templates_dir
    return None


def services_for(answers: Answers) -> dict[str, ServiceDef]:
    custom = {s.id: s for s in answers.custom_services}
    return {ref: custom[ref] if ref in custom else entry(ref) for ref in answers.service_refs()}


def build_policy(answers: Answers) -> Policy:
    return derive(answers, services_for(answers))


def title(lang: str) -> str:
    return policy_text(lang, TITLE)


@dataclass(frozen=True)
class Rendered:
    lang: str
    fmt: str
    text: str

    @property
    def filename(self) -> str:
        return "privacy.md" if self.fmt == "md" else ("privacy.html" if self.fmt == "html" else "privacy.fragment.html")


def render_doc(policy: Policy, lang: str, overlay: Path | None = None) -> Document:
    """The policy in one language as a structure (sections with id, title, level, body)."""
    if lang not in available_languages():
        raise ValueError(f"unsupported language {lang!r}")
    return render_document(policy, lang, str(overlay.resolve()) if overlay else None)


def view(
    document: Document, fmt: str, front_matter: str | FrontMatter | None = None, flavour: str = "attrs"
) -> Rendered:
    """One format of a rendered document: ``md`` (with front matter if given, in the Markdown
    ``flavour`` of ``document.FLAVOURS``), ``html`` (a page) or ``fragment`` (HTML to embed)."""
    lang = document.lang
    if fmt == "md":
        heading = FrontMatter(front_matter) if isinstance(front_matter, str) else front_matter
        text = heading.apply(document, flavour) if heading else to_markdown(document, flavour=flavour)
    elif fmt == "html":
        text = render_page(document, policy_text(lang, CONTENTS))
    elif fmt == "fragment":
        text = render_fragment(document)
    else:
        raise ValueError(f"unsupported format {fmt!r}")
    return Rendered(lang, fmt, text)


def render(
    policy: Policy, lang: str, fmt: str, front_matter: str | FrontMatter | None = None, overlay: Path | None = None
) -> Rendered:
    """Render one language in one format. ``front_matter`` (a ``FrontMatter``, or just its style
    "hugo"/"jekyll") prefixes Markdown; ``overlay`` is a directory of the user's own templates
    (rendered in a sandbox)."""
    if fmt not in FORMATS:
        raise ValueError(f"unsupported format {fmt!r}")
    return view(render_doc(policy, lang, overlay), fmt, front_matter)


def page_markdown(document: Document, title: str | None = None) -> str:
    """The document as one Markdown page, under its own title or ``title`` (the MkDocs page)."""
    return to_markdown(document if title is None else replace(document, title=title))


def section_page(document: Document, ident: str, page_link: str) -> str | None:
    """One section with its parts as a Markdown page of its own, links to the rest pointed at
    ``page_link`` (the MkDocs cookies page); None when the document has no such section."""
    return excerpt(document, ident, page_link)
