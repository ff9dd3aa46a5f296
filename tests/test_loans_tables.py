"""What readers see of the loans: ``loans.tables`` (labelled columns, no internal ids,
names in the edition, marks kept, no empty 未记录 row) and the charts whose bars or points
could give a hidden count away (the amount histogram, the cumulative curve, the Lorenz CSV)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import analysis
import analysis.config
from analysis import loans
from analysis.loans._sizes import size_bins
from analysis.loans.charts import cumulative_points
from analysis.presentation._display import chart_metadata
from analysis.presentation.columns import COLUMNS
from analysis.rules import disclosure

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _settings():
    yield
    analysis.config.reset()
    plt.close("all")


def _text(frame: pd.DataFrame) -> str:
    return frame.to_string()


def test_every_column_shown_has_a_label(loans_df, units_df, communities_df):
    table = analysis.reconcile({"loans": loans_df, "communities": communities_df})
    head = loans.summary(loans_df)
    frames = [
        loans.tables.figures(table.loc[table["figure_id"].str.startswith("loans-")], "en"),
        loans.tables.headline(head),
        loans.tables.caps(loans.cap_usage(loans_df), "en"),
        loans.tables.by_unit(loans.by_unit(loans_df, units_df, communities_df), "en"),
        loans.tables.by_community(loans.by_community(loans_df, communities_df), "en"),
        loans.tables.groups(loans.group_shares(loans_df, "sector"), "en"),
        loans.tables.jobs(loans.jobs_by_group(loans_df, "borrower_category"), "en"),
        loans.tables.concentration(loans.concentration(loans_df, communities_df)[0], "en"),
        loans.tables.effect(head, loans.group_shares(loans_df, "status")),
    ]
    for frame in frames:
        assert all(c in COLUMNS for c in frame.columns), list(frame.columns)
        assert not {"figure_id", "community_id", "unit_id", "name_zh"} & set(frame.columns)
        assert not HAN.search(_text(frame)), _text(frame)
        assert frame.attrs["datasets"]


def test_group_tables_keep_a_counted_not_recorded_row_and_drop_an_empty_one(loans_df):
    by_status = loans.group_shares(loans_df, "status")
    assert "未记录" in by_status["status"].astype(str).tolist()  # the metric keeps every row
    assert int(by_status.loc[by_status["status"].astype(str) == "未记录", "loans"].iloc[0]) == 0
    shown = loans.tables.groups(by_status, "en")
    assert "Not recorded" not in shown["status"].tolist() and len(shown) == len(by_status) - 1
    by_sector = loans.group_shares(loans_df, "sector")
    marks = disclosure.protect_table(by_sector, "loans", ["amount_yuan"])
    shown = loans.tables.groups(by_sector, "en")
    assert "Not recorded" in shown["sector"].tolist()  # it counts loans: kept
    # Marks exactly as the disclosure rules decide them, row by row.
    assert shown["loans"].tolist() == marks["loans"].tolist()
    zh = loans.tables.groups(by_sector, "zh")
    assert "未记录" in zh["sector"].tolist()


def test_community_table_marks_within_units_and_names_in_english(loans_df, communities_df):
    per_community = loans.by_community(loans_df, communities_df)
    marks = disclosure.protect_table(per_community, "loans", ["amount_yuan"], within="unit_id")
    shown = loans.tables.by_community(per_community, "en")
    assert shown["loans"].tolist() == marks["loans"].tolist()
    assert shown["community"].tolist() == per_community["name_en"].tolist()
    mine = loans.tables.by_community(per_community, "zh", unit_id="xiawo")
    assert len(mine) == int((communities_df["unit_id"].astype(str) == "xiawo").sum())
    assert set(mine["unit"]) == {"峡窝镇"}


def test_the_effect_table_hides_what_the_status_table_hides(loans_df):
    head = loans.summary(loans_df)
    analysis.configure(small_cell_threshold=4)  # the 3 overdue loans are now a small cell
    by_status = loans.group_shares(loans_df, "status")
    assert disclosure.protect_table(by_status, "loans").loc[1, "loans"] == disclosure.MARK
    shown = loans.tables.effect(head, by_status).iloc[0]
    assert shown["overdue"] == shown["overdue_share"] == disclosure.MARK
    assert shown["jobs"] == f"{int(loans_df['jobs_created'].sum()):,}"


def test_histogram_bins_do_not_give_the_business_count_away(loans_df):
    bins = size_bins(loans_df)
    assert bins.attrs["released"]
    business = (bins["borrower_kind"] == "business").to_numpy()
    assert bins.loc[business, "loans"].sum() == int(
        (loans_df["borrower_category"].astype(str) == "小微企业").sum()
    )
    status = disclosure.cell_status(bins["loans"])
    by_category = loans.group_shares(loans_df, "borrower_category")
    hidden = disclosure.cell_status(by_category["loans"])
    is_business = (by_category["borrower_category"].astype(str) == "小微企业").to_numpy()
    if hidden[is_business].iloc[0] != disclosure.SHOWN:
        # The table hides the small-business count: so must the business panel's bars.
        assert (status[business] != disclosure.SHOWN).any()
    axes = loans.plot_amount_histogram(loans_df, lang="en")
    heights = {
        (kind, round(b.get_x() + b.get_width() / 2, 1)): b.get_height()
        for kind, ax in zip(("individual", "business"), axes, strict=True)
        for b in ax.patches
    }
    for row, s in zip(bins.itertuples(), status, strict=True):
        expected = 0 if s != disclosure.SHOWN else row.loans
        assert heights[(row.borrower_kind, round(row.amount_wan, 1))] == expected
    csv = chart_metadata(axes[0].get_figure(), "en")["csv"]
    assert ",x" in csv  # the download says "x" where the chart draws no bar


def test_histogram_withheld_rather_than_hiding_a_unit_total(units_df, communities_df):
    """Five loans in one unit, each alone in its bin: drawing them would pin each one, and
    protecting them would hide the unit's count (= the published total)."""
    rows = [(f"A{i}", 90_000 + 10_000 * i) for i in range(5)]
    records = pd.DataFrame(rows, columns=["loan_id", "amount_yuan"]).assign(
        issued_on=pd.Timestamp("2020-05-02"),
        unit_id="zhongxinlu",
        community_id="zhongxinlu-c01",
        borrower_category="高校毕业生",
        sector="餐饮",
        gender="女",
        jobs_created=2,
        status="正常还款",
    )
    assert not size_bins(records).attrs["released"]
    per_unit = loans.by_unit(records, units_df, communities_df)
    statuses = disclosure.cell_status(per_unit["loans"])
    assert (statuses == disclosure.SHOWN).all()
    axes = loans.plot_amount_histogram(records, lang="en")
    assert all(b.get_height() == 0 for ax in axes for b in ax.patches)
    f = loans.findings.sizes(records, loans.cap_usage(records), "en")
    assert "most common" not in f.text


def test_cumulative_points_never_isolate_a_hidden_month():
    masked = np.array([False, True, False, False, True])
    drawn = cumulative_points(masked)
    # Hidden months get no point, nor the last shown month before a hidden tail.
    assert drawn.tolist() == [True, False, True, False, False]
    assert cumulative_points(np.array([False, False])).tolist() == [True, True]
    assert cumulative_points(np.array([True])).tolist() == [False]


def test_timeline_chart_and_download_skip_hidden_months(loans_df):
    timeline = loans.monthly_timeline(loans_df)
    cells = disclosure.chart_cells(timeline["loans"])
    ax = loans.plot_timeline(timeline, lang="en")
    line = [ln for a in ax.get_figure().axes for ln in a.get_lines() if ln.get_marker() == "o"]
    assert len(line) == 1
    assert len(line[0].get_xdata()) == int(cumulative_points(cells["masked"].to_numpy()).sum())
    csv = chart_metadata(ax.get_figure(), "en")["csv"]
    assert csv.count(",x") >= 2 * int(cells["masked"].sum())


def test_lorenz_download_holds_the_legend_not_the_curves(loans_df, communities_df):
    summary, curves = loans.concentration(loans_df, communities_df)
    ax = loans.plot_lorenz(summary, curves, lang="en")
    csv = chart_metadata(ax.get_figure(), "en")["csv"].strip().splitlines()
    assert len(csv) == 1 + len(summary)
    assert "0.3" in csv[1] and "Gini" in csv[0]
