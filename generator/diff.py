"""What changed in substance between two versions of a policy, and whether people must be told.

Levels follow the transparency guidelines (WP260 rev.01, paras 29–30), which the policy's own
"changes" section promises to keep:

- ``advance``: fundamental changes, to be notified well in advance: more recipients or categories
  of recipients, new transfers outside the EEA (para 30's two examples);
- ``required``: always to be notified actively: a new purpose or new processing with its own
  effects (automated decisions, profiling), a change of controller, and any change in how people
  exercise their rights (the contact, the DPO, the EU representative, who answers requests among
  joint controllers, the legal basis, which decides which rights apply, and the way to withdraw
  cookie consent) (para 29);
- ``recommended``: other substantive changes the policy states (retention, safeguards of a
  transfer, cookies, the joint arrangement, children): publish and tell people;
- ``info``: something stops or shrinks: publish the new version.

The module returns facts; ``describe`` words them in the interface language, with the policy's
own vocabulary (``terms.py``), never raw ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_, gettext_for
from .policy import Activity, CookieLine, Policy, TransferLine
from .terms import Country, Joined, Label, Listing, Msg, Period, Years, say

#: How strongly a change must be communicated, weakest first.
LEVELS = ("info", "recommended", "required", "advance")
LEVEL_LABELS = {
    "info": N_("information"),
    "recommended": N_("notify (recommended)"),
    "required": N_("notify"),
    "advance": N_("notify in advance"),
}

KINDS: dict[str, tuple[str, str]] = {
    # Fundamental (WP260 para 30).
    "recipient_added": ("advance", N_("new recipient: %(item)s")),
    "recipient_category_added": ("advance", N_("new category of recipients: %(item)s")),
    "transfer_added": ("advance", N_("new transfer outside the EEA: %(item)s")),
    # Always notified (WP260 para 29).
    "purpose_added": ("required", N_("new purpose: %(item)s")),
    "basis_changed": ("required", N_("legal basis of the purpose “%(item)s” changed: %(old)s → %(new)s")),
    "controller_changed": ("required", N_("controller changed: %(old)s → %(new)s")),
    "contact_changed": ("required", N_("contact for exercising rights changed: %(old)s → %(new)s")),
    "dpo_changed": ("required", N_("Data Protection Officer changed: %(old)s → %(new)s")),
    "representative_changed": ("required", N_("representative in the EU changed: %(old)s → %(new)s")),
    "joint_requests_changed": (
        "required",
        N_("controller that answers requests to exercise rights changed: %(old)s → %(new)s"),
    ),
    "consent_tool_added": ("required", N_("cookie consent can now be changed or withdrawn using %(new)s")),
    "consent_tool_removed": (
        "required",
        N_("no consent tool any more: cookie consent is withdrawn by writing to %(new)s"),
    ),
    "automated_decision_added": ("required", N_("new automated decision: %(item)s")),
    "automated_decision_safeguards_changed": (
        "required",
        N_("the legal basis or the safeguards of the automated decision “%(item)s” changed"),
    ),
    "profiling_added": ("required", N_("new profiling: %(item)s")),
    # Other substantive changes.
    "retention_changed": ("recommended", N_("retention for the purpose “%(item)s” changed: %(old)s → %(new)s")),
    "transfer_changed": ("recommended", N_("transfer mechanism for %(item)s changed: %(old)s → %(new)s")),
    "recipient_role_changed": ("recommended", N_("role of %(item)s changed: %(old)s → %(new)s")),
    "consent_settings_changed": (
        "recommended",
        N_("where people change their cookie choices changed: using %(old)s → using %(new)s"),
    ),
    "consent_cookie_added": (
        "recommended",
        N_("new cookie that needs consent: %(item)s; ask for consent again before it is set"),
    ),
    "unlisted_storage_added": (
        "recommended",
        N_(
            "new tool that stores information on the device without a full list of it (used only with consent): "
            "%(item)s"
        ),
    ),
    "cookie_changed": ("recommended", N_("cookie %(item)s changed: %(old)s → %(new)s")),
    "automated_decision_changed": (
        "recommended",
        N_("how the automated decision “%(item)s” works or what it means for people changed"),
    ),
    "profiling_changed": ("recommended", N_("description of profiling changed: %(old)s → %(new)s")),
    "joint_arrangement_changed": (
        "recommended",
        N_("the essence of the joint controllers' arrangement changed: %(item)s"),
    ),
    "children_directed": ("recommended", N_("the services are now also directed at children")),
    "children_age_changed": (
        "recommended",
        N_("age from which children can consent themselves changed: %(old)s → %(new)s"),
    ),
    # Something stops.
    "purpose_removed": ("info", N_("purpose no longer used: %(item)s")),
    "recipient_removed": ("info", N_("recipient no longer used: %(item)s")),
    "recipient_category_removed": ("info", N_("category of recipients no longer used: %(item)s")),
    "transfer_removed": ("info", N_("transfer outside the EEA ended: %(item)s")),
    "cookie_added": ("info", N_("new strictly necessary cookie (no consent needed): %(item)s")),
    "cookie_removed": ("info", N_("cookie no longer used: %(item)s")),
    "unlisted_storage_removed": ("info", N_("tool without a full list of what it stores no longer used: %(item)s")),
    "automated_decision_removed": ("info", N_("automated decision no longer made: %(item)s")),
    "profiling_removed": ("info", N_("profiling no longer used: %(item)s")),
    "children_not_directed": ("info", N_("the services are no longer directed at children")),
}

VERDICT: dict[str, str] = {
    "info": N_("No substantive change that requires notification; publish the new version."),
    "recommended": N_("Substantive change: publish the new version and tell people about it (recommended)."),
    "required": N_("Notify people actively (e-mail, a notice devoted to the change) before the change applies."),
    "advance": N_("Fundamental change: notify people actively and well in advance of the change taking effect."),
}

NEEDS_CONSENT = N_("consent")
EXEMPT = N_("exempt")
ON_DPF_LIST = N_("on the DPF list")
AGE_BY_COUNTRY = N_("the age set by the law of each country (13 to 16)")
JOINT_SCOPE = N_("what the controllers decide on together")
JOINT_INFORMATION = N_("who gives information about the processing")
JOINT_URL = N_("where the essence of the arrangement is published")


@dataclass(frozen=True)
class Change:
    """One change. ``item`` is a stable key (a purpose id, names, a category id); ``label``, when
    set, is how ``describe`` shows it; ``old`` and ``new`` are values ``terms.say`` can word."""

    kind: str
    item: str
    old: object = ""
    new: object = ""
    label: object = None

    @property
    def level(self) -> str:
        return KINDS[self.kind][0]


def describe(change: Change, lang: str) -> str:
    """The change as one line in ``lang``: ``[level] what changed``."""
    level, msgid = KINDS[change.kind]
    params = {
        "item": say(change.item if change.label is None else change.label, lang),
        "old": say(change.old, lang),
        "new": say(change.new, lang),
    }
    return f"[{gettext_for(lang, LEVEL_LABELS[level])}] {gettext_for(lang, msgid) % params}"


def _controller_key(policy: Policy) -> list[str]:
    return [f"{c.name} ({c.address.street}, {c.address.city})" for c in policy.controllers]


def _purpose(activity: Activity) -> object:
    return activity.title if activity.title is not None else Label("purpose", activity.id)


def _basis(basis: str) -> Joined:
    return Joined((Label("basis", basis), " (", Label("cite", basis), ")"), sep="")


def _transfer_key(t: TransferLine) -> str:
    return f"{t.service.id}|{t.recipient}|{t.country or ''}"


def _transfer_where(t: TransferLine) -> Joined:
    return Joined((t.recipient, " (", Country(t.country), ")"), sep="")


def _mechanism(t: TransferLine) -> object:
    if t.dpf and t.mechanism != "dpf":
        return Joined((Label("mechanism", t.mechanism), Msg(ON_DPF_LIST)), sep="; ")
    return Label("mechanism", t.mechanism)


def _cookie_key(c: CookieLine) -> str:
    return f"{c.provider}|{c.name}"


def _cookie_facts(c: CookieLine) -> Joined:
    consent = Msg(NEEDS_CONSENT if c.consent else EXEMPT)
    return Joined((Label("kind", c.kind), Period(c.lifetime), Label("party", c.party), consent))


def _text_key(value: object) -> str:
    return say(value, "en")


def _people(policy: Policy) -> tuple[object, object]:
    dpo = policy.dpo
    rep = policy.representative
    dpo_text = None if dpo is None else Joined(tuple(v for v in (dpo.name, dpo.company, dpo.email, dpo.phone) if v))
    rep_text = None if rep is None else Joined(tuple(v for v in (rep.name, rep.email, rep.phone) if v))
    return dpo_text, rep_text


def compare(old: Policy, new: Policy) -> list[Change]:
    changes: list[Change] = []
    add = changes.append

    # Who we are and how people reach us.
    if _controller_key(old) != _controller_key(new):
        add(Change("controller_changed", "", "; ".join(_controller_key(old)), "; ".join(_controller_key(new))))
    if old.contact.email != new.contact.email:
        add(Change("contact_changed", "", old.contact.email, new.contact.email))
    (old_dpo, old_rep), (new_dpo, new_rep) = _people(old), _people(new)
    if old_dpo != new_dpo:
        add(Change("dpo_changed", "", old_dpo, new_dpo))
    if old_rep != new_rep:
        add(Change("representative_changed", "", old_rep, new_rep))
    if old.joint is not None and new.joint is not None:
        handler_old = old.controller_by_id(old.joint.requests_handled_by).name
        handler_new = new.controller_by_id(new.joint.requests_handled_by).name
        if handler_old != handler_new:
            add(Change("joint_requests_changed", "", handler_old, handler_new))
        parts = []
        if old.joint.scope != new.joint.scope:
            parts.append(Msg(JOINT_SCOPE))
        info_old = old.controller_by_id(old.joint.information_by).name
        if info_old != new.controller_by_id(new.joint.information_by).name:
            parts.append(Msg(JOINT_INFORMATION))
        if old.joint.arrangement_url != new.joint.arrangement_url:
            parts.append(Msg(JOINT_URL))
        if parts:
            add(Change("joint_arrangement_changed", "", label=Listing(tuple(parts))))

    # Purposes, bases, retention, profiling.
    old_acts = {a.id: a for a in old.activities}
    new_acts = {a.id: a for a in new.activities}
    changes.extend(Change("purpose_added", i, label=_purpose(a)) for i, a in new_acts.items() if i not in old_acts)
    changes.extend(Change("purpose_removed", i, label=_purpose(a)) for i, a in old_acts.items() if i not in new_acts)
    for ident in new_acts.keys() & old_acts.keys():
        before, after = old_acts[ident], new_acts[ident]
        label = _purpose(after)
        if before.basis != after.basis:
            add(Change("basis_changed", ident, _basis(before.basis), _basis(after.basis), label))
        if before.retention != after.retention:
            add(Change("retention_changed", ident, before.retention, after.retention, label))
        if after.profiling and not before.profiling:
            add(Change("profiling_added", ident, label=label))
        if before.profiling and not after.profiling:
            add(Change("profiling_removed", ident, label=label))
    if old.profiling is None and new.profiling is not None:
        add(Change("profiling_added", _text_key(new.profiling), label=new.profiling))
    elif old.profiling is not None and new.profiling is None:
        add(Change("profiling_removed", _text_key(old.profiling), label=old.profiling))
    elif old.profiling != new.profiling:
        add(Change("profiling_changed", "", old.profiling, new.profiling))

    # Automated decisions (Art. 22), by name.
    old_dec = {_text_key(d.name): d for d in old.automated_decisions}
    new_dec = {_text_key(d.name): d for d in new.automated_decisions}
    changes.extend(Change("automated_decision_added", k, label=d.name) for k, d in new_dec.items() if k not in old_dec)
    changes.extend(
        Change("automated_decision_removed", k, label=d.name) for k, d in old_dec.items() if k not in new_dec
    )
    for key in new_dec.keys() & old_dec.keys():
        before_d, after_d = old_dec[key], new_dec[key]
        if (before_d.basis, before_d.safeguards) != (after_d.basis, after_d.safeguards):
            add(Change("automated_decision_safeguards_changed", key, label=after_d.name))
        if (before_d.logic, before_d.significance) != (after_d.logic, after_d.significance):
            add(Change("automated_decision_changed", key, label=after_d.name))

    # Recipients, by name and by category.
    old_rec = {f"{r.service.entity.name} / {r.service.name}": r for r in old.recipients}
    new_rec = {f"{r.service.entity.name} / {r.service.name}": r for r in new.recipients}
    changes.extend(Change("recipient_added", r) for r in new_rec if r not in old_rec)
    changes.extend(Change("recipient_removed", r) for r in old_rec if r not in new_rec)
    for key in new_rec.keys() & old_rec.keys():
        role_old, role_new = old_rec[key].service.role, new_rec[key].service.role
        if role_old != role_new:
            add(Change("recipient_role_changed", key, Label("role", role_old), Label("role", role_new)))
    cat_old, cat_new = set(old.recipient_categories), set(new.recipient_categories)
    changes.extend(
        Change("recipient_category_added", c, label=Label("recipient_category", c)) for c in cat_new - cat_old
    )
    changes.extend(
        Change("recipient_category_removed", c, label=Label("recipient_category", c)) for c in cat_old - cat_new
    )

    # Transfers outside the EEA: per service, recipient and country; the mechanism may change.
    old_tr = {_transfer_key(t): t for t in old.transfers}
    new_tr = {_transfer_key(t): t for t in new.transfers}
    for key, t in new_tr.items():
        if key not in old_tr:
            label = Joined((_transfer_where(t), _mechanism(t)), sep=" – ")
            add(Change("transfer_added", f"{t.recipient} ({t.country or '-'}, {t.service.name})", label=label))
        elif (old_tr[key].mechanism, old_tr[key].dpf) != (t.mechanism, t.dpf):
            add(
                Change(
                    "transfer_changed",
                    f"{t.recipient} ({t.country or '-'}, {t.service.name})",
                    _mechanism(old_tr[key]),
                    _mechanism(t),
                    _transfer_where(t),
                )
            )
    for key, t in old_tr.items():
        if key not in new_tr:
            label = Joined((_transfer_where(t), _mechanism(t)), sep=" – ")
            add(Change("transfer_removed", f"{t.recipient} ({t.country or '-'}, {t.service.name})", label=label))

    # Cookies and other storage on the device, and how cookie consent is withdrawn.
    old_ck = {_cookie_key(c): c for c in old.cookies}
    new_ck = {_cookie_key(c): c for c in new.cookies}
    for key, c in new_ck.items():
        label = f"{c.name} ({c.provider})"
        if key not in old_ck:
            add(Change("consent_cookie_added" if c.consent else "cookie_added", key, label=label))
        else:
            before_c = old_ck[key]
            if (before_c.lifetime, before_c.party, before_c.consent, before_c.kind) != (
                c.lifetime,
                c.party,
                c.consent,
                c.kind,
            ):
                add(Change("cookie_changed", key, _cookie_facts(before_c), _cookie_facts(c), label))
    changes.extend(
        Change("cookie_removed", k, label=f"{c.name} ({c.provider})") for k, c in old_ck.items() if k not in new_ck
    )
    unlisted_old = {s.id: s.name for s in old.cookies_unlisted}
    unlisted_new = {s.id: s.name for s in new.cookies_unlisted}
    changes.extend(Change("unlisted_storage_added", n) for i, n in unlisted_new.items() if i not in unlisted_old)
    changes.extend(Change("unlisted_storage_removed", n) for i, n in unlisted_old.items() if i not in unlisted_new)
    if new.cookie_consent:
        # The policy says how consent is withdrawn only when something needs it.
        if old.consent_tool is None and new.consent_tool is not None:
            add(Change("consent_tool_added", "", new=new.consent_tool.settings))
        elif old.consent_tool is not None and new.consent_tool is None:
            add(Change("consent_tool_removed", "", new=new.contact.email))
        elif old.consent_tool and new.consent_tool and old.consent_tool.settings != new.consent_tool.settings:
            add(Change("consent_settings_changed", "", old.consent_tool.settings, new.consent_tool.settings))

    # Children.
    if new.directed_at_children and not old.directed_at_children:
        add(Change("children_directed", ""))
    elif old.directed_at_children and not new.directed_at_children:
        add(Change("children_not_directed", ""))
    if old.children_age != new.children_age:
        add(Change("children_age_changed", "", _age(old.children_age), _age(new.children_age)))

    return sorted(changes, key=lambda c: (-LEVELS.index(c.level), c.kind, c.item))


def _age(age: int | None) -> object:
    return Msg(AGE_BY_COUNTRY) if age is None else Years(age)


def verdict(changes: list[Change]) -> str:
    level = max((c.level for c in changes), key=LEVELS.index, default="info")
    return level
