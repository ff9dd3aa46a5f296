"""A unit's loans beside the district's: ``loans.unit_comparison`` and ``loans.unit_points``
on the shipped data, with hidden counts, a unit without loans and an imported ledger."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
import analysis.config
from analysis import loans
from analysis.loans._unit import MEASURES, poisson_rate
from analysis.presentation.findings import count, number, percent
from analysis.rules import disclosure
from analysis.rules.intervals import wilson

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _settings():
    yield
    analysis.config.reset()


def _row(table: pd.DataFrame, key: str, lang: str) -> pd.Series:
    return table.set_index("measure").loc[MEASURES.text(key, lang)]


def test_the_unit_beside_the_district_on_the_shipped_data(loans_df, units_df, communities_df):
    table = loans.unit_comparison("zhongxinlu", loans_df, units_df, communities_df, lang="en")
    assert list(table.columns) == ["measure", "this_unit", "district"]
    mine = loans_df[loans_df["unit_id"].astype(str) == "zhongxinlu"]
    assert _row(table, "loans", "en").tolist() == [count(len(mine)), count(len(loans_df))]
    assert _row(table, "amount_yuan", "en").tolist() == [
        number(mine["amount_yuan"].sum()),
        number(loans_df["amount_yuan"].sum()),
    ]
    assert _row(table, "mean_yuan", "en")["district"] == number(loans_df["amount_yuan"].mean())
    # Communities with a loan: the share and its Wilson interval, for the unit and the district.
    listed = communities_df[communities_df["unit_id"].astype(str) == "zhongxinlu"]
    reached = mine["community_id"].nunique()
    low, high = wilson(reached, len(listed))
    assert _row(table, "communities_with_loans", "en")["this_unit"] == (
        f"{reached} of {len(listed)} ({percent(reached / len(listed), 0)}; "
        f"{percent(low, 0)}–{percent(high, 0)})"
    )
    rate_low, rate_high = poisson_rate(len(mine), len(listed))
    assert _row(table, "loans_per_community", "en")["this_unit"] == (
        f"{number(len(mine) / len(listed), 1)} ({number(rate_low, 1)}–{number(rate_high, 1)})"
    )
    assert not HAN.search(table.to_string())
    zh = loans.unit_comparison("zhongxinlu", loans_df, units_df, communities_df, lang="zh")
    assert HAN.search(" ".join(zh["measure"]))
    assert zh["district"].tolist()[:2] == table["district"].tolist()[:2]


def test_the_same_scale_whatever_the_unit(loans_df, units_df, communities_df):
    """District values do not depend on which unit the page is about."""
    a = loans.unit_comparison("zhongxinlu", loans_df, units_df, communities_df, lang="en")
    b = loans.unit_comparison("xiawo", loans_df, units_df, communities_df, lang="en")
    assert a["district"].tolist() == b["district"].tolist()
    assert a["this_unit"].tolist() != b["this_unit"].tolist()


def test_a_hidden_unit_count_reads_as_the_tables_show_it(loans_df, units_df, communities_df):
    analysis.configure(small_cell_threshold=12)  # xiawo's 9 loans are now a small cell
    per_unit = loans.by_unit(loans_df, units_df, communities_df)
    shown = disclosure.protect_table(per_unit, "loans", ["amount_yuan"]).set_index("unit_id")
    assert shown.loc["xiawo", "loans"] == disclosure.MARK
    table = loans.unit_comparison("xiawo", loans_df, units_df, communities_df, lang="en")
    for key in ("loans", "amount_yuan", "mean_yuan", "loans_per_community"):
        assert _row(table, key, "en")["this_unit"] == disclosure.MARK, key
    assert table.attrs["values"]["loans"] is None
    points = loans.unit_points("xiawo", loans_df, units_df, communities_df, lang="en")
    n = int((loans_df["unit_id"].astype(str) == "xiawo").sum())
    assert "hidden" in points[0] and f" {n} " not in points[0]
    assert "1,160,000" not in " ".join(points)


def test_unit_points_state_the_unit_and_the_district(loans_df, units_df, communities_df):
    points = loans.unit_points("zhongxinlu", loans_df, units_df, communities_df, lang="en")
    n = int((loans_df["unit_id"].astype(str) == "zhongxinlu").sum())
    low, high = wilson(n, len(loans_df))
    assert f"{n} of the district's {len(loans_df)} loans" in points[0]
    assert f"{percent(low, 0)}–{percent(high, 0)}" in points[0]
    assert "(district: " in points[1]
    assert not HAN.search(" ".join(points))
    zh = loans.unit_points("zhongxinlu", loans_df, units_df, communities_df, lang="zh")
    assert "中心路街道" in zh[0] and len(zh) == 2


def test_a_unit_without_loans(loans_df, units_df, communities_df):
    records = loans_df[loans_df["unit_id"].astype(str) != "xiawo"]
    table = loans.unit_comparison("xiawo", records, units_df, communities_df, lang="en")
    assert _row(table, "loans", "en")["this_unit"] == "0"
    assert _row(table, "mean_yuan", "en")["this_unit"] == disclosure.UNDEFINED
    assert _row(table, "communities_with_loans", "en")["this_unit"].startswith("0 of 4")
    points = loans.unit_points("xiawo", records, units_df, communities_df, lang="en")
    assert points[0].startswith("No loan in the records went to Xiawo Town")


def test_poisson_interval_matches_the_textbook_values():
    low, high = poisson_rate(0, 1)
    assert low == 0 and high == pytest.approx(3.689, abs=1e-3)
    low, high = poisson_rate(10, 2)
    assert (low, high) == (pytest.approx(4.795 / 2, abs=1e-3), pytest.approx(18.390 / 2, abs=1e-3))
    with pytest.raises(ValueError):
        poisson_rate(-1, 1)


def test_an_imported_ledger_lists_its_own_communities(ledger_folder, units_df):
    rows = [("A1", "zhongxinlu", "东街社区", 100_000), ("A2", "zhongxinlu", "东街社区", 120_000)]
    rows += [("A3", "zhongxinlu", "西街社区", 130_000), ("A4", "xiawo", "北村", 90_000)]
    frame = pd.DataFrame(rows, columns=["loan_id", "unit_id", "community_id", "amount_yuan"])
    frame = frame.assign(
        issued_on="2020-05-02",
        term_months=36,
        borrower_category="高校毕业生",
        sector="餐饮",
        gender="女",
        jobs_created=None,
        status="未记录",
    )
    ledger_folder("loans", frame)
    records, communities = analysis.load_loans(), analysis.load_communities()
    table = loans.unit_comparison("zhongxinlu", records, units_df, communities, lang="en")
    assert "Communities the ledger names" in table["measure"].tolist()
    assert table.attrs["datasets"] == ["loans"]
    text = table.to_string() + " ".join(
        loans.unit_points("zhongxinlu", records, units_df, communities, lang="en")
    )
    for word in ("87", "13,900,000", "fictional", "synthetic"):
        assert word not in text
