"""Batch builds: many answers files, in parallel, each written on its own (a front door).

Every file is validated and rendered completely before any of its outputs is written, and each
output is written atomically; a broken file only affects itself. The parent process decides from
the cache (``buildcache.py``) which files are unchanged, and sends only the others to the worker
processes. Results come back in input order through a bounded window and are handed on one by
one: besides the list of input paths (kept as plain strings), the run keeps counts and failures
only, so memory does not grow with the number of files built or skipped.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import os
import sys
import traceback
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, overload

from .buildcache import BuildCache, Entry
from .engine import engine_digest
from .errors import PolicygenError, UsageError
from .i18n import N_, gettext_for
from .languages import SOURCE
from .output import PartlyWritten, remove_stale_temporaries, write_all
from .paths import DEFAULT_LAYOUT, tree_digest
from .safeio import MAX_ANSWERS_BYTES, InputFileError, file_digest

if TYPE_CHECKING:
    from .frontmatter import FrontMatter

#: Libraries whose version can change the output (Babel also brings the CLDR data).

MSG_CANNOT_WRITE = N_("%(file)s: cannot write %(path)s: %(reason)s; none of its outputs was written")
MSG_PARTLY_WRITTEN = N_(
    "%(file)s: cannot write %(path)s: %(reason)s; only these of its outputs were written: %(written)s"
)
MSG_NO_FILE_MATCHES = N_("%(pattern)s: no file matches this pattern; check the path and the spelling")
MSG_NO_ANSWERS_FILES = N_(
    "%(dir)s: no answers files (*.yaml, *.yml) in this folder or below it (names starting with _ or . are skipped)"
)


@dataclass(frozen=True)
class Options:
    out: Path
    langs: tuple[str, ...] | None
    formats: tuple[str, ...]
    layout: str = DEFAULT_LAYOUT
    front_matter: FrontMatter | None = None
    ui_lang: str = SOURCE
    rebuild: bool = False
    force: bool = False  # build even when `check` finds errors
    templates: Path | None = None  # overlay directory from the command line
    flavour: str = "attrs"  # Markdown flavour (document.FLAVOURS)
    banner: bool = False  # the consent banner inlined into the HTML pages
    extras: tuple[str, ...] = ()  # extra outputs (extras.py), `--with`


@dataclass(frozen=True)
class Result:
    path: str
    status: str  # "built", "unchanged", "failed"
    written: tuple[str, ...] = ()
    error: str = ""
    internal: bool = False  # failed because of a bug in policygen: ``error`` holds the traceback
    # A built file: what it read (absolute path, SHA-256 of the bytes), for the cache.
    sources: tuple[tuple[str, str], ...] = ()
    overlay: str | None = None
    overlay_digest: str = ""


@dataclass
class Summary:
    """Counts, and the failures themselves (the only results kept)."""

    built: int = 0
    unchanged: int = 0
    failed: list[Result] = field(default_factory=list)

    def add(self, result: Result) -> None:
        if result.status == "failed":
            self.failed.append(result)
        elif result.status == "built":
            self.built += 1
        else:
            self.unchanged += 1

    @property
    def total(self) -> int:
        return self.built + self.unchanged + len(self.failed)

    @property
    def internal(self) -> int:
        return sum(1 for r in self.failed if r.internal)


class Inputs(Sequence[Path]):
    """The answers files of a run: a list of paths kept as plain strings (a third of the memory of
    ``Path`` objects, which matters at tens of thousands of files), handed out as ``Path``."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._paths = list(paths)

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [Path(p) for p in self._paths[index]]
        return Path(self._paths[index])

    def __iter__(self) -> Iterator[Path]:
        return (Path(p) for p in self._paths)

    def names(self) -> list[str]:
        return self._paths

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def expand_inputs(items: Iterable[str], ui: str = SOURCE) -> Inputs:
    """Files as given, directories searched for *.yaml / *.yml, glob patterns expanded; unique,
    in the order given (each directory and pattern sorted).

    Expanding a directory or a pattern skips partial files: a name starting with ``_`` or ``.``
    (``_common.yaml``, used only through ``extends``), and in a directory anything inside a folder
    so named (linked folders are not followed). A pattern whose own last part starts with ``_``
    (``clients/_*.yaml``) and a file named on its own are always taken."""
    items = list(items)
    found: dict[str, None] | list[str] = {} if len(items) > 1 else []  # one item has no duplicates
    for item in items:
        if any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise UsageError(gettext_for(ui, MSG_NO_FILE_MATCHES) % {"pattern": item})
            pattern = Path(item).parts
            literal = next((i for i, part in enumerate(pattern) if any(ch in part for ch in "*?[")), len(pattern))
            explicit = _partial(pattern[-1])  # clients/_*.yaml asks for partial files
            files = [
                str(Path(m))
                for m in matches
                if Path(m).is_file() and (explicit or not any(map(_partial, Path(m).parts[literal:])))
            ]
            if not files:
                raise UsageError(gettext_for(ui, MSG_NO_FILE_MATCHES) % {"pattern": item})
            _add(found, files)
        elif Path(item).is_dir():
            below = _answers_below(str(Path(item)))
            if not below:
                raise UsageError(gettext_for(ui, MSG_NO_ANSWERS_FILES) % {"dir": item})
            _add(found, below)
        else:
            _add(found, [str(Path(item))])
    return Inputs(found)


def _add(found: dict[str, None] | list[str], names: Iterable[str]) -> None:
    if isinstance(found, dict):
        found.update(dict.fromkeys(names))
    else:
        found.extend(names)


def _answers_below(root: str) -> list[str]:
    """Every *.yaml / *.yml file below ``root`` that is not partial, in the order of their path
    parts (each folder's names sorted, folders entered in place).

    Plain strings from ``os.scandir``: ``Path.rglob`` and sorting ``Path`` objects cost several
    times the memory at tens of thousands of files. Linked folders are not followed (no loops)."""
    names: list[str] = []
    folders: set[str] = set()
    with os.scandir(root) as listing:
        for entry in listing:
            if _partial(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.add(entry.name)
                names.append(entry.name)
            elif entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                names.append(entry.name)
    found: list[str] = []
    for name in sorted(names):
        path = os.path.join(root, name)
        if name in folders:
            found += _answers_below(path)
        else:
            found.append(path)
    return found


def _partial(name: str) -> bool:
    return name.startswith(("_", "."))


def output_clash(paths: Sequence[Path], layout: str) -> tuple[Path, Path, str] | None:
    """Two inputs that ``layout`` would write to the same place (the first such pair and that
    place, with ``{lang}`` and ``{ext}`` left in), or None."""
    names = paths.names() if isinstance(paths, Inputs) else [str(p) for p in paths]

    def place(name: str) -> str:
        stem = os.path.splitext(os.path.basename(name))[0]  # Path(name).stem, without a Path object
        return layout.format(name=stem, lang="{lang}", ext="{ext}")

    # 8 bytes per file, sorted to find repeated hashes; only files with one of those are compared.
    ordered = sorted(array("q", (hash(place(name)) for name in names)))
    repeated = {a for a, b in itertools.pairwise(ordered) if a == b}
    del ordered
    first: dict[str, str] = {}
    for name in names:
        here = place(name)
        if hash(here) in repeated:
            if here in first:
                return Path(first[here]), Path(name), here
            first[here] = name
    return None


def options_digest(options: Options) -> str:
    """The engine and every option that shapes the output, in one hash."""
    templates = str(options.templates.resolve()) if options.templates is not None else None
    settings = (options.langs, options.formats, options.layout, options.front_matter, options.force, templates)
    if options.flavour != "attrs":  # the digest of every earlier build (attrs) stays the same
        settings += (options.flavour,)
    if options.banner:
        settings += ("banner",)
    if options.extras:  # likewise without --with
        settings += (("with", options.extras),)
    return hashlib.sha256(f"{engine_digest()}\0{settings!r}".encode()).hexdigest()


def build_digest(base: str, sources: Iterable[tuple[str, str]], overlay_digest: str) -> str:
    """The digest a build is cached under: ``options_digest``, each file read, the overlay."""
    h = hashlib.sha256(base.encode())
    for path, sha in sources:
        h.update(f"\0{path}\0{sha}".encode())
    h.update(f"\0{overlay_digest}".encode())
    return h.hexdigest()


def _say(ui_lang: str, msg: str, **params: object) -> str:
    return gettext_for(ui_lang, msg) % params


MSG_BAD_EXTRA = N_("unknown output %(value)s for --with; choose from: %(choices)s")


def extras_option(values: Sequence[str], ui: str = SOURCE) -> tuple[str, ...]:
    """``--with`` checked against the registry of extra outputs (extras.py), duplicates dropped."""
    from .extras import names

    for value in values:
        if value not in names():
            raise UsageError(_say(ui, MSG_BAD_EXTRA, value=value, choices=", ".join(names())))
    return tuple(dict.fromkeys(values))


def build_one(path: Path, options: Options) -> Result:
    """Build one answers file: validate and render everything, then write it.

    Never raises: a user error is a failed result with its message, a bug a failed result with
    its traceback (``internal``)."""
    try:
        return _build_one(path, options)
    except Exception:
        return Result(str(path), "failed", error=traceback.format_exc().rstrip(), internal=True)


def _build_one(path: Path, options: Options) -> Result:
    from .build import BuildOptions, build

    ui = options.ui_lang
    settings = BuildOptions(
        options.langs,
        options.formats,
        options.front_matter,
        options.templates,
        options.force,
        ui,
        options.flavour,
        banner=options.banner,
    )
    try:
        built = build(path, settings)
        outputs: dict[Path, str | bytes] = {**built.place(options.out, options.layout, ui)}
        if options.extras:
            outputs.update(built.place_extras(options.out, options.extras, options.layout, ui))
    except PolicygenError as exc:  # AnswersError, BuildProblem: located, in the interface language
        return Result(str(path), "failed", error=str(exc))
    failed = _write(path, outputs, ui)
    if failed is not None:
        return failed
    return Result(
        str(path),
        "built",
        tuple(str(t) for t in outputs),
        sources=built.sources,
        overlay=str(built.overlay) if built.overlay is not None else None,
        overlay_digest=built.overlay_digest,
    )


def _write(path: Path, outputs: dict[Path, str | bytes], ui: str) -> Result | None:
    """Write one answers file's outputs, all or none (``output.write_all``); a failed result if not."""
    try:
        write_all(list(outputs.items()))
    except PartlyWritten as exc:
        written = ", ".join(str(p) for p in exc.written)
        reason = exc.strerror or str(exc)
        text = _say(ui, MSG_PARTLY_WRITTEN, file=path, path=exc.filename, reason=reason, written=written)
        return Result(str(path), "failed", written=tuple(str(p) for p in exc.written), error=text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        target = exc.filename or next(iter(outputs), "")
        return Result(str(path), "failed", error=_say(ui, MSG_CANNOT_WRITE, file=path, path=target, reason=reason))
    return None


class Run:
    """One batch run: which files are unchanged (decided here, in this process), the rest built by
    ``jobs`` workers (1: in this process), results in input order."""

    def __init__(self, options: Options, jobs: int, on_warning: Callable[[str], None] | None = None) -> None:
        self.options = options
        self.jobs = jobs
        self.cache = BuildCache(options.out, options.ui_lang, on_warning)
        self.stopping = False
        self._overlay_digest = lru_cache(maxsize=64)(_overlay_digest_or_none)

    def results(self, paths: Iterable[Path]) -> Iterator[Result]:
        """Each path's result, in order; after ``stop()`` no new file is started, and the files
        already being built are still reported (they are written)."""
        window_size = max(self.jobs * 4, 8)
        window: deque[tuple[Path, Future[Result] | Result]] = deque()
        pending = 0
        pool: Executor | None = None
        try:
            for path in paths:
                if self.stopping:
                    break
                item: Future[Result] | Result | None = self._unchanged(path)
                if item is None and self.jobs <= 1:
                    item = build_one(path, self.options)
                elif item is None:
                    pool = pool or _pool(self.jobs)
                    item = self._submit(pool, path)
                    pending += 1
                window.append((path, item))
                while window and (
                    not isinstance(window[0][1], Future)
                    or window[0][1].done()
                    or pending >= window_size
                    or len(window) > 4 * window_size
                ):
                    done_path, done = window.popleft()
                    if isinstance(done, Future):
                        pending -= 1
                    yield from self._finish(done_path, done)
            while window:
                done_path, done = window.popleft()
                yield from self._finish(done_path, done)
        finally:
            for _, item in window:
                if isinstance(item, Future):
                    item.cancel()
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            self.cache.close()

    def stop(self) -> None:
        self.stopping = True

    def _finish(self, path: Path, item: Future[Result] | Result) -> Iterator[Result]:
        if isinstance(item, Future):
            if self.stopping and item.cancel():
                return  # not started: nothing was written
            try:
                result = item.result()
            except Exception as exc:  # a worker that died, a result that could not be sent back
                if _broken_pool(exc):
                    self.stop()  # no worker is left to build the rest
                result = Result(str(path), "failed", error=traceback.format_exc().rstrip(), internal=True)
        else:
            result = item
        if result.status == "built":
            self._remember(path, result)
        yield result

    def _submit(self, pool: Executor, path: Path) -> Future[Result]:
        try:
            return pool.submit(build_one, path, self.options)
        except Exception:  # a broken pool: this file fails with the reason, and no other is started
            self.stop()
            failed: Future[Result] = Future()
            failed.set_result(Result(str(path), "failed", error=traceback.format_exc().rstrip(), internal=True))
            return failed

    @cached_property
    def _base_digest(self) -> str:
        return options_digest(self.options)

    def _key(self, path: Path) -> str:
        return os.path.realpath(path)  # what the loader records (str(Path.resolve()))

    def _unchanged(self, path: Path) -> Result | None:
        """A cached build whose inputs and outputs are all still as they were. Plain strings
        and ``os.path`` here: this runs for every file, and ``Path`` objects cost memory."""
        if self.options.rebuild:
            return None
        key = self._key(path)
        entry = self.cache.get(key)
        if entry is None or not entry.sources or entry.sources[0] != key:
            return None
        sources = [(source, _file_digest(source)) for source in entry.sources]
        overlay_digest = self._overlay_digest(entry.overlay) if entry.overlay is not None else ""
        if overlay_digest is None or any(sha is None for _, sha in sources):
            return None  # built again, which reports what is wrong with the file
        if build_digest(self._base_digest, sources, overlay_digest) != entry.digest:
            return None
        out = str(self.options.out)
        outputs = tuple(os.path.join(out, relative) for relative in entry.outputs)
        if not outputs or not all(map(os.path.isfile, outputs)):
            return None
        return Result(str(path), "unchanged", outputs)

    def _remember(self, path: Path, result: Result) -> None:
        if not result.sources:
            return
        digest = build_digest(self._base_digest, result.sources, result.overlay_digest)
        outputs = tuple(os.path.relpath(target, self.options.out) for target in result.written)
        entry = Entry(digest, tuple(source for source, _ in result.sources), result.overlay, outputs)
        self.cache.put(self._key(path), entry)


def _file_digest(path: str) -> str | None:
    """The SHA-256 of a file's bytes, as the loader records it (None: no longer a regular file of
    answers-file size). The loader is not imported: this process stays light."""
    return file_digest(path, MAX_ANSWERS_BYTES)


def _overlay_digest_or_none(directory: str) -> str | None:
    try:
        return tree_digest(Path(directory))
    except InputFileError:
        return None


def run(
    paths: Iterable[Path],
    options: Options,
    jobs: int,
    fail_fast: bool = False,
    on_result: Callable[[Result], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Summary:
    """Build every path with ``jobs`` worker processes (1: in this process); ``on_result`` sees
    each result as it comes, in input order; ``on_warning`` each warning (a damaged cache)."""
    remove_stale_temporaries(options.out)
    summary = Summary()
    batch = Run(options, jobs, on_warning)
    results = batch.results(paths)
    try:
        for result in results:
            summary.add(result)
            if on_result:
                on_result(result)
            if fail_fast and result.status == "failed":
                batch.stop()  # the files already being built are still collected and counted
    finally:
        results.close()
    return summary


class Progress:
    """A one-line progress bar on a terminal; silent otherwise. Lines printed through ``line``
    do not get mixed into the bar."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = stream.isatty() and total > 1
        self.drawn = False

    def update(self, result: Result) -> None:
        self.done += 1
        if self.enabled:
            self._draw()

    def line(self, text: str, stream: TextIO = sys.stdout) -> None:
        """Print ``text`` above the bar."""
        if self.drawn and stream.isatty():
            self.stream.write("\r\033[K")
            self.stream.flush()
            print(text, file=stream, flush=True)
            self._draw()
        else:
            print(text, file=stream)

    def close(self) -> None:
        """End the bar's line, however far it got (a run stopped by --fail-fast ends early)."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False

    def _draw(self) -> None:
        width = 30
        filled = width * min(self.done, self.total) // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
        self.stream.flush()
        self.drawn = True


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _pool(jobs: int) -> Executor:
    """Worker processes (multiprocessing is imported only when a build needs them)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs)


def _broken_pool(exc: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)
