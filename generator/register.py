"""The record of processing activities (Art. 30 GDPR), from the same derived facts as the policy.

``record(policy, lang)`` lays out the controller's record (Art. 30(1)): one row per purpose of the
policy, with every item (a)–(g), and, when the answers describe processing on behalf of customers
(``features.saas``: the policy's processor section), the processor's record (Art. 30(2)). Every
fact comes from the ``Policy`` that ``derive`` made for the policy, and every phrase the policy
also says is worded by the same vocabulary (``wording.py``) and the same retention function
(``retention.py``); only the record's own titles and phrases are in ``register_wording.py``. What
the answers do not say (security measures, the customers of a processor, the data subjects of a
purpose of the user's own) is marked as to be completed, never made up.

``register_files`` turns records into files (XLSX, CSV, Markdown; ``register_files.py``), and
``register_outputs`` does it for one answers file: the function ``build`` and the ``register``
command call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from . import register_wording as rw
from .fields import Text, text_in
from .i18n import POLICY, translations
from .languages import SOURCE, language
from .model import Address, Controller
from .policy import Activity, Policy, Recipient
from .resources import data_dir
from .retention import word_retention
from .wording import BASIS, CITE, DATA, INTEREST, MECHANISM, OBLIGATION, PURPOSE, RECIPIENT_CATEGORY, ROLE, SECURITY
from .wording import CONSENT_LAW as CONSENT_LAWS


@dataclass(frozen=True)
class Sheet:
    """One record as a table: a title, a header block (label, value), column titles and rows.
    A cell holds plain text; its parts are separated by line breaks."""

    key: str  # "controller" or "processor"
    name: str
    title: str
    header: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def grid(self) -> tuple[tuple[str, ...], ...]:
        """Every line of the sheet as it is laid out in the XLSX and the CSV: the title, the header
        block, an empty line, the column titles and the rows, each as wide as the table."""
        width = len(self.columns)
        lines = [(self.title,), *self.header, (), self.columns, *self.rows]
        return tuple(tuple(line) + ("",) * (width - len(line)) for line in lines)

    @property
    def first_row(self) -> int:
        """The 0-based index in ``grid()`` of the column titles."""
        return len(self.header) + 2


@dataclass(frozen=True)
class Register:
    lang: str
    title: str
    #: The date of the record: the policy's effective date (so the same answers give the same files).
    day: date
    sheets: tuple[Sheet, ...]


@cache
def subjects_data() -> dict[str, tuple[str, ...]]:
    """The categories of data subjects of each built-in purpose (``data/register.yaml``)."""
    with (data_dir() / "register.yaml").open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return {purpose: tuple(ids) for purpose, ids in raw["subjects"].items()}


class _Words:
    """The policy's vocabulary and the record's phrases in one language, as plain text."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = language(lang).locale
        self.t = translations(lang, POLICY)

    def say(self, msgid: str, **params: object) -> str:
        text = self.t.gettext(msgid)
        return text % params if params else text

    def text(self, value: Text) -> str:
        return text_in(value, self.lang)

    def listing(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale) if items else ""

    def country(self, code: str) -> str:
        return str(Locale.parse(self.locale).territories.get(code, code))

    def day(self, value: date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def retention(self, activity: Activity) -> str:
        return word_retention(activity.retention, self.t, self.text)

    def purpose(self, activity: Activity) -> str:
        return self.text(activity.title) if activity.title is not None else self.say(PURPOSE[activity.id])


def record(policy: Policy, lang: str) -> Register:
    """The record of processing activities of ``policy`` in ``lang``."""
    w = _Words(lang)
    sheets = [_controller_sheet(policy, w)]
    if policy.saas_processor:
        sheets.append(_processor_sheet(policy, w))
    return Register(lang, w.say(rw.RECORD), policy.effective_date, tuple(sheets))


def _header(policy: Policy, w: _Words, label: str) -> tuple[tuple[str, str], ...]:
    names = "; ".join(c.name for c in policy.controllers)
    return (
        (w.say(label), names),
        (w.say(rw.LABEL_DATE), w.day(policy.effective_date)),
        (w.say(rw.LABEL_NOTE), w.say(rw.DRAFT_NOTE)),
    )


def _controller_sheet(policy: Policy, w: _Words) -> Sheet:
    who = _controller_cell(policy, w)
    security = _security_cell(policy, w)
    rows = tuple(
        (
            str(number),
            who,
            w.purpose(a),
            _basis(a, w),
            _subjects(policy, a, w),
            "; ".join(w.say(DATA[d]) for d in a.data),
            _recipients_cell(policy, a, w),
            _transfers_cell(policy, _recipients_of(policy, a), w),
            w.retention(a),
            security,
        )
        for number, a in enumerate(policy.activities, 1)
    )
    columns = tuple(w.say(c) for c in rw.CONTROLLER_COLUMNS)
    header = _header(policy, w, rw.LABEL_CONTROLLER)
    return Sheet("controller", w.say(rw.CONTROLLER_SHEET), w.say(rw.CONTROLLER_TITLE), header, columns, rows)


def _processor_sheet(policy: Policy, w: _Words) -> Sheet:
    used = tuple(
        r
        for r in policy.recipients
        if r.service.role == "processor" and (r.all_purposes or "saas_contract" in r.activities)
    )
    url = policy.dpa_url
    customers = w.say(rw.CUSTOMERS, url=url) if url else w.say(rw.CUSTOMERS_NO_URL)
    if used:
        subprocessors = "\n".join([*(_recipient_line(r, w) for r in used), w.say(rw.SUBPROCESSORS_CHECK)])
    else:
        subprocessors = w.say(rw.NO_SUBPROCESSORS)
    row = (
        "1",
        _controller_cell(policy, w),
        customers,
        w.say(rw.PROCESSING_FOR_CUSTOMERS),
        subprocessors,
        _transfers_cell(policy, used, w),
        _security_cell(policy, w),
    )
    columns = tuple(w.say(c) for c in rw.PROCESSOR_COLUMNS)
    header = _header(policy, w, rw.LABEL_PROCESSOR)
    return Sheet("processor", w.say(rw.PROCESSOR_SHEET), w.say(rw.PROCESSOR_TITLE), header, columns, (row,))


# -- (a) who --------------------------------------------------------------------------------------


def _address(a: Address, w: _Words) -> str:
    place = f"{a.street}, {a.postal_code} {a.city}"
    return place if a.country == "PL" else f"{place}, {w.country(a.country)}"


def _party(c: Controller, w: _Words) -> str:
    contacts = [w.say(rw.EMAIL, email=c.email)]
    if c.phone:
        contacts.append(w.say(rw.PHONE, phone=c.phone))
    if c.website:
        contacts.append(w.say(rw.WEBSITE, url=c.website))
    return f"{c.name}, {_address(c.address, w)}; {', '.join(contacts)}"


def _controller_cell(policy: Policy, w: _Words) -> str:
    if policy.joint is None:
        lines = [_party(policy.controller, w)]
    else:
        lines = [w.say(rw.JOINT_CONTROLLERS)]
        lines += [f"{i}. {_party(c, w)}" for i, c in enumerate(policy.controllers, 1)]
        if policy.joint.contact_point:
            lines.append(w.say(rw.CONTACT_POINT, name=policy.contact.name))
    if policy.representative is not None:
        r = policy.representative
        parts = [r.name, _address(r.address, w), w.say(rw.EMAIL, email=r.email)]
        if r.phone:
            parts.append(w.say(rw.PHONE, phone=r.phone))
        lines.append(w.say(rw.REPRESENTATIVE, representative=", ".join(parts)))
    if policy.dpo is not None:
        d = policy.dpo
        parts = [f"{d.name} ({d.company})" if d.company else d.name]
        if d.email:
            parts.append(w.say(rw.EMAIL, email=d.email))
        if d.phone:
            parts.append(w.say(rw.PHONE, phone=d.phone))
        if d.address:
            parts.append(_address(d.address, w))
        lines.append(w.say(rw.DPO, dpo=", ".join(parts)))
    return "\n".join(lines)


# -- (b), (c) what and whose ----------------------------------------------------------------------


def _basis(a: Activity, w: _Words) -> str:
    """The legal basis as the policy words it (the same messages as templates/purposes.md.j2)."""
    basis = w.say(rw.BASIS, basis=w.say(BASIS[a.basis]), cite=w.say(CITE[a.basis]))
    if a.interest_text is not None or a.interest:
        interest = w.text(a.interest_text) if a.interest_text is not None else w.say(INTEREST[a.interest])
        basis = w.say(rw.BASIS_INTEREST, basis=basis, interest=interest)
    if a.obligation_text is not None or a.obligation:
        obligation = w.text(a.obligation_text) if a.obligation_text is not None else w.say(OBLIGATION[a.obligation])
        basis = w.say(rw.BASIS_OBLIGATION, basis=basis, obligation=obligation)
    if a.consent_law:
        basis = w.say(rw.BASIS_CONSENT_LAW, basis=basis, rule=w.say(CONSENT_LAWS[a.consent_law]))
    return basis


def _subjects(policy: Policy, a: Activity, w: _Words) -> str:
    decisions = {f"automated_decision_{i}" for i in range(1, len(policy.automated_decisions) + 1)}
    if a.title is None:
        ids = subjects_data()[a.id]
    elif a.id in decisions:
        ids = ("decision_subjects",)
    else:
        return w.say(rw.SUBJECTS_MISSING)
    return "; ".join(w.say(rw.SUBJECT[s]) for s in ids)


# -- (d), (e) who receives, where it goes ---------------------------------------------------------


def _recipients_of(policy: Policy, a: Activity) -> tuple[Recipient, ...]:
    return tuple(r for r in policy.recipients if a.id in r.activities)


def _recipient_line(r: Recipient, w: _Words) -> str:
    return w.say(rw.RECIPIENT, entity=r.service.entity.name, service=r.service.name, role=w.say(ROLE[r.service.role]))


def _recipients_cell(policy: Policy, a: Activity, w: _Words) -> str:
    lines = [_recipient_line(r, w) for r in _recipients_of(policy, a)]
    if "ksef" in a.notes:
        lines.append(w.say(rw.KSEF))
    if policy.intermediary is not None and a.id in ("intermediary_orders", "seller_requests"):
        lines.append(w.say(rw.SELLERS, sellers=w.text(policy.intermediary.sellers)))
    if policy.recipient_categories:
        categories = w.listing([w.say(RECIPIENT_CATEGORY[c]) for c in policy.recipient_categories])
        lines.append(w.say(rw.OTHER_RECIPIENTS, categories=categories))
    return "\n".join(lines) or w.say(rw.NO_RECIPIENTS)


def _transfers_cell(policy: Policy, recipients: tuple[Recipient, ...], w: _Words) -> str:
    ids = {r.service.id for r in recipients}
    lines = []
    for t in policy.transfers:
        if t.service.id not in ids:
            continue
        mechanism = w.say(MECHANISM[t.mechanism])
        if t.dpf and t.mechanism != "dpf":
            mechanism = w.say(rw.ALSO_DPF, mechanism=mechanism)
        country = w.country(t.country) if t.country else w.say(rw.UNNAMED_COUNTRIES)
        lines.append(
            w.say(rw.TRANSFER, country=country, recipient=t.recipient, service=t.service.name, mechanism=mechanism)
        )
    lines += [w.say(rw.TRANSFER_UNVERIFIED, service=s.name) for s in policy.transfers_unknown if s.id in ids]
    lines += [
        w.say(rw.TRANSFER_CONTROLLER, service=s.name) for s in policy.transfers_unknown_controllers if s.id in ids
    ]
    return "\n".join(lines) or w.say(rw.NO_TRANSFERS)


# -- (g) security ---------------------------------------------------------------------------------


def _security_cell(policy: Policy, w: _Words) -> str:
    if not policy.security:
        return w.say(rw.SECURITY_MISSING)
    return w.say(rw.SECURITY, measures="; ".join(w.say(SECURITY[m]) for m in policy.security))


# -- files ----------------------------------------------------------------------------------------

FORMATS = ("xlsx", "csv", "md")


def register_files(
    policy: Policy, langs: tuple[str, ...], formats: tuple[str, ...] = FORMATS, name: str = "register"
) -> dict[str, bytes]:
    """The record's files for ``policy`` in each language and format, by path relative to the
    output folder: ``<name>/<lang>/register.xlsx``, ``register.md``, ``register-controller.csv``
    and (for a processor) ``register-processor.csv``."""
    from .register_files import csv_bytes, markdown_bytes, xlsx_bytes

    out: dict[str, bytes] = {}
    for lang in langs:
        register = record(policy, lang)
        folder = f"{name}/{lang}"
        for fmt in formats:
            if fmt == "xlsx":
                out[f"{folder}/register.xlsx"] = xlsx_bytes(register)
            elif fmt == "csv":
                for sheet in register.sheets:
                    out[f"{folder}/register-{sheet.key}.csv"] = csv_bytes(sheet)
            elif fmt == "md":
                out[f"{folder}/register.md"] = markdown_bytes(register)
            else:
                raise ValueError(f"unsupported register format {fmt!r}")
    return out


def register_outputs(
    path: Path,
    formats: tuple[str, ...] = FORMATS,
    langs: tuple[str, ...] | None = None,
    ui_lang: str = SOURCE,
    ignore_check_errors: bool = False,
    language_hint: str | None = None,
) -> dict[str, bytes]:
    """Load and check one answers file as ``build`` does (the same ``check`` gate, the same
    languages) and return its record's files (``register_files``; the answers file's name is the
    first folder). Raises ``AnswersError`` or ``BuildProblem``; writes nothing."""
    from .api import check_answers
    from .build import MSG_NOT_IN_ANSWERS, BuildProblem
    from .i18n import gettext_for

    answers, policy, findings = check_answers(path, ui_lang)
    errors = tuple(f for f in findings if f.severity == "error")
    if errors and not ignore_check_errors:
        raise BuildProblem("\n".join(str(f) for f in errors), errors)
    chosen = langs or tuple(answers.languages)
    missing = [lang for lang in chosen if lang not in answers.languages]
    if missing:
        hint = language_hint or MSG_NOT_IN_ANSWERS
        raise BuildProblem("\n".join(gettext_for(ui_lang, hint) % {"file": path, "lang": lang} for lang in missing))
    return register_files(policy, chosen, formats, Path(path).stem)
