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
from analysis.loans._bins import BIN_WAN
from analysis.loans._chart_parts import INK, TEXT, hbars, money
from analysis.loans._sizes import size_bins
from analysis.loans._words import community_names
from analysis.loans.metrics import YUAN_PER_WAN
from analysis.presentation import style
from analysis.presentation.labels import unit_colours, unit_name
from analysis.presentation.plotkit import (
    datasets_of,
    describe,
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
    :mod:`analysis.rules.policy`. The two panels split the loans by kind of borrower, so
    their bins are protected cells (:func:`analysis.loans._sizes.size_bins`): a hidden bin
    gets no bar, only its mark.

    Returns
    -------
    numpy.ndarray
        The two Axes (individual, business).

    Raises
    ------
    KeyError
        If ``loans`` lacks ``amount_yuan``.
    """
    lang = style.resolve_lang(lang)
    bins = size_bins(loans)
    cells = disclosure.chart_cells(bins["loans"])  # on every bin: the dataset's one pattern
    if not bins.attrs.get("released"):  # too few loans to draw without identifying them
        bins, cells = bins.iloc[:0], cells.iloc[:0]
    fig, axes = new_figure(ncols=2, width_ratios=[2, 1])
    panels = [  # (largest cap, tick step in 万元)
        (policy.INDIVIDUAL_LOAN_CAP_YUAN, 5, "individual"),
        (policy.SMALL_BUSINESS_LOAN_CAP_YUAN, 100, "business"),
    ]
    for ax, (top, step, key) in zip(axes, panels, strict=True):
        mine = (bins["borrower_kind"] == key).to_numpy() & bins["amount_wan"].notna().to_numpy()
        panel, shown = bins.loc[mine], cells.loc[mine]
        width = BIN_WAN[key]
        bars = ax.bar(
            panel["amount_wan"],
            shown["length"],
            width=width,
            color=style.UNIT_COLOURS[DISTRICT_ID],
            edgecolor="white",
        )
        marks = [str(m) if h else "" for m, h in zip(shown["label"], shown["masked"], strict=True)]
        ax.bar_label(bars, labels=marks, padding=2, fontsize=8)
        describe(
            ax,
            pd.DataFrame(
                {
                    t(TEXT, "amount_axis", lang): panel["amount_wan"].to_numpy(),
                    t(TEXT, "count_axis", lang): list(shown["label"]),
                }
            ),
        )
        right = max(top / YUAN_PER_WAN * 1.1, float(panel["amount_wan"].max() or 0) + width)
        ax.set_title(t(TEXT, key, lang), fontsize="medium")
        ax.set_xlabel(t(TEXT, "amount_axis", lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(MultipleLocator(step))
        ax.set_xlim(0, right if np.isfinite(right) else top / YUAN_PER_WAN * 1.1)
        ax.set_ylim(0, max(float(shown["length"].max()) if len(shown) else 0.0, 1.0) * 1.3)
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
    elif bins.empty:
        axes[0].text(
            0.5,
            0.5,
            t(TEXT, "withheld", lang),
            transform=axes[0].transAxes,
            ha="center",
            va="center",
            fontsize=9,
            wrap=True,
        )
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
    amounts = [
        disclosure.MARK if m else round(a, 1) for a, m in zip(wan, cells["masked"], strict=True)
    ]
    describe(
        ax,
        pd.DataFrame(
            {
                t(TEXT, "unit_axis", lang): names,
                t(TEXT, "amount_axis", lang): amounts,
                t(TEXT, "count_axis", lang): list(cells["label"]),
            }
        ),
    )
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
    names = community_names(frame, lang)
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


def cumulative_points(masked: np.ndarray) -> np.ndarray:
    """Months whose running total may be drawn: those whose count is shown, except the last
    shown month before hidden months at the end (the total is published, so that point
    would give the hidden months' amount by subtraction).

    The difference of two drawn points then always includes a shown month's amount, which
    no table publishes, so no hidden month's amount can be worked out.
    """
    drawn = ~np.asarray(masked, dtype=bool)
    if len(drawn) and not drawn[-1] and drawn.any():
        drawn[np.flatnonzero(drawn)[-1]] = False
    return drawn


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
    drawn = cumulative_points(cells["masked"].to_numpy())
    cumulative = frame["cumulative_amount_yuan"] / YUAN_PER_WAN
    line.plot(
        end[drawn],
        cumulative[drawn],
        color=INK,
        marker="o",
        markersize=3,
        label=t(TEXT, "cumulative", lang),
    )
    line.set_ylim(bottom=0)
    line.set_ylabel(t(TEXT, "cumulative_axis", lang))
    describe(
        ax,
        pd.DataFrame(
            {
                t(TEXT, "month_axis", lang): frame["month"].dt.strftime("%Y-%m").to_numpy(),
                t(TEXT, "monthly", lang): list(cells["label"]),
                t(TEXT, "cumulative", lang): [
                    round(v, 1) if d else disclosure.MARK
                    for v, d in zip(cumulative, drawn, strict=True)
                ],
            }
        ),
    )
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
