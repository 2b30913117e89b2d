"""One root exception. User errors carry locations and print without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class PolicygenError(Exception):
    """Root of every error policygen raises on purpose. Anything else is an internal bug."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    path: str  # dotted field path, "" for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class AnswersError(PolicygenError):
    """An answers file that cannot be used; holds every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(PolicygenError):
    """Wrong command-line usage or an unusable path."""
