"""The consent banner as files: the library (shipped unchanged), its licence, the configuration
generated from the answers, and the HTML to paste into a site's pages; or the same inlined into
one page (``policygen build --banner``). Nothing is written here; the callers write the files.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import banner
from . import bannertext as T
from .api import locate
from .document import Document
from .policy import Policy

if TYPE_CHECKING:
    from .build import Built
from .errors import AnswersError, Problem
from .i18n import N_, POLICY, gettext_for, translations
from .model import Answers
from .resources import data_dir

#: The library's files, shipped unchanged (the UMD build: a classic script that runs in order and
#: defines ``window.CookieConsent``, so it needs no bundler or module script), and its licence.
VENDOR_FILES = ("cookieconsent.umd.js", "cookieconsent.css")
LICENSE_FILE = "cookieconsent-LICENSE.txt"
CONFIG_FILE = "policygen-banner.js"
SNIPPET_FILE = "snippet.html"
GUI_OPTIONS = {
    # "reject all" beside "accept all", in the same style, on the first layer.
    "consentModal": {"layout": "box", "position": "bottom right", "equalWeightButtons": True, "flipButtons": False},
    "preferencesModal": {"layout": "box", "equalWeightButtons": True, "flipButtons": False},
}

MSG_NO_TOOL = N_(
    "policygen banner needs consent_tool with service: vanilla-cookieconsent and link: footer (or button), "
    "so that the policy names the banner and says where its settings are"
)
MSG_OTHER_TOOL = N_(
    "consent_tool.service is %(service)s, but the banner policygen makes is vanilla-cookieconsent; "
    "set consent_tool.service: vanilla-cookieconsent"
)
MSG_NO_LINK = N_(
    "the banner offers its settings through a link in the footer or a button on every page; "
    "set consent_tool.link: footer or button (instead of settings), so that the policy says which"
)


@dataclass(frozen=True)
class Made:
    """What the banner is made from, during the build step (before its ``Built`` exists)."""

    policy: Policy
    documents: Mapping[str, Document]


def _footer(built: Built | Made) -> bool:
    tool = built.policy.consent_tool
    return tool is not None and tool.link == "footer"


def vendor_dir() -> Path:
    return data_dir() / "vendor" / "cookieconsent"


def require_banner_tool(answers: Answers, path: Path, ui_lang: str) -> None:
    """The answers' consent tool must be this banner, with its settings in the footer or behind a
    button: otherwise the policy would describe another tool (a located ``AnswersError``)."""
    tool = answers.consent_tool
    if tool is None or tool.service is None:
        where: tuple[object, ...] = ("consent_tool",)
        text = gettext_for(ui_lang, MSG_NO_TOOL)
    elif tool.service != banner.TOOL:
        where = ("consent_tool", "service")
        text = gettext_for(ui_lang, MSG_OTHER_TOOL) % {"service": tool.service}
    elif tool.link is None:
        where = ("consent_tool", "settings")
        text = gettext_for(ui_lang, MSG_NO_LINK)
    else:
        return
    file, line, column = locate(path, where, ui_lang)
    raise AnswersError([Problem(file, line, column, ".".join(str(w) for w in where), text)])


def config(built: Built | Made, policy_urls: Mapping[str, str]) -> dict[str, Any]:
    """The banner's configuration: categories, Consent Mode, texts in every language rendered."""
    facts = banner.facts(built.policy)
    langs = tuple(built.documents)
    return {
        "link": facts.link,
        "defaultLanguage": langs[0],
        "settingsLabel": {lang: translations(lang, POLICY).gettext(T.SETTINGS) for lang in langs},
        "consentMode": {signal: list(found) for signal, found in facts.consent_mode.items()},
        "guiOptions": GUI_OPTIONS,
        "cookie": {"name": facts.cookie_name, "expiresAfterDays": facts.cookie_days},
        "categories": banner.categories_config(facts, langs[0]),
        "translations": {
            lang: banner.translation(facts, lang, banner.Links(policy_urls[lang], built.documents[lang]))
            for lang in langs
        },
    }


def config_js(data: Mapping[str, Any]) -> str:
    runtime = (data_dir() / "banner" / "runtime.js").read_text(encoding="utf-8")
    # "<" as \u003c: the script can be inlined into a page without "</script>" ending it.
    literal = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return runtime.replace("__POLICYGEN_BANNER__", literal)


def head_html(base_url: str) -> str:
    base = html.escape(base_url)
    return (
        f'<link rel="stylesheet" href="{base}cookieconsent.css">\n'
        f'<script src="{base}cookieconsent.umd.js"></script>\n'
        f'<script src="{base}{CONFIG_FILE}"></script>\n'
    )


def settings_link(lang: str) -> str:
    label = html.escape(translations(lang, POLICY).gettext(T.SETTINGS))
    return f'<a href="#" data-cc="show-preferencesModal">{label}</a>'


def snippet(built: Built | Made, base_url: str) -> str:
    """What to paste into a site's pages, with HTML comments (in English) saying where; the
    footer link in every language of the answers when the policy says it is in the footer."""
    categories = [c.id for c in banner.facts(built.policy).categories]
    example = next((c for c in categories if c != banner.NECESSARY), "analytics")
    lines = [
        "<!-- policygen consent banner: in the <head> of every page, before any Google tag or other script -->",
        head_html(base_url).rstrip("\n"),
        f'<!-- Categories: {", ".join(categories)}. Mark each script that needs consent with type="text/plain"',
        f'     and its category, e.g. <script type="text/plain" data-category="{example}" src="…"></script> -->',
    ]
    if _footer(built):
        lines.append("<!-- In the footer of every page (the policy says the cookie settings link is there): -->")
        lines += [f"<!-- {lang} --> {settings_link(lang)}" for lang in built.documents]
    else:
        lines.append("<!-- policygen-banner.js adds the cookie settings button to every page. -->")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class BannerOptions:
    #: The policy's address in each language (a pattern with {lang} is filled by ``policy_urls``).
    policy_urls: Mapping[str, str]
    #: Where the files are served from, as the snippet refers to them.
    base_url: str


def policy_urls(pattern: str, langs: tuple[str, ...]) -> dict[str, str]:
    return {lang: pattern.replace("{lang}", lang) for lang in langs}


def files(built: Built | Made, options: BannerOptions) -> dict[str, str]:
    """Every file of the banner, by name: the same for the same answers and options. (The library's
    files are ASCII with Unix line ends, so writing them as text keeps every byte.)"""
    vendor = vendor_dir()
    out = {name: (vendor / name).read_text(encoding="utf-8") for name in VENDOR_FILES}
    out[LICENSE_FILE] = (vendor / "LICENSE").read_text(encoding="utf-8")
    out[CONFIG_FILE] = config_js(config(built, options.policy_urls))
    out[SNIPPET_FILE] = snippet(built, options.base_url)
    return out


def inline_page(built: Built | Made, lang: str, page: str) -> str:
    """The policy's HTML page with the banner inside it (styles and scripts inlined, so the page
    still loads nothing from elsewhere), its links pointing into the page itself."""
    vendor = vendor_dir()
    css = (vendor / "cookieconsent.css").read_text(encoding="utf-8")
    umd = (vendor / "cookieconsent.umd.js").read_text(encoding="utf-8")
    data = config(built, {code: "" for code in built.documents})
    head = f"<style>\n{css}\n</style>\n<script>\n{umd}\n</script>\n<script>\n{config_js(data)}</script>\n"
    page = page.replace("</head>", head + "</head>", 1)
    if _footer(built):
        page = page.replace("</body>", f"<footer>{settings_link(lang)}</footer>\n</body>", 1)
    return page
