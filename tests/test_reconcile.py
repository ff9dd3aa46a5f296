"""Reconciliation: every computable published figure is reproduced from the records."""

from __future__ import annotations

import pytest

import analysis
from analysis.rules.reconciliation import (
    COMPUTATIONS,
    MATCH,
    MISMATCH,
    NOT_COMPUTABLE,
    RECORD_DATASETS,
    compare,
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


def test_every_computable_figure_matches(table):
    computable = table[table["figure_id"].isin(COMPUTATIONS)]
    assert len(computable) == len(COMPUTATIONS)
    bad = computable[computable["status"] != MATCH]
    assert bad.empty, bad[["figure_id", "published", "computed", "rule"]].to_string()


def test_headline_figures_exact(table):
    row = table.set_index("figure_id")
    assert row.loc["loans-count", "computed"] == "87"
    assert row.loc["loans-amount", "computed"] == "13,900,000"
    assert row.loc["zxl-compounds", "computed"] == "34"
    assert row.loc["zxl-temp-party-orgs", "computed"] == "19"
    assert row.loc["ldj-tasks", "computed"] == "12"


def test_figures_without_records_are_marked(table):
    rest = table[~table["figure_id"].isin(COMPUTATIONS)]
    assert (rest["status"] == NOT_COMPUTABLE).all()
    assert "hrss-salary-promotions" in set(rest["figure_id"])


def test_no_computation_for_an_unknown_figure():
    assert set(COMPUTATIONS) <= set(analysis.load_published_figures()["figure_id"])


def test_a_missing_loan_is_a_mismatch(frames):
    changed = dict(frames, loans=frames["loans"].iloc[1:])
    row = analysis.reconcile(changed).set_index("figure_id")
    assert row.loc["loans-count", "status"] == MISMATCH
    assert row.loc["loans-amount", "status"] == MISMATCH
    assert row.loc["zxl-compounds", "status"] == MATCH


def test_frames_not_passed_are_loaded(frames):
    only_loans = analysis.reconcile({"loans": frames["loans"].iloc[:10]})
    status = only_loans.set_index("figure_id")["status"]
    assert status["loans-count"] == MISMATCH and status["zxl-compounds"] == MATCH


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
