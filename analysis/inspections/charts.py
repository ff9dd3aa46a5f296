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

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from analysis.datasets.schema import CHECK_ITEMS, DATA_AS_OF, get_dataset
from analysis.inspections._chart_notes import DATASETS, n_note
from analysis.inspections.metrics import TOTAL
from analysis.presentation import style
from analysis.presentation.findings import count, listing
from analysis.presentation.labels import category_name, unit_colour, unit_name
from analysis.presentation.plotkit import bracket, finish, new_axes, no_data, sign, t
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import FEW
from analysis.rules import survival

#: Every piece of chart text: key → (Chinese, English).
TEXT = Catalogue(
    __name__,
    {
        "heat_title": ("各类场所各检查项目的合格率（初查）", "Pass rate by premises type and item"),
        "item_axis": ("检查项目", "check item"),
        "type_axis": ("场所类型", "premises type"),
        "pass_axis": ("合格率（%）", "pass rate (%)"),
        "not_applicable": ("不适用", "n/a"),
        "scale_note": (
            "颜色刻度固定为 {lo}%–{hi}%，各页相同。",
            "Colour scale fixed at {lo}–{hi}%, the same on every page.",
        ),
        "few_note": (
            "斜线格：检查少于 {k} 次，比率不宜解读。颜色刻度固定为 {lo}%–{hi}%，各页相同。",
            "Hatched: fewer than {k} checks, too few to read a rate from. Colour scale fixed at "
            "{lo}–{hi}%, the same on every page.",
        ),
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
#: The pass-rate colour scale of every page (topic and units): a rate is the same colour
#: wherever it is shown, never stretched to one unit's range.
SCALE = (0.0, 100.0)
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


def item_label(item: str, lang: str | None = None) -> str:
    """Short name of a check item (``资质`` / ``licences``), taken from the schema.

    Raises
    ------
    KeyError
        If ``item`` is not a column of the inspections dataset.
    """
    # The schema describes each item as "资质: licences": one place for both names.
    zh, en = get_dataset("inspections").field(item).description.split(": ", 1)
    return zh if style.resolve_lang(lang) == "zh" else en


def _label(domain: str, value: str, lang: str) -> str:
    return t(TEXT, "total", lang) if value == TOTAL else category_name(domain, value, lang)


def plot_pass_rate_heatmap(
    rates: pd.DataFrame,
    by: str = "premises_type",
    ax: Axes | None = None,
    lang: str | None = None,
    scale: tuple[float, float] = SCALE,
    min_n: int = FEW,
) -> Axes:
    """Heatmap of pass rates, each cell annotated with the rate and its count (``92%\\n(n=57)``).

    The colour scale is fixed (``scale``, 0–100 % by default) so the same colour means the
    same rate on the topic page and on every unit page, whatever one unit's data hold.
    Cells resting on fewer than ``min_n`` checks are hatched and their text greyed, so a
    rate on a handful of visits does not read as a finding; cells with nothing checked
    (all 不适用) are blank and say so.

    Raises
    ------
    KeyError
        If ``rates`` is not shaped like :func:`analysis.inspections.metrics.pass_rates` output.
    ValueError
        If ``scale`` is not an increasing pair.
    """
    lang = style.resolve_lang(lang)
    low, high = (float(v) for v in scale)
    if not low < high:
        raise ValueError(f"scale must be an increasing pair, got {scale!r}")
    if not (rates["checked"] > 0).any():  # nothing checked, or every item 不适用
        return no_data(ax, lang, t(TEXT, "heat_title", lang), datasets=DATASETS, height=None)
    order = list(dict.fromkeys(rates[by].astype("object")))
    rate = rates.pivot(index=by, columns="item", values="pass_rate_pct").loc[order, CHECK_ITEMS]
    n = rates.pivot(index=by, columns="item", values="checked").loc[order, CHECK_ITEMS]
    ax = new_axes(ax, height=1.6 + 0.55 * len(order), width=8.0)
    image = ax.imshow(rate.to_numpy(), cmap="YlOrRd_r", vmin=low, vmax=high, aspect="auto")
    cmap = image.get_cmap()
    few = False
    for (i, j), value in np.ndenumerate(rate.to_numpy()):
        if np.isnan(value):
            ax.text(j, i, t(TEXT, "not_applicable", lang), ha="center", va="center", color="0.4")
            continue
        checks = int(n.iat[i, j])
        text = f"{value:.0f}%\n(n={count(checks)})"
        if checks < min_n:  # hatched, grey text: too few checks to read a rate from
            few = True
            ax.add_patch(
                Rectangle(
                    (j - 0.5, i - 0.5),
                    1,
                    1,
                    facecolor="white",
                    edgecolor="0.6",
                    hatch="///",
                    linewidth=0,
                )
            )
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=8,
                color="0.35",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
            continue
        dark = sum(to_rgb(cmap(image.norm(value)))) < 1.6  # white text on dark cells
        colour = "white" if dark else "black"
        ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    # English item names are long: wrapped onto two lines so neighbours never overlap.
    ticks = [textwrap.fill(item_label(c, lang), 13) for c in CHECK_ITEMS]
    ax.set_xticks(range(len(CHECK_ITEMS)), ticks, fontsize=9)
    ax.set_yticks(range(len(order)), [_label("premises_type", str(v), lang) for v in order])
    if TOTAL in order:  # a rule above the all-types row
        ax.axhline(order.index(TOTAL) - 0.5, color="white", linewidth=3)
    ax.grid(False)
    ax.get_figure(root=True).colorbar(image, ax=ax, label=t(TEXT, "pass_axis", lang), shrink=0.8)
    if few:
        note = t(TEXT, "few_note", lang, k=count(min_n), lo=f"{low:g}", hi=f"{high:g}")
    else:
        note = t(TEXT, "scale_note", lang, lo=f"{low:g}", hi=f"{high:g}")
    ax.annotate(note, (0, 0), (0, -62), "axes fraction", "offset points", fontsize=8, va="top")
    sign(ax, DATASETS, lang)
    return finish(
        ax, t(TEXT, "heat_title", lang), t(TEXT, "item_axis", lang), t(TEXT, "type_axis", lang)
    )


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


# The risk charts live in their own module; their names stay part of this one.
from analysis.inspections._charts_risk import SINCE_EN as SINCE_EN  # noqa: E402
from analysis.inspections._charts_risk import plot_capture_curve as plot_capture_curve  # noqa: E402
from analysis.inspections._charts_risk import plot_risk_multipliers as plot_risk_multipliers  # noqa: E402
