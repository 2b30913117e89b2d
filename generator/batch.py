"""Batch builds: many answers files, in parallel, each written on its own (a front door).

Every file is validated and rendered completely before any of its outputs is written, and each
output is written atomically; a broken file only affects itself. A small cache in the output
directory records a content hash per answers file, so unchanged inputs are skipped.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import AnswersError, UsageError
from .output import remove_stale_temporaries, write_atomic
from .resources import data_dir, locales_dir, templates_dir

if TYPE_CHECKING:
    from .frontmatter import FrontMatter

DEFAULT_LAYOUT = "{name}/{lang}/privacy.{ext}"
CACHE_FILE = ".policygen-cache.json"
EXTENSIONS = {"md": "md", "html": "html", "fragment": "fragment.html"}


@dataclass(frozen=True)
class Options:
    out: Path
    langs: tuple[str, ...] | None
    formats: tuple[str, ...]
    layout: str = DEFAULT_LAYOUT
    front_matter: FrontMatter | None = None
    ui_lang: str = "en"
    rebuild: bool = False
    force: bool = False  # build even when `check` finds errors
    templates: Path | None = None  # overlay directory from the command line


@dataclass(frozen=True)
class Result:
    path: str
    status: str  # "built", "unchanged", "failed"
    written: tuple[str, ...] = ()
    error: str = ""
    digest: str = ""


@dataclass
class Summary:
    built: list[Result] = field(default_factory=list)
    unchanged: list[Result] = field(default_factory=list)
    failed: list[Result] = field(default_factory=list)

    def add(self, result: Result) -> None:
        getattr(self, result.status).append(result)

    @property
    def total(self) -> int:
        return len(self.built) + len(self.unchanged) + len(self.failed)


def expand_inputs(items: Iterable[str]) -> list[Path]:
    """Files as given, directories searched for *.yaml / *.yml, glob patterns expanded; sorted, unique."""
    found: dict[Path, None] = {}
    for item in items:
        if any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise UsageError(f"{item}: no file matches this pattern")
            found.update((Path(m), None) for m in matches if Path(m).is_file())
        elif Path(item).is_dir():
            for pattern in ("*.yaml", "*.yml"):
                found.update((p, None) for p in sorted(Path(item).rglob(pattern)))
        else:
            found[Path(item)] = None
    names: dict[str, Path] = {}
    for path in found:
        if path.stem in names:
            raise UsageError(f"{path} and {names[path.stem]} would write to the same output folder {path.stem!r}")
        names[path.stem] = path
    return list(found)


@cache
def engine_digest() -> str:
    """A hash of everything besides the answers that shapes the output: code version, templates,
    catalogs and data."""
    h = hashlib.sha256(__version__.encode())
    for root in (templates_dir(), locales_dir(), data_dir(), Path(__file__).parent):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".j2", ".po", ".yaml", ".json", ".html", ".css", ".py"}:
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def input_digest(path: Path, options: Options) -> str:
    h = hashlib.sha256(engine_digest().encode())
    h.update(path.read_bytes())
    settings = (options.langs, options.formats, options.layout, options.front_matter, options.force, options.templates)
    h.update(repr(settings).encode())
    return h.hexdigest()


def build_one(path: Path, options: Options, previous: dict | None) -> Result:
    """Build one answers file: validate and render everything, then write it. Never raises for user errors."""
    from .api import check_answers, overlay_for, render
    from .render import TemplateProblem

    try:
        digest = input_digest(path, options)
    except OSError:
        digest = ""  # unreadable: loading it below reports the problem in the user's language
    if previous and previous.get("digest") == digest and not options.rebuild:
        files = tuple(previous.get("files", ()))
        if files and all(Path(f).is_file() for f in files):
            return Result(str(path), "unchanged", files, digest=digest)
    try:
        answers, policy, findings = check_answers(path, options.ui_lang)
    except AnswersError as exc:
        return Result(str(path), "failed", error=str(exc))
    errors = [f for f in findings if f.severity == "error"]
    if errors and not options.force:
        return Result(str(path), "failed", error="\n".join(str(f) for f in errors))
    langs = options.langs or tuple(answers.languages)
    missing = [lang for lang in langs if lang not in answers.languages]
    if missing:
        return Result(str(path), "failed", error=f"{path}: languages does not include {', '.join(missing)}")
    outputs: list[tuple[Path, str]] = []
    overlay = overlay_for(answers, path, options.templates)
    try:
        rendered_all = [
            render(policy, lang, fmt, options.front_matter if fmt == "md" else None, overlay)
            for lang in langs
            for fmt in options.formats
        ]
    except TemplateProblem as exc:
        return Result(str(path), "failed", error=exc.localized(options.ui_lang))
    for rendered in rendered_all:
        relative = options.layout.format(name=path.stem, lang=rendered.lang, ext=EXTENSIONS[rendered.fmt])
        outputs.append((options.out / relative, rendered.text))
    for target, text in outputs:
        write_atomic(target, text)
    return Result(str(path), "built", tuple(str(t) for t, _ in outputs), digest=digest)


def _worker(args: tuple[Path, Options, dict | None]) -> Result:
    return build_one(*args)


def load_cache(out: Path) -> dict[str, dict]:
    try:
        data = json.loads((out / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def run(
    paths: list[Path],
    options: Options,
    jobs: int,
    fail_fast: bool = False,
    on_result: Callable[[Result], None] | None = None,
) -> Summary:
    """Build every path with ``jobs`` worker processes (1: in this process)."""
    remove_stale_temporaries(options.out)
    cache_data = load_cache(options.out)
    summary = Summary()
    tasks = ((p, options, cache_data.get(str(p.resolve()))) for p in paths)
    results = _serial(tasks) if jobs <= 1 else _parallel(tasks, jobs)
    try:
        for result in results:
            summary.add(result)
            if result.digest and result.status != "failed":
                cache_data[str(Path(result.path).resolve())] = {"digest": result.digest, "files": list(result.written)}
            if on_result:
                on_result(result)
            if fail_fast and result.status == "failed":
                break
    finally:
        results.close()
        if summary.built:
            write_atomic(options.out / CACHE_FILE, json.dumps(cache_data, indent=0, sort_keys=True))
    return summary


def _serial(tasks: Iterator[tuple[Path, Options, dict | None]]) -> Iterator[Result]:
    for task in tasks:
        yield _worker(task)


def _parallel(tasks: Iterator[tuple[Path, Options, dict | None]], jobs: int) -> Iterator[Result]:
    # A bounded window of pending work keeps memory flat however many files there are.
    window = jobs * 4
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: set[Future[Result]] = set()
        try:
            for task in tasks:
                pending.add(pool.submit(_worker, task))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (f.result() for f in sorted(done, key=id))
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in sorted(done, key=id))
        finally:
            for future in pending:
                future.cancel()


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream=sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = stream.isatty() and total > 1

    def update(self, result: Result) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
