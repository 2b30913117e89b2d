"""What changed in substance between two versions of a policy, and whether people must be told.

Following the transparency guidelines (WP260 rev.01, paras 29–30): a new purpose, a change of
controller and a change in how rights are exercised must be actively communicated; new
categories of recipients and new transfers outside the EEA are fundamental and must be
communicated well in advance. Other substantive changes (e.g. retention periods) are reported
and notification is recommended. Wording is in the catalogs; this module returns facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_
from .policy import Policy

#: How strongly a change must be communicated, weakest first.
LEVELS = ("info", "recommended", "required", "advance")
LEVEL_LABELS = {
    "info": N_("information"),
    "recommended": N_("notify (recommended)"),
    "required": N_("notify"),
    "advance": N_("notify in advance"),
}

KINDS: dict[str, tuple[str, str]] = {
    "purpose_added": ("required", N_("new purpose: %(item)s")),
    "purpose_removed": ("info", N_("purpose no longer used: %(item)s")),
    "basis_changed": ("required", N_("legal basis of %(item)s changed: %(old)s → %(new)s")),
    "retention_changed": ("recommended", N_("retention for %(item)s changed: %(old)s → %(new)s")),
    "recipient_added": ("advance", N_("new recipient: %(item)s")),
    "recipient_removed": ("info", N_("recipient no longer used: %(item)s")),
    "transfer_added": ("advance", N_("new transfer outside the EEA: %(item)s")),
    "transfer_removed": ("info", N_("transfer outside the EEA ended: %(item)s")),
    "controller_changed": ("required", N_("controller changed: %(old)s → %(new)s")),
    "contact_changed": ("required", N_("contact for exercising rights changed: %(old)s → %(new)s")),
    "dpo_changed": ("required", N_("Data Protection Officer changed: %(old)s → %(new)s")),
}

VERDICT: dict[str, str] = {
    "info": N_("No substantive change that requires notification; publish the new version."),
    "recommended": N_("Substantive change: publish the new version and tell people about it (recommended)."),
    "required": N_("Notify people actively (e-mail, a notice devoted to the change) before the change applies."),
    "advance": N_("Fundamental change: notify people actively and well in advance of the change taking effect."),
}


@dataclass(frozen=True)
class Change:
    kind: str
    item: str
    old: object = ""
    new: object = ""

    @property
    def level(self) -> str:
        return KINDS[self.kind][0]


def _controller_key(policy: Policy) -> list[str]:
    return [f"{c.name} ({c.address.street}, {c.address.city})" for c in policy.controllers]


def compare(old: Policy, new: Policy) -> list[Change]:
    changes: list[Change] = []
    if _controller_key(old) != _controller_key(new):
        changes.append(
            Change("controller_changed", "", "; ".join(_controller_key(old)), "; ".join(_controller_key(new)))
        )
    if old.contact.email != new.contact.email:
        changes.append(Change("contact_changed", "", old.contact.email, new.contact.email))
    old_dpo = f"{old.dpo.name} <{old.dpo.email}>" if old.dpo else "-"
    new_dpo = f"{new.dpo.name} <{new.dpo.email}>" if new.dpo else "-"
    if old_dpo != new_dpo:
        changes.append(Change("dpo_changed", "", old_dpo, new_dpo))

    old_acts = {a.id: a for a in old.activities}
    new_acts = {a.id: a for a in new.activities}
    changes += [Change("purpose_added", a) for a in new_acts if a not in old_acts]
    changes += [Change("purpose_removed", a) for a in old_acts if a not in new_acts]
    for ident in new_acts.keys() & old_acts.keys():
        before, after = old_acts[ident], new_acts[ident]
        if before.basis != after.basis:
            changes.append(Change("basis_changed", ident, before.basis, after.basis))
        if before.retention != after.retention:
            changes.append(Change("retention_changed", ident, before.retention, after.retention))

    old_rec = {r.service.entity.name + " / " + r.service.name for r in old.recipients}
    new_rec = {r.service.entity.name + " / " + r.service.name for r in new.recipients}
    changes += [Change("recipient_added", r) for r in sorted(new_rec - old_rec)]
    changes += [Change("recipient_removed", r) for r in sorted(old_rec - new_rec)]

    old_tr = {f"{t.recipient} ({t.country or 'non-EEA'}, {t.mechanism})" for t in old.transfers}
    new_tr = {f"{t.recipient} ({t.country or 'non-EEA'}, {t.mechanism})" for t in new.transfers}
    changes += [Change("transfer_added", t) for t in sorted(new_tr - old_tr)]
    changes += [Change("transfer_removed", t) for t in sorted(old_tr - new_tr)]
    return sorted(changes, key=lambda c: (-LEVELS.index(c.level), c.kind, c.item))


def verdict(changes: list[Change]) -> str:
    level = max((c.level for c in changes), key=LEVELS.index, default="info")
    return level
