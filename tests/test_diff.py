"""`policygen diff`: substantive changes between two answers files and the notification they need."""

from __future__ import annotations

import copy
import os
import re
import subprocess
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from generator import diffrules, diffwords
from generator.api import build_policy, load_answers, render_doc
from generator.diff import KINDS, compare, verdict
from generator.diffrules import ROWS, row_for
from generator.facts import flatten
from generator.model import Answers
from generator.policy import Policy
from generator.purposes import builtin_purpose_ids, purpose_data
from generator.vocab import DataCategory

from .conftest import EXAMPLES, ROOT, built, run_cli

AGENCY = (ROOT / "answers" / "agency.yaml").read_text(encoding="utf-8")


def variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = AGENCY
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def changes(old: Path, new: Path):
    return compare(build_policy(load_answers(old)), build_policy(load_answers(new)))


def diff_in_both(old: Path, new: Path) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """``policygen diff OLD NEW`` with an English and with a Polish interface."""
    en, pl = (run_cli("--ui-lang", lang, "diff", str(old), str(new)) for lang in ("en", "pl"))
    return en, pl


def test_identical_answers_have_no_changes() -> None:
    base = ROOT / "answers" / "agency.yaml"
    assert changes(base, base) == [] and verdict([]) == "info"


def test_added_purpose_must_be_notified(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("  contact:\n", "  newsletter:\n    tool: mailerlite\n  contact:\n"))
    found = changes(ROOT / "answers" / "agency.yaml", new)
    assert ("purpose_added", "newsletter") in [(c.kind, c.item) for c in found]
    assert verdict(found) == "advance"  # MailerLite is also a new recipient


def test_new_non_eea_recipient_is_fundamental(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("services: [ovhcloud,", "services: [amazon-web-services, ovhcloud,"))
    found = changes(ROOT / "answers" / "agency.yaml", new)
    kinds = {(c.kind, c.item) for c in found}
    assert ("recipient_added", "Amazon Web Services EMEA SARL / Amazon Web Services (AWS)") in kinds
    assert any(k == "transfer_added" and "Amazon Web Services, Inc." in item for k, item in kinds)
    assert verdict(found) == "advance"


def test_changed_retention_is_reported(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("keep_months: 12", "keep_months: 36"))
    (change,) = changes(ROOT / "answers" / "agency.yaml", new)
    assert (change.kind, change.item, change.old.count, change.new.count) == ("retention_changed", "contact", 12, 36)
    assert verdict([change]) == "recommended"


def test_changed_controller_must_be_notified(tmp_path: Path) -> None:
    new = variant(
        tmp_path,
        "new",
        ('name: "Piksel i Kod spółka jawna Nowak, Lis"', 'name: "Piksel i Kod sp. z o.o."'),
        ("legal_form: spolka_jawna", "legal_form: sp_zoo"),
    )
    found = changes(ROOT / "answers" / "agency.yaml", new)
    assert [c.kind for c in found] == ["controller_changed"]
    assert verdict(found) == "required"


def test_cli_prints_changes_in_both_languages(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("keep_months: 12", "keep_months: 36"))
    old = ROOT / "answers" / "agency.yaml"
    en, pl = diff_in_both(old, new)
    assert en.returncode == pl.returncode == 0
    assert "36 months" in en.stdout and "recommended" in en.stdout
    assert "36 miesięcy" in pl.stdout and "36 months" not in pl.stdout


JOINT = ROOT / "answers" / "joint.yaml"
#: Ids as answers files write them: snake_case vocabulary, mechanism ids, bare country codes.
RAW_IDS = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(scc|dpf|bcr)\b|\(US\b")


def joint_variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = JOINT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def kinds(found) -> set[tuple[str, str]]:
    return {(c.kind, c.level) for c in found}


def test_new_category_of_recipients_is_fundamental(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("security:", "other_recipients: [debt_collection]\nsecurity:"))
    found = changes(ROOT / "answers" / "agency.yaml", new)
    assert [(c.kind, c.item) for c in found] == [("recipient_category_added", "debt_collection")]
    assert verdict(found) == "advance"
    en, pl = diff_in_both(ROOT / "answers" / "agency.yaml", new)
    assert "debt collection companies" in en.stdout and "no substantive" not in en.stdout
    assert "firmy windykacyjne" in pl.stdout and "brak istotnych" not in pl.stdout
    assert "debt_collection" not in en.stdout + pl.stdout


def test_changed_basis_prints_the_vocabulary_not_ids(tmp_path: Path) -> None:
    newsletter = "  newsletter:\n    tool: mailerlite\n  contact:\n"
    old = variant(tmp_path, "old", ("  contact:\n", newsletter))
    new = variant(
        tmp_path,
        "new",
        ("  contact:\n", newsletter.replace("mailerlite\n", "mailerlite\n    basis: legitimate_interest\n")),
    )
    assert ("basis_changed", "required") in kinds(changes(old, new))
    en, pl = diff_in_both(old, new)
    assert "your consent (Art. 6(1)(a) GDPR) → our legitimate interest (Art. 6(1)(f) GDPR)" in en.stdout
    assert "Twoja zgoda (art. 6 ust. 1 lit. a RODO) → nasz prawnie uzasadniony interes" in pl.stdout
    assert not RAW_IDS.search(en.stdout) and not RAW_IDS.search(pl.stdout)


def test_new_transfer_prints_the_country_and_mechanism(tmp_path: Path) -> None:
    new = variant(tmp_path, "new", ("services: [ovhcloud,", "services: [amazon-web-services, ovhcloud,"))
    old = ROOT / "answers" / "agency.yaml"
    en, pl = diff_in_both(old, new)
    aws = "Amazon Web Services (AWS)"
    assert f"Amazon Web Services, Inc. (United States) for {aws} – standard contractual clauses" in en.stdout
    assert f"Amazon Web Services, Inc. (Stany Zjednoczone) w usłudze {aws} – standardowe klauzule umowne" in pl.stdout
    assert not RAW_IDS.search(en.stdout) and not RAW_IDS.search(pl.stdout)


def test_consent_tool_added_or_removed_changes_how_consent_is_withdrawn(tmp_path: Path) -> None:
    base = ROOT / "answers" / "agency.yaml"
    text = base.read_text(encoding="utf-8")
    without = tmp_path / "without.yaml"
    without.write_text(re.sub(r"consent_tool:\n(  .*\n)+", "", text), encoding="utf-8")
    assert kinds(changes(base, without)) == {("consent_tool_removed", "required")}
    assert kinds(changes(without, base)) == {("consent_tool_added", "required")}
    moved = variant(tmp_path, "moved", ("the “Cookies” link in the footer", "the cookie icon"))
    assert kinds(changes(base, moved)) == {("consent_settings_changed", "recommended")}


def test_cookies_added_and_removed(tmp_path: Path) -> None:
    base = ROOT / "answers" / "agency.yaml"
    cookie = (
        "custom_cookies:\n- name: ab_test\n  lifetime: 30 days\n"
        "  purpose: {{pl: testy A/B, en: A/B tests, de: A/B-Tests}}\n  consent: {consent}\n"
    )
    with_consent = variant(tmp_path, "c", ("security:", cookie.format(consent="true") + "security:"))
    exempt = variant(tmp_path, "e", ("security:", cookie.format(consent="false") + "security:"))
    assert kinds(changes(base, with_consent)) == {("consent_cookie_added", "recommended")}
    assert kinds(changes(base, exempt)) == {("cookie_added", "info")}
    assert kinds(changes(with_consent, base)) == {("cookie_removed", "info")}
    assert kinds(changes(exempt, with_consent)) == {("cookie_changed", "recommended")}
    en = run_cli("--ui-lang", "en", "diff", str(exempt), str(with_consent))
    assert "ab_test" in en.stdout and "30 days" in en.stdout


def test_new_tool_whose_storage_is_not_listed(tmp_path: Path) -> None:
    base = ROOT / "answers" / "agency.yaml"
    new = variant(tmp_path, "new", ("hotjar]", "hotjar, microsoft-clarity]"))
    found = kinds(changes(base, new))
    assert ("recipient_added", "advance") in found
    assert ("consent_cookie_added", "recommended") in found or ("unlisted_storage_added", "recommended") in found


def test_dpo_and_representative_changes_must_be_notified(tmp_path: Path) -> None:
    from dataclasses import replace

    from generator.model import Address, Representative

    new = joint_variant(tmp_path, "new", ('email: "iod@baltictrails.example"', 'email: "dpo@baltictrails.example"'))
    assert kinds(changes(JOINT, new)) == {("dpo_changed", "required")}
    policy = build_policy(load_answers(JOINT))
    rep = Representative(
        name="EU Rep GmbH",
        address=Address(street="Hauptstr. 1", postal_code="10115", city="Berlin", country="DE"),
        email="rep@example.com",
    )
    assert kinds(compare(policy, replace(policy, representative=rep))) == {("representative_changed", "required")}
    assert kinds(compare(replace(policy, representative=rep), policy)) == {("representative_changed", "required")}


def test_joint_arrangement_changes(tmp_path: Path) -> None:
    contact = joint_variant(tmp_path, "contact", ("contact_point: baltic-pl", "contact_point: baltic-lt"))
    assert kinds(changes(JOINT, contact)) == {("contact_changed", "required")}
    requests = joint_variant(tmp_path, "requests", ("requests_handled_by: baltic-pl", "requests_handled_by: baltic-lt"))
    assert kinds(changes(JOINT, requests)) == {("joint_requests_changed", "required")}
    scope = joint_variant(tmp_path, "scope", ("we run the tour booking platform together", "we run the platform"))
    assert kinds(changes(JOINT, scope)) == {("joint_arrangement_changed", "recommended")}


def test_children_automated_decisions_and_profiling(tmp_path: Path) -> None:
    base = ROOT / "answers" / "agency.yaml"
    children = variant(tmp_path, "children", ("security:", "children:\n  directed_at_children: true\nsecurity:"))
    assert kinds(changes(base, children)) == {("children_directed", "recommended")}
    assert kinds(changes(children, base)) == {("children_not_directed", "info")}
    decision = (
        "automated_decisions:\n- name: {pl: Ocena wiarygodności, en: Credit check, de: Bonitätsprüfung}\n"
        "  logic: {pl: punkty z historii płatności, en: a score from payment history,"
        " de: ein Punktwert aus der Zahlungshistorie}\n"
        "  significance: {pl: niska ocena oznacza brak odroczonej płatności,"
        " en: a low score means no deferred payment, de: ein niedriger Wert schließt Zahlungsaufschub aus}\n"
        "  basis: contract\n  data: [identity, payment_data]\n"
    )
    automated = variant(tmp_path, "automated", ("security:", decision + "security:"))
    assert ("automated_decision_added", "required") in kinds(changes(base, automated))
    unsafe = variant(tmp_path, "unsafe", ("security:", decision + "  safeguards: false\nsecurity:"))
    assert ("automated_decision_safeguards_changed", "required") in kinds(changes(automated, unsafe))
    assert ("automated_decision_removed", "info") in kinds(changes(automated, base))
    profiling = variant(
        tmp_path,
        "profiling",
        (
            "security:",
            "profiling: {pl: grupujemy odwiedzających według zainteresowań,"
            " en: we group visitors by interests, de: wir gruppieren Besucher nach Interessen}\nsecurity:",
        ),
    )
    # Profiling is a purpose of its own (R25): it comes and goes with its purpose.
    assert kinds(changes(base, profiling)) == {("profiling_added", "required"), ("purpose_added", "required")}
    assert kinds(changes(profiling, base)) == {("profiling_removed", "info"), ("purpose_removed", "info")}


def test_every_fact_has_a_row_and_every_kind_a_row_that_gives_it() -> None:
    """A fact without a row would crash diff; a kind no row gives would be dead wording."""
    policies = [built(path) for path in EXAMPLES] + [everything()]
    for policy in policies:
        for path in flatten(policy, policy.languages).values:
            row_for(path)
    source = Path(diffrules.__file__).read_text(encoding="utf-8")
    assert {k for k in KINDS if f'"{k}"' not in source} == set()
    literal = {
        k for row in ROWS if not callable(row.kind) for k in ([row.kind] if isinstance(row.kind, str) else row.kind)
    }
    assert literal <= KINDS.keys()
    assert set(diffwords.NOTES) == {n.id for r in purpose_data().purposes for n in r.notes}


def test_every_kind_is_documented_with_its_level() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind, (level, _) in KINDS.items():
        assert f"| `{kind}` | {level} |" in readme, kind


def test_phone_on_the_contact_form_is_a_change_of_data(tmp_path: Path) -> None:
    """Issue 13: adding the phone number to the contact form changed the text, and diff said nothing."""
    new = variant(tmp_path, "new", ("    email: true\n", "    email: true\n    phone: true\n"))
    found = changes(ROOT / "answers" / "agency.yaml", new)
    assert ("data_changed", "contact") in [(c.kind, c.item) for c in found]
    assert verdict(found) == "recommended"
    en, pl = diff_in_both(ROOT / "answers" / "agency.yaml", new)
    assert "phone number" in en.stdout and "no substantive" not in en.stdout.lower()
    assert "numer telefonu" in pl.stdout


def test_statistics_months_change_is_a_retention_change(tmp_path: Path) -> None:
    """Issue 13: 2 → 14 months crashed diff with KeyError: 'statistics_months'."""
    old = variant(tmp_path, "old", ("statistics_months: 14", "statistics_months: 2"))
    new = ROOT / "answers" / "agency.yaml"
    found = changes(old, new)
    assert [(c.kind, c.item) for c in found] == [("retention_changed", "analytics")]
    en, pl = diff_in_both(old, new)
    assert en.returncode == pl.returncode == 0, en.stderr + pl.stderr
    assert "Traceback" not in en.stderr + pl.stderr
    assert "14 months" in en.stdout and "14 miesięcy" in pl.stdout


# -- every built-in purpose: an override is reported, and changes only its own section ------------

EVERYTHING = yaml.safe_load((ROOT / "tests" / "fixtures" / "all-purposes.yaml").read_text(encoding="utf-8"))


def everything(**changes: Any) -> Policy:
    return build_policy(Answers.model_validate({**EVERYTHING, **changes}))


def selling_for_others() -> dict[str, Any]:
    """The fixture's features with a shop that sells on behalf of others (its own purposes)."""
    features = copy.deepcopy(EVERYTHING["features"])
    features["shop"]["intermediary"] = {"sellers": {"pl": "producenci", "en": "producers"}, "payments": "operator"}
    del features["saas"]
    return {"features": features}


def changed_sections(before: Policy, after: Policy, lang: str) -> list[str]:
    old = {s.id: s for s in render_doc(before, lang).sections}
    new = {s.id: s for s in render_doc(after, lang).sections}
    assert old.keys() == new.keys()
    return [ident for ident in old if old[ident] != new[ident]]


@pytest.mark.parametrize("purpose", builtin_purpose_ids())
@pytest.mark.parametrize(("field", "kind"), [("retention", "retention_changed"), ("data", "data_changed")])
def test_an_override_is_reported_for_its_purpose_and_changes_only_its_section(
    purpose: str, field: str, kind: str
) -> None:
    base = selling_for_others() if purpose.startswith("intermediary") or purpose == "seller_requests" else {}
    before = everything(**base)
    activity = before.activity(purpose)
    assert activity is not None, f"the fixture does not turn on {purpose}"
    other = next(d for d in get_args(DataCategory) if d not in activity.data)
    value = {"days": 30} if field == "retention" else [*activity.data[:1], other]
    after = everything(**base, purposes={purpose: {field: value}})
    assert [(c.kind, c.item) for c in compare(before, after)] == [(kind, purpose)]
    for lang in ("pl", "en"):
        assert changed_sections(before, after, lang) == [f"purpose-{purpose.replace('_', '-')}"], lang


# -- issue 17: the service in transfer lines, --exit-code, REV:PATH --------------------------------


def test_transfers_to_one_recipient_for_two_services_are_two_lines(tmp_path: Path) -> None:
    """Meta Pixel and the Facebook page both send data to Meta Platforms, Inc. in the United States:
    each line names its service, so the two are not the same line printed twice."""
    new = variant(
        tmp_path,
        "new",
        ("hotjar]", "hotjar, meta-pixel]"),
        ("  contact:\n", "  marketing: {}\n  social_media: {profiles: [facebook-page]}\n  contact:\n"),
    )
    en, pl = diff_in_both(ROOT / "answers" / "agency.yaml", new)
    lines = [line for line in en.stdout.splitlines() if "new transfer outside the EEA: Meta Platforms" in line]
    assert len(lines) == len(set(lines)) == 2, en.stdout
    assert any("(United States) for Meta Pixel –" in line for line in lines)
    assert any("(United States) for Facebook (fanpage) –" in line for line in lines)
    assert "Meta Platforms, Inc. (Stany Zjednoczone) w usłudze Meta Pixel" in pl.stdout


@pytest.mark.parametrize(
    ("replacement", "code"),
    [
        (("keep_months: 12", "keep_months: 12"), 0),  # nothing changed
        (("keep_months: 12", "keep_months: 36"), 0),  # recommended: publish and tell, no duty to notify
        (("hej@pikselikod.example", "dane@pikselikod.example"), 1),  # required: the contact changed
        (("services: [ovhcloud,", "services: [amazon-web-services, ovhcloud,"), 1),  # advance: a new recipient
    ],
)
def test_exit_code_says_whether_people_must_be_notified(
    tmp_path: Path, replacement: tuple[str, str], code: int
) -> None:
    new = variant(tmp_path, "new", replacement)
    old = ROOT / "answers" / "agency.yaml"
    assert run_cli("diff", str(old), str(new)).returncode == 0
    checked = run_cli("diff", "--exit-code", str(old), str(new))
    assert checked.returncode == code, checked.stdout + checked.stderr


def test_exit_code_stays_2_for_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\ncontrollers: []\n", encoding="utf-8")
    result = run_cli("diff", "--exit-code", str(ROOT / "answers" / "agency.yaml"), str(broken))
    assert result.returncode == 2 and "broken.yaml:" in result.stderr and "Traceback" not in result.stderr


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.com", "HOME": str(repo), "PATH": os.environ.get("PATH", "")}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with an answers file that extends a base, committed once (tag v1), then
    edited in the working tree: the base's contact address and the file's retention."""
    root = tmp_path / "repo"
    (root / "answers").mkdir(parents=True)
    base, _, own = AGENCY.partition("features:")
    (root / "_base.yaml").write_text(base, encoding="utf-8")
    (root / "answers" / "shop.yaml").write_text(f"extends: ../_base.yaml\nfeatures:{own}", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "tag", "v1")
    for name, old, new in (("_base.yaml", "hej@", "dane@"), ("answers/shop.yaml", "keep_months: 12", "keep_months: 6")):
        path = root / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return root


def test_compare_with_a_file_at_a_git_revision(repo: Path) -> None:
    """The old side and the file it extends are read as they were at v1, from a subfolder too."""
    result = run_cli("--ui-lang", "en", "diff", "v1:answers/shop.yaml", "answers/shop.yaml", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "hej@pikselikod.example → dane@pikselikod.example" in result.stdout  # from the base at v1
    assert "12 months → until your matter is dealt with, and then for 6 months" in result.stdout
    inside = run_cli("diff", "HEAD:shop.yaml", "shop.yaml", cwd=repo / "answers")
    assert inside.returncode == 0 and inside.stdout == result.stdout
    same = run_cli("diff", "--exit-code", "v1:answers/shop.yaml", "HEAD:answers/shop.yaml", cwd=repo)
    assert same.returncode == 0 and "no substantive changes" in same.stdout


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ("v9:answers/shop.yaml", "v9:answers/shop.yaml: there is no revision v9 in this repository"),
        ("v1:answers/none.yaml", "v1:answers/none.yaml: file not found"),
    ],
)
def test_a_missing_revision_or_file_is_a_clear_error(repo: Path, old: str, expected: str) -> None:
    result = run_cli("--ui-lang", "en", "diff", old, "answers/shop.yaml", cwd=repo)
    assert result.returncode == 2 and result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_base_missing_at_the_revision_is_located_there(repo: Path) -> None:
    path = repo / "answers" / "shop.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("../_base.yaml", "../_gone.yaml"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "v2")
    result = run_cli("--ui-lang", "pl", "diff", "HEAD:answers/shop.yaml", "v1:answers/shop.yaml", cwd=repo)
    assert result.returncode == 2 and result.stderr.startswith("HEAD:answers/shop.yaml:1:10: extends:"), result.stderr
    assert "_gone.yaml" in result.stderr and "nie znaleziono" in result.stderr


def test_rev_path_outside_a_repository_or_without_git(tmp_path: Path) -> None:
    old = ROOT / "answers" / "agency.yaml"
    outside = run_cli("--ui-lang", "pl", "diff", "main:agency.yaml", str(old), cwd=tmp_path)
    assert outside.returncode == 2 and "nie jest w repozytorium git" in outside.stderr, outside.stderr
    no_git = run_cli("diff", "main:agency.yaml", str(old), cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert no_git.returncode == 2 and "needs git, which was not found" in no_git.stderr, no_git.stderr
