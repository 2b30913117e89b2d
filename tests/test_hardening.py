"""Hardening: hostile files refused within limits of memory and CPU, located YAML errors, the
README's limits equal to the code's, determinism across worker counts, and interrupted runs that
leave only complete files."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import load_answers
from generator.errors import AnswersError
from generator.loader import MAX_BYTES, MAX_CHARS, MAX_DEPTH, MAX_EXTENDS, MAX_NODES
from generator.messages import message
from generator.output import TEMP_PREFIX, TEMP_SUFFIX

from .conftest import EXAMPLES, ROOT, built, run_cli
from .harness import run_bounded, slow_disk_env

SHOP = (ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8")
#: Fixtures for what no example has: a controller outside the EU, a service for children, 15 services.
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))


def load_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_answers(path)
    except AnswersError as exc:
        assert exc.problems, "an AnswersError always names at least one problem"
        assert all(p.file.endswith("fuzz.yaml") for p in exc.problems)


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


# -- hostile files: refused, located, exit 2, within 1 GB and 60 s of CPU -----------------------

# 9**8 = 43 million values once the aliases are expanded, from 327 bytes.
ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True)
)
LONG = b'x: &x "' + b"y" * 500_000 + b'"\n'
# Few values, but each use of the alias is copied when validated: 40,000 x 500 kB = 20 GB.
WIDE_ALIAS = LONG + b"services: [" + b", ".join([b"*x"] * 40_000) + b"]\n"
# The same through keys: duplicate keys are not walked, but each is reported with its name.
ALIAS_KEYS = LONG + b"m:\n" + b"".join([b"  *x : 1\n"] * 50_000)
NODES = rf"more than {MAX_NODES} values \(aliases included\)"
CHARS = rf"more than {MAX_CHARS} characters of keys and values \(aliases included\)"
DEEP = rf"nesting deeper than {MAX_DEPTH} levels"

HOSTILE = [
    # (name, content, the first problem after "FILE:" (a regex))
    ("alias bomb", ALIAS_BOMB.encode(), rf"1:8: e\.5\.5\.7\.5\.0: {NODES}"),
    ("wide alias", WIDE_ALIAS, rf"1:4: services\.0: {CHARS}"),
    ("aliased duplicate keys", ALIAS_KEYS, rf"1:4: m: {CHARS}"),
    ("recursive alias", b"a: &a [*a]\n", rf"1:4: a\.0: {DEEP}"),
    ("deep flow nesting", b"a: " + b"[" * 5000 + b"]" * 5000, rf"1:43: {DEEP}"),
    ("deep block nesting", "".join("  " * i + f"k{i}:\n" for i in range(60)).encode(), rf"41:81: {DEEP}"),
    ("huge scalar", b"a: " + b"x" * (MAX_BYTES + 1), rf" file is larger than {MAX_BYTES} bytes"),
    ("invalid UTF-8", b"schema_version: 1\nname: \xff\xfe\n", "2:7: the file is not valid UTF-8"),
    ("control character", b"schema_version: 1\nlanguages: [pl]\nname: ab\x07c\n", "3:9: YAML syntax error: character"),
    ("python tag", b"a: !!python/object/apply:os.system ['true']\n", "1:4: YAML syntax error: could not determine"),
]


@pytest.mark.parametrize(("name", "data", "expected"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_files_give_a_located_exit_2_in_bounded_memory(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    result = run_bounded("--ui-lang", "en", "build", str(path), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.returncode == 2, f"{name}: exit {result.returncode}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert re.match(re.escape(str(path)) + ":" + expected, first), first
    assert not (tmp_path / "out" / "bad").exists()


# Every located YAML error, in-process: the exact line and column (in characters, after a BOM).
LOCATED = [
    (
        "control character",
        b"schema_version: 1\nlanguages: [pl]\nname: ab\x07c\n",
        3,
        9,
        "YAML syntax error: character #x0007 is not",
    ),
    ("NUL", b"a: 1\nb: x\x00y\n", 2, 5, "YAML syntax error: character #x0000 is not allowed"),
    ("DEL after a blank line", b"a: 1\n  \nb: x\x7fy\n", 3, 5, "YAML syntax error: character #x007f is not allowed"),
    (
        "C1 control after NEL",
        "a: 1\nb: \x85x\x9f\n".encode(),
        2,
        6,
        "YAML syntax error: character #x009f is not allowed",
    ),
    (
        "after Polish letters",
        'a: 1\nname: "żółw\x01"\n'.encode(),
        2,
        12,
        "YAML syntax error: character #x0001 is not allowed",
    ),
    (
        "after a byte-order mark",
        "\ufeffa: 1\nb: \x02\n".encode(),
        2,
        4,
        "YAML syntax error: character #x0002 is not allowed",
    ),
    ("unclosed flow list", b"a: 1\nb: [1, 2\nc: d\n", 3, 2, "YAML syntax error: expected ',' or ']'"),
    ("bad indentation", b"a: 1\n b: 2\n", 2, 3, "YAML syntax error: mapping values are not allowed here"),
    ("tab", b"a:\n\t- b\n", 2, 1, "YAML syntax error: found character '\\t' that cannot start any token"),
    ("undefined alias", b"a: 1\nb: *nothing\n", 2, 4, "YAML syntax error: found undefined alias 'nothing'"),
    ("two documents", b"a: 1\n---\nb: 2\n", 2, 1, "the file holds more than one YAML document"),
]


@pytest.mark.parametrize(("name", "data", "line", "column", "text"), LOCATED, ids=[case[0] for case in LOCATED])
def test_yaml_errors_are_located(tmp_path: Path, name: str, data: bytes, line: int, column: int, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    with pytest.raises(AnswersError) as caught:
        load_answers(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:{line}:{column}: {text}")


def chain(folder: Path, hops: int) -> Path:
    """``f{hops}.yaml`` extends ``f{hops-1}.yaml`` … ``f1.yaml`` extends the complete ``base.yaml``."""
    shutil.copy(ROOT / "answers" / "agency.yaml", folder / "base.yaml")
    for n in range(1, hops + 1):
        (folder / f"f{n}.yaml").write_text(f"extends: {'base' if n == 1 else f'f{n - 1}'}.yaml\n", encoding="utf-8")
    return folder / f"f{hops}.yaml"


def test_extends_chain_limit(tmp_path: Path) -> None:
    assert load_answers(chain(tmp_path, MAX_EXTENDS)).controllers
    with pytest.raises(AnswersError) as caught:
        load_answers(chain(tmp_path, MAX_EXTENDS + 1))
    # Reported at the extends that goes one file too far: f1.yaml, the one naming base.yaml.
    assert str(caught.value.problems[0]) == (
        f"{tmp_path / 'f1.yaml'}:1:10: extends: extends goes round in a circle or deeper than {MAX_EXTENDS} files; "
        "check the chain"
    )


def limits_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("**Input limits.**") : readme.index("## The answers file")]


def test_readme_limits_are_the_code_limits() -> None:
    section = limits_section()
    for figure in (
        f"larger than {MAX_BYTES:,} bytes",
        f"deeper than {MAX_DEPTH} levels",
        f"more than {MAX_NODES:,} values",
        f"more than {MAX_CHARS:,} characters",
        f"more than {MAX_EXTENDS} `extends`",
    ):
        assert figure in section, f"README input limits should say {figure!r}"
    # Each message the table quotes is how the real message begins.
    limits = {"limit": 0, "problem": "…"}
    actual = [
        message(code, "en", **{**limits, "limit": value})
        for code, value in (
            ("file_too_large", MAX_BYTES),
            ("not_utf8", 0),
            ("yaml_syntax", 0),
            ("yaml_multiple_documents", 0),
            ("yaml_too_deep", MAX_DEPTH),
            ("yaml_too_many_nodes", MAX_NODES),
            ("yaml_too_much_text", MAX_CHARS),
            ("extends_cycle", MAX_EXTENDS),
        )
    ]
    # The kinds of bad input of "What bad input gets" that are answers-file messages.
    actual += [
        message(code, "en", **params)
        for code, params in (
            ("file_not_regular", {}),
            ("file_symlink_loop", {}),
            ("number_from_bool", {}),
            ("amount_invalid", {"max": "…"}),
            ("yaml_tag", {"tag": "!!set"}),
            ("language_duplicate", {"lang": "en"}),
            ("text_control", {"char": "U+001B"}),
            ("email_link_chars", {}),
        )
    ]
    quoted = re.findall(r"`[\w.-]+\.yaml(?::LINE:COL)?: (?:[\w.]+: )?([^`…]+)…`", section)
    assert len(quoted) == len(actual)
    for text in quoted:
        assert any(m.startswith(text) for m in actual), f"README quotes a message the code does not give: {text!r}"


# -- determinism and interrupted runs ------------------------------------------------------------


def copy_inputs(folder: Path) -> list[Path]:
    """Every example and every fixture, side by side (their names do not clash)."""
    folder.mkdir()
    for source in (*EXAMPLES, *FIXTURES):
        shutil.copy(source, folder / source.name)
    return sorted(folder.iterdir())


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("privacy.*"))}


def temporaries(out: Path) -> list[Path]:
    return sorted(out.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))


def test_same_bytes_whatever_the_number_of_jobs_and_hash_seed(tmp_path: Path) -> None:
    inputs = copy_inputs(tmp_path / "in")
    runs = []
    for jobs, seed in (("1", "1"), ("2", "999")):
        out = tmp_path / f"out-{jobs}"
        result = run_cli("build", str(tmp_path / "in"), "--out", str(out), "--jobs", jobs, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        runs.append(outputs(out))
    assert len(runs[0]) == sum(2 * len(built(path).languages) for path in inputs) and runs[0].keys() == runs[1].keys()
    assert [name for name, data in runs[0].items() if runs[1][name] != data] == []


#: Kill the run once this many of its outputs exist: early, about a third and about two thirds in.
KILL_AFTER = (1, 13, 25)


def killed_run(inputs: Path, out: Path, env: dict[str, str], after: int) -> None:
    """Start a build on a slow disk and SIGKILL it (and its workers) once ``after`` outputs exist."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(inputs), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        while proc.poll() is None and (not out.is_dir() or sum(1 for _ in out.rglob("privacy.*")) < after):
            time.sleep(0.002)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the run ended by itself: no kill landed
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_a_killed_batch_leaves_only_complete_files(tmp_path: Path) -> None:
    """Writes go through a slow disk (small flushed chunks with pauses), so a file written in place
    would be seen half-written; the run is killed after its outputs start to appear."""
    inputs = tmp_path / "in"
    copy_inputs(inputs)
    reference = tmp_path / "reference"
    assert run_cli("build", str(inputs), "--out", str(reference), "--jobs", "2").returncode == 0
    expected = outputs(reference)
    assert len(expected) > max(KILL_AFTER)
    env = slow_disk_env(tmp_path / "slow-disk")
    landed = []
    for after in KILL_AFTER:
        out = tmp_path / f"killed-{after}"
        killed_run(inputs, out, env, after)
        present = outputs(out)
        for name, data in present.items():
            assert data == expected[name], f"{name} is incomplete after SIGKILL (killed after {after} outputs)"
        landed.append((len(present), len(temporaries(out)), out))
    assert any(0 < count < len(expected) for count, _, _ in landed), f"no kill landed mid-run: {landed}"
    # The next run removes what a killed run left behind and completes the rest.
    _, _, out = max(landed, key=lambda entry: entry[1])
    assert run_cli("build", str(inputs), "--out", str(out)).returncode == 0
    assert outputs(out) == expected
    assert temporaries(out) == []
