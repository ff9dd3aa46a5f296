"""Read a ledger file into rows of strings: CSV in any Chinese encoding, or XLSX sheets.

What a file is comes from its bytes, never its name: a workbook saved as ``.csv`` is read
as a workbook, a GBK file called ``utf8.csv`` as GBK. The source is read once, as bytes,
and never opened for writing.

Encodings, in order: a byte-order mark; strict UTF-8 (valid multi-byte UTF-8 is almost
never an accident); otherwise :mod:`charset_normalizer` decides by content, with
GB18030 — the superset of GBK and GB2312 — used for every mainland-Chinese answer. A file
that decodes in no encoding but is *nearly* UTF-8 or GB18030 (a few damaged bytes) is
read with the damage marked, and the rows holding it are rejected, not the whole file.

Workbooks (:mod:`._xlsx`): every sheet is streamed, with merged cells filled from their
top-left cell (a header merged across columns, a 街道 merged down a block of rows),
formulas as their cached values, dates as ISO text and whole-number floats without ``.0``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from analysis.ledger._source import DAMAGED, SAVE_AS, Sheet, Source
from analysis.ledger._xlsx import cell_text, read_xlsx
from analysis.ledger.problems import LedgerError

__all__ = ["DAMAGED", "SAVE_AS", "Sheet", "Source", "cell_text", "read_source"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: charset_normalizer names for mainland encodings; all are read as their superset.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "cp936"})
_BIG5_FAMILY = frozenset({"big5", "big5hkscs", "cp950"})


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
        return read_xlsx(path, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LedgerError(path, "is an old binary Excel (.xls) or WPS file", SAVE_AS)
    if data.startswith(b"%PDF"):
        raise LedgerError(path, "is a PDF, not a table", "ask for the spreadsheet itself")
    text, encoding, notes = _decode(path, data)
    rows, numbers, flags = _parse_csv(path, text)
    return Source(path, "csv", encoding, [Sheet(None, rows, numbers, flags)], notes=notes)


def _decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Return the text, the encoding used and notes about damage.

    A few NUL bytes are damage (their rows are rejected), not proof of a binary file.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding, []
    nuls = data.count(b"\x00")
    if nuls > max(3, len(data) // 1000):  # no text encoding a ledger uses has many
        raise LedgerError(path, "is a binary file, not a table", SAVE_AS)
    if nuls:  # a control byte the file lacks stands in for each NUL while decoding
        stand_in = next(
            bytes([b]) for b in (*range(1, 9), *range(14, 32)) if bytes([b]) not in data
        )
        data = data.replace(b"\x00", stand_in)
    try:
        text, encoding, notes = data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        text, encoding, notes = _guess(path, data)
    if nuls:
        text = text.replace(stand_in.decode(), DAMAGED)
        notes.append(f"{nuls} NUL byte(s): the rows holding them are rejected")
    return text, encoding, notes


def _guess(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Decode text that is not UTF-8: UTF-8 with a few lines in another encoding (a row
    pasted from a GBK file), a Chinese encoding told by content, or nearly one of them."""
    lines = data.split(b"\n")
    bad = sum(not _decodes(line, "utf-8") for line in lines)
    utf8 = any(not line.isascii() and _decodes(line, "utf-8") for line in lines)
    if utf8 and bad <= max(3, len(lines) // 100):
        text = data.decode("utf-8", errors="replace")
        return text, "utf-8", [f"{bad} line(s) not in UTF-8: the rows holding them are rejected"]
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    best = from_bytes(data).best()
    if best is not None:
        found = best.encoding.replace("_", "").lower()
        encoding = "gb18030" if found in _GB_FAMILY else best.encoding
        if found not in _GB_FAMILY | _BIG5_FAMILY and _decodes(data, "gb18030"):
            # short Chinese text is sometimes taken for Korean or Japanese; a ledger
            # from a mainland office that is valid GB18030 is GB18030
            encoding = "gb18030"
        if _decodes(data, encoding):
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
    stray quote and the quote that ended it are flagged, so no row is swallowed. The last
    record holding an odd number of quotes never closed one (it ran on to the end of the
    file) and is flagged too: quoting done right always pairs its quotes.
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
                if end == len(lines) and sum(line.count('"') for line in lines[start:]) % 2:
                    flags[len(rows)] = "unclosed_quote"  # ran on to the end of the file
            start = end
    except csv.Error as err:
        raise LedgerError(path, f"is not a readable CSV table ({err})", SAVE_AS) from None
    # a record with a line break inside quotes is still one spreadsheet row
    return rows, list(range(1, len(rows) + 1)), flags
