"""Issue 17: one bad cell rejects its row, never the file; errors are one line, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.datasets.errors import DataValidationError
from analysis.ledger import LedgerError, import_ledger

#: Longer than any normal run under load (the adversarial runner's limit), far shorter
#: than the quadratic or grid-building readers took: a hang, not a slow machine, fails.
HANG_SECONDS = 60
ROOT = Path(__file__).resolve().parents[1]
CONSULT = (
    "consultation_id,compound_id,held_on,format,participants,households,"
    "cadre_participants,suggestions,adopted,resolved\n"
)
LOANS = "序号,所属街道,贷款金额（万元）,贷款期限（月）,放款日期,带动就业人数\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("count", ["—", "若干", ""])
def test_a_count_in_words_rejects_its_row_not_the_file(tmp_path, count):
    row = "cs-{n},cp-zhongxinlu-25,2019-10-08,居民议事会,16,,2,{s},2,1\n"
    text = CONSULT + row.format(n=1, s=3) + row.format(n=2, s=count)
    result = import_ledger(_write(tmp_path, "c.csv", text), "consultations")
    assert result.rows_read == 2
    assert len(result.accepted) + len(result.rejected) == 2
    assert 1 in result.accepted_rows or 2 in result.accepted_rows


@pytest.mark.parametrize(
    ("written", "code"),
    [("3020-09-23", "bad_date"), ("9999-12-31", "bad_date"), ("0202年9月23日", "bad_date")],
)
def test_dates_outside_what_pandas_holds_are_row_rejections(tmp_path, written, code):
    text = LOANS + "1,中心路,10,24,2020-01-01,2\n" + f"2,中心路,10,24,{written},2\n"
    result = import_ledger(_write(tmp_path, "l.csv", text), "loans")
    assert len(result.accepted) == 1
    assert result.rejected["source_row"].tolist() == [3]
    assert result.rejected["codes"].tolist() == [code]
    assert "check the year" in result.rejected["fix"].iloc[0]


def test_an_integer_beyond_18_digits_is_a_row_rejection(tmp_path):
    text = LOANS + "1,中心路,10,24,2020-01-01,2\n" + "2,中心路,10,24,2020-01-02,1E+20\n"
    result = import_ledger(_write(tmp_path, "l.csv", text), "loans")
    assert len(result.accepted) == 1
    assert result.rejected["codes"].tolist() != []
    assert result.rejected["source_row"].tolist() == [3]


def test_load_of_a_csv_with_trailing_commas_raises_data_validation_error(tmp_path):
    lines = (ROOT / "data/synthetic/loans.csv").read_text(encoding="utf-8").splitlines()
    text = "\n".join([lines[0], *(line + "," for line in lines[1:6])]) + "\n"
    path = _write(tmp_path, "loans.csv", text)
    with pytest.raises(DataValidationError) as err:
        analysis.load_loans(path)
    assert "trailing commas" in str(err.value)
    with pytest.raises(DataValidationError):  # the header with one too: an empty column
        analysis.load_loans(_write(tmp_path, "b.csv", "\n".join(x + "," for x in lines[:4])))


def test_reconcile_with_an_empty_frame_names_the_missing_columns():
    with pytest.raises(DataValidationError, match="loans frame lacks column"):
        analysis.reconcile({"loans": pd.DataFrame()})


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os

    full = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=ROOT, env=full, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize("content", ["", "loan_id\nx\n"])
@pytest.mark.parametrize("command", ["reconcile", "verify"])
def test_an_invalid_imported_file_is_one_line_exit_2(tmp_path, content, command):
    (tmp_path / "loans").mkdir()
    (tmp_path / "loans" / "accepted.csv").write_text(content, encoding="utf-8")
    done = _run([command], {"SHANGJIE_LEDGER_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "accepted.csv" in done.stderr and "loans" in done.stderr


@pytest.mark.parametrize("command", ["reconcile", "verify", "report"])
def test_a_missing_ledger_folder_is_one_line_exit_2(tmp_path, command):
    done = _run([command], {"SHANGJIE_LEDGER_DIR": str(tmp_path / "typo")})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "is not a folder" in done.stderr


def test_a_gbk_console_survives_an_emoji_header(tmp_path):
    import os

    path = _write(
        tmp_path,
        "e.csv",
        LOANS.replace("带动就业人数", "备注😀") + "1,中心路,10,24,2020-01-01,好😀\n",
    )
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "SHANGJIE_LEDGER_DIR": ""}
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "import-ledger", "loans", str(path), "--out",
         str(tmp_path / "out")],
        cwd=ROOT, env=env, capture_output=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert b"Traceback" not in done.stderr
    assert "?" in done.stdout.decode("gbk")


# ---------------------------------------------------------------- no hang, no lost row
FAR = 't="inlineStr"><is><t>x</t></is>'


def _xlsx_with(tmp_path: Path, name: str, extra_cell: str = "", merge: str = "") -> Path:
    """A tiny workbook whose sheet XML claims a huge range (written by hand, no styles)."""
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["序号", "所属街道", "贷款金额（万元）", "贷款期限（月）", "放款日期", "带动就业人数"]
    )
    for i in range(1, 6):
        sheet.append([i, "中心路", 10, 24, f"2020-01-0{i}", 2])
    plain = tmp_path / f"plain_{name}"
    book.save(plain)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = xml.replace("</sheetData>", extra_cell + "</sheetData>")
                if merge:
                    xml = xml.replace(
                        "</sheetData>",
                        f'</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/>'
                        "</mergeCells>",
                    )
                xml = xml.replace('<dimension ref="A1:F6"/>', '<dimension ref="A1:XFD1048576"/>')
                data = xml.encode()
            dst.writestr(item, data)
    return path


@pytest.mark.parametrize(
    ("name", "cell", "merge", "rows"),
    [
        ("far.xlsx", f'<row r="1048576"><c r="XFD1048576" {FAR}</c></row>', "", 6),
        ("styled.xlsx", '<row r="1048576"><c r="K1048576" s="0"/></row>', "", 5),
        ("merge.xlsx", "", "C2:C1048576", 5),
    ],
)  # fmt: skip
def test_a_tiny_workbook_claiming_a_huge_sheet_is_read_in_a_moment(
    tmp_path, name, cell, merge, rows
):
    import time

    path = _xlsx_with(tmp_path, name, cell, merge)
    started = time.perf_counter()
    result = import_ledger(path, "loans")
    # a hang guard, not a speed goal (that is in make bench): a reader that builds the
    # claimed grid ran out of memory after 85 s, or was killed at 300 s (issue 17)
    assert time.perf_counter() - started < HANG_SECONDS
    assert result.rows_read == rows
    assert len(result.accepted) == 5


@pytest.mark.parametrize(
    "cell",
    [
        "(a" * 500_000,
        "a)" * 500_000,
        "备注(见附件) 金额(万元) 联系电话 " * 50_000,
        "电话:" + "1 " * 500_000,
    ],
)
@pytest.mark.parametrize("where", ["header", "data"])
def test_one_megabyte_cells_take_seconds_not_minutes(tmp_path, cell, where):
    import time

    head = LOANS.rstrip("\n") + (f',"{cell}"' if where == "header" else ",备注") + "\n"
    body = "".join(
        f"{i},中心路,10,24,2020-01-0{i},2,{cell if where == 'data' and i == 2 else 'ok'}\n"
        for i in range(1, 4)
    )
    started = time.perf_counter()
    result = import_ledger(_write(tmp_path, "big.csv", head + body), "loans")
    # a hang guard: quadratic header detection on these cells was killed at 300 s
    assert time.perf_counter() - started < HANG_SECONDS
    assert result.rows_read == 3


def test_a_stray_quote_costs_its_row_only(tmp_path):
    stray = '"没有结尾'
    rows = [f"{i},中心路,10,24,2020-01-0{i},2,{stray if i == 3 else 'ok'}\n" for i in range(1, 9)]
    result = import_ledger(
        _write(tmp_path, "q.csv", LOANS.rstrip("\n") + ",备注\n" + "".join(rows)), "loans"
    )
    assert result.rows_read == 8
    assert len(result.accepted) == 7
    assert result.rejected["codes"].tolist() == ["unclosed_quote"]


def test_a_note_with_a_line_break_is_still_one_row(tmp_path):
    rows = ['1,中心路,10,24,2020-01-01,2,"第一行\n第二行"\n', "2,中心路,10,24,2020-01-02,2,ok\n"]
    result = import_ledger(
        _write(tmp_path, "n.csv", LOANS.rstrip("\n") + ",备注\n" + "".join(rows)), "loans"
    )
    assert (result.rows_read, len(result.accepted)) == (2, 2)


def test_semicolons_in_a_quoted_note_do_not_flip_the_delimiter(tmp_path):
    note = '"' + "；;" * 400 + '"'
    rows = [f"{i},中心路,10,24,2020-01-0{i},2,{note if i == 1 else 'ok'}\n" for i in range(1, 4)]
    result = import_ledger(
        _write(tmp_path, "s.csv", LOANS.rstrip("\n") + ",备注\n" + "".join(rows)), "loans"
    )
    assert (result.rows_read, len(result.accepted)) == (3, 3)


def test_a_second_export_below_the_first_is_refused_with_that_reason(tmp_path):
    first = "序号,所属街道,贷款金额（万元）,放款日期\n" + "".join(
        f"{i},中心路,10,2020-01-0{i}\n" for i in range(1, 4)
    )
    second = LOANS + "".join(f"{i},中心路,10,24,2020-02-0{i},2\n" for i in range(1, 4))
    with pytest.raises(LedgerError, match="two tables one below the other"):
        import_ledger(_write(tmp_path, "st.csv", first + ",,,\n" + second), "loans")


# ---------------------------------------------------------------- outputs and messages
def _cli(args: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    from analysis.ledger.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def test_no_output_csv_holds_a_formula(tmp_path):
    header = "楼院编号,楼院名称,所属街道,所属社区,建成年代,户数,党组织,备注\n"
    evil = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3"]
    body = "".join(f"{i},{e},中心路,,1990,12,有,\n" for i, e in enumerate(evil, 1))
    body += "9,=1+1,中心路,,19x0,12,有,\n"  # rejected: the cell shows in rejected.csv
    path = _write(tmp_path, "c.csv", header + body)
    code, _, err = _cli(["compounds", str(path), "--out", str(tmp_path / "out")])
    assert code == 0, err
    for name in ("accepted.csv", "rejected.csv"):
        for row in pd.read_csv(tmp_path / "out" / name, dtype=str, keep_default_na=False).values:
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()


def test_a_failed_import_leaves_no_stale_outputs(tmp_path):
    good = _write(tmp_path, "g.csv", LOANS + "1,中心路,10,24,2020-01-01,2\n")
    out = tmp_path / "out"
    assert _cli(["loans", str(good), "--out", str(out)])[0] == 0
    (out / "mine.txt").write_text("kept", encoding="utf-8")
    assert _cli(["loans", str(good), "--out", str(out)])[0] == 0
    assert (out / "mine.txt").is_file() and (out / "accepted.csv").is_file()
    bad = _write(tmp_path, "b.csv", "nothing,here\n1,2\n")
    code, _, err = _cli(["loans", str(bad), "--out", str(out)])
    assert code == 2 and "b.csv" in err
    assert not (out / "accepted.csv").exists() and not (out / "import.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["loans", "{dir}", "--out", "{tmp}/o"], "is a folder, not a ledger file"),
        (["loans", "{file}", "--out", "{tmp}/o", "--as-of", "2020-02-30"], "--as-of 2020-02-30"),
        (["loans", "{file}", "--out", "{file}"], "is a file, not a folder"),
    ],
)
def test_misleading_messages_name_the_real_problem(tmp_path, args, said):
    path = _write(tmp_path, "g.csv", LOANS + "1,中心路,10,24,2020-01-01,2\n")
    (tmp_path / "d").mkdir()
    filled = [a.format(dir=tmp_path / "d", tmp=tmp_path, file=path) for a in args]
    code, _, err = _cli(filled)
    assert code == 2
    assert said in err and len(err.strip().splitlines()) == 1
