"""Kaplan–Meier helpers against hand-computed values, censoring included."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.rules.survival import durations, kaplan_meier, median_time


@pytest.fixture
def five():
    # events at 1, 3, 4; censored at 2 and 5
    return pd.DataFrame(
        {
            "days": [1.0, 2, 3, 4, 5],
            "observed": [True, False, True, True, False],
            "g": list("aabbb"),
        }
    )


def test_kaplan_meier_by_hand(five):
    curve = kaplan_meier(five).set_index("days")["survival"]
    # S(1) = 4/5; S(3) = 0.8 * 2/3; S(4) = S(3) * 1/2; censoring leaves S unchanged
    assert curve[1.0] == pytest.approx(0.8)
    assert curve[2.0] == pytest.approx(0.8)
    assert curve[3.0] == pytest.approx(0.8 * 2 / 3)
    assert curve[4.0] == pytest.approx(0.8 * 2 / 3 / 2)
    assert curve[5.0] == pytest.approx(0.8 * 2 / 3 / 2)


def test_median_counts_censored_cases(five):
    (row,) = median_time(five).itertuples()
    assert (row.n, row.events, row.censored) == (5, 3, 2)
    assert row.median_days == 4.0  # dropping the censored cases would give 3


def test_groups_and_median_not_reached():
    frame = pd.DataFrame(
        {"days": [2.0, 9, 9, 9], "observed": [True, False, False, False], "g": ["x", "y", "y", "y"]}
    )
    frame["g"] = pd.Categorical(frame["g"], ["x", "y", "z"])
    med = median_time(frame, "g").set_index("group")
    assert med.loc["x", "median_days"] == 2.0
    assert np.isinf(med.loc["y", "median_days"])  # nobody closed yet
    assert med.loc["z", "n"] == 0 and np.isnan(med.loc["z", "median_days"])
    assert set(kaplan_meier(frame, "g")["group"]) == {"x", "y"}


def test_durations_censor_open_cases_at_as_of():
    start = pd.to_datetime(pd.Series(["2020-01-01", "2020-01-01", "2020-09-01"]))
    end = pd.to_datetime(pd.Series(["2020-01-11", None, "2020-10-01"]))
    out = durations(start, end, "2020-09-23")
    assert out["days"].tolist() == [10.0, 266.0, 22.0]  # an end after as-of is not yet known
    assert out["observed"].tolist() == [True, False, False]


def test_durations_reject_impossible_order():
    start = pd.to_datetime(pd.Series(["2020-02-01"]))
    with pytest.raises(ValueError, match="before their start"):
        durations(start, pd.to_datetime(pd.Series(["2020-01-01"])), "2020-09-23")
    with pytest.raises(ValueError, match="after the as-of"):
        durations(start, pd.Series([pd.NaT]), "2020-01-01")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 25), st.booleans()), min_size=1, max_size=60),
    st.sampled_from([1.0, 0.5, 7.0]),
)
def test_median_is_exactly_lifelines_median(cases, scale):
    # The median is computed here, not by lifelines: it must be lifelines' number, bit for
    # bit (ties, durations of 0, medians landing exactly on S = 0.5, nothing observed).
    from lifelines import KaplanMeierFitter

    days = pd.Series([d * scale for d, _ in cases], dtype="float64")
    seen = pd.Series([e for _, e in cases], dtype=bool)
    fitted = KaplanMeierFitter().fit(days, event_observed=seen)
    got = median_time(pd.DataFrame({"days": days, "observed": seen}))["median_days"].item()
    assert np.float64(got).tobytes() == np.float64(fitted.median_survival_time_).tobytes()
