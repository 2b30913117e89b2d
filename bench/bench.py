"""Benchmarks (figures, not assertions). Run: .venv/bin/python bench/bench.py [--files N]

Prints:
1. cold start: `policygen --version` against `python -c pass`;
2. one full build of answers/shop.yaml (2 languages × 2 formats), first call and warm;
3. per-file cost over N generated answers files (default 1,000): the full pipeline (read, validate,
   derive, render PL+EN as Markdown and HTML) against a bare Jinja2 + markdown-it render of the
   same templates from an already derived policy (no validation, no derive, no escaping);
4. `policygen build` of a tenth of M and of M files (--batch-files, default 10,000), 1 job and all
   cores, everything built and then everything unchanged: time and the peak RSS of the parent and
   of the largest worker (a long run: about 10 minutes per 10,000 files and job count on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed_runs(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(runs: int) -> None:
    base = timed_runs([sys.executable, "-c", "pass"], runs)
    version = timed_runs([sys.executable, "-m", "generator", "--version"], runs)
    print(
        f"cold start (median of {runs}): python -c pass {base * 1000:.0f} ms, "
        f"python -m generator --version {version * 1000:.0f} ms (+{(version - base) * 1000:.0f} ms)"
    )
    # The console script the README tells people to run, next to this interpreter when installed.
    script = Path(sys.executable).with_name("policygen")
    if script.exists():
        console = timed_runs([str(script), "--version"], runs)
        print(f"cold start (median of {runs}): policygen --version {console * 1000:.0f} ms")


def full_build() -> None:
    from generator.api import build_policy, load_answers, render

    path = ROOT / "answers" / "shop.yaml"
    for label in ("first call (imports, catalogue, templates)", "warm"):
        start = time.perf_counter()
        policy = build_policy(load_answers(path))
        for lang in ("pl", "en"):
            for fmt in ("md", "html"):
                render(policy, lang, fmt)
        print(
            f"full build of shop.yaml, 2 languages x 2 formats, {label}: {(time.perf_counter() - start) * 1000:.1f} ms"
        )


def generate(directory: Path, count: int) -> list[Path]:
    source = (ROOT / "answers" / "shop.yaml").read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        text = source.replace("Leśne Runo sp. z o.o.", f"Leśne Runo {i} sp. z o.o.").replace(
            "log_retention_days: 30", f"log_retention_days: {30 + i % 60}"
        )
        path = directory / f"shop-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def per_file(count: int) -> None:
    from markdown_it import MarkdownIt

    from generator.api import build_policy, load_answers, render
    from generator.render import environment

    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), count)
        start = time.perf_counter()
        for path in paths:
            policy = build_policy(load_answers(path))
            for lang in ("pl", "en"):
                for fmt in ("md", "html"):
                    render(policy, lang, fmt)
        ours = (time.perf_counter() - start) / count

    policy = build_policy(load_answers(ROOT / "answers" / "shop.yaml"))
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # The same section templates through the same (compiled) environment; no validation, no
    # derivation, no document structure (as bench/bare_batch.py).
    bare = {lang: [environment(lang).get_template(f"{s}.md.j2") for s in policy.sections] for lang in ("pl", "en")}
    start = time.perf_counter()
    for _ in range(count):
        for lang in ("pl", "en"):
            text = "\n\n".join(t.render(policy=policy) for t in bare[lang])
            md.render(text)
    baseline = (time.perf_counter() - start) / count
    print(
        f"per answers file over {count} files (PL+EN, md+html): policygen {ours * 1000:.2f} ms, "
        f"bare Jinja2 + markdown-it render {baseline * 1000:.2f} ms, ratio {ours / baseline:.2f}x"
    )


#: Runs ``policygen`` in this (fresh) process, then prints its own peak RSS (the parent of the
#: build) and the largest peak RSS among the worker processes it waited for, in KiB. The parent's
#: is VmHWM of /proc/self/status: on Linux ``ru_maxrss`` of RUSAGE_SELF keeps the peak of the
#: process that started it (this benchmark, with everything imported) across ``exec``.
RSS_WRAPPER = """\
import json, os, resource, sys
from generator.cli import main
sys.stdout = open(os.devnull, "w")
code = main(sys.argv[1:])
sys.stdout.flush()
try:
    with open("/proc/self/status") as fh:
        parent = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest single child
print(json.dumps({"code": code, "parent": parent, "worker": worker}), file=sys.stderr)
"""


def batch(count: int) -> None:
    """`policygen build` over a tenth of ``count`` files and over ``count`` files, with 1 job and with
    all cores, each run twice into the same output (first everything is built, then everything is
    unchanged). Memory is the peak RSS of the parent process and of the largest worker, each run in a
    fresh process; it should not grow with the number of files."""
    import json

    from generator.batch import default_jobs

    cores = default_jobs()
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted({max(1, count // 10), count}):
            folder = Path(tmp) / f"in-{n}"
            folder.mkdir()
            generate(folder, n)
            for jobs in sorted({1, cores}):
                out = Path(tmp) / f"out-{n}-{jobs}"
                for label in ("built", "unchanged"):
                    cmd = ["build", str(folder), "--out", str(out), "--jobs", str(jobs)]
                    start = time.perf_counter()
                    done = subprocess.run(
                        [sys.executable, "-c", RSS_WRAPPER, *cmd], capture_output=True, text=True, cwd=ROOT
                    )
                    seconds = time.perf_counter() - start
                    figures = json.loads(done.stderr.strip().splitlines()[-1])
                    assert figures["code"] == 0, done.stderr
                    parent, worker = figures["parent"] / 1024, figures["worker"] / 1024
                    workers = f", largest worker {worker:.0f} MB" if worker else ""
                    total = f", at most {parent + jobs * worker:.0f} MB in all" if worker else ""
                    print(
                        f"batch build of {n} files (PL+EN, md+html), --jobs {jobs}, all {label}: {seconds:.1f} s "
                        f"({n / seconds:.0f} files/s); peak RSS parent {parent:.0f} MB{workers}{total}",
                        flush=True,
                    )
            shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="answers files for the per-file figure")
    parser.add_argument("--batch-files", type=int, default=10_000, help="answers files for the batch figures")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=("cold", "build", "per-file", "batch"), action="append")
    args = parser.parse_args()
    parts = set(args.only or ("cold", "build", "per-file", "batch"))
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    if "cold" in parts:
        cold_start(args.runs)
    if "build" in parts:
        full_build()
    if "per-file" in parts:
        per_file(args.files)
    if "batch" in parts:
        batch(args.batch_files)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
