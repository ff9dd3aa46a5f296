"""What a ledger file is read into: sheets of text rows (private; see :mod:`.reading`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: Marks a byte that could not be decoded (U+FFFD); rows containing it are rejected.
DAMAGED = "\ufffd"
SAVE_AS = "open it in Excel or WPS and save it as .xlsx, or as CSV (UTF-8)"


@dataclass
class Sheet:
    """One table of cells: a CSV file or one worksheet."""

    name: str | None  # None for CSV
    rows: list[list[str]]
    numbers: list[int]  # the spreadsheet's row number of each row (1-based)
    flags: dict[int, str] = field(default_factory=dict)  # row number → reason code


@dataclass
class Source:
    """A ledger file as read: its format, encoding and sheets."""

    path: Path
    format: str  # "csv" or "xlsx"
    encoding: str | None
    sheets: list[Sheet]
    epoch: date = date(1899, 12, 30)  # day 0 of Excel serial dates in this file
    notes: list[str] = field(default_factory=list)
