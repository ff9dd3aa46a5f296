"""Loan metrics against hand-computed expectations, and the loan charts.

Gini conventions under test (analysis/loans.py): population form, so n values give at
most (n - 1) / n; one value or all-equal values give 0; an empty set, a missing or
negative value, or an all-zero set raise ValueError (undefined, not 0 and not NaN).
"""

from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.loans import charts as loans_plots
from analysis.loans import metrics as loans
from analysis.presentation import style
from analysis.rules import disclosure, inequality

# --- Gini, Lorenz, top share ---------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5, 5, 5], 0.0),  # all equal
        ([7], 0.0),  # a single loan
        ([0, 0, 1], 2 / 3),  # one holds all: the maximum (n - 1) / n
        ([1, 1, 2, 2], 1 / 6),  # ties: Σ|xi - xj| = 8 over 2 · 4² · 1.5 = 48
        ([1, 2, 3, 4], 0.25),  # Σ|xi - xj| = 20 over 2 · 4² · 2.5 = 80
        ([0, 10, 10], 1 / 3),  # a zero counts: 40 over 2 · 3² · 20/3 = 120
    ],
)
def test_gini_hand_computed(values, expected):
    assert inequality.gini(values) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "message"),
    [([], "empty"), ([0, 0], "zero"), ([1, -1], "non-negative"), ([1.0, np.nan], "missing")],
)
def test_gini_undefined_cases_raise(values, message):
    with pytest.raises(ValueError, match=message):
        inequality.gini(values)


def test_lorenz_points_hand_computed_from_unsorted_input():
    curve = inequality.lorenz_curve([2, 1, 1])
    assert curve["population_share"].tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert curve["amount_share"].tolist() == pytest.approx([0, 0.25, 0.5, 1])


def test_lorenz_with_zeros_stays_flat_then_jumps():
    assert inequality.lorenz_curve([0, 0, 4])["amount_share"].tolist() == [0, 0, 0, 1]


def test_gini_equals_one_minus_twice_the_area_under_the_lorenz_curve():
    values = [30, 0, 120, 50, 50, 200]
    curve = inequality.lorenz_curve(values)
    x, y = curve["population_share"].to_numpy(), curve["amount_share"].to_numpy()
    area = float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2))
    assert inequality.gini(values) == pytest.approx(1 - 2 * area)


def test_top_share_hand_computed():
    # Ten loans, the largest 11 of a total 20: the top 10 % hold 55 %.
    assert inequality.top_share([1] * 9 + [11]) == pytest.approx(0.55)
    # Pro rata for a fraction of a loan: top 25 % of four loans = 1 loan; top 50 % = 2.
    assert inequality.top_share([1, 2, 3, 4], 0.25) == pytest.approx(0.4)
    assert inequality.top_share([1, 1, 1, 1], 0.1) == pytest.approx(0.1)  # all equal
    with pytest.raises(ValueError, match="share"):
        inequality.top_share([1, 2], 0)


amounts = st.lists(st.integers(min_value=0, max_value=3_000_000), min_size=1, max_size=60).filter(
    lambda xs: sum(xs) > 0
)


@settings(max_examples=150, deadline=None)
@given(amounts, st.randoms(use_true_random=False), st.integers(min_value=1, max_value=1000))
def test_gini_bounds_and_invariances(values, rnd, factor):
    g = inequality.gini(values)
    n = len(values)
    assert 0 <= g < 1
    assert g <= (n - 1) / n + 1e-12
    shuffled = list(values)
    rnd.shuffle(shuffled)
    assert inequality.gini(shuffled) == pytest.approx(g, abs=1e-12)
    assert inequality.gini([v * factor for v in values]) == pytest.approx(g, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(amounts)
def test_lorenz_is_monotone_convex_and_below_equality(values):
    curve = inequality.lorenz_curve(values)
    x, y = curve["population_share"].to_numpy(), curve["amount_share"].to_numpy()
    assert y[0] == 0 and y[-1] == pytest.approx(1)
    assert (np.diff(y) >= -1e-12).all()
    assert (y <= x + 1e-12).all()
    assert (np.diff(np.diff(y)) >= -1e-12).all()  # increments grow: sorted ascending


# --- breakdowns on a hand-built frame --------------------------------------------------


@pytest.fixture
def small_loans() -> pd.DataFrame:
    cats = ["城镇登记失业人员", "高校毕业生", "小微企业", "未记录"]
    return pd.DataFrame(
        {
            "loan_id": ["L1", "L2", "L3", "L4", "L5"],
            "issued_on": pd.to_datetime(
                ["2020-01-10", "2020-01-20", "2020-04-20", "2020-04-21", "2020-05-02"]
            ),
            "unit_id": ["jiyuanlu", "jiyuanlu", "xiawo", "jiyuanlu", "xiawo"],
            "community_id": ["j1", "j1", "x1", "j2", "x1"],
            "amount_yuan": [100_000, 150_000, 200_000, 500_000, 50_000],
            # 高校毕业生 has no loan: an empty group; L5's category was never recorded.
            "borrower_category": pd.Categorical(
                ["城镇登记失业人员", "城镇登记失业人员", "城镇登记失业人员", "小微企业", None],
                categories=cats,
                ordered=True,
            ),
            "jobs_created": [1, 2, 3, 20, 2],
            "status": pd.Categorical(
                ["已结清", "正常还款", "逾期", "正常还款", "正常还款"],
                categories=["正常还款", "逾期", "已结清"],
                ordered=True,
            ),
        }
    )


@pytest.fixture
def small_communities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "community_id": ["x1", "j2", "j1", "x2"],  # x2 was reached but got no loan
            "unit_id": pd.Categorical(
                ["xiawo", "jiyuanlu", "jiyuanlu", "xiawo"],
                categories=["shangjie", "jiyuanlu", "xiawo"],
                ordered=True,
            ),
            "name_zh": ["峡1", "济2", "济1", "峡2"],
            "name_en": ["X1", "J2", "J1", "X2"],
        }
    )


@pytest.fixture
def small_units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["xiawo", "shangjie", "jiyuanlu", "zhongxinlu"],
            "name_zh": ["峡窝镇", "上街区", "济源路街道", "中心路街道"],
            "name_en": ["Xiawo", "Shangjie", "Jiyuanlu", "Zhongxinlu"],
            "parent_id": ["shangjie", None, "shangjie", "shangjie"],
            "sort_order": [6, 0, 1, 2],
        }
    )


def test_group_shares_keep_empty_and_not_recorded_groups(small_loans):
    out = loans.group_shares(small_loans, "borrower_category")
    assert out["borrower_category"].tolist() == [
        "城镇登记失业人员",
        "高校毕业生",
        "小微企业",
        "未记录",
    ]
    assert out["loans"].tolist() == [3, 0, 1, 1]
    assert out["amount_yuan"].tolist() == [450_000, 0, 500_000, 50_000]
    assert out["loan_share"].tolist() == pytest.approx([0.6, 0, 0.2, 0.2])
    assert out["amount_share"].sum() == pytest.approx(1.0)
    assert out["loan_share"].sum() == pytest.approx(1.0)
    assert out["mean_amount_yuan"].iloc[0] == pytest.approx(150_000)
    assert np.isnan(out["mean_amount_yuan"].iloc[1])  # empty group: undefined, not 0


def test_group_shares_errors_name_the_problem(small_loans):
    # A ledger without a sector column: every loan is 未记录, nothing fails.
    out = loans.group_shares(small_loans, "sector").set_index("sector")
    assert out.loc["未记录", "loans"] == len(small_loans) and out["loans"].sum() == 5
    with pytest.raises(KeyError, match="amount_yuan"):
        loans.group_shares(small_loans.drop(columns="amount_yuan"), "borrower_category")


def test_group_shares_keep_a_value_the_vocabulary_does_not_know(small_loans):
    # A ledger's own wording is shown as it stands, after the vocabulary's categories.
    odd = small_loans.assign(borrower_category=small_loans["borrower_category"].astype(str))
    odd.loc[0, "borrower_category"] = "网店店主"
    out = loans.group_shares(odd, "borrower_category")
    assert "网店店主" in out["borrower_category"].astype(str).tolist()
    assert out.loc[out["borrower_category"].astype(str) == "网店店主", "loans"].item() == 1
    assert out["loans"].sum() == len(odd)


def test_by_community_keeps_communities_without_loans(small_loans, small_communities):
    out = loans.by_community(small_loans, small_communities)
    assert out["community_id"].tolist() == ["j1", "j2", "x1", "x2"]  # unit order, then id
    assert out["loans"].tolist() == [2, 1, 2, 0]
    assert out["amount_yuan"].tolist() == [250_000, 500_000, 250_000, 0]
    assert out["amount_share"].sum() == pytest.approx(1.0)


def test_by_community_shows_unknown_or_misplaced_communities_as_they_are(
    small_loans, small_communities
):
    # A name the list lacks is a row of its own, under the ledger's name; none is dropped.
    out = loans.by_community(small_loans.assign(community_id="东街社区"), small_communities)
    added = out[out["community_id"] == "东街社区"]
    assert added["unit_id"].tolist() == ["jiyuanlu", "xiawo"]
    assert added["loans"].tolist() == [3, 2] and added["name_en"].tolist() == ["东街社区"] * 2
    assert out["loans"].sum() == 5 and out.attrs["unlisted"] == ["东街社区", "东街社区"]
    # A community filed under another unit than the list's is its own (community, unit) row.
    moved = small_loans.copy()
    moved.loc[0, "unit_id"] = "xiawo"
    out = loans.by_community(moved, small_communities)
    assert out.loc[(out["community_id"] == "j1") & (out["unit_id"] == "xiawo"), "loans"].item() == 1
    assert (
        out.loc[(out["community_id"] == "j1") & (out["unit_id"] == "jiyuanlu"), "loans"].item() == 1
    )


def test_by_unit_counts_communities_reached_and_leaves_out_the_district(
    small_loans, small_communities, small_units
):
    out = loans.by_unit(small_loans, small_units, small_communities).set_index("unit_id")
    assert out.index.tolist() == ["jiyuanlu", "zhongxinlu", "xiawo"]  # sort_order, no district
    assert out.loc["jiyuanlu", ["communities", "communities_with_loans", "loans"]].tolist() == [
        2,
        2,
        3,
    ]
    assert out.loc["xiawo", ["communities", "communities_with_loans", "loans"]].tolist() == [
        2,
        1,
        2,
    ]
    # A unit with no community and no loan is a zero row with an undefined mean.
    assert out.loc["zhongxinlu", "loans"] == 0 and np.isnan(
        out.loc["zhongxinlu", "mean_amount_yuan"]
    )


def test_concentration_across_loans_and_communities(small_loans, small_communities):
    summary, curves = loans.concentration(small_loans, small_communities)
    summary = summary.set_index("level")
    assert summary.loc["loans", "n"] == 5 and summary.loc["communities", "n"] == 4
    assert summary.loc["loans", "gini"] == pytest.approx(inequality.gini([1, 1.5, 2, 5, 0.5]))
    # Communities 0, 250k, 250k, 500k: Σ|xi - xj| = 3,000,000 over 2 · 16 · 250,000.
    assert summary.loc["communities", "gini"] == pytest.approx(0.375)
    assert summary.loc["communities", "top_share"] == pytest.approx(0.4 * 0.5)  # 0.4 of 500k
    assert curves.groupby("level").size().to_dict() == {"communities": 5, "loans": 6}


def test_monthly_timeline_keeps_empty_months(small_loans):
    out = loans.monthly_timeline(small_loans, as_of="2020-06-15")
    assert out["month"].dt.strftime("%Y-%m").tolist() == [
        "2020-01",
        "2020-02",
        "2020-03",
        "2020-04",
        "2020-05",
        "2020-06",
    ]
    assert out["loans"].tolist() == [2, 0, 0, 2, 1, 0]
    running = [250_000, 250_000, 250_000, 950_000, 1_000_000, 1_000_000]
    assert out["cumulative_amount_yuan"].tolist() == running


def test_monthly_timeline_refuses_loans_after_the_as_of_date(small_loans):
    with pytest.raises(ValueError, match="1 loan\\(s\\) issued after .*2020-04-30"):
        loans.monthly_timeline(small_loans, as_of="2020-04-30")
    assert loans.monthly_timeline(small_loans.iloc[:0]).empty  # no loan: no month, no error


def test_jobs_by_group_rates_and_empty_group(small_loans):
    out = loans.jobs_by_group(small_loans, "borrower_category").set_index("borrower_category")
    assert out.loc["城镇登记失业人员", "jobs"] == 6
    assert out.loc["城镇登记失业人员", "jobs_per_loan"] == pytest.approx(2.0)
    # 6 jobs over 450,000 yuan = 4.5 lots of 100,000 yuan.
    assert out.loc["城镇登记失业人员", "jobs_per_100k_yuan"] == pytest.approx(6 / 4.5)
    assert out.loc["小微企业", "jobs_per_100k_yuan"] == pytest.approx(4.0)
    assert np.isnan(out.loc["高校毕业生", "jobs_per_loan"])
    assert np.isnan(out.loc["高校毕业生", "jobs_per_100k_yuan"])


def test_status_by_group_keeps_every_cell(small_loans):
    table = loans.status_by_group(small_loans, "borrower_category")
    assert table.columns.tolist() == ["正常还款", "逾期", "已结清"]
    assert table.to_numpy().tolist() == [[1, 1, 1], [0, 0, 0], [1, 0, 0], [1, 0, 0]]
    assert table.index.name == "borrower_category"


def test_summary_hand_computed(small_loans):
    row = loans.summary(small_loans).iloc[0]
    assert (row["loans"], row["amount_yuan"]) == (5, 1_000_000)
    assert row["mean_yuan"] == 200_000 and row["median_yuan"] == 150_000
    assert row["jobs_per_100k_yuan"] == pytest.approx(28 / 10)
    assert row["overdue_share"] == pytest.approx(1 / 5)
    assert row["overdue_share_outstanding"] == pytest.approx(1 / 4)  # L1 is repaid
    empty = loans.summary(small_loans.iloc[:0]).iloc[0]  # nothing lent: counts 0, means undefined
    assert empty["loans"] == 0 and np.isnan(empty["mean_yuan"]) and np.isnan(empty["jobs"])


def test_cap_usage_uses_the_cap_in_force(small_loans):
    out = loans.cap_usage(small_loans).set_index("borrower_type")
    # L2 (150,000 before 15 Apr 2020) is at the 2018 cap; L3 (200,000 after) at the 2020 cap.
    assert out.loc["individual_2018", ["loans", "at_cap", "above_cap"]].tolist() == [2, 1, 0]
    assert out.loc["individual_2020", ["loans", "at_cap", "above_cap"]].tolist() == [2, 1, 0]
    assert out.loc["small_business", ["loans", "at_cap", "max_yuan"]].tolist() == [1, 0, 500_000]


# --- the shipped (synthetic) loans ------------------------------------------------------


def test_shipped_loans_reconcile_with_the_page(loans_frame):
    table = analysis.reconcile({"loans": loans_frame})
    rows = table[table["figure_id"].isin(loans.LOAN_FIGURES)]
    # "match", or "match (by construction)" where the generator wrote the figure in.
    assert all(s.startswith("match") for s in rows["status"].astype(str))
    assert len(rows) == 2
    row = loans.summary(loans_frame).iloc[0]
    assert (row["loans"], row["amount_yuan"]) == (87, 13_900_000)


def test_shipped_loans_respect_the_caps_and_cover_every_community(loans_frame, communities_df):
    assert loans.cap_usage(loans_frame)["above_cap"].sum() == 0
    per_community = loans.by_community(loans_frame, communities_df)
    assert len(per_community) == 36 and per_community["loans"].sum() == 87
    for by in ("borrower_category", "sector", "gender"):
        assert "未记录" in loans.group_shares(loans_frame, by)[by].tolist()


@pytest.fixture(scope="module")
def loans_frame(loans_df) -> pd.DataFrame:  # the session fixture, renamed: `loans` is the module
    return loans_df


# --- charts ------------------------------------------------------------------------------


@pytest.fixture
def _style():
    style.set_style("zh")
    yield
    plt.close("all")
    style.set_style("zh")


def _render(ax) -> None:
    fig = (ax[0] if isinstance(ax, np.ndarray) else ax).get_figure(root=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning
        fig.savefig(io.BytesIO(), format="png")
    captions = {style.synthetic_caption("zh"), style.synthetic_caption("en")}
    assert captions & {t.get_text() for t in fig.texts}  # the edition's synthetic caption


@pytest.mark.usefixtures("_style")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_renders_with_title_and_units(loans_frame, communities_df, units_df, lang):
    summary, curves = loans.concentration(loans_frame, communities_df)
    charts = [
        loans_plots.plot_amount_histogram(loans_frame, lang=lang),
        loans_plots.plot_by_unit(loans.by_unit(loans_frame, units_df, communities_df), lang=lang),
        loans_plots.plot_by_community(loans.by_community(loans_frame, communities_df), lang=lang),
        loans_plots.plot_groups(loans.group_shares(loans_frame, "sector"), lang=lang),
        loans_plots.plot_lorenz(summary, curves, lang=lang),
        loans_plots.plot_timeline(loans.monthly_timeline(loans_frame), lang=lang),
        loans_plots.plot_jobs(loans.jobs_by_group(loans_frame, "borrower_category"), lang=lang),
        loans_plots.plot_status(loans.status_by_group(loans_frame, "borrower_category"), lang),
    ]
    for ax in charts:
        _render(ax)
        first = ax[0] if isinstance(ax, np.ndarray) else ax
        fig = first.get_figure(root=True)
        assert first.get_title(loc="left") or fig.get_suptitle()
        assert first.get_xlabel()


@pytest.mark.usefixtures("_style")
def test_hidden_cells_get_a_mark_and_no_bar(small_loans):
    # Table by table: 城镇登记失业人员 3 shown; 小微企业 1 and 未记录 1 hidden; 高校毕业生 0.
    frame = loans.group_shares(small_loans, "borrower_category")
    planned = disclosure.cell_status(frame["loans"])
    # Over the whole release the 3 is hidden too: every cell of its row of the status
    # cross-tabulation is a single loan, and the business loan is also gender 不适用.
    assert list(planned) == ["complement", "shown", "small", "small"]
    frame.attrs.pop("disclosure")
    axes = loans_plots.plot_groups(frame)
    assert [b.get_width() for b in axes[0].containers[0]] == [3, 0, 0, 0]
    assert [b.get_width() for b in axes[1].containers[0]] == [45, 0, 0, 0]  # 万元
    texts = [t.get_text() for t in axes[0].texts]
    assert texts == ["3（60%）", "0（0%）", "x", "x"]
    assert [t.get_text() for t in axes[1].texts] == ["45", "0", "x", "x"]


@pytest.mark.usefixtures("_style")
def test_status_grid_labels_follow_the_protection(small_loans):
    ax = loans_plots.plot_status(loans.status_by_group(small_loans, "borrower_category"))
    texts = [t.get_text() for t in ax.texts]
    assert "1" not in texts and texts.count("x") == 5 and texts.count("0") == 7
