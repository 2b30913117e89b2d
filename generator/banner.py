"""The consent banner: its categories, services and cookies, taken from the derived policy, as a
configuration of CookieConsent 3 (the ``vanilla-cookieconsent`` npm package, MIT, shipped in
``data/vendor/cookieconsent/``), with its text in every language of the answers.

Nothing legal is decided here: the categories are the policy's purposes on consent under the
device rule (art. 399 PKE / art. 5(3) ePrivacy), with the services derive attached to them; the
cookies and whether each needs consent are the policy's cookie table; a tool that needs consent
but serves none of those purposes goes into one more category. ``layout`` turns the result into
files (banner_files.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from . import bannertext as T
from .document import Document
from .fields import Text, text_in
from .i18n import POLICY, translations
from .languages import SOURCE
from .mdtext import inline_text
from .policy import CookieLine, Policy
from .purposes import purpose_data
from .resources import data_dir
from .retention import word_lifetime
from .servicedef import ServiceDef

#: The catalogue entry of the library: the answers' consent_tool.service must name it.
TOOL = "vanilla-cookieconsent"
LIBRARY_VERSION = "3.1.0"
NECESSARY = "necessary"
OTHER = "other"
#: The section of the policy the banner links to, and the anchor of a purpose's part of it.
COOKIES_SECTION = "cookies"


@dataclass(frozen=True)
class BannerService:
    id: str
    name: Text
    cookies: tuple[CookieLine, ...]
    #: The provider publishes no full list of what it stores (the policy's list of such tools).
    unlisted: bool = False
    #: Where the provider describes what it stores (for an unlisted one).
    description: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    services: tuple[BannerService, ...]
    #: The policy's purpose this category is (None: necessary, or tools outside those purposes).
    purpose: str | None = None

    @property
    def necessary(self) -> bool:
        return self.id == NECESSARY


@dataclass(frozen=True)
class BannerFacts:
    categories: tuple[Category, ...]
    #: Consent Mode signal -> the categories that must all be accepted to grant it.
    consent_mode: dict[str, tuple[str, ...]]
    cookie_name: str
    cookie_days: int
    link: str  # "footer" or "button": where people reopen the settings (the answers' consent_tool.link)


def purpose_anchor(purpose: str) -> str:
    """The id of a purpose's part of the policy (templates/purposes.md.j2: ``"purpose-" ~ id|anchor``)."""
    return "purpose-" + purpose.replace("_", "-")


def facts(policy: Policy) -> BannerFacts:
    """The banner's categories from the policy. The policy's consent tool must be this banner
    (``check_answers`` in banner_files.py says so with a location before this is called)."""
    assert policy.consent_tool is not None and policy.consent_tool.link is not None
    tool = next(s for s in policy.services if s.id == TOOL)
    own = tool.cookies[0]
    categories = _categories(policy)
    return BannerFacts(
        categories,
        _consent_mode(categories),
        own.name,
        _days(own.lifetime),
        policy.consent_tool.link,
    )


def _days(lifetime: str) -> int:
    number, unit = lifetime.split()
    if not unit.startswith("day"):
        raise ValueError(f"the banner's cookie lifetime must be in days, not {lifetime!r}")
    return int(number)


def _categories(policy: Policy) -> tuple[Category, ...]:
    """Necessary first, then one category per consent purpose under the device rule (in the policy's
    order, with the services derive attached to it), then the other tools that need consent; each
    service with the rows of the policy's cookie table on that side of consent."""
    device = purpose_data().consent_laws["device"]
    purposes = [a for a in policy.activities if a.basis == "consent" and a.consent_law in device]
    home: dict[str, str] = {}
    for activity in purposes:
        for sid in activity.services:
            home.setdefault(sid, activity.id)
    members: dict[str, list[BannerService]] = {NECESSARY: [], **{a.id: [] for a in purposes}, OTHER: []}
    unlisted = {s.id for s in policy.cookies_unlisted}
    lines = {(c.name, c.provider): c for c in policy.cookies}
    for service in policy.services:
        rows = tuple(lines.pop((c.name, service.name)) for c in service.cookies if (c.name, service.name) in lines)
        needed = tuple(r for r in rows if r.consent)
        free = tuple(r for r in rows if not r.consent)
        place = home.get(service.id) or (OTHER if service.consent_needed else None)
        if place is not None:
            members[place].append(_service(service, needed, service.id in unlisted))
        if free:
            members[NECESSARY].append(BannerService(service.id, service.name, free))
    for index, (provider, rows) in enumerate(_by_provider(tuple(lines.values())), 1):
        for place, group in (
            (NECESSARY, tuple(r for r in rows if not r.consent)),
            (OTHER, tuple(r for r in rows if r.consent)),
        ):
            if group:
                members[place].append(BannerService(f"own-{index}", provider, group))
    ids = {a.id for a in purposes}
    return tuple(
        Category(cid, tuple(found), cid if cid in ids else None)
        for cid, found in members.items()
        if found or cid == NECESSARY
    )


def _service(service: ServiceDef, rows: tuple[CookieLine, ...], unlisted: bool) -> BannerService:
    described = str(service.links.cookies or service.links.privacy) if unlisted else None
    return BannerService(service.id, service.name, rows, unlisted, described)


def _by_provider(rows: tuple[CookieLine, ...]) -> list[tuple[str, tuple[CookieLine, ...]]]:
    """The answers' own cookies (custom_cookies), grouped by provider in the order they come."""
    groups: dict[str, list[CookieLine]] = {}
    for row in rows:
        groups.setdefault(row.provider, []).append(row)
    return [(provider, tuple(found)) for provider, found in groups.items()]


@cache
def consent_mode_data() -> dict[str, Any]:
    with (data_dir() / "banner" / "consent-mode.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def _consent_mode(categories: tuple[Category, ...]) -> dict[str, tuple[str, ...]]:
    """Every signal denied by default when a service that reads Consent Mode is used; a signal
    is granted when all the categories of the services that read it are accepted."""
    data = consent_mode_data()
    reading: dict[str, list[str]] = {signal: [] for signal in data["signals"]}
    for category in categories:
        for service in category.services:
            for signal in data["services"].get(service.id, ()):
                if category.id not in reading[signal]:
                    reading[signal].append(category.id)
    if not any(reading.values()):
        return {}
    return {signal: tuple(found) for signal, found in reading.items()}


# -- the configuration ------------------------------------------------------------------------------


def cookie_pattern(name: str) -> str:
    """A regular expression for a cookie name as the catalogue writes it: ``<container-id>`` and
    ``*`` stand for any text (``_ga_<container-id>`` -> ``^_ga_.+$``)."""
    parts = re.split(r"(<[^<>]*>|\*)", name)
    return "^" + "".join(".+" if p.startswith("<") else ".*" if p == "*" else re.escape(p) for p in parts) + "$"


def _clearable(rows: tuple[CookieLine, ...]) -> list[str]:
    """The cookies the library can delete when a category is rejected: cookies (not local storage
    or pixels) set on the website's own domain."""
    return list(dict.fromkeys(cookie_pattern(r.name) for r in rows if r.kind == "cookie" and r.party == "first"))


def categories_config(banner: BannerFacts, lang: str = SOURCE) -> dict[str, Any]:
    """The library's categories; ``lang`` names the services (its labels have no translations)."""
    out: dict[str, Any] = {}
    for category in banner.categories:
        entry: dict[str, Any] = {"enabled": category.necessary, "readOnly": category.necessary}
        if not category.necessary:
            rows = tuple(r for s in category.services for r in s.cookies)
            entry["autoClear"] = {"cookies": _clearable(rows), "reloadPage": False}
            entry["services"] = {
                s.id: {"label": html.escape(_text(s.name, lang)), "cookies": _clearable(s.cookies)}
                for s in category.services
            }
        out[category.id] = entry
    return out


@dataclass(frozen=True)
class Links:
    """Where the policy is, in one language, and its rendered document (titles and anchors)."""

    policy_url: str
    document: Document


def translation(banner: BannerFacts, lang: str, links: Links) -> dict[str, Any]:
    t = translations(lang, POLICY)
    _ = t.gettext
    doc = links.document
    cookies = doc.section(COOKIES_SECTION)
    assert cookies is not None, "a policy with a consent tool has a cookies section"
    footer = "\n".join(
        (
            _link(links.policy_url or f"#{doc.id}", inline_text(doc.title)),
            _link(f"{links.policy_url}#{cookies.id}", inline_text(cookies.title)),
        )
    )
    buttons = {"acceptAllBtn": _(T.ACCEPT_ALL), "acceptNecessaryBtn": _(T.REJECT_ALL)}
    return {
        "consentModal": {
            "title": html.escape(_(T.TITLE)),
            "description": html.escape(_(T.INTRO)),
            **{k: html.escape(v) for k, v in buttons.items()},
            "showPreferencesBtn": html.escape(_(T.SETTINGS)),
            "footer": footer,
        },
        "preferencesModal": {
            "title": html.escape(_(T.SETTINGS)),
            **{k: html.escape(v) for k, v in buttons.items()},
            "savePreferencesBtn": html.escape(_(T.SAVE)),
            "closeIconLabel": html.escape(_(T.CLOSE)),
            "sections": [
                {"title": html.escape(_(T.CHOICES_TITLE)), "description": html.escape(_(T.CHOICES))},
                *(_section(category, lang, links) for category in banner.categories),
            ],
        },
    }


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def _section(category: Category, lang: str, links: Links) -> dict[str, Any]:
    t = translations(lang, POLICY)
    _ = t.gettext
    anchor = purpose_anchor(category.purpose) if category.purpose else COOKIES_SECTION
    part = links.document.section(anchor)
    assert part is not None, f"the policy has no part {anchor}"
    if category.necessary:
        title, lead = _(T.NECESSARY_TITLE), _(T.NECESSARY)
    elif category.purpose is None:
        title, lead = _(T.OTHER_TITLE), _(T.OTHER)
    else:
        title, lead = inline_text(part.title), ""
    names = ", ".join(html.escape(_text(s.name, lang)) for s in _unique(category.services))
    more = _(T.MORE) % {"link": "\0"}
    sentences = [html.escape(lead)] if lead else []
    sentences.append(html.escape(_(T.SERVICES) % {"services": "\0"}).replace("\0", names))
    sentences += [_unlisted(s, lang) for s in category.services if s.unlisted]
    link = _link(f"{links.policy_url}#{part.id}", inline_text(part.title))
    sentences.append(html.escape(more).replace("\0", link))
    section: dict[str, Any] = {"title": html.escape(title), "description": " ".join(s for s in sentences if s)}
    section["linkedCategory"] = category.id
    rows = [(s, r) for s in category.services for r in s.cookies]
    if rows:
        section["cookieTable"] = {
            "headers": {
                "name": html.escape(_(T.NAME)),
                "service": html.escape(_(T.SERVICE)),
                "lifetime": html.escape(_(T.LIFETIME)),
                "purpose": html.escape(_(T.PURPOSE)),
            },
            "body": [
                {
                    "name": html.escape(r.name),
                    "service": html.escape(_text(s.name, lang)),
                    "lifetime": html.escape(word_lifetime(t, r.lifetime)),
                    "purpose": html.escape(_text(r.purpose, lang)),
                }
                for s, r in rows
            ],
        }
    return section


def _unique(services: tuple[BannerService, ...]) -> list[BannerService]:
    return list({s.name: s for s in services}.values())


def _unlisted(service: BannerService, lang: str) -> str:
    _ = translations(lang, POLICY).gettext
    url = service.description
    text = html.escape(_(T.UNLISTED) % {"service": "\0", "link": "\1"}).replace(
        "\0", html.escape(_text(service.name, lang))
    )
    return text.replace("\1", _link(str(url), _(T.UNLISTED_LINK)) if url else html.escape(_(T.UNLISTED_LINK)))


def _text(value: Text, lang: str) -> str:
    return text_in(value, lang)
