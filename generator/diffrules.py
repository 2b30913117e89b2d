"""The classification table of ``policygen diff``: which change each difference of facts is.

Each ``Row`` maps a path pattern over the facts (``facts.matches``: ``*`` one item or field, ``**``
anything, ``#order`` a list's order) to a change kind (``diff.KINDS`` gives its WP260 level and
message). The first row whose pattern matches a difference decides it. A difference under something
only one side has (an item of a list, an optional object) is that thing being added or removed: its
row's kind is a pair (added, removed) or a function of the event. ``word`` (``diffwords``) returns
the change's label, old and new value as typed values ``terms.say`` words; ``absorbed_by`` drops a
change that another change in the same comparison already explains (a consequence, not a change of
its own: the rights that follow from a new basis, the law that follows from a new address).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import diffwords as w
from .facts import BY_WRITING, ORDER, PRESENT, Path, matches
from .policy import Policy
from .terms import Day, Joined, Label, Language, Listing, Msg, Years
from .vocab import SECTION_ORDER


@dataclass(frozen=True)
class Event:
    """One difference: the fact's path and values, the objects it belongs to on each side (the
    list item the row's last ``*`` stands for, else the policy; ``None`` where absent)."""

    path: Path
    old: object
    new: object
    o: Any
    n: Any
    before: Policy
    after: Policy

    @property
    def added(self) -> bool:
        return self.new is PRESENT


Worded = w.Worded
Kind = str | tuple[str, str] | Callable[[Event], str | None]


def _nothing(e: Event) -> Worded:
    return None, "", ""


@dataclass(frozen=True)
class Row:
    pattern: str
    kind: Kind
    word: Callable[[Event], Worded] = _nothing
    #: The change's item; by default the key the pattern's last ``*`` stands for ("" without one).
    item: Callable[[Event], str] | None = None
    #: Kinds of change that, present in the same comparison, already explain this one.
    absorbed_by: frozenset[str] = frozenset()
    #: Whether that change must concern the same item.
    same_item: bool = True

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.pattern.split("."))

    def kind_of(self, event: Event) -> str | None:
        if isinstance(self.kind, str):
            return self.kind
        if isinstance(self.kind, tuple):
            return self.kind[0] if event.added else self.kind[1]
        return self.kind(event)

    def item_of(self, event: Event) -> str:
        if self.item is not None:
            return self.item(event)
        stars = [i for i, part in enumerate(self.parts) if part == "*"]
        return str(event.path[stars[-1]]) if stars else ""

    def anchor(self, path: Path) -> Path | None:
        """The path of the item the row's last ``*`` stands for (None: the policy)."""
        stars = [i for i, part in enumerate(self.parts) if part == "*"]
        return path[: stars[-1] + 1] if stars else None


def _cookie_added(e: Event) -> str:
    return ("consent_cookie_added" if e.n.consent else "cookie_added") if e.added else "cookie_removed"


def _consent_tool(e: Event) -> str | None:
    # Whether anything needs consent at all follows from the cookies, which are compared.
    if e.old is None or e.new is None:
        return None
    if e.new is BY_WRITING:
        return "consent_tool_removed"
    return "consent_tool_added" if e.old is BY_WRITING else "consent_settings_changed"


def _profiling(e: Event) -> str:
    if e.old is None:
        return "profiling_added"
    return "profiling_removed" if e.new is None else "profiling_changed"


def _order(e: Event) -> str | None:
    old, new = tuple(e.old or ()), tuple(e.new or ())
    both = set(old) & set(new)
    return None if [k for k in old if k in both] == [k for k in new if k in both] else "order_changed"


def _section(e: Event) -> str | None:
    # Our own sections come and go with what they describe (cookies, objection, processor).
    if e.path[-1] in SECTION_ORDER:
        return None
    return "extra_section_added" if e.added else "extra_section_removed"


PURPOSE_CHANGES = frozenset({"purpose_added", "purpose_removed"})
BASIS_CHANGES = PURPOSE_CHANGES | {"basis_changed", "automated_decision_added", "automated_decision_removed"}
WHO_CHANGES = frozenset({"controller_changed", "contact_changed"})

ROWS: tuple[Row, ...] = (
    Row(
        "languages",
        "languages_changed",
        w.policy_value(lambda p: Listing(tuple(map(Language, sorted(set(p.languages)))))),
    ),
    # Who we are, and how people reach us.
    Row("controllers.*", "controller_changed", lambda e: ((e.n or e.o).name, w.identity(e.o), w.identity(e.n))),
    *(Row(f"controllers.*.{f}", "contact_changed", w.contact) for f in ("address.**", "email", "phone", "website")),
    Row("controllers.*.**", "controller_changed", w.controller),
    Row(
        "polish_law",
        "applicable_law_changed",
        w.policy_value(lambda p: w.yes_no(p.polish_law)),
        None,
        WHO_CHANGES,
        False,
    ),
    Row(
        "joint",
        "joint_arrangement_changed",
        lambda e: w.joint_parts(e, ("scope", "information_by", "arrangement_url")),
        absorbed_by=frozenset({"controller_changed"}),
        same_item=False,
    ),
    *(
        Row(
            f"joint.{f}",
            "contact_changed",
            w.policy_value(w.contact_point),
            lambda e: w.position(e.after, e.after.contact.id),
            frozenset({"controller_changed"}),
        )
        for f in ("contact_point", "contact")
    ),
    Row(
        "joint.requests_handled_by",
        "joint_requests_changed",
        w.policy_value(lambda p: p.controller_by_id(p.joint.requests_handled_by).name),
        lambda e: w.position(e.after, e.after.joint.requests_handled_by),
        frozenset({"controller_changed"}),
    ),
    Row(
        "joint.information_by",
        "joint_arrangement_changed",
        lambda e: w.joint_parts(e, ("information_by",)),
        lambda e: w.position(e.after, e.after.joint.information_by),
        frozenset({"controller_changed"}),
    ),
    Row("joint.**", "joint_arrangement_changed", lambda e: w.joint_parts(e, ("scope", "arrangement_url"))),
    Row("dpo.**", "dpo_changed", w.policy_value(lambda p: w.people(p, "dpo"))),
    Row("representative.**", "representative_changed", w.policy_value(lambda p: w.people(p, "representative"))),
    # Purposes.
    Row("activities.*", ("purpose_added", "purpose_removed"), lambda e: (w.purpose(e.n or e.o), "", "")),
    Row("activities.*.basis", "basis_changed", w.of_purpose(lambda a: w.basis(a.basis))),
    *(
        Row(f"activities.*.{f}", "grounds_changed", w.of_purpose(w.grounds), absorbed_by=frozenset({"basis_changed"}))
        for f in ("interest", "obligation", "consent_law")
    ),
    Row("activities.*.title", "purpose_renamed", w.both(w.purpose)),
    Row("activities.*.data", "data_changed", w.of_purpose(lambda a: w.listing(Label("data", d) for d in a.data))),
    Row("activities.*.retention.**", "retention_changed", w.of_purpose(lambda a: a.retention)),
    Row("activities.*.requirement", "requirement_changed", w.of_purpose(w.requirement)),
    Row("activities.*.consequence_text", "requirement_changed", w.of_purpose(w.requirement)),
    Row(
        "activities.*.source",
        "source_changed",
        w.of_purpose(lambda a: a.source_text if a.source_text is not None else Label("source", a.source)),
    ),
    Row(
        "activities.*.services",
        "purpose_services_changed",
        lambda e: (
            w.purpose(e.n),
            w.listing(e.before.service_names(e.o.services)),
            w.listing(e.after.service_names(e.n.services)),
        ),
    ),
    Row(
        "activities.*.notes",
        "purpose_notes_changed",
        w.of_purpose(lambda a: w.listing(Msg(w.NOTES[n]) for n in a.notes)),
    ),
    Row(
        "activities.*.profiling",
        lambda e: "profiling_added" if e.new else "profiling_removed",
        lambda e: (w.purpose(e.n), "", ""),
    ),
    # Who receives the data, and where it goes.
    Row("recipients.*", ("recipient_added", "recipient_removed")),
    Row("recipients.*.service.role", "recipient_role_changed", w.both(lambda r: Label("role", r.service.role))),
    Row("recipients.*.**", "recipient_details_changed", lambda e: (None, *w.recipient_details(e))),
    Row(
        "recipient_categories.*",
        ("recipient_category_added", "recipient_category_removed"),
        lambda e: (Label("recipient_category", e.n or e.o), "", ""),
    ),
    Row("transfers.*", ("transfer_added", "transfer_removed"), w.transfer),
    Row("transfers.*.**", "transfer_changed", lambda e: (w.transfer_where(e.n), w.mechanism(e.o), w.mechanism(e.n))),
    *(
        Row(
            f"{name}.*",
            ("possible_transfer_added", "possible_transfer_removed"),
            lambda e: ((e.n or e.o).name, "", ""),
            absorbed_by=frozenset({"recipient_role_changed"}),
        )
        for name in ("transfers_unknown", "transfers_unknown_controllers")
    ),
    # Cookies and how consent to them is withdrawn.
    Row("cookies.*", _cookie_added, lambda e: (w.cookie_label(e), "", "")),
    Row("cookies.*.purpose", "cookie_purpose_changed", lambda e: (w.cookie_label(e), e.o.purpose, e.n.purpose)),
    Row("cookies.*.**", "cookie_changed", lambda e: (w.cookie_label(e), w.cookie_facts(e.o), w.cookie_facts(e.n))),
    Row("cookies_unlisted.*", ("unlisted_storage_added", "unlisted_storage_removed")),
    Row(
        "cookies_unlisted.*.**",
        "unlisted_storage_changed",
        w.both(lambda s: Joined((s.entity.name, s.links.cookies or s.links.privacy))),
    ),
    Row("consent_tool", _consent_tool, w.consent_words),
    # Rights follow from the purposes' bases; reported when nothing else explains them.
    Row(
        "rights.*.**",
        "rights_changed",
        lambda e: (Label("right", e.path[1]), w.right(e.before, e.o), w.right(e.after, e.n)),
        absorbed_by=BASIS_CHANGES,
        same_item=False,
    ),
    Row("authorities.*.**", "authority_changed", w.both(w.authority)),
    # Children.
    Row("children_age", "children_age_changed", w.policy_value(lambda p: w.age(p.children_age))),
    Row("directed_at_children", lambda e: "children_directed" if e.new else "children_not_directed"),
    Row(
        "children_min_age",
        "children_min_age_changed",
        w.policy_value(lambda p: Years(p.children_min_age) if p.children_min_age and p.directed_at_children else None),
        absorbed_by=frozenset({"children_directed", "children_not_directed"}),
        same_item=False,
    ),
    Row("parental_consent", "parental_consent_changed", w.policy_value(lambda p: w.yes_no(p.parental_consent))),
    # Processing for customers, security, profiling, automated decisions.
    Row("saas_processor", "processor_changed", w.policy_value(w.processor), None, PURPOSE_CHANGES, False),
    Row("dpa_url", "processor_changed", w.policy_value(w.processor)),
    # Selling on behalf of others: the sellers receive the orders as independent controllers.
    Row("intermediary", "sellers_changed", w.policy_value(w.sellers)),
    Row("intermediary.sellers", "sellers_changed", w.policy_value(w.sellers)),
    Row("intermediary.**", "intermediary_changed", absorbed_by=frozenset({"sellers_changed"}), same_item=False),
    Row(
        "e_services",
        "online_risks_changed",
        w.policy_value(lambda p: w.yes_no(p.e_services)),
        None,
        PURPOSE_CHANGES,
        False,
    ),
    Row(
        "security.*",
        ("security_measure_added", "security_measure_removed"),
        lambda e: (Label("security", e.n or e.o), "", ""),
    ),
    Row(
        "profiling",
        _profiling,
        lambda e: (e.after.profiling or e.before.profiling, e.before.profiling, e.after.profiling),
        w.profiling_item,
    ),
    Row(
        "automated_decisions.*",
        ("automated_decision_added", "automated_decision_removed"),
        lambda e: ((e.n or e.o).name, "", ""),
    ),
    Row("automated_decisions.*.basis", "automated_decision_safeguards_changed", lambda e: (e.n.name, "", "")),
    Row("automated_decisions.*.safeguards", "automated_decision_safeguards_changed", lambda e: (e.n.name, "", "")),
    Row("automated_decisions.*.**", "automated_decision_changed", lambda e: (e.n.name, "", "")),
    # The document: dates, history, sections of your own, order.
    Row("effective_date", "effective_date_changed", w.policy_value(lambda p: Day(p.effective_date))),
    Row(
        "changes.*",
        "change_history_changed",
        lambda e: (Joined((Day((e.n or e.o).date), (e.n or e.o).description)), "", ""),
    ),
    Row("changes.*.**", "change_history_changed", lambda e: (Joined((Day(e.n.date), e.n.description)), "", "")),
    Row("sections.*", _section),
    # Which tools need consent follows from the cookies; the summary also shows their order.
    Row("services", _order, lambda e: (Msg(w.LISTS["services"]), "", ""), lambda e: "services"),
    Row(
        "**.#order",
        _order,
        lambda e: (Msg(w.LISTS[str(e.path[0])]), "", ""),
        lambda e: ".".join(str(p) for p in e.path if p is not ORDER),
    ),
)


def row_for(path: Path) -> tuple[int, Row]:
    """The first row whose pattern matches ``path``; a fact without one is a bug (add a row)."""
    for index, row in enumerate(ROWS):
        if matches(row.parts, path):
            return index, row
    raise LookupError(f"no change kind for the fact {'.'.join(map(str, path))} (diffrules.ROWS)")


__all__ = ["ORDER", "ROWS", "Event", "Row", "row_for"]
