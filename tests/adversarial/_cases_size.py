"""Corpus cases: tiny files that claimed to be huge, enormous cells, and lost rows.

Workbooks are written with openpyxl into the case's folder; where openpyxl would expand a
range cell by cell (a merge down to row 1048576), the sheet XML is patched instead, as a
spreadsheet program writes it. Row-loss cases: a stray opening quote, two exports
stacked in one sheet.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from _kinds import cells, csv_bytes, ledger, raw_csv, xlsx_bytes
from corpus import Case, Expect, add


def _ok(n: int) -> Expect:
    return Expect(accepted=n)


# ---------------------------------------------------------------- claimed dimensions
def _openpyxl_far(kind: str, n: int, coordinate: str, styled: bool):
    """A workbook saved by openpyxl with one far cell: a value, or only a style."""

    def write(path: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        for row in cells(kind, n):
            sheet.append([None if v == "" else v for v in row])
        if styled:
            sheet[coordinate].font = Font(bold=True)
        else:
            sheet[coordinate] = "x"
        book.save(path)

    return write


def _patched(data: bytes, cell_xml: str = "", merge: str = "") -> bytes:
    """``data`` (a workbook) with ``cell_xml`` appended to its first sheet's rows, a
    ``merge`` range and a claimed dimension of the whole grid."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = body.decode().replace("</sheetData>", cell_xml + "</sheetData>")
                if merge:
                    xml = xml.replace(
                        "</sheetData>",
                        '</sheetData><mergeCells count="1">'
                        f'<mergeCell ref="{merge}"/></mergeCells>',
                    )
                xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
                body = xml.encode()
            dst.writestr(item, body)
    return out.getvalue()


for kind, n in (("loans", 5), ("compounds", 4), ("inspections", 6)):
    add(Case(
        f"{kind}_cell_at_XFD1048576.xlsx", "hang", _openpyxl_far(kind, n, "XFD1048576", False),
        Expect(accepted=n, rejected=1), kind=kind,  # the far cell is a row of its own
    ))  # fmt: skip
    add(Case(
        f"{kind}_styled_K1048576.xlsx", "hang", _openpyxl_far(kind, n, "K1048576", True), _ok(n),
        kind=kind,
    ))  # fmt: skip
_FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
_STYLED = '<row r="1048576"><c r="K1048576" s="0"/></row>'
add(Case(
    "loans_far_cell_patched.xlsx", "hang", _patched(ledger("loans", 5, fmt="xlsx"), _FAR),
    Expect(accepted=5, rejected=1),
))  # fmt: skip
add(Case(
    "consult_styled_patched.xlsx", "hang",
    _patched(ledger("consultations", 5, fmt="xlsx"), _STYLED), _ok(5), kind="consultations",
))  # fmt: skip
for kind, merge in (
    ("loans", "C2:C1048576"),
    ("renovation_tasks", "B2:B1048576"),
    ("consultations", "D2:D1048576"),
    ("inspections", "E2:E1048576"),
):
    add(Case(
        f"{kind}_merge_{merge.replace(':', '_')}.xlsx", "hang",
        _patched(ledger(kind, 6, fmt="xlsx"), merge=merge), _ok(6), kind=kind,
    ))  # fmt: skip

# ---------------------------------------------------------------- enormous cells
_PARENS = "备注(见附件) 金额(万元) 联系（说明）" * 25_000  # 550,000 characters
_MEGA = ("(a" * 500_000, "a)" * 500_000, "（" * 1_000_000, "(" * 300_000 + ")" * 300_000)
for n, (kind, where, text) in enumerate(
    (
        ("loans", "header", _PARENS),
        ("loans", "data", _PARENS),
        ("compounds", "header", _MEGA[0]),
        ("compounds", "data", _MEGA[1]),
        ("consultations", "title", _MEGA[2]),
        ("renovation_tasks", "data", _MEGA[3]),
        ("inspections", "header", _MEGA[3]),
        ("inspections", "title", _PARENS),
    )
):
    head = text if where == "header" else "备注"
    above = ([text],) if where == "title" else ()
    bad = {2: {"note": text}} if where == "data" else {}
    add(Case(
        f"{kind}_long_{where}_{n}.csv", "hang",
        ledger(kind, 4, bad, extra=(("note", head),), above=above), _ok(4), kind=kind,
    ))  # fmt: skip
add(Case(
    "loans_long_cell.xlsx", "hang",
    ledger("loans", 4, {3: {"note": _PARENS}}, extra=(("note", "备注"),), fmt="xlsx"), _ok(4),
))  # fmt: skip
add(Case(
    "compounds_long_name_kept.csv", "hang",  # in a kept column: the row is judged, not hung
    ledger("compounds", 4, {2: {"partner": "联建(单位)" * 100_000}}),
    Expect(accepted=4), kind="compounds",
))  # fmt: skip


# ---------------------------------------------------------------- stray quotes
def _stray(kind: str, n: int, at: dict[int, str], delimiter: str = ",") -> bytes:
    return raw_csv(cells(kind, n, {i: {"note": t} for i, t in at.items()},
                         extra=(("note", "备注"),)), delimiter)  # fmt: skip


for kind, at, expect in (
    ("loans", {3: '"没有结尾'}, Expect(accepted=7, rejected=1, reasons={"unclosed_quote": 1})),
    ("compounds", {1: '"见'}, Expect(accepted=7, rejected=1, reasons={"unclosed_quote": 1})),
    ("inspections", {2: '"已整改', 6: '完成"'},
     Expect(accepted=6, rejected=2, reasons={"unclosed_quote": 2})),
    ("consultations", {4: '"议题'}, Expect(accepted=7, rejected=1, reasons={"unclosed_quote": 1})),
    ("renovation_tasks", {8: '"末行'},
     Expect(accepted=7, rejected=1, reasons={"unclosed_quote": 1})),
):  # fmt: skip
    add(Case(f"{kind}_stray_quote.csv", "row_loss", _stray(kind, 8, at), expect, kind=kind))
add(Case(
    "loans_stray_quote_tab.csv", "row_loss", _stray("loans", 6, {2: '"备'}, "\t"),
    Expect(accepted=5, rejected=1, reasons={"unclosed_quote": 1}),
))  # fmt: skip


# ---------------------------------------------------------------- stacked exports
def _stacked(kind: str, fmt: str, gap: list[list[object]], order=None, wider=0, narrower=0):
    """Two exports of ``kind`` in one sheet: rows 1-3, ``gap``, rows 4-6. The second's
    columns may be reordered (``order``), or the second may have ``wider`` more columns,
    or the first ``narrower`` fewer."""
    first = [r[: len(r) - narrower] for r in cells(kind, 3)]
    second = cells(kind, 3, start=4)
    if order is not None:
        second = [[r[j] for j in order(len(r))] for r in second]
    second = [r + ["备注", "填报日期"][:wider] if k == 0 else r + [""] * wider
              for k, r in enumerate(second)]  # fmt: skip
    rows = [*first, *gap, *second]
    return csv_bytes(rows) if fmt == "csv" else xlsx_bytes({"台账": rows})


def _rotated(n: int) -> list[int]:
    return [*range(1, n), 0]


_BLANK: list[list[object]] = [[]]
_TWO = {"blank_row": 1, "header_row": 1}
for kind, fmt in (("loans", "xlsx"), ("loans", "csv"), ("compounds", "xlsx"),
                  ("inspections", "csv")):  # fmt: skip
    # the second export's columns stand where the first's do: one table, its header again
    add(Case(
        f"{kind}_two_exports_wider.{fmt}", "row_loss", _stacked(kind, fmt, _BLANK, wider=2),
        Expect(accepted=6, rejected=2, reasons=_TWO), kind=kind,
    ))  # fmt: skip
    # in another order: reading it under the first header would misread every row
    add(Case(
        f"{kind}_two_exports_reordered.{fmt}", "row_loss",
        _stacked(kind, fmt, _BLANK, order=_rotated), Expect(refused="two tables"), kind=kind,
    ))  # fmt: skip
add(Case(
    "loans_two_exports_titled.xlsx", "row_loss",
    _stacked("loans", "xlsx", [[], ["第二批 发放台账"]]),
    Expect(accepted=6, rejected=3, reasons=_TWO),  # the title is a row of the sheet
))  # fmt: skip
add(Case(
    "consultations_two_exports_first_narrower.csv", "row_loss",
    _stacked("consultations", "csv", _BLANK, narrower=2), Expect(refused="two tables"),
    kind="consultations",
))  # fmt: skip
for kind in ("loans", "consultations"):
    # the same header twice: one table with its header repeated, every record kept
    add(Case(
        f"{kind}_same_header_twice.csv", "row_loss", _stacked(kind, "csv", _BLANK),
        Expect(accepted=6, rejected=2, reasons=_TWO), kind=kind,
    ))  # fmt: skip
