"""Intervals, chance benchmarks and the wording they decide (issue 16), by hand and shipped."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import inspections as ins
from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections import _stats
from analysis.inspections import findings as fi
from analysis.inspections._risk_chance import auc, chance, lift_at
from analysis.inspections.risk import Validation, capture_curve
from tests.risk_oracle import fit_rules
from tests.test_inspections_findings import assert_numbers_in_values


def test_wilson_by_hand() -> None:
    # 0 of 10: the Wilson upper bound is z² / (n + z²) = 3.8415 / 13.8415
    lo, hi = _stats.wilson(0, 10)
    assert lo == pytest.approx(0, abs=1e-12) and hi == pytest.approx(3.8415 / 13.8415, abs=1e-4)
    # 5 of 10 is symmetric about one half
    lo, hi = _stats.wilson(5, 10)
    assert lo + hi == pytest.approx(1)
    assert all(math.isnan(x) for x in _stats.wilson(0, 0))
    with pytest.raises(ValueError):
        _stats.wilson(11, 10)


def test_overlap_and_precision() -> None:
    frame = pd.DataFrame({"ci_low_pct": [10, 15, 40], "ci_high_pct": [20, 30, 50]})
    assert list(_stats.overlapping(frame, 0).index) == [1]
    assert _stats.overlapping(frame, 2).empty
    assert _stats.rate(90.94, 89.1, 92.4) == "90.9%" and _stats.rate(14.29, 6.7, 27.8) == "14%"
    assert _stats.p_text(0.0004) == "< 0.001" and _stats.p_text(0.27) == "0.27"


def test_lift_and_auc_by_hand() -> None:
    # 10 premises, 2 failing, both with the top scores: the top 20 % finds all of them
    scores = np.arange(10, 0, -1, dtype=float)
    hits = np.array([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], dtype=bool)
    assert lift_at(scores, hits, 0.2) == pytest.approx(5)
    assert auc(scores, hits) == 1
    # a constant score is random order: lift 1, AUC one half (ties count half)
    assert lift_at(np.ones(10), hits, 0.2) == pytest.approx(1)
    assert auc(np.ones(10), hits) == 0.5
    # the same reading as the capture curve the chart draws
    rng = np.random.default_rng(1)
    s, h = rng.integers(0, 4, 50).astype(float), rng.random(50) < 0.3
    curve = capture_curve(pd.Series(s), pd.Series(h))
    assert lift_at(s, h, 0.2) == pytest.approx(ins.risk.capture_at(curve, 0.2)["lift"].iloc[0])


def scored_frame(n: int, signal: float, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    score = rng.random(n)
    failed = rng.random(n) < 0.15 + signal * score
    return pd.DataFrame({"score": score, "failed": failed, "failures": np.zeros(n)})


def test_chance_is_reproducible_and_separates_signal_from_noise() -> None:
    strong, noise = scored_frame(400, 0.6), scored_frame(400, 0.0)
    a, b = chance(strong), chance(strong)
    assert a == b  # fixed seeds: the same numbers on every run
    assert a["lift_low"] > 1 and a["p_value"] < 0.01
    c = chance(noise)
    assert c["lift_low"] < 1 < c["lift_high"] and c["p_value"] > 0.05
    # prior failures all zero: the benchmark is random order, lift exactly 1
    assert a["baseline_lift"] == pytest.approx(1)


def validation_of(scored: pd.DataFrame) -> Validation:
    rules = fit_rules(
        pd.DataFrame(
            {
                "premises_type": ["小餐饮店"] * 4,
                "prior_failures": ["0"] * 4,
                "since_last": ["未检查过"] * 4,
                "failed": [True, False, False, False],
            }
        )
    )
    ordered = scored.sort_values("score", ascending=False).reset_index(drop=True)
    return Validation(rules, ordered, capture_curve(ordered["score"], ordered["failed"]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_useful_only_when_the_interval_excludes_one(lang: str) -> None:
    empty = pd.DataFrame()
    strong = fi.validation(validation_of(scored_frame(400, 0.6)), empty, "2020-07-01", lang=lang)
    noise = fi.validation(validation_of(scored_frame(400, 0.0)), empty, "2020-07-01", lang=lang)
    useful = {"zh": "这个排序有用", "en": "the ranking is useful"}[lang]
    chance_words = {"zh": "与随机顺序无法区分", "en": "not distinguishable from chance"}[lang]
    assert useful in strong.text and chance_words not in strong.text
    assert useful not in noise.text and chance_words in noise.text
    assert noise.values["lift_low"] < 1 < noise.values["lift_high"]
    for f in (strong, noise):
        assert_numbers_in_values(f)


def test_declared_cutoff_rule() -> None:
    assert ins.declared_cutoff("2020-09-23") == pd.Timestamp("2020-07-01")
    assert ins.declared_cutoff("2020-09-24") == pd.Timestamp("2020-07-01")
    assert ins.declared_cutoff("2020-09-22") == pd.Timestamp("2020-06-01")
    assert [f"{d:%m-%d}" for d in ins.cutoffs("2020-09-23")] == ["06-01", "07-01", "08-01"]


def test_lowest_cell_is_lowest_only_when_its_interval_stands_apart() -> None:
    def rates(passes: list[int], n: int) -> pd.DataFrame:
        rows = [("A", "item_hygiene", p) for p in passes[:1]] + [
            ("B", "item_hygiene", p) for p in passes[1:]
        ]
        out = pd.DataFrame(
            [
                {"premises_type": k, "item": i, "checked": n, "passed": p, "failed": n - p}
                for k, i, p in rows
            ]
        )
        out["not_applicable"] = 0
        out["pass_rate_pct"] = 100 * out["passed"] / out["checked"]
        return out

    apart = fi.items(rates([500, 950], 1000), "en")
    close = fi.items(rates([890, 900], 1000), "en")
    assert "the lowest pass rate is premises hygiene in A" in apart.text
    assert "overlaps no other cell" in apart.text and "among the lowest" not in apart.text
    assert "among the lowest, within chance of 1 other cell" in close.text
    assert close.values["lowest_cell_within_chance"] == 1


def test_shipped_intervals_recomputed(inspections_df: pd.DataFrame) -> None:
    v = inspections_df
    checked = ins.checked_visits(v)
    rates = ins.pass_rates(checked)
    f = fi.items(rates, "en")
    cells = rates[(rates["premises_type"] != ins.TOTAL) & (rates["checked"] >= 10)]
    cell = cells.sort_values(["pass_rate_pct", "checked"], ascending=[True, False]).iloc[0]
    ci = stats.binomtest(int(cell["passed"]), int(cell["checked"])).proportion_ci(method="wilson")
    assert f.values["lowest_cell_ci_pct"] == pytest.approx([100 * ci.low, 100 * ci.high])
    lows = [
        stats.binomtest(int(p), int(n)).proportion_ci(method="wilson")
        for p, n in zip(cells["passed"], cells["checked"], strict=True)
    ]
    overlap = sum(1 for c in lows if c.low * 100 <= 100 * ci.high) - 1
    assert f.values["lowest_cell_within_chance"] == overlap
    # the wording follows the overlap: "lowest" alone only when nothing overlaps
    assert ("among the lowest" in f.text) == (overlap > 0)
    cases = ins.rectification_cases(v, DATA_AS_OF)
    rect = fi.rectification(cases, ins.rectification_summary(cases), DATA_AS_OF, "en")
    from lifelines.statistics import multivariate_logrank_test

    sizes = cases["premises_type"].astype(object).value_counts()
    part = cases[cases["premises_type"].astype(object).isin(sizes[sizes >= 10].index)]
    p = multivariate_logrank_test(
        part["days"], part["premises_type"].astype(object), part["observed"]
    ).p_value
    assert rect.values["logrank_p"] == pytest.approx(p)
    assert ("not differ beyond chance" in rect.text) == (p >= 0.05)
    due = rect.values["due"]
    ci = stats.binomtest(rect.values["by_deadline"], due).proportion_ci(method="wilson")
    assert rect.values["by_deadline_ci_pct"] == pytest.approx([100 * ci.low, 100 * ci.high])
    assert_numbers_in_values(f)
    assert_numbers_in_values(rect)


def test_shipped_cutoff_table_and_validation(inspections_df: pd.DataFrame) -> None:
    v = inspections_df
    cut = ins.declared_cutoff(DATA_AS_OF)
    table = ins.capture_by_cutoff(v, ins.cutoffs(DATA_AS_OF))
    assert list(table["cutoff"]) == ins.cutoffs(DATA_AS_OF)
    result = ins.risk.validate(v, cut, until=DATA_AS_OF)
    row = table[table["cutoff"] == cut].iloc[0]
    assert row["lift"] == pytest.approx(lift_at(result.scored["score"], result.scored["failed"]))
    assert row["lift_low"] <= row["lift"] <= row["lift_high"]
    f = fi.validation(result, table, cut, DATA_AS_OF, "en")
    assert ("the ranking is useful" in f.text) == (row["lift_low"] > 1)
    others = table[table["cutoff"] != cut]
    assert ("depends on the cut-off" in f.text) == bool((others["lift_low"] <= 1).any())
    assert ("highest lift of them" in f.text) == bool(row["lift"] >= others["lift"].max())
    assert f.values["baseline_lift"] == pytest.approx(row["baseline_lift"])
    assert_numbers_in_values(f)
