"""The shared plotting helpers of analysis.presentation.plotkit."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.presentation import plotkit, style

TABLE = {"title": ("{}：任务", "{}: tasks"), "named": ("{name}（个）", "{name} (count)")}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_t_picks_the_language_and_formats():
    assert plotkit.t(TABLE, "title", "zh", "上街区") == "上街区：任务"
    assert plotkit.t(TABLE, "title", "en", "Shangjie") == "Shangjie: tasks"
    assert plotkit.t(TABLE, "named", "en", name="teams") == "teams (count)"


def test_bracket_and_as_of_follow_the_edition():
    assert plotkit.bracket("楼院", "12", "zh") == "楼院（12）"
    assert plotkit.bracket("compounds", "12", "en") == "compounds (12)"
    assert plotkit.with_as_of("进度", "2021-03-31", "zh") == "进度（截至2021-03-31）"
    assert plotkit.with_as_of("Progress", "2021-03-31", "en") == "Progress (as of 2021-03-31)"


def test_tint_mixes_with_white():
    assert plotkit.tint("black", 0.3) == pytest.approx((0.7, 0.7, 0.7))
    assert plotkit.tint("#FF0000") == pytest.approx((1.0, 0.7, 0.7))
    assert plotkit.tint("#0072B2", 1.0) == pytest.approx(matplotlib.colors.to_rgb("#0072B2"))


def test_new_axes_reuses_or_sizes_a_new_figure():
    _, given = plt.subplots()
    assert plotkit.new_axes(given) is given
    ax = plotkit.new_axes(None, height=3.0)
    assert tuple(ax.get_figure().get_size_inches()) == pytest.approx((style.FIGSIZE[0], 3.0))
    ax = plotkit.new_axes(None, height=5.5, width=6.5)
    assert tuple(ax.get_figure().get_size_inches()) == pytest.approx((6.5, 5.5))


def test_small_multiples_hides_the_spare_panels():
    fig, axes = plotkit.small_multiples(5, 3, 2.0, 1.0, sharex=True)
    assert axes.shape == (2, 3)
    assert [ax.get_visible() for ax in axes.flat] == [True] * 5 + [False]
    assert tuple(fig.get_size_inches()) == pytest.approx((style.FIGSIZE[0], 5.0))


def test_finish_sets_labels_and_leaves_y_alone_without_one():
    _, ax = plt.subplots()
    ax.set_ylabel("kept")
    assert plotkit.finish(ax, "T", "X") is ax
    title = ax.get_title(loc=plt.rcParams["axes.titlelocation"])
    assert (title, ax.get_xlabel(), ax.get_ylabel()) == ("T", "X", "kept")
    plotkit.finish(ax, "T", "X", "Y")
    assert ax.get_ylabel() == "Y"


def test_as_of_line_and_month_axis():
    _, ax = plt.subplots()
    ax.plot(pd.to_datetime(["2020-09-01", "2021-05-01"]), [0, 1])
    plotkit.month_axis(ax)
    plotkit.as_of_line(ax, "2021-03-31", "en")
    assert [text.get_text() for text in ax.texts] == ["as of 2021-03-31"]
    ax.get_figure().canvas.draw()
    labels = [tick.get_text() for tick in ax.xaxis.get_ticklabels()]
    assert labels and all(len(s) == 7 and s[4] == "-" for s in labels)
    assert {int(s[5:]) % 2 for s in labels} == {1}  # odd months only


def test_unit_legend_uses_the_fixed_colours():
    _, ax = plt.subplots()
    plotkit.unit_legend(ax, ["zhongxinlu", "jiyuanlu"], "zh", loc="lower right")
    patches = ax.get_legend().get_patches()
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in patches]
    assert colours == [
        style.UNIT_COLOURS["zhongxinlu"].lower(),
        style.UNIT_COLOURS["jiyuanlu"].lower(),
    ]
    texts = [text.get_text() for text in ax.get_legend().get_texts()]
    assert texts == [style.unit_label("zhongxinlu", "zh"), style.unit_label("jiyuanlu", "zh")]


def test_datasets_of_prefers_the_frame_attrs():
    frame = pd.DataFrame({"a": [1]})
    assert plotkit.datasets_of(frame, ("compounds",)) == ["compounds"]
    frame.attrs["datasets"] = ["loans"]
    assert plotkit.datasets_of(frame, ["compounds"]) == ["loans"]


@pytest.mark.parametrize("target", ["figure", "axes", "array"])
def test_sign_writes_the_source_under_the_figure(target):
    fig, axes = plt.subplots(1, 2)
    chosen = {"figure": fig, "axes": axes[1], "array": np.asarray(axes)}[target]
    plotkit.sign(chosen, ["compounds"], "en")
    texts = [text.get_text() for text in fig.texts]
    assert texts[-1] == style.source_line(["compounds"], "en")
    assert style.synthetic_caption("en") in texts
