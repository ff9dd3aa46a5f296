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


def read_source(path: str | Path) -> Source:
    """Read a ledger file, deciding its format and encoding from its content.

    Raises
    ------
    LedgerError
        If the file is missing, empty, binary, an old .xls, a damaged workbook or text
        in no encoding a Chinese ledger uses.
    """
    path = Path(path)
    if path.is_dir():
        raise LedgerError(path, "is a folder, not a ledger file", "name the .xlsx or .csv file")
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
    rows, numbers, flags = _parse_csv(path, text)
    return Source(path, "csv", encoding, [Sheet(None, rows, numbers, flags)], notes=notes)


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


def _delimiter(text: str) -> str:
    """The one of , tab ; that splits the first lines into the most rows of one width.

    Counted on parsed rows, not characters: many semicolons inside one quoted note must
    not make ``;`` the delimiter of a comma-separated file.
    """
    head = text[:20000]

    def score(d: str) -> tuple[int, int]:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(head, newline=""), delimiter=d) if r]
        except csv.Error:
            return (0, 0)
        if not widths:
            return (0, 0)
        modal = max(set(widths), key=widths.count)
        return (widths.count(modal) if modal > 1 else 0, modal)

    return max((",", "\t", ";"), key=score)


def _parse_csv(path: Path, text: str) -> tuple[list[list[str]], list[int], dict[int, str]]:
    """Split CSV text into rows, their numbers and rows flagged ``unclosed_quote``.

    A record spanning several lines is a note with line breaks, unless a line it swallowed
    holds as many delimiters as a row would: then a stray opening quote ran on past the
    end of its row. Those lines are read one by one instead, and the rows holding the
    stray quote and the quote that ended it are flagged, so no row is swallowed.
    """
    delimiter = _delimiter(text)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # one cell may be huge
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(iter(lines), delimiter=delimiter)
    rows: list[list[str]] = []
    flags: dict[int, str] = {}
    width = 0
    start = 0
    try:
        for row in reader:
            end = reader.line_num
            swallowed = lines[start + 1 : end]
            if width and any(line.count(delimiter) >= max(2, width - 2) for line in swallowed):
                for line in lines[start:end]:
                    parts = next(csv.reader([line], delimiter=delimiter), [])
                    rows.append(parts)
                    if line.count('"') % 2:
                        flags[len(rows)] = "unclosed_quote"
            else:
                rows.append(row)
                width = width or (len(row) if len(row) > 1 else 0)
            start = end
    except csv.Error as err:
        raise LedgerError(path, f"is not a readable CSV table ({err})", SAVE_AS) from None
    # a record with a line break inside quotes is still one spreadsheet row
    return rows, list(range(1, len(rows) + 1)), flags


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


def _read_xlsx(path: Path, data: bytes) -> Source:
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
            last_row = max(cells, default=0)
            last_col = max((max(row) for row in cells.values()), default=0)
            for min_row, min_col, max_row, max_col in merged:
                # filled from the top-left cell, but only within the cells in use: a merge
                # down to row 1048576 is formatting beyond the table
                top_left = cells.get(min_row, {}).get(min_col)
                if top_left is None:
                    continue
                for r in range(min_row, min(max_row, last_row) + 1):
                    for c in range(min_col, min(max_col, last_col) + 1):
                        cells.setdefault(r, {})[c] = top_left
            sheets.append(_sheet(ws.title, cells))
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
