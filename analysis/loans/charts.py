"""Charts of the entrepreneurship guarantee loans; the notebook defines no plotting code.

Each function takes a frame from :mod:`analysis.loans.metrics`, gives the chart a title and axes
labelled with their units, colours places with :data:`analysis.presentation.style.UNIT_COLOURS` (the
district's grey for district-wide charts), signs the figure with
:func:`analysis.presentation.style.add_source` and returns the Axes. Counts broken down by group,
place
or time go through :func:`analysis.rules.disclosure.chart_cells`: a hidden cell gets no bar
(its length would give the count away) and its mark, ``"<3"`` or ``"x"``, as label.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator, MultipleLocator, PercentFormatter

from analysis.datasets.schema import DATA_AS_OF, get_dataset
from analysis.loans._groups import with_columns
from analysis.loans.metrics import NOT_RECORDED, YUAN_PER_WAN
from analysis.presentation import style
from analysis.presentation.plotkit import (
    bracket,
    datasets_of,
    figure_title,
    finish,
    mark_date,
    month_axis,
    new_figure,
    sign,
    t,
    unit_legend,
)
from analysis.presentation.text import Catalogue
from analysis.rules import disclosure, policy
from analysis.rules.entities import DISTRICT_ID

INK = "0.15"
#: Every piece of chart text: key → (Chinese, English).
TEXT = Catalogue(
    __name__,
    {
        "hist_title": ("贷款金额分布与政策上限", "Loan amounts and the policy caps"),
        "individual": ("个人贷款", "individual borrowers"),
        "business": ("小微企业贷款", "small and micro businesses"),
        "amount_axis": ("金额（万元）", "amount (10,000 yuan)"),
        "count_axis": ("笔数（笔）", "number of loans"),
        "cap_2018": ("个人上限 15 万元（2020年4月15日前）", "individual cap before 15 Apr 2020"),
        "cap_2020": ("个人上限 20 万元（财金〔2020〕21号）", "individual cap from 15 Apr 2020"),
        "cap_business": ("小微企业上限 300 万元", "small-business cap"),
        "unit_title": ("各街道（镇）的贷款金额", "Loan amounts by subdistrict and town"),
        "unit_axis": ("街道/镇", "subdistrict / town"),
        "loans_unit": ("笔", " loans"),
        "community_title": (
            "各社区的贷款笔数（含宣传覆盖但未获贷款的社区）",
            "Loans per community, including those reached by publicity without a loan",
        ),
        "community_axis": ("社区", "community"),
        "group_borrower_category": ("借款人类别", "borrower group"),
        "group_sector": ("行业", "sector"),
        "group_gender": ("性别", "gender"),
        "groups_title": ("按{}：笔数与金额", "By {}: loans and amounts"),
        "lorenz_title": (
            "贷款金额的集中程度（洛伦兹曲线）",
            "Concentration of amounts (Lorenz curve)",
        ),
        "lorenz_x": (
            "累计占比：贷款或社区，从小到大（%）",
            "cumulative share of loans or communities (%)",
        ),
        "lorenz_y": ("累计占比：贷款金额（%）", "cumulative share of the amount (%)"),
        "equality": ("完全平均", "perfect equality"),
        "level_loans": ("各笔贷款", "across loans"),
        "level_communities": ("各社区（含无贷款社区）", "across communities (incl. none)"),
        "lorenz_label": (
            "{}：基尼系数 {:.2f}，最大 10% 占 {:.0%}",
            "{}: Gini {:.2f}, top 10% hold {:.0%}",
        ),
        "time_title": ("每月发放笔数与累计金额", "Loans per month and cumulative amount"),
        "month_axis": ("发放月份", "month issued"),
        "cumulative_axis": ("累计金额（万元）", "cumulative amount (10,000 yuan)"),
        "policy_2020": ("财金〔2020〕21号印发", "2020 notice issued"),
        "monthly": ("当月发放笔数", "loans issued in the month"),
        "cumulative": ("累计金额（月末）", "cumulative amount (month end)"),
        "jobs_title": ("按{}：带动就业", "By {}: jobs created"),
        "jobs_per_loan": ("每笔贷款带动就业（个/笔）", "jobs per loan"),
        "jobs_per_100k": ("每10万元带动就业（个/10万元）", "jobs per 100,000 yuan"),
        "status_title": ("按{}：还款状态（笔）", "Repayment status by {} (loans)"),
        "status_axis": ("还款状态", "repayment status"),
        "no_data": ("无数据", "no data"),
    },
)


def _no_data(ax: Axes, lang: str) -> None:
    """Say inside the axes that there is nothing to draw (an empty ledger or breakdown)."""
    ax.text(
        0.5,
        0.5,
        t(TEXT, "no_data", lang),
        ha="center",
        va="center",
        transform=ax.transAxes,
        color="0.45",
        fontsize="large",
    )


def _unit_name(unit_id: str, lang: str) -> str:
    """A unit's name; a unit the reference table lacks (a ledger's own) by its id."""
    try:
        return style.unit_label(unit_id, lang)
    except KeyError:
        return str(unit_id)


def _unit_colours(unit_ids: list[str]) -> list[str]:
    """Each unit's fixed colour; grey for a unit without one."""
    return [style.UNIT_COLOURS.get(u, "0.6") for u in unit_ids]


def _label(by: str, value: str, lang: str) -> str:
    if by == "unit_id":
        return _unit_name(value, lang)
    try:
        return style.category_label(get_dataset("loans").field(by).domain or by, value, lang)
    except KeyError:  # a ledger's own wording has no English label: shown as it is
        return value


def _group_name(by: str, lang: str) -> str:
    return t(TEXT, f"group_{by}", lang) if f"group_{by}" in TEXT else by


def _money(wan: float, lang: str) -> str:
    return f"{wan:,.0f}万元" if lang == "zh" else f"{wan * 10:,.0f}k yuan"


def _hbars(
    ax: Axes, names: list[str], cells: pd.DataFrame, values, colours, labels, raw=None
) -> None:
    """Horizontal bars, first row on top; hidden cells get no bar, only their mark.

    ``raw`` holds the category values (before translation), to spot 未记录.
    """
    y = np.arange(len(names))[::-1]
    length = np.where(cells["masked"], 0.0, np.asarray(values, dtype="float64"))
    bars = ax.barh(y, length, color=colours, edgecolor="white", linewidth=0.5)
    raw = names if raw is None else [str(v) for v in raw]
    for bar, unrecorded in zip(bars, [v == NOT_RECORDED for v in raw], strict=True):
        if unrecorded:  # "not recorded" is data quality, not a group: drawn apart
            bar.set_hatch("///")
            bar.set_facecolor("white")
            bar.set_edgecolor("0.45")
    text = np.where(cells["masked"], cells["label"], labels)
    ax.bar_label(bars, labels=list(text), padding=3, fontsize=8)
    ax.set_yticks(y, names)
    ax.margins(x=0.22)


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
        _no_data(axes[0], lang)
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
        f"{_money(a, lang)} · {c}{t(TEXT, 'loans_unit', lang)}"
        for a, c in zip(wan, cells["label"], strict=True)
    ]
    fig, ax = new_figure()
    names = [_unit_name(str(u), lang) for u in frame["unit_id"]]
    _hbars(ax, names, cells, wan, _unit_colours([str(u) for u in frame["unit_id"]]), labels)
    if not frame["loans"].sum():
        _no_data(ax, lang)
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
    _hbars(ax, names, cells, frame["loans"], _unit_colours(units), cells["label"])
    known = [u for u in dict.fromkeys(units) if u in style.UNIT_COLOURS]
    if known:
        unit_legend(ax, known, lang, loc="lower right")  # in table order
    if frame.empty:
        _no_data(ax, lang)
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


def plot_groups(frame: pd.DataFrame, lang: str | None = None) -> np.ndarray:
    """Loans and amounts per category of a breakdown, 未记录 hatched, small cells hidden.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.group_shares`.
    """
    lang = style.resolve_lang(lang)
    by = frame.attrs.get("by", frame.columns[0])
    cells = disclosure.chart_cells(frame["loans"])
    names = [_label(by, str(v), lang) for v in frame[by]]
    fig, axes = new_figure(height=max(3.0, 0.4 * len(frame) + 1.4), ncols=2, sharey=True)
    colour = style.UNIT_COLOURS[DISTRICT_ID]
    share = [
        bracket(str(c), f"{s:.0%}", lang)
        for c, s in zip(frame["loans"], frame["loan_share"], strict=True)
    ]
    _hbars(axes[0], names, cells, frame["loans"], colour, share, frame[by])
    wan = frame["amount_yuan"] / YUAN_PER_WAN
    _hbars(axes[1], names, cells, wan, colour, [f"{a:,.0f}" for a in wan], frame[by])
    axes[0].set_xlabel(t(TEXT, "count_axis", lang))
    axes[1].set_xlabel(t(TEXT, "amount_axis", lang))
    axes[0].set_ylabel(_group_name(by, lang))
    figure_title(fig, t(TEXT, "groups_title", lang, _group_name(by, lang)), size="large")
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
        _no_data(ax, lang)
    ax.set(xlim=(0, 100), ylim=(0, 100), aspect="equal")
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    finish(ax, t(TEXT, "lorenz_title", lang), t(TEXT, "lorenz_x", lang), t(TEXT, "lorenz_y", lang))
    ax.legend(loc="upper left", fontsize=8, frameon=True)
    sign(fig, datasets_of(summary, ["loans", "communities"]), lang)
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
        _no_data(ax, lang)
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


def plot_jobs(frame: pd.DataFrame, lang: str | None = None) -> np.ndarray:
    """Jobs per loan and per 100,000 yuan for each category; small groups hidden.

    Raises
    ------
    KeyError
        If ``frame`` is not shaped like :func:`analysis.loans.metrics.jobs_by_group`.
    """
    lang = style.resolve_lang(lang)
    by = frame.attrs.get("by", frame.columns[0])
    cells = disclosure.chart_cells(frame["loans"])
    names = [_label(by, str(v), lang) for v in frame[by]]
    fig, axes = new_figure(height=max(3.0, 0.4 * len(frame) + 1.4), ncols=2, sharey=True)
    for ax, column, key in zip(
        axes,
        ["jobs_per_loan", "jobs_per_100k_yuan"],
        ["jobs_per_loan", "jobs_per_100k"],
        strict=True,
    ):
        values = frame[column].fillna(0)
        text = [f"{v:.1f}" if pd.notna(v) else disclosure.UNDEFINED for v in frame[column]]
        _hbars(ax, names, cells, values, style.UNIT_COLOURS[DISTRICT_ID], text, frame[by])
        ax.set_xlabel(t(TEXT, key, lang))
    axes[0].set_ylabel(_group_name(by, lang))
    figure_title(fig, t(TEXT, "jobs_title", lang, _group_name(by, lang)), size="large")
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
    shown = disclosure.protect_crosstab(table)
    hidden = (disclosure.cell_status(table) != disclosure.SHOWN).to_numpy()
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
    ax.set_xticks(range(table.shape[1]), [_label("status", str(s), lang) for s in table.columns])
    ax.set_yticks(range(table.shape[0]), [_label(by, str(g), lang) for g in table.index])
    ax.grid(False)
    finish(
        ax,
        t(TEXT, "status_title", lang, _group_name(by, lang)),
        t(TEXT, "status_axis", lang),
        _group_name(by, lang),
    )
    sign(fig, datasets_of(table, ["loans"]), lang)
    return ax
