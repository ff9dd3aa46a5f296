"""Charts of participation and peer evaluation around the renovation.

Frames come from :mod:`analysis.renovation.participation`; conventions (titles, units, unit colours,
source line, ``lang``) as in :mod:`analysis.renovation.charts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.datasets.errors import require_columns
from analysis.presentation import style
from analysis.presentation.labels import category_name, unit_colour, unit_colours
from analysis.presentation.plotkit import (
    figure_title,
    finish,
    new_axes,
    new_figure,
    no_data,
    sign,
    t,
)
from analysis.presentation.text import Catalogue
from analysis.renovation._findings_common import compound_label
from analysis.rules.entities import DISTRICT_ID

TEXT = Catalogue(
    __name__,
    {
        "compound_axis": ("楼院", "compound"),
        "funnel_title": ("从议事到解决问题", "From consultation to problems resolved"),
        "funnel_axis": ("数量（单位见各条）", "count (unit on each bar)"),
        "consultations": ("议事活动", "consultations"),
        "suggestions": ("意见建议", "suggestions"),
        "adopted": ("采纳", "adopted"),
        "resolved": ("解决问题", "problems resolved"),
        "pct": ("占建议 {:.0f}%", "{:.0f}% of suggestions"),
        "bar": ("{0}{1}", "{0} {2}"),
        "bar_note": ("{0}{1}（{3}）", "{0} {2} ({3})"),
        "monthly_title": (
            "每月议事活动与问卷：按形式",
            "Consultations and surveys per month, by format",
        ),
        "monthly_axis": ("活动数（次）", "activities (count)"),
        "month_axis": ("月份", "month"),
        "scores_title": ("观摩评比得分：楼院 × 轮次", "Peer evaluation scores: compound × round"),
        "score_axis": ("得分（分）", "score (points)"),
        "round_axis": ("评比轮次（举行日期）", "round (date held)"),
        "round": ("第{}轮", "round {}"),
        "changes_title": ("第{}轮→第{}轮：谁升谁降", "Round {} → {}: who rose, who fell"),
        "changes_key": (
            "条末 ↑n / ↓n：排名上升 / 下降 n 名；= 名次不变；灰色条：得分下降",
            "↑n / ↓n at a bar's end: places climbed / lost in the ranking; = same rank; "
            "grey bar: score fell",
        ),
        "change_axis": ("得分变化（分）", "change in score (points)"),
    },
)

#: English for the page's units of measure, on funnel bars.
UNITS_EN = {"次": "times", "条": "items", "个": "problems"}
FORMAT_COLOURS = ("#08306B", "#2171B5", "#6BAED6", "#74C476", "#238B45", "#BDBDBD")


def plot_funnels(
    funnels: Mapping[str | tuple[str, str], pd.DataFrame],
    colours: Sequence[str] | None = None,
    lang: str | None = None,
) -> np.ndarray:
    """One panel per funnel: consultations, suggestions, adopted, problems resolved.

    Parameters
    ----------
    funnels
        Panel title → ``renovation_participation.participation_funnel(...)``; a title
        may be a ``(Chinese, English)`` pair, and the edition's language is shown.
    colours
        One colour per panel (e.g. the unit's); default the district grey.

    Returns
    -------
    numpy.ndarray
        The Axes, one per funnel.

    Raises
    ------
    KeyError
        If a funnel lacks a column.
    """
    lang = style.resolve_lang(lang)
    fig, axes = new_figure(3.4, len(funnels), squeeze=False)
    colours = colours or [unit_colour(DISTRICT_ID)] * len(funnels)
    for ax, (title, funnel), colour in zip(axes.flat, funnels.items(), colours, strict=True):
        title = title if isinstance(title, str) else title[0 if lang == "zh" else 1]
        require_columns(funnel, ("stage", "value", "unit_of_measure", "pct_of_suggestions"), title)
        rows = funnel.iloc[::-1]
        labels = [t(TEXT, s, lang) for s in rows["stage"]]
        bars = ax.barh(labels, rows["value"], color=colour)
        text = []
        for v, u, p in zip(
            rows["value"], rows["unit_of_measure"], rows["pct_of_suggestions"], strict=True
        ):
            share = "" if np.isnan(p) or p == 100 else t(TEXT, "pct", lang, p)
            key = "bar_note" if share else "bar"
            text.append(t(TEXT, key, lang, v, u, UNITS_EN.get(u, u), share))
        ax.bar_label(bars, labels=text, padding=3, fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.margins(x=0.55)
        ax.set_xlim(left=0)
        ax.set_xlabel(t(TEXT, "funnel_axis", lang), fontsize=9)
    figure_title(fig, t(TEXT, "funnel_title", lang))
    sign(axes, ["consultations", "compounds"], lang)
    return axes.flat[:]


def plot_consultations_by_month(
    monthly: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Stacked bars per month: consultations and surveys by format.

    Raises
    ------
    KeyError
        If ``monthly`` is not shaped like ``renovation_participation.consultations_by_month``.
    """
    lang = style.resolve_lang(lang)
    require_columns(monthly, ("month", "format", "consultations"), "monthly")
    if monthly.empty:
        return no_data(ax, lang, t(TEXT, "monthly_title", lang))
    wide = monthly.pivot_table(
        index="month", columns="format", values="consultations", aggfunc="sum", observed=False
    )
    ax = new_axes(ax)
    x = np.arange(len(wide))
    bottom = np.zeros(len(wide))
    for colour, fmt in zip(FORMAT_COLOURS, wide.columns, strict=False):
        name = category_name("consultation_format", str(fmt), lang)
        ax.bar(x, wide[fmt], bottom=bottom, color=colour, label=name, width=0.8)
        bottom += wide[fmt].to_numpy()
    ax.set_xticks(x, [f"{m:%Y-%m}" for m in wide.index], rotation=45, ha="right", fontsize=8)
    finish(
        ax,
        t(TEXT, "monthly_title", lang),
        t(TEXT, "month_axis", lang),
        t(TEXT, "monthly_axis", lang),
    )
    ax.legend(loc="upper left", fontsize=8, frameon=True, ncols=2)
    ax.set_ylim(0, bottom.max() * 1.35 if len(bottom) else 1)
    sign(ax, ["consultations", "compounds"], lang)
    return ax


def plot_score_heatmap(
    scores: pd.DataFrame,
    highlight: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Heatmap of peer scores, compound × round, best in the latest round on top.

    Parameters
    ----------
    scores
        ``renovation_participation.score_table(evaluations, compounds)``.
    highlight
        A compound name to mark with ◆ (e.g. 劳动局家属院).

    Raises
    ------
    KeyError
        If ``scores`` lacks a column.
    """
    if len(scores) == 0:  # no evaluation on record: say so in the chart
        lang = style.resolve_lang(lang)
        return no_data(ax, lang, t(TEXT, "scores_title", lang))
    lang = style.resolve_lang(lang)
    require_columns(scores, ("round_no", "held_on", "name_zh", "score"), "scores")
    wide = scores.pivot(index="name_zh", columns="round_no", values="score")
    wide = wide.sort_values(wide.columns[-1], ascending=False, kind="stable")
    held = scores.drop_duplicates("round_no").set_index("round_no")["held_on"]
    ax = new_axes(ax, height=0.2 * len(wide) + 2.0)
    mesh = ax.pcolormesh(wide.to_numpy(float), cmap="YlGnBu", edgecolors="white", linewidth=0.5)
    values = wide.to_numpy(float)
    middle = np.nanmean(values)
    for (i, j), value in np.ndenumerate(values):
        if np.isfinite(value):
            ax.text(
                j + 0.5,
                i + 0.5,
                f"{value:.1f}",
                ha="center",
                va="center",
                fontsize=6.5,
                color="white" if value > middle + 5 else "0.1",
            )
    ax.set_ylim(len(wide), 0)
    ax.set_xticks(
        np.arange(len(wide.columns)) + 0.5,
        [f"{t(TEXT, 'round', lang, r)}\n{held[r]:%Y-%m-%d}" for r in wide.columns],
        fontsize=8,
    )
    # The bundled font has one weight, so the highlighted row is marked and coloured.
    names = [
        f"◆ {compound_label(n, lang)}" if n == highlight else compound_label(n, lang)
        for n in wide.index
    ]
    ax.set_yticks(np.arange(len(wide)) + 0.5, names, fontsize=7)
    for label, name in zip(ax.get_yticklabels(), wide.index, strict=True):
        if name == highlight:
            label.set_color(unit_colour("zhongxinlu"))
    ax.grid(False)
    cbar = ax.get_figure(root=True).colorbar(mesh, ax=ax, shrink=0.3, aspect=12, anchor=(0.0, 1.0))
    cbar.set_label(t(TEXT, "score_axis", lang))
    finish(ax, t(TEXT, "scores_title", lang), t(TEXT, "round_axis", lang))
    sign(ax, ["evaluations", "compounds"], lang)
    return ax


def plot_rank_changes(
    changes: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Diverging bars: each compound's change in score between two rounds, places moved.

    Bars of rising compounds take the unit colour, falling ones grey; the label gives the
    places climbed (↑) or lost (↓) in the ranking.

    Raises
    ------
    KeyError
        If ``changes`` is not shaped like ``renovation_participation.rank_changes``.
    """
    lang = style.resolve_lang(lang)
    require_columns(changes, ("name_zh", "unit_id", "change", "rank_change"), "changes")
    if changes["change"].notna().sum() == 0:  # fewer than two rounds: nothing moved
        return no_data(ax, lang, t(TEXT, "scores_title", lang))
    rows = changes.dropna(subset=["change"]).iloc[::-1]
    ax = new_axes(ax, height=0.2 * len(rows) + 1.8)
    y = np.arange(len(rows))
    unit = unit_colours(list(rows["unit_id"].astype(str)))
    colours = [c if v >= 0 else "0.6" for c, v in zip(unit, rows["change"], strict=True)]
    bars = ax.barh(y, rows["change"], color=colours)
    marks = [f"↑{r:.0f}" if r > 0 else f"↓{-r:.0f}" if r < 0 else "=" for r in rows["rank_change"]]
    ax.bar_label(bars, labels=marks, padding=2, fontsize=7)
    ax.axvline(0, color="0.2", linewidth=0.8)
    ax.set_yticks(y, [compound_label(n, lang) for n in rows["name_zh"]], fontsize=7)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.margins(x=0.1)
    first, last = changes.attrs.get("rounds", ("?", "?"))
    finish(
        ax,
        t(TEXT, "changes_title", lang, first, last),
        t(TEXT, "change_axis", lang),
        t(TEXT, "compound_axis", lang),
    )
    # The arrows are the chart's own notation: its key sits right under the title.
    ax.annotate(
        t(TEXT, "changes_key", lang),
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=8,
        color="0.3",
        va="bottom",
    )
    ax.set_title(ax.get_title(loc="left"), loc="left", pad=18)
    sign(ax, ["evaluations", "compounds"], lang)
    return ax
