"""Renovation findings compare only what their intervals and tests support: Wilson 95 %
intervals on compared shares (hand-computed), a log-rank test before the category medians
are contrasted, and the wording that follows from each (shipped data recomputed)."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from lifelines.statistics import multivariate_logrank_test

from analysis import renovation
from analysis.renovation import findings as rf
from analysis.renovation._stats import p_text, spread
from analysis.rules.intervals import apart, wilson

HAN = re.compile(r"[\u3400-\u9fff]")


def _wilson_by_hand(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(1, 3), (35, 45), (0, 12), (12, 12), (171, 511)])
def test_wilson_is_the_closed_form(k, n):
    assert wilson(k, n) == pytest.approx(_wilson_by_hand(k, n), abs=1e-9)


def test_wilson_of_nothing_and_apart():
    assert all(math.isnan(x) for x in wilson(0, 0))
    assert apart((0.1, 0.2), (0.3, 0.4)) and not apart((0.1, 0.35), (0.3, 0.4))
    assert not apart((math.nan, math.nan), (0.3, 0.4))


def test_p_values_are_rounded_to_what_they_tell():
    assert p_text(0.30784) == "p = 0.31"
    assert p_text(0.0042) == "p = 0.004"
    assert p_text(0.00001) == "p < 0.001"
    assert p_text(float("nan")) == "p = —"


def _rows(pairs):
    return pd.DataFrame(
        {
            "id": [f"g{i}" for i in range(len(pairs))],
            "k": [k for k, _ in pairs],
            "n": [n for _, n in pairs],
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_spread_ranks_only_when_the_intervals_are_apart(lang):
    values: dict = {}
    # 90 of 100 against 10 of 100: intervals (0.83, 0.94) and (0.06, 0.17)
    text = spread(_rows([(90, 100), (10, 100)]), str, ("各组", "By group"), values, "s", lang)
    assert values["s_apart"] is True
    assert ("最高" in text) if lang == "zh" else ("highest" in text)
    values = {}
    # 6 of 10 against 4 of 10: (0.31, 0.83) and (0.17, 0.69) overlap
    text = spread(_rows([(6, 10), (4, 10)]), str, ("各组", "By group"), values, "s", lang)
    assert values["s_apart"] is False
    assert ("不足以区分" in text) if lang == "zh" else ("do not tell them apart" in text)
    assert "最高" not in text and "highest" not in text
    assert values["s"]["g0"] == pytest.approx((0.6, *_wilson_by_hand(6, 10)))
    if lang == "en":
        assert not HAN.search(text)


def _tasks_two_categories(slow_days: int) -> pd.DataFrame:
    """30 tasks of each of two categories, all closed: 10–39 days and ``slow_days`` more."""
    opened = pd.Timestamp("2020-01-01")
    rows = []
    for cat, extra in (("照明", 0), ("绿化", slow_days)):
        for i in range(30):
            rows.append(
                {
                    "task_id": f"{cat}{i}",
                    "compound_id": "c1",
                    "category": cat,
                    "raised_by": "居民点单",
                    "opened_on": opened,
                    "planned_on": opened + pd.Timedelta(days=60),
                    "closed_on": opened + pd.Timedelta(days=10 + i + extra),
                }
            )
    return pd.DataFrame(rows)


def _ttc(tasks: pd.DataFrame, lang: str, with_test: bool = True):
    return rf.time_to_close(
        renovation.close_medians(tasks, None, "2020-09-23"),
        renovation.close_medians(tasks, "category", "2020-09-23"),
        renovation.close_curves(tasks, "category", "2020-09-23"),
        renovation.close_curves(tasks, None, "2020-09-23"),
        lang,
        renovation.close_logrank(tasks, "category", "2020-09-23") if with_test else None,
    )


def test_medians_are_contrasted_only_when_the_log_rank_test_supports_it():
    far = _ttc(_tasks_two_categories(100), "en")
    # medians 24 and 124 days (lifelines' convention): the curves do not overlap at all
    assert far.values["logrank_p"] < 0.001
    assert "lighting (24 days)" in far.text and "larger than chance (p < 0.001)" in far.text
    near = _ttc(_tasks_two_categories(1), "en")
    assert near.values["logrank_p"] > 0.05
    assert "within chance" in near.text and "lighting (" not in near.text
    untested = _ttc(_tasks_two_categories(1), "en", with_test=False)
    assert "not compared" in untested.text and "logrank_p" not in untested.values
    assert "All 60 tasks have closed" in far.text and "still open" not in far.text
    assert "too few" not in far.text
    zh = _ttc(_tasks_two_categories(1), "zh")
    assert "偶然波动范围内" in zh.text


def test_log_rank_of_one_group_or_nothing_is_missing_not_an_error():
    one = _tasks_two_categories(0)
    one = one[one["category"] == "照明"]
    row = renovation.close_logrank(one, "category", "2020-09-23").iloc[0]
    assert row["groups"] == 1 and np.isnan(row["p_value"])
    empty = renovation.close_logrank(one.iloc[:0], "category", "2020-09-23").iloc[0]
    assert empty["tasks"] == 0 and np.isnan(empty["p_value"])


def test_shipped_log_rank_is_lifelines_and_the_text_says_within_chance(renovation_tasks_df):
    tasks = renovation_tasks_df
    timed = renovation.task_durations(tasks)
    expected = multivariate_logrank_test(
        timed["days"], timed["category"].astype(str), timed["observed"]
    ).p_value
    row = renovation.close_logrank(tasks).iloc[0]
    assert row["p_value"] == pytest.approx(expected)
    found = {lang: _ttc_shipped(tasks, lang) for lang in ("zh", "en")}
    for f in found.values():
        assert f.values["logrank_p"] == pytest.approx(expected)
    shown = p_text(expected)
    if expected >= 0.05:
        assert f"within chance ({shown})" in found["en"].text
        assert f"（{shown}）" in found["zh"].text
    assert not HAN.search(found["en"].text)


def _ttc_shipped(tasks, lang):
    return rf.time_to_close(
        renovation.close_medians(tasks, None),
        renovation.close_medians(tasks, "category"),
        renovation.close_curves(tasks, "category"),
        renovation.close_curves(tasks, None),
        lang,
        renovation.close_logrank(tasks, "category"),
    )


def test_shipped_shares_carry_their_intervals(renovation_tasks_df, compounds_df, units_df):
    tasks, compounds = renovation_tasks_df, compounds_df
    progress = renovation.compound_progress(tasks, compounds)
    comparison = renovation.pilot_comparison(progress, "zhongxinlu")
    p = rf.progress(progress, comparison, "en")
    pilots = comparison[comparison["property_pilot"].astype(bool)].iloc[0]
    rest = comparison[~comparison["property_pilot"].astype(bool)].iloc[0]
    lo_p = wilson(int(pilots["closed"]), int(pilots["tasks"]))
    lo_r = wilson(int(rest["closed"]), int(rest["tasks"]))
    assert p.values["pilots_interval"] == pytest.approx(lo_p)
    assert p.values["intervals_apart"] == apart(lo_p, lo_r)
    assert ("intervals overlap" in p.text) == (not apart(lo_p, lo_r))
    assert "95% CI" in p.text and "selection" in p.text
    by_unit = renovation.tasks_by(renovation.attach_compounds(tasks, compounds), "unit_id")
    c = rf.checklist(renovation.burnup(tasks, compounds, units_df), by_unit, "en")
    enough = by_unit[by_unit["tasks"] >= 10]
    hi = enough.loc[enough["closed_pct"].idxmax()]
    assert c.values["unit_intervals"][str(hi["unit_id"])][1:] == pytest.approx(
        wilson(int(hi["closed"]), int(hi["tasks"]))
    )
    s = rf.slippage(renovation.slippage(tasks, None), "en")
    assert s.values["on_time_interval"] == pytest.approx(
        wilson(s.values["on_time"], s.values["known"])
    )
