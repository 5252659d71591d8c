"""The errors a user can cause, told apart from bugs.

A :class:`UserError` or :class:`ProblemsFound` is the user's to fix: the CLI prints it plainly
and exits 1. Anything else that escapes is a bug in cardgen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class UserError(Exception):
    """Something the user can fix, said in one sentence."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a user's file, printed as ``FILE:LINE: where: message``."""

    file: Path
    line: int | None
    where: str
    message: str

    @property
    def place(self) -> str:
        """``FILE:LINE: where``, without the message."""
        place = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{place}: {self.where}" if self.where else place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ProblemsFound(UserError):
    """Raised with every problem found in a run, so they can all be shown together."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
