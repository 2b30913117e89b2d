"""Policy → Markdown in one language: one Jinja2 environment per language, StrictUndefined.

Every value a template prints goes through ``_finalize``: plain values (the user's answers,
catalogue names) are escaped for Markdown; ``Md`` values (translated vocabulary, links, lists
built by the filters below) are already safe. Translation placeholders are escaped before they
are substituted, so no path prints a user value unescaped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from .document import Document, Section, heading, split_sections, to_markdown
from .errors import PolicygenError
from .fields import LangText, text_in
from .i18n import POLICY, language_dir, translations
from .languages import SOURCE, language
from .listjoin import conjunction, join_items
from .mdtext import Md, ensure_md, link, mailto, md_escape
from .messages import message
from .policy import Activity, Policy, Retention
from .resources import templates_dir
from .retention import word_lifetime, word_retention
from .safeio import InputFileError, overlay_template
from .sandbox import MAX_OUTPUT, OverlaySandbox, TemplateTooLarge, check_percent
from .templatecache import template_cache
from .termtext import printable
from .vocab import SECTION_ORDER
from .wording import GROUPS, NESTED_AND, TITLE, UPDATED

_PARENTHESES = re.compile(r"\([^()]*\)")


def _finalize(value: Any) -> Md:
    if isinstance(value, Markup):
        return Md(value)
    if value is None:
        raise ValueError("a template printed None; guard the value with {% if %}")
    if isinstance(value, bool):
        raise ValueError("a template printed a boolean; use a label instead")
    if isinstance(value, int | Decimal):
        return Md(str(value))
    return md_escape(str(value))


def _format(text: str, params: dict[str, Any]) -> Md:
    """A translated message with its parameters; numbers stay numbers (for %(num)d)."""
    if not params:
        return Md(text.replace("%%", "%"))  # a message is a format string even without parameters
    values = {k: v if isinstance(v, int) and not isinstance(v, bool) else ensure_md(v) for k, v in params.items()}
    check_percent(text, values)  # an overlay's own message could ask for a huge width
    return Md(text % values)


class Renderer:
    """Everything language-specific that templates need, bound to one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.language = language(lang)
        self.locale = self.language.locale
        self._t = translations(lang, POLICY)

    # gettext: the callables of Jinja's i18n extension ({% trans %}, _(), ngettext(), pgettext()).
    # Jinja calls them with the message and the block's variables; every variable is made
    # Markdown-safe here (plain values escaped, Md kept), and the message is a format string.
    def gettext(self, message: str, **params: Any) -> Md:
        return _format(self._t.gettext(message), params)

    def ngettext(self, singular: str, plural: str, num: int, **params: Any) -> Md:
        return _format(self._t.ngettext(singular, plural, num), {"num": num, **params})

    def pgettext(self, context: str, message: str, **params: Any) -> Md:
        return _format(self._t.pgettext(context, message), params)

    def npgettext(self, context: str, singular: str, plural: str, num: int, **params: Any) -> Md:
        return _format(self._t.npgettext(context, singular, plural, num), {"num": num, **params})

    # vocabulary ------------------------------------------------------------------------------
    def label(self, group: str, key: Any) -> Md:
        return self.gettext(GROUPS[group][key])

    def purpose_title(self, activity: Activity) -> Md:
        if activity.title is not None:
            return md_escape(self.text(activity.title))
        return self.label("purpose", activity.id)

    def purpose_inline(self, key: str, policy: Policy | None = None) -> Md:
        """A purpose title used inside a sentence: vocabulary with its first letter in lower case."""
        activity = policy.activity(key) if policy is not None else None
        if activity is not None and activity.title is not None:
            own = self.text(activity.title)
            # "Recruitment" reads as "recruitment" mid-sentence; "CRM migration" keeps its capitals.
            if own[:1].isupper() and own[1:2].islower() and not self.language.capitalised_nouns:
                own = own[:1].lower() + own[1:]
            return md_escape(own)
        title = self.label("purpose", key)
        return title if self.language.capitalised_nouns else Md(title[:1].lower() + title[1:])

    def interest(self, activity: Activity) -> Md:
        if activity.interest_text is not None:
            return md_escape(self.text(activity.interest_text))
        return self.label("interest", activity.interest)

    def consequence(self, activity: Activity) -> Md:
        if activity.consequence_text is not None:
            return md_escape(self.text(activity.consequence_text))
        if activity.title is not None:
            return Md("")
        return self.label("consequence", activity.id)

    def retention(self, rule: Retention) -> Md:
        return Md(word_retention(rule, self._t, lambda text: md_escape(self.text(text))))

    def period(self, lifetime: str) -> Md:
        return Md(word_lifetime(self._t, lifetime))

    def obligation(self, activity: Activity) -> Md:
        if activity.obligation_text is not None:
            return md_escape(self.text(activity.obligation_text))
        return self.label("obligation", activity.obligation)

    def source(self, activity: Activity) -> Md:
        if activity.source_text is not None:
            return md_escape(self.text(activity.source_text))
        return self.label("source", activity.source)

    # formatting ------------------------------------------------------------------------------
    def text(self, value: str | LangText) -> str:
        """The user's free text in this language (a plain value: it is escaped when printed)."""
        return text_in(value, self.lang)

    def date(self, value: date) -> Md:
        return Md(format_date(value, format="long", locale=self.locale))

    def join(self, items: Any, style: str = "standard") -> Md:
        parts = [ensure_md(item) for item in items]
        if not parts:
            return Md("")
        if style == "standard" and len(parts) > 1 and any(self._compound(part) for part in parts):
            # An item that is itself a list ("ustalanie, dochodzenie i obrona roszczeń") makes the
            # top-level "and" ambiguous: the language's stronger conjunction joins ("oraz", "sowie").
            head = ", ".join(parts[:-1])
            return Md(self._t.gettext(NESTED_AND) % {"items": head, "last": parts[-1]})
        return Md(join_items(parts, style, self.locale))

    def _compound(self, item: str) -> bool:
        """Whether an item contains a comma or the word the language joins two items with, outside
        parentheses: "imię i nazwisko" does, "dane kontaktowe (adres e-mail, numer telefonu)" does not."""
        bare = _PARENTHESES.sub("", item)
        return ", " in bare or conjunction(self.locale) in bare

    def money(self, amount: Decimal, currency: str = "PLN") -> Md:
        pattern = self.language.money_pattern
        return md_escape(format_currency(amount, currency, format=pattern, locale=self.locale))

    def country(self, code: str) -> Md:
        return md_escape(Locale.parse(self.locale).territories.get(code, code))


class _OverlayLoader(jinja2.FileSystemLoader):
    """A loader over ``[overlay/<lang>, ours]`` whose cached templates also go stale when the user
    adds, or removes, a file of that name in the overlay: the default check only looks at the
    modification time of the file found first, so in a long-running process (``mkdocs serve``) a
    new overlay template would stay hidden behind our cached one."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:  # the overlay's own files: regular files physically inside it, template-sized, UTF-8
            own = overlay_template(self.searchpath[0], template, os.path.dirname(self.searchpath[0]))
        except InputFileError as exc:
            raise TemplateProblem(exc.file, exc.line, exc.code, **exc.params) from None
        if own is None:
            source, filename, uptodate = super().get_source(environment, template)
        else:
            (source, filename), uptodate = own, _unchanged(own[1])
        in_overlay = Path(self.searchpath[0], *template.split("/"))
        was_from_overlay = os.path.normpath(filename) == os.path.normpath(in_overlay)

        def still_current() -> bool:
            return in_overlay.is_file() == was_from_overlay and uptodate()

        return source, filename, still_current


def _unchanged(filename: str) -> Callable[[], bool]:
    mtime = os.path.getmtime(filename)
    return lambda: os.path.exists(filename) and os.path.getmtime(filename) == mtime


@cache
def environment(lang: str, overlay: str | None = None) -> jinja2.Environment:
    """The environment of one language: the one clause tree (``templates/``), this language's
    grammar file (``grammar.md.j2`` in its locale folder) and its catalogs. With an ``overlay``
    directory (templates of the user's own, in ``overlay/<lang>/``, taking precedence), everything
    renders in our sandbox (sandbox.py)."""
    language(lang)  # an unknown language is refused here
    search = [str(language_dir(lang)), str(templates_dir())]
    cls: type[jinja2.Environment] = jinja2.Environment
    loader = jinja2.FileSystemLoader(search)
    if overlay is not None:
        cls, loader = OverlaySandbox, _OverlayLoader([str(Path(overlay) / lang), *search])
    env = cls(
        loader=loader,
        bytecode_cache=template_cache(cls.__name__),
        undefined=jinja2.StrictUndefined,
        # Autoescaping is on so that Markup (our Md, macro output) passes untouched; _finalize
        # has already turned every other value into Markdown-escaped Md.
        autoescape=True,
        # Jinja comments are written {## … ##} ("{#" would read as the start of a comment in text).
        comment_start_string="{##",
        comment_end_string="##}",
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    _install(env, Renderer(lang))
    return env


def _install(env: jinja2.Environment, r: Renderer) -> None:
    """The globals and filters templates use, bound to one language's renderer."""
    env.globals.update(
        _=r.gettext,
        gettext=r.gettext,
        ngettext=r.ngettext,
        pgettext=r.pgettext,
        npgettext=r.npgettext,
        label=r.label,
        purpose_title=r.purpose_title,
        interest=r.interest,
        consequence=r.consequence,
        retention=r.retention,
        period=r.period,
        obligation=r.obligation,
        source=r.source,
        heading=heading,
        lang=r.lang,
    )
    env.filters.update(
        t=r.text,
        date=r.date,
        join_list=r.join,
        money=r.money,
        country=r.country,
        link=link,
        mailto=mailto,
        md=md_escape,
        full_stop=lambda value: Md(md_escape(str(value)) + ("" if str(value).endswith(".") else ".")),
        anchor=lambda ident: Md(str(ident).replace("_", "-")),
        data_label=lambda key: r.label("data", key),
        purpose_label=jinja2.pass_context(lambda context, key: r.purpose_inline(key, context.get("policy"))),
        recipient_category_label=lambda key: r.label("recipient_category", key),
    )


def render_document(policy: Policy, lang: str, overlay: str | None = None) -> Document:
    """Each applicable section, rendered and split at its headings, under the policy's title.

    With an ``overlay``, any error that an overlay template causes (syntax, a missing file, a
    sandbox violation, a value too large, an exception while rendering, text before its first
    heading) becomes a ``TemplateProblem`` located in that template; errors in our own templates
    stay bugs."""
    if overlay is not None:
        overlay = str(Path(overlay).resolve())
        if not Path(overlay).is_dir():
            raise TemplateProblem(overlay, 0, "overlay_missing")
    env = environment(lang, overlay)
    sections: list[Section] = []
    for name in policy.sections:
        text = _render_section(env, policy, name, overlay, lang)
        for part in split_sections(text):
            if isinstance(part, str):
                raise _headless(env, name, overlay)
            sections.append(part)
    title = md_escape(translations(lang, POLICY).gettext(TITLE))
    updated = env.globals["gettext"](UPDATED, date=env.filters["date"](policy.effective_date))
    return Document(lang, title, tuple(sections), updated=str(updated))


def render_markdown(policy: Policy, lang: str, overlay: str | None = None) -> str:
    return to_markdown(render_document(policy, lang, overlay))


def _render_section(env: jinja2.Environment, policy: Policy, name: str, overlay: str | None, lang: str) -> str:
    try:
        template = env.get_template(f"{name}.md.j2")
        if overlay is None:
            return template.render(policy=policy)
        return "".join(_bounded(template.generate(policy=policy)))
    except Exception as exc:
        if overlay is None:
            raise
        raise _overlay_problem(exc, overlay, lang, f"{name}.md.j2") from None


def _headless(env: jinja2.Environment, name: str, overlay: str | None) -> Exception:
    """Text before a section's first heading: in an overlay template, the user's to fix."""
    template = env.get_template(f"{name}.md.j2")
    if overlay is not None and template.filename and _in_overlay(template.filename, overlay):
        return TemplateProblem(template.filename, 0, "template_no_heading")
    return RuntimeError(f"template {name}.md.j2 prints text before its first heading")


def _bounded(chunks: Iterator[str]) -> Iterator[str]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise TemplateTooLarge("the template prints too much")
        yield chunk


def _overlay_problem(exc: Exception, overlay: str, lang: str, section: str) -> TemplateProblem:
    """The user error for ``exc``, raised while rendering with an overlay; re-raises ``exc`` when
    no overlay template is involved (a bug in our own templates)."""
    if isinstance(exc, TemplateProblem):  # an overlay file that could not be read
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        if exc.filename and _in_overlay(exc.filename, overlay):
            return TemplateProblem(exc.filename, exc.lineno, "template_error", error=exc.message or "")
        raise exc
    frame = _template_frame(exc, overlay)
    if frame is None:
        if isinstance(exc, jinja2.TemplateNotFound) and exc.name == section:
            # A section the answers ask for (extra_sections) with no template in this language.
            return TemplateProblem(
                str(Path(overlay) / lang), 0, "template_missing", name=section, language=lang, dir=overlay
            )
        replaced = _replaced_helpers(overlay, lang)
        if replaced:  # ours failed on a helper the overlay replaced (macros.md.j2 without a macro)
            return TemplateProblem(replaced[0], 0, "template_breaks_ours", error=str(exc) or type(exc).__name__)
        raise exc
    file, line = frame
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateProblem(file, line, "template_missing", name=exc.name, language=lang, dir=overlay)
    if isinstance(exc, TemplateTooLarge):
        return TemplateProblem(file, line, "template_too_large")
    if isinstance(exc, SecurityError):
        return TemplateProblem(file, line, "template_unsafe", error=str(exc))
    return TemplateProblem(file, line, "template_error", error=str(exc) or type(exc).__name__)


class TemplateProblem(PolicygenError):
    """A user's overlay template that cannot be rendered; carries its file and line."""

    def __init__(self, file: str, line: int, code: str, **params: object) -> None:
        self.file, self.line, self.code, self.params = file, line, code, params
        super().__init__(self.localized(SOURCE))

    def localized(self, lang: str) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return printable(f"{where}: {message(self.code, lang, **self.params)}")


def _replaced_helpers(overlay: str, lang: str) -> list[str]:
    """Overlay files that replace one of our templates other than a section (``macros.md.j2``,
    ``grammar.md.j2``):
    our own templates import them, so they must keep what ours use."""
    ours = (language_dir(lang), templates_dir())  # the grammar file, the clause tree
    sections = {f"{name}.md.j2" for name in ("policy", *SECTION_ORDER)}
    found = []
    for path in sorted((Path(overlay) / lang).glob("*.j2")):
        if path.name not in sections and any((d / path.name).is_file() for d in ours):
            found.append(str(path))
    return found


def _in_overlay(filename: str, overlay: str) -> bool:
    return filename.startswith(overlay.rstrip(os.sep) + os.sep)


def _template_frame(exc: BaseException, overlay: str) -> tuple[str, int] | None:
    """The innermost traceback frame in an overlay template (Jinja rewrites template frames so
    that they carry the template's file and line)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if _in_overlay(name, overlay):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found
