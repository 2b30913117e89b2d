"""The review screen: what the policy will say, derived with the same ``build_policy`` as a build."""

from __future__ import annotations

from ..api import build_policy
from ..fields import text_in
from ..i18n import N_
from ..model import Answers
from ..terms import say
from ..wording import PURPOSE
from .choices import basis_label
from .questions import t

MSG_REVIEW = N_("What your policy will say")
MSG_CONTROLLERS = N_("Controllers")
MSG_PURPOSES = N_("Purposes")
MSG_TOOLS = N_("Tools and recipients")
MSG_TRANSFERS = N_("Transfers outside the EEA")
MSG_NO_TRANSFERS = N_("none")
MSG_UNNAMED = N_("outside the EEA, countries not named")
MSG_DPO = N_("Data protection officer: %(name)s")
MSG_REPRESENTATIVE = N_("EU representative: %(name)s")
MSG_CHANGED = N_("changed by you: %(basis)s; kept: %(retention)s")
MECHANISM_SHORT = {
    "adequacy": N_("adequacy decision"),
    "dpf": N_("Data Privacy Framework"),
    "scc": N_("standard contractual clauses"),
    "bcr": N_("binding corporate rules"),
}


def summary(answers: Answers, lang: str) -> str:
    policy = build_policy(answers)
    lines = [t(lang, MSG_REVIEW), "", t(lang, MSG_CONTROLLERS) + ":"]
    for c in policy.controllers:
        lines.append(f"  - {c.name}, {c.address.city} ({c.address.country}), {c.email}")
    if policy.dpo:
        lines.append("  " + t(lang, MSG_DPO, name=policy.dpo.name))
    if policy.representative:
        lines.append("  " + t(lang, MSG_REPRESENTATIVE, name=policy.representative.name))
    lines += ["", t(lang, MSG_PURPOSES) + ":"]
    for a in policy.activities:
        title = a.title if a.title is None or isinstance(a.title, str) else text_in(a.title, lang)
        lines.append(f"  - {title or t(lang, PURPOSE.get(a.id, a.id))}")
        if a.id in answers.purposes:
            changed = t(lang, MSG_CHANGED, basis=basis_label(a.basis, lang), retention=say(a.retention, lang))
            lines.append(f"    {changed}")
    lines += ["", t(lang, MSG_TOOLS) + ":"]
    lines += [f"  - {s.name_in(lang)} ({s.entity.name}, {s.entity.country})" for s in policy.services] or [
        "  - " + t(lang, MSG_NO_TRANSFERS)
    ]
    lines += ["", t(lang, MSG_TRANSFERS) + ":"]
    lines += [
        f"  - {x.service.name_in(lang)} → {x.country or t(lang, MSG_UNNAMED)} ({t(lang, MECHANISM_SHORT[x.mechanism])})"
        for x in policy.transfers
    ] or ["  - " + t(lang, MSG_NO_TRANSFERS)]
    return "\n".join(lines)
