"""Issue 17, what the adversarial corpus found: one NUL byte or one row in another encoding
costs its row, a quote left open at the end of a file is reported, a second export with
the same columns is one table (with another layout it is refused), a 身份证号 alias never
makes a data row a header, bare card numbers are personal, clear option errors."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from analysis.ledger import LedgerError, import_ledger
from analysis.ledger.cli import main
from analysis.ledger.privacy import find_personal, mask_text

HEADER = "序号,所属街道,贷款金额（万元）,贷款期限（月）,放款日期,带动就业人数,备注\n"


def _rows(n: int, note: str = "ok", start: int = 1) -> str:
    return "".join(f"{i},中心路,10,24,2020-01-{i:02d},2,{note}\n" for i in range(start, start + n))


def _write(tmp_path: Path, data: bytes | str, name: str = "l.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("nul", [b"\x00", b"\x00\x00"])
def test_a_nul_byte_costs_its_row_not_the_file(tmp_path, nul):
    data = (HEADER + _rows(3) + "4,中心路,10,24,2020-01-04,2,坏\n" + _rows(2, start=5)).encode()
    data = data.replace("坏".encode(), b"x" + nul)
    result = import_ledger(_write(tmp_path, data), "loans")
    assert (result.rows_read, len(result.accepted)) == (6, 5)
    assert result.rejected["codes"].tolist() == ["undecodable"]
    assert result.rejected["source_row"].tolist() == [5]


def test_many_nul_bytes_are_a_binary_file(tmp_path):
    with pytest.raises(LedgerError, match="binary"):
        import_ledger(_write(tmp_path, (HEADER + _rows(3)).encode() + b"\x00" * 50), "loans")


def test_one_gbk_row_in_a_utf8_file_costs_that_row(tmp_path):
    gbk = "4,中心路,10,24,2020-01-04,2,备注\n".encode("gbk")
    data = (HEADER + _rows(3)).encode() + gbk + _rows(3, start=5).encode()
    result = import_ledger(_write(tmp_path, data), "loans")
    assert result.encoding == "utf-8"
    assert (result.rows_read, len(result.accepted)) == (7, 6)
    assert result.rejected["codes"].str.contains("undecodable").tolist() == [True]
    assert result.rejected["source_row"].tolist() == [5]


@pytest.mark.parametrize("where", [2, 5])
def test_a_quote_open_to_the_end_of_the_file_is_reported(tmp_path, where):
    body = _rows(5).replace(f"-{where:02d},2,ok", f'-{where:02d},2,"没有结尾')
    result = import_ledger(_write(tmp_path, HEADER + body), "loans")
    assert result.rows_read == 5
    assert result.rejected["codes"].tolist() == ["unclosed_quote"]
    assert result.rejected["source_row"].tolist() == [where + 1]


def test_a_second_export_with_the_same_columns_is_one_table(tmp_path):
    wider = HEADER.rstrip("\n") + ",填报日期\n"
    text = HEADER + _rows(3) + "\n" + wider + _rows(3, start=4)
    result = import_ledger(_write(tmp_path, text), "loans")
    assert (result.rows_read, len(result.accepted)) == (8, 6)
    assert result.rejected["codes"].tolist() == ["blank_row", "header_row"]


def test_a_second_export_with_its_columns_elsewhere_is_refused(tmp_path):
    cells = HEADER.rstrip("\n").split(",")
    other = ",".join(cells[1:] + cells[:1]) + "\n"
    text = HEADER + _rows(3) + "\n" + other + "中心路,10,24,2020-02-01,2,ok,4\n"
    with pytest.raises(LedgerError, match="two tables one below the other.*rows 1 and 6"):
        import_ledger(_write(tmp_path, text), "loans")


def test_an_alias_mapping_an_id_number_header_never_keeps_it(tmp_path):
    aliases = _write(
        tmp_path,
        "kind,target,column,alias,value,note\nloans,header,loan_id,联系电话,,x\n",
        "aliases.csv",
    )
    phone = "139" + "0000" + "1234"
    text = "联系电话,所属街道,贷款金额（万元）,放款日期\n" + "".join(
        f"{phone[:-1]}{i},中心路,10,2020-01-0{i}\n" for i in range(1, 6)
    )
    result = import_ledger(_write(tmp_path, text), "loans", aliases=aliases)
    assert (result.rows_read, len(result.accepted)) == (5, 5)
    assert result.header_rows == [1]
    assert result.personal == [("联系电话", "phone")]
    assert phone[:-1] not in result.summary(reconciliation=False)


def _luhn(body: str) -> str:
    total = 0
    for pos, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if pos % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


@pytest.mark.parametrize("length", [16, 17, 18, 19])
@pytest.mark.parametrize("sep", ["", " ", "-"])
def test_bare_card_numbers_are_personal_and_masked(length, sep):
    number = _luhn("62" + "0" * (length - 5) + "73")
    written = "工行 " + sep.join(number[i : i + 4] for i in range(0, length, 4))
    found = find_personal(written)
    assert "account" in found or (length == 18 and "id_number" in found)  # 18: an ID's shape
    masked = mask_text(written)
    assert not find_personal(masked)
    assert number[:12] not in masked.replace(sep or " ", "")


@pytest.mark.parametrize("text", ["2020010100000001", "合同 4111111111111112", "6200000000000001"])
def test_long_numbers_failing_the_card_check_are_not_cards(text):
    assert "account" not in find_personal(text)


def _cli(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    return code, err.getvalue()


def test_out_under_a_file_is_one_clear_line(tmp_path):
    ledger = _write(tmp_path, HEADER + _rows(2))
    code, err = _cli(["loans", str(ledger), "--out", str(ledger / "sub")])
    assert code == 2 and "Fix:" in err and "is a file" in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_ledger_dir_is_refused_unless_the_import_goes_into_it(tmp_path, monkeypatch):
    ledger = _write(tmp_path, HEADER + _rows(2))
    monkeypatch.setenv("SHANGJIE_LEDGER_DIR", str(tmp_path / "imported"))
    code, err = _cli(["loans", str(ledger), "--out", str(tmp_path / "elsewhere")])
    assert code == 2 and "SHANGJIE_LEDGER_DIR" in err and "is not a folder" in err
    assert _cli(["loans", str(ledger), "--out", str(tmp_path / "imported" / "loans")])[0] == 0


def test_a_short_salt_says_how_to_fix_it_without_showing_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SHANGJIE_LEDGER_SALT", "hunter2")
    ledger = _write(tmp_path, HEADER + _rows(2))
    code, err = _cli(["loans", str(ledger), "--out", str(tmp_path / "o")])
    assert code == 2 and "Fix:" in err and "l.csv" in err and "hunter2" not in err


# ---------------------------------------------------------------- calamine or openpyxl
def _workbook(path: Path, far: str | None = None, styled: str | None = None) -> Path:
    from datetime import date, datetime

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(["2020年 发放台账"])
    sheet.append(HEADER.rstrip("\n").split(","))
    sheet.append([1, "中心路", 12.5, 24, date(2020, 1, 2), 2, None])
    sheet.append([2, None, 10.0, 36, datetime(2020, 1, 3, 8, 30), 1, "x"])
    sheet.append([3, None, 8, 24, "2020年1月4日", 3, 0.1 + 0.2])
    sheet.merge_cells("B3:B5")
    book.create_sheet("说明").append(["填表说明", None, "见附件"])
    if far is not None:
        sheet[far] = "x"
    if styled is not None:
        sheet[styled].font = Font(bold=True)
    book.save(path)
    return path


def test_calamine_reads_what_openpyxl_reads(tmp_path, monkeypatch):
    from analysis.ledger import _calamine
    from analysis.ledger.reading import read_source

    path = _workbook(tmp_path / "w.xlsx", styled="K1048576")
    assert _calamine.usable(path.read_bytes())
    fast = read_source(path)
    monkeypatch.setattr(_calamine, "usable", lambda data: False)
    slow = read_source(path)
    assert [(s.name, s.rows, s.numbers) for s in fast.sheets] == [
        (s.name, s.rows, s.numbers) for s in slow.sheets
    ]
    assert fast.sheets[0].rows[3][1] == "中心路"  # the merge filled down
    assert fast.epoch == slow.epoch


@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "ZZ9999"])
def test_a_far_cell_never_reaches_calamine(tmp_path, far):
    from analysis.ledger import _calamine

    path = _workbook(tmp_path / "w.xlsx", far=far)
    assert not _calamine.usable(path.read_bytes())  # it would build the whole grid
    result = import_ledger(path, "loans")
    assert (result.rows_read, len(result.accepted)) == (4, 3)


def test_an_unsaved_formula_is_read_by_openpyxl(tmp_path):
    from openpyxl import load_workbook

    from analysis.ledger import _calamine

    path = _workbook(tmp_path / "w.xlsx")
    book = load_workbook(path)
    book["台账"]["F4"] = "=SUM(F3,1)"
    book.save(path)
    assert not _calamine.usable(path.read_bytes())
    result = import_ledger(path, "loans")
    assert result.rejected["jobs_created"].tolist() == ["=SUM(F3,1)"]  # shown, not "missing"
    assert any("without a saved value" in note for note in result.notes)
