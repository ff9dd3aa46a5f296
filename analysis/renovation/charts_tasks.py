"""Charts of the tasks themselves: pilots against the rest, what residents asked for, and
one compound's checklist as a Gantt chart.

Frames come from :mod:`analysis.renovation.metrics` and :mod:`analysis.renovation.case`;
conventions (titles, units, unit colours, source line, ``lang``) as in
:mod:`analysis.renovation.charts`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation import style
from analysis.presentation.labels import category_name, unit_colour
from analysis.presentation.plotkit import (
    as_of_line,
    bracket,
    end_label,
    finish,
    month_axis,
    new_axes,
    no_data,
    sign,
    t,
    tint,
)
from analysis.presentation.text import Catalogue
from analysis.renovation import _described
from analysis.renovation._findings_common import compound_label

TEXT = Catalogue(
    __name__,
    {
        "pilot_title": (
            "中心路街道：物业试点楼院与其他楼院的销号进度",
            "Zhongxinlu: pilot compounds vs the rest",
        ),
        "pilot": ("物业试点楼院", "pilot compounds"),
        "rest": ("其他楼院", "other compounds"),
        "median": ("中位数", "median"),
        "category_title": (
            "居民点了什么单：整治任务按类别和提出方",
            "What residents asked for: tasks by category and who raised them",
        ),
        "category_axis": ("任务类别", "category"),
        "gantt_title": ("{}：{}项改造任务的时间线", "{}: timeline of its {} tasks"),
        "date_axis": ("日期（年-月）", "date (year-month)"),
        "closed_bar": ("已销号（列入清单→销号）", "closed (opened → closed)"),
        "open_bar": ("未销号（列入清单→截至日）", "open (opened → as-of date)"),
        "planned_mark": ("计划销号日", "planned closing date"),
        "progress_axis": ("已销号任务占比（%）", "tasks closed (%)"),
        "tasks_axis": ("任务数（项）", "tasks (count)"),
    },
)

#: Who raised a task, in vocabulary order: residents darkest, offices (街道) grey.
RAISED_BY_COLOURS = ("#08306B", "#2171B5", "#6BAED6", "#BDD7E7", "#969696")


def plot_pilot_comparison(
    progress: pd.DataFrame,
    unit_id: str = "zhongxinlu",
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Dot per compound of one unit: share closed, pilots against the rest, medians marked.

    Dots with the same share are spread vertically (by order, not at random), so every
    compound is visible and the chart is the same on every run.

    Raises
    ------
    KeyError
        If ``progress`` lacks a column.
    """
    lang = style.resolve_lang(lang)
    require_columns(progress, ("unit_id", "property_pilot", "closed_pct"), "progress")
    rows = progress[(progress["unit_id"].astype(str) == unit_id) & progress["closed_pct"].notna()]
    ax = new_axes(ax, height=3.2)
    colour = unit_colour(unit_id)
    ticks, drawn = [], []
    for level, (pilot, key) in enumerate([(False, "rest"), (True, "pilot")]):
        shares = rows.loc[rows["property_pilot"] == pilot, "closed_pct"].sort_values()
        # Spread ties: the k-th compound with the same share sits k steps above the row.
        offset = shares.groupby(shares).cumcount().to_numpy() * 0.06
        ax.scatter(
            shares,
            level + offset - 0.1,
            color=colour if pilot else tint(colour, 0.6),
            edgecolor=colour,
            s=28,
            zorder=3,
        )
        if len(shares):
            median = float(shares.median())
            ax.plot([median, median], [level - 0.3, level + 0.3], color="0.1", linewidth=2)
            end_label(ax, f"{t(TEXT, 'median', lang)} {median:.0f}%", median, level + 0.3)
        ticks.append(bracket(t(TEXT, key, lang), str(len(shares)), lang))
        drawn.append((ticks[-1], shares))
    ax.set_yticks([0, 1], ticks)
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(-2, 105)
    finish(ax, t(TEXT, "pilot_title", lang), t(TEXT, "progress_axis", lang))
    sign(ax, progress.attrs.get("datasets", ["renovation_tasks", "compounds"]), lang)
    _described.pilots(ax, drawn[::-1], unit_id, lang)  # pilots first, as the chart reads
    return ax


def plot_tasks_by_category(
    counts: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Stacked bars: tasks per category, split by who raised them; most-asked on top.

    Parameters
    ----------
    counts
        ``analysis.renovation.metrics.tasks_by(tasks, ["category", "raised_by"])``.

    Raises
    ------
    KeyError
        If ``counts`` lacks ``category``, ``raised_by`` or ``tasks``.
    """
    if int(counts["tasks"].sum()) == 0:
        lang = style.resolve_lang(lang)
        return no_data(ax, lang, t(TEXT, "category_title", lang))
    lang = style.resolve_lang(lang)
    require_columns(counts, ("category", "raised_by", "tasks"), "counts")
    wide = counts.pivot_table(
        index="category",
        columns="raised_by",
        values="tasks",
        aggfunc="sum",
        observed=False,
        sort=False,
    )
    wide = wide.loc[wide.sum(axis=1).sort_values(kind="stable").index]  # most on top
    ax = new_axes(ax)
    labels = [category_name("task_category", str(c), lang) for c in wide.index]
    left = np.zeros(len(wide))
    for colour, who in zip(RAISED_BY_COLOURS, wide.columns, strict=False):
        name = category_name("raised_by", str(who), lang)
        ax.barh(labels, wide[who], left=left, color=colour, label=name)
        left += wide[who].to_numpy()
    for y, total in enumerate(left):
        end_label(ax, f"{total:.0f}", total, y)
    finish(
        ax,
        t(TEXT, "category_title", lang),
        t(TEXT, "tasks_axis", lang),
        t(TEXT, "category_axis", lang),
    )
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    ax.margins(x=0.08)
    sign(ax, ["renovation_tasks"], lang)
    return ax


def plot_case_gantt(case: pd.DataFrame, ax: Axes | None = None, lang: str | None = None) -> Axes:
    """Gantt chart of one compound's tasks: opened → closed (or → as-of), planned date marked.

    Parameters
    ----------
    case
        ``analysis.renovation.metrics.case_tasks(...)``: one compound's tasks; bars take the colour
        of its unit.

    Raises
    ------
    KeyError
        If ``case`` lacks a column.
    """
    lang = style.resolve_lang(lang)
    need = ("name_zh", "unit_id", "category", "opened_on", "planned_on", "status", "days")
    require_columns(case, need, "case")
    as_of = case.attrs.get("as_of", DATA_AS_OF)
    if case.empty:
        name = compound_label(case.attrs.get("name_zh", ""), lang)
        return no_data(ax, lang, t(TEXT, "gantt_title", lang, name, 0))
    rows = case.iloc[::-1]  # first opened on top
    y = np.arange(len(rows))
    colour = unit_colour(case["unit_id"].iloc[0])
    closed = (rows["status"].astype(str) == "closed").to_numpy()
    ax = new_axes(ax, height=0.32 * len(rows) + 1.8)
    width = pd.to_timedelta(rows["days"], unit="D")
    ax.barh(
        y[closed],
        width[closed],
        left=rows["opened_on"][closed],
        color=colour,
        height=0.6,
        label=t(TEXT, "closed_bar", lang),
    )
    ax.barh(
        y[~closed],
        width[~closed],
        left=rows["opened_on"][~closed],
        color=tint(colour),
        edgecolor=colour,
        hatch="//",
        height=0.6,
        label=t(TEXT, "open_bar", lang),
    )
    ax.scatter(
        rows["planned_on"],
        y,
        marker="|",
        s=220,
        linewidths=2,
        color="0.1",
        zorder=3,
        label=t(TEXT, "planned_mark", lang),
    )
    labels = [category_name("task_category", c, lang) for c in rows["category"]]
    ax.set_yticks(y, labels)
    month_axis(ax)
    as_of_line(ax, as_of, lang)
    name = compound_label(case["name_zh"].iloc[0], lang) if len(case) else ""
    finish(
        ax,
        t(TEXT, "gantt_title", lang, name, len(case)),
        t(TEXT, "date_axis", lang),
        t(TEXT, "category_axis", lang),
    )
    ax.legend(loc="center right", fontsize=8, frameon=True)  # the empty space after March
    sign(ax, case.attrs.get("datasets", ["renovation_tasks", "compounds"]), lang)
    return ax
