"""Inspection metrics against hand-computed expectations on small frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.datasets.schema import CHECK_ITEMS
from analysis.inspections import metrics as ins

AS_OF = "2020-09-23"


def visit(
    vid: str,
    premises: str,
    on: str,
    fail: tuple[str, ...] = (),
    na: tuple[str, ...] = (),
    kind: str = "初查",
    prev: str | None = None,
    rectify_by: str | None = None,
    rectified_on: str | None = None,
    ptype: str = "小餐饮店",
    agency: str = "区卫健委",
    unit: str = "zhongxinlu",
) -> dict:
    """One visit; items pass unless named in ``fail`` or ``na``; the outcome follows."""
    items = {
        f"item_{k}": ("不合格" if k in fail else "不适用" if k in na else "合格")
        for k in ("licence", "rules", "hygiene", "health_cert", "scan_temp")
    }
    return {
        "inspection_id": vid,
        "premises_id": premises,
        "premises_type": ptype,
        "unit_id": unit,
        "agency": agency,
        "inspected_on": pd.Timestamp(on),
        "visit_kind": kind,
        "previous_inspection_id": prev,
        **items,
        "outcome": "限期整改" if fail else "合格",
        "rectify_by": pd.Timestamp(rectify_by) if rectify_by else pd.NaT,
        "rectified_on": pd.Timestamp(rectified_on) if rectified_on else pd.NaT,
    }


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# --- pass rates ----------------------------------------------------------------------


@pytest.fixture
def rates_frame() -> pd.DataFrame:
    # Restaurants: hygiene pass, fail, pass. Food shops: code scan never applies; one
    # hygiene check does not apply either.
    return frame(
        visit("a1", "A", "2020-05-01"),
        visit("a2", "A", "2020-06-01", fail=("hygiene",)),
        visit("a3", "B", "2020-06-02"),
        visit("b1", "C", "2020-06-03", na=("scan_temp",), ptype="小食品店"),
        visit("b2", "D", "2020-06-04", na=("scan_temp", "hygiene"), ptype="小食品店"),
    )


def test_pass_rate_by_hand(rates_frame):
    out = ins.pass_rates(rates_frame).set_index(["premises_type", "item"])
    a = out.loc[("小餐饮店", "item_hygiene")]
    assert (a["checked"], a["passed"], a["failed"]) == (3, 2, 1)
    assert a["pass_rate_pct"] == pytest.approx(200 / 3)


def test_not_applicable_is_left_out_of_the_denominator(rates_frame):
    out = ins.pass_rates(rates_frame).set_index(["premises_type", "item"])
    b = out.loc[("小食品店", "item_hygiene")]
    # one pass, one 不适用: 100 %, not 50 %
    assert (b["checked"], b["not_applicable"], b["pass_rate_pct"]) == (1, 1, 100.0)
    scan = out.loc[("小食品店", "item_scan_temp")]
    assert scan["checked"] == 0 and scan["not_applicable"] == 2
    assert np.isnan(scan["pass_rate_pct"])  # nothing checked: undefined, not 0 %


def test_total_rows_pool_every_group(rates_frame):
    out = ins.pass_rates(rates_frame).set_index(["premises_type", "item"])
    total = out.loc[(ins.TOTAL, "item_hygiene")]
    assert (total["checked"], total["passed"], total["not_applicable"]) == (4, 3, 1)
    assert total["pass_rate_pct"] == 75.0
    assert list(out.loc[ins.TOTAL].index) == list(CHECK_ITEMS)
    assert ins.TOTAL not in set(ins.pass_rates(rates_frame, total=False)["premises_type"])


def test_checked_visits_drop_reinspections_and_visits_with_nothing_checked():
    f = frame(
        visit("v1", "A", "2020-05-01", fail=("rules",), rectify_by="2020-05-10"),
        visit("v2", "A", "2020-05-09", kind="复查", prev="v1"),
        visit("v3", "E", "2020-05-09", na=tuple(k[5:] for k in CHECK_ITEMS), ptype="机关食堂"),
    )
    assert list(ins.checked_visits(f)["inspection_id"]) == ["v1"]
    assert list(ins.checked_visits(f, reinspections=True)["inspection_id"]) == ["v1", "v2"]


def test_outcome_summary_by_month_and_agency(rates_frame):
    f = rates_frame.copy()
    f.loc[2, "agency"] = "区市场监管局"
    out = ins.outcome_summary(f, "agency", period="M")
    rows = list(out.itertuples(index=False, name=None))
    assert rows == [
        (pd.Timestamp("2020-05-01"), "区卫健委", 1, 0, 0.0),
        (pd.Timestamp("2020-06-01"), "区卫健委", 3, 1, pytest.approx(100 / 3)),
        (pd.Timestamp("2020-06-01"), "区市场监管局", 1, 0, 0.0),
    ]


def test_missing_columns_are_named(rates_frame):
    with pytest.raises(KeyError, match="item_hygiene, item_scan_temp"):
        ins.pass_rates(rates_frame.drop(columns=["item_hygiene", "item_scan_temp"]))
    with pytest.raises(KeyError, match="rectify_by"):
        ins.rectification_cases(rates_frame.drop(columns="rectify_by"))


# --- rectification -------------------------------------------------------------------


@pytest.fixture
def cases_frame() -> pd.DataFrame:
    d = "2020-09-10"
    return frame(
        # a: fixed in 7 days, on time. b: 14 days, late. c: open and overdue.
        visit("a", "A", "2020-09-01", ("rules",), rectify_by=d, rectified_on="2020-09-08"),
        visit("b", "B", "2020-09-01", ("rules",), rectify_by=d, rectified_on="2020-09-15"),
        visit("c", "C", "2020-09-01", ("rules",), rectify_by=d),
        # d: open, deadline not reached. e: fixed early, deadline not reached.
        visit("d", "D", "2020-09-20", ("rules",), rectify_by="2020-09-30", ptype="小旅店"),
        visit(
            "e", "E", "2020-09-15", ("rules",), rectify_by="2020-09-30", rectified_on="2020-09-18"
        ),
        # f: fails, fails again at re-inspection, passes the second: closed on 09-12, late.
        visit("f", "F", "2020-09-02", ("hygiene",), rectify_by=d),
        visit(
            "f1", "F", "2020-09-09", ("hygiene",), kind="复查", prev="f", rectify_by="2020-09-11"
        ),
        visit("f2", "F", "2020-09-12", kind="复查", prev="f1"),
        # g: re-inspection fails but the fix is then confirmed from photos on 09-11.
        visit("g", "G", "2020-09-03", ("licence",), rectify_by="2020-09-12"),
        visit(
            "g1",
            "G",
            "2020-09-08",
            ("licence",),
            kind="复查",
            prev="g",
            rectify_by="2020-09-15",
            rectified_on="2020-09-11",
        ),  # fmt: skip,
    )


@pytest.fixture
def cases(cases_frame) -> pd.DataFrame:
    return ins.rectification_cases(cases_frame, AS_OF).set_index("inspection_id")


def test_one_case_per_chain_not_per_failed_visit(cases):
    assert list(cases.index) == ["a", "b", "c", "d", "e", "f", "g"]
    assert cases.loc["f", "reinspections"] == 2 and cases.loc["a", "reinspections"] == 0


def test_days_to_rectification_with_open_cases_censored_at_as_of(cases):
    assert cases["days"].to_dict() == {
        "a": 7.0, "b": 14.0, "c": 22.0, "d": 3.0, "e": 3.0, "f": 10.0, "g": 8.0
    }  # fmt: skip
    assert list(cases.index[~cases["observed"]]) == ["c", "d"]


def test_chain_closes_a_case_whose_own_date_is_empty(cases):
    assert cases.loc["f", "rectified_on"] == pd.Timestamp("2020-09-12")  # passing re-visit
    assert cases.loc["g", "rectified_on"] == pd.Timestamp("2020-09-11")  # confirmed fix


def test_by_deadline_is_known_only_once_the_deadline_has_passed(cases):
    assert cases["due"].to_dict() == dict(a=True, b=True, c=True, d=False, e=False, f=True, g=True)
    by = cases["by_deadline"]
    assert [by[k] for k in "abcfg"] == [True, False, False, False, True]
    assert by["e"] == True  # noqa: E712 - early fix: known to be on time already
    assert pd.isna(by["d"])  # open, deadline ahead: not known


def test_overdue_cases(cases):
    out = ins.overdue_cases(cases.reset_index())
    assert list(out["inspection_id"]) == ["c"]
    assert out.loc[0, "days_overdue"] == 13  # deadline 09-10, as of 09-23


def test_summary_median_respects_censoring_and_share_counts_due_cases_only(cases):
    summary = ins.rectification_summary(cases.reset_index()).set_index("group")
    total = summary.loc[ins.TOTAL]
    assert (total["n"], total["events"], total["censored"]) == (7, 5, 2)
    # KM: S(3)=6/7, S(7)=6/7·4/5, S(8)=·3/4=18/35, S(10)=·2/3=12/35 ≤ ½ → median 10 days.
    # Dropping the open cases would give the median of 3, 7, 8, 10, 14 = 8 days.
    assert total["median_days"] == 10.0
    # due: a, b, c, f, g; on time: a and g. e (early, not due) is left out.
    assert (total["due"], total["by_deadline"], total["overdue"]) == (5, 2, 1)
    assert total["by_deadline_pct"] == 40.0
    hotel = summary.loc["小旅店"]
    assert (hotel["n"], hotel["due"]) == (1, 0) and np.isnan(hotel["by_deadline_pct"])


def test_reinspection_outcomes_by_round(cases_frame):
    out = ins.reinspection_outcomes(cases_frame).set_index("round")
    # round 1: f1 and g1, both fail, both before their deadlines; round 2: f2 passes late.
    columns = ["reinspections", "passed", "failed", "after_deadline"]
    assert out.loc[1, columns].tolist() == [2, 0, 2, 0]
    assert out.loc[2, ["reinspections", "passed", "after_deadline"]].tolist() == [1, 1, 1]
    assert out.loc[2, "pass_rate_pct"] == 100.0


def test_reinspection_of_an_unknown_visit_is_an_error(cases_frame):
    broken = cases_frame[cases_frame["inspection_id"] != "f"]
    with pytest.raises(ValueError, match="unknown visit.*f"):
        ins.reinspection_outcomes(broken)


def test_repeat_offenders_split_not_fixed_from_relapse():
    f = frame(
        visit("p1", "P", "2020-04-01", ("hygiene",), rectify_by="2020-04-10"),
        visit(
            "p2", "P", "2020-04-09", ("hygiene",), kind="复查", prev="p1", rectify_by="2020-04-20"
        ),
        visit("p3", "P", "2020-04-19", kind="复查", prev="p2"),
        visit("p4", "P", "2020-07-01", ("hygiene", "rules"), rectify_by="2020-07-10"),
        # Q fails two different items: not a repeat of the same item.
        visit("q1", "Q", "2020-04-01", ("rules",), rectify_by="2020-04-10"),
        visit("q2", "Q", "2020-06-01", ("licence",), rectify_by="2020-06-10"),
    )
    out = ins.repeat_offenders(f)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["premises_id"], row["item"]) == ("P", "item_hygiene")
    assert (row["failures"], row["not_fixed"], row["relapses"]) == (3, 1, 1)
    assert (row["first_failed"], row["last_failed"]) == (
        pd.Timestamp("2020-04-01"),
        pd.Timestamp("2020-07-01"),
    )
    assert len(ins.repeat_offenders(f, min_failures=1)) == 4  # P×hygiene, P×rules, Q×2


# --- the shipped data -----------------------------------------------------------------


def test_shipped_cases_are_the_failed_first_round_visits(inspections_df):
    cases = ins.rectification_cases(inspections_df)
    failed = inspections_df["outcome"].astype(str).eq("限期整改")
    first = inspections_df["visit_kind"].astype(str).eq("初查")
    assert len(cases) == int((failed & first).sum())
    assert cases["days"].ge(0).all() and not cases["rectified_on"].gt(pd.Timestamp(AS_OF)).any()


def test_food_waste_visits_check_no_item_so_are_not_hygiene_visits(inspections_df):
    checked = ins.checked_visits(inspections_df, reinspections=True)
    assert not checked["campaign"].astype(str).eq("制止餐饮浪费专项监督").any()


# --- charts ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_renders_with_title_units_and_source(inspections_df, lang):
    import io
    import warnings

    import matplotlib.pyplot as plt

    from analysis.inspections import charts as ip
    from analysis.inspections import risk
    from analysis.presentation import style

    style.set_style(lang)
    checked = ins.checked_visits(inspections_df)
    cases = ins.rectification_cases(inspections_df)
    validation = risk.validate(inspections_df, "2020-07-01")
    axes = [
        ip.plot_pass_rate_heatmap(ins.pass_rates(checked)),
        ip.plot_fail_rate_by_month(ins.outcome_summary(checked, "agency", period="M")),
        ip.plot_fail_rate_by_unit(ins.outcome_summary(checked, "unit_id")),
        ip.plot_rectification_curves(cases),
        ip.plot_risk_multipliers(validation.rules),
        ip.plot_capture_curve(validation.curve, "2020-07-01"),
    ]
    try:
        for ax in axes:
            assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
            fig = ax.get_figure(root=True)
            assert style.synthetic_caption(lang) in [t.get_text() for t in fig.texts]
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a missing glyph is a warning
                fig.savefig(io.BytesIO(), format="png")
        heat = [t.get_text() for t in axes[0].texts]
        assert any(label.endswith("(n=426)") for label in heat)  # small restaurants, hygiene
        assert "2020-09-23" in axes[3].get_title(loc="left")  # open cases are counted as of then
    finally:
        style.set_style("zh")
        plt.close("all")
