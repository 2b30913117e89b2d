"""Answers files as they are at a git revision: the ``REV:PATH`` arguments of ``policygen diff``.

``PATH`` is relative to the current directory, like any other path on the command line (git's own
``REV:./PATH``). The file is read with git at that commit, and so are the files it ``extends``;
problems found in them are shown as ``REV:PATH:line:column``.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .api import load_answers
from .errors import AnswersError, Problem, UsageError
from .i18n import N_, gettext_for
from .loader import extends_read_with, read_text
from .model import Answers

MSG_NO_GIT = N_("%(arg)s: reading a file at a git revision needs git, which was not found")
MSG_NOT_A_REPOSITORY = N_("%(arg)s: the current directory is not inside a git repository")
MSG_NO_REVISION = N_("%(arg)s: there is no revision %(rev)s in this repository")


@dataclass(frozen=True)
class RevPath:
    rev: str
    path: str

    @property
    def arg(self) -> str:
        return f"{self.rev}:{self.path}"


def parse_arg(arg: str) -> RevPath | None:
    """``REV:PATH`` split in two; None for a plain path (one that exists, or has no colon)."""
    if Path(arg).exists() or ":" not in arg:
        return None
    rev, _, path = arg.partition(":")
    return RevPath(rev, path) if rev and path else None


def load_side(arg: str, ui: str) -> Answers:
    """The answers file ``arg`` names: a path, or ``REV:PATH`` read at that git revision."""
    where = parse_arg(arg)
    if where is None:
        return load_answers(Path(arg), ui)
    revision = Revision(where, ui)
    path = Path(where.path)
    try:
        text = read_text(path, ui, revision.read)
        with extends_read_with(revision.read):
            return load_answers(path, ui, text=text)
    except AnswersError as exc:
        # Every file of this load was read at the revision: say so where each problem is.
        raise AnswersError(
            [Problem(f"{where.rev}:{p.file}", p.line, p.column, p.path, p.message) for p in exc.problems]
        ) from None


class Revision:
    """Reads files as they are at one commit of the repository around the current directory."""

    def __init__(self, where: RevPath, ui: str) -> None:
        say = {"arg": where.arg, "rev": where.rev}
        try:
            top = _git("rev-parse", "--show-toplevel")
        except FileNotFoundError:
            raise UsageError(gettext_for(ui, MSG_NO_GIT) % say) from None
        if top.returncode != 0:
            raise UsageError(gettext_for(ui, MSG_NOT_A_REPOSITORY) % say)
        commit = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{where.rev}^{{commit}}")
        if commit.returncode != 0:
            raise UsageError(gettext_for(ui, MSG_NO_REVISION) % say)
        self.root = Path(top.stdout.decode().strip())
        self.commit = commit.stdout.decode().strip()

    def read(self, path: Path) -> bytes:
        """The file's bytes at the commit; ``FileNotFoundError`` when it is not there."""
        inside = os.path.relpath(Path(path).resolve(), self.root.resolve())
        if inside.startswith(os.pardir):
            raise FileNotFoundError(str(path))
        blob = _git("cat-file", "blob", f"{self.commit}:{Path(inside).as_posix()}")
        if blob.returncode != 0:
            raise FileNotFoundError(str(path))
        return blob.stdout


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], capture_output=True, check=False)
