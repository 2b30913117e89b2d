"""Batch builds: many files in parallel, failures isolated and summarised, unchanged files skipped."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pytest

import generator.batch as batch
from generator.batch import Options, Progress, Result, engine_digest, expand_inputs, run

from .conftest import ROOT, run_cli

SHOP = (ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8")
AGENCY = ROOT / "answers" / "agency.yaml"


def generate(folder: Path, count: int, broken: dict[int, tuple[str, str]]) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):
        text = SHOP.replace("Leśne Runo sp. z o.o.", f"Leśne Runo {i} sp. z o.o.")
        if i in broken:
            old, new = broken[i]
            assert old in text
            text = text.replace(old, new)
        path = folder / f"client-{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


BROKEN = {
    17: ('nip: "6760000115"', 'nip: "6760000116"'),
    101: ("effective_date: 2026-11-01", "effective_date: 2026-11-31"),
    188: ("    keep_months: 12", "    keep_months: 12\n    colour: red"),
}

DEFAULTS = """\
schema_version: 1
languages: [en]
controllers:
  - legal_form: sp_zoo
    name: "Klient sp. z o.o."
    address: {street: "ul. Domyślna 1", postal_code: "00-001", city: "Warszawa"}
    email: "dane@klient.example"
    nip: "6760000115"
    krs: "0000123456"
security: [tls]
features:
  contact: {keep_months: 12}
effective_date: 2026-01-01
"""


def statuses(paths: list[Path], options: Options, jobs: int = 1, **kwargs: object) -> dict[str, str]:
    seen: list[Result] = []
    run(paths, options, jobs, on_result=seen.append, **kwargs)  # type: ignore[arg-type]
    return {Path(r.path).name: r.status for r in seen}


def test_200_files_3_broken(tmp_path: Path) -> None:
    generate(tmp_path / "in", 200, BROKEN)
    out = tmp_path / "out"
    first = run_cli("--ui-lang", "en", "build", str(tmp_path / "in"), "--out", str(out), "--jobs", "2")
    assert first.returncode == 2
    written = sorted(p for p in out.rglob("privacy.*"))
    assert len(written) == 197 * 3 * 2  # the shop's three languages, two formats
    assert "built: 197, unchanged: 0, failed: 3" in first.stderr
    failures = [line for line in first.stderr.splitlines() if re.match(r".*client-\d{3}\.yaml:\d+:\d+: ", line)]
    assert [re.search(r"client-(\d{3})", f).group(1) for f in failures] == ["017", "101", "188"]
    assert "Traceback" not in first.stderr
    wrote = [re.search(r"client-\d{3}", line).group(0) for line in first.stdout.splitlines()]
    assert len(wrote) == 197 * 3 * 2 and wrote == sorted(wrote)  # streamed as built, in input order

    second = run_cli("--ui-lang", "en", "build", str(tmp_path / "in"), "--out", str(out), "--jobs", "2")
    assert second.returncode == 2
    assert "built: 0, unchanged: 197, failed: 3" in second.stderr


def test_changed_template_inputs_or_answers_rebuild(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 3, {})
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",))
    assert run(paths, options, jobs=1).built == 3
    assert run(paths, options, jobs=1).unchanged == 3
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("Kraków", "Tarnów"), encoding="utf-8")
    again = statuses(paths, options)
    assert again == {"client-000.yaml": "unchanged", "client-001.yaml": "built", "client-002.yaml": "unchanged"}
    assert "Tarnów" in (tmp_path / "out" / "client-001" / "en" / "privacy.md").read_text(encoding="utf-8")


def test_a_change_in_an_extended_file_rebuilds(tmp_path: Path) -> None:
    (tmp_path / "clients").mkdir()
    defaults = tmp_path / "defaults.yaml"
    defaults.write_text(DEFAULTS, encoding="utf-8")
    child = tmp_path / "clients" / "a.yaml"
    child.write_text("extends: ../defaults.yaml\n", encoding="utf-8")
    options = Options(out=tmp_path / "out", langs=None, formats=("md",))
    assert statuses([child], options) == {"a.yaml": "built"}
    assert statuses([child], options) == {"a.yaml": "unchanged"}
    defaults.write_text(DEFAULTS.replace("keep_months: 12", "keep_months: 7"), encoding="utf-8")
    assert statuses([child], options) == {"a.yaml": "built"}
    assert "7 months" in (tmp_path / "out" / "a" / "en" / "privacy.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["command line", "answers"])
def test_a_change_in_an_overlay_rebuilds(tmp_path: Path, where: str) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "en").mkdir(parents=True)
    clause = overlay / "en" / "security.md.j2"
    clause.write_text("{{ heading(2, 'Security', 'security') }}\n\nFirst wording.\n", encoding="utf-8")
    answers = tmp_path / "agency.yaml"
    text = AGENCY.read_text(encoding="utf-8")
    answers.write_text(text + ("templates_dir: overlay\n" if where == "answers" else ""), encoding="utf-8")
    templates = overlay if where == "command line" else None
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",), templates=templates)
    output = tmp_path / "out" / "agency" / "en" / "privacy.md"
    assert statuses([answers], options) == {"agency.yaml": "built"}
    assert statuses([answers], options) == {"agency.yaml": "unchanged"}
    clause.write_text("{{ heading(2, 'Security', 'security') }}\n\nSecond wording.\n", encoding="utf-8")
    assert statuses([answers], options) == {"agency.yaml": "built"}
    assert "Second wording." in output.read_text(encoding="utf-8")
    (overlay / "en" / "summary.md.j2").write_text(
        "{{ heading(2, 'In short', 'summary') }}\n\nNew file.\n", encoding="utf-8"
    )
    assert statuses([answers], options) == {"agency.yaml": "built"}  # a file added to the overlay counts too


def test_library_versions_are_part_of_the_engine_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    before = engine_digest()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "babel" else real(name))
    engine_digest.cache_clear()
    try:
        assert engine_digest() != before  # a new Babel (and its CLDR data) may change dates and lists
    finally:
        engine_digest.cache_clear()


def test_unchanged_files_are_decided_without_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = generate(tmp_path / "in", 4, {})
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",))
    assert run(paths, options, jobs=1).built == 4

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started for unchanged files")

    monkeypatch.setattr(batch, "_pool", no_pool)
    summary = run(paths, options, jobs=2)
    assert (summary.unchanged, summary.failed) == (4, [])


def test_results_come_one_by_one_in_input_order(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 12, {3: BROKEN[17]})
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",))
    seen: list[Result] = []
    summary = run(paths, options, jobs=2, on_result=seen.append)
    assert [r.path for r in seen] == [str(p) for p in paths]
    assert (summary.built, summary.unchanged, [Path(r.path).name for r in summary.failed]) == (
        11,
        0,
        ["client-003.yaml"],
    )


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 5, {0: BROKEN[17]})
    summary = run(paths, Options(out=tmp_path / "out", langs=("en",), formats=("md",)), jobs=1, fail_fast=True)
    assert len(summary.failed) == 1 and summary.total == 1


def test_fail_fast_in_parallel_counts_and_caches_what_it_wrote(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 8, {0: BROKEN[17]})
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",))
    first = statuses(paths, options, jobs=2, fail_fast=True)
    written = {p.parent.parent.name + ".yaml" for p in (tmp_path / "out").rglob("privacy.md")}
    assert first["client-000.yaml"] == "failed"
    assert written == {name for name, status in first.items() if status == "built"}
    again = statuses(paths, options, jobs=1)
    assert {name for name, status in again.items() if status == "unchanged"} == written


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_line_is_ended_when_a_run_stops_early() -> None:
    stream = Terminal()
    progress = Progress(5, stream)
    progress.update(Result("a.yaml", "failed"))
    progress.close()
    assert stream.getvalue().endswith("] 1/5\n")


def test_a_bug_in_a_worker_is_a_failed_file_with_its_traceback(tmp_path: Path) -> None:
    # A sitecustomize module (imported by every process at start) plants a bug for one file.
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        textwrap.dedent(
            """\
            import generator.derive

            _derive = generator.derive.derive


            def derive(answers, services):
                if answers.controllers[0].name.startswith("Leśne Runo 2 "):
                    raise RuntimeError("planted bug")
                return _derive(answers, services)


            generator.derive.derive = derive
            """
        ),
        encoding="utf-8",
    )
    generate(tmp_path / "in", 4, {})
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        env = {"PYTHONPATH": f"{site}:{ROOT}"}
        result = run_cli("--ui-lang", "en", "build", str(tmp_path / "in"), "--out", str(out), "--jobs", jobs, env=env)
        assert result.returncode == 1, result.stderr
        assert "client-002.yaml: internal error" in result.stderr
        assert "Traceback" in result.stderr and "RuntimeError: planted bug" in result.stderr
        assert "built: 3, unchanged: 0, failed: 1" in result.stderr
        assert not (out / "client-002").exists()


def test_layout_is_configurable(tmp_path: Path) -> None:
    result = run_cli(
        "build",
        str(ROOT / "answers" / "agency.yaml"),
        "--out",
        str(tmp_path),
        "--lang",
        "en",
        "--format",
        "md",
        "--layout",
        "{lang}/{name}.{ext}",
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "en" / "agency.md").is_file()


def test_a_layout_that_writes_two_inputs_to_one_path_is_refused(tmp_path: Path) -> None:
    blogger = ROOT / "answers" / "blogger.yaml"
    out = tmp_path / "out"
    result = run_cli(
        "--ui-lang", "en", "build", str(AGENCY), str(blogger), "--out", str(out), "--layout", "{lang}.{ext}"
    )
    assert result.returncode == 2
    assert f"{AGENCY} and {blogger} would both be written to {out / '{lang}.{ext}'}" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--layout", "{name}/privacy.{ext}", "--lang", "pl,en"], "several languages or formats"),
        (["--layout", "{name}/{lang}/privacy.md"], "several languages or formats"),
        (["--layout", "{name}/{lang}.{fmt}"], "use the fields {name}, {lang} and {ext}"),
    ],
)
def test_a_layout_that_writes_one_path_twice_is_refused(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run_cli("--ui-lang", "en", "build", str(AGENCY), "--out", str(tmp_path / "out"), *args)
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_layout_without_lang_fails_a_file_with_two_languages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "--ui-lang", "en", "build", str(AGENCY), "--out", str(out), "--format", "md", "--layout", "{name}.{ext}"
    )
    assert result.returncode == 2
    assert f"{AGENCY}: --layout {{name}}.{{ext}} would write {out / 'agency.md'} more than once" in result.stderr
    assert not out.exists()


def test_inputs_from_directories_and_globs(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 3, {})
    assert expand_inputs([str(tmp_path / "in")]) == paths
    assert expand_inputs([str(tmp_path / "in" / "client-00[12].yaml")]) == paths[1:]


def test_partial_files_are_skipped_when_a_folder_or_pattern_is_expanded(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    (folder / "_shared").mkdir(parents=True)
    (folder / "_common.yaml").write_text(DEFAULTS.replace("effective_date: 2026-01-01\n", ""), encoding="utf-8")
    (folder / "_shared" / "more.yaml").write_text(DEFAULTS, encoding="utf-8")
    (folder / ".hidden.yaml").write_text(DEFAULTS, encoding="utf-8")
    client = folder / "a.yaml"
    client.write_text("extends: _common.yaml\neffective_date: 2026-02-01\n", encoding="utf-8")
    assert expand_inputs([str(folder)]) == [client]
    assert expand_inputs([str(folder / "*.yaml")]) == [client]
    assert expand_inputs([str(folder / "**" / "*.yaml")]) == [client]
    assert expand_inputs([str(folder / "_*.yaml")]) == [folder / "_common.yaml"]  # asked for by name
    assert expand_inputs([str(folder / "_common.yaml")]) == [folder / "_common.yaml"]
    result = run_cli("--ui-lang", "en", "build", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "built: 1, unchanged: 0, failed: 0" in result.stderr


def test_a_language_missing_from_the_answers_is_reported_in_the_interface_language(tmp_path: Path) -> None:
    answers = tmp_path / "only-en.yaml"
    answers.write_text(DEFAULTS, encoding="utf-8")
    result = run_cli("--ui-lang", "pl", "build", str(answers), "--lang", "pl", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"w pliku {answers} brak języka pl w kluczu languages" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_that_cannot_be_written_is_a_failed_file(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(DEFAULTS, encoding="utf-8")
    (tmp_path / "out" / "a" / "en" / "privacy.md").mkdir(parents=True)  # a folder where the file should go
    summary = run([answers], Options(out=tmp_path / "out", langs=None, formats=("md",)), jobs=1)
    (failed,) = summary.failed
    assert not failed.internal and failed.error.startswith(
        f"{answers}: cannot write {tmp_path / 'out' / 'a' / 'en' / 'privacy.md'}: "
    )


def test_a_damaged_cache_only_means_building_again(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 2, {})
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".policygen-cache.json").write_text("{}", encoding="utf-8")  # an earlier version's
    assert run(paths, options, jobs=1).built == 2
    assert not (tmp_path / "out" / ".policygen-cache.json").exists()
    (tmp_path / "out" / ".policygen-cache.sqlite").write_bytes(b"not a database" * 100)
    assert run(paths, options, jobs=1).built == 2
    assert run(paths, options, jobs=1).unchanged == 2


@pytest.mark.parametrize(
    ("ui", "says"),
    [("en", "no file matches this pattern"), ("pl", "żaden plik nie pasuje do tego wzorca")],
)
def test_a_pattern_that_matches_nothing_is_a_usage_error_in_the_ui_language(tmp_path: Path, ui: str, says: str) -> None:
    pattern = str(tmp_path / "clients" / "*.yaml")
    for command in ("build", "check"):
        result = run_cli("--ui-lang", ui, command, pattern, *(["--out", str(tmp_path / "out")] * (command == "build")))
        assert result.returncode == 2, result.stderr
        assert f"{pattern}: {says}" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
