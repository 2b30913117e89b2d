"""Built-in purpose records + answers → activities: select, override, attach services.

``select_purposes`` is the whole rule: a record applies when its ``when`` holds for the answers;
the answers' ``purposes:`` override its fields; the services whose category it serves are
attached. What each field means is documented at the top of ``data/purposes.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .conditions import evaluate, holds
from .model import Answers
from .overrides import PurposeOverride, RetentionOverride
from .policy import Activity, Retention
from .purposes import Item, PurposeData, PurposeRecord, purpose_data
from .servicedef import ServiceDef

#: Which fields of an activity belong to one legal basis only.
_BASIS_FIELDS = {"interest": "legitimate_interest", "obligation": "legal_obligation", "consent_law": "consent"}


def condition_names(answers: Answers, used: list[ServiceDef], polish_law: bool) -> dict[str, Any]:
    """The names a record's conditions can use (see data/purposes.yaml)."""
    f = answers.features
    return {
        "answers": answers,
        "features": f,
        "polish_law": polish_law,
        "sells": f.shop is not None or f.saas is not None,
        "consent_needed": any(s.consent_needed or s.category == "consent" for s in used)
        or any(c.consent for c in answers.custom_cookies),
        "services": (),
    }


def select_purposes(answers: Answers, used: list[ServiceDef], polish_law: bool) -> list[tuple[Activity, PurposeRecord]]:
    data = purpose_data()
    names = condition_names(answers, used, polish_law)
    serving = _services_by_purpose(data, used, answers, names)
    tools = {s.id: s for s in used}
    out = []
    for record in data.purposes:
        services = serving.get(record.services_of or record.id, ())
        scope = {**names, "services": services}
        if not holds(record.when, scope):
            continue
        override = answers.purposes.get(record.id)
        kept = _kept(answers, [tools[ref] for ref in services])
        out.append((_activity(data, record, scope, override, polish_law, kept), record))
    return out


def _services_by_purpose(
    data: PurposeData, used: list[ServiceDef], answers: Answers, names: Mapping[str, Any]
) -> dict[str, tuple[str, ...]]:
    """The services serving each purpose: those the answers' ``service_use`` names it for, otherwise
    those whose category it serves."""
    found: dict[str, list[str]] = {}
    for service in used:
        use = answers.service_use.get(service.id)
        chosen = use.purposes if use is not None and use.purposes else None
        for purpose in chosen or data.purpose_of_category(service.category, names):
            found.setdefault(purpose, []).append(service.id)
    return {k: tuple(v) for k, v in found.items()}


def _kept(answers: Answers, tools: list[ServiceDef]) -> tuple[tuple[str, str | None], ...]:
    """Each tool's name with how long it keeps the data it collects: the answers' ``service_use``,
    else the catalogue's verified fact, else None (the period set in the tool)."""
    out = []
    for tool in tools:
        if tool.category == "tag_management":  # loads the other tools, keeps no data of its own
            continue
        use = answers.service_use.get(tool.id)
        out.append((tool.name, use.retention if use is not None and use.retention else tool.retention))
    return tuple(out)


def _value(value: Any, scope: Mapping[str, Any]) -> Any:
    """A record value; a string starting with "=" is an expression over the answers."""
    if isinstance(value, str) and value.startswith("="):
        return evaluate(value[1:], scope)
    return value


def _items(items: tuple[Item, ...], scope: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(item.id for item in items if holds(item.when, scope))


def _chosen(value: Any, scope: Mapping[str, Any]) -> Any:
    """A record value, or the first of its alternatives (``{id, when}`` items) whose condition holds."""
    if isinstance(value, tuple):
        return next(item.value for item in value if holds(item.when, scope))
    return value


def _activity(
    data: PurposeData,
    record: PurposeRecord,
    scope: Mapping[str, Any],
    override: PurposeOverride | None,
    polish_law: bool,
    kept: tuple[tuple[str, str | None], ...] = (),
) -> Activity:
    o = override or PurposeOverride()
    basis = o.basis or _value(record.basis, scope)
    scope = {**scope, "basis": basis}
    fields: dict[str, Any] = {
        "interest": record.interest,
        "obligation": _statute(data, _chosen(record.obligation, scope), polish_law),
        "consent_law": _consent_law(data, record.consent_law, polish_law),
    }
    for name, only_for in _BASIS_FIELDS.items():
        if basis != only_for:
            fields[name] = None
    retention = _retention(data, record, scope, o.retention, basis, polish_law, kept)
    return Activity(
        record.id,
        basis,
        tuple(o.data) if o.data is not None else _items(record.data, scope),
        retention,
        o.requirement or record.requirement,
        o.source if isinstance(o.source, str) else record.source,
        services=tuple(scope["services"]),
        profiling=bool(_value(record.profiling, scope)),
        interest_text=o.interest if basis == "legitimate_interest" else None,
        obligation_text=o.obligation if basis == "legal_obligation" else None,
        consequence_text=o.consequence,
        source_text=o.source if o.source is not None and not isinstance(o.source, str) else None,
        notes=_items(record.notes, scope),
        collected_via=next(iter(_items(record.collected_via, scope)), None),
        **fields,
    )


def _statute(data: PurposeData, rule: str | None, polish_law: bool) -> str | None:
    """A rule or obligation id, made generic when Polish statutes do not apply."""
    if rule is None or polish_law or rule not in data.polish_statutes:
        return rule
    return f"{rule}_generic"


def _consent_law(data: PurposeData, kind: str | None, polish_law: bool) -> str | None:
    if kind is None:
        return None
    polish, generic = data.consent_laws[kind]
    return polish if polish_law else generic


def _retention(
    data: PurposeData,
    record: PurposeRecord,
    scope: Mapping[str, Any],
    override: RetentionOverride | None,
    basis: str,
    polish_law: bool,
    kept: tuple[tuple[str, str | None], ...] = (),
) -> Retention:
    if override is not None:
        return _retention_override(data, override, polish_law)
    spec = _chosen(record.retention, scope)
    if isinstance(spec, dict) and spec.get("rule") in ("statistics", "recording"):
        return _tool_retention(spec["rule"], scope, kept)
    if isinstance(spec, str):
        rule = data.retention_by_basis.get(basis, {}).get(spec, spec)
        return Retention(_statute(data, rule, polish_law) or rule)
    if "period" in spec:
        period = spec["period"]
        return Retention("period", int(_value(period["count"], scope)), period["unit"], period.get("after"))
    raise ValueError(f"purpose {record.id}: unknown retention {spec!r}")


def _tool_retention(rule: str, scope: Mapping[str, Any], kept: tuple[tuple[str, str | None], ...]) -> Retention:
    """What the tools of a purpose keep: per tool when any tool's period is known (a tool without one
    keeps the data for ``statistics_months`` when set, else for the period set in it), else one period
    for all statistics tools, else only the criterion."""
    months = scope["features"].website.statistics_months if rule == "statistics" else None
    if any(period for _, period in kept):
        fallback = f"{months} months" if months else None
        return Retention("per_tool", tools=tuple((name, period or fallback) for name, period in kept))
    if rule == "recording":
        return Retention("recording_tool")
    return Retention("statistics_months", months) if months else Retention("statistics_tool")


def _retention_override(data: PurposeData, override: RetentionOverride, polish_law: bool) -> Retention:
    period = override.period()
    if period is not None:
        return Retention("period", period[0], period[1], override.after)
    if override.statute is not None:
        return Retention(_statute(data, override.statute, polish_law) or override.statute)
    return Retention("custom", text=override.criterion)
