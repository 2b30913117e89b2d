"""Overlay templates: override a clause or add a section, in a sandbox, with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.api import build_policy, load_answers, render
from generator.mdtext import md_escape
from generator.render import TemplateProblem

from .conftest import EXAMPLES, ROOT, run_cli

AGENCY = ROOT / "answers" / "agency.yaml"


def overlay(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "overlay"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build(*args: str):
    return run_cli("--ui-lang", "en", "build", *args)


def test_overlay_overrides_a_clause(tmp_path: Path) -> None:
    clause = "{{ heading(2, 'How we protect data', 'security') }}\n\nOur own words for {{ policy.controller.name }}.\n"
    root = overlay(tmp_path, {"en/security.md.j2": clause})
    result = build(
        str(AGENCY), "--lang", "en", "--format", "md", "--templates", str(root), "--out", str(tmp_path / "o")
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "o" / "agency" / "en" / "privacy.md").read_text(encoding="utf-8")
    assert "Our own words for Piksel i Kod spółka jawna Nowak, Lis." in text
    assert "appropriate to the risk" not in text  # the stock clause is replaced
    assert "## Your rights {#rights}" in text  # the rest is untouched


def test_answers_add_a_section_from_their_templates_dir(tmp_path: Path) -> None:
    overlay(
        tmp_path,
        {
            "en/rules.md.j2": "{{ heading(2, 'House rules', 'rules') }}\n\nBe kind.\n",
            "pl/rules.md.j2": "{{ heading(2, 'Zasady', 'rules') }}\n\nBądź miły.\n",
            "de/rules.md.j2": "{{ heading(2, 'Hausregeln', 'rules') }}\n\nSeien Sie freundlich.\n",
        },
    )
    answers = tmp_path / "agency.yaml"
    answers.write_text(
        AGENCY.read_text(encoding="utf-8")
        + "templates_dir: overlay\nextra_sections:\n  - {id: rules, after: cookies}\n",
        encoding="utf-8",
    )
    result = build(str(answers), "--format", "md", "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    for lang, heading in (("en", "## House rules {#rules}"), ("pl", "## Zasady {#rules}")):
        text = (tmp_path / "o" / "agency" / lang / "privacy.md").read_text(encoding="utf-8")
        assert text.index("{#cookies}") < text.index(heading) < text.index("{#rights}")


@pytest.mark.parametrize(
    "attack",
    [
        '{{ "".__class__.__mro__[1].__subclasses__() }}',
        "{{ policy.__class__.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].system('echo pwned') }}",
        "{% set x = policy.controllers.append(1) %}{{ x }}",
        "{{ policy.controller.model_copy(update={'name': 'x'}) }}",
        "{{ (policy.controller|attr('parse_file'))('/etc/passwd') }}",
    ],
)
def test_hostile_overlay_is_stopped_by_the_sandbox(tmp_path: Path, attack: str) -> None:
    root = overlay(tmp_path, {"en/summary.md.j2": f"{{{{ heading(2, 'Hi', 'summary') }}}}\n\n{attack}\n"})
    result = build(str(AGENCY), "--lang", "en", "--templates", str(root), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert f"{root / 'en' / 'summary.md.j2'}:3:" in result.stderr
    assert "sandbox" in result.stderr or "template error" in result.stderr
    assert "Traceback" not in result.stderr and "pwned" not in result.stdout + result.stderr
    assert not (tmp_path / "o" / "agency").exists()


def test_broken_overlay_template_is_located(tmp_path: Path) -> None:
    root = overlay(
        tmp_path, {"en/cookies.md.j2": "{{ heading(2, 'Cookies', 'cookies') }}\n\n{% if policy.cookies %}\nunclosed\n"}
    )
    result = build(str(AGENCY), "--lang", "en", "--templates", str(root), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert f"{root / 'en' / 'cookies.md.j2'}:" in result.stderr and "template error" in result.stderr
    assert "Traceback" not in result.stderr


# --- the sandbox: our own objects expose their fields and our own methods, nothing of pydantic ---


def render_overlay(tmp_path: Path, files: dict[str, str], lang: str = "en", answers: Path = AGENCY) -> str:
    root = overlay(tmp_path, files)
    return render(build_policy(load_answers(answers)), lang, "md", overlay=root).text


def located_problem(tmp_path: Path, body: str, code: str | tuple[str, ...]) -> TemplateProblem:
    """Render ``body`` as line 3 of an overlay section; it must fail there with one of ``code``."""
    with pytest.raises(TemplateProblem) as caught:
        render_overlay(tmp_path, {"en/summary.md.j2": f"{{{{ heading(2, 'Hi', 'summary') }}}}\n\n{body}\n"})
    problem = caught.value
    assert (problem.file, problem.line) == (str(tmp_path / "overlay" / "en" / "summary.md.j2"), 3)
    assert problem.code in ((code,) if isinstance(code, str) else code), problem
    assert problem.exit_code == 2
    return problem


PICKLE = r"""{{ policy.controller.%s("cos\nsystem\n(S'echo PWNED > %s'\ntR.", proto="pickle", allow_pickle=True) }}"""


@pytest.mark.parametrize("method", ["parse_raw", "model_validate_json"])
def test_pydantic_deserialisers_are_not_reachable(tmp_path: Path, method: str) -> None:
    target = tmp_path / "pwned.txt"
    located_problem(tmp_path, PICKLE % (method, target), "template_unsafe")
    assert not target.exists()


def test_pickle_escape_through_the_cli_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "ext" / "pwned.txt"
    target.parent.mkdir()
    root = overlay(
        tmp_path, {"en/security.md.j2": "{{ heading(2, 'S', 'security') }}\n" + PICKLE % ("parse_raw", target) + "\n"}
    )
    out = tmp_path / "o"
    result = build(str(AGENCY), "--templates", str(root), "--lang", "en", "--format", "md", "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert f"{root / 'en' / 'security.md.j2'}:2: " in result.stderr and "sandbox" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists() and not list(target.parent.iterdir())
    assert not (out / "agency").exists()


@pytest.mark.parametrize(
    "expression",
    [
        'policy.controller.parse_file("/etc/passwd")',
        "policy.controller.model_validate({})",
        "policy.controller.model_construct()",
        "policy.controller.construct()",
        "policy.controller.copy()",
        "policy.controller.model_copy(update={'name': 'x'})",
        "policy.controller.json()",
        "policy.controller.dict()",
        "policy.controller.model_dump()",
        "policy.controller.model_dump_json()",
        "policy.controller.schema()",
        "policy.controller.schema_json()",
        "policy.controller.model_json_schema()",
        "policy.controller.model_fields",
        "policy.controller.model_config",
        "policy.controller.__fields__",
        "policy.controller.address.model_copy()",
        "policy.services[0].model_validate_json('{}')",
        "(policy.controller|attr('model_dump'))()",
        "policy.controller['model_dump']()",
        "(policy.controllers|map(attribute='model_dump_json')|first)()",
        "policy.__dataclass_fields__",
        "policy.activities[0].__dataclass_fields__",
        "policy.__class__",
    ],
)
def test_only_fields_and_our_own_methods_are_reachable(tmp_path: Path, expression: str) -> None:
    problem = located_problem(tmp_path, f"{{{{ {expression} }}}}", "template_unsafe")
    assert "unsafe" in problem.localized("en")


def test_fields_properties_and_our_methods_stay_reachable(tmp_path: Path) -> None:
    body = (
        "{{ policy.controller.email }}|{{ policy.contact.address.city }}|{{ policy.bases()|join(',') }}|"
        "{{ 'yes' if policy.has_basis('consent') else 'no' }}|"
        "{{ 'c' if policy.services[0].consent_needed else 'n' }}|{{ policy.activities[0].retention.rule }}|"
        "{% for key, value in policy.controller if key == 'email' %}{{ value }}{% endfor %}|"
        "{{ policy.controllers|map(attribute='id')|join(',') }}|{{ policy.controller['nip'] }}"
    )
    text = render_overlay(tmp_path, {"en/summary.md.j2": f"{{{{ heading(2, 'Hi', 'summary') }}}}\n\n{body}\n"})
    policy = build_policy(load_answers(AGENCY))
    expected = [
        policy.controller.email,
        policy.contact.address.city,
        ",".join(policy.bases()),
        "yes" if policy.has_basis("consent") else "no",
        "c" if policy.services[0].consent_needed else "n",
        policy.activities[0].retention.rule,
        policy.controller.email,
        ",".join(c.id for c in policy.controllers),
        policy.controller.nip,
    ]
    assert "|".join(md_escape(str(value)) for value in expected) in text


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_stock_templates_render_the_same_in_the_sandbox(tmp_path: Path, example: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    policy = build_policy(load_answers(example))
    for lang in ("pl", "en"):
        assert render(policy, lang, "md", overlay=empty).text == render(policy, lang, "md").text


# --- resource limits: a value too large for a policy is refused before it is built ---


@pytest.mark.parametrize(
    "body",
    [
        '{{ "x" * 50000000 }}',
        "{{ 50000000 * 'x' }}",
        "{{ [1] * 50000000 }}",
        "{{ 7 ** 2000000 }}",
        "{{ (2 ** 900000) * (2 ** 900000) }}",
        "{{ range(200000)|list }}",
        '{% set a = "x" * 1000000 %}{{ a + a }}',
        '{% set a = "x" * 1000000 %}{{ a.replace("x", a) }}',
        '{% set a = "x" * 1000000 %}{{ a|replace("x", a) }}',
        '{% set a = ["xxxxxxxxxx"] * 100000 %}{{ a|join(a|join) }}',
        '{{ "x".ljust(50000000) }}',
        '{{ "x"|center(50000000) }}',
        '{{ ("x\\n" * 500000)|indent(100) }}',
        "{{ [1]|batch(50000000, 0)|list }}",
        '{{ "%50000000s" % "x" }}',
        '{{ "%*s" % (50000000, "x") }}',
        '{{ "%50000000s"|format("x") }}',
        '{{ "{:>50000000}".format("x") }}',
        "{{ (1).to_bytes(50000000, 'big') }}",
    ],
)
def test_values_too_large_for_a_policy_are_refused(tmp_path: Path, body: str) -> None:
    problem = located_problem(tmp_path, body, "template_too_large")
    assert "too large" in problem.localized("en")


def test_ordinary_arithmetic_and_strings_still_work(tmp_path: Path) -> None:
    body = '{{ "ab" * 3 }}{{ 2 ** 10 }}{{ ([1, 2] * 2)|length }}{{ "%05d" % 42 }}{{ "{:0>4}".format("ab") }}{{ 7 * 6 }}'
    text = render_overlay(tmp_path, {"en/summary.md.j2": f"{{{{ heading(2, 'Hi', 'summary') }}}}\n\n{body}\n"})
    assert "ababab1024400042" + "00ab42" in text


# --- runtime errors and missing templates in overlays are located user errors ---


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ("{{ 1/0 }}", "division by zero"),
        ('{% include "summary.md.j2" %}', "recursion"),
        ('{{ label("purpose", "nothere") }}', "nothere"),
        ("{{ 2.0 ** 5000 }}", "range"),
        ("{{ policy.nothere }}", "nothere"),
        ('{% include "nothere.md.j2" %}', "nothere.md.j2"),
    ],
)
def test_overlay_runtime_errors_are_located(tmp_path: Path, body: str, detail: str) -> None:
    problem = located_problem(tmp_path, body, ("template_error", "template_missing"))
    assert detail in problem.localized("en")


def test_missing_included_template_names_the_included_file(tmp_path: Path) -> None:
    problem = located_problem(tmp_path, '{% include "nothere.md.j2" %}', "template_missing")
    text = problem.localized("pl")
    assert "nothere.md.j2" in text and "en" in text and "summary" not in text.split(":", 2)[-1]


def test_extra_section_missing_in_one_language_is_a_user_error(tmp_path: Path) -> None:
    overlay(tmp_path, {"en/rules.md.j2": "{{ heading(2, 'House rules', 'rules') }}\n\nBe kind.\n"})
    answers = tmp_path / "agency.yaml"
    extra = "templates_dir: overlay\nextra_sections:\n  - {id: rules, after: cookies}\n"
    answers.write_text(AGENCY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = build(str(answers), "--format", "md", "--out", str(tmp_path / "o"))
    assert result.returncode == 2, result.stderr
    assert "no template rules.md.j2 for language pl in" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o" / "agency").exists()


def test_a_broken_overlay_fails_only_its_own_file(tmp_path: Path) -> None:
    overlay(tmp_path, {"en/summary.md.j2": "{{ heading(2, 'Hi', 'summary') }}\n\n{{ 1/0 }}\n"})
    broken = tmp_path / "broken.yaml"
    broken.write_text(AGENCY.read_text(encoding="utf-8") + "templates_dir: overlay\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(AGENCY.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "o"
    result = build(str(broken), str(good), "--lang", "en", "--format", "md", "--jobs", "1", "--out", str(out))
    assert result.returncode == 2
    assert f"{tmp_path / 'overlay' / 'en' / 'summary.md.j2'}:3: template error: division by zero" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "good" / "en" / "privacy.md").is_file()
    assert not (out / "broken").exists()


# --- where the overlay directory is ---


def test_missing_overlay_directory_on_the_command_line(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    result = build(str(AGENCY), "--lang", "en", "--templates", str(missing), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert f"{missing}: " in result.stderr and "no directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o" / "agency").exists()


def test_templates_dir_is_relative_to_the_file_it_is_written_in(tmp_path: Path) -> None:
    overlay(tmp_path, {"en/security.md.j2": "{{ heading(2, 'Ours', 'security') }}\n\nFrom the base file's folder.\n"})
    (tmp_path / "base.yaml").write_text(AGENCY.read_text(encoding="utf-8") + "templates_dir: overlay\n", "utf-8")
    child = tmp_path / "clients" / "client.yaml"
    child.parent.mkdir()
    child.write_text("extends: ../base.yaml\n", encoding="utf-8")
    result = build(str(child), "--lang", "en", "--format", "md", "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "o" / "client" / "en" / "privacy.md").read_text(encoding="utf-8")
    assert "From the base file's folder." in text


def test_templates_dir_that_does_not_exist_is_located(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(AGENCY.read_text(encoding="utf-8") + "templates_dir: nowhere\n", encoding="utf-8")
    line = len(base.read_text(encoding="utf-8").splitlines())
    child = tmp_path / "clients" / "client.yaml"
    child.parent.mkdir()
    child.write_text("extends: ../base.yaml\n", encoding="utf-8")
    result = build(str(child), "--lang", "en", "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert f"{base}:{line}:16: templates_dir: no directory {tmp_path / 'nowhere'}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o" / "client").exists()


def test_a_long_running_process_sees_overlay_files_come_and_go(tmp_path: Path) -> None:
    """``mkdocs serve`` renders many times in one process with the same cached environment: an
    overlay template added after the first render must replace our clause, and removing it again
    must bring our clause back."""
    root = overlay(tmp_path, {"en/.keep": ""})
    policy = build_policy(load_answers(AGENCY))
    stock = "appropriate to the risk"
    assert stock in render(policy, "en", "md", overlay=root).text
    clause = root / "en" / "security.md.j2"
    clause.write_text("{{ heading(2, 'How we protect data', 'security') }}\n\nAdded while serving.\n", encoding="utf-8")
    text = render(policy, "en", "md", overlay=root).text
    assert "Added while serving." in text and stock not in text
    clause.unlink()
    assert stock in render(policy, "en", "md", overlay=root).text


def test_an_overlay_heading_written_in_markdown_is_a_located_error(tmp_path: Path) -> None:
    """Sections are structure, not text: an overlay marks its heading with heading(), and a template
    that prints anything before it is refused with its file, not silently misread."""
    root = overlay(tmp_path, {"en/security.md.j2": "## Security {#security}\n\nOur words.\n"})
    result = build(
        str(AGENCY), "--lang", "en", "--format", "md", "--templates", str(root), "--out", str(tmp_path / "o")
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{root / 'en' / 'security.md.j2'}: a section template starts with its heading" in result.stderr
    assert not (tmp_path / "o" / "agency").exists()


def test_overlay_sections_join_the_document_structure(tmp_path: Path) -> None:
    from generator.api import render_doc

    root = overlay(
        tmp_path,
        {
            "en/security.md.j2": "{{ heading(2, 'Security', 'security') }}\n\nOurs.\n\n"
            "{{ heading(3, 'Keys', 'keys') }}\n\nK.\n"
        },
    )
    document = render_doc(build_policy(load_answers(AGENCY)), "en", root)
    assert [(s.id, s.level, s.body) for s in document.subtree("security")] == [
        ("security", 2, "Ours."),
        ("keys", 3, "K."),
    ]
