"""Alt text, CSV and file name of every chart: read from the artists, or attached by the chart.

Each figure is built here, so the expected numbers are known: the CSV must hold exactly what
is drawn, and the PNG formatter must not change a byte of the inline backend's image.
"""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.ticker import PercentFormatter

from analysis.datasets.csv_safe import to_csv_text
from analysis.presentation import _alt, plotkit, style
from analysis.presentation._drawn import drawn_frame

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def csv(fig, lang="en") -> str:
    return to_csv_text(drawn_frame(fig, lang))


def test_bars_give_tick_labels_and_heights_under_the_axis_label():
    fig, ax = plt.subplots()
    ax.bar(["Jiyuanlu", "Zhongxinlu", "Xiawo"], [23, 18, 2.5])
    ax.set_ylabel("loans")
    assert csv(fig) == "category,loans\nJiyuanlu,23.0\nZhongxinlu,18.0\nXiawo,2.5\n"
    assert csv(fig, "zh").startswith("类别,loans\n")


def test_horizontal_bars_read_top_to_bottom():
    fig, ax = plt.subplots()
    ax.barh([0, 1, 2], [5, 6, 7])
    ax.set_yticks([0, 1, 2], ["bottom", "middle", "top"])
    ax.set_xlabel("loans")
    ax.set_ylabel("unit")
    assert csv(fig) == "unit,loans\ntop,7\nmiddle,6\nbottom,5\n"
    ax.invert_yaxis()  # first category drawn on top: reading order follows
    assert csv(fig) == "unit,loans\nbottom,5\nmiddle,6\ntop,7\n"


def test_grouped_bars_keep_their_series_and_categories():
    fig, ax = plt.subplots()
    x = np.arange(2)
    ax.bar(x - 0.2, [1, 2], 0.4, label="2019")
    ax.bar(x + 0.2, [3, 4], 0.4, label="2020")
    ax.set_xticks(x, ["food", "retail"])
    assert csv(fig) == (
        "series,category,value\n2019,food,1\n2019,retail,2\n2020,food,3\n2020,retail,4\n"
    )


def test_unlabelled_bars_take_their_legend_entry_or_a_number():
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [10, 20], color="#CCCCCC")
    ax.barh(["a", "b"], [4, 5], color="#0072B2")
    assert csv(fig) == (
        "series,category,value\nseries 1,b,20\nseries 1,a,10\nseries 2,b,5\nseries 2,a,4\n"
    )
    ax.legend(handles=[matplotlib.patches.Patch(color="#0072B2", label="covered")])
    assert "\ncovered,b,5\n" in csv(fig)


def test_a_hidden_count_gives_its_mark_and_bar_labels_are_kept():
    fig, ax = plt.subplots()
    bars = ax.bar(["a", "b", "c"], [12.0, 0.0, 7.0])
    ax.bar_label(bars, labels=["12 (63%)", "x", "7 (37%)"])
    assert csv(fig) == "label,category,value\n12 (63%),a,12\nx,b,x\n7 (37%),c,7\n"
    alt = plotkit.chart_metadata(fig, "en")["alt"]
    assert "a 12 (63%), b x, c 7 (37%)" in alt


def test_a_histogram_gives_bins():
    fig, ax = plt.subplots()
    ax.hist([1, 2, 2, 3.5], bins=[0, 2, 4])
    ax.set_xlabel("amount")
    ax.set_ylabel("loans")
    assert csv(fig) == "amount (lower),amount (upper),loans\n0,2,1\n2,4,3\n"


def test_lines_on_a_date_axis_give_iso_dates_and_labelled_reference_lines():
    fig, ax = plt.subplots()
    days = pd.to_datetime(["2020-01-01", "2020-02-01", "2020-03-01"])
    ax.plot(days, [1, 2, 4], label="opened")
    ax.axvline(pd.Timestamp("2020-02-15"), label="as of")
    ax.axhline(2)  # no label: a guide, not data
    ax.set_ylabel("tasks")
    assert csv(fig) == (
        "series,date,tasks\n"
        "opened,2020-01-01,1\nopened,2020-02-01,2\nopened,2020-03-01,4\nas of,2020-02-15,\n"
    )


def test_a_line_is_named_by_the_text_at_its_end():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [2, 3])
    ax.annotate("Xiawo Town", (1, 3))
    assert csv(fig) == "series,x,y\nXiawo Town,0,2\nXiawo Town,1,3\n"


def test_heatmap_cells_row_by_row_masked_cells_empty():
    fig, ax = plt.subplots()
    mesh = ax.pcolormesh(np.ma.masked_invalid([[0.5, np.nan], [0.75, 1.0]]))
    ax.set_xticks([0.5, 1.5], ["licence", "hygiene"])
    ax.set_yticks([0.5, 1.5], ["restaurant", "hotel"])
    ax.invert_yaxis()
    bar = fig.colorbar(mesh, label="pass rate")
    bar.ax.yaxis.set_major_formatter(PercentFormatter(1))
    ax.text(1.5, 0.5, "x", ha="center")  # the mark of the hidden cell
    assert csv(fig) == (
        "row,column,pass rate\n"
        "restaurant,licence,0.5\nrestaurant,hygiene,\nhotel,licence,0.75\nhotel,hygiene,1.0\n"
    )
    alt = plotkit.chart_metadata(fig, "en")["alt"]
    assert alt == (
        "Heatmap. restaurant · licence 50%, restaurant · hygiene x, "
        "hotel · licence 75%, hotel · hygiene 100%."
    )


def test_imshow_heatmap_follows_its_origin():
    fig, ax = plt.subplots()
    ax.imshow([[1, 2], [3, 4]], origin="lower")
    ax.set_xticks([0, 1], ["c1", "c2"])
    ax.set_yticks([0, 1], ["r1", "r2"])
    # origin lower: row 0 is drawn at the bottom, so the top row (read first) is r2 = [3, 4]
    assert csv(fig) == "row,column,value\nr2,c1,3\nr2,c2,4\nr1,c1,1\nr1,c2,2\n"


def test_scatter_points_with_their_names():
    fig, ax = plt.subplots()
    ax.scatter([1.5, 2.0], [3.0, 4.25], label="compounds")
    ax.annotate("Labour Bureau compound", (1.5, 3.0))
    ax.set_xlabel("share closed")
    ax.set_ylabel("score")
    assert csv(fig) == (
        "series,label,share closed,score\n"
        "compounds,Labour Bureau compound,1.5,3.0\ncompounds,,2.0,4.25\n"
    )


def test_dot_plot_with_ranges():
    fig, ax = plt.subplots()
    ax.hlines([0, 1], [90, 100], [110, 200], label="allowed")
    ax.scatter([100, 150], [0, 1], label="computed")
    ax.set_yticks([0, 1], ["loans", "canteens"])
    ax.set_xlabel("% of published")
    assert csv(fig) == (
        "series,category,% of published,% of published (lower),% of published (upper)\n"
        "allowed,loans,,90,110\nallowed,canteens,,100,200\n"
        "computed,loans,100,,\ncomputed,canteens,150,,\n"
    )
    alt = plotkit.chart_metadata(fig, "en")["alt"]
    assert alt.index("loans (computed) 100") < alt.index("loans (allowed) 90–110")


def test_empty_axes_give_headers_only_and_an_alt_from_the_title():
    fig, ax = plt.subplots()
    plotkit.no_data(ax, "en", title="Loans by month")
    meta = plotkit.chart_metadata(fig, "en")
    assert meta["csv"] == "category,value\n"
    assert meta["alt"] == "Chart: Loans by month. no data."
    assert meta["name"] == "loans-by-month.csv"


def test_several_axes_get_a_panel_column_named_by_their_titles():
    fig, axes = plt.subplots(1, 2)
    for ax, title, values in zip(axes, ["count", "amount"], [[1, 2], [30, 40]], strict=True):
        ax.bar(["a", "b"], values)
        ax.set_title(title)
    assert csv(fig) == "panel,category,value\ncount,a,1\ncount,b,2\namount,a,30\namount,b,40\n"
    alt = plotkit.chart_metadata(fig, "en")["alt"]
    assert alt == "Bar chart (2 panels). count: a 1, b 2; amount: a 30, b 40."


def test_twin_axes_are_one_panel():
    fig, ax = plt.subplots()
    ax.bar(["Jan", "Feb"], [3, 5], label="loans")
    twin = ax.twinx()
    twin.plot([0, 1], [3, 8], label="total")
    twin.set_ylabel("total amount")
    meta = plotkit.chart_metadata(fig, "en")
    assert meta["alt"].startswith("Bar chart and line chart. ")
    assert "panel" not in meta["csv"].splitlines()[0]


def test_csv_cells_are_neutralised():
    fig, ax = plt.subplots()
    ax.bar(["=HYPERLINK(1)", "b"], [1, 2])
    assert "'=HYPERLINK(1)" in plotkit.chart_metadata(fig, "en")["csv"]


def test_alt_names_at_most_twelve_values_and_stays_short():
    fig, ax = plt.subplots()
    names = [f"Residential compound number {i} (fictional)" for i in range(66)]
    ax.barh(names, np.arange(66))
    ax.set_title("Tasks closed per compound " * 8)  # a long title is cut
    style.add_source(fig, ["loans"], "en")
    alt = plotkit.chart_metadata(fig, "en")["alt"]
    assert len(alt) <= _alt.MAX_CHARS
    shown = int(re.search(r"and (\d+) more", alt).group(1))
    assert 66 - _alt.MAX_VALUES <= shown < 66
    assert "Source: " in alt


def test_english_alt_has_no_han_and_chinese_alt_reads_chinese():
    fig, ax = plt.subplots()
    ax.barh(["Jiyuanlu Subdistrict", "Zhongxinlu Subdistrict"], [23, 18])
    ax.set_title("Loans by subdistrict/town")
    style.add_source(fig, ["loans"], "en")  # adds the bilingual synthetic caption too
    alt = plotkit.chart_metadata(fig, "en")["alt"]
    assert not HAN.search(alt), alt
    assert alt.startswith("Bar chart: Loans by subdistrict/town. Zhongxinlu Subdistrict 18")
    fig, ax = plt.subplots()
    ax.bar(["济源路街道", "中心路街道"], [23, 18])
    ax.set_title("各街道（镇）贷款笔数")
    style.add_source(fig, ["loans"], "zh")
    meta = plotkit.chart_metadata(fig, "zh")
    assert meta["alt"].startswith(
        "柱状图：各街道（镇）贷款笔数。济源路街道 23，中心路街道 18。来源："
    )
    assert meta["name"] == "chart.csv"


def test_describe_attaches_the_frame_and_alt_of_the_chart():
    fig, ax = plt.subplots()
    ax.barh([0, 1], [0.2, 0.4])  # log-odds drawn, multipliers meant
    frame = pd.DataFrame({"factor": ["type", "history"], "multiplier": [1.22, 1.49]})
    assert plotkit.describe(ax, frame) is ax
    meta = plotkit.chart_metadata(fig, "en")
    assert meta["csv"] == "factor,multiplier\ntype,1.22\nhistory,1.49\n"
    assert "type 1.22, history 1.49" in meta["alt"]
    style.add_source(fig, ["inspections"], "en")
    plotkit.describe(fig, frame, alt="Risk multipliers by factor.")
    meta = plotkit.chart_metadata(fig, "en")
    assert meta["alt"].startswith("Risk multipliers by factor. Source: ")


def test_an_unreadable_chart_never_breaks_the_display(monkeypatch):
    fig, ax = plt.subplots()
    ax.pie([1, 2])  # wedges: not read, so no rows
    ax.set_title("Shares")
    assert plotkit.chart_metadata(fig, "en")["csv"] == "category,value\n"

    def broken(*args, **kwargs):
        raise RuntimeError("unexpected artist")

    monkeypatch.setattr("analysis.presentation._drawn.panels", broken)
    assert plotkit.chart_metadata(fig, "en") == {
        "alt": "Shares",
        "csv": "",
        "name": "chart.csv",
    }


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats
    from matplotlib_inline.config import InlineBackend

    ip = InteractiveShell.instance()
    # What `%matplotlib inline` registers: its own PNG formatter with its print settings.
    select_figure_formats(ip, {"png"}, **InlineBackend.instance().print_figure_kwargs)
    yield ip
    InteractiveShell.clear_instance()


def test_formatter_keeps_the_inline_png_bytes_and_adds_metadata(shell):
    from matplotlib.figure import Figure

    png = shell.display_formatter.formatters["image/png"]
    inline = png.lookup_by_type(Figure)
    assert plotkit.install_chart_formatter()
    assert plotkit.install_chart_formatter()  # again: wraps the inline formatter, not itself
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("Loans")
    data, metadata = shell.display_formatter.format(fig)
    assert plotkit.png_bytes(data["image/png"]) == plotkit.png_bytes(inline(fig))
    assert data["image/png"] == inline(fig)  # the same base64 text the notebook stores
    meta = metadata["image/png"]["shangjie"]
    assert set(meta) == {"alt", "csv", "name"}
    assert meta["csv"].endswith("\na,1\nb,2\n")  # headers in the session's edition
    assert png.lookup_by_type(Figure).__shangjie_wrapped__ is inline


def test_without_an_inline_backend_nothing_is_installed():
    assert plotkit.install_chart_formatter() is False  # no IPython shell in this process


def test_describing_several_axes_stacks_their_frames_by_title():
    fig, axes = plt.subplots(1, 2)
    for ax, title, value in zip(axes, ["Jiyuanlu", "Xiawo"], [3.0, 4.0], strict=True):
        ax.set_title(title)
        plotkit.describe(ax, pd.DataFrame({"category": ["a"], "loans": [value]}))
    plotkit.describe(axes[1], pd.DataFrame({"category": ["b"], "loans": [5]}))  # replaces
    meta = plotkit.chart_metadata(fig, "en")
    assert meta["csv"] == "panel,category,loans\nJiyuanlu,a,3\nXiawo,b,5\n"
    with pytest.raises(TypeError, match="DataFrame"):
        plotkit.describe(axes[0], [1, 2])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mark", "value", "expected"),
    [
        ("97% (n=426)", 96.7, True),
        ("97%", 0.967, True),
        ("236万元 · 16笔", 236.0, True),
        ("2.5", 2.48, True),
        ("8/10", 10.0, False),
        ("↑13", 8.0, False),
        ("x", "x", True),
    ],
)
def test_a_mark_states_a_value_only_when_its_number_rounds_to_it(mark, value, expected):
    from analysis.presentation._alt_items import states

    assert states(mark, value) is expected


def test_values_are_written_as_the_findings_write_them():
    from analysis.presentation._alt_items import value_text

    assert [value_text(v) for v in (1234, 7.4, 2.48275, 159770.115, np.nan)] == [
        "1,234",
        "7.4",
        "2.48",
        "159,770.1",
        "—",
    ]
    assert value_text(0.675, 1.0) == "67.5%" and value_text(25, 100) == "25%"
