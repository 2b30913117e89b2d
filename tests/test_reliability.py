"""Issue 12, files and runs: nothing written outside ``--out`` (1), normal file modes (2), only
regular files read (3), a damaged cache heals (4), concurrent runs and partly writable outputs
(5), exit codes (11), and a fuzz test of answers file names and layouts.

The reproducers of the other classes are in test_reliability_values.py (6, 7, 10),
test_reliability_injection.py (8, 9) and test_reliability_wizard.py (12)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.batch as batch
from generator import cli
from generator.buildcache import CACHE_FILE
from generator.loader import MAX_BYTES
from generator.output import TEMP_PREFIX, TEMP_SUFFIX

from .conftest import ROOT, run_cli
from .harness import _limits, run_bounded

SHOP = ROOT / "answers" / "shop.yaml"
SHOP_TEXT = SHOP.read_text(encoding="utf-8")


def run(*args: str, cwd: Path | None = None, timeout: float = 60, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` in English; a run that does not end in ``timeout`` seconds hung."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "generator", "--ui-lang", "en", *args],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=env,
            timeout=timeout,
            **kwargs,  # type: ignore[arg-type]
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"policygen {' '.join(args)} still running after {timeout} s: it hangs")


def files_under(root: Path, skip: Path | None = None) -> set[str]:
    """Every file and link below ``root`` (except below ``skip``), relative."""
    found = set()
    for folder, dirs, names in os.walk(root):
        if skip is not None and Path(folder) == skip:
            dirs.clear()
            continue
        found.update(os.path.relpath(os.path.join(folder, name), root) for name in names)
        found.update(
            os.path.relpath(os.path.join(folder, d), root) for d in dirs if os.path.islink(os.path.join(folder, d))
        )
    return found


def clean_refusal(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


# -- 1. writes outside --out ------------------------------------------------------------------------


def test_an_answers_file_named_dots_writes_nothing_outside_out(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(SHOP, tmp_path / "in" / "...yaml")  # its name without .yaml is ".."
    result = run("build", "in/...yaml", "--out", "out", cwd=tmp_path)
    clean_refusal(result, "in/...yaml: the output path out/../pl/privacy.md leads outside the output folder out")
    assert files_under(tmp_path) == {"in/...yaml"}


@pytest.mark.parametrize(
    "layout",
    ["../escaped/{name}-{lang}.{ext}", "{name}/../../escaped/{lang}.{ext}", "ABS/{name}/{lang}.{ext}", "/{name}.{ext}"],
)
def test_a_layout_leading_outside_out_is_refused(tmp_path: Path, layout: str) -> None:
    layout = layout.replace("ABS", str(tmp_path / "abs"))
    result = run("build", str(SHOP), "--out", str(tmp_path / "out"), "--layout", layout)
    clean_refusal(result, f"bad --layout {layout}: it must be a path inside --out")
    assert files_under(tmp_path) == set()


def test_a_symlink_inside_out_does_not_lead_outside(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "shop").symlink_to(tmp_path / "elsewhere")
    result = run("build", str(SHOP), "--out", str(tmp_path / "out"), "--format", "md")
    clean_refusal(result, "leads outside the output folder")
    assert list((tmp_path / "elsewhere").iterdir()) == []


NAME_PARTS = st.text(alphabet=[".", " ", "-", "/", "ż", "ü", "a", "_", "\u00a0"], min_size=1, max_size=8)
LAYOUT_PARTS = st.sampled_from(
    ["{name}", "{lang}", "{ext}", "/", "..", ".", "x", "-", " ", "ABS", "{name:>3}", "{lang!r}", "{0}", "{}",
     "{name[0]}", "{ext.upper}", "{", "}", "%s", "ł"]
)  # fmt: skip


def _answers_name(parts: str) -> str | None:
    """A relative answers path made of ``parts``, kept below in/d1/d2 (it may go up through ``..``)."""
    name = "in/d1/d2/" + parts.lstrip("/") + ("" if parts.endswith("/") else ".yaml")
    normal = os.path.normpath(name)
    return name if normal.startswith("in" + os.sep) and not name.endswith("/.yaml") else None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAME_PARTS, layout=st.one_of(st.none(), st.lists(LAYOUT_PARTS, min_size=1, max_size=7).map("".join)))
def test_fuzz_answers_names_and_layouts_never_write_outside_out(tmp_path: Path, name: str, layout: str | None) -> None:
    """Names of dots, slashes, spaces, dashes and Unicode, layouts with .., absolute parts and
    format specs: a run succeeds inside --out or is refused with exit 2 and no traceback."""
    relative = _answers_name(name)
    if relative is None:
        return
    work = tmp_path / "work"
    shutil.rmtree(work, ignore_errors=True)  # a fresh folder for each example
    (work / "a" / "b").mkdir(parents=True)
    answers = work / relative
    answers.parent.mkdir(parents=True, exist_ok=True)
    if answers.is_dir():
        return
    answers.write_text(SHOP_TEXT, encoding="utf-8")
    out = work / "a" / "b" / "out"
    before = files_under(work, skip=out)
    argv = ["--ui-lang", "en", "build", "--out", str(out), "--format", "md", "--lang", "en", "--jobs", "1"]
    if layout is not None:
        argv += ["--layout", layout.replace("ABS", str(work / "abs"))]
    stderr = io.StringIO()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main([*argv, "--", relative])
    except SystemExit as exc:  # argparse refusing the arguments themselves
        code = exc.code
    finally:
        os.chdir(cwd)
    assert code in (0, 2), stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()
    assert files_under(work, skip=out) == before, f"written outside --out with {argv} {relative!r}"
    if code == 0:
        written = [p for p in out.rglob("*") if p.is_file() and p.name != CACHE_FILE]
        assert written and all(os.path.realpath(p).startswith(os.path.realpath(out) + os.sep) for p in written)


# -- 2. file modes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)], ids=["umask-022", "umask-027"])
def test_outputs_and_schema_get_the_mode_of_a_normal_write(tmp_path: Path, umask: int, mode: int) -> None:
    def with_umask() -> None:
        os.umask(umask)

    out = tmp_path / "out"
    assert run("build", str(SHOP), "--out", str(out), preexec_fn=with_umask).returncode == 0
    assert run("schema", "--out", str(tmp_path / "schema.json"), preexec_fn=with_umask).returncode == 0
    written = [*out.glob("shop/*/privacy.*"), tmp_path / "schema.json"]
    assert len(written) == 3 * 2 + 1  # pl, en and de in md and html, and the schema
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(mode)}


# -- 3. only regular files are read ------------------------------------------------------------------


def extending(tmp_path: Path, base: str, name: str = "child.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"extends: {base}\n" + SHOP_TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["build", "check", "diff"])
def test_extends_dev_zero_is_refused_in_bounded_memory(tmp_path: Path, command: str) -> None:
    child = extending(tmp_path, "/dev/zero")
    args = {"build": ["build", str(child), "--out", str(tmp_path / "out")], "check": ["check", str(child)]}
    result = run_bounded("--ui-lang", "en", *args.get(command, ["diff", str(child), str(SHOP)]))
    clean_refusal(result, f"{child}:1:10: extends: /dev/zero: not a regular file")


def test_the_mkdocs_plugin_does_not_read_dev_zero(tmp_path: Path) -> None:
    """The plugin loads through the build step, whose reader takes only regular files: the base is
    refused at its extends line, in bounded memory, as a plugin error (no traceback)."""
    child = extending(tmp_path, "/dev/zero")
    code = (
        "from generator.mkdocs_plugin import PrivacyPolicyPlugin\n"
        "from mkdocs.exceptions import PluginError\n"
        "plugin = PrivacyPolicyPlugin()\n"
        f"plugin.load_config({{'answers': {str(child)!r}}})\n"
        "try:\n    plugin._load()\nexcept PluginError as err:\n    print(err)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, preexec_fn=_limits,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{child}:1:10: extends: /dev/zero: not a regular file" in result.stdout


def test_named_pipes_never_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    clean_refusal(run("check", str(fifo), timeout=30), f"{fifo}: not a regular file")
    child = extending(tmp_path, "pipe.yaml")
    result = run("build", str(child), "--out", str(tmp_path / "out"), timeout=30)
    clean_refusal(result, f"{child}:1:10: extends: {fifo}: not a regular file")


def test_a_symlink_loop_is_reported_as_one(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    result = run("build", str(tmp_path / "a.yaml"), "--out", str(tmp_path / "out"))
    clean_refusal(result, f"{tmp_path / 'a.yaml'}: the path is a loop of symbolic links")
    child = extending(tmp_path, "a.yaml")
    result = run("build", str(child), "--out", str(tmp_path / "out"))
    clean_refusal(result, f"{child}:1:10: extends: {tmp_path / 'a.yaml'}: the path is a loop of symbolic links")


def test_the_parent_reads_answers_like_the_loader() -> None:
    assert batch.MAX_ANSWERS_BYTES == MAX_BYTES  # one constant (safeio), the loader reads it too


# -- 4. a damaged cache heals ----------------------------------------------------------------------


def _garbage(cache: Path) -> None:
    cache.write_bytes(b"not a database, " * 500)


def _malformed(cache: Path) -> None:
    with cache.open("r+b") as fh:  # the builds table's page; the header stays readable
        fh.seek(4096)
        fh.write(b"\xff" * 4096)


def _other_columns(cache: Path) -> None:
    cache.unlink()
    db = sqlite3.connect(cache)
    db.execute("PRAGMA user_version = 2")
    db.execute("CREATE TABLE builds (answers TEXT, digest TEXT, when_built TEXT)")
    db.commit()
    db.close()


@pytest.mark.parametrize("damage", [_garbage, _malformed, _other_columns], ids=["garbage", "malformed", "columns"])
@pytest.mark.parametrize("rebuild", [False, True], ids=["build", "rebuild"])
def test_a_damaged_cache_warns_builds_everything_and_heals(tmp_path: Path, damage, rebuild: bool) -> None:
    for n in range(3):
        (tmp_path / f"s{n}.yaml").write_text(SHOP_TEXT, encoding="utf-8")
    args = ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--format", "md", "--jobs", "1"]
    assert run(*args).returncode == 0
    damage(tmp_path / "out" / CACHE_FILE)
    result = run(*args, *(["--rebuild"] * rebuild))
    assert result.returncode == 0, result.stderr
    assert f"warning: the build cache {tmp_path / 'out' / CACHE_FILE} is damaged" in result.stderr
    assert "built: 3, unchanged: 0, failed: 0" in result.stderr
    again = run(*args)
    assert "built: 0, unchanged: 3, failed: 0" in again.stderr and "warning" not in again.stderr


def test_the_cache_warning_is_in_the_interface_language(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    _garbage(tmp_path / "out" / CACHE_FILE)
    result = run_cli("--ui-lang", "pl", "build", str(SHOP), "--out", str(tmp_path / "out"), "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "ostrzeżenie: pamięć podręczna budowania" in result.stderr and "jest uszkodzona" in result.stderr


def test_a_folder_in_place_of_the_cache_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "out" / CACHE_FILE).mkdir(parents=True)
    (tmp_path / "out" / CACHE_FILE / "keep").write_text("mine", encoding="utf-8")
    for _ in range(2):
        result = run("build", str(SHOP), "--out", str(tmp_path / "out"), "--format", "md")
        assert result.returncode == 0 and "built: 1, unchanged: 0" in result.stderr, result.stderr
        assert f"cannot use the build cache {tmp_path / 'out' / CACHE_FILE} (not a regular file)" in result.stderr
    assert (tmp_path / "out" / CACHE_FILE / "keep").read_text(encoding="utf-8") == "mine"


# -- 5. concurrent runs, outputs that cannot all be written ---------------------------------------


def test_another_runs_temporary_files_are_kept_and_dead_ones_removed(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "shop" / "en"
    folder.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    live = folder / f"{TEMP_PREFIX}privacy.md.{os.getpid()}.{'a' * 16}{TEMP_SUFFIX}"  # this process: running
    left = folder / f"{TEMP_PREFIX}privacy.md.{int(dead.stdout)}.{'b' * 16}{TEMP_SUFFIX}"
    live.write_text("half", encoding="utf-8")
    left.write_text("half", encoding="utf-8")
    assert run("build", str(SHOP), "--out", str(tmp_path / "out"), "--format", "md").returncode == 0
    assert live.exists(), "a temporary file of a run still writing was deleted"
    assert not left.exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_worker_not_yet_collected_keeps_no_temporaries(tmp_path: Path) -> None:
    """A worker killed with its run stays a zombie until someone collects it; it runs no more."""
    from generator.output import remove_stale_temporaries

    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        while Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0] != "Z":
            time.sleep(0.01)  # until it has finished (a state, not a timing)
        left = tmp_path / f"{TEMP_PREFIX}privacy.md.{pid}.{'c' * 16}{TEMP_SUFFIX}"
        left.write_text("half", encoding="utf-8")
        assert remove_stale_temporaries(tmp_path) == 1 and not left.exists()
    finally:
        os.waitpid(pid, 0)


def test_two_runs_into_one_out_both_finish_with_every_file(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(30):
        (inputs / f"c{n:02d}.yaml").write_text(SHOP_TEXT.replace("Leśne Runo", f"Leśne Runo {n}"), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "build", str(inputs), "--out", str(out), "--format", "md", "-j2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"]
    results = [(proc.wait(timeout=300), proc.stderr.read() if proc.stderr else "") for proc in runs]
    assert [code for code, _ in results] == [0, 0], results
    for n in range(30):
        for lang in ("pl", "en"):
            text = (out / f"c{n:02d}" / lang / "privacy.md").read_text(encoding="utf-8")
            assert f"Leśne Runo {n} sp. z o.o." in text and text.endswith("\n")
    assert not list(out.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))


def test_a_cache_locked_by_another_run_is_used_by_neither_and_not_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run("build", str(SHOP), "--out", str(out), "--format", "md").returncode == 0
    cache = out / CACHE_FILE
    holder = sqlite3.connect(cache, isolation_level=None)
    holder.execute("INSERT INTO builds VALUES ('/another/run.yaml', '{}')")  # the other run's own row
    monkeypatch.setattr("generator.buildcache.LOCK_TIMEOUT", 0.2, raising=False)
    holder.execute("BEGIN EXCLUSIVE")  # the other run in the middle of a write
    try:
        code = cli.main(["--ui-lang", "en", "build", str(SHOP), "--out", str(out), "--format", "md", "--rebuild"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"warning: the build cache {cache} is locked by another policygen run" in err
    rows = sqlite3.connect(cache).execute("SELECT answers FROM builds ORDER BY answers").fetchall()
    assert rows == [("/another/run.yaml",), (str(SHOP),)], "the other run's cache was deleted or changed"


def test_outputs_that_cannot_all_be_written_are_none_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "shop").mkdir(parents=True)
    (out / "shop" / "en").write_text("a file where a folder should be", encoding="utf-8")
    result = run("build", str(SHOP), "--out", str(out), "--format", "md")
    clean_refusal(result, f"{SHOP}: cannot write {out / 'shop' / 'en' / 'privacy.md'}: ", "none of its outputs")
    assert files_under(out) == {"shop/en"}, "the Polish output was written although the English one could not be"


def test_a_folder_made_by_another_run_meanwhile_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other run makes out/c05 between this run's look and its mkdir."""
    from generator.output import write_all

    real = os.mkdir

    def racing_mkdir(path: object, *args: object) -> None:
        real(path, *args)  # type: ignore[arg-type]  # the other run's
        real(path, *args)  # type: ignore[arg-type]  # ours: FileExistsError

    monkeypatch.setattr("generator.output.os.mkdir", racing_mkdir)
    write_all([(tmp_path / "out" / "c05" / "pl" / "privacy.md", "text")])
    assert (tmp_path / "out" / "c05" / "pl" / "privacy.md").read_text(encoding="utf-8") == "text"


def test_a_rename_failing_halfway_names_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import PartlyWritten, write_all

    real = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)).name == "second":
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("generator.output.os.replace", replace)
    with pytest.raises(PartlyWritten) as caught:
        write_all([(tmp_path / "first", "1"), (tmp_path / "second", "2"), (tmp_path / "third", "3")])
    assert caught.value.written == [tmp_path / "first"] and caught.value.filename == str(tmp_path / "second")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first"]  # no temporary is left


# -- 11. exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_folder_without_answers_files_is_exit_2(tmp_path: Path, command: str) -> None:
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "_defaults.yaml").write_text(SHOP_TEXT, encoding="utf-8")  # skipped: partial
    extra = ["--out", str(tmp_path / "out")] if command == "build" else []
    result = run(command, str(tmp_path / "clients"), *extra)
    clean_refusal(result, f"{tmp_path / 'clients'}: no answers files (*.yaml, *.yml) in this folder")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", ["--format", "--lang"])
def test_an_empty_format_or_language_list_is_exit_2(tmp_path: Path, option: str) -> None:
    result = run("build", str(SHOP), "--out", str(tmp_path / "out"), option, "")
    clean_refusal(result, f"{option} is empty; choose from:")
    assert not (tmp_path / "out").exists(), "nothing, not even the cache, is written"


def test_jobs_are_capped_at_the_number_of_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def fake_run(paths: object, options: object, jobs: int, **kwargs: object) -> batch.Summary:
        seen.append(jobs)
        return batch.Summary()

    monkeypatch.setattr(batch, "run", fake_run)
    for n in range(2):
        shutil.copy(SHOP, tmp_path / f"s{n}.yaml")
    assert cli.main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--jobs", "60"]) == 0
    assert seen == [2]
    for bad in ("0", "-3", "many"):
        clean_refusal(run("build", str(SHOP), "--out", str(tmp_path / "out"), "--jobs", bad), f"bad --jobs {bad}")
