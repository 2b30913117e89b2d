"""What a question offers to choose from, worded in the interface language; no prompt library here.

The built-in purposes, their basis and their retention are the core's own: ``policy_of`` derives
the policy from the answers so far with ``api.build_policy``, and the first choice of a basis or
retention question ("keep: …") is worded from it exactly as the policy will say it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale
from pydantic import ValidationError

from ..api import build_policy
from ..catalogue import adequacy_countries, catalogue
from ..i18n import available_languages
from ..languages import SOURCE
from ..model import Answers
from ..overrides import RetentionOverride
from ..policy import Activity, Policy, Retention
from ..purposes import builtin_purpose_ids
from ..terms import say
from ..vocab import CATEGORY_FEATURE
from ..wording import BASIS, CITE, PURPOSE
from .labels import BASIS_WITH_CITE, CATEGORY_LABELS, CONSENT_LINK, KEEP, KEEP_UNKNOWN, LABELS, RETENTION_FORM
from .modelfields import literal_values
from .questions import QUESTIONS, t

if TYPE_CHECKING:
    from .flow import Step

Groups = list[tuple[str | None, list[tuple[Any, str]]]]

#: The alternatives of a retention override: every field but the event a period runs from.
RETENTION_FORMS: tuple[str, ...] = tuple(name for name in RetentionOverride.model_fields if name != "after")


def form_of(retention: Any) -> str | None:
    """Which alternative a retention override uses (its field may still be empty)."""
    if not isinstance(retention, dict):
        return None
    return next((form for form in RETENTION_FORMS if form in retention), None)


# -- the core's derivation over the answers so far -------------------------------------------------


def policy_of(data: dict[str, Any]) -> Policy | None:
    """The policy ``build`` would derive from these answers; None while they do not validate."""
    return _policy(json.dumps(data, sort_keys=True, default=str))


@lru_cache(maxsize=64)
def _policy(text: str) -> Policy | None:
    try:
        answers = Answers.model_validate(json.loads(text), context={"adequacy": adequacy_countries()})
        return build_policy(answers)
    except (ValidationError, KeyError):  # KeyError: a service id not in the catalogue
        return None


def selected(data: dict[str, Any]) -> tuple[str, ...] | None:
    """The built-in purposes that apply to these answers, in the policy's order (None: unknown)."""
    policy = policy_of(data)
    if policy is None:
        return None
    builtin = set(builtin_purpose_ids())
    return tuple(a.id for a in policy.activities if a.id in builtin)


def preview(data: dict[str, Any], purpose: str, override: dict[str, Any]) -> Activity | None:
    """The purpose as the policy would state it with ``override`` as its entry under ``purposes``."""
    trial = {**data, "purposes": {**(data.get("purposes") or {}), purpose: override}}
    policy = policy_of(trial)
    return None if policy is None else policy.activity(purpose)


# -- choices -------------------------------------------------------------------------------------


def groups(step: Step, lang: str) -> Groups:
    """The choices of a select, checkbox, form or entries question: (heading, [(value, label)])."""
    source = step.q.choices
    if isinstance(source, tuple):
        return [(None, services(source))]
    if source is not None:
        return SOURCES[source](step, lang)
    labels = LABELS[step.q.path]
    return [(None, [(value, t(lang, labels[value])) for value in literal_values(step.q.path)])]


def values(step: Step) -> list[Any]:
    return [value for _, options in groups(step, SOURCE) for value, _ in options]


def services(categories: tuple[str, ...]) -> list[tuple[Any, str]]:
    return [(sid, s.name) for sid, s in catalogue().items() if s.category in categories]


def _languages(step: Step, lang: str) -> Groups:
    return [(None, [(code, Locale.parse(code).get_display_name(code) or code) for code in available_languages()])]


def _controllers(step: Step, lang: str) -> Groups:
    return [(None, [(c["id"], c["name"]) for c in step.ctx.data.get("controllers") or [] if "id" in c])]


def _general_services(step: Step, lang: str) -> Groups:
    """Tools by kind: a kind whose services serve no feature of these answers is left out
    (``vocab.CATEGORY_FEATURE``, the model's rule), and so is a kind another question asks about
    (a feature's own question, such as the shop's carriers, or the cookie banner)."""
    features = step.ctx.data.get("features") or {}
    asked: dict[str, list[str]] = {}
    for q in QUESTIONS:
        for category in q.choices if isinstance(q.choices, tuple) else ():
            asked.setdefault(category, []).append(q.path)
    out: Groups = []
    for category, label in CATEGORY_LABELS.items():
        elsewhere = asked.get(category, [])
        needed = CATEGORY_FEATURE.get(category, ())
        if needed:
            offered = any(
                name in features and not any(p.startswith(f"features.{name}.") for p in elsewhere) for name in needed
            )
        else:
            offered = not elsewhere
        found = services((category,))
        if offered and found:
            out.append((t(lang, label), found))
    return out


def _purposes(step: Step, lang: str) -> Groups:
    ids = selected(step.ctx.data) or ()
    return [(None, [(pid, t(lang, PURPOSE[pid])) for pid in ids])] if ids else []


def entries(step: Step, chosen: list[str]) -> dict[str, Any]:
    """The ``purposes`` mapping after ticking ``chosen``: their entries (new ones empty) first,
    then entries of purposes that were not offered (left as they are)."""
    old = step.parent.get(step.key) or {}
    offered = set(values(step))
    return {**{k: old.get(k) or {} for k in chosen}, **{k: v for k, v in old.items() if k not in offered}}


def _keep(lang: str, current: str | None) -> str:
    return t(lang, KEEP, current=current) if current else t(lang, KEEP_UNKNOWN)


def basis_label(basis: str, lang: str) -> str:
    return t(lang, BASIS_WITH_CITE, basis=t(lang, BASIS[basis]), cite=t(lang, CITE[basis]))


def _without(entry: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in keys}


def _basis(step: Step, lang: str) -> Groups:
    built = preview(step.ctx.data, step.ctx.key, _without(step.ctx.item, "basis", "interest", "obligation"))
    keep = _keep(lang, built and basis_label(built.basis, lang))
    others = [(b, basis_label(b, lang)) for b in literal_values(step.q.path) if built is None or b != built.basis]
    return [(None, [(None, keep), *others])]


def _retention(step: Step, lang: str) -> Groups:
    built = preview(step.ctx.data, step.ctx.key, _without(step.ctx.item, "retention"))
    keep = _keep(lang, built and say(built.retention, lang))
    return [(None, [(None, keep), *[(form, t(lang, RETENTION_FORM[form])) for form in RETENTION_FORMS]])]


def _after(step: Step, lang: str) -> Groups:
    retention = step.ctx.item["retention"]
    form = form_of(retention)
    period = RetentionOverride.model_validate({form: retention[form]}).period()
    assert period is not None
    count, unit = period
    events = [(e, say(Retention("period", count, unit, e), lang)) for e in literal_values(step.q.path)]
    return [(None, [(None, say(Retention("period", count, unit), lang)), *events])]


def _statute(step: Step, lang: str) -> Groups:
    options = []
    for statute in literal_values(step.q.path):
        built = preview(step.ctx.data, step.ctx.key, {**step.ctx.item, "retention": {"statute": statute}})
        options.append((statute, say(built.retention if built else Retention(statute), lang)))
    return [(None, options)]


def _consent_link(step: Step, lang: str) -> Groups:
    return [(None, [(value, t(lang, label)) for value, label in CONSENT_LINK.items()])]


SOURCES = {
    "languages": _languages,
    "consent_link": _consent_link,
    "controllers": _controllers,
    "services": _general_services,
    "purposes": _purposes,
    "basis": _basis,
    "retention": _retention,
    "after": _after,
    "statute": _statute,
}


def entry_label(step: Step, lang: str) -> str:
    """The name of the mapping entry a question is about (the purpose's title)."""
    return t(lang, PURPOSE[step.ctx.key])
