"""Reconciliation: every computable published figure is reproduced from the records,
each figure read as the page wrote it, each status saying how much the agreement proves."""

from __future__ import annotations

import pytest

import analysis
from analysis.rules.reconciliation import (
    COMPUTATIONS,
    CONTRADICTORY,
    MATCH,
    MATCH_BY_CONSTRUCTION,
    MATCHING,
    MISMATCH,
    NOT_COMPUTABLE,
    RECORD_DATASETS,
    compare,
    read_quote,
    rounding_step,
)


@pytest.fixture(scope="module")
def frames():
    return {name: analysis.load(name) for name in RECORD_DATASETS}


@pytest.fixture(scope="module")
def table(frames):
    return analysis.reconcile(frames)


def test_one_row_per_published_figure(table):
    figures = analysis.load_published_figures()
    assert table["figure_id"].tolist() == figures["figure_id"].tolist()


def test_every_computable_figure_matches_by_construction(table):
    computable = table[table["figure_id"].isin(COMPUTATIONS)]
    assert len(computable) == len(COMPUTATIONS)
    bad = computable[computable["status"] != MATCH_BY_CONSTRUCTION]
    assert bad.empty, bad[["figure_id", "published", "computed", "rule"]].to_string()
    assert computable["matches"].all() and (computable["records"] == "synthetic").all()


def test_headline_figures_exact(table):
    row = table.set_index("figure_id")
    assert row.loc["loans-count", "computed"] == "87"
    assert row.loc["loans-amount", "computed"] == "13,900,000"
    assert row.loc["zxl-compounds", "computed"] == "34"
    assert row.loc["zxl-temp-party-orgs", "computed"] == "19"
    assert row.loc["ldj-tasks", "computed"] == "12"


def test_figures_without_records_are_marked(table):
    rest = table[~table["figure_id"].isin(COMPUTATIONS)].set_index("figure_id")
    assert rest.loc["hrss-salary-promotions", "status"] == CONTRADICTORY  # 近4000余人
    others = rest.drop(index="hrss-salary-promotions")
    assert (others["status"] == NOT_COMPUTABLE).all()
    assert not rest["matches"].any() and (rest["records"] == "").all()


def test_no_computation_for_an_unknown_figure():
    assert set(COMPUTATIONS) <= set(analysis.load_published_figures()["figure_id"])


def test_a_missing_loan_is_a_mismatch(frames):
    changed = dict(frames, loans=frames["loans"].iloc[1:])
    row = analysis.reconcile(changed).set_index("figure_id")
    assert row.loc["loans-count", "status"] == MISMATCH
    assert row.loc["loans-amount", "status"] == MISMATCH
    assert row.loc["zxl-compounds", "status"] == MATCH_BY_CONSTRUCTION


def test_frames_not_passed_are_loaded(frames):
    only_loans = analysis.reconcile({"loans": frames["loans"].iloc[:10]})
    status = only_loans.set_index("figure_id")["status"]
    assert status["loans-count"] == MISMATCH and status["zxl-compounds"] == MATCH_BY_CONSTRUCTION


@pytest.mark.parametrize(
    ("value", "step"), [(2400, 100), (10, 10), (87, 1), (300, 100), (13900000, 100000), (0.5, 0.1)]
)
def test_rounding_step(value, step):
    assert rounding_step(value) == pytest.approx(step)


@pytest.mark.parametrize(
    ("published", "computed", "qualifier", "unit", "ok"),
    [
        (34, 34, "确数", "个", True),
        (34, 35, "确数", "个", False),
        (200, 200, "余", "次", True),
        (200, 299, "余", "次", True),
        (200, 300, "余", "次", False),
        (200, 199, "余", "次", False),
        (2400, 2499, "余", "户", True),
        (10, 19, "余", "家", True),
        (10, 20, "余", "家", False),
        (4000, 3999, "近", "人", True),
        (4000, 4001, "近", "人", False),
        (1995, 1997, "约", "年", True),
        (1995, 1998, "约", "年", False),
    ],
)
def test_qualifier_rules(published, computed, qualifier, unit, ok):
    assert compare(published, computed, qualifier, unit)[0] is ok


def test_unknown_qualifier_is_an_error():
    with pytest.raises(ValueError, match="qualifier"):
        compare(1, 1, "大约", "个")


# --- reading the page as it was written --------------------------------------------------


def _imported(frame):
    out = frame.copy()
    out.attrs = {**frame.attrs, "origin": "imported", "synthetic": False}
    return out


def _loans_totalling(frames, total: int):
    """The shipped loans, as an imported ledger, with the last amount moved to hit ``total``."""
    loans = frames["loans"].copy()
    loans.loc[loans.index[-1], "amount_yuan"] += total - int(loans["amount_yuan"].sum())
    return _imported(loans)


@pytest.mark.parametrize(
    ("total", "status"),
    [
        (13_895_000, MATCH),  # 1390万 is a rounding to 万: the lower bound is in
        (13_900_000, MATCH),
        (13_904_999, MATCH),
        (13_905_000, MISMATCH),  # the upper bound is out
        (13_906_000, MISMATCH),
        (13_894_999, MISMATCH),
    ],
)
def test_1390_wan_is_a_rounding_to_wan(frames, total, status):
    row = analysis.reconcile(dict(frames, loans=_loans_totalling(frames, total)))
    row = row.set_index("figure_id").loc["loans-amount"]
    assert row["status"] == status
    assert row["reading"] == "rounded" and row["written"] == "1390万"
    assert row["rule"] == "13,895,000 ≤ x < 13,905,000"
    assert (row["low"], row["high"]) == (13_895_000, 13_905_000)


@pytest.mark.parametrize(
    ("value", "quote", "kind", "low", "high", "inside", "outside"),
    [
        (13_900_000, "共计1390万元", "rounded", 13_895_000, 13_905_000, 13_895_000, 13_905_000),
        (125_000, "每笔12.5万元", "rounded", 124_500, 125_500, 125_499, 125_500),
        (2_000_000, "贷款200万元", "rounded", 1_995_000, 2_005_000, 2_004_000, 2_006_000),
        (0.5, "每周至少半天到分包楼院", "at_least", 0.5, None, 3, 0.4),
        (10, "不少于10家", "at_least", 10, None, 10, 9),
        (10, "超过10家", "above", 10, None, 11, 10),
        (2400, "征集2400余户楼院居民", "more_than", 2400, 2500, 2499, 2500),
        (300, "意见建议300多条", "more_than", 300, 400, 399, 400),
        (4000, "涉及近4000人", "nearly", 3000, 4000, 4000, 4001),
        (87, "全区共发放创业担保贷款87笔", "exact", 87, 87, 87, 86),
        (2, "街道每两月组织一次", "exact", 2, 2, 2, 3),
    ],
)
def test_reading_follows_the_words_of_the_quote(value, quote, kind, low, high, inside, outside):
    reading = read_quote(value, "确数", "个", quote)
    assert (reading.kind, reading.low, reading.high) == (kind, low, high)
    assert reading.allows(inside) and not reading.allows(outside)


def test_nearly_and_more_than_on_one_number_is_contradictory():
    reading = read_quote(4000, "近", "人", "涉及近4000余人")
    assert reading.kind == "contradictory" and reading.written == "近4000余"
    assert not any(reading.allows(x) for x in (3999, 4000, 4001, 4500))
    assert reading.rule() == "contradictory: 近4000余"


def test_a_quote_without_the_number_falls_back_on_the_qualifier():
    assert read_quote(1995, "约", "年", "始建于上世纪90年代中期").rule(year=True) == (
        "1993 ≤ x ≤ 1997"
    )
    assert read_quote(100, "确数", "%", "实现全覆盖").kind == "exact"
    with pytest.raises(ValueError, match="qualifier"):
        read_quote(3, "大约", "个", "没有数字")


def test_the_shipped_page_is_read_as_written(table):
    row = table.set_index("figure_id")
    assert row.loc["zxl-cadre-days-per-week", "rule"] == "x ≥ 0.5"  # 每周至少半天
    assert row.loc["zxl-cadre-days-per-week", "reading"] == "at_least"
    assert row.loc["hrss-salary-promotions", "reading"] == "contradictory"
    assert row.loc["loans-amount", "rule"] == "13,895,000 ≤ x < 13,905,000"
    assert row.loc["zxl-households-surveyed", "rule"] == "2,400 ≤ x < 2,500"
    assert row.loc["six-small-joint-inspection", "reading"] == "date"


def test_statuses_are_ordered_and_matches_is_their_meaning(table):
    assert list(table["status"].cat.categories) == [
        MATCH,
        MATCH_BY_CONSTRUCTION,
        MISMATCH,
        CONTRADICTORY,
        NOT_COMPUTABLE,
    ]
    assert table["matches"].tolist() == table["status"].isin(MATCHING).tolist()


# --- by construction on synthetic records, plain match on imported ones ------------------


def test_imported_records_give_plain_match_and_say_where_rows_come_from(frames):
    imported = {name: _imported(frames[name]) for name in ("loans", "compounds")}
    row = analysis.reconcile(dict(frames, **imported)).set_index("figure_id")
    assert row.loc["loans-count", "status"] == MATCH
    assert row.loc["loans-count", "records"] == "imported"
    assert row.loc["zxl-compounds", "status"] == MATCH
    # read from compounds (imported) and consultations (not): the mix is said
    assert row.loc["zxl-consultations", "status"] == MATCH
    assert row.loc["zxl-consultations", "records"] == "imported + synthetic"
    assert row.loc["zxl-consultations", "datasets"] == "compounds, consultations"
    # communities were not imported: still synthetic, still by construction
    assert row.loc["loans-publicity-communities", "status"] == MATCH_BY_CONSTRUCTION
    assert row.loc["loans-publicity-communities", "records"] == "synthetic"
    for fid in ("zxl-evaluation-interval", "six-small-joint-inspection"):
        assert row.loc[fid, "status"] == MATCH_BY_CONSTRUCTION


def test_ledger_folder_flips_by_construction_to_match(frames, tmp_path, monkeypatch):
    folder = tmp_path / "ledgers"
    (folder / "loans").mkdir(parents=True)
    frames["loans"].assign(issued_on=frames["loans"]["issued_on"].dt.strftime("%Y-%m-%d")).to_csv(
        folder / "loans" / "accepted.csv", index=False
    )
    monkeypatch.setenv("SHANGJIE_LEDGER_DIR", str(folder))
    row = analysis.reconcile().set_index("figure_id")
    assert row.loc["loans-count", "status"] == MATCH
    assert row.loc["loans-amount", "status"] == MATCH
    assert row.loc["loans-count", "records"] == "imported"
    assert row.loc["ldj-built-year", "status"] == MATCH_BY_CONSTRUCTION
    assert row.loc["loans-publicity-communities", "records"] == "synthetic"


def test_the_command_prints_published_and_computed_values(capsys):
    from analysis.__main__ import main

    assert main(["reconcile"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "13,900,000 元 (1390万)" in lines["loans-amount"]
    assert "13,895,000 ≤ x < 13,905,000" in lines["loans-amount"]
    assert MATCH_BY_CONSTRUCTION in lines["loans-amount"] and "synthetic" in lines["loans-amount"]
    assert CONTRADICTORY in lines["hrss-salary-promotions"]
    assert "x ≥ 0.5" in lines["zxl-cadre-days-per-week"]
    assert "contradictory wording: 1" in out
