"""Loan charts by group: loans and amounts, jobs and repayment status per category, and the
Lorenz curves of concentration. Hidden cells are drawn as in :mod:`analysis.loans.charts`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import PercentFormatter

from analysis.loans._chart_parts import INK, TEXT, group_name, hbars, label, shown_rows
from analysis.loans._groups import NOT_RECORDED
from analysis.loans.metrics import YUAN_PER_WAN
from analysis.presentation import style
from analysis.presentation.plotkit import (
    bracket,
    datasets_of,
    describe,
    figure_title,
    finish,
    new_figure,
    no_data,
    sign,
    t,
)
from analysis.rules import disclosure
from analysis.rules.entities import DISTRICT_ID


def _two_panels(frame: pd.DataFrame, lang: str):
    """What a two-panel chart by group starts from: the breakdown's column, the cells as
    small-cell protection shows them, the groups' names and a figure of two panels."""
    by = frame.attrs.get("by", frame.columns[0])
    cells = disclosure.chart_cells(frame["loans"])  # on the whole breakdown: its one pattern
    keep = shown_rows(frame, by)
    frame, cells = frame.loc[keep], cells.loc[keep]
    names = [label(by, str(v), lang) for v in frame[by]]
    fig, axes = new_figure(height=max(3.0, 0.4 * len(frame) + 1.4), ncols=2, sharey=True)
    return frame, by, cells, names, fig, axes


def plot_groups(frame: pd.DataFrame, lang: str | None = None) -> np.ndarray:
    """Loans and amounts per category of a breakdown, 未记录 hatched, small cells hidden.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.group_shares`.
    """
    lang = style.resolve_lang(lang)
    frame, by, cells, names, fig, axes = _two_panels(frame, lang)
    colour = style.UNIT_COLOURS[DISTRICT_ID]
    share = [
        bracket(str(c), f"{s:.0%}", lang)
        for c, s in zip(frame["loans"], frame["loan_share"], strict=True)
    ]
    hbars(axes[0], names, cells, frame["loans"], colour, share, frame[by])
    wan = frame["amount_yuan"] / YUAN_PER_WAN
    hbars(axes[1], names, cells, wan, colour, [f"{a:,.0f}" for a in wan], frame[by])
    axes[0].set_xlabel(t(TEXT, "count_axis", lang))
    axes[1].set_xlabel(t(TEXT, "amount_axis", lang))
    axes[0].set_ylabel(group_name(by, lang))
    figure_title(fig, t(TEXT, "groups_title", lang, group_name(by, lang)), size="large")
    sign(fig, datasets_of(frame, ["loans"]), lang)
    return axes


def plot_lorenz(summary: pd.DataFrame, curves: pd.DataFrame, lang: str | None = None) -> Axes:
    """Lorenz curves across loans and across communities, Gini and top share in the legend.

    Raises
    ------
    KeyError
        If the frames are not those of :func:`analysis.loans.metrics.concentration`.
    """
    lang = style.resolve_lang(lang)
    fig, ax = new_figure(height=5.0)
    ax.plot([0, 100], [0, 100], color="0.6", linewidth=0.8, label=t(TEXT, "equality", lang))
    styles = {"loans": (INK, "-"), "communities": (style.UNIT_COLOURS[DISTRICT_ID], "--")}
    for row in summary.dropna(subset=["gini"]).itertuples(index=False):
        curve = curves[curves["level"] == row.level]
        colour, line = styles.get(row.level, (INK, ":"))
        name = t(TEXT, f"level_{row.level}", lang) if f"level_{row.level}" in TEXT else row.level
        label = t(TEXT, "lorenz_label", lang, name, row.gini, row.top_share)
        x, y = 100 * curve["population_share"], 100 * curve["amount_share"]
        ax.plot(x, y, color=colour, linestyle=line, linewidth=2, label=label)
    if curves.empty:
        no_data(ax, lang)
    ax.set(xlim=(0, 100), ylim=(0, 100), aspect="equal")
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    finish(ax, t(TEXT, "lorenz_title", lang), t(TEXT, "lorenz_x", lang), t(TEXT, "lorenz_y", lang))
    ax.legend(loc="upper left", fontsize=8, frameon=True)
    # The download holds what the legend states, not the curves' points: across communities
    # those are each community's amount, sorted, exact in a CSV.
    numbers = summary.dropna(subset=["gini"])
    describe(
        ax,
        pd.DataFrame(
            {
                t(TEXT, "level_axis", lang): [
                    t(TEXT, f"level_{v}", lang) if f"level_{v}" in TEXT else v
                    for v in numbers["level"]
                ],
                t(TEXT, "n_axis", lang): numbers["n"].astype(int).to_numpy(),
                t(TEXT, "gini_axis", lang): numbers["gini"].round(2).to_numpy(),
                t(TEXT, "top_axis", lang): (100 * numbers["top_share"]).round(1).to_numpy(),
            }
        ),
    )
    sign(fig, datasets_of(summary, ["loans", "communities"]), lang)
    return ax


def plot_jobs(frame: pd.DataFrame, lang: str | None = None) -> np.ndarray:
    """Jobs per loan and per 100,000 yuan for each category; small groups hidden.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.jobs_by_group`.
    """
    lang = style.resolve_lang(lang)
    frame, by, cells, names, fig, axes = _two_panels(frame, lang)
    for ax, column, key in zip(
        axes,
        ["jobs_per_loan", "jobs_per_100k_yuan"],
        ["jobs_per_loan", "jobs_per_100k"],
        strict=True,
    ):
        values = frame[column].fillna(0)
        text = [f"{v:.1f}" if pd.notna(v) else disclosure.UNDEFINED for v in frame[column]]
        hbars(ax, names, cells, values, style.UNIT_COLOURS[DISTRICT_ID], text, frame[by])
        ax.set_xlabel(t(TEXT, key, lang))
    axes[0].set_ylabel(group_name(by, lang))
    figure_title(fig, t(TEXT, "jobs_title", lang, group_name(by, lang)), size="large")
    sign(fig, datasets_of(frame, ["loans"]), lang)
    return axes


def plot_status(table: pd.DataFrame, lang: str | None = None) -> Axes:
    """Grid of loans by group and repayment status; hidden cells white, marked.

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.loans.metrics.status_by_group`.
    """
    lang = style.resolve_lang(lang)
    by = table.index.name or table.attrs.get("by", "")
    shown = disclosure.protect_crosstab(table)  # on the whole table: its one pattern
    hidden = disclosure.cell_status(table) != disclosure.SHOWN
    rows = ~((table.index.astype(str) == NOT_RECORDED) & (table.sum(axis=1) == 0).to_numpy())
    columns = ~((table.columns.astype(str) == NOT_RECORDED) & (table.sum(axis=0) == 0).to_numpy())
    table, shown = table.loc[rows, columns], shown.loc[rows, columns]
    hidden = hidden.loc[rows, columns].to_numpy()
    values = np.ma.masked_array(table.to_numpy(dtype="float64"), mask=hidden)
    fig, ax = new_figure(height=max(3.0, 0.4 * len(table) + 1.4))
    # Hidden cells get one flat tint ("bad"), so their colour cannot give them away.
    cmap = LinearSegmentedColormap.from_list(
        "district", ["white", style.UNIT_COLOURS[DISTRICT_ID]]
    ).with_extremes(bad="0.93")
    top = float(values.max()) if values.count() else 1.0
    ax.imshow(values, cmap=cmap, vmin=0, vmax=max(top, 1.0), aspect="auto")
    for (i, j), text in np.ndenumerate(shown.to_numpy()):
        ax.text(j, i, text, ha="center", va="center", fontsize=9, color=INK)
    statuses = [label("status", str(s), lang) for s in table.columns]
    groups = [label(by, str(g), lang) for g in table.index]
    ax.set_xticks(range(table.shape[1]), statuses)
    ax.set_yticks(range(table.shape[0]), groups)
    ax.grid(False)
    long = shown.set_axis(groups).set_axis(statuses, axis=1).stack().reset_index()
    describe(
        ax,
        long.set_axis(
            [group_name(by, lang), t(TEXT, "status_axis", lang), t(TEXT, "loans_word", lang)],
            axis=1,
        ),
    )
    finish(
        ax,
        t(TEXT, "status_title", lang, group_name(by, lang)),
        t(TEXT, "status_axis", lang),
        group_name(by, lang),
    )
    sign(fig, datasets_of(table, ["loans"]), lang)
    return ax
