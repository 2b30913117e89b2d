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
- ``recommended``: other substantive changes the policy states (data, retention, safeguards of a
  transfer, cookies, the joint arrangement, children): publish and tell people;
- ``info``: something stops or shrinks, or only the document changes: publish the new version.

``compare`` flattens both policies into facts (``facts.py``: every fact that reaches the text),
and each difference becomes a change through the table of ``diffrules.py`` (path pattern → kind);
``KINDS`` gives each kind its level and message. ``describe`` words a change in the interface
language, with the policy's own vocabulary (``terms.py``), never raw ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diffrules import Event, Row, row_for
from .facts import Facts, Path, flatten
from .i18n import N_, gettext_for
from .policy import Policy
from .terms import say

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
    "sellers_changed": (
        "advance",
        N_(
            "sellers on whose behalf the website sells (independent controllers of the orders) changed: "
            "%(old)s → %(new)s"
        ),
    ),
    # Always notified (WP260 para 29).
    "purpose_added": ("required", N_("new purpose: %(item)s")),
    "basis_changed": ("required", N_("legal basis of the purpose “%(item)s” changed: %(old)s → %(new)s")),
    "controller_changed": ("required", N_("controller changed: %(old)s → %(new)s")),
    "contact_changed": ("required", N_("contact for exercising rights changed: %(old)s → %(new)s")),
    "rights_changed": ("required", N_("when the right “%(item)s” applies changed: %(old)s → %(new)s")),
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
    "data_changed": ("recommended", N_("data used for the purpose “%(item)s” changed: %(old)s → %(new)s")),
    "requirement_changed": (
        "recommended",
        N_("whether people must give the data for the purpose “%(item)s” changed: %(old)s → %(new)s"),
    ),
    "source_changed": (
        "recommended",
        N_("where the data for the purpose “%(item)s” come from changed: %(old)s → %(new)s"),
    ),
    "grounds_changed": (
        "recommended",
        N_("the interest, obligation or law stated for the purpose “%(item)s” changed: %(old)s → %(new)s"),
    ),
    "purpose_renamed": ("recommended", N_("name of a purpose changed: %(old)s → %(new)s")),
    "purpose_services_changed": (
        "recommended",
        N_("services used for the purpose “%(item)s” changed: %(old)s → %(new)s"),
    ),
    "intermediary_changed": (
        "recommended",
        N_("what the policy says about selling on the sellers' behalf (payment, fees, pickup points) changed"),
    ),
    "purpose_notes_changed": (
        "recommended",
        N_("what the policy says about how the purpose “%(item)s” works changed: %(old)s → %(new)s"),
    ),
    "recipient_details_changed": ("recommended", N_("details of the recipient %(item)s changed: %(old)s → %(new)s")),
    "possible_transfer_added": (
        "recommended",
        N_("may transfer data outside the EEA (its transfers could not be verified): %(item)s"),
    ),
    "cookie_purpose_changed": ("recommended", N_("purpose of the cookie %(item)s changed: %(old)s → %(new)s")),
    "authority_changed": ("recommended", N_("supervisory authority changed: %(old)s → %(new)s")),
    "children_min_age_changed": (
        "recommended",
        N_("youngest age the services are intended for changed: %(old)s → %(new)s"),
    ),
    "parental_consent_changed": (
        "recommended",
        N_("whether a parent is asked to give or confirm a child's consent changed: %(old)s → %(new)s"),
    ),
    "processor_changed": (
        "recommended",
        N_("terms of processing data for our customers (as a processor) changed: %(old)s → %(new)s"),
    ),
    "security_measure_removed": ("recommended", N_("security measure no longer stated: %(item)s")),
    "applicable_law_changed": (
        "recommended",
        N_("every controller established in Poland (Polish statutes cited): %(old)s → %(new)s"),
    ),
    "extra_section_added": ("recommended", N_("new section of your own: %(item)s")),
    # Something stops, or only the document changes.
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
    "possible_transfer_removed": (
        "info",
        N_("no longer among the services that may transfer data outside the EEA: %(item)s"),
    ),
    "unlisted_storage_changed": ("info", N_("where %(item)s describes what it stores changed: %(old)s → %(new)s")),
    "online_risks_changed": ("info", N_("advice on the risks of using online services: %(old)s → %(new)s")),
    "security_measure_added": ("info", N_("new security measure: %(item)s")),
    "effective_date_changed": ("info", N_("effective date changed: %(old)s → %(new)s")),
    "change_history_changed": ("info", N_("history of changes updated: %(item)s")),
    "extra_section_removed": ("info", N_("section of your own removed: %(item)s")),
    "languages_changed": ("info", N_("languages of the policy changed: %(old)s → %(new)s")),
    "order_changed": ("info", N_("order changed: %(item)s")),
}

VERDICT: dict[str, str] = {
    "info": N_("No substantive change that requires notification; publish the new version."),
    "recommended": N_("Substantive change: publish the new version and tell people about it (recommended)."),
    "required": N_("Notify people actively (e-mail, a notice devoted to the change) before the change applies."),
    "advance": N_("Fundamental change: notify people actively and well in advance of the change taking effect."),
}


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


def compared_languages(old: Policy, new: Policy) -> tuple[str, ...]:
    """Free text is compared in the languages both versions are published in (a language added or
    dropped is a change of its own); with none in common, in all of them."""
    common = tuple(lang for lang in old.languages if lang in new.languages)
    return common or tuple(dict.fromkeys(old.languages + new.languages))


def compare(old: Policy, new: Policy) -> list[Change]:
    """Every difference between the facts of two policies, as changes: one per kind and item."""
    langs = compared_languages(old, new)
    before, after = flatten(old, langs), flatten(new, langs)
    found: dict[tuple[str, str], tuple[Change, Row]] = {}
    for row, event in _events(before, after, old, new):
        kind = row.kind_of(event)
        if kind is None:
            continue
        item = row.item_of(event)
        if (kind, item) not in found:
            label, was, now = row.word(event)
            found[kind, item] = (Change(kind, item, was, now, label), row)
    kept = [change for change, row in found.values() if not _absorbed(change, row, found)]
    return sorted(kept, key=lambda c: (-LEVELS.index(c.level), c.kind, c.item))


def _events(before: Facts, after: Facts, old: Policy, new: Policy) -> list[tuple[Row, Event]]:
    """One event per difference (what lies under something only one side has is that thing), in
    the order of the table's rows, so that the first row to word a kind and item is the most
    specific one."""
    appeared = before.present() ^ after.present()
    targets: set[Path] = set()
    for path in before.values.keys() | after.values.keys():
        if before.values.get(path, _MISSING) != after.values.get(path, _MISSING):
            targets.add(next((path[:n] for n in range(1, len(path) + 1) if path[:n] in appeared), path))
    events = []
    for path in targets:
        index, row = row_for(path)
        anchor = row.anchor(path)
        o = old if anchor is None else before.items.get(anchor)
        n = new if anchor is None else after.items.get(anchor)
        event = Event(path, before.values.get(path), after.values.get(path), o, n, old, new)
        events.append((index, _sort_key(path), row, event))
    return [(row, event) for _, _, row, event in sorted(events, key=lambda e: e[:2])]


_MISSING = object()


def _sort_key(path: Path) -> tuple[str, ...]:
    return tuple(str(part) for part in path)


def _absorbed(change: Change, row: Row, found: dict[tuple[str, str], tuple[Change, Row]]) -> bool:
    return any(
        other.kind in row.absorbed_by and (not row.same_item or other.item == change.item)
        for other, _ in found.values()
        if other is not change
    )


def verdict(changes: list[Change]) -> str:
    level = max((c.level for c in changes), key=LEVELS.index, default="info")
    return level


#: Levels at which people must be told actively (WP260 paras 29-30), not only by a new version.
NOTIFY = frozenset({"required", "advance"})


def must_notify(changes: list[Change]) -> bool:
    """Whether the changes need people to be notified (``policygen diff --exit-code`` exits 1)."""
    return verdict(changes) in NOTIFY
