"""import_ledger on small hand-made ledgers: options, alias table, encodings, errors."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.ledger import LedgerError, import_ledger
from analysis.ledger.headers import ALIASES_PATH, load_aliases

HEADER = "编号,放款日期,所属街道,所属社区,贷款金额（万元）,期限,类别,行业,性别,带动就业,状态"


def _row(n: int, date: str = "2020年9月1日", unit: str = "中心路", amount: str = "10") -> str:
    return f"L{n},{date},{unit},虚构社区01,{amount},36,高校毕业生,餐饮,女,2,正常还款"


@pytest.fixture
def ledger(tmp_path):
    def write(*rows: str, header: str = HEADER, encoding: str = "utf-8", name="l.csv"):
        path = tmp_path / name
        path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
        return path

    return write


def test_the_package_exports_it():
    assert analysis.import_ledger is import_ledger


def test_clean_ledger_accepted_whole(ledger):
    result = import_ledger(ledger(_row(1), _row(2, amount="12.5")), "loans")
    assert result.rejected.empty and result.accepted_rows == [2, 3]
    assert result.accepted["amount_yuan"].tolist() == [100000, 125000]
    assert list(result.accepted.columns) == [
        f.name for f in analysis.datasets.schema.DATASETS["loans"].fields
    ]
    assert result.accepted.attrs == {
        "dataset": "loans",
        "origin": "imported",
        "synthetic": False,
        "path": str(result.path),
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_by_content_not_name(ledger, encoding):
    path = ledger(_row(1), _row(2), encoding=encoding, name="ledger_utf8.csv")
    result = import_ledger(path, "loans")
    assert len(result.accepted) == 2
    assert result.accepted["unit_id"].astype(str).tolist() == ["zhongxinlu"] * 2


def test_as_of_moves_the_future(ledger):
    path = ledger(_row(1, date="2021年3月1日"))
    assert import_ledger(path, "loans").reasons().to_dict() == {"future_date": 1}
    assert len(import_ledger(path, "loans", as_of="2021-12-31").accepted) == 1


def test_kind_spelling_and_unknown_kind(ledger):
    path = ledger(_row(1))
    with pytest.raises(LedgerError, match="looks like a loans ledger"):
        import_ledger(path, "renovation-tasks")
    with pytest.raises(ValueError, match="unknown ledger kind 'evaluations'"):
        import_ledger(path, "evaluations")


def test_sheet_for_a_csv_is_an_error(ledger):
    with pytest.raises(LedgerError, match="is a CSV file, it has no sheet"):
        import_ledger(ledger(_row(1)), "loans", sheet="Sheet1")


def test_a_user_alias_file_extends_the_table(ledger, tmp_path):
    header = HEADER.replace("放款日期", "资金到位日")
    path = ledger(_row(1), header=header)
    with pytest.raises(LedgerError, match="no column for issued_on"):
        import_ledger(path, "loans")
    extra = tmp_path / "my_aliases.csv"
    extra.write_text(
        "kind,target,column,alias,value,note\n"
        "loans,header,issued_on,资金到位日,,our bank's word\n"
        "loans,value,status,正常还款中,正常还款,\n",
        encoding="utf-8",
    )
    result = import_ledger(path, "loans", aliases=extra)
    assert result.columns["issued_on"] == "资金到位日" and len(result.accepted) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind,target,column,alias,value,note\nloans,header,no_such_column,x,,\n", "not valid"),
        ("kind,target,column,alias,value,note\nloans,value,status,正常,,\n", "canonical value"),
        ("kind,target,column\nloans,header,status\n", "required column is missing"),
    ],
)
def test_a_broken_alias_file_names_itself(tmp_path, text, message):
    extra = tmp_path / "bad_aliases.csv"
    extra.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError, match=message) as err:
        load_aliases(extra)
    assert str(err.value).startswith(str(extra)) and "\n" not in str(err.value)


def test_shipped_alias_table_is_valid_and_has_no_header_clashes():
    aliases = load_aliases()
    assert ALIASES_PATH.is_file()
    for kind in analysis.ledger.KINDS:
        mapping = aliases.header_map(kind)  # canonical names map to themselves
        assert all(mapping[name][1] == name for name in mapping if mapping[name][0] == -1)
    table = pd.read_csv(ALIASES_PATH, dtype=str, keep_default_na=False)
    assert not table.duplicated(["kind", "target", "alias", "column"]).any()
    headers = table[table["target"] == "header"]
    assert not headers.duplicated(["kind", "alias"]).any(), "one header, one column per kind"


def test_canonical_csv_imports_as_itself(tmp_path):
    loans = analysis.load_loans()
    path = tmp_path / "loans.csv"
    path.write_bytes((analysis.DATA_DIR / "synthetic" / "loans.csv").read_bytes())
    result = import_ledger(path, "loans")
    pd.testing.assert_frame_equal(result.accepted, loans, check_flags=False)
    assert result.reconciliation()["status"].astype(str).tolist() == ["match", "match"]


def test_a_title_row_above_the_header_is_not_part_of_it(ledger):
    path = ledger("编号,放款日期", _row(1), header="上街区创业担保贷款台账（单位：万元）")
    with pytest.raises(LedgerError, match="no column for"):
        import_ledger(path, "loans")  # the header found is row 2 (only two columns match)
    result = import_ledger(ledger(HEADER, _row(1), header="上街区创业担保贷款台账"), "loans")
    assert result.header_rows == [2] and result.accepted_rows == [3]


def test_rejected_rows_keep_every_reason_and_the_cells_as_written(ledger):
    path = ledger(_row(1, date="2020年13月1日", unit="中新路", amount="1.23456"))
    (row,) = import_ledger(path, "loans").rejected.to_dict("records")
    assert row["source_row"] == 2
    assert row["codes"].split(";") == ["unknown_unit", "not_whole", "bad_date"]
    assert (row["unit_id"], row["issued_on"], row["amount_yuan"]) == (
        "中新路",
        "2020年13月1日",
        "1.23456",
    )
    assert row["reason"].count(";") == 2 and "YYYY-MM-DD" not in row["fix"]
