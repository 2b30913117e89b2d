"""Issue 16's ratios, each side run interleaved with its reference in one process tree.

Run: .venv/bin/python bench/ratios.py [--runs 15] [--only NAME ...]

Each figure alternates the two commands (A, B, A, B, …) in fresh processes, so a change in the
machine's load hits both alike, and prints the medians of wall and CPU time and their ratio:

- cold: ``policygen build answers/shop.yaml --rebuild`` against ``bench/bare.py`` (Python start,
  PyYAML, Jinja2 through a one-line template, markdown-it, the same files written);
- catalogue: the same build with a catalogue ten times larger (a copy of the package with every
  entry written ten times under other ids) against the build with today's catalogue;
- version / help: ``policygen --version`` and ``--help`` against ``python -c pass``.

The compiled-template cache is warm for every policygen run (one build runs first): that is what a
user who builds twice has. The MkDocs and batch figures are in bench_mkdocs.py and bench.py.
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
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(cmd: Cmd, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(name: str, ours: Cmd, reference: Cmd, runs: int, cwd: Path = ROOT, ref_cwd: Path = ROOT) -> None:
    _run(ours, cwd), _run(reference, ref_cwd)  # warm the disk cache and the template cache
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        a.append(_run(ours, cwd))
        b.append(_run(reference, ref_cwd))
    wall_a, cpu_a = (statistics.median(x) for x in zip(*a, strict=True))
    wall_b, cpu_b = (statistics.median(x) for x in zip(*b, strict=True))
    print(
        f"{name:<10} ratio {cpu_a / cpu_b:5.2f}x CPU, {wall_a / wall_b:5.2f}x wall   "
        f"(policygen {cpu_a * 1000:.0f} ms CPU / {wall_a * 1000:.0f} ms wall; "
        f"reference {cpu_b * 1000:.0f} ms CPU / {wall_b * 1000:.0f} ms wall; median of {runs})"
    )


def _policygen(*args: str) -> Cmd:
    return [sys.executable, "-m", "generator", *args]


def cold(runs: int, tmp: Path) -> None:
    final = tmp / "final"
    subprocess.run(
        _policygen("build", str(SHOP), "--out", str(tmp / "first")), check=True, capture_output=True, env=ENV
    )
    final.mkdir()
    for lang_dir in sorted((tmp / "first" / "shop").iterdir()):
        shutil.copy(lang_dir / "privacy.md", final / f"{lang_dir.name}.md")
    ours = _policygen("build", str(SHOP), "--out", str(tmp / "ours"), "--rebuild")
    bare = [sys.executable, str(ROOT / "bench" / "bare.py"), str(SHOP), str(final), str(tmp / "bare")]
    interleaved("cold", ours, bare, runs)


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


FIGURES: dict[str, Callable[[int, Path], None]] = {"cold": cold, "catalogue": catalogue, "version": version}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=sorted(FIGURES), action="append")
    options = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        for name in options.only or list(FIGURES):
            FIGURES[name](options.runs, Path(folder))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
