"""The wizard's interview as data: the questions, in order, and when each is asked.

The questions themselves are in ``questions_business.py`` (who you are) and
``questions_processing.py`` (what you do with data); this module puts them in order and adds the
conditions of groups (``GROUPS``), how list items are asked (``LISTS``), the menu's sections and
the fields deliberately not asked (``SKIPPED``).

Every question names the answers-model field it fills by a path (``controllers[].address.city``;
``[]`` stands for an item of a list, ``{}`` for a value of a mapping). ``SKIPPED`` lists the fields
the wizard deliberately does not ask about, each with the reason; a test walks the model and fails
when a field is neither asked nor skipped, or a question names no field.

*When* a question is asked is data too, written in the expression language of the built-in
purposes (``generator/conditions.py``): a question's ``when``, the ``when`` of a group in
``GROUPS``, and a ``presence`` question, whose follow-ups are asked only when it is answered yes.
``flow.applies`` is the one function that evaluates them; the names a condition can use are in
``flow.py``. Nothing here imports a prompt library: any interview front end (the terminal, a web
form) reuses these questions and conditions.
"""

from __future__ import annotations

from ..i18n import N_, gettext_for
from .modelfields import _model_of, field_info, literal_values, model_paths, validate_value
from .question import Items, Q
from .questions_business import BUSINESS
from .questions_processing import PROCESSING

MSG_ANOTHER_CONTROLLER = N_("Is there another controller that decides on the data with you (joint controllers)?")
MSG_KEEP_CONTROLLER = N_("Keep %(name)s as a controller?")
MSG_CUSTOM_SERVICE = N_("Do you use a tool that is not on the list?")
MSG_ANOTHER_CUSTOM = N_("Another tool that is not on the list?")
MSG_KEEP_CUSTOM = N_("Keep %(name)s among your tools?")
MSG_TRANSFER = N_("Do the data of this tool reach a country outside the EEA?")
MSG_ANOTHER_TRANSFER = N_("Another country outside the EEA?")
MSG_ANOTHER_COOKIE = N_("Another cookie of this tool?")
MSG_OWN_COOKIE = N_(
    "Does your site itself set cookies, e.g. for a login, the basket or the choices made in your own "
    "cookie banner (or a shop or CMS software that is not on the list of tools)?"
)
MSG_ANOTHER_OWN_COOKIE = N_("Another cookie of your site?")
MSG_KEEP_OWN_COOKIE = N_("Keep the cookie %(name)s?")

LISTS: dict[str, Items] = {
    "controllers[]": Items(MSG_ANOTHER_CONTROLLER, keep=MSG_KEEP_CONTROLLER, numbered=True),
    "custom_services[]": Items(MSG_ANOTHER_CUSTOM, first=MSG_CUSTOM_SERVICE, keep=MSG_KEEP_CUSTOM),
    "custom_services[].transfers[]": Items(MSG_ANOTHER_TRANSFER, first=MSG_TRANSFER, keep_empty=True),
    "custom_services[].cookies[]": Items(MSG_ANOTHER_COOKIE),
    "custom_cookies[]": Items(MSG_ANOTHER_OWN_COOKIE, first=MSG_OWN_COOKIE, keep=MSG_KEEP_OWN_COOKIE),
}

#: Groups of questions asked only when a condition holds; when it does not, the group is removed.
GROUPS: dict[str, str] = {
    "controllers[].owner": 'controller.legal_form == "sole_trader"',
    "joint": "joint_required",
    "representative": "representative_required",
    "consent_tool": "policy.cookie_consent",
}

#: Every question, in the order they are asked.
QUESTIONS: tuple[Q, ...] = (*BUSINESS, *PROCESSING)


#: The sections a user can open from the menu: (name, title, the path of its first question).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("basics", N_("Languages and date"), "languages"),
    ("controllers", N_("Who you are (controllers)"), "controllers[].legal_form"),
    ("dpo", N_("Data protection officer"), "dpo"),
    ("features", N_("What your website does"), "features.website.log_retention_days"),
    ("services", N_("Tools and services"), "services"),
    ("purposes", N_("How long you keep data, and on what basis"), "purposes"),
    ("other", N_("Recipients, security, children"), "other_recipients"),
)

#: Fields the wizard does not ask about, each with the reason.
SKIPPED: dict[str, str] = {
    "schema_version": "fixed: the wizard writes the current version",
    "extends": "batch feature for agencies: inheritance is written in the file by hand",
    "templates_dir": "overlay templates are files you write yourself",
    "extra_sections": "need overlay templates, written by hand",
    "changes": "the change history is written when a policy changes (see policygen diff)",
    "custom_purposes": "purposes the features do not cover need legal judgement; written in the file",
    "automated_decisions": "Art. 22 decisions need legal judgement; written in the file",
    "features.shop.intermediary": (
        "selling on behalf of others (sellers, payments, fees, pickup points) is written in the file for now; "
        "see the README section on it"
    ),
    "purposes{}.data": "the data categories follow from the features; narrowing them is written in the file",
    "purposes{}.requirement": "whether the data are required follows from the basis; written in the file",
    "purposes{}.consequence": "what refusing costs follows from the purpose; own words are written in the file",
    "purposes{}.source": "where the data come from follows from the purpose; written in the file",
    # Other people's data (Art. 14, issue 15 point 2): not asked yet, so that the interview's sessions stay
    # as they are until its questions are added; written in the file (see the README).
    "features.shop.gift_recipients": "other people's data (Art. 14): not asked yet; written in the file",
    "features.shop.child_data": "other people's data (Art. 14): not asked yet; written in the file",
    "features.business_contacts": "other people's data (Art. 14): not asked yet; written in the file",
    "controllers[].id": "derived from the name (a slug), unique",
    "dpo.address": "e-mail or phone is enough (Art. 37(7)); a postal address is written in the file",
    "features.newsletter.basis": "always consent: Polish law (art. 398 PKE) requires it",
    "features.newsletter.unsubscribe": "always on: withdrawing consent must be as easy as giving it",
    "custom_services[].id": "derived from the name (a slug), unique",
    "custom_services[].links.opt_out": "rare; written in the file",
    "custom_services[].links.cookies": "the tool's own cookie page; rare, written in the file",
    "custom_services[].cookies_complete": "the wizard asks for every cookie; a partial list is marked in the file",
    "custom_services[].transfers[].dpf": "DPF certification is implied by the dpf mechanism; other cases in the file",
    "custom_services[].links.dpa": "rare; written in the file",
    "custom_services[].links.arrangement": "joint-controller tools come from the catalogue",
    "custom_services[].sources": "filled in: your answers, from its privacy policy, checked today",
    "custom_services[].cookies[].source": "optional outside the catalogue; the tool's sources cover its cookies",
    "custom_services[].hosts": "for the catalogue's site scanner; not printed in the policy, written in the file",
    "custom_services[].retention": "a provider's fixed retention needs a source; written in the file",
    "custom_services[].joint_scope": "a limit of a joint controllership needs the provider's arrangement as a source; written in the file",
    "service_use{}": "purposes beyond a tool's category and per-tool retention are rare; written in the file",
    "features.session_recording": "a purpose of its own for recording tools is opt-in; written in the file",
}

BY_PATH: dict[str, Q] = {q.path: q for q in QUESTIONS}


def t(lang: str, msgid: str, **params: object) -> str:
    text = gettext_for(lang, msgid)
    return text % params if params else text


__all__ = [
    "BY_PATH",
    "GROUPS",
    "LISTS",
    "QUESTIONS",
    "SECTIONS",
    "SKIPPED",
    "Items",
    "Q",
    "_model_of",
    "field_info",
    "literal_values",
    "model_paths",
    "t",
    "validate_value",
]
