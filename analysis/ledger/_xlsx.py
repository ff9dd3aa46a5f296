"""Read an XLSX workbook into sheets of text rows (private; see :mod:`.reading`).

Every sheet is streamed (openpyxl read-only): time and memory follow the cells written,
never the dimensions a sheet claims. Merged cells are filled from their top-left cell
within the cells in use; formulas are read as their cached values (or as the formula,
when the workbook saved none); dates as ISO text; whole-number floats without ``.0``.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from analysis.ledger import _calamine
from analysis.ledger._source import SAVE_AS, Sheet, Source
from analysis.ledger.problems import LedgerError


def cell_text(value: object) -> str:
    """Return a workbook cell's value as the text a ledger user sees in it."""
    if type(value) is str:  # most cells: returned before the isinstance chain below
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")  # what Excel shows: 15 significant digits
    return str(value)


#: A run of more blank rows than this is sheet formatting (a stray cell far below the
#: table, rows formatted to the sheet's end), not rows of the ledger: it is not read.
BLANK_RUN_LIMIT = 1000


def _load_book(path: Path, data: bytes, data_only: bool):  # -> openpyxl read-only Workbook
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it ignores
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, read_only=True)
    except Exception as err:  # zip, XML and openpyxl errors alike: not a workbook we can read
        reason = f"is a zip file but not a readable .xlsx workbook ({type(err).__name__})"
        raise LedgerError(path, reason, SAVE_AS) from None


def _cells(ws) -> tuple[dict[int, dict[int, object]], list[tuple[int, int, int, int]]]:
    """The sheet's non-empty cells by row and column (1-based), and its merged ranges.

    Streams the sheet's XML: memory and time follow the cells written, never the
    dimensions the sheet claims (one cell at XFD1048576 is one cell). Styled empty cells
    are not cells.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    cells: dict[int, dict[int, object]] = {}
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for r, row in parser.parse():
            kept = {c["column"]: c["value"] for c in row if c["value"] not in (None, "")}
            if kept:
                cells[r] = kept
        merged = parser.merged_cells
    ranges = []
    if merged is not None:
        from openpyxl.utils.cell import range_boundaries

        for m in merged.mergeCell:
            min_col, min_row, max_col, max_row = range_boundaries(m.ref)
            ranges.append((min_row, min_col, max_row, max_col))
    return cells, ranges


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            re.search(rb"<f[ >]", archive.read(name)) is not None  # <f>…</f>: a formula cell
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _sheet(name: str, cells: dict[int, dict[int, object]]) -> Sheet:
    """Rows of text from sparse cells: each row as long as its last cell, blank rows kept
    inside the table, a run of more than :data:`BLANK_RUN_LIMIT` blank rows dropped."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    previous = 0
    for r in sorted(cells):
        gap = r - previous - 1
        if 0 < gap <= BLANK_RUN_LIMIT and previous:
            rows += [[] for _ in range(gap)]
            numbers += range(previous + 1, r)
        elif 0 < gap and not previous and gap <= BLANK_RUN_LIMIT:
            rows += [[] for _ in range(gap)]  # blank rows above the first cell
            numbers += range(1, r)
        row = cells[r]
        width = max(row)
        texts = [""] * width
        for c, v in row.items():
            texts[c - 1] = cell_text(v)
        rows.append(texts)
        numbers.append(r)
        previous = r
    return Sheet(name, rows, numbers)


def _fill_merged(
    cells: dict[int, dict[int, object]], merged: list[tuple[int, int, int, int]]
) -> dict[int, dict[int, object]]:
    """``cells`` with each merged range filled from its top-left cell, but only within
    the cells in use: a merge down to row 1048576 is formatting beyond the table."""
    last_row = max(cells, default=0)
    last_col = max((max(row) for row in cells.values()), default=0)
    for min_row, min_col, max_row, max_col in merged:
        top_left = cells.get(min_row, {}).get(min_col)
        if top_left is None:
            continue
        for r in range(min_row, min(max_row, last_row) + 1):
            for c in range(min_col, min(max_col, last_col) + 1):
                cells.setdefault(r, {})[c] = top_left
    return cells


def read_xlsx(path: Path, data: bytes) -> Source:
    """Read a workbook's every sheet: with calamine when that is safe (:mod:`._calamine`,
    about ten times faster), else streamed with openpyxl.

    Raises
    ------
    LedgerError
        If the zip or its sheets cannot be read as a workbook.
    """
    if _calamine.usable(data):
        try:
            found, epoch = _calamine.read_cells(data)
        except Exception:  # calamine could not: openpyxl reads it, or says what is wrong
            found = None
        if found is not None:
            sheets = [_sheet(name, _fill_merged(cells, merged)) for name, cells, merged in found]
            return Source(path, "xlsx", None, sheets, epoch, [])
    book = _load_book(path, data, data_only=True)  # formulas as the values Excel saved
    # A workbook written by a program that does not compute formulas has no saved values:
    # show such cells as their formula (=SUM(…)) so a rejection says why, not "missing".
    formulas = _load_book(path, data, data_only=False) if _has_formulas(data) else None
    sheets, unsaved = [], 0
    try:
        for ws in book.worksheets:
            cells, merged = _cells(ws)
            if formulas is not None:
                for r, row in _cells(formulas[ws.title])[0].items():
                    for c, v in row.items():
                        text = str(getattr(v, "text", v))  # ArrayFormula keeps its text apart
                        if c not in cells.get(r, {}) and text.startswith("="):
                            cells.setdefault(r, {})[c], unsaved = text, unsaved + 1
            sheets.append(_sheet(ws.title, _fill_merged(cells, merged)))
        epoch = book.epoch.date() if isinstance(book.epoch, datetime) else book.epoch
    except LedgerError:
        raise
    except Exception as err:  # damaged sheet XML found while streaming
        reason = f"is a zip file but not a readable .xlsx workbook ({type(err).__name__})"
        raise LedgerError(path, reason, SAVE_AS) from None
    finally:
        book.close()
        if formulas is not None:
            formulas.close()
    notes = [f"{unsaved} formula cell(s) without a saved value: open and save in Excel"]
    return Source(path, "xlsx", None, sheets, epoch, notes if unsaved else [])
