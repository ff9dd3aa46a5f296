"""The key points of notebook 02 (``loans.key_points``): recomputed on the shipped data, in
English without Chinese, and on empty, one-row and imported ledgers."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
import analysis.config
from analysis import loans
from analysis.presentation.findings import count, number, percent, yuan
from analysis.presentation.keypoints import MAX_POINTS, MIN_POINTS
from analysis.rules.intervals import wilson

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _settings():
    yield
    analysis.config.reset()


@pytest.fixture(scope="module")
def boxes(loans_df, communities_df, units_df):
    return {
        lang: loans.key_points(loans_df, communities_df, units_df, lang=lang)
        for lang in ("zh", "en")
    }


def test_the_points_state_values_recomputed_from_the_records(boxes, loans_df):
    box = boxes["en"]
    assert MIN_POINTS <= len(box.points) <= MAX_POINTS
    v = box.values
    assert v["loans"] == len(loans_df)
    assert v["amount_yuan"] == loans_df["amount_yuan"].sum()
    assert v["median_yuan"] == loans_df["amount_yuan"].median()
    assert (
        f"{count(len(loans_df))} loans worth {yuan(loans_df['amount_yuan'].sum(), 'en')}"
        in (box.points[0])
    )
    per_unit = loans_df["unit_id"].astype(str).value_counts()
    assert v["top_unit"] == per_unit.idxmax() and v["top_loans"] == per_unit.max()
    assert v["bottom_unit"] == per_unit.idxmin() and v["bottom_loans"] == per_unit.min()
    low, high = wilson(per_unit.max(), len(loans_df))
    assert f"{percent(low, 0)}–{percent(high, 0)}" in box.points[1]
    overdue = int((loans_df["status"].astype(str) == "逾期").sum())
    low, high = wilson(overdue, len(loans_df))
    assert (v["overdue"], v["overdue_low"], v["overdue_high"]) == (overdue, low, high)
    assert f"{percent(low)}–{percent(high)}" in " ".join(box.points)
    assert v["jobs"] == loans_df["jobs_created"].sum()
    reached = loans_df["community_id"].nunique()
    assert v["communities_with_loans"] == reached
    assert f"{reached} of the {v['communities']} communities" in box.points[2]
    assert number(v["communities_gini"], 2) in box.points[2]


def test_english_is_english_and_chinese_is_chinese(boxes):
    en, zh = boxes["en"], boxes["zh"]
    assert not HAN.search(en.text) and not HAN.search(en._repr_html_())
    assert len(HAN.findall(zh.text)) > len(zh.text) / 3
    assert 'class="key-points"' in en._repr_html_()
    # The origin of the records is said in the box: synthetic here.
    assert "synthetic" in en.origin[0] and "合成" in zh.origin[0]
    # The same numbers in both editions.
    assert en.values == zh.values


def test_rankings_are_read_with_their_intervals(boxes):
    """On the shipped data the top and bottom units overlap: the box must not rank them."""
    units, groups = boxes["en"].points[1], boxes["en"].points[3]
    assert "do not tell them apart" in units
    assert "do not tell them apart" in groups
    assert "beyond chance" not in units


def test_no_records(loans_df, communities_df, units_df):
    box = loans.key_points(loans_df.iloc[:0], communities_df, units_df, lang="en")
    assert len(box.points) == MIN_POINTS
    assert box.points[0] == "The loan records hold no rows."
    assert box.values["loans"] == 0


def test_one_loan_shows_no_mean_and_no_hidden_count(loans_df, communities_df, units_df):
    box = loans.key_points(loans_df.iloc[:1], communities_df, units_df, lang="en")
    assert MIN_POINTS <= len(box.points) <= MAX_POINTS
    assert "mean" not in box.points[0]
    assert not HAN.search(box.text)


@pytest.fixture
def issuance_ledger(ledger_folder):
    """An imported issuance ledger: no repayment status, no jobs, real community names."""
    rows = [
        ("A1", "2020-03-02", "zhongxinlu", "东街社区", 100_000, "高校毕业生"),
        ("A2", "2020-04-20", "zhongxinlu", "东街社区", 120_000, "高校毕业生"),
        ("A3", "2020-05-02", "zhongxinlu", "西街社区", 130_000, "退役军人"),
        ("A4", "2020-06-12", "xiawo", "北村", 150_000, "高校毕业生"),
        ("A5", "2020-06-15", "xiawo", "北村", 90_000, "退役军人"),
        ("A6", "2020-07-15", "xiawo", "北村", 80_000, "退役军人"),
    ]
    columns = ["loan_id", "issued_on", "unit_id", "community_id", "amount_yuan", "cat"]
    frame = pd.DataFrame(rows, columns=columns).rename(columns={"cat": "borrower_category"})
    frame = frame.assign(
        term_months=36, sector="未记录", gender="未记录", jobs_created=None, status="未记录"
    )
    ledger_folder("loans", frame)
    return frame


def test_an_imported_ledger_is_not_called_synthetic(issuance_ledger, units_df):
    records, communities = analysis.load_loans(), analysis.load_communities()
    for lang in ("zh", "en"):
        box = loans.key_points(records, communities, units_df, lang=lang)
        text = box.text
        for word in ("合成", "synthetic", "虚构", "fictional", "87 ", "159,770", "13,900,000"):
            assert word not in text, (lang, word)
        assert ("imported" if lang == "en" else "导入") in " ".join(box.origin)
        assert box.values["loans"] == len(issuance_ledger)
    en = loans.key_points(records, communities, units_df, lang="en")
    assert "no repayment status" in en.text
    assert "no count of jobs" in en.text
    assert "without a community list" in en.text
    assert not HAN.search(en.text)
