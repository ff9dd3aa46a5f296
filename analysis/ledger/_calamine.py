"""Read a workbook's cells with python-calamine (Rust) when that is safe (private).

calamine reads a 100,000-row ledger about ten times faster than openpyxl's streaming
parser, with the same values (cached formula results, dates as dates), but it builds each
sheet as a dense grid from A1 to the last cell holding a value — one value at XFD1048576
asks for 17 billion cells and aborts the process, which no ``except`` can catch. So it
is used only when a scan of the sheet XML shows every sheet's cells within
:data:`MAX_CELLS`, and when no formula lacks its saved value (those are shown as their
formula, which only the openpyxl path can do). Otherwise :mod:`._xlsx` streams the sheet.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

#: The largest grid (rows × columns up to the last value) handed to calamine.
MAX_CELLS = 5_000_000

_NS = rb"(?:[A-Za-z_][\w.-]*:)?"  # an XML namespace prefix some writers use (x:c)
#: The column of every cell (a plain pattern: this scans the whole sheet). Styled empty
#: cells count too, which only ever sends a workbook to the slower, safe path.
_COLUMN = re.compile(rb'r="([A-Z]{1,3})[0-9]')
_CELL_TAG = re.compile(rb"<" + _NS + rb'c\b[^>]*\br="[A-Z]{1,3}([0-9]+)"[^>]*?(/?)>')
#: A formula with no saved value after it: ``<f>SUM(A1)</f></c>`` or ``<f .../><v/></c>``.
_UNSAVED = re.compile(
    rb"<" + _NS + rb"f\b[^>]*(?:/>|>[^<]*</" + _NS + rb"f>)\s*"
    rb"(?:<" + _NS + rb"v\s*/>|<" + _NS + rb"v>\s*</" + _NS + rb"v>)?\s*</" + _NS + rb"c>"
)
_DATE1904 = re.compile(rb'date1904="(?:1|true)"')


def _extent(xml: bytes) -> int:
    """Rows × columns from A1 to the last cell that may hold a value (at least)."""
    columns = set(_COLUMN.findall(xml))
    width = max((_column_number(c) for c in columns), default=0)
    height = 0
    at = len(xml)
    while width and (at := xml.rfind(b"c ", 0, at)) > 0:  # rows are in order: the last
        m = _CELL_TAG.match(xml, xml.rfind(b"<", 0, at + 1))  # value cell is the lowest
        if m is not None and not m.group(2):
            height = int(m.group(1))
            break
    return height * width


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def usable(data: bytes) -> bool:
    """True if calamine can read this workbook safely and as openpyxl would."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:  # an environment without it reads every workbook with openpyxl
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    xml = archive.read(name)
                    if _extent(xml) > MAX_CELLS or _UNSAVED.search(xml):
                        return False
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return False  # the openpyxl path names what is wrong with it
    return True


def read_cells(
    data: bytes,
) -> tuple[list[tuple[str, dict[int, dict[int, object]], list[tuple[int, int, int, int]]]], date]:
    """Every worksheet's non-empty cells (1-based row → column → value), its merged
    ranges (min_row, min_col, max_row, max_col), and the workbook's date epoch.

    Raises
    ------
    Exception
        Whatever calamine raises for a workbook it cannot read (the caller falls back).
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        out = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            cells: dict[int, dict[int, object]] = {}
            for r, row in enumerate(sheet.to_python(skip_empty_area=False), start=1):
                kept = {c: v for c, v in enumerate(row, start=1) if v != "" and v is not None}
                if kept:
                    cells[r] = kept
            merged = [
                (r0 + 1, c0 + 1, r1 + 1, c1 + 1)
                for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
            ]
            out.append((meta.name, cells, merged))
    finally:
        book.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = (
            archive.read("xl/workbook.xml") if "xl/workbook.xml" in archive.namelist() else b""
        )
    epoch = date(1904, 1, 1) if _DATE1904.search(workbook) else date(1899, 12, 30)
    return out, epoch
