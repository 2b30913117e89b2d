"""MkDocs plugin ``privacy-policy``: the policy as generated pages of a MkDocs site.

A front door like the CLI: it calls the build step (``build.build``) through ``sitepolicy``, which
keeps the documents in the user's cache between ``mkdocs build`` processes (a build whose answers,
overlay, options and engine are unchanged imports none of the rendering engine), and adds only what
MkDocs needs. Pages are made in memory with ``File.generated`` in ``on_files``;
nothing is written into ``docs/``. The core never imports this module, and this module is the only
one that imports MkDocs (it is loaded through the ``mkdocs.plugins`` entry point).

Languages:

- On a plain site every language in ``languages`` gets a page: the first at ``path``, the others at
  ``<lang>/<path>`` (or wherever a per-language ``path`` mapping puts them).
- With mkdocs-static-i18n, which builds the site once per language, each build gets the page in its
  own language, at the source path a hand-written page for that language would have
  (``privacy.en.md`` with ``docs_structure: suffix``, ``en/privacy.md`` with ``folder``) and at the
  destination static-i18n gives such a page, so links like ``[…](privacy.md)`` from any page resolve
  to the page in the reader's language. Our ``on_files`` runs after static-i18n's (priority -200
  against its -100): static-i18n 1.3.1 crashes on generated files (no ``abs_src_path``) that it
  sees, and it would drop them anyway.

Headings carry explicit ids (``## Cookies {#cookies}``), so ``attr_list`` is switched on and the
built site has exactly the anchors of ``policygen build`` HTML.

Like ``policygen build``, the plugin runs ``policygen check`` (errors stop the build unless
``force: true``; warnings are MkDocs warnings) and renders with the overlay templates of the answers
file's ``templates_dir`` (or the ``templates`` option). The inputs of the policy are the answers
file, every file of its ``extends`` chain and the overlay directory: ``mkdocs serve`` watches them
all and builds the policy again when any of them changes (the plugin defines ``on_startup``, so
MkDocs keeps one instance across the rebuilds of ``serve``).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .errors import PolicygenError
from .i18n import N_, default_ui_lang, gettext_for
from .sitepolicy import SitePolicy, site_policy
from .slugs import toc_slugify

if TYPE_CHECKING:
    from .build import Built

NAME = "privacy-policy"
COOKIES_ID = "cookies"

MSG_NOT_IN_ANSWERS = N_(
    "%(file)s does not list language %(lang)s under languages; add it there or remove it from the plugin's `languages`"
)
MSG_CHECK_ERRORS = N_(
    "`policygen check` found errors; fix them, or set `force: true` in the plugin's options to build anyway"
)
MSG_FORCED = N_("built anyway (force: true): %(finding)s")

log = get_plugin_logger(NAME)


# --- configuration ----------------------------------------------------------------------------


class _PerLanguage(c.BaseConfigOption):
    """One string for every language, or a ``{lang: string}`` mapping."""

    def __init__(self, default: str | None = None, *, page: bool = False) -> None:
        super().__init__()
        self.default = default
        self.page = page

    def run_validation(self, value: object) -> str | dict[str, str]:
        if isinstance(value, str):
            return self._check(value)
        if isinstance(value, dict) and value:
            out = {}
            for lang, item in value.items():
                if not isinstance(lang, str) or not isinstance(item, str):
                    raise base.ValidationError(f"expected a mapping of language codes to strings, got {value!r}")
                out[lang] = self._check(item)
            return out
        raise base.ValidationError(f"expected a string or a mapping like {{pl: ..., en: ...}}, got {value!r}")

    def _check(self, value: str) -> str:
        if not value.strip():
            raise base.ValidationError("must not be empty")
        if not self.page:
            return value
        path = value.replace("\\", "/")
        norm = posixpath.normpath(path)
        if path.startswith("/") or norm == ".." or norm.startswith("../") or not norm.endswith(".md"):
            raise base.ValidationError(
                f"{value!r} must be a Markdown path relative to docs_dir, e.g. privacy.md or legal/privacy.md"
            )
        return norm


class _NavPlacement(c.BaseConfigOption):
    """Where the policy page goes in the navigation: ``end``, ``start`` or ``false`` (not in the nav)."""

    def __init__(self, default: str = "end") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | bool:
        if value is False or value in ("end", "start"):
            return value  # type: ignore[return-value]
        if value is True:
            return "end"
        raise base.ValidationError(f"expected end, start or false, got {value!r}")


class PrivacyPolicyConfig(base.Config):
    answers = c.File(exists=True)
    """The answers file, relative to mkdocs.yml."""
    languages = c.Optional(c.ListOfItems(c.Type(str)))
    """Languages to build; default: the answers file's ``languages``."""
    path = _PerLanguage("privacy.md", page=True)
    """Page location in docs_dir: one path, or ``{pl: polityka-prywatnosci.md, en: privacy.md}``."""
    title = c.Optional(_PerLanguage())
    """Page title (the h1 and the nav entry); default: the policy's own title in each language."""
    nav = _NavPlacement()
    """``end`` / ``start``: add the page to the top level of the nav unless the nav already lists it;
    ``false``: keep it out of the nav (link to it yourself)."""
    cookie_table_only = c.Optional(_PerLanguage(page=True))
    """An extra page holding only the cookies section (not added to the nav)."""
    templates = c.Optional(c.Dir(exists=True))
    """Overlay directory (like ``policygen build --templates``); default: the answers' ``templates_dir``."""
    force = c.Type(bool, default=False)
    """Build even when ``policygen check`` finds errors (like ``policygen build --ignore-check-errors``)."""
    banner = c.Type(bool, default=False)
    """Put the consent banner (``policygen banner``) on every page: its files under
    ``assets/policygen-banner/``, the snippet at the start of each page's head."""


# --- the plugin ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    lang: str  # language of the policy text
    src_uri: str  # where a hand-written page would be
    dest_uri: str  # where the built page goes
    policy_link: str | None = None  # cookies page: the policy page, relative to it; None: the policy page
    alternates: dict[str, str] | None = None  # static-i18n: build language -> URL of its version


class PrivacyPolicyPlugin(BasePlugin[PrivacyPolicyConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._built: SitePolicy | None = None  # the policy, built by the one build step (or kept)
        self._options = ""  # the plugin's options it was built with
        self._nav_files: list[File] = []
        self._server: Any = None  # the `mkdocs serve` server, to watch inputs found later
        self._watched: set[str] = set()

    # MkDocs events -----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance across the rebuilds of ``mkdocs serve``: the
        policy is loaded again only when one of its inputs changed, and inputs found later
        (a new ``extends`` base, a new ``templates_dir``) are watched too."""
        self._server, self._watched = None, set()

    def on_shutdown(self) -> None:
        self._server, self._watched = None, set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Switch on ``attr_list`` (for ``{#id}``) and, unless the user chose one, our toc slugify."""
        names = {_short_extension_name(e) for e in config.markdown_extensions if isinstance(e, str)}
        if "attr_list" not in names:
            config.markdown_extensions.append("attr_list")
        mdx = config.mdx_configs
        toc_keys = [k for k in mdx if _short_extension_name(k) == "toc"]
        if not any("slugify" in (mdx[k] or {}) for k in toc_keys):
            key = toc_keys[0] if toc_keys else "toc"
            mdx[key] = {**(mdx.get(key) or {}), "slugify": toc_slugify}
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Watch every input of the policy: the answers file, its ``extends`` chain, the overlay."""
        self._server, self._watched = server, set()
        self._watch(self._inputs())
        return server

    @event_priority(-200)  # after mkdocs-static-i18n (-100): it crashes on generated files it sees
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        i18n = _static_i18n(config)
        self._load()
        if i18n is None or not getattr(i18n, "building", False):  # once per build, not per i18n language
            self._log_findings()
        self._nav_files = []
        in_nav = self.config.nav is not False
        taken_dest = {f.dest_uri: f for f in files}
        for target in self._targets(config, i18n):
            if target.src_uri in files.src_uris or target.dest_uri in taken_dest:
                other = files.src_uris.get(target.src_uri) or taken_dest[target.dest_uri]
                option = "path" if target.policy_link is None else "cookie_table_only"
                raise PluginError(
                    f"{NAME}: cannot add {target.src_uri}: {other.src_uri} is already built to {target.dest_uri}; "
                    f"remove that page or give the plugin another `{option}`"
                )
            if target.policy_link is None:
                content = self._page_markdown(target.lang)
            else:
                content = self._cookie_markdown(target.lang, target.policy_link)
                if content is None:
                    continue
            file = File.generated(config, target.src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            if file.dest_uri != target.dest_uri:
                file.dest_uri = target.dest_uri
            if target.alternates is not None:
                _join_static_i18n(file, i18n, target)
            files.append(file)
            taken_dest[file.dest_uri] = file
            if target.policy_link is None and in_nav:
                self._nav_files.append(file)
        if self.config.banner:
            _add_banner(
                self._built.built if self._built else None,
                files,
                config,
                [t for t in self._targets(config, i18n) if t.policy_link is None],
            )
        return files

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """With ``banner``: the banner's files linked at the start of the head (before any Google
        tag), relative to the page; the cookie settings link at the end of the body (footer)."""
        if not self.config.banner or self._built is None:
            return output
        from .banner_files import head_html, settings_link

        head = head_html("../" * page.url.count("/") + BANNER_DIR + "/")
        output = re.sub(r"<head\b[^>]*>", lambda m: f"{m.group(0)}\n{head}", output, count=1)
        assert self._built.built is not None  # the banner's build is never taken from the cache
        tool = self._built.built.policy.consent_tool
        if tool is not None and tool.link == "footer":
            lang = (re.findall(r'<html[^>]*\blang="([a-z]+)', output) or [self._languages[0]])[0]
            lang = lang if lang in self._languages else self._languages[0]
            link = f'<div class="policygen-cookie-settings">{settings_link(lang)}</div>\n'
            output = output.replace("</body>", link + "</body>", 1)
        return output

    @event_priority(-200)  # after mkdocs-static-i18n, which re-sorts a folder-structure nav
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        listed = {id(p) for p in nav.pages}
        new = [f.page for f in self._nav_files if isinstance(f.page, Page) and id(f.page) not in listed]
        if not new:
            return nav
        for page in new:
            page.parent = None
        if self.config.nav == "start":
            nav.items[0:0] = new
        else:
            nav.items.extend(new)
        nav.pages = list(_pages_in(nav.items))
        pages = nav.pages
        for index, page in enumerate(pages):
            page.previous_page = pages[index - 1] if index > 0 else None
            page.next_page = pages[index + 1] if index + 1 < len(pages) else None
        return nav

    # the policy --------------------------------------------------------------------------------

    def _load(self) -> None:
        """Build the policy (``build.build``: check, languages, overlay, documents) once per content
        of its inputs (static-i18n builds once per language, and ``mkdocs serve`` rebuilds after
        every change): the files the answers were read from, the overlay and the plugin's options."""
        options = repr(sorted((k, v) for k, v in self.config.items()))
        if self._built is None or self._options != options or self._built.changed():
            self._built, self._options = self._build(options), options
        self._watch(self._inputs())

    def _build(self, options: str) -> SitePolicy:
        ui = default_ui_lang()
        shown = Path(_display(Path(self.config.answers)))
        # The findings name the file as shown and are worded in the interface language.
        kept = f"{options}\0{ui}\0{shown}"
        try:
            site = site_policy(shown, lambda: self._run_build(shown, ui), kept, keep=not self.config.banner)
        except PolicygenError as err:  # AnswersError: every problem, one per line, with file:line:col
            hint = f"\n{gettext_for(ui, MSG_CHECK_ERRORS)}" if getattr(err, "findings", ()) else ""
            raise PluginError(f"{NAME}: {err}{hint}") from None
        for option in ("path", "title", "cookie_table_only"):
            value = self.config[option]
            if isinstance(value, dict):
                missing = [lang for lang in site.documents if lang not in value]
                if missing:
                    raise PluginError(f"{NAME}: `{option}` has no entry for {', '.join(missing)}")
        return site

    def _run_build(self, shown: Path, ui: str) -> Built:
        """The build step with the plugin's options (a ``BuildProblem`` carries check's errors)."""
        from .build import BuildOptions, build

        settings = BuildOptions(
            langs=tuple(self.config.languages or ()) or None,
            formats=(),
            templates=Path(self.config.templates) if self.config.templates else None,
            ignore_check_errors=bool(self.config.force),
            ui_lang=ui,
            language_hint=MSG_NOT_IN_ANSWERS,
        )
        built = build(shown, settings)
        if self.config.banner:
            from .banner_files import require_banner_tool

            require_banner_tool(built.answers, shown, ui)
        return built

    @property
    def _languages(self) -> list[str]:
        return list(self._built.documents) if self._built is not None else []

    def _log_findings(self) -> None:
        ui = default_ui_lang()
        for severity, text in self._built.findings if self._built is not None else ():
            if severity == "error":  # only here with force: true
                log.info(gettext_for(ui, MSG_FORCED) % {"finding": text})
            else:
                log.warning(text)

    def _inputs(self) -> list[Path]:
        """The files and directories the policy is made from, as far as they are known: the answers
        file, the files it was read from (its ``extends`` chain) and the overlay."""
        found = [Path(self.config.answers)]
        if self.config.templates:
            found.append(Path(self.config.templates))
        if self._built is not None:
            found += [Path(path) for path, _ in self._built.sources]
            if self._built.overlay is not None:
                found.append(self._built.overlay)
        return found

    def _watch(self, paths: Iterable[Path]) -> None:
        """Under ``mkdocs serve``, watch each existing input not watched yet."""
        if self._server is None:
            return
        for path in paths:
            name = os.path.abspath(path)
            if name not in self._watched and os.path.exists(name):
                self._server.watch(name)
                self._watched.add(name)

    def _page_markdown(self, lang: str) -> str:
        assert self._built is not None
        return self._built.page(lang, _for_lang(self.config.title, lang))

    def _cookie_markdown(self, lang: str, policy_link: str) -> str | None:
        assert self._built is not None
        section = self._built.section_page(lang, COOKIES_ID, policy_link)
        if section is None:
            log.warning(f"the policy in {lang} has no cookies section; no cookie_table_only page is made")
        return section

    # where pages go ------------------------------------------------------------------------------

    def _targets(self, config: MkDocsConfig, i18n: Any) -> list[_Target]:
        """The pages of this build: each policy page, each followed by its cookies page if any."""
        out: list[_Target] = []
        if i18n is None:
            default = self._languages[0]
            for lang in self._languages:
                page = self._plain_target(config, lang, default, self.config.path)
                out.append(page)
                if self.config.cookie_table_only:
                    cookies = self._plain_target(config, lang, default, self.config.cookie_table_only)
                    out.append(replace(cookies, policy_link=_relative(page.src_uri, cookies.src_uri)))
            return out
        pages = self._i18n_targets(config, i18n, self.config.path)
        page = pages.get(i18n.current_language)
        if page is None:
            log.info(
                f"no policy page for '{i18n.current_language}': the plugin's languages are {', '.join(self._languages)}"
            )
            return out
        out.append(page)
        if self.config.cookie_table_only:
            cookies = self._i18n_targets(config, i18n, self.config.cookie_table_only)[i18n.current_language]
            out.append(replace(cookies, policy_link=_relative(page.src_uri, cookies.src_uri)))
        return out

    def _plain_target(self, config: MkDocsConfig, lang: str, default: str, option: str | dict[str, str]) -> _Target:
        path = option[lang] if isinstance(option, dict) else (option if lang == default else f"{lang}/{option}")
        return _Target(lang, path, _dest_uri(config, path))

    def _i18n_targets(self, config: MkDocsConfig, i18n: Any, option: str | dict[str, str]) -> dict[str, _Target]:
        """For every language static-i18n builds: where its page goes, and in which language it is
        (its own, or the default language's when static-i18n falls back to it, as it does for
        untranslated pages)."""
        default = i18n.default_language
        fallback = getattr(i18n.config, "fallback_to_default", True) and default in self._languages
        structure = getattr(i18n.config, "docs_structure", "suffix")
        found = {}
        for site_lang in i18n.build_languages:
            lang = site_lang if site_lang in self._languages else (default if fallback else None)
            if lang is not None:
                found[site_lang] = _i18n_target(
                    config, lang, site_lang, default, structure, _for_lang(option, lang) or ""
                )
        urls = {site_lang: _url(config, target.dest_uri) for site_lang, target in found.items()}
        return {site_lang: replace(target, alternates=urls) for site_lang, target in found.items()}


def _i18n_target(config: MkDocsConfig, lang: str, current: str, default: str, structure: str, path: str) -> _Target:
    """The source and destination static-i18n gives a hand-written page at ``path`` in ``current``."""
    dest = _dest_uri(config, path)
    if current != default:
        dest = f"{current}/{dest}"
    if structure == "folder":
        src = f"{current}/{path}"
    elif current == default:
        src = path
    else:
        stem, ext = posixpath.splitext(path)
        src = f"{stem}.{current}{ext}"
    return _Target(lang, src, dest)


def _join_static_i18n(file: File, i18n: Any, target: _Target) -> None:
    """Give the page the attributes static-i18n gives pages it handled itself, so that its
    ``on_page_context`` points Material's language selector at the policy in the other languages.
    (Without them the selector kept the links of whichever page was rendered before.)"""
    file.locale = target.lang  # type: ignore[attr-defined]
    file.locale_alternate_of = i18n.current_language  # type: ignore[attr-defined]
    file.localization = target.lang if target.lang != i18n.default_language else None  # type: ignore[attr-defined]
    file.norm_src_uri = target.src_uri  # type: ignore[attr-defined]
    file.alternates = {  # type: ignore[attr-defined]
        lang: SimpleNamespace(url=url, locale=lang) for lang, url in (target.alternates or {}).items()
    }


BANNER_DIR = "assets/policygen-banner"


def _add_banner(built: Built | None, files: Files, config: MkDocsConfig, pages: list[_Target]) -> None:
    """The banner's files, its links pointing at the policy's pages from the site's root (the path
    of ``site_url``, ``/`` without one); a language without a page in this build gets the first."""
    from .banner_files import BannerOptions
    from .banner_files import files as banner_files

    if built is None or not pages:
        return
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    found = {t.lang: root + _url(config, t.dest_uri).removeprefix("./") for t in pages}
    urls = {lang: found.get(lang, next(iter(found.values()))) for lang in built.documents}
    for name, text in banner_files(built, BannerOptions(urls, "")).items():
        if name != "snippet.html" and f"{BANNER_DIR}/{name}" not in files.src_uris:
            files.append(File.generated(config, f"{BANNER_DIR}/{name}", content=text))


def _url(config: MkDocsConfig, dest_uri: str) -> str:
    """The site-relative URL of a destination, as ``File.url`` makes it."""
    parent, filename = posixpath.split(dest_uri)
    if config.use_directory_urls and filename == "index.html":
        return (parent or ".") + "/"
    return quote(dest_uri)


def _dest_uri(config: MkDocsConfig, src_uri: str) -> str:
    parent, filename = posixpath.split(src_uri)
    name = posixpath.splitext(filename)[0]
    if not config.use_directory_urls or name in ("index", "README"):
        return posixpath.join(parent, "index.html" if name == "README" else f"{name}.html")
    return posixpath.join(parent, name, "index.html")


def _relative(target_src: str, from_src: str) -> str:
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


def _for_lang(value: str | dict[str, str] | None, lang: str) -> str | None:
    return value.get(lang) if isinstance(value, dict) else value


def _pages_in(items: list) -> Any:
    for item in items:
        if isinstance(item, Page):
            yield item
        if getattr(item, "children", None):
            yield from _pages_in(item.children)


def _static_i18n(config: MkDocsConfig) -> Any:
    """The mkdocs-static-i18n plugin instance, if the site uses it."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("mkdocs_static_i18n") and hasattr(plugin, "current_language"):
            return plugin
    return None


def _short_extension_name(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def _display(path: Path) -> str:
    """The answers path as the user would type it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
