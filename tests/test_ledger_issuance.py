"""An ordinary issuance ledger (发放台账) end to end: import, command line, load, reconcile.

The ledger (``tests/ledgers/issuance_ledger.py``) has no repayment column, borrower groups
worded as the loan notices word them, businesses in the ledger's own words and community
names the reference list does not know. It must import: 40 good rows accepted exactly
as the generator says they read, the bad rows rejected with their reasons, the missing
column read as 未记录 and said so, and no personal data in any output.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.datasets.errors import DataValidationError
from analysis.ledger import LedgerError, import_ledger
from analysis.ledger.cli import main as cli_main
from analysis.rules.reconciliation import MATCH_BY_CONSTRUCTION, MISMATCH

LEDGERS = Path(__file__).parent / "ledgers"
sys.path.insert(0, str(LEDGERS))
try:
    import corpus_fakes
    import issuance_ledger as ISSUANCE
finally:
    sys.path.remove(str(LEDGERS))


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return ISSUANCE.write_all(tmp_path_factory.mktemp("issuance"))


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return pd.DataFrame([asdict(loan) for loan in ISSUANCE.rows()[1]])


@pytest.fixture(scope="module", params=["csv", "xlsx"])
def result(request, files):
    return import_ledger(files[request.param], "loans")


def _personal_strings() -> list[str]:
    """Every personal value the ledger holds (fake, but none may leave the importer)."""
    cells, _ = ISSUANCE.rows()
    out = set()
    for i in range(1, len(cells) + 1):
        out |= {corpus_fakes.fake_id(i), corpus_fakes.fake_mobile(i)}
    return sorted(out) + list(corpus_fakes.NAMES)


# --- the import ---------------------------------------------------------------------------


def test_forty_accepted_bad_rows_rejected_with_their_reasons(result):
    assert (result.rows_read, len(result.accepted), len(result.rejected)) == (43, 40, 3)
    codes = dict(zip(result.rejected["source_row"], result.rejected["codes"], strict=True))
    offset = 1 if result.format == "xlsx" else 0  # the workbook has a title row
    assert codes == {row + offset: code for row, code in ISSUANCE.BAD.items()}
    assert result.rejected["reason"].str.len().gt(0).all()
    assert result.rejected["fix"].str.len().gt(0).all()


def test_accepted_rows_read_as_the_ledger_means_them(result, expected):
    got = result.accepted
    for column in expected.columns:
        if column == "issued_on":
            values = got[column].dt.strftime("%Y-%m-%d").tolist()
        else:
            values = got[column].astype(str).tolist()
        assert values == expected[column].astype(str).tolist(), column
    assert got["amount_yuan"].sum() == expected["amount_yuan"].sum()


def test_the_missing_status_column_is_read_as_not_recorded_and_said(result):
    assert (result.accepted["status"].astype(str) == "未记录").all()
    assert result.missing == {"status": "read as 未记录"}
    assert "not in the ledger: status (read as 未记录)" in result.summary(reconciliation=False)


def test_own_wording_is_kept_and_listed_aliases_are_applied_and_listed(result, expected):
    kept = {w for w, read in ISSUANCE.SECTORS if w == read and w not in ("餐饮",)}
    counts = expected["sector"].value_counts().to_dict()
    assert result.own_wording["sector"] == {
        w: counts[w] for w in sorted(kept, key=lambda w: (-counts[w], w))
    }
    assert "borrower_category" not in result.own_wording  # every notice group is known
    assert result.aliased["sector"]["养殖 → 种植养殖"] == counts["种植养殖"]
    assert result.aliased["borrower_category"]["复员转业退役军人 → 退役军人"] == (
        expected["borrower_category"].eq("退役军人").sum()
    )
    categories = list(result.accepted["sector"].cat.categories)
    vocabulary = analysis.datasets.loaders.domain_values("sector")
    assert categories == vocabulary + sorted(kept)
    summary = result.summary(reconciliation=False)
    assert "sector kept as written (not in the vocabulary): " in summary and "电商 ×" in summary


def test_community_names_are_kept_as_written(result, expected):
    assert set(result.accepted["community_id"]) == set(expected["community_id"])
    assert "东街社区" in set(result.accepted["community_id"])


def test_no_personal_data_in_accepted_rejected_or_summary(result):
    text = "\n".join(
        [
            result.accepted.to_csv(),
            result.rejected.to_csv(),
            result.canonical_csv(),
            result.summary(reconciliation=False),
        ]
    )
    leaked = [s for s in _personal_strings() if s in text]
    assert not leaked


# --- the command line and loading ----------------------------------------------------------


@pytest.fixture(scope="module")
def imported(files, tmp_path_factory, expected):
    out = tmp_path_factory.mktemp("ledger-dir")
    runs = {}
    for kind, key in (("loans", "xlsx"), ("communities", "communities")):
        code = cli_main([kind, str(files[key]), "--out", str(out / kind)])
        runs[kind] = code
    return out, runs


def test_cli_writes_outputs_without_personal_data(imported, capsys):
    out, runs = imported
    assert runs == {"loans": 0, "communities": 0}
    report = json.loads((out / "loans" / "import.json").read_text(encoding="utf-8"))
    assert (report["rows_read"], report["accepted"], report["rejected"]) == (43, 40, 3)
    assert report["rejected_by_reason"] == {code: 1 for code in ISSUANCE.BAD.values()}
    assert report["columns_missing"] == {"status": "read as 未记录"}
    assert set(report["values_kept_as_written"]["sector"]) == {"电商", "维修服务", "服装加工"}
    assert report["values_read_via_aliases"]["sector"]["养殖 → 种植养殖"] > 0
    for path in (out / "loans").iterdir():
        text = path.read_bytes().decode("utf-8-sig")
        assert not [s for s in _personal_strings() if s in text], path.name


def test_accepted_csv_loads_with_its_own_wording(imported, expected):
    out, _ = imported
    loans = analysis.load_loans(out / "loans" / "accepted.csv")
    assert len(loans) == 40 and loans.attrs["origin"] == "imported"
    vocabulary = analysis.datasets.loaders.domain_values("sector")
    extra = list(loans["sector"].cat.categories)[len(vocabulary) :]
    assert extra == sorted({"电商", "维修服务", "服装加工"})  # after the vocabulary, sorted
    order = analysis.datasets.loaders.category_order(loans["sector"])
    assert order[: len(vocabulary)] == vocabulary


def test_the_community_list_imports_and_keeps_a_zero_loan_community(imported):
    out, _ = imported
    communities = analysis.load_communities(out / "communities" / "accepted.csv")
    name, _, unit_id = ISSUANCE.ZERO_LOAN_COMMUNITY
    row = communities.set_index("community_id").loc[name]
    assert row["name_zh"] == name and row["unit_id"] == unit_id
    assert communities["community_id"].tolist() == communities["name_zh"].tolist()
    assert communities["name_en"].isna().all()


def test_a_ledger_folder_reads_both_and_references_are_not_errors(imported, monkeypatch):
    out, _ = imported
    monkeypatch.setenv("SHANGJIE_LEDGER_DIR", str(out))
    loans, communities = analysis.load_loans(), analysis.load_communities()
    assert loans.attrs["origin"] == communities.attrs["origin"] == "imported"
    compounds = analysis.load_compounds()  # synthetic: its communities are not in the list
    analysis.check_references({"loans": loans, "communities": communities, "compounds": compounds})
    table = analysis.reconcile().set_index("figure_id")
    assert table.loc["loans-count", "computed"] == "40"
    assert table.loc["loans-count", "status"] == MISMATCH
    assert table.loc["loans-count", "records"] == "imported"
    assert table.loc["loans-publicity-communities", "records"] == "imported"
    assert table.loc["zxl-compounds", "status"] == MATCH_BY_CONSTRUCTION
    assert table.loc["zxl-compounds", "records"] == "synthetic"


def test_synthetic_references_are_still_checked():
    communities = analysis.load_communities()
    loans = analysis.load_loans().head(3).copy()
    loans.attrs = {**analysis.load_loans().attrs}
    loans.loc[loans.index[0], "community_id"] = "东街社区"
    with pytest.raises(DataValidationError, match="no such community_id"):
        analysis.check_references({"loans": loans, "communities": communities})


# --- places: unit from community, only what a loan cannot exist without --------------------


def _ledger(tmp_path: Path, header: str, *rows: str) -> Path:
    path = tmp_path / "l.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_unit_is_found_from_the_imported_community_list(imported, tmp_path, monkeypatch):
    out, _ = imported
    monkeypatch.setenv("SHANGJIE_LEDGER_DIR", str(out))
    path = _ledger(
        tmp_path,
        "社区,贷款金额（万元）,放款日期",
        "东街社区,10,2020-03-01",
        "马固村,5,2020-04-01",
        "不存在社区,5,2020-04-02",
    )
    result = import_ledger(path, "loans")
    assert result.accepted["unit_id"].astype(str).tolist() == ["zhongxinlu", "xiawo"]
    assert result.accepted["loan_id"].tolist() == ["row-2", "row-3"]
    assert result.rejected["codes"].tolist() == ["unknown_unit"]
    assert "不存在社区" in result.rejected["reason"].iloc[0]
    assert result.missing["unit_id"] == "derived from community_id"
    for column in ("borrower_category", "sector", "gender", "status"):
        assert (result.accepted[column].astype(str) == "未记录").all()
    assert result.accepted["term_months"].isna().all()
    assert result.accepted["jobs_created"].isna().all()


@pytest.mark.parametrize(
    ("header", "row", "missing"),
    [
        ("所属街道,放款日期", "中心路,2020-03-01", "amount_yuan"),
        ("所属街道,贷款金额", "中心路,100000", "issued_on"),
        ("贷款金额,放款日期", "100000,2020-03-01", "unit_id"),
    ],
)
def test_only_amount_date_and_place_are_required_columns(tmp_path, header, row, missing):
    with pytest.raises(LedgerError, match=f"no column for {missing}"):
        import_ledger(_ledger(tmp_path, header, row), "loans")


def test_empty_numbers_in_present_columns_are_left_empty(tmp_path):
    path = _ledger(
        tmp_path,
        "序号,所属街道,贷款金额（万元）,放款日期,贷款期限（月）,带动就业人数,行业",
        "1,中心路,10,2020-03-01,,,电商",
        "2,中心路,10,2020-03-02,36,2,",
    )
    result = import_ledger(path, "loans")
    assert len(result.accepted) == 2 and result.rejected.empty
    assert result.accepted["term_months"].astype("Int64").tolist() == [pd.NA, 36]
    assert result.accepted["sector"].astype(str).tolist() == ["电商", "未记录"]


def test_a_community_list_with_codes_uses_the_code_as_id(tmp_path):
    path = _ledger(tmp_path, "社区编码,社区名称,所属街道（镇）", "C01,东街社区,中心路街道")
    result = import_ledger(path, "communities")
    row = result.accepted.iloc[0]
    assert (row["community_id"], row["name_zh"], row["unit_id"]) == (
        "C01",
        "东街社区",
        "zhongxinlu",
    )


def test_python_m_analysis_import_ledger_runs_it(files, tmp_path, capsys):
    from analysis.__main__ import main

    assert main(["import-ledger", "loans", str(files["csv"]), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "rows read 43: accepted 40, rejected 3" in out
    assert "not in the ledger: status (read as 未记录)" in out
    assert "loans-count" in out and "computed" in out
    assert not [s for s in _personal_strings() if s in out]
    assert len(analysis.load_loans(tmp_path / "accepted.csv")) == 40
