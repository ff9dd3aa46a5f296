"""The unit beside the district (renovation section of a unit page): the comparison table,
the district sentence of ``findings.for_unit`` and the unit's key points, on the shipped data
(values recomputed from the tasks) and on tiny hand-built frames."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import renovation
from analysis.renovation import findings as rf
from analysis.rules.intervals import wilson

HAN = re.compile(r"[\u3400-\u9fff]")
T = pd.Timestamp


@pytest.fixture(scope="module")
def shipped(renovation_tasks_df, compounds_df, units_df):
    burn = renovation.burnup(renovation_tasks_df, compounds_df, units_df)
    return burn, renovation.compound_progress(renovation_tasks_df, compounds_df)


def _recount(tasks: pd.DataFrame, compounds: pd.DataFrame, unit: str | None) -> dict[str, int]:
    status = renovation.task_status(renovation.attach_compounds(tasks, compounds))
    if unit is not None:
        status = status[status["unit_id"] == unit]
    return {
        "tasks": len(status),
        "closed": int((status["status"] == "closed").sum()),
        "overdue": int((status["status"] == "overdue").sum()),
    }


@pytest.mark.parametrize("unit", ["zhongxinlu", "jiyuanlu", "xiawo"])
def test_comparison_values_are_recomputed_from_the_tasks(
    shipped, renovation_tasks_df, compounds_df, unit
):
    burn, progress = shipped
    table = renovation.unit_comparison(unit, burn, progress, "en")
    values = table.attrs["values"]
    for who, key in ((unit, unit), ("shangjie", None)):
        again = _recount(renovation_tasks_df, compounds_df, key)
        assert {k: values[who][k] for k in again} == again
    mine = values[unit]
    lo, hi = wilson(mine["closed"], mine["tasks"])
    row = table.set_index("measure").loc["Share of tasks closed (95% CI)"]
    assert row.iloc[0] == (
        f"{100 * mine['closed'] / mine['tasks']:.0f}% ({100 * lo:.0f}%–{100 * hi:.0f}%)"
    )
    assert list(table.columns) == ["measure", "this_unit", "district"]
    assert len(table) == len(renovation.COMPARISON_ROWS)


def test_comparison_is_in_the_edition(shipped):
    burn, progress = shipped
    en = renovation.unit_comparison("zhongxinlu", burn, progress, "en")
    assert not HAN.search(en.to_string())
    zh = renovation.unit_comparison("zhongxinlu", burn, progress, "zh")
    assert zh["measure"].str.contains(r"[\u4e00-\u9fff]").all()


def test_the_district_page_has_one_column(shipped):
    burn, progress = shipped
    table = renovation.unit_comparison("shangjie", burn, progress, "en")
    assert list(table.columns) == ["measure", "district"]
    points = renovation.unit_points("shangjie", burn, progress, "en")
    assert "district:" not in points[0]


def test_for_unit_gives_the_district_beside_the_unit(shipped):
    burn, progress = shipped
    text = rf.for_unit("jiyuanlu", burn, progress, "en").text
    district = progress[["tasks", "closed"]].sum()
    assert f"{district['closed']} of {district['tasks']} tasks closed" in text
    assert "rest of the district" in text
    zh = rf.for_unit("jiyuanlu", burn, progress, "zh").text
    assert "全区：" in zh


def test_unit_points_on_the_shipped_data(shipped):
    burn, progress = shipped
    for lang in ("zh", "en"):
        points = renovation.unit_points("zhongxinlu", burn, progress, lang)
        assert 1 <= len(points) <= 2
    en = renovation.unit_points("zhongxinlu", burn, progress, "en")
    mine = progress[progress["unit_id"] == "zhongxinlu"]
    assert f"{mine['closed'].sum()} of Zhongxinlu Subdistrict's {mine['tasks'].sum()}" in en[0]
    assert f"{mine['overdue'].sum()} tasks are open past" in en[1]
    assert not HAN.search(" ".join(en))


def _tiny(unit_closed: int, rest_closed: int, n: int = 40) -> pd.DataFrame:
    """Progress rows: one compound of zhongxinlu and one of xiawo, ``n`` tasks each."""
    return pd.DataFrame(
        {
            "compound_id": ["c1", "c2"],
            "name_zh": ["东街小区", "西街小区"],
            "unit_id": ["zhongxinlu", "xiawo"],
            "property_pilot": [False, False],
            "tasks": [n, n],
            "closed": [unit_closed, rest_closed],
            "open": [n - unit_closed, n - rest_closed],
            "overdue": [0, 0],
            "closed_pct": [100 * unit_closed / n, 100 * rest_closed / n],
        }
    )


def test_a_unit_apart_from_the_rest_is_said_to_be():
    high = renovation.unit_points("zhongxinlu", None, _tiny(40, 5), "en")
    assert "above the rest of the district beyond chance" in high[0]
    low = renovation.unit_points("zhongxinlu", None, _tiny(5, 40), "en")
    assert "below the rest" in low[0]
    close = renovation.unit_points("zhongxinlu", None, _tiny(20, 22), "en")
    assert "do not tell it apart" in close[0]
    assert close[1] == "No task is open past its planned date."


def test_a_unit_without_compounds_or_tasks_reads_sensibly():
    progress = _tiny(3, 4)
    table = renovation.unit_comparison("gongyelu", None, progress, "en")
    assert table.iloc[:, 1].tolist()[:3] == ["0", "0", "0"]
    assert "—" in table.iloc[:, 1].tolist()
    assert "due to be closed" not in " ".join(table["measure"])  # no burn-up, no plan row
    (point,) = renovation.unit_points("gongyelu", None, progress, "en")
    assert point.startswith("The records hold no unmanaged compounds for")
    empty = progress.assign(tasks=0, closed=0, open=0, closed_pct=float("nan"))
    (point,) = renovation.unit_points("zhongxinlu", None, empty, "en")
    assert "1 unmanaged compound for" in point and "no renovation tasks" in point
