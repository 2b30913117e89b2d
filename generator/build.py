"""The build step: one answers file in, its documents and outputs out (or a located problem).

This is the one use case every front door shares, as copier's Worker is: the batch command, the
MkDocs plugin and the wizard call ``build`` and add only their own user interface. It runs the
whole chain: load (with the ``extends`` chain) and validate, derive, the ``check`` gate, the
language rules, the overlay, rendering in each language and each format, and the digests of what
the result depends on (for the batch cache and ``mkdocs serve``). Nothing is written here:
``Built.place`` says where each output goes below an output folder, and the caller writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .api import CheckResult, check_answers, overlay_for, render_doc, view
from .document import Document
from .errors import PolicygenError
from .frontmatter import FrontMatter
from .i18n import N_, gettext_for
from .languages import SOURCE
from .loader import recording_sources
from .model import Answers
from .paths import DEFAULT_LAYOUT, EXTENSIONS, tree_digest
from .policy import Policy
from .render import TemplateProblem
from .safeio import InputFileError, OutsideOutput, output_path

MSG_NOT_IN_ANSWERS = N_("%(file)s does not list language %(lang)s under languages; add it or drop --lang %(lang)s")
MSG_WRITTEN_TWICE = N_(
    "%(file)s: --layout %(layout)s would write %(path)s more than once (once per language or format); "
    "put {lang} and {ext} in the layout"
)
MSG_EXTRA_CLASH = N_(
    "%(file)s: %(path)s would be written both as a policy file and as an extra output (--with); change --layout"
)
MSG_OUTSIDE_OUT = N_(
    "%(file)s: the output path %(path)s leads outside the output folder %(out)s; "
    "rename the answers file or change --layout"
)


class BuildProblem(PolicygenError):
    """The answers cannot be built as asked: ``check`` errors, a language they do not have, an
    overlay template that fails, an output path that cannot be used. The message is in the
    interface language and names the file (and line, where there is one)."""

    def __init__(self, message: str, findings: tuple[CheckResult, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings


@dataclass(frozen=True)
class BuildOptions:
    #: Languages to render; None: every language of the answers.
    langs: tuple[str, ...] | None = None
    #: Views to make of each language's document (none: the documents only).
    formats: tuple[str, ...] = ("md", "html")
    front_matter: FrontMatter | None = None
    #: Overlay directory of the command line (or the plugin's option); else the answers' templates_dir.
    templates: Path | None = None
    #: Build even when ``check`` finds errors.
    ignore_check_errors: bool = False
    ui_lang: str = SOURCE
    #: Markdown flavour (``document.FLAVOURS``).
    flavour: str = "attrs"
    #: The message for a language the answers do not have (front doors name their own option).
    language_hint: str = MSG_NOT_IN_ANSWERS
    #: Put the consent banner (``policygen banner``) into the HTML pages, inlined (banner_files.py).
    banner: bool = False


@dataclass(frozen=True)
class Output:
    lang: str
    fmt: str
    text: str


@dataclass(frozen=True)
class Built:
    path: Path
    answers: Answers
    policy: Policy
    #: Every finding of ``check`` (warnings, and errors when they were ignored).
    findings: tuple[CheckResult, ...]
    documents: dict[str, Document]
    outputs: tuple[Output, ...]
    #: The files the answers were read from (the file and its ``extends`` chain): absolute path, SHA-256.
    sources: tuple[tuple[str, str], ...]
    overlay: Path | None
    #: A hash of every file under the overlay ("" without one), taken before rendering.
    overlay_digest: str

    def inputs_digest(self) -> str:
        """One hash of the answers' files and the overlay, as read for this build."""
        h = hashlib.sha256()
        for path, sha in self.sources:
            h.update(f"{path}\0{sha}\0".encode())
        h.update(self.overlay_digest.encode())
        return h.hexdigest()

    def place(self, out: Path, layout: str = DEFAULT_LAYOUT, ui_lang: str = SOURCE) -> dict[Path, str]:
        """Where each output goes: ``out`` / the layout filled with the answers file's name, the
        language and the format's extension. A path outside ``out``, or two outputs on one path,
        is a ``BuildProblem``."""
        placed: dict[Path, str] = {}
        for output in self.outputs:
            relative = layout.format(name=self.path.stem, lang=output.lang, ext=EXTENSIONS[output.fmt])
            try:
                target = output_path(out, relative)
            except OutsideOutput:
                place = out / relative
                raise BuildProblem(_say(ui_lang, MSG_OUTSIDE_OUT, file=self.path, path=place, out=out)) from None
            if target in placed:
                raise BuildProblem(_say(ui_lang, MSG_WRITTEN_TWICE, file=self.path, layout=layout, path=target))
            placed[target] = output.text
        return placed

    def place_extras(
        self, out: Path, wanted: tuple[str, ...], layout: str = DEFAULT_LAYOUT, ui_lang: str = SOURCE
    ) -> dict[Path, bytes]:
        """The files of the extra outputs ``wanted`` (``extras.py``) by where they go below ``out``;
        their links to the policy point at the page the layout gives it (HTML when it is built)."""
        from . import extras

        langs = tuple(self.documents)
        fmt = next((f for f in ("html", "fragment") if any(o.fmt == f for o in self.outputs)), "md")
        paths = {lang: layout.format(name=self.path.stem, lang=lang, ext=EXTENSIONS[fmt]) for lang in langs}
        given = extras.ExtraInput(self.path.stem, self.answers, self.policy, langs, paths)
        own = {
            output_path(out, layout.format(name=self.path.stem, lang=o.lang, ext=EXTENSIONS[o.fmt]))
            for o in self.outputs
        }
        placed: dict[Path, bytes] = {}
        for relative, content in extras.outputs(wanted, given).items():
            try:
                target = output_path(out, relative)
            except OutsideOutput:
                text = _say(ui_lang, MSG_OUTSIDE_OUT, file=self.path, path=out / relative, out=out)
                raise BuildProblem(text) from None
            if target in own:
                raise BuildProblem(_say(ui_lang, MSG_EXTRA_CLASH, file=self.path, path=target))
            placed[target] = content
        return placed


def build(path: Path, options: BuildOptions | None = None) -> Built:
    """Load, check, derive and render ``path``. Raises ``AnswersError`` for invalid answers and
    ``BuildProblem`` for everything else a user must fix; never writes anything."""
    options = options or BuildOptions()
    ui = options.ui_lang
    with recording_sources(path) as sources:
        answers, policy, findings = check_answers(path, ui)
    errors = tuple(f for f in findings if f.severity == "error")
    if errors and not options.ignore_check_errors:
        raise BuildProblem("\n".join(str(f) for f in errors), errors)
    langs = options.langs or tuple(answers.languages)
    missing = [lang for lang in langs if lang not in answers.languages]
    if missing:
        raise BuildProblem("\n".join(_say(ui, options.language_hint, file=path, lang=lang) for lang in missing))
    overlay = overlay_for(answers, path, options.templates)
    try:
        digest = tree_digest(overlay)  # before rendering: a change while it renders is seen next time
        documents = {lang: render_doc(policy, lang, overlay) for lang in langs}
    except InputFileError as exc:
        raise BuildProblem(TemplateProblem(exc.file, exc.line, exc.code, **exc.params).localized(ui)) from None
    except TemplateProblem as exc:
        raise BuildProblem(exc.localized(ui)) from None
    outputs = tuple(
        Output(
            lang, fmt, view(documents[lang], fmt, options.front_matter if fmt == "md" else None, options.flavour).text
        )
        for lang in langs
        for fmt in options.formats
    )
    if options.banner:
        outputs = _with_banner(answers, Path(path), policy, documents, outputs, ui)
    resolved = overlay.resolve() if overlay is not None else None
    read = tuple(sources.items())
    return Built(Path(path), answers, policy, tuple(findings), documents, outputs, read, resolved, digest)


def _with_banner(
    answers: Answers, path: Path, policy: Policy, documents: dict[str, Document], outputs: tuple[Output, ...], ui: str
) -> tuple[Output, ...]:
    from .banner_files import Made, inline_page, require_banner_tool

    require_banner_tool(answers, path, ui)
    made = Made(policy, documents)
    return tuple(
        Output(o.lang, o.fmt, inline_page(made, o.lang, o.text) if o.fmt == "html" else o.text) for o in outputs
    )


def _say(ui_lang: str, msg: str, **params: object) -> str:
    return gettext_for(ui_lang, msg) % params
