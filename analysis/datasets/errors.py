"""The one exception type for bad data, and the problem records it carries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

#: How many problems the exception message prints before summarising the rest.
MESSAGE_LIMIT = 20


def require_columns(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    """Raise a KeyError naming every column of ``columns`` that ``frame`` lacks.

    The metric functions call it first, so a frame without a column they read fails with
    the names of all missing columns rather than a KeyError from inside pandas.

    Raises
    ------
    KeyError
        If any column is missing.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{name} lacks column(s) {', '.join(missing)}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``row`` is the line number as a spreadsheet shows it: the header is row 1, the first
    record row 2. It is None for problems with the file or a whole column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    fix: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        value = "" if self.value is None else f" (value {self.value!r})"
        return f"{where}: {self.reason}{value}. Fix: {self.fix}"


class DataValidationError(ValueError):
    """Raised when a data file does not match its schema.

    All problems found in the file are collected before raising, so a researcher fixes
    them in one pass. ``problems`` holds them; :meth:`to_frame` tabulates them.
    """

    def __init__(self, path: str | Path, problems: list[Problem], dataset: str) -> None:
        self.path = str(path)
        self.dataset = dataset
        self.problems = list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {self.path} (dataset {self.dataset!r}):"
        lines = [f"  - {p}" for p in self.problems[:MESSAGE_LIMIT]]
        if n > MESSAGE_LIMIT:
            lines.append(f"  … and {n - MESSAGE_LIMIT} more (see the .problems attribute)")
        return "\n".join([head, *lines])

    def to_frame(self) -> pd.DataFrame:
        """Return the problems as a table, one row per problem."""
        columns = ["file", "row", "column", "value", "reason", "fix"]
        return pd.DataFrame([asdict(p) for p in self.problems], columns=columns)
