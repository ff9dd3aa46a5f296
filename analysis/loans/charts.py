"""Charts of the entrepreneurship guarantee loans; the notebook defines no plotting code.

Each function takes a frame from :mod:`analysis.loans.metrics`, gives the chart a title and
axes labelled with their units, colours places with
:data:`analysis.presentation.style.UNIT_COLOURS` (the district's grey for district-wide
charts), signs the figure with :func:`analysis.presentation.style.add_source` and returns the
Axes. Counts broken down by group, place or time go through
:func:`analysis.rules.disclosure.chart_cells`: a hidden cell gets no bar (its length would
give the count away) and its mark, ``"<3"`` or ``"x"``, as label. The charts by group are
written in :mod:`analysis.loans._charts_groups` and exported here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator, MultipleLocator

from analysis.datasets.schema import DATA_AS_OF
from analysis.loans._chart_parts import INK, TEXT, hbars, money
from analysis.loans._groups import with_columns
from analysis.loans.metrics import YUAN_PER_WAN
from analysis.presentation import style
from analysis.presentation.labels import unit_colours, unit_name
from analysis.presentation.plotkit import (
    datasets_of,
    figure_title,
    finish,
    mark_date,
    month_axis,
    new_figure,
    no_data,
    sign,
    t,
    unit_legend,
)
from analysis.rules import disclosure, policy
from analysis.rules.entities import DISTRICT_ID


def plot_amount_histogram(loans: pd.DataFrame, lang: str | None = None) -> np.ndarray:
    """Histograms of amounts, individual and business loans apart, each with its caps.

    Each cap applies to one kind of borrower, so each panel draws its own: the
    individual caps before and from 财金〔2020〕21号, and the small-business cap; all from
    :mod:`analysis.rules.policy`. The bars show one variable, not a cross-tabulation, and carry
    no count labels.

    Returns
    -------
    numpy.ndarray
        The two Axes (individual, business).

    Raises
    ------
    KeyError
        If ``loans`` lacks ``amount_yuan`` or ``borrower_category``.
    """
    lang = style.resolve_lang(lang)
    loans = with_columns(loans, ("borrower_category",))
    business = loans["borrower_category"].astype(str) == policy.SMALL_BUSINESS_CATEGORY
    wan = loans["amount_yuan"] / YUAN_PER_WAN
    fig, axes = new_figure(ncols=2, width_ratios=[2, 1])
    panels = [  # (largest cap, bin width, tick step) in 万元
        (policy.INDIVIDUAL_LOAN_CAP_YUAN, 1, 5, wan[~business], "individual"),
        (policy.SMALL_BUSINESS_LOAN_CAP_YUAN, 20, 100, wan[business], "business"),
    ]
    for ax, (top, width, step, values, key) in zip(axes, panels, strict=True):
        top_wan = top / YUAN_PER_WAN
        # Bins centred on round amounts: banks lend in whole 10,000 yuan.
        edges = np.arange(-width / 2, top_wan * 1.1 + width, width)
        ax.hist(values, bins=edges, color=style.UNIT_COLOURS[DISTRICT_ID], edgecolor="white")
        ax.set_title(t(TEXT, key, lang), fontsize="medium")
        ax.set_xlabel(t(TEXT, "amount_axis", lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(MultipleLocator(step))
        ax.set_xlim(0, edges[-1])
        ax.margins(y=0.25)  # room for the legend above the tallest bar
    axes[0].set_ylabel(t(TEXT, "count_axis", lang))
    caps = [
        (axes[0], policy.INDIVIDUAL_LOAN_CAP_2018_YUAN, "--", "cap_2018"),
        (axes[0], policy.INDIVIDUAL_LOAN_CAP_YUAN, "-", "cap_2020"),
        (axes[1], policy.SMALL_BUSINESS_LOAN_CAP_YUAN, "-", "cap_business"),
    ]
    for ax, cap, line, key in caps:
        ax.axvline(cap / YUAN_PER_WAN, color=INK, linestyle=line, label=t(TEXT, key, lang))
    for ax in axes:
        ax.legend(loc="upper left", fontsize=7, frameon=True)
    if loans.empty:
        no_data(axes[0], lang)
    figure_title(fig, t(TEXT, "hist_title", lang), fontsize="large")
    sign(fig, datasets_of(loans, ["loans"]), lang)
    return axes


def plot_by_unit(frame: pd.DataFrame, lang: str | None = None) -> Axes:
    """Amount lent per subdistrict and town, each in its fixed colour, with the count.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.by_unit`.
    """
    lang = style.resolve_lang(lang)
    cells = disclosure.chart_cells(frame["loans"])
    wan = frame["amount_yuan"] / YUAN_PER_WAN
    labels = [
        f"{money(a, lang)} · {c}{t(TEXT, 'loans_unit', lang)}"
        for a, c in zip(wan, cells["label"], strict=True)
    ]
    fig, ax = new_figure()
    names = [unit_name(str(u), lang) for u in frame["unit_id"]]
    hbars(ax, names, cells, wan, unit_colours([str(u) for u in frame["unit_id"]]), labels)
    if not frame["loans"].sum():
        no_data(ax, lang)
    finish(
        ax, t(TEXT, "unit_title", lang), t(TEXT, "amount_axis", lang), t(TEXT, "unit_axis", lang)
    )
    sign(fig, datasets_of(frame, ["loans", "communities"]), lang)
    return ax


def plot_by_community(frame: pd.DataFrame, lang: str | None = None) -> Axes:
    """Loans per community, coloured by unit; communities with no loan show 0.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.by_community`.
    """
    lang = style.resolve_lang(lang)
    cells = disclosure.chart_cells(frame["loans"], within=frame["unit_id"].astype(str))
    units = list(frame["unit_id"].astype(str))
    fig, ax = new_figure(height=0.2 * len(frame) + 1.6)
    names = list(frame["name_zh" if lang == "zh" else "name_en"])
    hbars(ax, names, cells, frame["loans"], unit_colours(units), cells["label"])
    known = [u for u in dict.fromkeys(units) if u in style.UNIT_COLOURS]
    if known:
        unit_legend(ax, known, lang, loc="lower right")  # in table order
    if frame.empty:
        no_data(ax, lang)
    ax.tick_params(axis="y", labelsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish(
        ax,
        t(TEXT, "community_title", lang),
        t(TEXT, "count_axis", lang),
        t(TEXT, "community_axis", lang),
    )
    sign(fig, datasets_of(frame, ["loans", "communities"]), lang)
    return ax


def plot_timeline(frame: pd.DataFrame, lang: str | None = None) -> Axes:
    """Bars of loans per month (small months hidden) and the running amount in 万元.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.monthly_timeline`.
    """
    lang = style.resolve_lang(lang)
    cells = disclosure.chart_cells(frame["loans"])
    fig, ax = new_figure()
    bars = ax.bar(
        frame["month"],
        cells["length"],
        width=20,
        align="edge",
        color="0.78",
        label=t(TEXT, "monthly", lang),
    )
    ax.bar_label(bars, labels=list(cells["label"]), padding=2, fontsize=7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    month_axis(ax, months=(1, 4, 7, 10))
    top = float(cells["length"].max()) if len(cells) else 0.0
    ax.set_ylim(0, max(top, 1.0) * 1.35)  # room for the labels
    if frame.empty:
        no_data(ax, lang)
    line = ax.twinx()
    line.grid(False)
    # Each point is the running total at the month's end (the as-of date for the last).
    as_of = pd.Timestamp(frame.attrs.get("as_of", DATA_AS_OF))
    end = (frame["month"] + pd.offsets.MonthEnd(0)).clip(upper=as_of)
    line.plot(
        end,
        frame["cumulative_amount_yuan"] / YUAN_PER_WAN,
        color=INK,
        marker="o",
        markersize=3,
        label=t(TEXT, "cumulative", lang),
    )
    line.set_ylim(bottom=0)
    line.set_ylabel(t(TEXT, "cumulative_axis", lang))
    handles = [*ax.get_legend_handles_labels()[0], *line.get_legend_handles_labels()[0]]
    line.legend(handles=handles, loc="upper left", fontsize=8, frameon=True)
    notice = pd.Timestamp(policy.LOAN_POLICY_2020_ISSUED)
    label = t(TEXT, "policy_2020", lang)
    mark_date(ax, notice, label, style.SYNTHETIC_COLOUR, linestyle=":", linewidth=1, pad=4)
    finish(
        ax, t(TEXT, "time_title", lang), t(TEXT, "month_axis", lang), t(TEXT, "count_axis", lang)
    )
    sign(fig, datasets_of(frame, ["loans"]), lang)
    return ax


# The breakdowns by group live in their own module; they are part of this one's interface.
from analysis.loans._charts_groups import plot_groups as plot_groups  # noqa: E402
from analysis.loans._charts_groups import plot_jobs as plot_jobs  # noqa: E402
from analysis.loans._charts_groups import plot_lorenz as plot_lorenz  # noqa: E402
from analysis.loans._charts_groups import plot_status as plot_status  # noqa: E402
