"""The unit page's inspection section: the unit beside the district, and one colour scale."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import inspections as ins
from analysis.datasets.schema import DATA_AS_OF
from analysis.rules.intervals import wilson
from tests.test_inspections import frame, visit

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def two_units() -> pd.DataFrame:
    """Zhongxinlu: 3 first visits, 1 failed (rectified on time). Xiawo: 2, both failed, one
    still open past its deadline."""
    return frame(
        visit("A", "p1", "2020-09-01", fail=("hygiene",), rectify_by="2020-09-10"),
        visit("B", "p1", "2020-09-08", kind="复查", prev="A", rectified_on="2020-09-08"),
        visit("C", "p2", "2020-09-02"),
        visit("D", "p3", "2020-09-03"),
        visit("E", "q1", "2020-08-01", fail=("licence",), rectify_by="2020-08-10", unit="xiawo"),
        visit(
            "F",
            "q2",
            "2020-08-02",
            fail=("hygiene",),
            rectify_by="2020-08-20",
            unit="xiawo",
            rectified_on="2020-08-15",
        ),
    )


def test_comparison_by_hand(two_units: pd.DataFrame) -> None:
    table = ins.unit_comparison("zhongxinlu", two_units, lang="en").set_index("measure")
    assert list(table.columns) == ["this_unit", "district"]
    assert table.loc["first visits that checked an item"].tolist() == ["3", "5"]
    # 1 of 3 vs 3 of 5 ordered rectification, each with its Wilson interval.
    lo, hi = (100 * b for b in wilson(1, 3))
    unit = table.loc["first visits ordering rectification (95% interval)", "this_unit"]
    assert unit == f"33% ({lo:.0f}–{hi:.0f}%)"
    assert table.loc["first visits ordering rectification (95% interval)", "district"].startswith(
        "60% ("
    )
    assert table.loc["rectification cases"].tolist() == ["1", "3"]
    assert table.loc["cases overdue and still open"].tolist() == ["0", "1"]
    assert table.loc["median days to rectification (Kaplan–Meier)", "this_unit"] == "7 days"
    assert not HAN.search(table.to_string())


def test_comparison_of_a_unit_without_visits(two_units: pd.DataFrame) -> None:
    table = ins.unit_comparison("gongyelu", two_units, lang="zh")
    mine = dict(zip(table["measure"], table["this_unit"], strict=True))
    assert mine["检查了项目的初查（次）"] == "0" and mine["整改案件（个）"] == "0"
    assert mine["整改天数中位数（Kaplan–Meier，天）"] == "—"
    assert table.attrs["datasets"] == ["inspections"]
    points = ins.unit_points("gongyelu", two_units, lang="en")
    assert len(points) == 2 and "no first visit" in points[0] and "district: 5" in points[0]


def test_points_name_the_district_beside_the_unit(two_units: pd.DataFrame) -> None:
    points = ins.unit_points("xiawo", two_units, lang="en")
    assert len(points) == 2  # the unit page's box: six points shared by three topics
    assert "Xiawo" in points[0] and "district 60%" in points[0]
    assert "too few" in points[0]  # 2 visits: no comparison made
    assert not any(HAN.search(p) for p in points)
    zh = ins.unit_points("xiawo", two_units, lang="zh")
    assert "峡窝镇" in zh[0] and "全区" in zh[0]


def test_shipped_unit_beside_the_district(inspections_df: pd.DataFrame) -> None:
    part = inspections_df[inspections_df["unit_id"] == "zhongxinlu"]
    summary = ins.rectification_summary(ins.rectification_cases(part, DATA_AS_OF))
    whole = ins.rectification_summary(ins.rectification_cases(inspections_df, DATA_AS_OF))
    table = ins.unit_comparison("zhongxinlu", inspections_df, lang="en").set_index("measure")
    cases = table.loc["rectification cases"]
    assert cases["this_unit"] == f"{summary['n'].iloc[-1]:,}"
    assert cases["district"] == f"{whole['n'].iloc[-1]:,}"
    rates = ins.pass_rates(ins.checked_visits(part))
    f = ins.findings.for_unit("zhongxinlu", rates, summary, "en", district=inspections_df)
    assert "Beside the whole district" in f.text
    assert f.values["district_cases"] == whole["n"].iloc[-1]


def test_heatmap_scale_is_fixed_and_small_cells_hatched(two_units: pd.DataFrame) -> None:
    """Two units with very different rates get the same colour for the same rate."""
    colours = []
    for unit in ("zhongxinlu", "xiawo"):
        rates = ins.pass_rates(ins.checked_visits(two_units[two_units["unit_id"] == unit]))
        ax = ins.plot_pass_rate_heatmap(rates, lang="en")
        image = ax.images[0]
        assert image.norm.vmin == ins.SCALE[0] and image.norm.vmax == ins.SCALE[1]
        colours.append(image.cmap(image.norm(50.0)))
        hatched = [p for p in ax.patches if p.get_hatch()]
        assert hatched  # every cell rests on fewer than 10 checks
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert all(len(line) <= 13 for label in labels for line in label.split("\n"))
        plt.close(ax.get_figure(root=True))
    assert np.allclose(colours[0], colours[1])
    with pytest.raises(ValueError, match="increasing"):
        ins.plot_pass_rate_heatmap(rates, scale=(100, 0))
