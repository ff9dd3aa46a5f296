"""Charts of overdue work: the distribution of days overdue of the overdue tasks
(:func:`analysis.renovation.worklist.overdue_tasks`, whose whole list the page shows as a
table) and the compound × category heatmap (kept for other uses)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation import style
from analysis.presentation.labels import category_name, unit_colour, unit_rank
from analysis.presentation.plotkit import (
    finish,
    new_axes,
    no_data,
    sign,
    t,
    unit_patches,
    with_as_of,
)
from analysis.presentation.text import Catalogue
from analysis.renovation import _described
from analysis.renovation._findings_common import compound_label
from analysis.renovation.charts_timing import TEXT

_HEAT = plt.get_cmap("YlOrRd")
#: Width of a bar of :func:`plot_overdue_days`: a month of days.
BIN_DAYS = 30

WORDS = Catalogue(
    __name__,
    {
        "days_title": (
            "逾期未销号的任务：已过计划销号日多少天",
            "Overdue tasks: how long past the planned date",
        ),
        "days_axis": (
            "已过计划销号日（天，每 30 天一组）",
            "days past the planned date (30-day bins)",
        ),
        "tasks_axis": ("任务数（项）", "tasks (count)"),
        "none": ("没有逾期未销号的任务", "no task is overdue"),
    },
)


def plot_overdue_days(work: pd.DataFrame, ax: Axes | None = None, lang: str | None = None) -> Axes:
    """How long the overdue tasks have been late: bars of 30 days, stacked by unit.

    The list itself (which task, where) is a table; what the chart adds is the shape: how
    much overdue work is a few weeks late and how much has waited most of a year.

    Parameters
    ----------
    work
        :func:`analysis.renovation.overdue_tasks` (``unit_id``, ``days_overdue``).

    Raises
    ------
    KeyError
        If ``work`` lacks a column.
    """
    lang = style.resolve_lang(lang)
    require_columns(work, ("unit_id", "days_overdue"), "work")
    as_of = work.attrs.get("as_of", DATA_AS_OF)
    title = with_as_of(t(WORDS, "days_title", lang), as_of, lang)
    datasets = work.attrs.get("datasets", ["renovation_tasks", "compounds"])
    if work.empty:
        return no_data(ax, lang, title, t(WORDS, "none", lang), datasets)
    ax = new_axes(ax)
    top = int(work["days_overdue"].max())
    edges = np.arange(0, (top // BIN_DAYS + 1) * BIN_DAYS + 1, BIN_DAYS)
    ranks = unit_rank(work["unit_id"].astype(str))
    units = sorted(set(work["unit_id"].astype(str)), key=ranks.__getitem__)
    bottom = np.zeros(len(edges) - 1)
    for unit in units:
        days = work.loc[work["unit_id"].astype(str) == unit, "days_overdue"]
        counts, _ = np.histogram(days, bins=edges)
        ax.bar(
            edges[:-1],
            counts,
            width=BIN_DAYS,
            bottom=bottom,
            align="edge",
            color=unit_colour(unit),
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += counts
    ax.set_xlim(0, edges[-1])
    ax.set_xticks(edges)
    finish(ax, title, t(WORDS, "days_axis", lang), t(WORDS, "tasks_axis", lang))
    known = [u for u in units if u in style.UNIT_COLOURS]
    ax.legend(handles=unit_patches(known, lang), fontsize=8, frameon=True, loc="upper right")
    sign(ax, datasets, lang)
    _described.overdue_days(ax, work, edges, str(as_of), lang)
    return ax


def plot_overdue_heatmap(
    matrix: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Compounds with overdue work × task category, shaded by days overdue.

    Only compounds with at least one overdue task are drawn, grouped by unit (a strip in
    the unit's colour on the left) and, within a unit, most overdue tasks first. Grey
    cells have a task that is not overdue; white cells no task of that category.

    Raises
    ------
    KeyError
        If ``matrix`` is not shaped like ``renovation_timing.overdue_matrix``.
    """
    lang = style.resolve_lang(lang)
    need = ("compound_id", "name_zh", "unit_id", "category", "tasks", "overdue", "days_overdue")
    require_columns(matrix, need, "matrix")
    totals = matrix.groupby("compound_id", sort=False)["overdue"].sum()
    keep = totals[totals > 0]
    info = matrix.drop_duplicates("compound_id").set_index("compound_id").loc[keep.index]
    ranks = unit_rank(info["unit_id"].astype(str))
    order = list(ranks)
    info = info.assign(rank=info["unit_id"].astype(str).map(ranks), n=keep)
    info = info.sort_values(["rank", "n", "name_zh"], ascending=[True, False, True], kind="stable")
    categories = list(dict.fromkeys(matrix["category"].astype(str)))
    cells = matrix.assign(category=matrix["category"].astype(str))
    days = cells.pivot(index="compound_id", columns="category", values="days_overdue")
    tasks = cells.pivot(index="compound_id", columns="category", values="tasks")
    days, tasks = days.loc[info.index, categories], tasks.loc[info.index, categories]
    ax = new_axes(ax, height=0.17 * len(info) + 2.4)
    as_of = matrix.attrs.get("as_of", DATA_AS_OF)
    finish(
        ax,
        with_as_of(t(TEXT, "heat_title", lang), as_of, lang),
        t(TEXT, "category_axis", lang),
        t(TEXT, "compound_axis", lang),
    )
    sign(ax, matrix.attrs.get("datasets", ["renovation_tasks", "compounds"]), lang)
    if info.empty:  # say so, rather than draw an empty grid that looks like missing data
        ax.text(
            0.5,
            0.5,
            t(TEXT, "none_overdue", lang),
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_xticks([])
        ax.set_yticks([])
        return ax
    base = np.where(tasks.to_numpy() > 0, 1.0, np.nan)  # grey where a task exists
    ax.pcolormesh(base, cmap=ListedColormap(["0.88"]), edgecolors="white", linewidth=0.5)
    vmax = max(30.0, float(np.nanmax(days.to_numpy())))
    mesh = ax.pcolormesh(
        np.ma.masked_invalid(days.to_numpy(float)),
        cmap=_HEAT,
        vmin=0,
        vmax=vmax,
        edgecolors="white",
        linewidth=0.5,
    )
    for i, unit in enumerate(info["unit_id"].astype(str)):
        ax.add_patch(
            plt.Rectangle((-0.45, i + 0.05), 0.3, 0.9, color=unit_colour(unit), clip_on=False)
        )
    ax.set_xlim(-0.5, len(categories))
    ax.set_ylim(len(info), 0)
    ax.set_xticks(
        np.arange(len(categories)) + 0.5,
        [category_name("task_category", c, lang) for c in categories],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(
        np.arange(len(info)) + 0.5, [compound_label(n, lang) for n in info["name_zh"]], fontsize=7
    )
    ax.grid(False)
    cbar = ax.get_figure(root=True).colorbar(
        mesh, ax=ax, shrink=0.25, aspect=12, pad=0.02, anchor=(0.0, 1.0)
    )
    cbar.set_label(t(TEXT, "heat_axis", lang))
    # the legend names the units the palette knows; an unknown one is drawn grey, unnamed
    units = [u for u in order if u in set(info["unit_id"].astype(str)) and u in style.UNIT_COLOURS]
    handles = unit_patches(units, lang)
    handles += [
        Patch(color="0.88", label=t(TEXT, "not_overdue", lang)),
        Patch(facecolor="white", edgecolor="0.7", label=t(TEXT, "no_task", lang)),
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, -0.02),
        fontsize=7,
        frameon=False,
        borderaxespad=0,
    )
    return ax
