"""The unit report's inspection findings: hand-built frames and the shipped unit."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import inspections as ins
from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections import findings as fi
from tests.test_inspections import frame, visit

HAN = re.compile(r"[\u4e00-\u9fff]")


def unit_frames(visits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    rates = ins.pass_rates(ins.checked_visits(visits))
    summary = ins.rectification_summary(ins.rectification_cases(visits, DATA_AS_OF))
    return rates, summary


def test_for_unit_hand_built() -> None:
    visits = frame(
        visit("A", "p1", "2020-09-01", fail=("hygiene",), rectify_by="2020-09-10"),
        visit("B", "p1", "2020-09-08", kind="复查", prev="A", rectified_on="2020-09-08"),
        visit("C", "p2", "2020-09-02"),
        visit("D", "p3", "2020-09-03", fail=("hygiene",), rectify_by="2020-09-30"),
    )
    rates, summary = unit_frames(visits)
    f = fi.for_unit("zhongxinlu", rates, summary, "en")
    # Hygiene: 1 of 3 first visits passed; D is open and not yet due.
    assert f.values["worst_item_pass_pct"] == pytest.approx(100 / 3)
    assert f.values["cases"] == 2 and f.values["rectified"] == 1 and f.values["open_cases"] == 1
    assert f.values["due"] == 1 and f.values["by_deadline"] == 1 and f.values["overdue"] == 0
    assert "33.3%" in f.text and "Zhongxinlu" in f.text
    assert "too few" in f.text  # two cases only
    assert not HAN.search(f.text)


def test_for_unit_without_visits_or_failures() -> None:
    visits = frame(visit("A", "p1", "2020-09-01"))
    rates, summary = unit_frames(visits.iloc[:0])
    f = fi.for_unit("东街", rates, summary, "zh")
    assert "东街没有一次检查了项目的初查记录" in f.text and f.values["cases"] == 0
    rates, summary = unit_frames(visits)
    f = fi.for_unit("zhongxinlu", rates, summary, "en")
    assert "same pass rate, 100.0%" in f.text and "no rectification case" in f.text


def test_for_unit_shipped(inspections_df: pd.DataFrame) -> None:
    part = inspections_df[inspections_df["unit_id"] == "zhongxinlu"]
    rates, summary = unit_frames(part)
    f = fi.for_unit("zhongxinlu", rates, summary, "zh")
    total = summary[summary["group"] == "全部"].iloc[0]
    assert f.values["cases"] == total["n"] and f.values["median_days"] == total["median_days"]
    assert f"{f.values['median_days']:.0f} 天" in f.text
    assert "合成数据" in f.text
