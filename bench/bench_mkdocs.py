"""What the MkDocs plugin adds to a site build (figures, not assertions).

Run: .venv/bin/python bench/bench_mkdocs.py [--pages 20] [--runs 5] [--cold-runs 7]

Builds a generated site of N pages (default 20) with the default `mkdocs` theme, without the plugin
and with it (answers/shop.yaml, English; with `cookie_table_only`), two ways:

- warm, in process, with `mkdocs.commands.build.build`: the first build of each kind is a warm-up
  (imports, theme and template loading) and is not counted; every counted build loads mkdocs.yml
  afresh, so the plugin reads, checks and renders the policy each time. This is the cost of a
  rebuild under `mkdocs serve`.
- cold, as a user runs it: `python -m mkdocs build` in a new process each time (interpreter start,
  MkDocs and, with the plugin, policygen's imports: pydantic, Babel, Jinja2, the catalogue). Runs
  with and without the plugin alternate, so a change in machine load hits both alike.

It prints the median and fastest of each, and the machine (cores, CPU, load average before and
after), since the figures move with load.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.\n\n"
)


def make_site(directory: Path, pages: int, plugin: bool) -> Path:
    docs = directory / "docs"
    docs.mkdir(parents=True)
    for n in range(pages):
        body = "".join(f"## Section {n}.{s}\n\n{PARAGRAPH * 3}| a | b |\n|---|---|\n| 1 | 2 |\n\n" for s in range(6))
        (docs / ("index.md" if n == 0 else f"page-{n:02}.md")).write_text(f"# Page {n}\n\n{body}", encoding="utf-8")
    config = "site_name: Bench\ntheme:\n  name: mkdocs\nplugins:\n  - search\n"
    if plugin:
        shutil.copyfile(ROOT / "answers" / "shop.yaml", directory / "privacy.yaml")
        config += (
            "  - privacy-policy:\n"
            "      answers: privacy.yaml\n"
            "      languages: [en]\n"
            "      cookie_table_only: cookies.md\n"
        )
    (directory / "mkdocs.yml").write_text(config, encoding="utf-8")
    return directory / "mkdocs.yml"


def time_builds(config_file: Path, runs: int) -> list[float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    times = []
    for _ in range(runs + 1):  # the first is a warm-up
        start = time.perf_counter()
        build(load_config(str(config_file)))
        times.append(time.perf_counter() - start)
    return times[1:]


def time_cold_builds(configs: dict[bool, Path], runs: int) -> dict[bool, list[float]]:
    """``python -m mkdocs build`` in a fresh process, alternating the sites; one uncounted run each
    first (it fills the OS file cache and writes the bytecode caches)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    times: dict[bool, list[float]] = {False: [], True: []}
    for run in range(runs + 1):
        for plugin, config in configs.items():
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
            start = time.perf_counter()
            subprocess.run(cmd, cwd=config.parent, env=env, check=True, capture_output=True)
            if run:
                times[plugin].append(time.perf_counter() - start)
    return times


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from mkdocs import __version__ as mkdocs_version

    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, MkDocs {mkdocs_version}"


def load() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def report(kind: str, pages: int, results: dict[bool, list[float]], built: dict[bool, int]) -> None:
    for plugin in (False, True):
        label = "with the plugin   " if plugin else "without the plugin"
        median, fastest = statistics.median(results[plugin]) * 1000, min(results[plugin]) * 1000
        print(
            f"{kind}: {pages} pages, {label}: median {median:.0f} ms, fastest {fastest:.0f} ms "
            f"({len(results[plugin])} runs, {built[plugin]} index.html pages)"
        )
    extra = statistics.median(results[True]) - statistics.median(results[False])
    print(f"{kind}: the plugin adds {extra * 1000:.0f} ms per build (median against median)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5, help="warm in-process builds of each kind")
    parser.add_argument("--cold-runs", type=int, default=7, help="`mkdocs build` processes of each kind")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    print(f"machine: {machine()}; load average (1/5/15 min) before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        configs = {
            plugin: make_site(Path(tmp) / ("with" if plugin else "without"), args.pages, plugin)
            for plugin in (False, True)
        }
        warm = {plugin: time_builds(config, args.runs) for plugin, config in configs.items()}
        built = {plugin: sum(1 for _ in (c.parent / "site").rglob("index.html")) for plugin, c in configs.items()}
        report("warm, in process", args.pages, warm, built)
        cold = time_cold_builds(configs, args.cold_runs)
        report("cold, `mkdocs build` process", args.pages, cold, built)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
