"""Issue 16's ratios, each side run interleaved with its reference in one process tree.

Run: .venv/bin/python bench/ratios.py [--runs 15] [--only NAME ...] [--quick]

Each figure alternates the two commands (A, B, A, B, …) in fresh processes, so a change in the
machine's load hits both alike, and prints the medians of wall and CPU time and their ratio:

- cold: ``policygen build answers/shop.yaml --rebuild`` against ``bench/bare.py`` (Python start,
  PyYAML, Jinja2 through a one-line template, markdown-it, the same files written);
- floor: ``bench/floor.py`` (the bare reference plus the answers model imported and the answers
  validated with it: what any build that validates its answers pays) against ``bench/bare.py``;
- catalogue: the same build with a catalogue ten times larger (a copy of the package with every
  entry written ten times under other ids) against the build with today's catalogue;
- version / help: ``policygen --version``, ``--help`` and ``build --help`` against ``python -c pass``;
- mkdocs: ``mkdocs build`` of a 20-page site (bench_mkdocs.py's) with the plugin against without it,
  the policy's answers unchanged since the last build (the plugin's documents come from the user's
  cache: sitepolicy.py);
- mkdocs-edited: the same, the answers file edited before every build with the plugin (a comment
  line with the run's number: the policy is built again, the rest of the user's caches warm);
- batch: the cost per answers file of ``policygen build FOLDER --jobs 1 --rebuild`` against
  ``bench/bare_batch.py`` (the same outputs rendered from a policy derived once: templates,
  markdown-it, files written): for each side, the run over N files minus the run over one file,
  divided by N - 1 (start-up cancels out);
- jobs: the throughput of ``--jobs 2`` against ``--jobs 1`` on N files (wall time; it needs two
  idle cores).

N is 1,000 (``--batch-files``; ``--quick``: 100 files and fewer runs). The user's caches (compiled
templates, catalogs, help texts) are warm for every policygen run (each figure runs both sides once
first): that is what a user who builds twice has. bench.py has the absolute batch and memory figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOP = ROOT / "answers" / "shop.yaml"
Cmd = list[str]
#: As a user runs it: compiled modules are written and reused (a shell may have turned that off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}


def _run(cmd: Cmd, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(cmds: list[tuple[Cmd, Path]], runs: int) -> list[tuple[float, float]]:
    """Median (wall, CPU) of each command, run in turn (A, B, …, A, B, …) after one uncounted round
    (it warms the disk cache and the user's caches)."""
    for cmd, cwd in cmds:
        _run(cmd, cwd)
    times: list[list[tuple[float, float]]] = [[] for _ in cmds]
    for _ in range(runs):
        for (cmd, cwd), kept in zip(cmds, times, strict=True):
            kept.append(_run(cmd, cwd))
    return [tuple(statistics.median(x) for x in zip(*kept, strict=True)) for kept in times]  # type: ignore[misc]


def report(name: str, ours: tuple[float, float], reference: tuple[float, float], runs: int, unit: str = "") -> None:
    (wall_a, cpu_a), (wall_b, cpu_b) = ours, reference
    print(
        f"{name:<13} ratio {cpu_a / cpu_b:5.2f}x CPU, {wall_a / wall_b:5.2f}x wall   "
        f"(policygen {cpu_a * 1000:.1f} ms CPU / {wall_a * 1000:.1f} ms wall{unit}; "
        f"reference {cpu_b * 1000:.1f} ms CPU / {wall_b * 1000:.1f} ms wall{unit}; median of {runs})",
        flush=True,
    )


def interleaved(name: str, ours: Cmd, reference: Cmd, runs: int, cwd: Path = ROOT, ref_cwd: Path = ROOT) -> None:
    a, b = medians([(ours, cwd), (reference, ref_cwd)], runs)
    report(name, a, b, runs)


def _policygen(*args: str) -> Cmd:
    return [sys.executable, "-m", "generator", *args]


def cold(runs: int, tmp: Path) -> None:
    final = _final(tmp)
    ours = _policygen("build", str(SHOP), "--out", str(tmp / "ours"), "--rebuild")
    bare = [sys.executable, str(ROOT / "bench" / "bare.py"), str(SHOP), str(final), str(tmp / "bare")]
    interleaved("cold", ours, bare, runs)


def _final(tmp: Path) -> Path:
    """Each language's final Markdown of the shop, made once by policygen (the references print it)."""
    final = tmp / "final"
    if not final.is_dir():
        subprocess.run(
            _policygen("build", str(SHOP), "--out", str(tmp / "first")), check=True, capture_output=True, env=ENV
        )
        final.mkdir()
        for lang_dir in sorted((tmp / "first" / "shop").iterdir()):
            shutil.copy(lang_dir / "privacy.md", final / f"{lang_dir.name}.md")
    return final


def floor(runs: int, tmp: Path) -> None:
    final = _final(tmp)
    ours = [sys.executable, str(ROOT / "bench" / "floor.py"), str(SHOP), str(final), str(tmp / "floor")]
    bare = [sys.executable, str(ROOT / "bench" / "bare.py"), str(SHOP), str(final), str(tmp / "bare")]
    interleaved("floor", ours, bare, runs)


def catalogue(runs: int, tmp: Path) -> None:
    big = tmp / "big"
    for name in ("generator", "templates", "locales"):
        shutil.copytree(ROOT / name, big / name, ignore=shutil.ignore_patterns("__pycache__"))
    services = big / "generator" / "data" / "services"
    for source in sorted(services.glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        for n in range(9):
            copy = text.replace(f"id: {source.stem}\n", f"id: {source.stem}-x{n}\n", 1)
            (services / f"{source.stem}-x{n}.yaml").write_text(copy, encoding="utf-8")
    args = ("build", str(SHOP), "--out", str(tmp / "cat"), "--rebuild")
    interleaved("catalogue", _policygen(*args), _policygen(*args), runs, cwd=big)


def version(runs: int, tmp: Path) -> None:
    interleaved("version", _policygen("--version"), [sys.executable, "-c", "pass"], runs)
    interleaved("help", _policygen("--help"), [sys.executable, "-c", "pass"], runs)
    interleaved("build-help", _policygen("build", "--help"), [sys.executable, "-c", "pass"], runs)


def mkdocs(runs: int, tmp: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_mkdocs import make_site

    sites = {plugin: make_site(tmp / f"site-{plugin}", 20, plugin) for plugin in (True, False)}
    cmds = [([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)], c.parent) for c in sites.values()]
    ours, reference = medians(cmds, runs)
    report("mkdocs", ours, reference, runs)


def mkdocs_edited(runs: int, tmp: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_mkdocs import make_site

    sites = {plugin: make_site(tmp / f"edited-{plugin}", 20, plugin) for plugin in (True, False)}
    answers = sites[True].parent / "privacy.yaml"
    text = answers.read_text(encoding="utf-8")
    cmds = {p: [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)] for p, c in sites.items()}
    times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for run in range(runs + 1):  # the first run is not counted
        answers.write_text(f"{text}# edit {run}\n", encoding="utf-8")
        for plugin, cmd in cmds.items():
            times[plugin].append(_run(cmd, sites[plugin].parent))
    ours, reference = [tuple(statistics.median(x) for x in zip(*times[p][1:], strict=True)) for p in (True, False)]
    report("mkdocs-edited", ours, reference, runs)  # type: ignore[arg-type]


def _answers_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    source = SHOP.read_text(encoding="utf-8")
    for i in range(count):
        text = source.replace("Leśne Runo sp. z o.o.", f"Leśne Runo {i} sp. z o.o.")
        (folder / f"shop-{i:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def batch(runs: int, tmp: Path) -> None:
    many, one = _answers_folder(tmp / "many", BATCH_FILES), _answers_folder(tmp / "one", 1)
    bare = ROOT / "bench" / "bare_batch.py"
    cmds = [
        (_policygen("build", str(many), "--out", str(tmp / "o-many"), "--jobs", "1", "--rebuild"), ROOT),
        ([sys.executable, str(bare), str(many), str(tmp / "b-many")], ROOT),
        (_policygen("build", str(one), "--out", str(tmp / "o-one"), "--jobs", "1", "--rebuild"), ROOT),
        ([sys.executable, str(bare), str(one), str(tmp / "b-one")], ROOT),
    ]
    ours_n, bare_n, ours_1, bare_1 = medians(cmds, BATCH_RUNS)

    def per_file(n: tuple[float, float], one: tuple[float, float]) -> tuple[float, float]:
        return ((n[0] - one[0]) / (BATCH_FILES - 1), (n[1] - one[1]) / (BATCH_FILES - 1))

    report("batch", per_file(ours_n, ours_1), per_file(bare_n, bare_1), BATCH_RUNS, unit=" per file")
    print(f"           ({BATCH_FILES} files: policygen {ours_n[0]:.1f} s wall, bare {bare_n[0]:.1f} s wall)")


def jobs(runs: int, tmp: Path) -> None:
    many = _answers_folder(tmp / "jobs", BATCH_FILES)
    cmds = [
        (_policygen("build", str(many), "--out", str(tmp / f"j{n}"), "--jobs", str(n), "--rebuild"), ROOT)
        for n in (2, 1)
    ]
    (wall_2, cpu_2), (wall_1, cpu_1) = medians(cmds, BATCH_RUNS)
    print(
        f"{'jobs':<10} --jobs 2 has {wall_1 / wall_2:4.2f}x the throughput of --jobs 1 on {BATCH_FILES} files "
        f"({BATCH_FILES / wall_2:.1f} / {BATCH_FILES / wall_1:.1f} files/s; CPU {cpu_2:.1f} s / {cpu_1:.1f} s; "
        f"median of {BATCH_RUNS})",
        flush=True,
    )


FIGURES: dict[str, Callable[[int, Path], None]] = {
    "cold": cold,
    "floor": floor,
    "catalogue": catalogue,
    "version": version,
    "mkdocs": mkdocs,
    "mkdocs-edited": mkdocs_edited,
    "batch": batch,
    "jobs": jobs,
}
BATCH_FILES, BATCH_RUNS = 1000, 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=sorted(FIGURES), action="append")
    parser.add_argument("--batch-files", type=int, default=1000, help="answers files for batch and jobs")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each side for batch and jobs")
    parser.add_argument("--quick", action="store_true", help="100 files, 7 runs, 1 batch run: for development")
    options = parser.parse_args()
    global BATCH_FILES, BATCH_RUNS
    BATCH_FILES, BATCH_RUNS = options.batch_files, options.batch_runs
    if options.quick:
        BATCH_FILES, BATCH_RUNS, options.runs = 100, 1, 7
    cpu = platform.processor() or platform.machine()
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for name in options.only or list(FIGURES):
            FIGURES[name](options.runs, Path(folder))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
