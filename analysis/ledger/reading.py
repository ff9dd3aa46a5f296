"""Read a ledger file into rows of strings: CSV in any Chinese encoding, or XLSX sheets.

What a file is comes from its bytes, never its name: a workbook saved as ``.csv`` is read
as a workbook, a GBK file called ``utf8.csv`` as GBK. The source is read once, as bytes,
and never opened for writing.

Encodings, in order: a byte-order mark; strict UTF-8 (valid multi-byte UTF-8 is almost
never an accident); otherwise :mod:`charset_normalizer` decides by content, with
GB18030 — the superset of GBK and GB2312 — used for every mainland-Chinese answer. A file
that decodes in no encoding but is *nearly* UTF-8 or GB18030 (a few damaged bytes) is
read with the damage marked, and the rows holding it are rejected, not the whole file.

Workbooks: every sheet is read with merged cells filled from their top-left cell (a
header merged across columns, a 街道 merged down a block of rows), formulas as their
cached values, dates as ISO text and whole-number floats without ``.0``.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from analysis.ledger.problems import LedgerError

#: Marks a byte that could not be decoded (U+FFFD); rows containing it are rejected.
DAMAGED = "\ufffd"
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: charset_normalizer names for mainland encodings; all are read as their superset.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "cp936"})
_BIG5_FAMILY = frozenset({"big5", "big5hkscs", "cp950"})
SAVE_AS = "open it in Excel or WPS and save it as .xlsx, or as CSV (UTF-8)"


@dataclass
class Sheet:
    """One table of cells: a CSV file or one worksheet."""

    name: str | None  # None for CSV
    rows: list[list[str]]
    numbers: list[int]  # the spreadsheet's row number of each row (1-based)


@dataclass
class Source:
    """A ledger file as read: its format, encoding and sheets."""

    path: Path
    format: str  # "csv" or "xlsx"
    encoding: str | None
    sheets: list[Sheet]
    epoch: date = date(1899, 12, 30)  # day 0 of Excel serial dates in this file
    notes: list[str] = field(default_factory=list)


def read_source(path: str | Path) -> Source:
    """Read a ledger file, deciding its format and encoding from its content.

    Raises
    ------
    LedgerError
        If the file is missing, empty, binary, an old .xls, a damaged workbook or text
        in no encoding a Chinese ledger uses.
    """
    path = Path(path)
    if not path.is_file():
        raise LedgerError(path, "file not found", "check the path")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LedgerError(path, f"cannot be read ({err.strerror})", "check permissions") from None
    if not data.strip(b" \t\r\n\x00").removeprefix(b"\xef\xbb\xbf").strip():
        raise LedgerError(path, "file is empty", "export the ledger again")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LedgerError(path, "is an old binary Excel (.xls) or WPS file", SAVE_AS)
    if data.startswith(b"%PDF"):
        raise LedgerError(path, "is a PDF, not a table", "ask for the spreadsheet itself")
    text, encoding, notes = _decode(path, data)
    return Source(path, "csv", encoding, [Sheet(None, *_parse_csv(path, text))], notes=notes)


def _decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Return the text, the encoding used and notes about damage."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding, []
    if b"\x00" in data:  # no text encoding a ledger uses has NUL bytes without a BOM
        raise LedgerError(path, "is a binary file, not a table", SAVE_AS)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    best = from_bytes(data).best()
    if best is not None:
        found = best.encoding.replace("_", "").lower()
        encoding = "gb18030" if found in _GB_FAMILY else best.encoding
        if found not in _GB_FAMILY | _BIG5_FAMILY and _decodes(data, "gb18030"):
            # short Chinese text is sometimes taken for Korean or Japanese; a ledger
            # from a mainland office that is valid GB18030 is GB18030
            encoding = "gb18030"
        return data.decode(encoding), encoding, []
    # Nearly one encoding: a few damaged bytes should cost their rows, not the file.
    # Count damaged *spots* (a run of bad bytes is one spot); a file of the wrong
    # encoding is damaged everywhere, a file hurt in transit in a few places.
    tries = [(data.decode(e, errors="replace"), e) for e in ("utf-8", "gb18030")]
    spots = {e: len(re.findall(DAMAGED + "+", t)) for t, e in tries}
    text, encoding = min(tries, key=lambda t: spots[t[1]])
    if spots[encoding] > max(3, len(text) // 100):
        raise LedgerError(path, "is not text in UTF-8, GBK or GB18030 (binary or damaged)", SAVE_AS)
    return text, encoding, [f"{spots[encoding]} undecodable spot(s) in {encoding}"]


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _parse_csv(path: Path, text: str) -> tuple[list[list[str]], list[int]]:
    """Split CSV text into rows; the delimiter is whichever of , tab ; is most used."""
    head = text[:20000]
    delimiter = max((",", "\t", ";"), key=head.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        raise LedgerError(path, f"is not a readable CSV table ({err})", SAVE_AS) from None
    # a record with a line break inside quotes is still one spreadsheet row
    return rows, list(range(1, len(rows) + 1))


def cell_text(value: object) -> str:
    """Return a workbook cell's value as the text a ledger user sees in it."""
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


def _load_book(path: Path, data: bytes, data_only: bool):  # -> openpyxl Workbook
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it ignores
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as err:  # zip, XML and openpyxl errors alike: not a workbook we can read
        reason = f"is a zip file but not a readable .xlsx workbook ({type(err).__name__})"
        raise LedgerError(path, reason, SAVE_AS) from None


def _grid(ws) -> list[list[object]]:
    box = {"min_row": 1, "max_row": ws.max_row, "min_col": 1, "max_col": ws.max_column}
    return [list(r) for r in ws.iter_rows(**box, values_only=True)]


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            re.search(rb"<f[ >]", archive.read(name)) is not None  # <f>…</f>: a formula cell
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _read_xlsx(path: Path, data: bytes) -> Source:
    book = _load_book(path, data, data_only=True)  # formulas as the values Excel saved
    # A workbook written by a program that does not compute formulas has no saved values:
    # show such cells as their formula (=SUM(…)) so a rejection says why, not "missing".
    formulas = _load_book(path, data, data_only=False) if _has_formulas(data) else None
    sheets, unsaved = [], 0
    for ws in book.worksheets:
        grid = _grid(ws)
        if formulas is not None:
            for r, row in enumerate(_grid(formulas[ws.title])):
                for c, v in enumerate(row):
                    text = str(getattr(v, "text", v))  # ArrayFormula keeps its text apart
                    if grid[r][c] is None and text.startswith("="):
                        grid[r][c], unsaved = text, unsaved + 1
        for merged in ws.merged_cells.ranges:
            top_left = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                    grid[r][c] = top_left
        rows = [[cell_text(v) for v in r] for r in grid]
        sheets.append(Sheet(ws.title, rows, list(range(1, len(rows) + 1))))
    epoch = book.epoch.date() if isinstance(book.epoch, datetime) else book.epoch
    notes = [f"{unsaved} formula cell(s) without a saved value: open and save in Excel"]
    return Source(path, "xlsx", None, sheets, epoch, notes if unsaved else [])
