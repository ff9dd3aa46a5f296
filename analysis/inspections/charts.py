"""Charts of the inspection notebook; the notebook itself defines no plotting code.

Each function takes a tidy frame from :mod:`analysis.inspections.metrics` or
:mod:`analysis.inspections.risk`,
draws on ``ax`` or a new figure, gives it a title and axes labelled with their units,
colours units with :data:`analysis.presentation.style.UNIT_COLOURS`, signs it with
:func:`analysis.presentation.style.add_source` and returns the Axes. Chinese by default;
``lang="en"``
(or ``set_style("en")``) for the English edition.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections._chart_notes import DATASETS, n_note
from analysis.inspections._chart_notes import item_label as item_label
from analysis.presentation import style
from analysis.presentation.findings import listing
from analysis.presentation.labels import category_name, unit_colour, unit_name
from analysis.presentation.plotkit import bracket, finish, new_axes, no_data, sign, t
from analysis.presentation.text import Catalogue
from analysis.rules import survival

#: Every piece of chart text: key → (Chinese, English).
TEXT = Catalogue(
    __name__,
    {
        "total": ("全部类型", "all types"),
        "month_title": (
            "各部门检查中责令限期整改的比例（按月）",
            "Share of visits ordering rectification",
        ),
        "month_axis": ("月份（2020年）", "month (2020)"),
        "fail_axis": ("责令限期整改的比例（%）", "visits ordering rectification (%)"),
        "unit_title": ("各街道（镇）检查中责令限期整改的比例", "Rectification orders by unit"),
        "unit_axis": ("街道/镇", "subdistrict / town"),
        "district_bodies": ("{name}（区直单位）", "{name} (district bodies)"),
        "km_title": (
            "发现问题后多久整改完成（截至{as_of}）",
            "Time to rectification (as of {as_of})",
        ),
        "km_x": ("自检查之日起的天数（天）", "days since the inspection (days)"),
        "km_y": ("已整改的比例（%）", "rectified (%)"),
        "deadline": ("整改期限范围（{lo}–{hi}天）", "deadlines set ({lo}–{hi} days)"),
        "no_case": ("没有整改案件", "no rectification case"),
        "km_note": (
            "Kaplan–Meier估计；截至{as_of}仍未整改的案例作删失处理。少于{k}例未画出：{left}",
            "Kaplan–Meier; cases open on {as_of} are censored. Under {k} cases, not drawn: {left}",
        ),
    },
)
#: Fixed colour per premises type (Okabe–Ito order would suggest units; Dark2 does not).
TYPE_COLOURS = dict(
    zip(
        ["小餐饮店", "小食品店", "小旅店", "小美容美发店", "小浴室", "小歌舞厅", "机关食堂"],
        ["#1B9E77", "#D95F02", "#7570B3", "#E7298A", "#66A61E", "#A6761D", "#666666"],
        strict=True,
    )
)
AGENCY_COLOURS = {
    "区卫健委": "#1B9E77",
    "区市场监管局": "#D95F02",
    "区爱卫中心": "#7570B3",
    "联合检查": "#000000",
    "区纪委监委": "#A6761D",
}


def plot_fail_rate_by_month(
    monthly: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Lines per agency: share of visits each month that ordered rectification.

    A single-day campaign (the joint inspection) is one marked point, labelled with n.

    Raises
    ------
    KeyError
        If ``monthly`` lacks ``period``, ``agency``, ``visits`` or ``fail_rate_pct``.
    """
    lang = style.resolve_lang(lang)
    if monthly.empty:
        return no_data(ax, lang, t(TEXT, "month_title", lang), datasets=DATASETS, height=None)
    ax = new_axes(ax)
    for agency, part in monthly.groupby("agency", observed=True, sort=True):
        name = category_name("agency", agency, lang) + n_note(part["visits"].sum(), lang)
        colour = AGENCY_COLOURS.get(str(agency), "0.3")
        marker = "D" if len(part) == 1 else "o"
        ax.plot(part["period"], part["fail_rate_pct"], marker=marker, color=colour, label=name)
    months = sorted(monthly["period"].unique())
    ax.set_xticks(months, [f"{m.month}月" if lang == "zh" else f"{m:%b}" for m in months])
    ax.set_ylim(0, max(50.0, float(monthly["fail_rate_pct"].max()) + 5))
    ax.legend(loc="upper right", fontsize=8, frameon=True)
    sign(ax, DATASETS, lang)
    return finish(
        ax, t(TEXT, "month_title", lang), t(TEXT, "month_axis", lang), t(TEXT, "fail_axis", lang)
    )


def plot_fail_rate_by_unit(
    by_unit: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Bars per unit in its fixed colour: share of visits that ordered rectification.

    Raises
    ------
    KeyError
        If ``by_unit`` lacks ``unit_id``, ``visits``, ``ordered`` or ``fail_rate_pct``.
    """
    lang = style.resolve_lang(lang)
    if by_unit.empty:
        return no_data(ax, lang, t(TEXT, "unit_title", lang), datasets=DATASETS, height=None)
    rows = by_unit.iloc[::-1]  # first unit on top
    units = [str(u) for u in rows["unit_id"]]
    ax = new_axes(ax)
    from analysis.datasets.loaders import load_units

    # Premises filed under the district itself are its own bodies' canteens, not a total.
    top = set(load_units().loc[lambda u: u["parent_id"].isna(), "unit_id"].astype(str))
    names = [
        t(TEXT, "district_bodies", lang, name=unit_name(u, lang))
        if u in top
        else unit_name(u, lang)
        for u in units
    ]
    bars = ax.barh(
        names,
        rows["fail_rate_pct"],
        color=[unit_colour(u) for u in units],
    )
    text = [
        bracket(f"{r:.0f}%", f"{k}/{n}", lang)
        for r, k, n in zip(rows["fail_rate_pct"], rows["ordered"], rows["visits"], strict=True)
    ]
    ax.bar_label(bars, labels=text, padding=3, fontsize=9)
    ax.margins(x=0.2)
    sign(ax, DATASETS, lang)
    return finish(
        ax, t(TEXT, "unit_title", lang), t(TEXT, "fail_axis", lang), t(TEXT, "unit_axis", lang)
    )


def plot_rectification_curves(
    cases: pd.DataFrame,
    by: str = "premises_type",
    as_of: str | pd.Timestamp = DATA_AS_OF,
    min_cases: int = 10,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Kaplan–Meier curves of the share rectified, per group and overall, open cases censored.

    The grey band spans the deadlines set; groups with fewer than ``min_cases`` cases are
    left out (and named in a note) because their curves would be a few steps of noise.

    Raises
    ------
    KeyError
        If ``cases`` is not shaped like :func:`analysis.inspections.metrics.rectification_cases`.
    """
    lang = style.resolve_lang(lang)
    as_of = f"{pd.Timestamp(as_of):%Y-%m-%d}"
    if cases.empty:
        return no_data(
            ax,
            lang,
            t(TEXT, "km_title", lang, as_of=as_of),
            t(TEXT, "no_case", lang),
            datasets=DATASETS,
            height=None,
        )
    sizes = cases.groupby(by, observed=True, sort=True).size()
    ax = new_axes(ax)
    allowed = (cases["rectify_by"] - cases["inspected_on"]).dt.days.dropna()
    if len(allowed):  # a ledger may record failures without a deadline: no band then
        lo, hi = int(allowed.min()), int(allowed.max())
        ax.axvspan(lo, hi, color="0.92", label=t(TEXT, "deadline", lang, lo=lo, hi=hi))
    curves = survival.kaplan_meier(cases[cases[by].isin(sizes[sizes >= min_cases].index)], by)
    for group in sizes[sizes >= min_cases].index:  # category order, not the string order
        part = curves[curves["group"] == group]
        name = category_name("premises_type", group, lang)
        ax.step(
            part["days"],
            100 * (1 - part["survival"]),
            where="post",
            color=TYPE_COLOURS.get(str(group), "0.5"),
            linewidth=1.2,
            label=name + n_note(int(sizes[group]), lang),
        )
    whole = survival.kaplan_meier(cases)
    ax.step(
        whole["days"],
        100 * (1 - whole["survival"]),
        where="post",
        color="black",
        linewidth=2.4,
        label=t(TEXT, "total", lang) + n_note(len(cases), lang),
    )
    left = [category_name(by, g, lang) for g in sizes[sizes < min_cases].index]
    note = t(TEXT, "km_note", lang, as_of=as_of, k=min_cases, left=listing(left, lang) or "—")
    ax.annotate(note, (0, 0), (0, -38), "axes fraction", "offset points", fontsize=8, va="top")
    ax.set_ylim(0, 100)
    ax.set_xlim(0, float(whole["days"].max()))
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    title = t(TEXT, "km_title", lang, as_of=as_of)
    sign(ax, DATASETS, lang)
    return finish(ax, title, t(TEXT, "km_x", lang), t(TEXT, "km_y", lang))


# The heatmap and the risk charts live in their own modules; their names stay part of this one.
from analysis.inspections._charts_heatmap import SCALE as SCALE  # noqa: E402
from analysis.inspections._charts_heatmap import plot_pass_rate_heatmap as plot_pass_rate_heatmap  # noqa: E402
from analysis.inspections._charts_risk import SINCE_EN as SINCE_EN  # noqa: E402
from analysis.inspections._charts_risk import plot_capture_curve as plot_capture_curve  # noqa: E402
from analysis.inspections._charts_risk import plot_risk_multipliers as plot_risk_multipliers  # noqa: E402
