"""`policygen check`: every rule has a fixture that triggers it and one that does not; JSON is stable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator.api import check_answers
from generator.check import RULES
from generator.i18n import available_languages

from .conftest import EXAMPLES, ROOT, run_cli

FIXTURES = ROOT / "tests" / "check"

REPORT_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "files"],
    "properties": {
        "version": {"const": 1},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "valid", "problems", "findings"],
                "properties": {
                    "file": {"type": "string"},
                    "valid": {"type": "boolean"},
                    "problems": {"type": "array", "items": {"type": "string"}},
                    "findings": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": [
                                "rule",
                                "name",
                                "severity",
                                "article",
                                "file",
                                "line",
                                "column",
                                "path",
                                "message",
                            ],
                            "properties": {
                                "rule": {"type": "string", "pattern": "^PG\\d{3}$"},
                                "name": {"type": "string"},
                                "severity": {"enum": ["error", "warning"]},
                                "article": {"type": "string"},
                                "file": {"type": "string"},
                                "line": {"type": "integer"},
                                "column": {"type": "integer"},
                                "path": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}


def rule_ids(path: Path) -> set[str]:
    return {f.rule for f in check_answers(path)[2]}


def test_rule_ids_are_unique_and_documented() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == 19
    assert all(r.severity in ("error", "warning") for r in RULES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert (
            f"| {rule.id} | {rule.name}:" in readme and f"| {rule.severity} | {rule.provision.text('en')} |" in readme
        )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_fixture_triggers_and_passing_fixture_does_not(rule, monkeypatch: pytest.MonkeyPatch) -> None:
    if rule.id == "PG011":  # only a catalogue entry can trigger it, and none does today
        _unverified(monkeypatch, "mailchimp")
    assert rule.id in rule_ids(FIXTURES / f"{rule.id}-fail.yaml")
    assert rule.id not in rule_ids(FIXTURES / f"{rule.id}-pass.yaml")


def test_findings_are_located() -> None:
    (finding,) = [f for f in check_answers(FIXTURES / "PG004-fail.yaml")[2] if f.rule == "PG004"]
    assert (finding.line, finding.column, finding.path) == (18, 12, "features.newsletter.basis")


def test_a_newsletter_moved_off_consent_by_an_override_is_refused(tmp_path: Path) -> None:
    # Art. 398 PKE asks for consent whichever key moves the basis: features.newsletter or purposes.
    path = tmp_path / "override.yaml"
    text = (FIXTURES / "PG004-pass.yaml").read_text(encoding="utf-8")
    path.write_text(text + "purposes:\n  newsletter:\n    basis: legitimate_interest\n", encoding="utf-8")
    (finding,) = [f for f in check_answers(path)[2] if f.rule == "PG004"]
    assert finding.path == "purposes.newsletter.basis" and "legitimate interest" in finding.message


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_errors(example: Path) -> None:
    assert [str(f) for f in check_answers(example)[2] if f.severity == "error"] == []


FINDING_KEYS = ["rule", "name", "severity", "article", "file", "line", "column", "path", "message"]


@pytest.mark.parametrize("ui", ["en", "pl"])
def test_json_output_is_schema_stable(ui: str) -> None:
    """The report's shape is pinned: version 1, these keys in this order, in every interface language."""
    files = [str(p) for p in sorted(FIXTURES.glob("*.yaml"))] + [
        str(ROOT / "tests" / "broken" / "07-nip-checksum.yaml")
    ]
    result = run_cli("--ui-lang", ui, "check", "--format", "json", *files)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert list(report) == ["version", "files"] and report["version"] == 1
    assert all(list(entry) == ["file", "valid", "problems", "findings"] for entry in report["files"])
    findings = [f for entry in report["files"] for f in entry["findings"]]
    assert all(list(f) == FINDING_KEYS for f in findings)
    # Rule ids, names and severities are keywords, the same in every language.
    assert {f["rule"] for f in findings} == {r.id for r in RULES} - {"PG011"}
    assert {(f["rule"], f["name"], f["severity"]) for f in findings} <= {(r.id, r.name, r.severity) for r in RULES}
    assert [e["valid"] for e in report["files"]].count(False) == 1
    citations = {f["article"] for f in findings}
    if ui == "pl":
        assert "art. 13 ust. 2 lit. a RODO" in citations and not any("GDPR" in c for c in citations)
    else:
        assert "Art. 13(2)(a) GDPR" in citations and not any("RODO" in c for c in citations)


def test_text_output_and_exit_codes() -> None:
    bad = run_cli("--ui-lang", "en", "check", str(FIXTURES / "PG008-fail.yaml"))
    assert bad.returncode == 2 and "PG008 retention-missing" in bad.stdout and "Art. 13(2)(a) GDPR" in bad.stdout
    warning_only = run_cli("--ui-lang", "en", "check", str(FIXTURES / "PG007-fail.yaml"))
    assert warning_only.returncode == 0 and "warning PG007" in warning_only.stdout
    polish = run_cli("--ui-lang", "pl", "check", str(FIXTURES / "PG008-fail.yaml"))
    assert "PG008" in polish.stdout and "retention period" not in polish.stdout


def test_build_refuses_errors_unless_forced(tmp_path: Path) -> None:
    fixture = str(FIXTURES / "PG004-fail.yaml")
    refused = run_cli("--ui-lang", "en", "build", fixture, "--out", str(tmp_path / "a"))
    assert refused.returncode == 2 and "PG004" in refused.stderr
    assert not (tmp_path / "a" / "PG004-fail").exists()
    forced = run_cli("build", fixture, "--out", str(tmp_path / "b"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "b" / "PG004-fail" / "en" / "privacy.md").is_file()
    warned = run_cli("build", str(FIXTURES / "PG007-fail.yaml"), "--out", str(tmp_path / "c"))
    assert warned.returncode == 0, warned.stderr


# --- localized wording -----------------------------------------------------------------------

PL_CITE = re.compile(r"^art\. \d+")
EN_CITE = re.compile(r"^Art\. \d+")
#: Vocabulary ids as they are written in answers files (never what a message should show).
RAW_IDS = re.compile(r"\b(legitimate_interest|legal_obligation|recruitment)\b|\b(for|na cel) (cookies|newsletter)\b")


def _cites(rule):
    return [c for c in (rule.provision, rule.provision_other) if c is not None]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_provision_has_a_polish_and_an_english_citation(rule) -> None:
    for cite in _cites(rule):
        pl, en = cite.text("pl"), cite.text("en")
        assert PL_CITE.match(pl) and EN_CITE.match(en), cite
        # Polish style: art. 7 ust. 3 RODO; English style: Art. 7(3) GDPR; German: Art. 7 Abs. 3 DSGVO.
        assert not re.search(r"Art\.|GDPR|\(\d|\bof\b|Directive", pl), pl
        assert re.search(r"RODO|PKE|dyrektywy", pl), pl
        assert not re.search(r"\bart\.|ust\.|lit\.|RODO|PKE|dyrektyw", en), en
        assert re.search(r"GDPR|Electronic Communications Law|Directive", en), en
        if "de" in available_languages():
            de = cite.text("de")
            assert EN_CITE.match(de) and not re.search(r"\bart\.|ust\.|GDPR|RODO|\(\d\)", de), de


def test_polish_check_output_has_polish_citations_and_no_raw_ids() -> None:
    files = [str(p) for p in sorted(FIXTURES.glob("*-fail.yaml"))]
    pl = run_cli("--ui-lang", "pl", "check", *files)
    lines = [line for line in pl.stdout.splitlines() if re.search(r":\d+:\d+: (error|warning) PG", line)]
    assert len(lines) >= len(RULES) - 1
    for line in lines:
        message = line.split(": ", 1)[1].split(": ", 1)[1]
        assert "GDPR" not in message and "Art. " not in message, line
        assert not RAW_IDS.search(message), line
    assert "(art. 8 ust. 1 RODO)" in pl.stdout and "(art. 13 ust. 2 lit. a RODO)" in pl.stdout
    assert "Rekrutacja" in pl.stdout  # the custom purpose's name, not its id
    assert "Wysyłka newslettera" in pl.stdout  # PG003's purpose, by its title
    assert "nasz prawnie uzasadniony interes" in pl.stdout  # PG004's basis, translated
    assert "Stany Zjednoczone" in pl.stdout  # PG001's country, by name
    assert "12 lat" in pl.stdout and "16 lat" in pl.stdout  # PG009's ages, with Polish plurals
    en = run_cli("--ui-lang", "en", "check", *files)
    assert "(Art. 8(1) GDPR)" in en.stdout and "RODO" not in en.stdout and " ust. " not in en.stdout
    assert "United States" in en.stdout and "Recruitment" in en.stdout and "our legitimate interest" in en.stdout


def test_consent_law_is_cited_for_the_controllers_country(tmp_path: Path) -> None:
    (polish,) = [f for f in check_answers(FIXTURES / "PG002-fail.yaml", "pl")[2] if f.rule == "PG002"]
    assert polish.article == "art. 399 ust. 1 PKE, art. 7 ust. 1 i 3 RODO"
    # joint.yaml: a Polish and a Lithuanian controller, so Polish statutes are not cited.
    text = (ROOT / "answers" / "joint.yaml").read_text(encoding="utf-8")
    text = re.sub(r"consent_tool:\n(  .*\n)+", "", text)
    text = text.replace("    tool: mailerlite\n", "    tool: mailerlite\n    basis: legitimate_interest\n")
    abroad = tmp_path / "joint.yaml"
    abroad.write_text(text, encoding="utf-8")
    found = {f.rule: f.article for f in check_answers(abroad, "en")[2]}
    assert found == {
        "PG002": "Art. 5(3) of Directive 2002/58/EC, Art. 7(1) and (3) GDPR",
        "PG004": "Art. 13(1) of Directive 2002/58/EC",
    }


# --- one finding per problem; every consent purpose covered ---------------------------------


def test_missing_consent_tool_is_reported_once() -> None:
    findings = check_answers(FIXTURES / "PG002-fail.yaml")[2]
    assert [(f.rule, f.path) for f in findings] == [("PG002", "consent_tool")]


def fixture_variant(tmp_path: Path, base: str, *replacements: tuple[str, str]) -> Path:
    text = (FIXTURES / base).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / base
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("service", ["youtube", "google-maps", "hotjar"])
def test_every_tool_that_needs_consent_needs_a_consent_tool(tmp_path: Path, service: str) -> None:
    path = fixture_variant(tmp_path, "PG002-fail.yaml", ("- google-analytics-4", f"- {service}"))
    (finding,) = check_answers(path)[2]
    assert finding.rule == "PG002" and finding.severity == "error"
    assert check_answers(FIXTURES / "PG002-pass.yaml")[2] == []


def test_custom_consent_cookie_needs_a_consent_tool(tmp_path: Path) -> None:
    cookie = (
        "custom_cookies:\n- name: ab_test\n  lifetime: 30 days\n"
        "  purpose: {pl: testy A/B, en: A/B tests}\n  consent: true\n"
    )
    path = fixture_variant(
        tmp_path, "PG002-fail.yaml", ("- google-analytics-4\n", ""), ("effective_date", cookie + "effective_date")
    )
    assert [f.rule for f in check_answers(path)[2]] == ["PG002"]
    assert "ab_test" in check_answers(path)[2][0].message


@pytest.mark.parametrize("requirement", ["contract", "law"])
def test_custom_consent_purpose_must_be_voluntary(tmp_path: Path, requirement: str) -> None:
    purpose = (
        "custom_purposes:\n- id: loyalty\n  name: {pl: Program lojalnościowy, en: Loyalty programme}\n"
        "  basis: consent\n  data: [identity, email_address]\n"
        "  retention: {pl: do wystąpienia z programu, en: until you leave}\n"
        f"  requirement: {requirement}\n"
    )
    path = fixture_variant(tmp_path, "PG003-pass.yaml", ("effective_date", purpose + "effective_date"))
    (finding,) = check_answers(path, "en")[2]
    assert (finding.rule, finding.path) == ("PG003", "custom_purposes.0.requirement")
    assert "Loyalty programme" in finding.message and "requirement: voluntary" in finding.message
    voluntary = fixture_variant(
        tmp_path, "PG003-pass.yaml", ("effective_date", purpose.replace(requirement, "voluntary", 1) + "effective_date")
    )
    assert check_answers(voluntary)[2] == []


# --- transfers: what the user wrote vs what the catalogue could not verify ------------------


def test_custom_service_without_mechanism_says_what_to_add() -> None:
    (finding,) = check_answers(FIXTURES / "PG001-fail.yaml", "en")[2]
    assert (finding.rule, finding.severity, finding.path) == ("PG001", "error", "custom_services.0.transfers")
    assert "United States" in finding.message and "country: US, mechanism: scc" in finding.message


def _unverified(monkeypatch: pytest.MonkeyPatch, service_id: str) -> None:
    import generator.api as api
    from generator.catalogue import entry

    patched = entry(service_id).model_copy(update={"transfers": None})
    monkeypatch.setattr(api, "entry", lambda sid: patched if sid == service_id else entry(sid))


def test_unverified_catalogue_processor_outside_the_eea_is_a_warning(monkeypatch, tmp_path: Path) -> None:
    _unverified(monkeypatch, "mailchimp")
    path = fixture_variant(tmp_path, "PG003-pass.yaml", ("tool: mailerlite", "tool: mailchimp"))
    (finding,) = check_answers(path, "en")[2]
    assert (finding.rule, finding.severity, finding.path) == ("PG011", "warning", "features.newsletter.tool")
    assert "custom_services" in finding.message and "mailchimp" in finding.message
    assert "United States" in finding.message


def test_unverified_catalogue_controller_outside_the_eea_is_an_error(monkeypatch, tmp_path: Path) -> None:
    # An independent controller is not in the policy's "may transfer" paragraph: nothing would be said.
    _unverified(monkeypatch, "vimeo")
    path = fixture_variant(tmp_path, "PG002-pass.yaml", ("- google-analytics-4", "- vimeo"))
    (finding,) = check_answers(path, "en")[2]
    assert (finding.rule, finding.severity, finding.path) == ("PG001", "error", "services.1")
    assert "custom_services" in finding.message and "vimeo" in finding.message


def test_catalogue_transfer_lists_cover_the_providers_own_country() -> None:
    # PG001 would otherwise blame the user for a gap in the catalogue.
    from generator.catalogue import catalogue
    from generator.vocab import EEA

    gaps = [
        s.id
        for s in catalogue().values()
        if s.entity.country not in EEA
        and not s.self_hosted
        and s.transfers is not None
        and not {t.country for t in s.transfers} & {s.entity.country, None}
    ]
    assert gaps == []


# -- issue 17.13: agreement with one tool or several ----------------------------------------------


@pytest.mark.parametrize(
    ("services", "en", "pl"),
    [
        (
            "- google-analytics-4",
            "how long the statistics collected by Google Analytics 4 are kept",
            "jak długo przechowywane są statystyki zbierane przez Google Analytics 4",
        ),
        (
            "- google-analytics-4\n- plausible",
            "how long the statistics collected by Google Analytics 4 and Plausible Analytics are kept",
            "jak długo przechowywane są statystyki zbierane przez Google Analytics 4 i Plausible Analytics",
        ),
    ],
    ids=["one-tool", "two-tools"],
)
def test_statistics_retention_message_agrees_with_one_tool_or_several(
    tmp_path: Path, services: str, en: str, pl: str
) -> None:
    """PG012 once said "Google Analytics 4 keep" / "Google Analytics 4 przechowują": the wording now
    does not depend on how many tools there are, and the tools are joined as a list of the language."""
    text = (FIXTURES / "PG012-fail.yaml").read_text(encoding="utf-8")
    path = tmp_path / "stats.yaml"
    path.write_text(text.replace("- google-analytics-4", services), encoding="utf-8")
    messages = {ui: [f.message for f in check_answers(path, ui)[2] if f.rule == "PG012"] for ui in ("en", "pl")}
    assert len(messages["en"]) == len(messages["pl"]) == 1
    assert en in messages["en"][0] and " keep " not in messages["en"][0]
    assert pl in messages["pl"][0] and "przechowują" not in messages["pl"][0]


# -- issue 17.10: a summary per file and in total -------------------------------------------------


def test_text_output_ends_with_a_summary_per_file_and_a_total() -> None:
    clean, warned = FIXTURES / "PG012-pass.yaml", FIXTURES / "PG007-fail.yaml"
    en = run_cli("--ui-lang", "en", "check", str(clean), str(warned))
    assert en.returncode == 0, en.stderr
    lines = en.stdout.splitlines()
    assert f"{clean}: no findings" in lines
    assert f"{warned}: 0 errors, 1 warning" in lines
    assert lines[-1] == "checked 2 files: 0 errors, 1 warning"
    pl = run_cli("--ui-lang", "pl", "check", str(clean), str(warned))
    lines = pl.stdout.splitlines()
    assert f"{clean}: bez uwag" in lines
    assert f"{warned}: 0 błędów, 1 ostrzeżenie" in lines
    assert lines[-1] == "sprawdzono 2 pliki: 0 błędów, 1 ostrzeżenie"


def test_the_total_counts_invalid_files_and_polish_plurals() -> None:
    files = [
        FIXTURES / "PG008-fail.yaml",
        FIXTURES / "PG001-fail.yaml",
        ROOT / "tests" / "broken" / "07-nip-checksum.yaml",
    ]
    files += [FIXTURES / f"PG00{n}-pass.yaml" for n in range(1, 6)]
    pl = run_cli("--ui-lang", "pl", "check", *map(str, files))
    assert pl.returncode == 2
    lines = pl.stdout.splitlines()
    errors = sum(" error PG" in line for line in lines)
    assert errors >= 2
    assert f"{files[2]}: nie sprawdzono, plik odpowiedzi jest nieprawidłowy" in lines
    polish_errors = {2: "2 błędy", 3: "3 błędy", 4: "4 błędy"}.get(errors, f"{errors} błędów")
    assert lines[-1] == f"sprawdzono 8 plików: {polish_errors}, 0 ostrzeżeń, 1 nieprawidłowy plik"
    en = run_cli("--ui-lang", "en", "check", "--format", "json", *map(str, files))
    assert "checked" not in en.stdout  # JSON stays JSON
