"""Charts of renovation progress: burn-up, progress per compound, what residents asked for.

Each function takes a frame from :mod:`analysis.renovation.metrics`, draws on ``ax`` (or a new
figure), titles it, labels its axes with units, colours units with
:data:`analysis.presentation.style.UNIT_COLOURS`, signs the figure with
:func:`analysis.presentation.style.add_source`
and returns the Axes (an array of Axes for small multiples). Chinese by default; pass
``lang="en"`` for English. The other views are in ``charts_tasks`` (pilots, categories,
case study), ``charts_timing`` (time to close), ``charts_overdue`` (overdue work),
``charts_governance`` (self-governance bodies) and ``charts_participation`` (consultations,
peer evaluation); the small helpers they share are in :mod:`analysis.presentation.plotkit`.
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
from analysis.presentation.labels import unit_colour, unit_colours, unit_name, unit_rank
from analysis.presentation.plotkit import (
    as_of_line,
    finish,
    month_axis,
    new_axes,
    no_data,
    sign,
    small_multiples,
    t,
    tint,
    unit_legend,
    with_as_of,
)
from analysis.presentation.text import Catalogue
from analysis.renovation import _described
from analysis.renovation._findings_common import compound_label
from analysis.rules.entities import DISTRICT_ID

TEXT = Catalogue(
    __name__,
    {
        "date_axis": ("日期（年-月）", "date (year-month)"),
        "tasks_axis": ("任务数（项）", "tasks (count)"),
        "burnup_title": (
            "{}：整治任务立项与销号（累计）",
            "{}: renovation tasks opened and closed",
        ),
        "opened": ("已列入清单（累计）", "opened (cumulative)"),
        "closed": ("已销号（累计）", "closed (cumulative)"),
        "planned": ("计划销号（累计）", "planned to close (cumulative)"),
        "remaining": ("在办（未销号）", "open"),
        "by_unit_title": (
            "各街道（镇）整治任务立项与销号（累计，纵轴刻度各不相同）",
            "Tasks opened and closed per subdistrict (cumulative; y scales differ)",
        ),
        "progress_title": ("各楼院任务销号进度", "Share of each compound's tasks closed"),
        "progress_axis": ("已销号任务占比（%）", "tasks closed (%)"),
        "compound_axis": ("楼院（★ 物业管理试点）", "compound (★ property-management pilot)"),
        "spread_title": (
            "各楼院已销号任务的占比：每个点是一个楼院",
            "Share of each compound's tasks closed: one dot per compound",
        ),
        "unit_axis": ("街道（镇）", "subdistrict / town"),
        "pilot_key": ("物业管理试点楼院", "property-management pilot"),
        "median_key": ("本单位楼院的中位数", "median compound of the unit"),
    },
)


def _draw_burnup(ax: Axes, rows: pd.DataFrame, colour: str, lang: str, legend: bool) -> None:
    wide = rows.pivot(index="date", columns="measure", values="tasks")
    days = wide.index
    ax.fill_between(
        days, wide["closed"], wide["opened"], color=tint(colour), label=t(TEXT, "remaining", lang)
    )
    ax.plot(days, wide["opened"], color=colour, linewidth=1.2, label=t(TEXT, "opened", lang))
    ax.plot(days, wide["closed"], color=colour, linewidth=2.4, label=t(TEXT, "closed", lang))
    ax.plot(days, wide["planned"], color="0.2", linewidth=1.2, linestyle="--")
    ax.lines[-1].set_label(t(TEXT, "planned", lang))
    ax.set_ylim(bottom=0)
    month_axis(ax)
    if legend:
        ax.legend(loc="upper left", fontsize=8, frameon=True)


def plot_burnup(
    burn: pd.DataFrame, unit_id: str = DISTRICT_ID, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Burn-up of one unit: tasks opened, closed and planned to close, cumulative.

    The shaded gap between the opened and closed lines is the work still open (the
    burndown read the other way); the dashed line is where closures should be by plan.

    Parameters
    ----------
    burn
        The frame :func:`analysis.renovation.metrics.burnup` returns.
    unit_id
        Unit to draw; default the district total.

    Raises
    ------
    KeyError
        If ``burn`` lacks a column or ``unit_id`` has no rows.
    """
    lang = style.resolve_lang(lang)
    require_columns(burn, ("unit_id", "date", "measure", "tasks"), "burn")
    rows = burn[burn["unit_id"] == unit_id]
    if rows.empty:
        raise KeyError(f"no burn-up rows for unit {unit_id!r}")
    ax = new_axes(ax)
    _draw_burnup(ax, rows, unit_colour(unit_id), lang, legend=True)
    as_of_line(ax, burn.attrs.get("as_of", DATA_AS_OF), lang)
    finish(
        ax,
        t(TEXT, "burnup_title", lang, unit_name(unit_id, lang)),
        t(TEXT, "date_axis", lang),
        t(TEXT, "tasks_axis", lang),
    )
    sign(ax, burn.attrs.get("datasets", ["renovation_tasks", "compounds"]), lang)
    return ax


def plot_burnup_by_unit(burn: pd.DataFrame, lang: str | None = None) -> np.ndarray:
    """Small multiples: the burn-up of every unit below the district, each on its own scale.

    Returns
    -------
    numpy.ndarray
        The Axes, one per unit, in unit order.

    Raises
    ------
    KeyError
        If ``burn`` lacks a column.
    """
    lang = style.resolve_lang(lang)
    require_columns(burn, ("unit_id", "date", "measure", "tasks"), "burn")
    units = [u for u in dict.fromkeys(burn["unit_id"]) if u != DISTRICT_ID]
    fig, axes = small_multiples(len(units), 3, 2.4, 0.8, sharex=True)
    for ax, unit in zip(axes.flat, units, strict=False):
        _draw_burnup(ax, burn[burn["unit_id"] == unit], unit_colour(unit), lang, False)
        ax.set_title(unit_name(unit, lang), fontsize=10, color=unit_colour(unit))
        ax.axvline(pd.Timestamp(burn.attrs.get("as_of", DATA_AS_OF)), color="0.3", linewidth=0.8)
        ax.tick_params(labelsize=8)
        ax.tick_params(axis="x", labelrotation=45)
    for ax in axes[:, 0]:
        ax.set_ylabel(t(TEXT, "tasks_axis", lang))
    # Neutral keys: each panel has its own unit colour, the styles are what the legend explains.
    handles = [
        Patch(color=tint("0.4"), label=t(TEXT, "remaining", lang)),
        Line2D([], [], color="0.4", linewidth=1.2, label=t(TEXT, "opened", lang)),
        Line2D([], [], color="0.4", linewidth=2.4, label=t(TEXT, "closed", lang)),
        Line2D([], [], color="0.2", linewidth=1.2, linestyle="--", label=t(TEXT, "planned", lang)),
    ]
    as_of = burn.attrs.get("as_of", DATA_AS_OF)
    # Title and key sit in a band the layout leaves free above the panels: constrained
    # layout does not keep a suptitle and an "outside" legend apart.
    fig.get_layout_engine().set(rect=(0, 0, 1, 0.89))
    title = with_as_of(t(TEXT, "by_unit_title", lang), as_of, lang)
    fig.text(0.01, 0.995, title, ha="left", va="top", fontsize="large")
    fig.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.955),
        ncols=4,
        fontsize=8,
        frameon=False,
    )
    fig.supxlabel(t(TEXT, "date_axis", lang), fontsize=10)
    sign(axes, burn.attrs.get("datasets", ["renovation_tasks", "compounds"]), lang)
    # The title is figure text (see above); an unseen suptitle names the chart for its alt
    # text and its download, and takes no room in the layout.
    fig.suptitle(title).set(visible=False, in_layout=False)
    keys = {m: t(TEXT, m, lang) for m in ("opened", "closed", "planned")}
    _described.burnup_by_unit(fig, burn, units, keys, lang)
    return axes.flat[: len(units)]


def plot_compound_progress(
    progress: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """One bar per compound: share of its tasks closed, coloured by unit, pilots starred.

    Each bar is labelled ``closed/tasks``; a compound with no tasks has no bar.

    Raises
    ------
    KeyError
        If ``progress`` is not shaped like :func:`analysis.renovation.metrics.compound_progress`.
    """
    lang = style.resolve_lang(lang)
    need = ("name_zh", "unit_id", "property_pilot", "tasks", "closed", "closed_pct")
    require_columns(progress, need, "progress")
    rows = progress.iloc[::-1]  # highest share on top
    ax = new_axes(ax, height=0.16 * len(rows) + 1.6)
    names = [
        f"{compound_label(n, lang)} ★" if p else compound_label(n, lang)
        for n, p in zip(rows["name_zh"], rows["property_pilot"], strict=True)
    ]
    y = np.arange(len(rows))
    units = rows["unit_id"].astype(str).tolist()
    bars = ax.barh(y, rows["closed_pct"].fillna(0), color=unit_colours(units), height=0.75)
    labels = [f"{c}/{n}" for c, n in zip(rows["closed"], rows["tasks"], strict=True)]
    ax.bar_label(bars, labels=labels, padding=2, fontsize=6.5)
    ax.set_yticks(y, names, fontsize=7)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 112)
    as_of = progress.attrs.get("as_of", DATA_AS_OF)
    finish(
        ax,
        with_as_of(t(TEXT, "progress_title", lang), as_of, lang),
        t(TEXT, "progress_axis", lang),
        t(TEXT, "compound_axis", lang),
    )
    present = set(progress["unit_id"].astype(str))
    unit_legend(ax, [u for u in style.UNIT_COLOURS if u in present], lang, loc="lower right")
    sign(ax, progress.attrs.get("datasets", ["renovation_tasks", "compounds"]), lang)
    return ax


def plot_progress_spread(
    progress: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """The spread of compounds' shares closed within each unit: one dot per compound.

    A compact companion to the per-compound table: it shows how far apart the compounds
    of a unit are, which a sorted list does not. Pilots are stars; a bar marks the unit's
    median compound. Compounds without tasks have no share and are left out.

    Raises
    ------
    KeyError
        If ``progress`` is not shaped like :func:`analysis.renovation.metrics.compound_progress`.
    """
    lang = style.resolve_lang(lang)
    require_columns(progress, ("unit_id", "property_pilot", "tasks", "closed_pct"), "progress")
    rows = progress[progress["tasks"] > 0]
    as_of = progress.attrs.get("as_of", DATA_AS_OF)
    title = with_as_of(t(TEXT, "spread_title", lang), as_of, lang)
    datasets = progress.attrs.get("datasets", ["renovation_tasks", "compounds"])
    if rows.empty:
        return no_data(ax, lang, title, datasets=datasets)
    ranks = unit_rank(rows["unit_id"].astype(str))
    units = sorted(set(rows["unit_id"].astype(str)), key=ranks.__getitem__)
    ax = new_axes(ax, height=0.45 * len(units) + 1.8)
    # A fixed, seeded jitter keeps dots of equal share apart and the chart reproducible.
    jitter = np.random.default_rng(0).uniform(-0.18, 0.18, len(rows))
    for y, unit in enumerate(units):
        mine = (rows["unit_id"].astype(str) == unit).to_numpy()
        shares = rows.loc[mine, "closed_pct"].to_numpy(float)
        pilot = rows.loc[mine, "property_pilot"].astype(bool).to_numpy()
        ys = y + jitter[mine]
        colour = unit_colour(unit)
        ax.scatter(shares[~pilot], ys[~pilot], s=22, color=colour, alpha=0.85, zorder=3)
        ax.scatter(shares[pilot], ys[pilot], s=70, marker="*", color=colour, zorder=4)
        ax.plot([np.median(shares)] * 2, [y - 0.3, y + 0.3], color="0.15", linewidth=1.6)
    ax.set_yticks(range(len(units)), [unit_name(u, lang) for u in units])
    ax.set_ylim(len(units) - 0.5, -0.5)
    ax.set_xlim(-3, 103)
    finish(ax, title, t(TEXT, "progress_axis", lang))
    handles = [
        Line2D([], [], marker="*", linestyle="none", color="0.4", markersize=9,
               label=t(TEXT, "pilot_key", lang)),
        Line2D([], [], color="0.15", linewidth=1.6, label=t(TEXT, "median_key", lang)),
    ]  # fmt: skip
    ax.legend(handles=handles, fontsize=8, frameon=True, loc="lower left")
    sign(ax, datasets, lang)
    _described.spread(ax, rows, units, str(as_of), lang)
    return ax
