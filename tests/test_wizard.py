"""The wizard driven in process through prompt_toolkit pipes: every branch, saving, editing, resuming."""

from __future__ import annotations

import io
import shutil
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
from generator.wizard import run
from generator.wizard.app import MSG_RESUME
from generator.wizard.labels import LABELS
from generator.wizard.questions import BY_PATH, QUESTIONS, SKIPPED, field_info, literal_values, model_paths
from generator.wizard.save import dump, partial_path

ENTER = "\r"
DOWN = "\x1b[B"
BACK = "\x7f"
YES = "1\r"
NO = "2\r"
KEEP = ENTER


def T(text: str) -> str:
    """Replace the text field's default with ``text`` and submit."""
    return "\x15" + text + ENTER


def N(number: int) -> str:
    """Pick the choice with this shortcut number (1-9)."""
    return f"{number}{ENTER}"


def S(text: str) -> str:
    """Pick the first choice matching ``text`` in a searchable list."""
    return text + ENTER


def TOOL(category: str, service: str, optional: bool = False) -> str:
    """Pick a catalogue service in a select of one category, as the catalogue grows: by its shortcut
    number while the list has up to nine choices ("none" first when ``optional``), else by name."""
    from generator.catalogue import catalogue

    ids = [sid for sid, s in catalogue().items() if s.category == category]
    if len(ids) + optional <= 9:
        return N(ids.index(service) + 1 + optional)
    return S(catalogue()[service].name)


def PICK(*names: str) -> str:
    """Toggle each searched item in a checkbox, then submit."""
    return "".join(name + " " + BACK * len(name) for name in names) + ENTER


def drive(
    keys: list[str],
    target: Path | None,
    ui_lang: str = "en",
    close: bool = True,
    answered: list[tuple[str, Any]] | None = None,
    trace: list[str] | None = None,
) -> tuple[int, str]:
    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        if close:
            inp.close()
        trace = [] if trace is None else trace
        code = run(target, ui_lang, out=out, trace=trace, answered=answered, input=inp, output=DummyOutput())
    return code, out.getvalue() + "\nasked: " + " | ".join(trace[-8:])


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def check_saved(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    answers = load_answers(path)
    policy = build_policy(answers)
    for lang in ("pl", "en"):
        assert render(policy, lang, "md").text.startswith("#")
    return yaml.safe_load(text)


BASICS = [KEEP, T("2026-01-15")]


def company(name: str = "Sklep Zielony sp. z o.o.", form: int = 1) -> list[str]:
    return [
        N(form),
        T(name),
        KEEP,  # country PL
        T("ul. Prosta 1"),
        T("00-12"),  # invalid postal code, refused ...
        T("00-120"),  # ... then corrected
        T("Warszawa"),
        T("not-an-email"),
        T("biuro@zielony.example"),
        T(""),  # phone
        T("https://zielony.example"),
        T("1234567890"),  # NIP with a wrong checksum, refused
        T("5260001246"),
        T(""),  # regon
        T("0000123456"),
        T("w Warszawie"),  # seat, in Polish ...
        T("Warsaw"),  # ... and in English
        T(""),  # court
        T("5000"),  # capital
    ]


def no_features() -> list[str]:
    return [T("14")] + [NO] * 11


SAVE_AND_BUILD = [N(1), KEEP, YES]
PURPOSES_AS_BUILT = ENTER  # no purpose ticked: retention and basis as built in
OWN_NONE = NO  # no cookies of the site's own
OTHER_NONE = [ENTER, ENTER, T(""), NO]  # recipients, security, profiling (pl empty → none), children


SHOP_SESSION = [
    *BASICS,
    *company(),
    NO,  # another controller
    NO,  # dpo
    T("30"),
    YES,
    YES,
    YES,
    NO,
    T("12"),  # contact
    YES,
    YES,  # accounts, social login
    YES,
    PICK("PayU", "Przel"),
    PICK("InPost"),
    KEEP,
    KEEP,  # shop
    YES,
    T("https://zielony.example/dpa"),
    KEEP,
    YES,  # saas
    YES,
    N(1),
    YES,  # bookkeeping: full books, KSeF
    YES,
    TOOL("newsletter", "mailerlite"),
    KEEP,  # newsletter
    YES,
    TOOL("webinar", "zoom"),
    YES,  # webinars: recorded
    YES,
    KEEP,  # comments
    YES,
    TOOL("reviews", "trustpilot", optional=True),  # surveys
    YES,
    YES,
    YES,  # marketing
    YES,
    PICK("Facebook"),  # social media
    NO,  # no job applications
    PICK("Google Analytics", "Fakturownia"),
    YES,  # a custom service
    T("Rezerwacje Plus"),
    S("booking"),
    T("Rezerwacje Plus sp. z o.o."),
    T(""),
    KEEP,
    N(1),
    T("rezerwacja wizyt"),
    T("booking appointments"),
    PICK("name and", "IP address"),
    YES,
    T("US"),
    N(3),
    T("Example Inc."),
    NO,  # one transfer
    NO,  # not self-hosted
    YES,  # it stores a cookie
    T("_bk_id"),
    KEEP,  # a cookie
    T("1 year"),
    T("zapamiętanie wybranego terminu"),
    T("remembering the chosen appointment"),
    KEEP,  # first party
    KEEP,  # consent needed
    NO,  # no other cookie
    T("https://rezerwacje.example/privacy"),
    NO,  # no other custom service
    T("14"),  # Google Analytics keeps statistics for 14 months
    TOOL("consent", "cookiescript", optional=True),  # consent tool
    N(3),  # its settings are elsewhere: described in each language
    T("linku „Ustawienia cookies” w stopce"),
    T("the “Cookie settings” link in the footer"),
    YES,  # the site sets a cookie of its own (issue 17 item 8)
    T("cart_id"),
    T(""),  # its own code
    T("30 days"),
    T("zapamiętanie zawartości koszyka"),
    T("remembering the contents of the basket"),
    KEEP,  # no consent needed
    NO,  # no other
    PURPOSES_AS_BUILT,
    PICK("accounting"),
    PICK("TLS", "backups"),
    T("rekomendacje"),
    T("recommendations"),
    NO,
    *SAVE_AND_BUILD,
]


def test_shop_with_everything_and_custom_service(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "shop.yaml"
    keys = SHOP_SESSION
    code, out = drive(keys, target)
    assert code == 0, out
    data = check_saved(target)
    f = data["features"]
    assert f["shop"]["payments"] == ["payu", "przelewy24"] and f["shop"]["carriers"] == ["inpost"]
    assert f["newsletter"]["tool"] == "mailerlite" and f["webinars"] == {"tool": "zoom", "recording": True}
    assert f["saas"]["dpa_url"] == "https://zielony.example/dpa" and f["surveys"]["tool"] == "trustpilot"
    assert data["bookkeeping"] == {"form": "full_books", "ksef": True}
    assert f["social_media"]["profiles"] == ["facebook-page"]
    assert data["services"] == ["google-analytics-4", "fakturownia"]
    assert f["website"] == {"log_retention_days": 30, "statistics_months": 14}
    custom = data["custom_services"][0]
    assert custom["id"] == "rezerwacje-plus" and custom["category"] == "scheduling"
    assert custom["transfers"] == [{"country": "US", "mechanism": "scc", "recipient": "Example Inc."}]
    assert custom["cookies"] == [
        {
            "name": "_bk_id",
            "lifetime": "1 year",
            "purpose": {"pl": "zapamiętanie wybranego terminu", "en": "remembering the chosen appointment"},
            "party": "first",
            "consent": True,
            "kind": "cookie",
        }
    ]
    assert data["controllers"][0]["nip"] == "5260001246" and data["controllers"][0]["krs"] == "0000123456"
    text = target.read_text(encoding="utf-8")
    assert 'nip: "5260001246"' in text and 'effective_date: "2026-01-15"' in text
    assert list(data) == [k for k in field_order() if k in data]
    assert (tmp_path / "out" / "shop" / "pl" / "privacy.html").is_file()
    policy_en = (tmp_path / "out" / "shop" / "en" / "privacy.md").read_text(encoding="utf-8")
    assert "remembering the chosen appointment" in policy_en  # the custom cookie is in the table
    assert "| CookieScriptConsent |" in policy_en  # the consent tool's own cookie, from the catalogue
    assert data["custom_cookies"] == [
        {
            "name": "cart_id",
            "lifetime": "30 days",
            "purpose": {"pl": "zapamiętanie zawartości koszyka", "en": "remembering the contents of the basket"},
            "consent": False,
        }
    ]
    assert "remembering the contents of the basket" in policy_en  # in the cookie table
    assert data["consent_tool"]["service"] == "cookiescript" and "link" not in data["consent_tool"]
    assert "Rezerwacje Plus → US" in out  # the review listed the transfer


def field_order() -> list[str]:
    from generator.model import Answers

    return list(Answers.model_fields)


def test_sole_trader_with_dpo_and_children(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "blog.yaml"
    keys = [
        PICK("English"),  # only Polish left
        T("2026-02-01"),
        N(6),
        T("Kuchnia Agnieszka Wróbel"),
        T("Agnieszka"),
        T("Wróbel"),
        N(1),
        KEEP,
        T("ul. Lipowa 3"),
        T("90-001"),
        T("Łódź"),
        T("kontakt@kuchnia.example"),
        T("+48 601 234 567"),
        T(""),
        T("6760000138"),
        T(""),
        NO,
        YES,
        N(2),
        T("Jan Nowak"),
        T("Ochrona Danych sp. z o.o."),
        T("iod@ochrona.example"),
        T(""),
        *no_features(),
        ENTER,
        NO,
        OWN_NONE,
        PURPOSES_AS_BUILT,
        ENTER,
        ENTER,
        T(""),
        YES,
        T("10"),
        YES,
        *SAVE_AND_BUILD,
    ]
    code, out = drive(keys, target)
    assert code == 0, out
    data = check_saved(target)
    assert data["languages"] == ["pl"]
    assert data["controllers"][0]["owner"] == {"first_name": "Agnieszka", "last_name": "Wróbel", "gender": "female"}
    assert data["dpo"]["kind"] == "external" and data["dpo"]["company"] == "Ochrona Danych sp. z o.o."
    assert data["children"] == {"directed_at_children": True, "min_age": 10, "parental_consent": True}
    assert "Wróbel" in target.read_text(encoding="utf-8")  # UTF-8, not escaped
    # "Build now" builds the languages the answers ask for, like policygen build.
    assert (tmp_path / "out" / "blog" / "pl" / "privacy.md").is_file()
    assert not (tmp_path / "out" / "blog" / "en").exists()


JOINT_SESSION = [
    *BASICS,
    *company("Alfa sp. z o.o."),
    YES,  # another controller
    N(9),
    T("Beta Inc."),
    T("US"),
    T("1 Main Street"),
    T("10001"),
    T("New York"),
    T("privacy@beta.example"),
    T(""),
    T(""),
    T(""),
    T(""),  # phone, website, VAT id, registry
    NO,
    T("wspólny sklep"),
    T("the joint shop"),
    N(1),
    N(2),
    N(1),
    T("https://alfa.example/art26"),
    T("EU Rep GmbH"),
    T("DE"),
    T("Hauptstraße 1"),
    T("10115"),
    T("Berlin"),
    T("rep@eurep.example"),
    T(""),
    NO,
    *no_features(),
    ENTER,
    NO,
    OWN_NONE,
    PURPOSES_AS_BUILT,
    *OTHER_NONE,
    *SAVE_AND_BUILD,
]


def test_joint_controllers_outside_the_eea_with_representative(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "joint.yaml"
    keys = JOINT_SESSION
    code, out = drive(keys, target)
    assert code == 0, out
    data = check_saved(target)
    assert [c["id"] for c in data["controllers"]] == ["main", "beta-inc"]
    assert data["joint"]["requests_handled_by"] == "beta-inc" and data["joint"]["contact_point"] == "main"
    assert data["joint"]["scope"] == {"pl": "wspólny sklep", "en": "the joint shop"}
    assert data["representative"]["address"]["country"] == "DE"


def minimal(target: Path) -> None:
    keys = [
        *BASICS,
        *company(),
        NO,
        NO,
        *no_features(),
        ENTER,
        NO,
        OWN_NONE,
        PURPOSES_AS_BUILT,
        *OTHER_NONE,
        *SAVE_AND_BUILD,
    ]
    code, out = drive(keys, target)
    assert code == 0, out


def test_edit_mode_defaults_to_saved_answers_and_section_menu(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "edit.yaml"
    minimal(target)
    before = target.read_text(encoding="utf-8")
    # Section menu: 4 = features; every answer kept (Enter) except the newsletter turned on.
    keys = [N(6), KEEP, KEEP, KEEP, KEEP, KEEP, YES, TOOL("newsletter", "mailchimp"), KEEP]
    keys += [KEEP] * 6 + [N(1), KEEP, NO]
    code, out = drive(keys, target)
    assert code == 0, out
    data = check_saved(target)
    assert data["features"]["newsletter"] == {"tool": "mailchimp", "double_opt_in": True}
    assert data["features"]["website"]["log_retention_days"] == 14
    assert before != target.read_text(encoding="utf-8")
    # All questions again with Enter everywhere reproduces the file byte for byte.
    text = target.read_text(encoding="utf-8")
    code, out = drive([N(2), *[KEEP] * 42, N(1), KEEP, NO], target)
    assert code == 0, out
    assert target.read_text(encoding="utf-8") == text


def test_review_then_edit_a_section(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "rev.yaml"
    keys = [*BASICS, *company(), NO, NO, *no_features(), ENTER, NO, OWN_NONE, PURPOSES_AS_BUILT, *OTHER_NONE]
    keys += [N(2), N(5), YES, N(1), T("Anna Kowalska"), T("iod@zielony.example"), T("")]  # edit → DPO section
    keys += SAVE_AND_BUILD
    code, out = drive(keys, target)
    assert code == 0, out
    assert out.count("What your policy will say") == 2
    assert check_saved(target)["dpo"] == {"kind": "internal", "name": "Anna Kowalska", "email": "iod@zielony.example"}


def test_interrupt_saves_partial_and_resume_finishes(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "stop.yaml"
    keys = [*BASICS, N(1), T("Przerwany sp. z o.o."), KEEP, T("ul. Krótka 2")]
    code, out = drive(keys, target)  # the input ends here: like Ctrl-D
    assert code == 130 and "stop.yaml.partial" in out
    partial = partial_path(target)
    saved = yaml.safe_load(partial.read_text(encoding="utf-8"))
    assert saved["controllers"][0]["name"] == "Przerwany sp. z o.o."
    assert saved["effective_date"] == "2026-01-15"
    assert not target.exists()
    # Ctrl-C in the middle of the next run keeps the answers as well; it resumed at the postal code.
    trace: list[str] = []
    code, out = drive([YES, T("00-120"), "\x03"], target, close=False, trace=trace)
    assert code == 130
    assert trace == [MSG_RESUME, "controllers[].address.postal_code", "controllers[].address.city"]
    saved = yaml.safe_load(partial.read_text(encoding="utf-8"))
    assert saved["controllers"][0]["legal_form"] == "sp_zoo" and saved["controllers"][0]["address"]["postal_code"]
    # Resume: at the first question not answered yet (the city), not from the start.
    trace = []
    keys = [YES]
    keys += [
        T("Warszawa"),
        T("a@przerwany.example"),
        T(""),
        T(""),
        T("5260001246"),
        T(""),
        T("0000123456"),
        T("w Warszawie"),
        T("Warsaw"),
        T(""),
        T(""),
    ]
    keys += [NO, NO, *no_features(), ENTER, NO, OWN_NONE, PURPOSES_AS_BUILT, *OTHER_NONE, *SAVE_AND_BUILD]
    code, out = drive(keys, target, trace=trace)
    assert code == 0, out
    assert trace[:2] == [MSG_RESUME, "controllers[].address.city"]
    check_saved(target)
    assert not partial.exists()


MISSING = object()


def values_at(data: Any, path: str) -> list[Any]:
    """Every value at a question path; ``[]`` steps into each item of a list, ``{}`` into each value
    of a mapping; an absent key gives MISSING."""
    found = [data]
    for part in path.split("."):
        key = part.removesuffix("[]").removesuffix("{}")
        found = [item.get(key, MISSING) if isinstance(item, dict) else MISSING for item in found]
        if part.endswith("[]"):
            found = [x for items in found if isinstance(items, list) for x in items]
        if part.endswith("{}"):
            found = [x for items in found if isinstance(items, dict) for x in items.values()]
    return found


def kept(data: dict, path: str, answer: Any) -> bool:
    """Whether an answer given to the question at ``path`` is in the (partial) answers ``data``."""
    found = values_at(data, path)
    kind = BY_PATH[path].kind
    if kind == "presence":
        return any(v is not MISSING for v in found) == answer
    if kind in ("entries", "form") and answer:  # the entries ticked, or the alternative chosen
        chosen = answer if isinstance(answer, list) else [answer]
        return any(isinstance(v, dict) and set(chosen) <= set(v) for v in found)
    if answer in (None, False, []):
        return not found or any(v is MISSING or v in (None, False, []) for v in found)
    return any(v == answer or (isinstance(v, dict) and answer in v.values()) for v in found)


@pytest.mark.parametrize("session", ["shop", "joint"])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_interrupt_at_any_question_loses_no_answer(tmp_path: Path, session: str, data: st.DataObject) -> None:
    keys = {"shop": SHOP_SESSION, "joint": JOINT_SESSION}[session]
    cut = data.draw(st.integers(min_value=1, max_value=len(keys) - len(SAVE_AND_BUILD)), label="cut")
    ctrl_c = data.draw(st.booleans(), label="ctrl_c")
    # A fresh folder per example: hypothesis replays examples (shrinking, the final run), and a
    # partial file left by an earlier run would make the wizard ask to resume first.
    target = Path(tempfile.mkdtemp(dir=tmp_path)) / f"cut-{session}-{cut}-{ctrl_c}.yaml"
    answered: list[tuple[str, Any]] = []
    code, out = drive(keys[:cut] + (["\x03"] if ctrl_c else []), target, close=not ctrl_c, answered=answered)
    assert code == 130, out
    saved = yaml.safe_load(partial_path(target).read_text(encoding="utf-8"))
    assert answered, "no answer was recorded"
    lost = [(path, answer) for path, answer in answered if not kept(saved, path, answer)]
    assert lost == [], out


def test_without_a_terminal_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    assert main(["wizard"]) == 2
    assert "policygen build" in capsys.readouterr().err


def test_every_model_field_has_a_question_or_a_reason() -> None:
    paths = model_paths()

    def covered(path: str) -> bool:
        return path in BY_PATH or any(path == s or path.startswith((s + ".", s + "[]")) for s in SKIPPED)

    assert [p for p in paths if not covered(p)] == []
    for q in QUESTIONS:
        field_info(q.path)  # raises KeyError when a question names no field
    for skipped, reason in SKIPPED.items():
        field_info(skipped)
        assert reason
    assert len(BY_PATH) == len(QUESTIONS)


def test_every_choice_of_a_closed_vocabulary_has_a_label() -> None:
    for path, labels in LABELS.items():
        assert set(literal_values(path)) <= set(labels), path


def test_saved_yaml_quotes_every_string(tmp_path: Path) -> None:
    text = dump({"effective_date": "2026-01-01", "controllers": [{"nip": "0123", "name": "no"}]}, tmp_path / "a.yaml")
    assert 'nip: "0123"' in text and 'name: "no"' in text and 'effective_date: "2026-01-01"' in text
    assert text.splitlines()[0] == "# yaml-language-server: $schema=https://policygen.dev/schema/answers-1.json"


@pytest.mark.parametrize(
    ("path", "key", "bad"),
    [
        ("controllers[].nip", "nip", "1234567890"),
        ("controllers[].regon", "regon", "123456789"),
        ("controllers[].email", "email", "not-an-email"),
        ("controllers[].phone", "phone", "12"),
        ("controllers[].website", "website", "zielony.example"),
    ],
)
def test_answers_are_judged_as_in_batch_mode(tmp_path: Path, path: str, key: str, bad: str) -> None:
    from generator.errors import AnswersError
    from generator.wizard.questions import validate_value

    good = yaml.safe_load((Path(__file__).parents[1] / "answers" / "shop.yaml").read_text(encoding="utf-8"))
    good["controllers"][0][key] = bad
    target = tmp_path / "bad.yaml"
    with pytest.raises(AnswersError) as exc:
        load_answers(target, "pl", text=dump(good, target))
    for lang in ("pl", "en"):
        problem = validate_value(path, bad, lang)
        assert problem
        if lang == "pl":
            assert problem in str(exc.value)


def test_the_core_never_imports_the_wizard() -> None:
    import subprocess
    import sys

    code = (
        "import sys, generator.api, generator.cli, generator.batch; "
        "assert 'generator.wizard' not in sys.modules and 'questionary' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_modeline_is_relative_inside_the_repository() -> None:
    from generator.wizard.save import REPO_ROOT, schema_ref

    if not (REPO_ROOT / "generator" / "data" / "answers.schema.json").is_file():
        pytest.skip("installed without the repository")
    assert schema_ref(REPO_ROOT / "answers" / "new.yaml") == "../generator/data/answers.schema.json"


def test_building_from_the_wizard_uses_the_answers_own_templates(tmp_path: Path) -> None:
    """The wizard builds through the one build step: an answers file whose templates_dir adds a
    section builds as with `policygen build` (it used to fail with TemplateNotFound 'rules.md.j2')."""
    target = tmp_path / "answers" / "own.yaml"
    minimal(target)
    for lang, title in (("pl", "Zasady"), ("en", "House rules")):
        clause = tmp_path / "answers" / "overlay" / lang / "rules.md.j2"
        clause.parent.mkdir(parents=True, exist_ok=True)
        clause.write_text(f"{{{{ heading(2, '{title}', 'rules') }}}}\n\n{title}.\n", encoding="utf-8")
    extra = "templates_dir: overlay\nextra_sections:\n  - {id: rules, after: cookies}\n"
    target.write_text(target.read_text(encoding="utf-8") + extra, encoding="utf-8")
    code, out = drive([N(2), *[KEEP] * 40, N(1), KEEP, YES], target)
    assert code == 0, out
    built = (tmp_path / "out" / "own" / "en" / "privacy.md").read_text(encoding="utf-8")
    assert "## House rules {#rules}\n\nHouse rules." in built
    assert "## Zasady {#rules}" in (tmp_path / "out" / "own" / "pl" / "privacy.md").read_text(encoding="utf-8")


def test_building_from_the_wizard_keeps_the_check_gate(tmp_path: Path) -> None:
    """A saved file that `policygen check` finds an error in is not built by the wizard either; the
    error is shown with its place and the exit code is 2."""
    target = tmp_path / "answers" / "gate.yaml"
    minimal(target)
    shutil.rmtree(tmp_path / "out" / "gate")  # what the first, valid session built
    text = target.read_text(encoding="utf-8")
    target.write_text(text + "purposes:\n  website:\n    basis: consent\n    requirement: contract\n", encoding="utf-8")
    code, out = drive([N(2), *[KEEP] * 42, N(1), KEEP, YES], target)  # + the override kept
    assert code == 2, out
    assert "PG003" in out and "gate.yaml:" in out
    assert not (tmp_path / "out" / "gate").exists()


@pytest.mark.parametrize(
    ("count", "pl", "en"),
    [
        (0, "gotowe", "done"),
        (2, "gotowe (wybrano 2 pozycje)", "done (2 selections)"),
        (5, "gotowe (wybrano 5 pozycji)", "done (5 selections)"),
        (12, "gotowe (wybrano 12 pozycji)", "done (12 selections)"),
        (22, "gotowe (wybrano 22 pozycje)", "done (22 selections)"),
    ],
)
def test_a_checkbox_says_how_many_were_ticked_in_the_interface_language(count: int, pl: str, en: str) -> None:
    from generator.wizard.prompts import selections

    assert selections(count, "pl") == pl and selections(count, "en") == en


# -- defaults and flow (issue 17 item 7) -------------------------------------------------------------


@pytest.mark.parametrize(("environ", "asked"), [({"LANGUAGE": "pl"}, False), ({"LANG": "C"}, True), ({}, True)])
def test_the_language_is_asked_only_when_the_locale_names_none(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], asked: bool
) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in environ.items():
        monkeypatch.setenv(var, value)
    out = io.StringIO()
    trace: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text(DOWN + ENTER)  # English (the second), when the language is asked; then the input ends
        inp.close()
        run(None, None, out=out, trace=trace, input=inp, output=DummyOutput())
    polish = "policygen wizard: proste pytania" in out.getvalue()
    assert polish is (not asked), out.getvalue()


def test_wizard_help_lists_ui_lang(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    with pytest.raises(SystemExit):
        main(["wizard", "--help"])
    assert "--ui-lang" in capsys.readouterr().out


def test_re_saving_keeps_the_comments_of_the_file(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "kept.yaml"
    minimal(target)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    text = lines[0] + "# our shop, reviewed with the lawyer\n" + "".join(lines[1:])
    text = text.replace("log_retention_days: 14\n", "log_retention_days: 14  # the hosting's setting\n")
    target.write_text(text, encoding="utf-8")
    # the DPO section: appoint one, then save
    code, out = drive([N(5), YES, N(1), T("Anna Kowalska"), T("iod@zielony.example"), T(""), N(1), KEEP, NO], target)
    assert code == 0, out
    saved = target.read_text(encoding="utf-8")
    assert "# our shop, reviewed with the lawyer\n" in saved and "# the hosting's setting" in saved
    assert check_saved(target)["dpo"]["name"] == "Anna Kowalska"
    assert 'name: "Anna Kowalska"' in saved


def test_re_saving_an_unchanged_hand_written_file_keeps_it_byte_for_byte() -> None:
    from generator.wizard.roundtrip import redump
    from generator.wizard.save import ordered

    for path in sorted((Path(__file__).parents[1] / "answers").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert redump(text, ordered(yaml.safe_load(text))) == text, path.name


# -- resuming and going back (issue 17 item 5) -------------------------------------------------------

BACK_KEY = "\x02"  # Ctrl-B


def test_the_back_key_asks_the_previous_question_again(tmp_path: Path) -> None:
    target = tmp_path / "answers" / "back.yaml"
    trace: list[str] = []
    # at the street: back to the country, then back again to the name (changed), then on
    keys = [
        *BASICS,
        N(1),
        T("Zły sp. z o.o."),
        KEEP,
        BACK_KEY,
        BACK_KEY,
        T("Dobry sp. z o.o."),
        KEEP,
        T("ul. Prosta 1"),
    ]
    code, out = drive(keys, target, trace=trace)
    assert code == 130, out
    c = "controllers[]."
    assert trace == [
        "languages",
        "effective_date",
        c + "legal_form",
        c + "name",
        c + "address.country",
        c + "address.street",  # Ctrl-B here ...
        c + "address.country",  # ... the country again; Ctrl-B ...
        c + "name",  # ... the name again, its answer the default
        c + "address.country",
        c + "address.street",
        c + "address.postal_code",  # the input ends here
    ]
    saved = yaml.safe_load(partial_path(target).read_text(encoding="utf-8"))
    assert saved["controllers"][0]["name"] == "Dobry sp. z o.o."
    assert saved["controllers"][0]["address"]["street"] == "ul. Prosta 1"


def test_going_back_across_sections_and_list_questions(tmp_path: Path) -> None:
    """Back from the DPO question reaches "another controller?" (a list's yes/no) in the section before."""
    target = tmp_path / "answers" / "across.yaml"
    trace: list[str] = []
    keys = [*BASICS, *company(), NO, BACK_KEY, NO, NO]
    code, out = drive(keys, target, trace=trace)
    assert code == 130, out
    another = "Is there another controller that decides on the data with you (joint controllers)?"
    assert trace[-5:] == [another, "dpo", another, "dpo", "features.website.log_retention_days"]
