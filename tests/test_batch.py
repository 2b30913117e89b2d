"""Batch builds: many files in parallel, failures isolated and summarised, unchanged files skipped."""

from __future__ import annotations

import re
from pathlib import Path

from generator.batch import Options, expand_inputs, run

from .conftest import ROOT, run_cli

SHOP = (ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8")


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


def test_200_files_3_broken(tmp_path: Path) -> None:
    generate(tmp_path / "in", 200, BROKEN)
    out = tmp_path / "out"
    first = run_cli("--ui-lang", "en", "build", str(tmp_path / "in"), "--out", str(out), "--jobs", "2")
    assert first.returncode == 2
    written = sorted(p for p in out.rglob("privacy.*"))
    assert len(written) == 197 * 2 * 2
    assert "built: 197, unchanged: 0, failed: 3" in first.stderr
    failures = [line for line in first.stderr.splitlines() if re.match(r".*client-\d{3}\.yaml:\d+:\d+: ", line)]
    assert [re.search(r"client-(\d{3})", f).group(1) for f in failures] == ["017", "101", "188"]
    assert "Traceback" not in first.stderr

    second = run_cli("--ui-lang", "en", "build", str(tmp_path / "in"), "--out", str(out), "--jobs", "2")
    assert second.returncode == 2
    assert "built: 0, unchanged: 197, failed: 3" in second.stderr


def test_changed_template_inputs_or_answers_rebuild(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 3, {})
    options = Options(out=tmp_path / "out", langs=("en",), formats=("md",))
    assert len(run(paths, options, jobs=1).built) == 3
    assert len(run(paths, options, jobs=1).unchanged) == 3
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("Kraków", "Tarnów"), encoding="utf-8")
    again = run(paths, options, jobs=1)
    assert [Path(r.path).name for r in again.built] == ["client-001.yaml"] and len(again.unchanged) == 2
    assert "Tarnów" in (tmp_path / "out" / "client-001" / "en" / "privacy.md").read_text(encoding="utf-8")


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 5, {0: BROKEN[17]})
    summary = run(paths, Options(out=tmp_path / "out", langs=("en",), formats=("md",)), jobs=1, fail_fast=True)
    assert len(summary.failed) == 1 and summary.total == 1


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


def test_inputs_from_directories_and_globs(tmp_path: Path) -> None:
    paths = generate(tmp_path / "in", 3, {})
    assert expand_inputs([str(tmp_path / "in")]) == paths
    assert expand_inputs([str(tmp_path / "in" / "client-00[12].yaml")]) == paths[1:]
