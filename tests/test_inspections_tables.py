"""The inspection page's reader tables: what they keep, drop and translate."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from analysis import inspections as ins
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.columns import COLUMNS
from tests.test_inspections import frame, visit

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def visits() -> pd.DataFrame:
    return frame(
        visit("A", "p1", "2020-06-01", fail=("hygiene",), rectify_by="2020-06-10"),
        visit("B", "p1", "2020-06-08", kind="复查", prev="A", rectified_on="2020-06-08"),
        visit("C", "p2", "2020-06-02", ptype="小旅店"),
        visit("D", "p3", "2020-09-01", fail=("rules",), rectify_by="2020-09-30"),
    ).assign(campaign=["日常监督", "日常监督", "日常监督", "“六小”行业督导检查"])


def test_visits_by_campaign(visits) -> None:
    out = ins.tables.visits_by_campaign(visits).set_index("campaign")
    assert out.loc["日常监督"].tolist() == [2, 1, 3]
    assert out.loc["全部"].tolist() == [3, 1, 4]
    assert out.attrs["datasets"] == ["inspections"]


def test_summary_drops_empty_groups_and_unknown_medians(visits) -> None:
    kinds = pd.CategoricalDtype(["小餐饮店", "小旅店", "未记录"])
    cases = ins.rectification_cases(visits.astype({"premises_type": kinds}), DATA_AS_OF)
    summary = ins.rectification_summary(cases)
    assert (summary["n"] == 0).any()  # types with no case: 0 rows in the metric frame
    out = ins.tables.summary_table(summary)
    assert (out["cases"] > 0).all() and out["group"].iloc[-1] == "全部"
    assert {"rectified", "still_open"} <= set(out.columns) and "n" not in out
    # D alone is open: fewer than half rectified, so its median is not known (inf → NaN)
    only_open = ins.rectification_summary(cases[cases["inspection_id"] == "D"])
    assert math.isinf(only_open["median_days"].iloc[-1])
    shown = ins.tables.summary_table(only_open)
    assert shown["median_days"].isna().all()


def test_pass_rate_table_sorted_with_intervals(visits) -> None:
    rates = ins.pass_rates(ins.checked_visits(visits))
    out = ins.tables.pass_rate_table(rates)
    assert (out["checked"] > 0).all()
    assert out["pass_rate_pct"].is_monotonic_increasing
    first = out.iloc[0]
    assert first["ci_low_pct"] <= first["pass_rate_pct"] <= first["ci_high_pct"]


def test_rules_and_ranking_in_english(visits) -> None:
    ranking, rules = ins.risk.rank_premises(visits, as_of=DATA_AS_OF)
    table = ins.tables.rules_table(rules, lang="en")
    assert not HAN.search(table.to_string())
    assert {"never", "prior failures", "overall"} <= set(table["level"]) | set(table["factor"])
    zh = ins.tables.rules_table(rules, lang="zh")
    assert "未检查过" in set(zh["level"])
    listed = ins.tables.ranking_table(ranking, lang="en")
    assert len(listed) == len(ranking) and listed["rank"].iloc[0] == 1
    assert not HAN.search(" ".join(listed["since_last"]))
    assert listed["rank"].is_monotonic_increasing


def test_every_column_shown_has_a_label(visits) -> None:
    rates = ins.pass_rates(ins.checked_visits(visits))
    shown = [
        ins.tables.visits_by_campaign(visits),
        ins.tables.pass_rate_table(rates),
        ins.tables.rates_with_intervals(ins.outcome_summary(visits, "agency", period="M")),
        ins.tables.summary_table(ins.rectification_summary(ins.rectification_cases(visits))),
        ins.tables.ranking_table(ins.risk.rank_premises(visits, as_of=DATA_AS_OF)[0]),
        ins.unit_comparison("zhongxinlu", visits),
    ]
    missing = {c for t in shown for c in t.columns if c not in COLUMNS}
    assert not missing


def test_charts_attach_the_numbers_a_reader_needs(visits) -> None:
    """The heatmap's CSV carries the checks behind each rate; the rules chart's the
    multipliers themselves, not the log lengths of its bars."""
    from analysis.presentation import _drawn

    rates = ins.pass_rates(ins.checked_visits(visits))
    ax = ins.plot_pass_rate_heatmap(rates, lang="en")
    attached = getattr(ax.get_figure(root=True), _drawn.ATTACHED)["frames"][ax]
    assert list(attached.columns) == ["premises type", "check item", "checks", "pass rate (%)"]
    assert attached["checks"].sum() == rates.loc[rates["checked"] > 0, "checked"].sum()
    _, rules = ins.risk.rank_premises(visits, as_of=DATA_AS_OF)
    ax = ins.plot_risk_multipliers(rules, lang="en")
    attached = getattr(ax.get_figure(root=True), _drawn.ATTACHED)["frames"][ax]
    levels = rules[rules["factor"] != "overall"]
    assert attached.iloc[:, 1].tolist() == levels["multiplier"].round(2).tolist()
