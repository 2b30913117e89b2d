"""The interview as data: the questions a business is asked follow from its answers without any
prompt library, the terminal asks exactly those, and the purposes' retention and basis can be
changed in the wizard (``purposes:``)."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from generator.api import build_policy, load_answers, render
from generator.conditions import ConditionError, evaluate
from generator.wizard import run
from generator.wizard.choices import RETENTION_FORMS, groups
from generator.wizard.flow import Ctx, Names, Step, Undecided, View, applies, names_at, walk
from generator.wizard.labels import RETENTION_FORM
from generator.wizard.questions import BY_PATH, GROUPS, QUESTIONS
from generator.wizard.save import partial_path

from .conftest import ROOT
from .test_wizard import (
    BASICS,
    ENTER,
    JOINT_SESSION,
    NO,
    OTHER_NONE,
    PICK,
    SAVE_AND_BUILD,
    SHOP_SESSION,
    TOOL,
    YES,
    N,
    T,
    company,
    drive,
    kept,
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# -- the questions a business is asked, from the data alone ---------------------------------------

C = "controllers[]."
ADDRESS = [C + "address.country", C + "address.street", C + "address.postal_code", C + "address.city"]
REACH = [C + "email", C + "phone", C + "website"]
COMPANY = [
    C + "legal_form",
    C + "name",
    *ADDRESS,
    *REACH,
    C + "nip",
    C + "regon",
    C + "krs",
    C + "seat",
    C + "registry_court",
]
SOLE_TRADER = [C + "legal_form", C + "name", C + "owner.first_name", C + "owner.last_name", C + "owner.gender"]
SOLE_TRADER += [*ADDRESS, *REACH, C + "nip", C + "regon"]  # no KRS: a sole trader is in CEIDG
END = ["other_recipients", "security", "profiling", "children.directed_at_children"]


def feature(name: str, *follow_ups: str) -> list[str]:
    return [f"features.{name}", *(f"features.{name}.{f}" for f in follow_ups)]


def tools_then_overrides(own_cookies: int = 0) -> list[str]:
    # statistics tools are used, and their cookies need consent: both follow from the core's derivation
    own = ["name", "provider", "lifetime", "purpose", "consent"]
    return [
        "services",
        "features.website.statistics_months",
        "consent_tool.service",
        "consent_tool.link",  # the examples describe the place in their own words: asked next
        "consent_tool.settings",
        *[f"custom_cookies[].{field}" for _ in range(own_cookies) for field in own],
        "purposes",
    ]


EXPECTED = {
    "shop": [
        "languages",
        "effective_date",
        *COMPANY,
        C + "share_capital",  # sp. z o.o.
        "dpo",
        "features.website.log_retention_days",
        *feature("contact", "form", "email", "phone", "keep_months"),
        *feature("accounts", "social_login"),
        *feature("shop", "payments", "carriers", "guest_checkout", "consumers"),
        "features.saas",
        "bookkeeping",  # something is sold in Poland: the bookkeeping form is offered
        *feature("newsletter", "tool", "double_opt_in"),
        "features.webinars",
        "features.comments",
        "features.surveys",
        *feature("marketing", "remarketing", "profiling"),
        *feature("social_media", "profiles"),
        "features.recruitment",
        *tools_then_overrides(own_cookies=2),  # the basket and the banner's own cookie
        *END,
    ],
    "saas": [
        "languages",
        "effective_date",
        *COMPANY,
        C + "share_capital",  # S.A.
        *["dpo", "dpo.kind", "dpo.name", "dpo.email", "dpo.phone"],  # internal: no firm asked
        "features.website.log_retention_days",
        *feature("contact", "form", "email", "phone", "keep_months"),
        *feature("accounts", "social_login"),
        "features.shop",
        *feature("saas", "dpa_url", "support", "trial"),
        "bookkeeping",
        *feature("newsletter", "tool", "double_opt_in"),
        "features.webinars",
        "features.comments",
        *feature("surveys", "tool"),
        "features.marketing",
        "features.social_media",
        "features.recruitment",
        *tools_then_overrides(),
        *END,
    ],
    "blogger": [
        "languages",
        "effective_date",
        *SOLE_TRADER,
        "dpo",
        "features.website.log_retention_days",
        *feature("contact", "form", "email", "phone", "keep_months"),
        "features.accounts",
        "features.shop",
        "features.saas",
        *feature("newsletter", "tool", "double_opt_in"),
        *feature("webinars", "tool", "recording"),
        *feature("comments", "moderation"),
        "features.surveys",
        "features.marketing",
        "features.social_media",
        "features.recruitment",
        *tools_then_overrides(),
        *END,
    ],
}

WALK = """
import json, sys, yaml
from generator.wizard.flow import walk
out = {name: walk(yaml.safe_load(open(f"answers/{name}.yaml", encoding="utf-8"))) for name in sys.argv[1:]}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("questionary", "prompt_toolkit"))
print(json.dumps({"walks": out, "prompt_modules": loaded}))
"""


def test_the_questions_follow_from_the_answers_without_a_prompt_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WALK, *EXPECTED], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout)
    assert found["prompt_modules"] == []
    for name, expected in EXPECTED.items():
        assert found["walks"][name] == expected, name


def test_the_walk_reads_the_overrides_of_purposes() -> None:
    data = yaml.safe_load((ROOT / "answers" / "blogger.yaml").read_text(encoding="utf-8"))
    data["purposes"] = {
        "webinar_recording": {
            "basis": "legitimate_interest",
            "interest": {"pl": "dokumentowanie szkoleń", "en": "keeping a record of our training"},
            "retention": {"statute": "claims_limitation"},
        },
        "comments": {"retention": {"days": 30, "after": "collection"}},
        "orders": {"basis": "consent"},  # the blogger has no shop: not offered, not asked, kept
    }
    paths = walk(data)
    start = paths.index("purposes")
    assert paths[start : start + 10] == [
        "purposes",
        "purposes{}.basis",
        "purposes{}.interest",  # the record has no interest: the model asks for one
        "purposes{}.retention",
        "purposes{}.retention.statute",
        "purposes{}.basis",
        "purposes{}.retention",
        "purposes{}.retention.days",
        "purposes{}.retention.after",
        "other_recipients",
    ]
    assert data["purposes"]["orders"] == {"basis": "consent"}  # the data walked are not changed


def test_a_question_that_cannot_be_decided_yet_is_asked() -> None:
    def unknown() -> Any:
        raise Undecided

    names = Names({}, {"selected": unknown, "policy": unknown})
    assert applies('"analytics" in selected', names) and applies("policy.cookie_consent", names)
    # Invalid answers give no policy: the tools' follow-ups are asked, the purposes are left as they are.
    data = yaml.safe_load((ROOT / "answers" / "agency.yaml").read_text(encoding="utf-8"))
    data["controllers"][0]["nip"] = "1234567890"  # wrong checksum
    data["services"] = []
    data["purposes"] = {"contact": {"retention": {"months": 6}}}
    paths = walk(data)
    assert "features.website.statistics_months" in paths and "consent_tool.settings" in paths
    assert "purposes" not in paths


def test_conditions_read_answers_as_the_model_names_them() -> None:
    data = {"features": {"contact": {}}, "dpo": {"kind": "external"}}
    names = names_at(Ctx(data, data))
    assert evaluate("features.contact", names)  # present, even with nothing below it
    assert evaluate("features.shop", names) is None  # a field not answered reads as none
    assert evaluate('answers.dpo.kind == "external"', names)
    with pytest.raises(ConditionError):  # a name that is no field fails loudly
        evaluate("features.shopp", names)
    assert isinstance(names["answers"], View)


def test_every_condition_names_only_what_the_flow_provides() -> None:
    import ast

    provided = {"answers", "features", "controller", "custom_service", "cookie", "transfer", "purpose"}
    provided |= {"joint_required", "representative_required", "krs_forms", "capital_forms", "on_site", "today"}
    provided |= {"polish_law", "phone_given"}
    provided |= {"policy", "selected", "override_needs", "retention_form"}
    conditions = [q.when for q in QUESTIONS if q.when] + list(GROUPS.values())
    conditions += [q.default[1:] for q in QUESTIONS if isinstance(q.default, str) and q.default.startswith("=")]
    for condition in conditions:
        used = {n.id for n in ast.walk(ast.parse(condition, mode="eval")) if isinstance(n, ast.Name)}
        assert used <= provided, condition


def test_every_retention_form_has_a_label() -> None:
    assert set(RETENTION_FORMS) == set(RETENTION_FORM) == {"days", "months", "years", "statute", "criterion"}


def general_list(features: dict[str, Any]) -> list[str | None]:
    data: dict[str, Any] = {"features": features}
    ctx = Ctx(data, data)
    return [heading for heading, _ in groups(Step(BY_PATH["services"], ctx, names_at(ctx)), "en")]


def test_the_general_list_of_tools_leaves_out_what_is_asked_elsewhere() -> None:
    shop = general_list({"shop": {}})
    assert "accounting and invoicing" in shop and "shop platform" in shop
    assert "payments" not in shop and "delivery" not in shop  # asked as the shop's own follow-ups
    assert "payments" in general_list({"saas": {}})  # a SaaS has no such follow-up
    nothing = general_list({})
    assert "website statistics" in nothing and "cookie banner" not in nothing and "chat with visitors" not in nothing
    assert "chat with visitors" in general_list({"contact": {}})
    assert "reviews and surveys" not in general_list({"surveys": {}})  # asked as the surveys' tool


# -- the terminal asks what the data say -------------------------------------------------------------


def session(keys: list[str], target: Path, ui_lang: str = "en") -> tuple[int, str, list[str]]:
    out = io.StringIO()
    trace: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()
        code = run(target, ui_lang, out=out, trace=trace, input=inp, output=DummyOutput())
    return code, out.getvalue(), trace


def asked_fields(trace: list[str]) -> list[str]:
    """The field questions of a session; a text asked once per language counts once."""
    fields = [p for p in trace if p in BY_PATH]
    return [p for i, p in enumerate(fields) if i == 0 or fields[i - 1] != p]


WEBINAR_SESSION = [
    *BASICS,
    *company("Szkolenia Online sp. z o.o."),
    NO,  # another controller
    NO,  # dpo
    T("14"),
    *[NO] * 5,  # contact, accounts, shop, saas, newsletter
    YES,
    TOOL("webinar", "zoom"),
    YES,  # webinars on Zoom, recorded
    *[NO] * 5,  # comments, surveys, marketing, social media, job applications
    ENTER,
    NO,  # no other tools
    NO,  # no cookies of the site's own
    PICK("Recording"),
    ENTER,  # basis: keep (consent)
    N(2),  # retention: a number of days
    T("30"),
    N(4),  # … after the event
    *OTHER_NONE,
    *SAVE_AND_BUILD,
]

BLOG_SESSION = [
    *BASICS,
    *company("Blog Kulinarny sp. z o.o."),
    NO,
    NO,
    T("14"),
    *[NO] * 6,  # contact … webinars
    YES,
    ENTER,  # comments, moderated
    *[NO] * 4,
    ENTER,
    NO,
    NO,  # no cookies of the site's own
    PICK("Publishing"),
    N(2),  # basis: consent (the first choice keeps the legitimate interest)
    ENTER,  # retention: keep (worded for consent now)
    *OTHER_NONE,
    *SAVE_AND_BUILD,
]


@pytest.mark.parametrize("name", ["shop", "joint", "webinar", "blog"])
def test_the_terminal_asks_exactly_the_questions_the_data_give(tmp_path: Path, name: str) -> None:
    keys = {"shop": SHOP_SESSION, "joint": JOINT_SESSION, "webinar": WEBINAR_SESSION, "blog": BLOG_SESSION}[name]
    target = tmp_path / "answers" / f"{name}.yaml"
    code, out, trace = session(keys, target)
    assert code == 0, out
    assert asked_fields(trace) == walk(yaml.safe_load(target.read_text(encoding="utf-8")))


def purpose_section(text: str, anchor: str) -> str:
    start = text.index("{#" + anchor + "}")
    return text[start : text.index("\n#", start)]


def test_webinar_recordings_kept_30_days_after_the_event(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "webinar.yaml"
    code, out, _ = session(WEBINAR_SESSION, target)
    assert code == 0, out
    text = target.read_text(encoding="utf-8")
    assert 'purposes:\n  webinar_recording:\n    retention:\n      days: 30\n      after: "event"\n' in text
    assert yaml.safe_load(text)["purposes"] == {"webinar_recording": {"retention": {"days": 30, "after": "event"}}}
    # the review shows it as the policy will say it, before anything is saved
    assert "changed by you: your consent (Art. 6(1)(a) GDPR); kept: for 30 days after the event" in out
    en = (tmp_path / "out" / "webinar" / "en" / "privacy.md").read_text(encoding="utf-8")
    pl = (tmp_path / "out" / "webinar" / "pl" / "privacy.md").read_text(encoding="utf-8")
    assert "**How long:** for 30 days after the event." in purpose_section(en, "purpose-webinar-recording")
    assert "**Jak długo je przechowujemy:** przez 30 dni od wydarzenia." in purpose_section(
        pl, "purpose-webinar-recording"
    )
    assert "until you withdraw your consent" not in purpose_section(en, "purpose-webinar-recording")
    # the other purposes keep their built-in rules
    assert "(Art. 118 of the Civil Code)" in purpose_section(en, "purpose-webinars")


def test_a_blog_moves_its_comments_to_consent(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "blog.yaml"
    code, out, _ = session(BLOG_SESSION, target)
    assert code == 0, out
    text = target.read_text(encoding="utf-8")
    assert 'purposes:\n  comments:\n    basis: "consent"\n' in text
    assert yaml.safe_load(text)["purposes"] == {"comments": {"basis": "consent"}}
    en = purpose_section(
        (tmp_path / "out" / "blog" / "en" / "privacy.md").read_text(encoding="utf-8"), "purpose-comments"
    )
    pl = purpose_section(
        (tmp_path / "out" / "blog" / "pl" / "privacy.md").read_text(encoding="utf-8"), "purpose-comments"
    )
    assert "**Legal basis:** your consent (Art. 6(1)(a) GDPR)." in en
    assert "legitimate interest" not in en
    assert "as long as the comment is published, or until you withdraw your consent" in en
    assert "**Podstawa prawna:** Twoja zgoda (art. 6 ust. 1 lit. a RODO)." in pl
    assert "changed by you: your consent (Art. 6(1)(a) GDPR)" in out


def test_a_new_basis_without_words_in_the_record_asks_for_them_in_each_language(tmp_path: Path) -> None:
    keys = WEBINAR_SESSION[: WEBINAR_SESSION.index(PICK("Recording")) + 1]
    keys += [N(6)]  # legitimate interest (keep, contract, legal obligation, vital interests, public task, …)
    keys += [T("dokumentowanie naszych szkoleń"), T("keeping a record of our training")]
    keys += [N(5), N(1)]  # retention: a period set by law, until claims are time-barred
    keys += [*OTHER_NONE, *SAVE_AND_BUILD]
    target = tmp_path / "answers" / "interest.yaml"
    code, out, _ = session(keys, target)
    assert code == 0, out
    saved = yaml.safe_load(target.read_text(encoding="utf-8"))["purposes"]["webinar_recording"]
    assert saved == {
        "basis": "legitimate_interest",
        "interest": {"pl": "dokumentowanie naszych szkoleń", "en": "keeping a record of our training"},
        "retention": {"statute": "claims_limitation"},
    }
    policy = build_policy(load_answers(target))
    en = purpose_section(render(policy, "en", "md").text, "purpose-webinar-recording")
    assert "our legitimate interest (Art. 6(1)(f) GDPR), namely keeping a record of our training" in en
    assert "until claims are time-barred (Art. 118 of the Civil Code)" in en


def test_editing_keeps_an_override_and_unticking_removes_it(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "webinar.yaml"
    assert session(WEBINAR_SESSION, target)[0] == 0
    before = target.read_text(encoding="utf-8")
    purposes_menu = N(8)  # review, all, basics, controllers, dpo, features, services, purposes
    code, out, _ = session([purposes_menu, ENTER, ENTER, ENTER, ENTER, ENTER, N(1), ENTER, NO], target)
    assert code == 0, out
    assert target.read_text(encoding="utf-8") == before  # Enter everywhere keeps the file as it was
    untick = PICK("Recording")
    code, out, _ = session([purposes_menu, untick, N(1), ENTER, NO], target)
    assert code == 0, out
    assert "purposes" not in yaml.safe_load(target.read_text(encoding="utf-8"))


def test_the_polish_interface_words_the_choices_in_polish(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "answers" / "blogger.yaml").read_text(encoding="utf-8"))
    data["purposes"] = {"comments": {}}
    ctx = Ctx(data, data).inner("purposes{}", data["purposes"], "comments")
    step = Step(BY_PATH["purposes{}.retention"], ctx, names_at(ctx))
    labels = [label for _, options in groups(step, "pl") for _, label in options]
    assert labels[0] == "bez zmian: dopóki komentarz jest opublikowany albo do wniesienia przez Ciebie sprzeciwu"
    assert "określona liczba dni" in labels
    basis = Step(BY_PATH["purposes{}.basis"], ctx, names_at(ctx))
    first = next(label for _, options in groups(basis, "pl") for _, label in options)
    assert first.startswith("bez zmian: nasz prawnie uzasadniony interes (art. 6 ust. 1 lit. f RODO)")


def test_answers_given_here_are_unchanged_by_a_walk() -> None:
    data = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    walk(data)
    assert data == before


def test_choosing_none_leaves_the_field_out(tmp_path: Path) -> None:
    # questionary turns a choice whose value is None into its title: "none" must not be saved as a tool
    keys = [*BASICS, *company(), NO, NO, T("14"), *[NO] * 7, YES, ENTER, NO, NO, NO]  # surveys: "none" (the default)
    keys += [ENTER, NO, NO, ENTER, *OTHER_NONE, *SAVE_AND_BUILD]  # tools, custom tool, own cookies, purposes
    target = tmp_path / "answers" / "survey.yaml"
    code, out, _ = session(keys, target)
    assert code == 0, out
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["features"]["surveys"] == {}


@pytest.mark.parametrize("name", ["webinar", "blog"])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_interrupt_among_the_purpose_questions_loses_no_answer(
    tmp_path: Path, name: str, data: st.DataObject
) -> None:
    keys = {"webinar": WEBINAR_SESSION, "blog": BLOG_SESSION}[name]
    first = keys.index(PICK("Recording") if name == "webinar" else PICK("Publishing"))
    cut = data.draw(st.integers(min_value=first + 1, max_value=len(keys) - len(SAVE_AND_BUILD) - len(OTHER_NONE)))
    target = Path(tempfile.mkdtemp(dir=tmp_path)) / f"{name}-{cut}.yaml"
    answered: list[tuple[str, Any]] = []
    code, out = drive(keys[:cut], target, answered=answered)
    assert code == 130, out
    saved = yaml.safe_load(partial_path(target).read_text(encoding="utf-8"))
    assert [(p, a) for p, a in answered if not kept(saved, p, a)] == [], out
    assert any(p.startswith("purposes") for p, _ in answered)


def test_bookkeeping_is_asked_only_when_something_is_sold_in_poland() -> None:
    data = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    data["bookkeeping"] = {"form": "full_books", "ksef": True}
    assert {"bookkeeping", "bookkeeping.form", "bookkeeping.ksef"} <= set(walk(copy.deepcopy(data)))
    abroad = copy.deepcopy(data)
    abroad["controllers"][0]["address"]["country"] = "LT"
    assert not any(p.startswith("bookkeeping") for p in walk(abroad))
    nothing_sold = copy.deepcopy(data)
    del nothing_sold["features"]["shop"]
    assert not any(p.startswith("bookkeeping") for p in walk(nothing_sold))


@pytest.mark.parametrize(("lang", "expected"), [("pl", "kod pocztowy dla PL"), ("en", "postal code for PL")])
def test_a_wrong_postal_code_names_the_country(lang: str, expected: str) -> None:
    """The message is filled in: it used to show the raw ``%(country)s`` placeholder."""
    from generator.wizard.flow import extra_check

    data: dict[str, Any] = {"controllers": [{"address": {"country": "PL"}}]}
    ctx = Ctx(data, data).inner("controllers[]", data["controllers"], 0)
    step = Step(BY_PATH["controllers[].address.postal_code"], ctx, names_at(ctx))
    check = extra_check(step, lang)
    assert check is not None and check("00-120") is None
    problem = check("00120")
    assert problem is not None and expected in problem and "%(" not in problem


# -- defaults and flow (issue 17 item 7) -------------------------------------------------------------


def _step(data: dict[str, Any], path: str) -> Step:
    return Step(BY_PATH[path], Ctx(data, data), names_at(Ctx(data, data)))


def test_contact_defaults_to_yes_but_not_in_a_finished_file() -> None:
    from generator.wizard.flow import current

    step = _step({}, "features.contact")
    assert current(step) is True  # a new answers file: most sites can be contacted
    assert current(step, finished=True) is False  # a saved file without contact: answered "no"


@pytest.mark.parametrize(("phone", "expected"), [("+48 601 234 567", True), (None, False)])
def test_calls_default_to_yes_once_a_phone_number_was_given(phone: str | None, expected: bool) -> None:
    from generator.wizard.flow import current

    controller = {"name": "A"} if phone is None else {"name": "A", "phone": phone}
    data: dict[str, Any] = {"controllers": [controller], "features": {"contact": {}}}
    assert current(_step(data, "features.contact.phone")) is expected


def test_buying_without_an_account_is_asked_only_when_there_are_accounts() -> None:
    base = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    with_accounts = copy.deepcopy(base)
    with_accounts["features"]["accounts"] = {}
    without = copy.deepcopy(base)
    without["features"].pop("accounts", None)
    assert "features.shop.guest_checkout" in walk(with_accounts)
    assert "features.shop.guest_checkout" not in walk(without)


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("kwiatek.pl", "https://kwiatek.pl"),
        ("https://kwiatek.pl", "https://kwiatek.pl"),
        ("http://kwiatek.pl", "http://kwiatek.pl"),
        ("", ""),
    ],
)
def test_a_web_address_without_its_scheme_gets_https(typed: str, saved: str) -> None:
    from generator.wizard.modelfields import is_url, validate_value
    from generator.wizard.sections import with_scheme

    assert with_scheme(typed) == saved
    assert is_url("controllers[].website") and is_url("custom_services[].links.privacy")
    assert not is_url("controllers[].email")
    if saved:
        assert validate_value("controllers[].website", with_scheme(typed), "en") is None


def test_social_profiles_are_offered_from_the_catalogue_social_category() -> None:
    from generator.catalogue import catalogue

    data: dict[str, Any] = {"features": {"social_media": {}}}
    step = _step(data, "features.social_media.profiles")
    offered = [value for _, options in groups(step, "en") for value, _ in options]
    assert offered == [sid for sid, s in catalogue().items() if s.category == "social"]


# -- where cookie choices are changed (issue 17 item 4) ----------------------------------------------

CONSENT_WORDS = {
    "footer": {
        "pl": "zmienić, a zgodę cofnąć, korzystając z linku do ustawień cookies w stopce każdej strony.",
        "en": "change your choices and withdraw your consent at any time using the cookie settings link in the footer",
        "de": "Über den Link zu den Cookie-Einstellungen in der Fußzeile jeder Seite können Sie Ihre Auswahl",
    },
    "button": {
        "pl": "zmienić, a zgodę cofnąć, korzystając z przycisku ustawień cookies widocznego na każdej stronie.",
        "en": "change your choices and withdraw your consent at any time using the cookie settings button shown",
        "de": "Über die Schaltfläche für die Cookie-Einstellungen, die auf jeder Seite angezeigt wird, können Sie",
    },
}


@pytest.mark.parametrize("link", ["footer", "button"])
def test_the_policy_words_where_cookie_choices_are_changed_in_each_language(tmp_path: Path, link: str) -> None:
    data = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    data["languages"] = ["pl", "en", "de"]
    data["consent_tool"] = {"service": data["consent_tool"].get("service"), "link": link}
    data["consent_tool"] = {k: v for k, v in data["consent_tool"].items() if v}
    target = tmp_path / "link.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    policy = build_policy(load_answers(target))
    for lang, words in CONSENT_WORDS[link].items():
        text = " ".join(render(policy, lang, "md").text.split())
        assert words in text, lang


@pytest.mark.parametrize("tool", [{"service": "cookiescript"}, {"link": "footer", "settings": "the link"}])
def test_the_place_is_given_once(tmp_path: Path, tool: dict[str, str]) -> None:
    from generator.errors import AnswersError

    data = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    data["consent_tool"] = tool
    target = tmp_path / "twice.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AnswersError) as exc:
        load_answers(target, "pl")
    assert "link: footer albo link: button" in str(exc.value) and "twice.yaml:" in str(exc.value)


def test_a_place_the_policy_words_asks_no_own_words() -> None:
    data = yaml.safe_load((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    data["consent_tool"] = {"link": "button"}
    paths = walk(data)
    assert "consent_tool.link" in paths and "consent_tool.settings" not in paths
