"""Charts of time: time to close, slippage against the plan, and overdue work.

Frames come from :mod:`analysis.renovation.timing`;
conventions (titles, units, unit colours, source line, ``lang``) as in
:mod:`analysis.renovation.charts`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation import style
from analysis.presentation.labels import category_name, unit_colour
from analysis.presentation.plotkit import (
    end_label,
    finish,
    new_axes,
    no_data,
    sign,
    small_multiples,
    t,
    with_as_of,
)
from analysis.presentation.text import Catalogue
from analysis.renovation import _described
from analysis.renovation.timing import SLIP_CLASSES
from analysis.rules.entities import DISTRICT_ID

TEXT = Catalogue(
    __name__,
    {
        "km_title": (
            "从列入清单到销号用了多久（未销号任务按截至日删失）",
            "Time from opening to closing (open tasks censored at the as-of date)",
        ),
        "days_axis": ("自列入清单起（天）", "time since opened (days)"),
        "share_axis": ("已销号（%）", "closed (%)"),
        "all_tasks": ("全部任务", "all tasks"),
        "median_days": ("中位数 {:.0f} 天", "median {:.0f} days"),
        "not_reached": ("未过半", "median not reached"),
        "key_category": ("本类任务已销号的比例", "this category: share closed"),
        "key_band": ("95% 置信区间", "95% confidence band"),
        "key_overall": ("全部任务（对照）", "all tasks (for comparison)"),
        "key_median": ("本类中位数（过半销号的天数）", "this category's median (half closed)"),
        "key_half": ("50% 参考线", "50% line"),
        "medians_title": (
            "销号天数中位数：计入未销号任务与只看已销号任务",
            "Median days to close: counting open tasks vs dropping them",
        ),
        "median_axis": ("中位数（天）", "median (days)"),
        "km_median": (
            "Kaplan–Meier 中位数（计入未销号）",
            "Kaplan–Meier median (open tasks counted)",
        ),
        "naive_median": ("只看已销号任务（偏短）", "closed tasks only (biased short)"),
        "category_axis": ("任务类别", "category"),
        "slip_title": ("计划与实际：按期、逾期销号与逾期未销号", "Planned vs actual closing"),
        "tasks_axis": ("任务数（项）", "tasks (count)"),
        "on_time": ("按期销号", "closed on time"),
        "late": ("逾期后销号", "closed late"),
        "overdue": ("逾期未销号", "open, overdue"),
        "not_due": ("未到期", "open, not yet due"),
        "heat_title": ("逾期未销号任务：楼院 × 类别", "Overdue tasks: compound × category"),
        "heat_axis": ("逾期天数（天）", "overdue (days)"),
        "no_task": ("无此项任务", "no such task"),
        "none_overdue": ("没有逾期未销号的任务", "no task is overdue"),
        "not_overdue": ("有任务，未逾期", "task, not overdue"),
        "compound_axis": ("楼院", "compound"),
    },
)

#: Where the key of the time-to-close panels goes: one row under the title, above the panels.
_KM_KEY = {
    "loc": "upper center",
    "bbox_to_anchor": (0.5, 0.97),
    "ncols": 5,
    "columnspacing": 1.2,
    "fontsize": 8,
    "frameon": False,
}


def _km_key(with_overall: bool, lang: str) -> list:
    """The key of every line and band the time-to-close panels draw."""
    handles = [
        Line2D([], [], color="0.1", linewidth=1.4, label=t(TEXT, "key_category", lang)),
        Patch(color="0.85", label=t(TEXT, "key_band", lang)),
    ]
    if with_overall:
        handles.append(
            Line2D(
                [],
                [],
                color=unit_colour(DISTRICT_ID),
                linewidth=1,
                linestyle="--",
                label=t(TEXT, "key_overall", lang),
            )
        )
    handles += [
        Line2D(
            [], [], color="0.1", linewidth=0.6, linestyle=":", label=t(TEXT, "key_median", lang)
        ),
        Line2D([], [], color="0.6", linewidth=0.5, label=t(TEXT, "key_half", lang)),
    ]
    return handles


SLIP_COLOURS = {"on_time": "#1B7837", "late": "#A6DBA0", "overdue": "#762A83", "not_due": "#D9D9D9"}


def plot_time_to_close(
    curves: pd.DataFrame,
    overall: pd.DataFrame | None = None,
    medians: pd.DataFrame | None = None,
    lang: str | None = None,
) -> np.ndarray:
    """Small multiples: the share of tasks closed against days since opened, per category.

    Parameters
    ----------
    curves
        ``renovation_timing.close_curves(tasks, "category")``.
    overall
        ``close_curves(tasks, None)``, drawn in every panel in the district's grey.
    medians
        ``close_medians(tasks, "category")``; each panel then states its median.

    Returns
    -------
    numpy.ndarray
        One Axes per category that has tasks.

    Raises
    ------
    KeyError
        If ``curves`` lacks a column.
    """
    lang = style.resolve_lang(lang)
    need = ("group", "days", "closed_share", "closed_lower", "closed_upper")
    require_columns(curves, need, "curves")
    if curves.empty:  # no task at all: one empty panel that says so
        return np.array([no_data(None, lang, t(TEXT, "km_title", lang))])
    groups = list(dict.fromkeys(curves["group"]))
    fig, axes = small_multiples(len(groups), 4, 1.9, 1.2, sharex=True, sharey=True)
    med = (
        {} if medians is None else dict(zip(medians["group"], medians["median_days"], strict=True))
    )
    for ax, group in zip(axes.flat, groups, strict=False):
        c = curves[curves["group"] == group]
        if overall is not None:
            ax.step(
                overall["days"],
                100 * overall["closed_share"],
                where="post",
                color=unit_colour(DISTRICT_ID),
                linewidth=1,
                linestyle="--",
            )
        ax.fill_between(
            c["days"], 100 * c["closed_lower"], 100 * c["closed_upper"], step="post", color="0.85"
        )
        ax.step(c["days"], 100 * c["closed_share"], where="post", color="0.1", linewidth=1.4)
        label = category_name("task_category", str(group), lang)
        ax.set_title(label, fontsize=9)
        if group in med and np.isfinite(med[group]):
            ax.axvline(med[group], color="0.1", linewidth=0.6, linestyle=":")
            note = t(TEXT, "median_days", lang, med[group])
        else:
            note = t(TEXT, "not_reached", lang) if group in med else ""
        ax.annotate(note, (0.97, 0.05), xycoords="axes fraction", ha="right", fontsize=7.5)
        ax.axhline(50, color="0.6", linewidth=0.5)
        ax.tick_params(labelsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel(t(TEXT, "share_axis", lang), fontsize=9)
    fig.supxlabel(t(TEXT, "days_axis", lang), fontsize=10)
    # Title and key in a band the layout leaves free above the panels (constrained layout
    # does not keep a suptitle and an "outside" legend apart); an unseen suptitle still
    # names the chart for its alt text and download.
    rows = axes.shape[0]
    fig.get_layout_engine().set(rect=(0, 0, 1, 1 - 0.62 / (1.9 * rows + 1.2)))
    fig.text(0.01, 0.995, t(TEXT, "km_title", lang), ha="left", va="top", fontsize="large")
    fig.suptitle(t(TEXT, "km_title", lang)).set(visible=False, in_layout=False)
    fig.legend(handles=_km_key(overall is not None, lang), **_KM_KEY)
    _described.time_to_close(fig, curves, med, lang)
    sign(axes, ["renovation_tasks"], lang)
    return axes.flat[: len(groups)]


def plot_close_medians(
    medians: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Per category, the Kaplan–Meier median beside the median of closed tasks only.

    The gap is how much quicker closure looks when open tasks are dropped.

    Raises
    ------
    KeyError
        If ``medians`` is not shaped like ``renovation_timing.close_medians``.
    """
    lang = style.resolve_lang(lang)
    require_columns(medians, ("group", "median_days", "median_closed_only"), "medians")
    if medians["median_closed_only"].notna().sum() == 0:  # nothing closed, no median
        return no_data(ax, lang, t(TEXT, "medians_title", lang))
    rows = medians.iloc[::-1]
    y = np.arange(len(rows))
    ax = new_axes(ax)
    km, naive = rows["median_days"].to_numpy(float), rows["median_closed_only"].to_numpy(float)
    ax.hlines(y, naive, np.where(np.isfinite(km), km, np.nan), color="0.7", linewidth=2)
    ax.scatter(
        naive, y, facecolor="white", edgecolor="0.2", zorder=3, label=t(TEXT, "naive_median", lang)
    )
    ax.scatter(km, y, color="0.1", zorder=3, label=t(TEXT, "km_median", lang))
    for yi, value in zip(y, km, strict=True):
        if np.isfinite(value):
            end_label(ax, f"{value:.0f}", value, yi, pad=5)
    labels = [category_name("task_category", str(g), lang) for g in rows["group"]]
    ax.set_yticks(y, labels)
    ax.set_xlim(left=0)
    ax.margins(x=0.1)
    finish(
        ax,
        t(TEXT, "medians_title", lang),
        t(TEXT, "median_axis", lang),
        t(TEXT, "category_axis", lang),
    )
    # Every median is past 50 days, so the left of the axes is free for the key.
    ax.legend(loc="center left", fontsize=8, frameon=True)
    sign(ax, ["renovation_tasks"], lang)
    return ax


def plot_slippage(
    slip: pd.DataFrame, as_of: str = DATA_AS_OF, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Stacked bars per category: closed on time, closed late, open and overdue, not yet due.

    Raises
    ------
    KeyError
        If ``slip`` is not shaped like ``renovation_timing.slippage(tasks, "category")``.
    """
    lang = style.resolve_lang(lang)
    require_columns(slip, ("category", *SLIP_CLASSES), "slip")
    if int(slip[list(SLIP_CLASSES)].to_numpy().sum()) == 0:
        return no_data(ax, lang, with_as_of(t(TEXT, "slip_title", lang), as_of, lang))
    rows = slip.iloc[::-1]
    labels = [category_name("task_category", str(c), lang) for c in rows["category"]]
    ax = new_axes(ax)
    left = np.zeros(len(rows))
    for key in SLIP_CLASSES:
        ax.barh(labels, rows[key], left=left, color=SLIP_COLOURS[key], label=t(TEXT, key, lang))
        left += rows[key].to_numpy()
    finish(
        ax,
        with_as_of(t(TEXT, "slip_title", lang), as_of, lang),
        t(TEXT, "tasks_axis", lang),
        t(TEXT, "category_axis", lang),
    )
    # Beside the bars, not on them: the longest bar reaches the right edge.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    sign(ax, ["renovation_tasks"], lang)
    return ax
