"""CSV cells a spreadsheet will not run: the one place formula injection is neutralised.

Every CSV the project writes for people to open (an import's ``accepted.csv`` and
``rejected.csv``, the report's table and chart downloads) passes its text cells through
:func:`defuse_text`: a cell starting with ``= + - @``, a tab or a carriage return is
prefixed with ``'``, the escape OWASP recommends, so Excel or LibreOffice shows it as text
instead of evaluating it. Numbers written as text (``-5``, ``+3.5``) are values, not
formulas, and are left alone.
"""

from __future__ import annotations

import re

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def defuse_text(value: object) -> object:
    """``'=HYPERLINK(…)`` for a cell a spreadsheet would run as a formula; others as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def defuse(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and every column name) passed through
    :func:`defuse_text`."""
    out = frame.copy()
    for column in out.columns:
        col = out[column]
        if col.dtype == object or pd.api.types.is_string_dtype(col):
            out[column] = col.map(defuse_text)
        elif isinstance(col.dtype, pd.CategoricalDtype):
            out[column] = col.astype(object).map(defuse_text)
    out.columns = [defuse_text(c) for c in out.columns]
    return out


def to_csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index), every text cell defused first."""
    return defuse(frame).to_csv(index=False, lineterminator="\n")
