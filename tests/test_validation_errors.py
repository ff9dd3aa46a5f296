"""Bad input gets one clear error naming file, row, column, reason and fix."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import analysis
from analysis.config import DATA_DIR


@pytest.fixture
def loans_csv(tmp_path):
    path = tmp_path / "loans.csv"
    shutil.copy(DATA_DIR / "synthetic" / "loans.csv", path)
    return path


def _edit(path, row, column, value):
    """Set one cell (spreadsheet row numbering: header is row 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[row - 1].split(",")
    cells[header.index(column)] = value
    lines[row - 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_all_problems_reported_at_once(loans_csv):
    _edit(loans_csv, 2, "amount_yuan", "12万")
    _edit(loans_csv, 5, "issued_on", "2020/9/23")
    _edit(loans_csv, 7, "gender", "unknown")
    _edit(loans_csv, 9, "amount_yuan", "-5")
    _edit(loans_csv, 10, "loan_id", "")
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(loans_csv)
    found = {(p.row, p.column) for p in err.value.problems}
    assert found == {
        (2, "amount_yuan"),
        (5, "issued_on"),
        (7, "gender"),
        (9, "amount_yuan"),
        (10, "loan_id"),
    }
    message = str(err.value)
    assert str(loans_csv) in message and "row 5" in message and "'issued_on'" in message
    assert "YYYY-MM-DD" in message  # the fix, not just the complaint
    table = err.value.to_frame()
    assert list(table.columns) == ["file", "row", "column", "value", "reason", "fix"]


def test_unknown_category_lists_allowed_values(loans_csv):
    _edit(loans_csv, 3, "status", "坏账")
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(loans_csv)
    (problem,) = err.value.problems
    assert problem.value == "坏账" and "正常还款" in problem.fix


def test_duplicate_key_is_reported_for_both_rows(loans_csv):
    first = loans_csv.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    _edit(loans_csv, 3, "loan_id", first)
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(loans_csv)
    assert {p.row for p in err.value.problems} == {2, 3}
    assert all(p.reason == "duplicate key" for p in err.value.problems)


def test_rule_across_columns(tmp_path):
    path = tmp_path / "tasks.csv"
    shutil.copy(DATA_DIR / "synthetic" / "renovation_tasks.csv", path)
    _edit(path, 4, "planned_on", "2000-01-01")
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_renovation_tasks(path)
    (problem,) = err.value.problems
    assert problem.row == 4 and "planned_on" in problem.column
    assert "before" in problem.reason


def test_impossible_date(loans_csv):
    _edit(loans_csv, 2, "issued_on", "2020-02-30")
    with pytest.raises(analysis.DataValidationError, match="not a calendar date"):
        analysis.load_loans(loans_csv)


def test_missing_and_extra_columns(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("unit_id,name_zh,colour\nx,某区,red\n", encoding="utf-8")
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_units(path)
    reasons = {(p.column, p.reason) for p in err.value.problems}
    assert ("name_en", "required column is missing") in reasons
    assert ("colour", "column not in the schema") in reasons


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfe\x00garbage\x00\x81", None], ids=["empty", "binary", "missing"]
)
def test_unreadable_files_give_one_clear_problem(tmp_path, content):
    path = tmp_path / "loans.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(path)
    assert str(path) in str(err.value)
    assert len(err.value.problems) >= 1
    assert err.value.problems[0].fix


def test_error_type_is_a_value_error():
    assert issubclass(analysis.DataValidationError, ValueError)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("issued_on", "1500-01-01", "date outside 1678–2261"),
        ("issued_on", "2300-01-01", "date outside 1678–2261"),
        ("amount_yuan", "99999999999999999999", "number too large"),
    ],
)
def test_values_pandas_cannot_hold_are_reported_not_raised(loans_csv, column, value, reason):
    _edit(loans_csv, 4, column, value)
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(loans_csv)
    (problem,) = err.value.problems
    assert (problem.row, problem.column, problem.reason) == (4, column, reason)


def test_open_and_closed_domains(loans_csv):
    """A descriptive value the vocabulary lacks is kept; an unknown status code is not."""
    _edit(loans_csv, 2, "sector", "电商")
    _edit(loans_csv, 3, "borrower_category", "个体工商户")
    loans = analysis.load_loans(loans_csv)
    vocabulary = analysis.datasets.loaders.domain_values("sector")
    assert list(loans["sector"].cat.categories) == [*vocabulary, "电商"]
    assert loans.loc[0, "sector"] == "电商" and loans.loc[1, "borrower_category"] == "个体工商户"
    for column in ("status", "gender"):
        _edit(loans_csv, 4, column, "坏账")
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(loans_csv)
    assert {(p.row, p.column) for p in err.value.problems} == {(4, "status"), (4, "gender")}
    assert all(
        p.file == str(loans_csv) and p.fix.startswith("use one of") for p in err.value.problems
    )


def test_optional_counts_may_be_empty_but_amounts_may_not(loans_csv):
    _edit(loans_csv, 2, "jobs_created", "")
    _edit(loans_csv, 3, "term_months", "")
    loans = analysis.load_loans(loans_csv)
    assert str(loans["jobs_created"].dtype) == "Int64" and pd.isna(loans.loc[0, "jobs_created"])
    assert pd.isna(loans.loc[1, "term_months"]) and loans["term_months"].notna().sum() > 1
    _edit(loans_csv, 4, "amount_yuan", "")
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.load_loans(loans_csv)
    ((row, column, reason),) = [(p.row, p.column, p.reason) for p in err.value.problems]
    assert (row, column, reason) == (4, "amount_yuan", "required value is missing")


def test_every_record_domain_has_not_recorded():
    from analysis.datasets.loaders import domain_values
    from analysis.datasets.schema import NOT_RECORDED, RECORD_DATASETS

    for name in RECORD_DATASETS:
        for fld in analysis.datasets.schema.DATASETS[name].fields:
            if fld.kind == "category" and fld.domain != "unit":
                assert NOT_RECORDED in domain_values(fld.domain), (name, fld.name)
