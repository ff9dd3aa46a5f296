"""Renovation metrics against hand-computed expectations on small frames.

The small checklist, as of 2020-01-31 (days are counted from opened_on):

======  ========  ====  ==========  ==========  ==========  =====================
task    compound  cat.  opened      planned     closed      as of 2020-01-31
======  ========  ====  ==========  ==========  ==========  =====================
t1      c1        管网  2020-01-01  2020-01-11  2020-01-06  closed on time, 5 d
t2      c1        路面  2020-01-01  2020-01-21  2020-01-26  closed 5 d late, 25 d
t3      c1        照明  2020-01-11  2020-01-21  —           overdue 10 d, 20 d open
t4      c2        管网  2020-01-21  2020-02-10  —           open, not due, 10 d open
t5      c2        照明  2020-01-06  2020-01-31  2020-02-05  open (closed after as-of;
                                                            due on the as-of day), 25 d
t6      c4        管网  2020-01-15  2020-01-20  2020-01-20  closed on the day, 5 d
======  ========  ====  ==========  ==========  ==========  =====================

c1 (pilot) and c2 are in 中心路街道, c3 (no tasks) and c4 in 济源路街道; 峡窝镇 has no
compound; category 线缆整治 has no task.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.datasets.loaders import domain_values
from analysis.renovation import case as renovation_case
from analysis.renovation import metrics as renovation
from analysis.renovation import participation as renovation_participation
from analysis.renovation import timing as renovation_timing
from analysis.rules.entities import HOUSING_BUREAU

AS_OF = "2020-01-31"
CATEGORIES = ["地下管网", "路面硬化", "线缆整治", "照明"]
RAISED_BY = ["居民点单", "社区", "街道"]


@pytest.fixture
def s_units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["xiawo", "zhongxinlu", "shangjie", "jiyuanlu"],
            "name_zh": ["峡窝镇", "中心路街道", "上街区", "济源路街道"],
            "name_en": ["Xiawo", "Zhongxinlu", "Shangjie", "Jiyuanlu"],
            "kind": ["镇", "街道", "区", "街道"],
            "parent_id": ["shangjie", "shangjie", None, "shangjie"],
            "sort_order": [6, 2, 0, 1],
        }
    )


@pytest.fixture
def s_compounds() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "compound_id": ["c1", "c2", "c3", "c4"],
            "name_zh": ["甲院", "乙院", "丙院", "丁院"],
            "unit_id": ["zhongxinlu", "zhongxinlu", "jiyuanlu", "jiyuanlu"],
            "property_pilot": [True, False, False, False],
        }
    )


@pytest.fixture
def s_tasks() -> pd.DataFrame:
    d = pd.to_datetime
    return pd.DataFrame(
        {
            "task_id": ["t1", "t2", "t3", "t4", "t5", "t6"],
            "compound_id": ["c1", "c1", "c1", "c2", "c2", "c4"],
            "category": pd.Categorical(
                ["地下管网", "路面硬化", "照明", "地下管网", "照明", "地下管网"], CATEGORIES
            ),
            "raised_by": pd.Categorical(
                ["居民点单", "居民点单", "街道", "社区", "居民点单", "居民点单"], RAISED_BY
            ),
            "opened_on": d(
                ["2020-01-01", "2020-01-01", "2020-01-11", "2020-01-21", "2020-01-06", "2020-01-15"]
            ),
            "planned_on": d(
                ["2020-01-11", "2020-01-21", "2020-01-21", "2020-02-10", "2020-01-31", "2020-01-20"]
            ),
            "closed_on": d(["2020-01-06", "2020-01-26", None, None, "2020-02-05", "2020-01-20"]),
        }
    )


# --- status --------------------------------------------------------------------------


def test_status_counts_a_closure_after_the_as_of_date_as_open(s_tasks):
    status = renovation.task_status(s_tasks, AS_OF)["status"].astype(str).tolist()
    assert status == ["closed", "closed", "overdue", "open", "open", "closed"]


def test_status_on_a_later_date_sees_the_late_closure_and_more_overdue(s_tasks):
    status = renovation.task_status(s_tasks, "2020-02-20")["status"].astype(str).tolist()
    assert status == ["closed", "closed", "overdue", "overdue", "closed", "closed"]


def test_status_rejects_tasks_opened_after_the_as_of_date(s_tasks):
    with pytest.raises(ValueError, match="1 task"):
        renovation.task_status(s_tasks, "2020-01-20")  # t4 opened on 01-21


def test_missing_column_is_named(s_tasks, s_compounds):
    with pytest.raises(KeyError, match="planned_on"):
        renovation.task_status(s_tasks.drop(columns="planned_on"), AS_OF)
    with pytest.raises(KeyError, match="property_pilot"):
        renovation.compound_progress(s_tasks, s_compounds.drop(columns="property_pilot"), AS_OF)


def test_unknown_compound_is_an_error_not_a_silent_drop(s_tasks, s_compounds):
    with pytest.raises(ValueError, match="c2"):
        renovation.compound_progress(
            s_tasks, s_compounds[s_compounds["compound_id"] != "c2"], AS_OF
        )


# --- burn-up -------------------------------------------------------------------------


@pytest.fixture
def s_burn(s_tasks, s_compounds, s_units) -> pd.DataFrame:
    return renovation.burnup(s_tasks, s_compounds, s_units, AS_OF)


def _on(s_burn: pd.DataFrame, unit: str, day: str) -> dict[str, int]:
    rows = s_burn[(s_burn["unit_id"] == unit) & (s_burn["date"] == pd.Timestamp(day))]
    return dict(zip(rows["measure"].astype(str), rows["tasks"], strict=True))


def test_burnup_on_the_as_of_date(s_burn):
    assert _on(s_burn, "shangjie", AS_OF) == {
        "opened": 6,
        "closed": 3,
        "planned": 5,
        "remaining": 3,
    }
    assert _on(s_burn, "zhongxinlu", AS_OF) == {
        "opened": 5,
        "closed": 2,  # t5's closure on 02-05 is not yet known
        "planned": 4,
        "remaining": 3,
    }
    assert _on(s_burn, "jiyuanlu", AS_OF) == {
        "opened": 1,
        "closed": 1,
        "planned": 1,
        "remaining": 0,
    }


def test_burnup_mid_month(s_burn):
    assert _on(s_burn, "shangjie", "2020-01-10") == {
        "opened": 3,
        "closed": 1,
        "planned": 0,
        "remaining": 2,
    }


def test_burnup_unit_without_compounds_is_zero_every_day(s_burn):
    xiawo = s_burn[s_burn["unit_id"] == "xiawo"]
    assert len(xiawo) == 31 * 4 and (xiawo["tasks"] == 0).all()


def test_burnup_spans_first_opening_to_as_of_in_unit_order(s_burn):
    assert s_burn["date"].min() == pd.Timestamp("2020-01-01")
    assert s_burn["date"].max() == pd.Timestamp(AS_OF)
    assert list(dict.fromkeys(s_burn["unit_id"])) == ["shangjie", "jiyuanlu", "zhongxinlu", "xiawo"]
    assert s_burn["tasks"].dtype.kind == "i"


# --- progress per compound and pilots ------------------------------------------------


@pytest.fixture
def s_progress(s_tasks, s_compounds) -> pd.DataFrame:
    return renovation.compound_progress(s_tasks, s_compounds, AS_OF)


def test_compound_progress_counts_open_tasks_in_the_share(s_progress):
    assert s_progress["compound_id"].tolist() == ["c4", "c1", "c2", "c3"]
    c1 = s_progress.set_index("compound_id").loc["c1"]
    assert (c1["tasks"], c1["closed"], c1["open"], c1["overdue"]) == (3, 2, 0, 1)
    assert c1["closed_pct"] == pytest.approx(200 / 3)
    assert s_progress.set_index("compound_id").loc["c2", "closed_pct"] == 0.0


def test_compound_without_tasks_is_listed_with_a_nan_share(s_progress):
    c3 = s_progress.set_index("compound_id").loc["c3"]
    assert c3["tasks"] == 0 and np.isnan(c3["closed_pct"])


def test_pilot_comparison_within_a_unit(s_progress):
    out = renovation.pilot_comparison(s_progress, "zhongxinlu").set_index("property_pilot")
    assert out.loc[True, ["compounds", "tasks", "closed", "overdue"]].tolist() == [1, 3, 2, 1]
    assert out.loc[True, "closed_pct"] == pytest.approx(200 / 3)
    assert out.loc[False, ["compounds", "tasks", "closed", "open"]].tolist() == [1, 2, 0, 2]
    assert out.loc[False, "closed_pct"] == 0.0


def test_pilot_comparison_pools_tasks_and_skips_empty_compounds_in_the_median(s_progress):
    rest = renovation.pilot_comparison(s_progress).set_index("property_pilot").loc[False]
    assert (rest["compounds"], rest["tasks"], rest["closed"]) == (3, 3, 1)
    assert rest["closed_pct"] == pytest.approx(100 / 3)  # pooled: 1 of 3 tasks
    assert rest["median_compound_pct"] == 50.0  # median of c2's 0 % and c4's 100 %


def test_pilot_comparison_in_a_unit_without_compounds(s_progress):
    out = renovation.pilot_comparison(s_progress, "xiawo")
    assert out["compounds"].tolist() == [0, 0]
    assert out["closed_pct"].isna().all() and out["median_compound_pct"].isna().all()


# --- tasks by category / raised by ---------------------------------------------------


def test_tasks_by_category_keeps_a_category_with_no_tasks(s_tasks):
    out = renovation.tasks_by(s_tasks, "category", AS_OF).set_index("category")
    assert list(out.index) == CATEGORIES
    assert out.loc["地下管网", ["tasks", "closed", "open", "overdue"]].tolist() == [3, 2, 1, 0]
    assert out.loc["照明", ["tasks", "closed", "open", "overdue"]].tolist() == [2, 0, 1, 1]
    assert out.loc["线缆整治", "tasks"] == 0 and np.isnan(out.loc["线缆整治", "closed_pct"])


def test_tasks_by_two_columns_gives_the_full_cross_product(s_tasks):
    out = renovation.tasks_by(s_tasks, ["category", "raised_by"], AS_OF)
    assert len(out) == len(CATEGORIES) * len(RAISED_BY)
    pipes = out[out["category"] == "地下管网"].set_index("raised_by")["tasks"]
    assert pipes.to_dict() == {"居民点单": 2, "社区": 1, "街道": 0}


def test_tasks_by_nothing_is_one_total_row(s_tasks):
    (row,) = renovation.tasks_by(s_tasks, None, AS_OF).itertuples()
    assert (row.tasks, row.closed, row.open, row.overdue, row.closed_pct) == (6, 3, 2, 1, 50.0)


# --- case study and 六有 -------------------------------------------------------------


def test_case_tasks_days_and_slippage(s_tasks, s_compounds):
    case = renovation_case.case_tasks(s_tasks, s_compounds, "甲院", AS_OF)
    assert case["task_id"].tolist() == ["t1", "t2", "t3"]
    assert case["days"].tolist() == [5, 25, 20]  # the open t3 is counted up to the as-of date
    assert case["planned_days"].tolist() == [10, 20, 10]
    assert case["slip_days"].tolist()[:2] == [-5.0, 5.0] and np.isnan(case["slip_days"].iloc[2])


def test_case_task_closed_after_as_of_has_no_slip_yet(s_tasks, s_compounds):
    case = renovation_case.case_tasks(s_tasks, s_compounds, "乙院", AS_OF).set_index("task_id")
    assert case.loc["t5", "status"] == "open" and case.loc["t5", "days"] == 25
    assert np.isnan(case.loc["t5", "slip_days"])


def test_case_tasks_needs_exactly_one_compound(s_tasks, s_compounds):
    # a compound the ledger does not hold is an empty case the page words, not an error
    absent = renovation_case.case_tasks(s_tasks, s_compounds, "不存在", AS_OF)
    assert absent.empty and absent.attrs["found"] is False
    twins = s_compounds.assign(name_zh=["甲院", "甲院", "丙院", "丁院"])
    with pytest.raises(ValueError, match="found 2"):
        renovation_case.case_tasks(s_tasks, twins, "甲院", AS_OF)


def test_six_have_maps_every_category_exactly_once():
    mapped = [c for _, _, cats in renovation_case.SIX_HAVE for c in cats]
    # 未记录 (not recorded) is no kind of work, so it serves no goal
    assert sorted(mapped) == sorted(set(domain_values("task_category")) - {"未记录"})
    assert len(renovation_case.SIX_HAVE) == 6


def test_six_have_counts_and_empty_goals(s_tasks):
    out = renovation_case.six_have(s_tasks, AS_OF).set_index("goal_zh")
    facilities = out.loc["有完善设施", ["tasks", "closed", "open", "overdue"]].tolist()
    assert facilities == [6, 3, 2, 1]  # pipes 3 + road 1 + lighting 2
    assert (out.drop(index="有完善设施")["tasks"] == 0).all()
    assert out.loc["有长效管理", "categories"] == ""


# --- time to close -------------------------------------------------------------------


def test_medians_censor_open_tasks_instead_of_dropping_them(s_tasks):
    (row,) = renovation_timing.close_medians(s_tasks, None, AS_OF).itertuples()
    # KM: S(5) = 4/6, censored at 10, 20; S(25) = 4/6 * 1/2 = 1/3, so the median is 25
    assert (row.n, row.events, row.censored) == (6, 3, 3)
    assert row.median_days == 25.0
    assert row.median_closed_only == 5.0  # closed tasks alone: 5, 5, 25


def test_medians_per_category_with_none_closed_and_none_at_all(s_tasks):
    med = renovation_timing.close_medians(s_tasks, "category", AS_OF).set_index("group")
    assert list(med.index) == CATEGORIES
    assert med.loc["地下管网", "median_days"] == 5.0
    assert med.loc["路面硬化", "median_days"] == 25.0
    assert np.isinf(med.loc["照明", "median_days"])  # both still open
    assert np.isnan(med.loc["照明", "median_closed_only"])
    assert med.loc["线缆整治", "n"] == 0 and np.isnan(med.loc["线缆整治", "median_days"])


def test_close_curves_are_the_share_closed(s_tasks):
    curve = renovation_timing.close_curves(s_tasks, None, AS_OF).set_index("days")
    assert curve.loc[5.0, "closed_share"] == pytest.approx(1 / 3)
    assert curve.loc[25.0, "closed_share"] == pytest.approx(2 / 3)
    per = renovation_timing.close_curves(s_tasks, "category", AS_OF)
    assert "线缆整治" not in set(per["group"])  # an empty category has no curve


def test_durations_of_open_tasks_run_to_the_as_of_date(s_tasks):
    out = renovation_timing.task_durations(s_tasks, AS_OF)
    assert out["days"].tolist() == [5.0, 25.0, 20.0, 10.0, 25.0, 5.0]
    assert out["observed"].tolist() == [True, True, False, False, False, True]


def test_slippage_by_category(s_tasks):
    out = renovation_timing.slippage(s_tasks, "category", AS_OF).set_index("category")
    cols = ["on_time", "late", "overdue", "not_due", "tasks"]
    assert out.loc["地下管网", cols].tolist() == [2, 0, 0, 1, 3]  # closing on the day is on time
    assert out.loc["路面硬化", cols].tolist() == [0, 1, 0, 0, 1]
    assert out.loc["照明", cols].tolist() == [0, 0, 1, 1, 2]
    assert out.loc["线缆整治", cols].tolist() == [0, 0, 0, 0, 0]
    assert out.loc["地下管网", "on_time_pct"] == 100.0  # t4, not yet due, is left out
    assert out.loc["照明", "on_time_pct"] == 0.0
    assert np.isnan(out.loc["线缆整治", "on_time_pct"])
    assert out.loc["路面硬化", "median_late_days"] == 5.0


def test_slippage_total(s_tasks):
    (row,) = renovation_timing.slippage(s_tasks, None, AS_OF).itertuples()
    assert (row.on_time, row.late, row.overdue, row.not_due, row.tasks) == (2, 1, 1, 2, 6)
    assert row.on_time_pct == 50.0 and row.median_late_days == 5.0


def test_overdue_matrix_has_every_compound_and_category(s_tasks, s_compounds):
    out = renovation_timing.overdue_matrix(s_tasks, s_compounds, AS_OF)
    assert len(out) == 4 * 4 and out["overdue"].sum() == 1
    cell = out.set_index(["compound_id", "category"])
    assert cell.loc[("c1", "照明"), ["tasks", "overdue", "days_overdue"]].tolist() == [1, 1, 10]
    assert cell.loc[("c2", "照明"), "overdue"] == 0  # due on the as-of day: not late yet
    assert np.isnan(cell.loc[("c2", "照明"), "days_overdue"])
    assert (cell.loc["c3", "tasks"] == 0).all()
    assert out.attrs["as_of"] == AS_OF


# --- self-governance, participation, evaluation --------------------------------------


def test_party_orgs_by_mode_counts_distinct_orgs_and_compounds(s_units):
    orgs = pd.DataFrame(
        {
            "unit_id": ["zhongxinlu", "zhongxinlu", "zhongxinlu", "jiyuanlu", "jiyuanlu"],
            "party_org_id": ["P1", "P1", "P2", None, "P3"],
            "party_org_mode": pd.Categorical(
                ["联合建", "联合建", "单独建", None, "单独建"], ["单独建", "联合建"]
            ),
        }
    )
    out = renovation_participation.party_orgs_by_mode(orgs, s_units)
    got = {
        (u, str(m)): (o, c)
        for u, m, o, c in out[["unit_id", "party_org_mode", "party_orgs", "compounds"]].to_numpy()
    }
    assert got[("zhongxinlu", "联合建")] == (1, 2)  # one joint organisation, two compounds
    assert got[("zhongxinlu", "单独建")] == (1, 1)
    assert got[("jiyuanlu", "联合建")] == (0, 0)
    assert got[("shangjie", "单独建")] == (2, 2) and got[("shangjie", "联合建")] == (1, 2)
    assert got[("xiawo", "单独建")] == (0, 0)
    assert list(dict.fromkeys(out["unit_id"])) == ["shangjie", "jiyuanlu", "zhongxinlu", "xiawo"]


@pytest.fixture
def s_consultations() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "consultation_id": ["k1", "k2", "k3", "k4"],
            "compound_id": ["c1", "c1", "c2", "c4"],
            "held_on": pd.to_datetime(["2020-01-05", "2020-01-20", "2020-03-02", "2020-03-15"]),
            "format": pd.Categorical(
                ["小板凳恳谈会", "上门入户", "小板凳恳谈会", "线上问卷"],
                ["小板凳恳谈会", "上门入户", "线上问卷"],
            ),
            "participants": [10, 3, 12, 40],
            "suggestions": [4, 2, 6, 10],
            "adopted": [3, 1, 2, 0],
            "resolved": [2, 1, 1, 0],
        }
    )


def test_funnel_over_everything(s_consultations):
    out = renovation_participation.participation_funnel(s_consultations).set_index("stage")
    assert out["value"].tolist() == [4, 22, 6, 4]
    assert np.isnan(out.loc["consultations", "pct_of_suggestions"])
    assert out.loc["adopted", "pct_of_suggestions"] == pytest.approx(600 / 22)
    assert out["unit_of_measure"].tolist() == ["次", "条", "条", "个"]


def test_funnel_for_some_compounds_and_one_format(s_consultations, s_compounds):
    out = renovation_participation.participation_funnel(
        s_consultations,
        s_compounds[s_compounds["compound_id"].isin(["c1", "c2"])],
        ("小板凳恳谈会",),
    )
    assert out["value"].tolist() == [2, 10, 5, 3]
    assert out["pct_of_suggestions"].tolist()[1:] == [100.0, 50.0, 30.0]


def test_funnel_of_a_compound_without_consultations(s_consultations, s_compounds):
    out = renovation_participation.participation_funnel(
        s_consultations, s_compounds[s_compounds["compound_id"] == "c3"]
    )
    assert out["value"].tolist() == [0, 0, 0, 0] and out["pct_of_suggestions"].isna().all()


def test_consultations_by_month_keeps_an_empty_month(s_consultations):
    out = renovation_participation.consultations_by_month(s_consultations)
    assert len(out) == 3 * 3
    table = out.pivot(index="month", columns="format", values="consultations")
    assert table.loc[pd.Timestamp("2020-02-01")].tolist() == [0, 0, 0]
    assert table.loc[pd.Timestamp("2020-01-01")].tolist() == [1, 1, 0]
    jan = out[out["month"] == pd.Timestamp("2020-01-01")]
    assert jan["participants"].tolist() == [10, 3, 0]


@pytest.fixture
def s_evaluations() -> pd.DataFrame:
    # Round 1 has a tie at 75; c3 is not scored in round 3.
    return pd.DataFrame(
        {
            "round_no": [1, 1, 1, 2, 2, 2, 3, 3],
            "held_on": pd.to_datetime(["2020-01-20"] * 3 + ["2020-03-20"] * 3 + ["2020-05-20"] * 2),
            "compound_id": ["c1", "c2", "c3", "c1", "c2", "c3", "c1", "c2"],
            "score": [80.0, 75.0, 75.0, 78.0, 79.0, 85.0, 90.0, 79.0],
        }
    )


def test_score_table_ranks_ties_alike(s_evaluations, s_compounds):
    out = renovation_participation.score_table(s_evaluations, s_compounds)
    first = out[out["round_no"] == 1].set_index("compound_id")["rank"]
    assert first.to_dict() == {"c1": 1, "c2": 2, "c3": 2}


def test_rank_changes_between_the_last_two_rounds(s_evaluations, s_compounds):
    out = renovation_participation.rank_changes(s_evaluations, s_compounds)
    assert out["compound_id"].tolist() == ["c1", "c2", "c3"]  # c3 missing in round 3: last
    c1 = out.set_index("compound_id").loc["c1"]
    assert (c1["change"], c1["rank_from"], c1["rank_to"], c1["rank_change"]) == (12.0, 3, 1, 2)
    assert np.isnan(out.set_index("compound_id").loc["c3", "change"])


def test_rank_changes_between_named_rounds(s_evaluations, s_compounds):
    out = renovation_participation.rank_changes(s_evaluations, s_compounds, 1, 2)
    assert out["compound_id"].tolist() == ["c3", "c2", "c1"]
    assert out["change"].tolist() == [10.0, 4.0, -2.0]
    assert out["rank_change"].tolist() == [1, 0, -2]


def test_rank_changes_errors(s_evaluations, s_compounds):
    with pytest.raises(ValueError, match="not held"):
        renovation_participation.rank_changes(s_evaluations, s_compounds, 1, 7)
    with pytest.raises(ValueError, match="found 1"):
        renovation_participation.rank_changes(
            s_evaluations[s_evaluations["round_no"] == 1], s_compounds, from_round=1
        )
    # nothing to compare is an empty frame, not an error (a ledger with one round)
    one = renovation_participation.rank_changes(
        s_evaluations[s_evaluations["round_no"] == 1], s_compounds
    )
    assert one.empty and "rank_change" in one.columns
    # A compound the compound records lack (shipped evaluations next to an imported
    # compound ledger) keeps its scores, named by its id.
    scores = renovation_participation.score_table(
        s_evaluations.assign(compound_id=["c9", *s_evaluations["compound_id"][1:]]), s_compounds
    )
    assert scores.loc[scores["compound_id"] == "c9", "name_zh"].tolist() == ["c9"]
    assert len(scores) == len(s_evaluations)


# --- the shipped data agree with the published page ----------------------------------


def test_shipped_labour_bureau_case_has_the_published_twelve_tasks(
    renovation_tasks_df, compounds_df, published_figures_df
):
    published = published_figures_df.set_index("figure_id")["value"]
    case = renovation_case.case_tasks(renovation_tasks_df, compounds_df)
    assert len(case) == published["ldj-tasks"] == 12
    done = case.set_index("category")["status"].astype(str)
    # The page: pipes replaced, road surfaced, facilities installed, a place to deliberate.
    assert (done[["地下管网", "路面硬化", "配套设施", "议事场所"]] == "closed").all()


def test_shipped_housing_bureau_funnel_matches_the_page(
    consultations_df, compounds_df, published_figures_df
):
    published = published_figures_df.set_index("figure_id")["value"]
    bureau = compounds_df[compounds_df["partner_unit"] == HOUSING_BUREAU]
    funnel = renovation_participation.participation_funnel(
        consultations_df, bureau, ("小板凳恳谈会",)
    )
    values = funnel.set_index("stage")["value"]
    assert values["suggestions"] == published["hb-suggestions"] == 15
    assert values["resolved"] == published["hb-problems-solved"] == 8


def test_shipped_party_orgs_by_mode_add_up_to_the_published_nineteen(
    compounds_df, units_df, published_figures_df
):
    out = renovation_participation.party_orgs_by_mode(compounds_df, units_df)
    zxl = out[out["unit_id"] == "zhongxinlu"]
    published = published_figures_df.set_index("figure_id")["value"]
    assert zxl["party_orgs"].sum() == published["zxl-temp-party-orgs"]
    assert zxl["compounds"].sum() == published["zxl-compounds"]


def test_shipped_checklist_never_drops_open_tasks(renovation_tasks_df, compounds_df, units_df):
    total = renovation.tasks_by(renovation_tasks_df, None).iloc[0]
    assert total["tasks"] == len(renovation_tasks_df)
    assert total["closed"] + total["open"] + total["overdue"] == len(renovation_tasks_df)
    med = renovation_timing.close_medians(renovation_tasks_df, None).iloc[0]
    assert (
        med["n"] == len(renovation_tasks_df) and med["censored"] == total["open"] + total["overdue"]
    )
    # Dropping open tasks can only make closure look quicker.
    assert med["median_days"] >= med["median_closed_only"]
    burn = renovation.burnup(renovation_tasks_df, compounds_df, units_df)
    last = burn[(burn["unit_id"] == "shangjie") & (burn["date"] == burn["date"].max())]
    assert dict(zip(last["measure"].astype(str), last["tasks"], strict=True))["opened"] == len(
        renovation_tasks_df
    )
