"""Risk ranking and its temporal validation against hand-computed expectations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from risk_oracle import fit_rules, premises_features, training_rows
from test_inspections import frame, visit

from analysis.inspections import risk

# --- features and rules on a tiny history ------------------------------------------------


@pytest.fixture
def history() -> pd.DataFrame:
    return frame(
        # A: fails on 03-02, re-inspection 03-10 passes, fails again on 05-01 (59 days on).
        visit("a1", "A", "2020-03-02", ("hygiene",), rectify_by="2020-03-12"),
        visit("a2", "A", "2020-03-10", kind="复查", prev="a1"),
        visit("a3", "A", "2020-05-01", ("rules",), rectify_by="2020-05-10"),
        # B: two visits on the same day (neither is "before" the other), then one 100 days on.
        visit("b1", "B", "2020-03-02", ("licence",), rectify_by="2020-03-12", ptype="小旅店"),
        visit("b2", "B", "2020-03-02", ptype="小旅店", agency="区市场监管局"),
        visit("b3", "B", "2020-06-10", ptype="小旅店"),
    )


def test_training_rows_see_only_earlier_days(history):
    rows = training_rows(history).set_index("inspection_id")
    assert list(rows.index) == ["a1", "a3", "b1", "b2", "b3"]  # the re-inspection is no target
    got = rows[["prior_failures", "since_last", "failed"]].astype(object)
    assert got.loc["a1"].tolist() == ["0", "未检查过", True]
    assert got.loc["a3"].tolist() == ["1", "31–90天", True]  # 1 failure; last visit 03-10
    assert got.loc["b2"].tolist() == ["0", "未检查过", False]  # b1 was the same day
    assert got.loc["b3"].tolist() == ["1", ">90天", False]  # 100 days after 03-02


def test_premises_features_as_of_a_date(history):
    out = premises_features(history, "2020-06-20").set_index("premises_id")
    assert out.loc["A", ["visits", "failures", "days_since_last"]].tolist() == [3, 2, 50]
    assert str(out.loc["A", "prior_failures"]) == "2+"
    assert str(out.loc["B", "since_last"]) == "≤30天"
    with pytest.raises(ValueError, match="after 2020-05-01"):
        premises_features(history, "2020-05-01")


def test_fit_rules_by_hand():
    rows = pd.DataFrame(
        {
            "premises_type": ["小餐饮店"] * 4 + ["小旅店"] * 4,
            "prior_failures": ["0"] * 8,
            "since_last": ["未检查过"] * 4 + ["≤30天"] * 4,
            "failed": [True, True, False, False, False, False, False, False],
        }
    )
    rules = fit_rules(rows, prior_visits=2).set_index(["factor", "level"])
    # overall 2/8 = 0.25; restaurants (2 + 2·0.25) / (4 + 2) / 0.25 = 5/3;
    # hotels (0 + 0.5) / 6 / 0.25 = 1/3; a level every row shares: (2 + 0.5) / 10 / 0.25 = 1.
    assert rules.loc[("overall", "all"), "fail_rate_pct"] == 25.0
    assert rules.loc[("premises_type", "小餐饮店"), "multiplier"] == pytest.approx(5 / 3)
    assert rules.loc[("premises_type", "小旅店"), "multiplier"] == pytest.approx(1 / 3)
    assert rules.loc[("prior_failures", "0"), "multiplier"] == pytest.approx(1.0)
    assert rules.loc[("premises_type", "小旅店"), "fail_rate_pct"] == 0.0  # raw rate kept too
    # the score is the product of the levels' multipliers; an unseen level counts 1
    features = pd.DataFrame(
        {
            "premises_type": ["小餐饮店", "小浴室"],
            "prior_failures": ["0", "2+"],
            "since_last": ["≤30天", "未检查过"],
        }
    )
    assert risk.score(features, rules.reset_index()).tolist() == pytest.approx(
        [5 / 3 * 1 * (1 / 3), 1 * 1 * (5 / 3)]
    )


def test_fit_rules_needs_failures_and_passes():
    rows = pd.DataFrame(
        {"premises_type": ["小旅店"], "prior_failures": ["0"], "since_last": ["≤30天"]}
    )
    with pytest.raises(ValueError, match="1 visits with 0 failures"):
        fit_rules(rows.assign(failed=[False]))
    with pytest.raises(KeyError, match="since_last"):
        fit_rules(rows.drop(columns="since_last").assign(failed=[True]))


# --- the temporal split -----------------------------------------------------------------


@pytest.fixture
def timeline() -> pd.DataFrame:
    rows = []
    for k, p in enumerate("ABCDEFGH"):
        ptype = "小餐饮店" if k < 4 else "小旅店"
        fails = ("hygiene",) if k in (0, 1, 4) else ()
        first = visit(f"{p}1", p, "2020-04-01", fails, ptype=ptype)
        if fails:  # A is fixed only after the cut-off
            first.update(rectify_by=pd.Timestamp("2020-04-10"))
            first["rectified_on"] = pd.Timestamp("2020-07-05" if p == "A" else "2020-04-09")
        rows.append(first)
        later_fails = ("rules",) if k in (0, 2, 5) else ()
        rows.append(visit(f"{p}2", p, "2020-08-01", later_fails, ptype=ptype))
    return frame(*rows)


def test_temporal_split_keeps_the_future_out(timeline):
    history, later = risk.temporal_split(timeline, "2020-07-01")
    assert history["inspected_on"].max() < pd.Timestamp("2020-07-01")
    assert later["inspected_on"].min() >= pd.Timestamp("2020-07-01")
    assert len(history) + len(later) == len(timeline)
    # A's fix on 07-05 had not happened on the cut-off day
    assert pd.isna(history.set_index("inspection_id").loc["A1", "rectified_on"])
    assert timeline.set_index("inspection_id").loc["A1", "rectified_on"] == pd.Timestamp(
        "2020-07-05"
    )  # the input is not modified
    with pytest.raises(ValueError, match="no visits on one side"):
        risk.temporal_split(timeline, "2020-01-01")


def test_validation_does_not_change_when_later_outcomes_change(timeline):
    before = risk.validate(timeline, "2020-07-01", until="2020-09-23")
    flipped = timeline.copy()
    late = flipped["inspected_on"] >= pd.Timestamp("2020-07-01")
    flipped.loc[late, "outcome"] = "限期整改"
    flipped.loc[late, "item_licence"] = "不合格"
    flipped.loc[late, "premises_type"] = "小浴室"
    after = risk.validate(flipped, "2020-07-01", until="2020-09-23")
    pd.testing.assert_frame_equal(before.rules, after.rules)
    by_premises = before.scored.set_index("premises_id")
    assert after.scored.set_index("premises_id")["score"].to_dict() == pytest.approx(
        by_premises["score"].to_dict()
    )


def test_validation_scores_on_history_and_judges_later_visits(timeline):
    v = risk.validate(timeline, "2020-07-01", until="2020-09-23", prior_visits=2)
    scored = v.scored.set_index("premises_id")
    assert scored["failed"].to_dict() == dict(
        A=True, B=False, C=True, D=False, E=False, F=True, G=False, H=False
    )
    # training: 3 of 8 first visits failed, all with no history → only the type differs.
    # restaurants 2/4: (2 + 2·3/8) / 6 / (3/8) = 11/9; hotels 1/4: (1 + 0.75) / 6 / (3/8) = 7/9
    assert scored.loc["C", "score"] == pytest.approx(11 / 9 * 1 * 1)
    assert scored.loc["G", "score"] == pytest.approx(7 / 9)
    assert list(v.scored["premises_id"][:4]) == ["A", "B", "C", "D"]  # restaurants first
    assert v.curve.iloc[0].tolist() == [0.0, 0.0] and v.curve.iloc[-1].tolist() == [1.0, 1.0]


# --- the capture curve --------------------------------------------------------------------


def test_capture_curve_with_ties_by_hand():
    curve = risk.capture_curve(pd.Series([3, 2, 2, 1]), pd.Series([True, False, True, False]))
    assert curve["share_visited"].tolist() == [0, 0.25, 0.75, 1.0]
    assert curve["share_found"].tolist() == [0, 0.5, 1.0, 1.0]
    # inside the tied block the curve is the average over both visiting orders
    assert risk.capture_at(curve, 0.5)["found_pct"].item() == pytest.approx(75.0)


def test_capture_curve_endpoints_and_a_constant_score_is_random():
    hits = pd.Series([False, True, False, False, True])
    curve = risk.capture_curve(pd.Series([1.0] * 5), hits)
    assert curve.iloc[0].tolist() == [0.0, 0.0] and curve.iloc[-1].tolist() == [1.0, 1.0]
    table = risk.capture_at(curve, [0.2, 0.6])
    assert table["found_pct"].tolist() == pytest.approx(table["random_pct"].tolist())
    assert table["random_pct"].tolist() == pytest.approx([20.0, 60.0])


def test_a_perfect_ranking_beats_random():
    rng = np.random.default_rng(7)
    hits = pd.Series(rng.random(50) < 0.2)
    perfect = risk.capture_curve(hits.astype(float), hits)
    share = hits.mean()
    table = risk.capture_at(perfect, [share / 2, share, 0.5, 1.0])
    assert table["found_pct"].tolist() == pytest.approx([50.0, 100.0, 100.0, 100.0])
    assert (table["found_pct"] >= table["random_pct"]).all()
    assert (table["lift"].iloc[:3] > 1).all()


def test_capture_curve_errors():
    with pytest.raises(ValueError, match="no hits"):
        risk.capture_curve(pd.Series([1.0, 2.0]), pd.Series([False, False]))
    with pytest.raises(ValueError, match="2 scores but 1"):
        risk.capture_curve(pd.Series([1.0, 2.0]), pd.Series([True]))
    curve = risk.capture_curve(pd.Series([1.0, 2.0]), pd.Series([True, False]))
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        risk.capture_at(curve, 0.0)


def test_rank_premises_uses_everything_up_to_as_of(history):
    ranking, rules = risk.rank_premises(history, as_of="2020-06-20")
    assert list(ranking["premises_id"]) == ["A", "B"]
    assert ranking["score"].is_monotonic_decreasing
    assert rules.loc[0, "visits"] == 5  # the five first-round visits


def test_shipped_validation_judges_every_premises_seen_after_the_cut_off(inspections_df):
    v = risk.validate(inspections_df, "2020-07-01")
    later = inspections_df[
        (inspections_df["inspected_on"] >= pd.Timestamp("2020-07-01"))
        & inspections_df["visit_kind"].astype(str).eq("初查")
        & inspections_df["campaign"].astype(str).ne("制止餐饮浪费专项监督")
    ]
    assert set(v.scored["premises_id"]) == set(later["premises_id"])
    assert v.scored["score"].is_monotonic_decreasing
