"""One root exception. User errors carry locations and print without a traceback."""

from __future__ import annotations

from .termtext import printable


class PolicygenError(Exception):
    """Root of every error policygen raises on purpose. Anything else is an internal bug."""

    exit_code = 2


class Problem:
    """One located problem in a user's file (a plain class: this module is imported at start-up)."""

    __slots__ = ("column", "file", "line", "message", "path")

    def __init__(self, file: str, line: int, column: int, path: str, message: str) -> None:
        self.file = file
        self.line = line  # 1-based; 0 when unknown
        self.column = column  # 1-based; 0 when unknown
        self.path = path  # dotted field path, "" for the whole file
        self.message = message

    def __repr__(self) -> str:
        return f"Problem({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __str__(self) -> str:
        """One line for a terminal: control characters in the file name, the path (a key the user
        wrote) or the message are shown escaped (``termtext``)."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return printable(f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}")


class AnswersError(PolicygenError):
    """An answers file that cannot be used; holds every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(PolicygenError):
    """Wrong command-line usage or an unusable path."""
