"""The derived policy as flat facts: what ``policygen diff`` compares.

``flatten`` walks a ``Policy`` generically (dataclasses, pydantic models, tuples) into a mapping
from a path to a plain, hashable value. Every field is a fact unless ``HIDDEN`` or ``RULES`` below
say that it never reaches the text, or reaches it only in another form; so a field added to the
policy is compared by default, and the property test (``tests/test_diff_property.py``: ``compare``
is empty exactly when the rendered Markdown is identical in every language) finds a fact that is
compared but never printed, or printed but not compared.

- Paths are field names and, in lists of items, each item's identity: what the reader sees of it
  (a purpose's id, which is its anchor; a recipient's entity and service; a cookie's provider and
  name; …), never an id that is not printed. Two items with the same identity are told apart by
  their place (``x``, ``x (2)``).
- A keyed list also has an ``ORDER`` fact, since the text shows its items in that order.
- An item of a keyed list, and an optional object that is there, has the fact ``PRESENT`` at its own
  path; what lies under something only one side has is part of its being added or removed.
- Free text (a string, or a text per language) is normalised over the languages compared: one
  string when every language says the same, else the tuple of the texts in those languages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from .fields import LangText, text_in
from .languages import SOURCE, language
from .model import AutomatedDecision, ConsentTool, Controller
from .policy import Activity, Authority, Policy, Right, TransferLine
from .servicedef import Links, ServiceDef

Rule = Callable[[Any, Any, "Scope"], object]


class Marker:
    """A fact value or path part that no user value can be equal to."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


PRESENT = Marker("present")
ORDER = Marker("order")
#: Cookie consent is withdrawn by writing to the contact address (no consent tool is named).
BY_WRITING = Marker("by writing")

Path = tuple[object, ...]
Leaf = (str, int, float, Decimal, date, Marker)


@dataclass(frozen=True)
class Scope:
    policy: Policy
    langs: tuple[str, ...]

    def text(self, value: str | LangText) -> object:
        if isinstance(value, str):
            return value
        texts = tuple(text_in(value, lang) for lang in self.langs)
        return texts[0] if len(set(texts)) == 1 else texts


def _name(value: str | LangText, scope: Scope) -> str:
    """A name as one comparable string: the same in every language, or its names joined."""
    texts = scope.text(value)
    return texts if isinstance(texts, str) else " | ".join(map(str, texts))


@dataclass
class Facts:
    values: dict[Path, object]
    #: Each item of a keyed list (and the policy at ``()``), for wording a change.
    items: dict[Path, object]

    def present(self) -> set[Path]:
        return {path for path, value in self.values.items() if value is PRESENT}


# -- what never reaches the text -----------------------------------------------------------------

#: Fields of a type that the policy never prints, wherever the type appears, and why.
HIDDEN: dict[type, dict[str, str]] = {
    ServiceDef: {
        "id": "not printed; services appear by name",
        "category": "decides which purposes it serves: activities.<id>.services",
        "purpose": "not printed",
        "data": "not printed (the purposes state the data)",
        "transfers": "stated as Policy.transfers / transfers_unknown",
        "cookies": "stated as Policy.cookies",
        "cookies_complete": "stated as Policy.cookies_unlisted",
        "hosts": "not printed (used by the site scanner)",
        "sources": "not printed (the catalogue's evidence)",
        "self_hosted": "stated through Policy.recipients and the cookies' access",
    },
    Right: {"id": "the right's identity: its path"},
    Authority: {"country": "the authority's identity: its path"},
    Links: {
        "opt_out": "not printed",
        "dpa": "not printed",
        "cookies": "printed only for tools whose storage is not listed: cookies_unlisted",
    },
    Controller: {"id": "not printed; controllers are keyed by their place in the list"},
    ConsentTool: {"service": "not printed; the tool is a recipient like any other service"},
    AutomatedDecision: {
        "data": "stated with the decision's purpose, activities.automated_decision_<n>",
        "retention": "stated with the decision's purpose, activities.automated_decision_<n>",
    },
    Activity: {
        "id": "the purpose's identity: its path",
        "interest_text": "printed instead of the interest: activities.<id>.interest",
        "obligation_text": "printed instead of the obligation: activities.<id>.obligation",
        "source_text": "printed instead of the source: activities.<id>.source",
        "collected_via": "not printed in the policy; the short notices under the forms use it",
    },
}

#: Controller fields the identity clause prints only for some legal forms.
_FORM_FIELDS = {
    "sole_trader": {"owner", "nip", "regon"},
    "foreign_company": {"registry", "company_code", "vat_id"},
    "": {"seat", "krs", "registry_court", "nip", "regon", "share_capital"},
}
_FORM_DEPENDENT = set().union(*_FORM_FIELDS.values())


def _controller(c: Controller, owner: object, scope: Scope) -> dict[str, object]:
    shown = _FORM_FIELDS.get(c.legal_form, _FORM_FIELDS[""])
    hidden = HIDDEN[Controller].keys() | (_FORM_DEPENDENT - shown)
    return {name: getattr(c, name) for name in type(c).model_fields if name not in hidden}


def _joint(joint: Any, policy: Policy, scope: Scope) -> dict[str, object] | None:
    """References to controllers as the text names them; ``contact`` is where people write."""
    if joint is None:
        return None
    name = {c.id: c.name for c in policy.controllers}
    view = {k: getattr(joint, k) for k in type(joint).model_fields}
    view.update(
        contact_point=name.get(joint.contact_point) if joint.contact_point else None,
        requests_handled_by=name[joint.requests_handled_by],
        information_by=name[joint.information_by],
        contact=policy.contact.email,
    )
    return view


def _consent_tool(tool: ConsentTool | None, policy: Policy, scope: Scope) -> object:
    """How cookie consent is withdrawn, which the policy says only when something needs consent."""
    if not policy.cookie_consent:
        return None
    return BY_WRITING if tool is None else (tool.settings or tool.link)


def _instead(own: str) -> Rule:
    """The user's own wording, printed instead of a vocabulary id (interest, obligation, source)."""
    return lambda value, owner, scope: value if getattr(owner, own) is None else getattr(owner, own)


def _owner_gender(value: object, owner: object, scope: Scope) -> object:
    """The owner's gender shows only in languages whose grammar agrees with it."""
    return value if any(language(lang).owner_gender for lang in scope.langs) else None


def _unlisted(s: ServiceDef, owner: object, scope: Scope) -> dict[str, object]:
    return {"entity": s.entity.name, "link": s.links.cookies or s.links.privacy}


def _recipient_service(s: ServiceDef, owner: object, scope: Scope) -> dict[str, object]:
    """The arrangement's link is printed for joint controllers only."""
    view = {name: getattr(s, name) for name in type(s).model_fields if name not in HIDDEN[ServiceDef]}
    links = {name: getattr(s.links, name) for name in type(s.links).model_fields if name not in HIDDEN[Links]}
    if s.role != "joint_controller":
        links["arrangement"] = None
    return {**view, "links": links}


#: Values that reach the text only in another form, by path ("*": any item; first match wins).
RULES: dict[str, Rule] = {
    "languages": lambda value, owner, scope: tuple(sorted(set(value))),
    "controllers.*": _controller,
    # Grammatical agreement ("prowadzący / prowadząca"), in the languages that have it.
    "controllers.*.owner.gender": _owner_gender,
    "joint": _joint,
    "consent_tool": _consent_tool,
    # The summary names the tools used only with consent, in this order; the rest of what it
    # knows about services is printed through recipients, transfers, cookies and purposes.
    "services": lambda value, owner, scope: tuple(_name(s.name, scope) for s in value if s.consent_needed),
    "activities.*.interest": _instead("interest_text"),
    "activities.*.obligation": _instead("obligation_text"),
    "activities.*.source": _instead("source_text"),
    # The "profiling" purpose describes the profiling itself instead of the generic sentence.
    "activities.*.profiling": lambda value, a, scope: value and a.id != "profiling",
    "activities.*.services": lambda value, a, scope: tuple(_name(n, scope) for n in scope.policy.service_names(value)),
    # Each tool with the period it keeps the data for (None: the period set in the tool), one fact.
    "activities.*.retention.tools": lambda value, r, scope: tuple(
        f"{text_in(name, SOURCE)}: {kept or ''}" for name, kept in value
    ),
    "recipients.*.activities": lambda value, r, scope: () if r.all_purposes else value,
    # The entity's country follows its address, and only outside Poland.
    "recipients.*.service.entity.country": lambda value, e, scope: value if e.address and value != "PL" else None,
    "recipients.*.service": _recipient_service,
    "transfers.*.service": lambda value, t, scope: _name(value.name, scope),
    "transfers.*.dpf": lambda value, t, scope: bool(value and t.mechanism != "dpf"),
    "transfers_unknown.*": lambda value, owner, scope: {},
    "transfers_unknown_controllers.*": lambda value, owner, scope: {},
    "cookies_unlisted.*": _unlisted,
    "automated_decisions.*.safeguards": lambda value, d, scope: value and d.basis != "law",
    "children_min_age": lambda value, p, scope: value if p.directed_at_children else None,
}


def _recipient_key(service: ServiceDef) -> str:
    return f"{service.entity.name} / {service.name_in(SOURCE)}"


def transfer_key(t: TransferLine) -> str:
    return f"{t.recipient} ({t.country or '-'}, {t.service.name_in(SOURCE)})"


def _text_key(value: str | LangText, scope: Scope) -> str:
    text = scope.text(value)
    return text if isinstance(text, str) else " / ".join(text)  # type: ignore[arg-type]


Key = Callable[[Any, int, Scope], str]

#: The identity of the items of each list of objects (scalar lists are keyed by the value).
KEYS: dict[str, Key] = {
    "controllers": lambda c, i, scope: str(i + 1),
    "activities": lambda a, i, scope: a.id,
    "recipients": lambda r, i, scope: _recipient_key(r.service),
    "transfers": lambda t, i, scope: transfer_key(t),
    "transfers_unknown": lambda s, i, scope: _recipient_key(s),
    "transfers_unknown_controllers": lambda s, i, scope: _recipient_key(s),
    "cookies": lambda c, i, scope: f"{text_in(c.provider, SOURCE)}|{c.name}",
    "cookies_unlisted": lambda s, i, scope: _name(s.name, scope),
    "rights": lambda r, i, scope: r.id,
    "authorities": lambda a, i, scope: a.country,
    "automated_decisions": lambda d, i, scope: _text_key(d.name, scope),
    "changes": lambda c, i, scope: c.date.isoformat(),
    "intermediary.pickup_points": lambda point, i, scope: point.name,
    # Lists of plain values whose items are facts of their own (added, removed, moved).
    "recipient_categories": lambda value, i, scope: str(value),
    "security": lambda value, i, scope: str(value),
    "sections": lambda value, i, scope: str(value),
}


# -- the walk ---------------------------------------------------------------------------------------


def flatten(policy: Policy, langs: tuple[str, ...]) -> Facts:
    """The facts of ``policy``, with free text compared in ``langs``."""
    scope = Scope(policy, langs)
    facts = Facts({}, {(): policy})
    _members(policy, (), scope, facts)
    return facts


def matches(pattern: tuple[str, ...], path: Path) -> bool:
    """``*`` is any one item key or field, ``**`` any number of them (also none), ``#order`` the
    order of a list."""
    if not pattern:
        return not path
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(matches(rest, path[i:]) for i in range(len(path) + 1))
    if not path:
        return False
    step = path[0]
    fits = step is ORDER if head == "#order" else step is not ORDER and head in ("*", step)
    return fits and matches(rest, path[1:])


def _find(table: Mapping[str, Any], path: Path) -> Any:
    return next((v for k, v in table.items() if matches(tuple(k.split(".")), path)), None)


def _walk(value: object, path: Path, owner: object, scope: Scope, facts: Facts) -> None:
    rule = _find(RULES, path)
    if rule is not None:
        value = rule(value, owner, scope)
    if value is None or isinstance(value, Leaf):
        facts.values[path] = value
    elif isinstance(value, LangText):
        facts.values[path] = scope.text(value)
    elif isinstance(value, tuple | list):
        _sequence(value, path, owner, scope, facts)
    else:
        facts.values[path] = PRESENT
        _members(value, path, scope, facts)


def _sequence(items: tuple | list, path: Path, owner: object, scope: Scope, facts: Facts) -> None:
    key = _find(KEYS, path)
    if key is None:
        if not all(isinstance(item, Leaf) for item in items):
            raise TypeError(f"no identity for the items of {'.'.join(map(str, path))} (facts.KEYS)")
        facts.values[path] = tuple(items)
        return
    keys = _unique([key(item, i, scope) for i, item in enumerate(items)])
    facts.values[(*path, ORDER)] = tuple(keys)
    for ident, item in zip(keys, items, strict=True):
        facts.items[(*path, ident)] = item
        if not isinstance(item, Leaf):
            _walk(item, (*path, ident), owner, scope, facts)
        facts.values[(*path, ident)] = PRESENT


def _unique(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key} ({seen[key]})")
    return out


def _members(value: object, path: Path, scope: Scope, facts: Facts) -> None:
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif dataclasses.is_dataclass(value):
        pairs = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
    elif isinstance(value, BaseModel):
        pairs = [(name, getattr(value, name)) for name in type(value).model_fields]
    else:
        raise TypeError(f"no facts for a value of type {type(value).__name__} at {'.'.join(map(str, path))}")
    hidden = HIDDEN.get(type(value), {})
    for name, member in pairs:
        if name not in hidden:
            _walk(member, (*path, name), value, scope, facts)
