"""The shared names, wordings and no-data note every topic uses (presentation.labels,
presentation.wording, plotkit.no_data)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.presentation import labels, plotkit, style, wording


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_names_of_known_and_unknown_units_and_categories():
    assert labels.unit_name("zhongxinlu", "en") == style.unit_label("zhongxinlu", "en")
    assert labels.unit_name("东街", "en") == "东街"  # a ledger's own unit: as written
    assert labels.category_name("resident_body", "自管会", "en") == "self-management committee"
    assert labels.category_name("resident_body", "楼长会", "en") == "楼长会"
    with pytest.raises(KeyError):  # the strict lookup still raises where a raise is wanted
        style.unit_label("东街", "en")


def test_colours_and_order_of_unknown_units():
    assert labels.unit_colour("jiyuanlu") == style.UNIT_COLOURS["jiyuanlu"]
    assert labels.unit_colours(["xiawo", "东街"]) == [
        style.UNIT_COLOURS["xiawo"],
        labels.UNKNOWN_COLOUR,
    ]
    ranks = labels.unit_rank(["东街", "xiawo", "a-unit"])
    assert ranks["xiawo"] < ranks["a-unit"] < ranks["东街"]  # palette order, then by id
    assert len(ranks) == len(style.UNIT_COLOURS) + 2


@pytest.mark.parametrize(
    ("value", "shown"),
    [(122, "122"), (99.5, "99.5"), (2.25, "2.2"), ("13,900,000", "13,900,000"), ("66.66", "66.7")],
)
def test_short_number(value, shown):
    assert wording.short_number(value) == shown


@pytest.mark.parametrize("missing", [None, math.nan, math.inf, pd.NA, pd.NaT, ""])
def test_short_number_never_prints_a_missing_value(missing):
    assert wording.short_number(missing) == "—"


def test_short_number_keeps_text_that_is_no_number():
    assert wording.short_number("约4000") == "约4000"


def test_counted_nouns_and_agreement():
    assert wording.counted(1, "en", "task") == "1 task"
    assert wording.counted(2, "en", "community", en_plural="communities") == "2 communities"
    assert wording.counted(1234, "zh", "task", "项") == "1,234 项"
    assert wording.counted(3, "zh", "task") == "3"
    assert (wording.agree(1, "has", "have"), wording.agree(0, "has", "have")) == ("has", "have")


def test_days_and_too_few():
    assert wording.days(1, "en") == "1 day"
    assert wording.days(99.5, "en") == "99.5 days"
    assert wording.days(21, "zh") == "21 天"
    assert wording.days(None, "en") == "— days"
    assert wording.too_few(1, "en") == "only 1 record, too few to compare"
    assert wording.too_few(4, "en", sentence=True) == "Only 4 records: too few to compare."
    assert wording.too_few(4, "zh", sentence=True) == "只有 4 条记录，太少，不宜比较。"


def test_share_and_pct():
    assert wording.share(1, 4) == 0.25
    assert math.isnan(wording.share(3, 0))
    assert wording.pct(89.66) == "89.7%"
    assert wording.pct(None) == wording.pct(math.nan) == "—"


def test_some_names_the_first_and_counts_the_rest():
    items = [f"c{i}" for i in range(9)]
    assert wording.some(items[:3], "en") == "c0, c1 and c2"
    assert wording.some(items, "en") == "c0, c1, c2, c3, c4, c5 and 3 more"
    assert wording.some(items, "zh", limit=8) == "c0、c1、c2、c3、c4、c5、c6、c7和另 1 个"
    assert wording.some([], "en") == ""


def test_no_data_on_a_new_axes_and_over_a_drawn_chart():
    ax = plotkit.no_data(None, "en", "Title", note="nothing recorded", datasets=["loans"])
    assert [t.get_text() for t in ax.texts] == ["no data\nnothing recorded"]
    assert ax.get_title(loc="left") == "Title"
    assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
    assert any("Source" in t.get_text() for t in ax.get_figure().texts)  # signed
    _, drawn = plt.subplots()
    drawn.bar([0, 1], [0, 0])
    plotkit.no_data(drawn, "zh")
    assert [t.get_text() for t in drawn.texts] == ["无数据"]
    assert len(drawn.get_xticks()) > 0  # a chart already drawn keeps its axes
