"""Command line: ``policygen build | schema``. Adds only user interface to the core API.

Exit codes: 0 success, 1 internal error (with traceback), 2 invalid input or usage (a message,
no traceback, nothing written).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, cli_banner, cli_notices, cli_register, cli_scan
from .cliargs import MSG_BAD_LANG, check_formats_and_languages, csv_list, subcommand
from .errors import PolicygenError, UsageError
from .i18n import N_, default_ui_lang
from .languages import EXTERNAL_PROBLEMS, interface_codes
from .messages import message as located_message
from .paths import DEFAULT_LAYOUT, EXTENSIONS
from .termtext import printable, printable_lines

if TYPE_CHECKING:
    from .frontmatter import FrontMatter

FORMATS = ("md", "html", "fragment")
MSG_WROTE = N_("wrote %(path)s")
MSG_SUMMARY = N_("built: %(built)s, unchanged: %(unchanged)s, failed: %(failed)s")
MSG_BAD_LAYOUT = N_(
    "bad --layout %(layout)s: use the fields {name}, {lang} and {ext}, without format specs (such as {name:>9})"
)
MSG_LAYOUT_OUTSIDE = N_(
    "bad --layout %(layout)s: it must be a path inside --out, not an absolute path and without .. parts"
)
MSG_BAD_JOBS = N_("bad --jobs %(value)s: give a whole number of 1 or more")
MSG_CANNOT_WRITE = N_("cannot write %(path)s: %(reason)s")
MSG_NO_SERVICE = N_("no service with the id %(id)s; list them with: policygen services")
MSG_NO_MATCH = N_("no service matches %(query)s")
MSG_STALE = N_("warning: %(id)s: %(url)s was checked on %(checked)s, more than %(days)s days ago; check it again")
MSG_CHECKED = N_("%(count)s catalogue entries checked, %(stale)s stale source(s)")
MSG_NO_CHANGES = N_("no substantive changes")
MSG_NEEDS_FRONT_MATTER = N_("%(option)s needs --front-matter hugo or jekyll")
MSG_BAD_SLUG = N_(
    "bad --slug %(value)s: use lowercase letters, digits and hyphens, one slug (privacy) "
    "or one per language (pl=polityka-prywatnosci,en=privacy)"
)
MSG_LAYOUT_CLASH = N_(
    "%(first)s and %(second)s would both be written to %(path)s; rename one of them or put {name} in --layout"
)
MSG_LAYOUT_TWICE = N_(
    "--layout %(layout)s would write several languages or formats to the same file; put {lang} and {ext} in it"
)
MSG_INTERNAL = N_("%(file)s: internal error (a bug in policygen; please report it with this traceback):")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policygen",
        description="GDPR privacy & cookie policies in Polish, English and German from an answers file.",
    )
    p.add_argument("--version", action="version", version=f"policygen {__version__}")
    p.add_argument("--ui-lang", choices=interface_codes(), help="language of messages (default: from the locale)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _build_parser(subcommand(sub, "build", "build policies from answers files, directories or globs"))

    c = subcommand(sub, "services", "list or search the service catalogue; 'services show ID' for one entry")
    c.add_argument("query", nargs="*", metavar="QUERY | show ID")
    c.add_argument("--check", action="store_true", help="warn about facts checked longer ago than --max-age days")
    c.add_argument("--max-age", type=int, default=365, metavar="DAYS", help="age limit for --check (default 365)")
    c.add_argument("--stats", action="store_true", help="counts by category, role, country and verification status")

    k = subcommand(sub, "check", "consistency rules over answers files (text or JSON)")
    k.add_argument("answers", nargs="+", metavar="ANSWERS")
    k.add_argument("--format", choices=("text", "json"), default="text")

    d = subcommand(sub, "diff", "what changed in substance between two answers files")
    for name in ("old", "new"):
        d.add_argument(name, metavar=f"{name.upper()}.yaml", help="an answers file, or REV:PATH at a git revision")
    d.add_argument(
        "--exit-code", action="store_true", help="exit 1 when people must be notified (notify, notify in advance)"
    )

    w = subcommand(
        sub,
        "wizard",
        "answer plain questions in the terminal and write an answers file",
        ui_help="language of the questions (default: from the locale; asked when the locale names none)",
    )
    w.add_argument("answers", nargs="?", metavar="ANSWERS.yaml", help="the file to write, or to edit if it exists")

    cli_register.add_parser(sub)
    cli_scan.add_parser(sub)
    cli_banner.add_parser(sub)
    cli_notices.add_parser(sub)
    s = subcommand(sub, "schema", "print or write the JSON Schema of answers files")
    s.add_argument("--out", type=Path, help="write to this file instead of standard output")
    return p


def _build_parser(b: argparse.ArgumentParser) -> None:
    b.add_argument("answers", nargs="+", metavar="ANSWERS", help="answers files, directories or glob patterns")
    b.add_argument("--lang", type=csv_list, help="output languages, e.g. pl,en (default: the answers' languages)")
    b.add_argument("--format", type=csv_list, default=["md", "html"], help="md, html, fragment (default: md,html)")
    b.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out)")
    b.add_argument("--layout", default=None, help="output path pattern with {name}, {lang}, {ext}")
    b.add_argument("--front-matter", choices=("hugo", "jekyll"), help="prefix Markdown with front matter")
    b.add_argument(
        "--flavour",
        choices=("attrs", "gfm", "plain"),
        default="attrs",
        help="Markdown headings: attrs {#id} (MkDocs, Hugo, Jekyll), gfm (GitHub, GitLab anchors), plain",
    )
    b.add_argument(
        "--slug", help="with --front-matter: the slug, one or per language: pl=polityka-prywatnosci,en=privacy"
    )
    b.add_argument(
        "--no-h1", action="store_true", help="with --front-matter: leave out the policy's h1 (layouts print the title)"
    )
    b.add_argument("--jobs", "-j", default=None, help="parallel workers (default: all cores, at most one per file)")
    b.add_argument("--fail-fast", action="store_true", help="stop at the first file that fails")
    b.add_argument("--rebuild", action="store_true", help="build every file, also those whose inputs did not change")
    b.add_argument(
        "--ignore-check-errors",
        "--force",
        dest="force",
        action="store_true",
        help="build even when `policygen check` finds errors (--force is the old name)",
    )
    b.add_argument("--templates", type=Path, help="overlay directory of your own templates (<dir>/<lang>/*.md.j2)")
    b.add_argument(
        "--banner", action="store_true", help="put the consent banner (policygen banner) into the HTML pages"
    )
    b.add_argument("--with", dest="extras", type=csv_list, default=[], help="extra outputs, e.g. notices (see README)")


#: Exit code when the reader of our output goes away (``policygen services | head``): 128 + SIGPIPE,
#: what the shell reports for any program stopped that way.
EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    ui = args.ui_lang or default_ui_lang()
    for problem in EXTERNAL_PROBLEMS:
        print(printable_lines(located_message("language_entry_invalid", ui, problem=problem)), file=sys.stderr)
    if EXTERNAL_PROBLEMS:
        return 2
    try:
        code = _command(args, ui)
        sys.stdout.flush()  # a reader that went away is noticed here, not in the interpreter's exit
        return code
    except PolicygenError as exc:
        print(printable_lines(str(exc)), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130


def _command(args: argparse.Namespace, ui: str) -> int:
    if args.command == "build":
        return _build(args, ui)
    if args.command == "services":
        return _services(args, ui)
    if args.command == "check":
        return _check(args, ui)
    if args.command == "diff":
        return _diff(args, ui)
    if args.command == "register":
        return cli_register.run(args, ui)
    if args.command == "scan":
        return cli_scan.run(args, ui)
    if args.command == "banner":
        return cli_banner.run(args, ui)
    if args.command == "notices":
        return cli_notices.run(args, ui)
    if args.command == "wizard":
        from .wizard import main as wizard_main

        return wizard_main(args.answers, args.ui_lang)
    return _schema(args, ui)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (e.g. captured in a test): nothing is flushed at exit


def _say(ui: str, message: str, **params: object) -> str:
    from .i18n import gettext_for

    return gettext_for(ui, message) % params


def _build(args: argparse.Namespace, ui: str) -> int:
    """Exit 0 when every file was built or unchanged, 2 when any failed, 1 when policygen hit a bug."""
    from . import batch

    _check_formats_and_languages(args, ui)
    layout = args.layout or DEFAULT_LAYOUT
    formats = tuple(dict.fromkeys(args.format))
    langs = tuple(dict.fromkeys(args.lang)) if args.lang else None
    _check_layout(layout, formats, langs, ui)
    front_matter = _front_matter(args, ui)
    paths = batch.expand_inputs(args.answers, ui)
    clash = batch.output_clash(paths, layout)
    if clash is not None:
        first, second, place = clash
        raise UsageError(_say(ui, MSG_LAYOUT_CLASH, first=first, second=second, path=args.out / place))
    options = batch.Options(
        out=args.out,
        langs=langs,
        formats=formats,
        layout=layout,
        front_matter=front_matter,
        ui_lang=ui,
        rebuild=args.rebuild,
        force=args.force,
        templates=args.templates,
        flavour=args.flavour,
        banner=args.banner,
        extras=batch.extras_option(args.extras, ui),
    )
    jobs = min(_jobs(args.jobs, ui) or batch.default_jobs(), max(1, len(paths)))  # no idle workers
    progress = batch.Progress(len(paths))

    def report(result: batch.Result) -> None:
        if result.status == "built":
            for target in result.written:
                progress.line(printable(_say(ui, MSG_WROTE, path=target)))
        progress.update(result)

    def warn(text: str) -> None:
        progress.line(printable(text), stream=sys.stderr)

    try:
        summary = batch.run(paths, options, jobs, fail_fast=args.fail_fast, on_result=report, on_warning=warn)
    finally:
        progress.close()
    for result in summary.failed:
        if result.internal:
            print(printable(_say(ui, MSG_INTERNAL, file=result.path)), file=sys.stderr)
            print(printable_lines(result.error), file=sys.stderr)
        else:
            error = result.error if len(paths) == 1 else result.error.splitlines()[0]
            print(printable_lines(error), file=sys.stderr)
    print(
        _say(ui, MSG_SUMMARY, built=summary.built, unchanged=summary.unchanged, failed=len(summary.failed)),
        file=sys.stderr,
    )
    return 1 if summary.internal else 2 if summary.failed else 0


def _check_formats_and_languages(args: argparse.Namespace, ui: str) -> None:
    check_formats_and_languages(args.format, args.lang, FORMATS, ui)


def _jobs(value: str | None, ui: str) -> int | None:
    if value is None:
        return None
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise UsageError(_say(ui, MSG_BAD_JOBS, value=value))
    return jobs


def _check_layout(layout: str, formats: tuple[str, ...], langs: tuple[str, ...] | None, ui: str) -> None:
    """Only {name}, {lang} and {ext}, plain (no format spec, conversion, index or attribute); a
    relative path without ``..``; and no two formats (or requested languages) on one path. (Each
    output path is checked again when it is written: ``safeio.output_path``.)"""
    import string

    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(layout)
            if name is not None
        ]
    except ValueError:
        fields = [("", "", None)]
    if any(name not in ("name", "lang", "ext") or spec or conversion for name, spec, conversion in fields):
        raise UsageError(_say(ui, MSG_BAD_LAYOUT, layout=layout))
    sample = layout.format(name="x", lang="x", ext="x")
    parts = re.split(r"[/\\]", sample)
    if not sample.strip() or os.path.isabs(sample) or ".." in parts or any(ch < " " for ch in sample):
        raise UsageError(_say(ui, MSG_LAYOUT_OUTSIDE, layout=layout))
    places = {layout.format(name="x", lang=lang, ext=EXTENSIONS[fmt]) for lang in langs or ("x",) for fmt in formats}
    if len(places) < len(formats) * len(langs or ("x",)):
        raise UsageError(_say(ui, MSG_LAYOUT_TWICE, layout=layout))


def _front_matter(args: argparse.Namespace, ui: str) -> FrontMatter | None:
    from .frontmatter import FrontMatter, parse_slugs
    from .i18n import available_languages

    if not args.front_matter:
        for option, given in (("--slug", args.slug is not None), ("--no-h1", args.no_h1)):
            if given:
                raise UsageError(_say(ui, MSG_NEEDS_FRONT_MATTER, option=option))
        return None
    if args.slug is None:
        return FrontMatter(args.front_matter, h1=not args.no_h1)
    try:
        default, slugs = parse_slugs(args.slug)
    except ValueError:
        raise UsageError(_say(ui, MSG_BAD_SLUG, value=args.slug)) from None
    for lang, _ in slugs:
        if lang not in available_languages():
            raise UsageError(_say(ui, MSG_BAD_LANG, value=lang, choices=", ".join(available_languages())))
    return FrontMatter(args.front_matter, slugs, default, h1=not args.no_h1)


def _schema(args: argparse.Namespace, ui: str) -> int:
    from .output import write_atomic
    from .schema import schema_text

    if args.out:
        try:
            write_atomic(args.out, schema_text())
        except OSError as exc:  # a folder of that name, a read-only place: a usage error, not a bug
            raise UsageError(_say(ui, MSG_CANNOT_WRITE, path=args.out, reason=exc.strerror or str(exc))) from None
    else:
        sys.stdout.write(schema_text())
    return 0


def _services(args: argparse.Namespace, ui: str) -> int:
    from .catalogue import catalogue

    entries = catalogue()
    if args.stats:
        from .catalogue_stats import compute, render

        print(render(compute(entries.values()), ui))
        return 0
    if args.check:
        from .catalogue import stale_sources

        stale = stale_sources(args.max_age)
        for sid, url, checked in stale:
            print(_say(ui, MSG_STALE, id=sid, url=url, checked=checked.isoformat(), days=args.max_age), file=sys.stderr)
        print(_say(ui, MSG_CHECKED, count=len(entries), stale=len(stale)), file=sys.stderr)
        return 0
    if args.query[:1] == ["show"]:
        if len(args.query) != 2 or args.query[1] not in entries:
            raise UsageError(_say(ui, MSG_NO_SERVICE, id=" ".join(args.query[1:]) or "?"))
        print(_describe(entries[args.query[1]], ui))
        return 0
    words = [w.lower() for w in args.query]
    found = [
        s
        for s in entries.values()
        if all(w in f"{s.id} {s.name_in(ui)} {s.category} {s.entity.name} {s.purpose[ui]}".lower() for w in words)
    ]
    if not found:
        raise UsageError(_say(ui, MSG_NO_MATCH, query=" ".join(args.query)))
    width = max(len(s.id) for s in found)
    for s in found:
        transfers = (
            "?" if s.transfers is None else (",".join(f"{t.country or '*'}:{t.mechanism}" for t in s.transfers) or "-")
        )
        print(f"{s.id:<{width}}  {s.category:<14} {s.role:<16} {transfers:<12} {s.entity.name}")
    return 0


MSG_ENTITY = N_("entity")
MSG_ROLE = N_("role")
MSG_PURPOSE = N_("purpose")
MSG_DATA = N_("data")
MSG_TRANSFERS = N_("transfers")
MSG_PRIVACY = N_("privacy")
MSG_OPT_OUT = N_("opt-out")
MSG_HOSTS = N_("hosts")
MSG_COOKIE = N_("cookie")
MSG_SOURCES = N_("sources")
MSG_NOT_VERIFIED = N_("not verified")
MSG_NONE_OUTSIDE = N_("none outside the EEA")
MSG_UNNAMED = N_("outside the EEA, countries not named")
MSG_DPF_LISTED = N_("on the DPF list")
MSG_DPF_NOT_LISTED = N_("not on the DPF list")
MSG_DPF_UNCHECKED = N_("DPF status not checked")
MSG_NO_COOKIES = N_("none")
MSG_CONSENT = N_("consent")
MSG_EXEMPT = N_("exempt")


def _transfer_text(t: object, entity: str, ui: str) -> str:
    from .servicedef import Transfer

    assert isinstance(t, Transfer)
    where = t.country or _say(ui, MSG_UNNAMED)
    extra = [t.mechanism, t.recipient or entity]
    if t.country == "US":
        status = {True: MSG_DPF_LISTED, False: MSG_DPF_NOT_LISTED, None: MSG_DPF_UNCHECKED}[t.dpf_listed]
        extra.append(_say(ui, status))
    return f"{where} ({', '.join(extra)})"


def _describe(service: object, ui: str) -> str:
    from .servicedef import ServiceDef
    from .wording import PARTY

    assert isinstance(service, ServiceDef)
    s = service
    rows: list[tuple[str, str]] = [
        (MSG_ENTITY, s.entity.name + (f", {s.entity.address}" if s.entity.address else "") + f" [{s.entity.country}]"),
        (MSG_ROLE, s.role),
        (MSG_PURPOSE, s.purpose[ui]),
        (MSG_DATA, ", ".join(s.data)),
        (
            MSG_TRANSFERS,
            _say(ui, MSG_NOT_VERIFIED)
            if s.transfers is None
            else "; ".join(_transfer_text(t, s.entity.name, ui) for t in s.transfers) or _say(ui, MSG_NONE_OUTSIDE),
        ),
        (MSG_PRIVACY, s.links.privacy),
    ]
    if s.links.opt_out:
        rows.append((MSG_OPT_OUT, s.links.opt_out))
    if s.hosts:
        rows.append((MSG_HOSTS, ", ".join(s.hosts)))
    for c in s.cookies:
        consent = _say(ui, MSG_CONSENT if c.consent else MSG_EXEMPT)
        party = _say(ui, PARTY[c.party])
        rows.append((MSG_COOKIE, f"{c.name}, {c.lifetime}, {party}, {consent}: {c.purpose[ui]}"))
    if not s.cookies:
        rows.append((MSG_COOKIE, _say(ui, MSG_NO_COOKIES)))
    labels = {key: _say(ui, key) + ":" for key, _ in rows}
    width = max(len(label) for label in labels.values()) + 1
    lines = [f"{s.name_in(ui)} ({s.id}), {s.category}"]
    lines += [f"  {labels[key]:<{width}}{value}" for key, value in rows]
    lines.append("  " + _say(ui, MSG_SOURCES) + ":")
    lines += [f"    {src.checked.isoformat()}  {src.url}  [{', '.join(src.facts)}]" for src in s.sources]
    return "\n".join(lines)


def _check(args: argparse.Namespace, ui: str) -> int:
    """Exit 0 when no file has an error finding, 2 otherwise (warnings do not fail)."""
    import json
    from dataclasses import asdict

    from . import checksummary
    from .api import check_answers
    from .batch import expand_inputs
    from .errors import AnswersError

    report: list[dict[str, object]] = []
    invalid = []
    summary: list[str] = []
    severities: list[str] = []
    for path in expand_inputs(args.answers, ui):
        try:
            _, _, findings = check_answers(path, ui)
        except AnswersError as exc:
            invalid.append(str(exc))
            report.append(
                {"file": str(path), "valid": False, "problems": [str(p) for p in exc.problems], "findings": []}
            )
            summary.append(checksummary.file_line(ui, str(path), None))
            continue
        report.append({"file": str(path), "valid": True, "problems": [], "findings": [asdict(f) for f in findings]})
        summary.append(checksummary.file_line(ui, str(path), [f.severity for f in findings]))
        severities += [f.severity for f in findings]
        if args.format == "text":
            for finding in findings:
                print(str(finding))  # terminal-safe (CheckResult.__str__)
    if args.format == "json":
        print(json.dumps({"version": 1, "files": report}, indent=2, ensure_ascii=False))
    else:
        print("\n".join([*summary, checksummary.total_line(ui, len(report), severities, len(invalid))]))
    for text in invalid:
        print(printable_lines(text), file=sys.stderr)
    failed = invalid or any(f["severity"] == "error" for entry in report for f in entry["findings"])  # type: ignore[index, union-attr]
    return 2 if failed else 0


def _diff(args: argparse.Namespace, ui: str) -> int:
    """Print each substantive change and the notification it needs. Exit 0; with ``--exit-code``,
    1 when people must be notified (2 stays for bad input)."""
    from .api import build_policy
    from .diff import VERDICT, compare, describe, must_notify, verdict
    from .errors import AnswersError
    from .gitrev import load_side

    problems = []
    policies = []
    for arg in (args.old, args.new):
        try:
            policies.append(build_policy(load_side(arg, ui)))
        except AnswersError as exc:
            problems += exc.problems
    if problems:
        raise AnswersError(problems)
    changes = compare(*policies)
    if not changes:
        print(_say(ui, MSG_NO_CHANGES))
    for change in changes:
        print(printable(describe(change, ui)))  # the user's own texts may hold anything
    print(_say(ui, VERDICT[verdict(changes)]))
    return 1 if args.exit_code and must_notify(changes) else 0
