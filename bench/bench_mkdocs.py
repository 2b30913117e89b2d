"""What the MkDocs plugin adds to a site build (figures, not assertions).

Run: .venv/bin/python bench/bench_mkdocs.py [--pages 20] [--runs 5]

Builds a generated site of N pages (default 20) with the default `mkdocs` theme, in process with
`mkdocs.commands.build.build`, without the plugin and with it (answers/shop.yaml, English; with
`cookie_table_only`), and prints the median and fastest wall time of each. The first build of each
kind is a warm-up (imports, theme and template loading) and is not counted; every counted build
loads mkdocs.yml afresh, as `mkdocs build` does, so the plugin reads, validates and renders the
policy each time.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for plugin in (False, True):
            config = make_site(Path(tmp) / ("with" if plugin else "without"), args.pages, plugin)
            results[plugin] = time_builds(config, args.runs)
            built = sum(1 for _ in (config.parent / "site").rglob("index.html"))
            label = "with the plugin   " if plugin else "without the plugin"
            median, fastest = statistics.median(results[plugin]) * 1000, min(results[plugin]) * 1000
            print(
                f"mkdocs build, {args.pages} pages, {label}: median {median:.0f} ms, fastest {fastest:.0f} ms "
                f"({args.runs} runs, {built} index.html pages)"
            )
    extra = statistics.median(results[True]) - statistics.median(results[False])
    print(f"the plugin adds {extra * 1000:.0f} ms per build (median against median)")


if __name__ == "__main__":
    main()
