"""Hardening: hostile files within limits, determinism across worker counts, interrupted runs that
leave only complete files, and an accessible HTML page."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import load_answers
from generator.errors import AnswersError
from generator.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES

from .conftest import EXAMPLES, LANGS, ROOT, rendered, run_cli

SHOP = (ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8")


def load_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        load_answers(path)
    except AnswersError as exc:
        assert exc.problems, "an AnswersError always names at least one problem"
        assert all(p.file.endswith("fuzz.yaml") for p in exc.problems)
    assert time.perf_counter() - start < 5, "every input is handled in bounded time"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_validate_or_fail_cleanly(tmp_path: Path, data: bytes) -> None:
    load_bytes(tmp_path, data)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml_values)
def test_arbitrary_yaml_validates_or_fails_cleanly(tmp_path: Path, value: object) -> None:
    load_bytes(tmp_path, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(SHOP)), st.text(max_size=20))
def test_mutated_example_validates_or_fails_cleanly(tmp_path: Path, at: int, insert: str) -> None:
    load_bytes(tmp_path, (SHOP[:at] + insert + SHOP[at:]).encode("utf-8"))


ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True)
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("alias bomb", ALIAS_BOMB.encode(), f"more than {MAX_NODES} values"),
        ("recursive alias", b"a: &a [*a]\n", f"deeper than {MAX_DEPTH}"),
        ("deep flow nesting", b"a: " + b"[" * 5000 + b"]" * 5000, f"deeper than {MAX_DEPTH}"),
        ("deep block nesting", "".join("  " * i + f"k{i}:\n" for i in range(60)).encode(), f"deeper than {MAX_DEPTH}"),
        ("huge scalar", b"a: " + b"x" * (MAX_BYTES + 1), f"larger than {MAX_BYTES}"),
        ("invalid UTF-8", b"schema_version: 1\nname: \xff\xfe\n", "not valid UTF-8"),
        ("python tag", b"a: !!python/object/apply:os.system ['true']\n", "YAML syntax error"),
    ],
)
def test_limits_give_a_located_exit_2(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    start = time.perf_counter()
    result = run_cli("--ui-lang", "en", "build", str(path), "--out", str(tmp_path / "out"))
    assert time.perf_counter() - start < 30
    assert result.returncode == 2, name
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert not (tmp_path / "out" / "bad").exists()


def write_inputs(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"c{i:03d}.yaml").write_text(SHOP.replace("Leśne Runo", f"Leśne Runo {i}"), encoding="utf-8")


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("privacy.*"))}


def test_same_bytes_whatever_the_number_of_jobs_and_hash_seed(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 6)
    runs = []
    for jobs, seed in (("1", "1"), ("2", "999")):
        out = tmp_path / f"out-{jobs}"
        result = run_cli("build", str(tmp_path / "in"), "--out", str(out), "--jobs", jobs, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        runs.append(outputs(out))
    assert len(runs[0]) == 6 * 4 and runs[0] == runs[1]


def test_a_killed_batch_leaves_only_complete_files(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 40)
    reference = tmp_path / "reference"
    assert run_cli("build", str(tmp_path / "in"), "--out", str(reference), "--jobs", "1").returncode == 0
    expected = outputs(reference)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(7)
    out = tmp_path / "out"
    for _ in range(4):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                str(tmp_path / "in"),
                "--out",
                str(out),
                "--jobs",
                "2",
                "--rebuild",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.8, 2.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for name, data in outputs(out).items():
            assert data == expected[name], f"{name} is incomplete after SIGKILL"
    # Hidden temporaries a killed run may leave are removed by the next run, which completes the rest.
    assert run_cli("build", str(tmp_path / "in"), "--out", str(out)).returncode == 0
    assert outputs(out) == expected
    assert not list(out.rglob(".policygen-*.tmp"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_html_page_is_accessible(example: Path, lang: str) -> None:
    page = rendered(example, lang, "html")
    assert re.search(rf'<html lang="{lang}">', page)
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", page)]
    assert levels.count(1) == 1 and levels[0] == 1, "exactly one h1, and it comes first"
    for before, after in pairwise(levels):
        assert after <= before + 1, f"heading level skipped: h{before} → h{after}"
    for table in re.findall(r"<table>.*?</table>", page, flags=re.S):
        assert "<thead>" in table and "<th>" in table, "every table has header cells"
    for text in re.findall(r"<a [^>]*>(.*?)</a>", page, flags=re.S):
        assert re.sub(r"<[^>]+>", "", text).strip(), "every link has text"
    assert re.search(r'<nav[^>]+aria-label="[^"]+"', page)


def test_accessibility_checks_can_fail() -> None:
    broken = rendered(EXAMPLES[0], "en", "html").replace("<h2", "<h4", 1)
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", broken)]
    assert any(after > before + 1 for before, after in pairwise(levels))
