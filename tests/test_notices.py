"""Short notices under forms and their consent checkboxes (`policygen notices`, `build --with notices`).

Every notice is checked against the policy of the same answers in the same language: it names the
controller, each purpose of its form by the policy's title, with the basis as the policy cites it,
and every link it has goes to an id the policy's headings carry.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.api import build_policy, render_doc
from generator.batch import Options, options_digest, run
from generator.build import BuildOptions, build
from generator.catalogue import adequacy_countries
from generator.check import RULES
from generator.extras import ExtraInput, names, outputs, register, unregister
from generator.model import Answers
from generator.notices import forms, render_notice, to_html, to_json, to_markdown

from .conftest import EXAMPLES, LANGS, ROOT, run_cli
from .test_check import rule_ids
from .test_properties import answers
from .test_spelling import unknown_words, visible_text

URL = "https://example.com/policy"
LINK = re.compile(r"\]\(([^)\s]*)\)")


@cache
def built(path: Path):  # type: ignore[no-untyped-def]
    return build(path, BuildOptions(formats=()))


def cases() -> list[tuple[Path, str]]:
    return [(path, lang) for path in EXAMPLES for lang in LANGS if lang in built(path).answers.languages]


def plain(markdown: str) -> str:
    """Markdown as read: escapes resolved (names with dots or dashes are escaped in Markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(("path", "lang"), cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_every_notice_names_its_controller_purposes_and_bases_and_links_into_the_policy(path: Path, lang: str) -> None:
    result = built(path)
    policy, document = result.policy, result.documents[lang]
    ids = set(document.ids())
    purposes = {s.id: s.title for s in document.sections}
    found = forms(policy)
    assert found, "every example has at least a contact form"
    for form in found:
        notice = render_notice(policy, form, lang, URL)
        text = plain(notice.markdown)
        for controller in policy.controllers:
            assert controller.name in text
        assert policy.contact.email in text
        for activity in form.activities:
            anchor = "purpose-" + activity.id.replace("_", "-")
            assert anchor in ids
            # The purpose as the policy's heading names it, linked to that heading.
            assert f"[{purposes[anchor]}]({URL}#{anchor})" in notice.markdown
            cite = plain(str(render_doc(policy, lang).section(anchor).body))  # type: ignore[union-attr]
            basis = re.search(r"\*\*[^*]+:\*\* ([^\n]*\(\w+\. 6[^)]*\))", cite)
            assert basis is not None and basis.group(1) in text, (form.id, activity.id)
        links = LINK.findall(notice.markdown)
        assert f"{URL}#controller" in links and f"{URL}#rights" in links and URL in links
        for link in links:
            if link.startswith(URL + "#"):
                assert link.removeprefix(URL + "#") in ids, link
            else:
                assert link == URL or link.startswith("mailto:"), link


@pytest.mark.parametrize(("path", "lang"), cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_checkboxes_one_per_consent_purpose_never_ticked(path: Path, lang: str) -> None:
    policy = built(path).policy
    for form in forms(policy):
        notice = render_notice(policy, form, lang, URL)
        consent = [a.id for a in form.activities if a.basis == "consent"]
        assert [box.purpose for box in notice.checkboxes] == consent
        page = to_html(notice)
        inputs = re.findall(r"<input [^>]*>", page)
        assert len(inputs) == len(consent)
        assert all('type="checkbox"' in tag and "checked" not in tag for tag in inputs)
        data = json.loads(to_json(notice, policy))
        assert [(b["purpose"], b["checked"]) for b in data["checkboxes"]] == [(c, False) for c in consent]
        assert to_markdown(notice).count("- [ ] ") == len(consent) and "[x]" not in to_markdown(notice)
        assert (data["withdrawal"] is not None) == bool(consent)


#: The newsletter's consent under art. 398 PKE, cited in each language's style.
NEWSLETTER = {
    "pl": ("Wyrażam zgodę na otrzymywanie newslettera, czyli informacji handlowych", "art. 398 PKE"),
    "en": ("I agree to receive the newsletter: commercial information", "Art. 398 of the Electronic Communications"),
    "de": ("Ich willige ein, den Newsletter zu erhalten, also kommerzielle Informationen", "Art. 398 des polnischen"),
}
OUTDATED = re.compile(r"172|UŚUDE|świadczeniu usług drogą elektroniczną|telekomunikacyjn|art\. 10\b|Art\. 10\b", re.I)


@pytest.mark.parametrize("lang", LANGS)
def test_the_newsletter_checkbox_is_the_consent_of_art_398_pke(lang: str) -> None:
    policy = built(ROOT / "answers" / "shop.yaml").policy
    (form,) = [f for f in forms(policy) if f.id == "newsletter_signup"]
    (box,) = render_notice(policy, form, lang, URL).checkboxes
    words, cite = NEWSLETTER[lang]
    assert box.label.startswith(words) and cite in box.label, box.label


def test_no_notice_cites_outdated_law_and_a_foreign_controller_gets_no_polish_statute() -> None:
    for path, lang in cases():
        policy = built(path).policy
        for form in forms(policy):
            notice = render_notice(policy, form, lang, URL)
            text = to_markdown(notice)
            assert not OUTDATED.search(text), (path.stem, form.id, OUTDATED.search(text))
            if not policy.polish_law:
                assert "398" not in " ".join(box.label for box in notice.checkboxes)


def test_recruitment_checkboxes_cite_the_labour_code_and_count_the_months() -> None:
    policy = built(ROOT / "answers" / "b2b-company.yaml").policy
    (form,) = [f for f in forms(policy) if f.id == "job_application"]
    boxes = {b.purpose: b.label for b in render_notice(policy, form, "pl", URL).checkboxes}
    assert "(zgoda na podstawie art. 22¹a Kodeksu pracy)" in boxes["application_extra_data"]
    months = policy.activity("future_recruitment").retention.count  # type: ignore[union-attr]
    assert (
        f"przez {months} miesięcy" in boxes["future_recruitment"]
        or f"przez {months} miesiące" in boxes["future_recruitment"]
    )


CUSTOM = """
custom_purposes:
- id: quotes
  name: {pl: Przygotowanie wyceny, en: Preparing a quote, de: Erstellung eines Angebots}
  basis: consent
  data: [identity, email_address]
  retention: {pl: do cofnięcia zgody, en: until you withdraw your consent, de: bis zum Widerruf}
  requirement: voluntary
  collected_via: own_form
- id: callbacks
  name: {pl: Oddzwanianie, en: Calling you back, de: Rückruf}
  basis: legitimate_interest
  interest: {pl: oddzwonienie na prośbę klienta, en: calling customers back when they ask, de: Rückruf auf Wunsch}
  data: [phone_number]
  retention: {pl: do załatwienia sprawy, en: until the matter is dealt with, de: bis zur Erledigung}
  requirement: voluntary
  collected_via: contact_form
"""


def with_custom(tmp_path: Path, extra: str = CUSTOM) -> Path:
    text = (ROOT / "answers" / "agency.yaml").read_text(encoding="utf-8") + extra
    path = tmp_path / "agency.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_purposes_join_a_built_in_form_or_get_their_own(tmp_path: Path) -> None:
    path = with_custom(tmp_path)
    result = build(path, BuildOptions(formats=()))
    found = {f.name: f for f in forms(result.policy)}
    assert [a.id for a in found["contact-form"].activities] == ["contact", "callbacks"]
    own = found["form-quotes"]
    notice = render_notice(result.policy, own, "en", URL)
    assert notice.markdown.startswith("**Preparing a quote: how we use your personal data**")
    assert f"[Preparing a quote]({URL}#purpose-quotes)" in notice.markdown
    (box,) = notice.checkboxes
    assert box.label == "I agree to the processing of my personal data for this purpose: Preparing a quote."
    assert "purpose-quotes" in result.documents["en"].ids()


def test_pg018_warns_about_a_custom_form_purpose_without_its_notice_fields(tmp_path: Path) -> None:
    (rule,) = [r for r in RULES if r.id == "PG019"]
    assert rule.severity == "warning"
    base = (ROOT / "tests" / "check" / "PG019-pass.yaml").read_text(encoding="utf-8")
    no_consequence = tmp_path / "no-consequence.yaml"
    no_consequence.write_text(re.sub(r"  consequence:\n(    .*\n)+", "", base), encoding="utf-8")
    assert "PG019" in rule_ids(no_consequence)
    no_form = tmp_path / "no-form.yaml"
    fail = (ROOT / "tests" / "check" / "PG019-fail.yaml").read_text(encoding="utf-8")
    no_form.write_text(fail.replace("  collected_via: own_form\n", ""), encoding="utf-8")
    assert "PG019" not in rule_ids(no_form)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_command_writes_every_language_and_format_deterministically(tmp_path: Path) -> None:
    shop = str(ROOT / "answers" / "shop.yaml")
    first = run_cli("notices", shop, "--out", str(tmp_path / "a"), "--policy-url", "https://x.example/{lang}/privacy")
    second = run_cli("notices", shop, "--out", str(tmp_path / "b"), "--policy-url", "https://x.example/{lang}/privacy")
    assert first.returncode == second.returncode == 0, first.stderr
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a == b
    shop_forms = ("contact-form", "newsletter-signup", "registration", "checkout")
    names_ = {
        f"shop/notices/{lang}/{f}.{ext}"
        for lang in ("pl", "en", "de")
        for ext in ("md", "html", "json")
        for f in shop_forms
    }
    assert set(a) == names_
    data = json.loads(a["shop/notices/de/newsletter-signup.json"])
    assert data["purposes"][0]["link"] == "https://x.example/de/privacy#purpose-newsletter"
    assert data["checkboxes"][0]["checked"] is False
    only = run_cli("notices", shop, "--out", str(tmp_path / "c"), "--lang", "en", "--format", "md")
    assert only.returncode == 0 and set(files_of(tmp_path / "c")) == {f"shop/notices/en/{f}.md" for f in shop_forms}
    text = (tmp_path / "c" / "shop" / "notices" / "en" / "contact-form.md").read_text(encoding="utf-8")
    assert "](../../en/privacy.html#purpose-contact)" in text  # the page `build` writes, by default


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["tests/broken/07-nip-checksum.yaml"], "07-nip-checksum.yaml:"),
        (["answers/shop.yaml", "--format", "pdf"], "unknown format pdf"),
        (["answers/shop.yaml", "--lang", "xx"], "unknown language xx"),
        (["answers/shop.yaml", "--policy-url", "https://x.example/a b"], "bad --policy-url"),
        (["answers/shop.yaml", "--policy-url", "https://x.example/{name}"], "bad --policy-url"),
        (["answers/shop.yaml", "tests/broken/07-nip-checksum.yaml"], "07-nip-checksum.yaml:"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run_cli("notices", *args, "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and expected in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_input_is_located_and_in_the_interface_language(tmp_path: Path) -> None:
    result = run_cli("--ui-lang", "pl", "notices", "tests/broken/07-nip-checksum.yaml", "--out", str(tmp_path))
    assert result.returncode == 2
    assert re.search(r"07-nip-checksum\.yaml:\d+:\d+: ", result.stderr)
    assert "NIP" in result.stderr and "invalid" not in result.stderr


# -- build --with notices ------------------------------------------------------------------------------


def test_build_with_notices_writes_them_beside_the_policy_and_the_cache_covers_them(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text((ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md", "html"), extras=("notices",))
    assert run([path], options, jobs=1).built == 1
    notice = tmp_path / "out" / "shop" / "notices" / "en" / "contact-form.md"
    text = notice.read_text(encoding="utf-8")
    assert "](../../en/privacy.html#purpose-contact)" in text
    assert (tmp_path / "out" / "shop" / "en" / "privacy.html").is_file()
    assert run([path], options, jobs=1).unchanged == 1  # the second build reuses the cache
    notice.unlink()  # a missing notice is built again
    assert run([path], options, jobs=1).built == 1 and notice.is_file()
    path.write_text(path.read_text(encoding="utf-8").replace("Leśne Runo", "Leśny Mech"), encoding="utf-8")
    assert run([path], options, jobs=1).built == 1
    assert "Leśny Mech" in notice.read_text(encoding="utf-8")
    without = Options(out=tmp_path / "out", langs=("en",), formats=("md", "html"))
    assert options_digest(without) != options_digest(options)
    assert run([path], without, jobs=1).built == 1  # the option is part of the cache key


def test_build_with_notices_on_the_command_line(tmp_path: Path) -> None:
    result = run_cli("build", "answers/agency.yaml", "--with", "notices", "--out", str(tmp_path), "--lang", "pl")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "agency" / "notices" / "pl" / "contact-form.html").is_file()
    bad = run_cli("build", "answers/agency.yaml", "--with", "notices,nonsense", "--out", str(tmp_path / "x"))
    assert bad.returncode == 2 and "nonsense" in bad.stderr and "notices" in bad.stderr
    assert not (tmp_path / "x").exists()


def test_the_registry_takes_another_extra_output(tmp_path: Path) -> None:
    """How `register` plugs in: a function of ExtraInput to {relative path: bytes}."""

    def listing(given: ExtraInput) -> dict[str, bytes]:
        links = ",".join(given.policy_link(lang, "listing") for lang in given.langs)
        return {
            "listing/purposes.txt": " ".join(a.id for a in given.policy.activities).encode() + b"\n" + links.encode()
        }

    register("listing", listing)
    try:
        assert "listing" in names() and "notices" in names()
        options = Options(out=tmp_path, langs=("pl", "en"), formats=("md",), extras=("notices", "listing"))
        assert run([ROOT / "answers" / "agency.yaml"], options, jobs=1).built == 1
        text = (tmp_path / "agency" / "listing" / "purposes.txt").read_text(encoding="utf-8")
        assert text.startswith("website contact") and text.endswith("../pl/privacy.md,../en/privacy.md")
        assert (tmp_path / "agency" / "notices" / "en" / "contact-form.json").is_file()
        agency = built(ROOT / "answers" / "agency.yaml")
        given = ExtraInput("a", agency.answers, agency.policy, ("en",), {"en": "a/en/privacy.html"})
        assert set(outputs(("listing",), given)) == {"a/listing/purposes.txt"}
    finally:
        unregister("listing")


# -- spelling ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_notice_texts_have_no_misspellings(lang: str) -> None:
    texts = []
    for path, in_lang in cases():
        if in_lang != lang:
            continue
        policy = built(path).policy
        texts += [visible_text(to_html(render_notice(policy, form, lang, URL))) for form in forms(policy)]
    unknown = unknown_words("\n".join(texts), lang)
    assert not unknown, f"misspelled or unknown words in the {lang} notices: {sorted(unknown)}"


def test_build_with_notices_and_register_writes_the_record_where_its_command_does(tmp_path: Path) -> None:
    from generator.register import register_outputs

    shop = ROOT / "answers" / "shop.yaml"
    options = Options(out=tmp_path, langs=("pl",), formats=("md",), extras=("notices", "register"))
    assert run([shop], options, jobs=1).built == 1
    record = register_outputs(shop, langs=("pl",))
    assert set(record) == {"shop/pl/register.xlsx", "shop/pl/register.md", "shop/pl/register-controller.csv"}
    for relative, data in record.items():
        if not relative.endswith(".xlsx"):  # the workbook's bytes are checked by test_register
            assert (tmp_path / relative).read_bytes() == data, relative
    assert (tmp_path / "shop" / "pl" / "register.xlsx").is_file()
    assert (tmp_path / "shop" / "notices" / "pl" / "contact-form.md").is_file()
    assert run([shop], options, jobs=1).unchanged == 1
    (tmp_path / "shop" / "pl" / "register.xlsx").unlink()
    assert run([shop], options, jobs=1).built == 1


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(answers(), st.sampled_from(["pl", "en"]))
def test_the_notices_of_any_valid_answers_link_into_their_policy(data: dict[str, object], lang: str) -> None:
    """Drawn answers (the strategy of test_properties, custom purposes with any collected_via and
    hostile texts included): every link of every notice is an id of the policy in that language,
    one unticked checkbox per consent purpose, JSON that parses."""
    model = Answers.model_validate(data, context={"adequacy": adequacy_countries()})
    assume(not model.extra_sections)  # their templates are the user's (test_properties covers them)
    policy = build_policy(model)
    ids = set(render_doc(policy, lang).ids())
    for form in forms(policy):
        notice = render_notice(policy, form, lang, URL)
        for link in LINK.findall(notice.markdown):
            assert link == URL or link.startswith("mailto:") or link.removeprefix(URL + "#") in ids, link
        page = to_html(notice)
        inputs = re.findall(r"<input [^>]*>", page)
        assert len(inputs) == len(form.consents) and not any("checked" in tag for tag in inputs)
        assert "<script" not in page.lower()
        data_ = json.loads(to_json(notice, policy))
        assert [b["purpose"] for b in data_["checkboxes"]] == [a.id for a in form.consents]


def test_the_readme_example_is_what_notices_writes_for_the_shop(tmp_path: Path) -> None:
    url = "https://lesne-runo.example/{lang}/privacy"
    result = run_cli("notices", "answers/shop.yaml", "--out", str(tmp_path), "--lang", "en", "--policy-url", url)
    assert result.returncode == 0, result.stderr
    notice = (tmp_path / "shop" / "notices" / "en" / "newsletter-signup.md").read_text(encoding="utf-8")
    assert f"```markdown\n{notice}```" in (ROOT / "README.md").read_text(encoding="utf-8")
