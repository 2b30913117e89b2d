"""Short notices under forms, and their consent checkboxes, from the same facts as the policy.

Each form the answers imply (the purposes' ``collected_via``, data/purposes.yaml and custom
purposes) gets a first-layer notice (WP260 paras 35-38) in each language: who the controller is,
each purpose of the form with its data, legal basis and whether the data must be given (and what
follows if not), how to withdraw consent where the form asks for it, the rights in one line, and
links to the policy's sections by the ids its headings carry. The text is rendered by the policy's
own Jinja environment (render.py) from ``templates/notices/``, with the policy's messages and
macros, so a notice cannot say anything the policy does not.

Each notice is given as Markdown, as an HTML fragment (the notice and one unticked
``<input type="checkbox">`` per consent purpose) and as JSON for developers who build their forms
themselves. Nothing here writes files: ``files`` returns them by relative path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .check import Cite, Ref
from .document import DOCUMENT_ID
from .html import markdown_parser
from .languages import language
from .mdtext import inline_text
from .policy import Activity, Policy
from .render import Renderer, environment
from .vocab import FORMS, OWN_FORM

if TYPE_CHECKING:
    from .extras import ExtraInput

#: Formats of ``files``: Markdown, an HTML fragment to put under the form, JSON.
NOTICE_FORMATS = ("md", "html", "json")
#: The JSON's shape; bumped when it changes.
JSON_VERSION = 1

#: The national rule that also requires a purpose's consent, as the checkbox cites it (the same
#: provisions `check` cites: PG004 for the newsletter). Rules without an entry are not cited there.
CONSENT_LAW_CITES: dict[str, Cite] = {
    "pke_398": Cite(Ref("398", law="pke")),
    "kp_221a": Cite(Ref("22¹a", law="kp")),
}

# A link to an anchor of the policy, as the templates write it: "](#purpose-contact)".
_LOCAL_LINK = re.compile(r"(?<!\\)\]\(#([A-Za-z][\w-]*)\)")
#: What --policy-url may be: a URL or a path, without what would end a Markdown link or break HTML.
POLICY_URL = re.compile(r"[^\s()<>\"'\\`]+")


@dataclass(frozen=True)
class Form:
    """One form and the purposes its data serve, in the policy's order."""

    id: str  # a vocab.FORMS id, or OWN_FORM for a custom purpose with a form of its own
    activities: tuple[Activity, ...]
    #: The custom purpose whose own form this is (its title names the form).
    purpose: Activity | None = None

    @property
    def name(self) -> str:
        """A file name for the notice: ``contact-form``, or ``form-<purpose>`` for an own form."""
        if self.purpose is not None:
            return "form-" + self.purpose.id.replace("_", "-")
        return self.id.replace("_", "-")

    @property
    def consents(self) -> tuple[Activity, ...]:
        """The purposes of the form based on consent: one checkbox each."""
        return tuple(a for a in self.activities if a.basis == "consent")

    def has_basis(self, *bases: str) -> bool:
        return any(a.basis in bases for a in self.activities)

    @property
    def marketing(self) -> bool:
        """Direct marketing, which one can always object to (Art. 21(2) GDPR)."""
        return any(a.id in ("newsletter", "marketing") for a in self.activities)


def forms(policy: Policy) -> tuple[Form, ...]:
    """The forms the policy's purposes are collected through, built-in forms first (``FORMS``
    order), then the custom purposes' own forms in the policy's order."""
    grouped: dict[str, list[Activity]] = {ident: [] for ident in FORMS}
    own: list[Form] = []
    for activity in policy.activities:
        if activity.collected_via == OWN_FORM:
            own.append(Form(OWN_FORM, (activity,), activity))
        elif activity.collected_via is not None:
            grouped[activity.collected_via].append(activity)
    return tuple(Form(ident, tuple(items)) for ident, items in grouped.items() if items) + tuple(own)


@dataclass(frozen=True)
class Checkbox:
    purpose: str
    #: The label as inline Markdown (user values escaped).
    label: str

    @property
    def name(self) -> str:
        return "consent-" + self.purpose.replace("_", "-")


@dataclass(frozen=True)
class Notice:
    lang: str
    form: Form
    #: The notice as Markdown, its links pointed at the policy.
    markdown: str
    checkboxes: tuple[Checkbox, ...]
    #: The address of the policy in this language, as the links use it.
    policy_url: str


def consent_law_cite(activity: Activity, lang: str) -> str:
    """The national rule behind a purpose's consent, cited in ``lang``'s style ("" for none)."""
    cite = CONSENT_LAW_CITES.get(activity.consent_law or "")
    return cite.text(lang) if cite is not None else ""


def relink(markdown: str, policy_url: str) -> str:
    """Links to the policy's anchors made links into the policy at ``policy_url``."""

    def target(match: re.Match[str]) -> str:
        ident = match.group(1)
        return f"]({policy_url})" if ident == DOCUMENT_ID else f"]({policy_url}#{ident})"

    return _LOCAL_LINK.sub(target, markdown)


def render_notice(policy: Policy, form: Form, lang: str, policy_url: str) -> Notice:
    """The notice under ``form`` in ``lang``, linking to the policy at ``policy_url``."""
    env = environment(lang)
    text = env.get_template("notices/notice.md.j2").render(policy=policy, form=form)
    checkbox = env.get_template("notices/checkbox.md.j2")
    boxes = tuple(Checkbox(a.id, checkbox.render(a=a, law=consent_law_cite(a, lang)).strip()) for a in form.consents)
    return Notice(lang, form, relink(text.strip() + "\n", policy_url), boxes, policy_url)


def to_markdown(notice: Notice) -> str:
    """The notice, then its checkboxes as an unticked task list."""
    if not notice.checkboxes:
        return notice.markdown
    boxes = "\n".join(f"- [ ] {box.label}" for box in notice.checkboxes)
    return f"{notice.markdown}\n{boxes}\n"


def to_html(notice: Notice) -> str:
    """An HTML fragment: the notice, then one checkbox per consent purpose, never ticked."""
    parser = markdown_parser()
    parts = [f'<div class="policygen-notice" lang="{notice.lang}" data-form="{notice.form.name}">']
    parts.append(parser.render(notice.markdown).rstrip("\n"))
    for box in notice.checkboxes:
        ident = f"{notice.form.name}-{box.name}"
        label = parser.renderInline(box.label)
        parts.append(
            f'<p class="policygen-consent"><input type="checkbox" id="{ident}" name="{box.name}" value="yes"> '
            f'<label for="{ident}">{label}</label></p>'
        )
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def _plain(value: object) -> str:
    return inline_text(str(value)).strip()


def to_json(notice: Notice, policy: Policy) -> str:
    """The notice's facts and words for developers who render forms themselves."""
    words = Renderer(notice.lang)
    shared = environment(notice.lang).get_template("shared.md.j2").module
    url = notice.policy_url
    purposes = []
    for a in notice.form.activities:
        anchor = "purpose-" + a.id.replace("_", "-")
        purposes.append(
            {
                "id": a.id,
                "title": _plain(words.purpose_title(a)),
                "basis": a.basis,
                "legal_basis": _plain(shared.legal_basis(a)),  # type: ignore[attr-defined]
                "data": [_plain(words.label("data", d)) for d in a.data],
                "requirement": a.requirement,
                "required": a.requirement in ("contract", "law"),
                "requirement_text": _plain(words.label("requirement", a.requirement)),
                "if_not_given": _plain(words.consequence(a)) or None,
                "anchor": anchor,
                "link": f"{url}#{anchor}",
            }
        )
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "lang": notice.lang,
        "form": notice.form.id,
        "name": notice.form.name,
        "controllers": [_controller(c) for c in policy.controllers],
        "joint_controllers": policy.joint is not None,
        "contact_email": policy.contact.email,
        "purposes": purposes,
        "withdrawal": _withdrawal(notice),
        "rights": _rights(notice),
        "policy": {"url": url, "controller_link": f"{url}#controller", "rights_link": f"{url}#rights"},
        "checkboxes": [
            {
                "purpose": box.purpose,
                "name": box.name,
                "label": _plain(box.label),
                "checked": False,
                "required": False,
            }
            for box in notice.checkboxes
        ],
        "markdown": to_markdown(notice),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _controller(c: Any) -> dict[str, Any]:
    a = c.address
    return {
        "name": c.name,
        "address": {"street": a.street, "postal_code": a.postal_code, "city": a.city, "country": a.country},
        "email": c.email,
        "phone": c.phone,
    }


def _line(notice: Notice, start: str) -> str | None:
    """The plain text of the notice's list item that starts with ``start`` (a label in bold)."""
    for line in notice.markdown.splitlines():
        if line.startswith(f"- **{start}"):
            return _plain(line[2:])
    return None


def _withdrawal(notice: Notice) -> str | None:
    if not notice.form.consents:
        return None
    return _line(notice, str(Renderer(notice.lang).label("right", "withdraw_consent")))


def _rights(notice: Notice) -> str | None:
    """The rights line: the one item that links to the policy's section on rights."""
    link = f"]({notice.policy_url}#rights)"
    return next((_plain(line[2:]) for line in notice.markdown.splitlines() if link in line), None)


def files(
    policy: Policy, langs: tuple[str, ...], policy_url: Callable[[str], str], formats: tuple[str, ...] = NOTICE_FORMATS
) -> dict[str, bytes]:
    """Every notice in every language and format, by path relative to the notices' folder:
    ``<lang>/<form name>.<md|html|json>``. ``policy_url(lang)`` is the policy's address in that
    language as seen from ``<lang>/``."""
    out: dict[str, bytes] = {}
    for lang in langs:
        language(lang)  # an unknown language is refused
        for form in forms(policy):
            notice = render_notice(policy, form, lang, policy_url(lang))
            views = {"md": to_markdown, "html": to_html, "json": lambda n: to_json(n, policy)}
            for fmt in formats:
                out[f"{lang}/{form.name}.{fmt}"] = views[fmt](notice).encode("utf-8")
    return out


def extra_outputs(given: ExtraInput) -> dict[str, bytes]:
    """``build --with notices`` (extras.py): every notice, linking to the policy pages the build writes."""
    made = files(given.policy, given.langs, lambda lang: given.policy_link(lang, f"notices/{lang}"))
    return {f"notices/{path}": data for path, data in made.items()}
