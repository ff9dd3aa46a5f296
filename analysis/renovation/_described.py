"""What some renovation charts are, for a reader who cannot see them: the numbers they draw
as a labelled frame (the chart's CSV download) and an alt text that says what matters.

The chart display reads most charts' numbers back from the drawing
(:mod:`analysis.presentation._drawn`); for these the drawing alone reads badly (jittered
dots, step curves beside a reference curve, stacked bins without names, a title written
as figure text), so each chart attaches its own frame and alt text through
:func:`analysis.presentation.plotkit.describe`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.presentation.findings import count, listing, percent, pick
from analysis.presentation.labels import category_name, unit_name
from analysis.presentation.plotkit import describe
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import days as days_text
from analysis.renovation._findings_common import compound_label

WORDS = Catalogue(
    __name__,
    {
        "unit": ("街道（镇）", "Subdistrict / town"),
        "compound": ("楼院", "Compound"),
        "closed_pct": ("已销号占比（%）", "Closed (%)"),
        "pilot": ("物业试点", "Property-management pilot"),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
        "category": ("类别", "Category"),
        "days": ("自列入清单起（天）", "Days since opened"),
        "low": ("95% 区间下限（%）", "95% band, low (%)"),
        "high": ("95% 区间上限（%）", "95% band, high (%)"),
        "bin": ("已过计划销号日（天）", "Days past the planned date"),
        "tasks": ("任务（项）", "Tasks"),
        "date": ("日期", "Date"),
        "spread_alt": (
            "点图：各楼院已销号任务的占比（{as_of}），共 {n} 个有任务的楼院；各单位楼院的中位数："
            "{medians}。",
            "Dot plot: share of each compound's tasks closed (as of {as_of}), {n} compounds "
            "with tasks; median compound per unit: {medians}.",
        ),
        "km_alt": (
            "阶梯图（{n} 个分图）：各类任务自列入清单起的已销号比例，附全部任务的曲线作对照；"
            "中位数：{medians}。",
            "Step chart in {n} panels: share of each category's tasks closed against days "
            "since opened, with the curve of all tasks for comparison; medians: {medians}.",
        ),
        "not_reached": ("未过半", "not reached"),
        "days_alt": (
            "堆积柱状图：{n} 项逾期未销号的任务按已过计划销号日的天数分组（每组 30 天，{as_of}）："
            "{bins}。",
            "Stacked bar chart: {n} overdue tasks by days past the planned date (30-day "
            "bins, as of {as_of}): {bins}.",
        ),
        "bin_item": ("{lo}–{hi} 天 {k} 项", "{lo}–{hi} days {k}"),
        "burn_alt": (
            "折线图（每个单位一个分图）：整治任务累计立项与销号，截至 {as_of}：{units}。",
            "Line charts, one per unit: renovation tasks opened and closed, cumulative, as of "
            "{as_of}: {units}.",
        ),
        "burn_item": ("{unit}立项 {o} 项、销号 {c} 项", "{unit} {o} opened, {c} closed"),
        "group": ("分组", "Group"),
        "pilot_alt": (
            "点图：{unit}物业试点楼院与其他楼院的已销号占比，每个点是一个楼院；{groups}。",
            "Dot plot: {unit}'s property-management pilots against its other compounds, one "
            "dot per compound; {groups}.",
        ),
        "pilot_item": ("{g}：中位数 {m}", "{g}: median {m}"),
        "mode": ("组建方式", "Set up"),
        "orgs": ("临时党组织（个）", "Party organisations"),
        "covered": ("覆盖楼院（个）", "Compounds covered"),
    },
)


def _w(key: str, lang: str) -> str:
    return WORDS.text(key, lang)


def spread(ax: Axes, rows: pd.DataFrame, units: list[str], as_of: str, lang: str) -> None:
    """Attach the compounds' shares (one row per compound) to the spread chart.

    Raises
    ------
    KeyError
        If ``rows`` lacks ``name_zh``, ``unit_id``, ``property_pilot`` or ``closed_pct``.
    """
    order = {u: i for i, u in enumerate(units)}
    rows = rows.assign(_o=rows["unit_id"].astype(str).map(order)).sort_values(
        ["_o", "closed_pct"], ascending=[True, False], kind="stable"
    )
    frame = pd.DataFrame(
        {
            _w("unit", lang): [unit_name(u, lang) for u in rows["unit_id"]],
            _w("compound", lang): [compound_label(n, lang) for n in rows["name_zh"]],
            _w("closed_pct", lang): rows["closed_pct"].round(1).to_numpy(),
            _w("pilot", lang): [
                _w("yes" if p else "no", lang) for p in rows["property_pilot"].astype(bool)
            ],
        }
    )
    unit_of = rows["unit_id"].astype(str)
    medians = [
        f"{unit_name(u, lang)} {percent(rows.loc[unit_of == u, 'closed_pct'].median() / 100, 0)}"
        for u in units
    ]
    alt = _w("spread_alt", lang).format(
        as_of=as_of, n=count(len(rows)), medians=listing(medians, lang)
    )
    describe(ax, frame, alt)


def time_to_close(fig: Figure, curves: pd.DataFrame, medians: dict[str, float], lang: str) -> None:
    """Attach the category curves (days, share closed and its band) to the panels' figure.

    Raises
    ------
    KeyError
        If ``curves`` lacks a column of :func:`analysis.renovation.close_curves`.
    """
    groups = list(dict.fromkeys(curves["group"]))
    names = {g: category_name("task_category", str(g), lang) for g in groups}
    frame = pd.DataFrame(
        {
            _w("category", lang): curves["group"].map(names).to_numpy(),
            _w("days", lang): curves["days"].to_numpy(),
            _w("closed_pct", lang): (100 * curves["closed_share"]).round(1).to_numpy(),
            _w("low", lang): (100 * curves["closed_lower"]).round(1).to_numpy(),
            _w("high", lang): (100 * curves["closed_upper"]).round(1).to_numpy(),
        }
    )  # fmt: skip
    named = []
    for g in groups:
        value = medians.get(g)
        if value is None:
            continue
        said = days_text(value, lang) if np.isfinite(value) else _w("not_reached", lang)
        named.append(f"{category_name('task_category', str(g), lang)} {said}")
    alt = _w("km_alt", lang).format(n=count(len(groups)), medians=listing(named, lang))
    describe(fig, frame, alt)


def overdue_days(ax: Axes, work: pd.DataFrame, edges: np.ndarray, as_of: str, lang: str) -> None:
    """Attach the bins of the days-overdue chart (bin × unit, tasks) and their totals.

    Raises
    ------
    KeyError
        If ``work`` lacks ``unit_id`` or ``days_overdue``.
    """
    labels = [f"{lo}–{hi}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    rows = []
    for unit, part in work.groupby(work["unit_id"].astype(str), sort=False):
        counts, _ = np.histogram(part["days_overdue"], bins=edges)
        rows += [
            {
                _w("bin", lang): label,
                _w("unit", lang): unit_name(unit, lang),
                _w("tasks", lang): int(k),
            }
            for label, k in zip(labels, counts, strict=True)
            if k
        ]
    totals, _ = np.histogram(work["days_overdue"], bins=edges)
    bins = [
        _w("bin_item", lang).format(lo=lo, hi=hi, k=count(k))
        for lo, hi, k in zip(edges[:-1], edges[1:], totals, strict=True)
        if k
    ]
    alt = _w("days_alt", lang).format(
        n=count(len(work)), as_of=as_of, bins=pick(lang, "；", "; ").join(bins)
    )
    describe(ax, pd.DataFrame(rows), alt)


def burnup_by_unit(
    fig: Figure, burn: pd.DataFrame, units: list[str], measures: dict[str, str], lang: str
) -> None:
    """Attach each unit's daily cumulative counts (one column per measure, headed by the
    chart's own legend words ``measures``) to the panels.

    Raises
    ------
    KeyError
        If ``burn`` lacks ``unit_id``, ``date``, ``measure`` or ``tasks``.
    """
    rows = burn[burn["unit_id"].astype(str).isin(units)]
    wide = rows.pivot_table(
        index=["unit_id", "date"], columns="measure", values="tasks", observed=True
    ).reset_index()
    order = {u: i for i, u in enumerate(units)}
    wide = wide.assign(_o=wide["unit_id"].astype(str).map(order))
    wide = wide.sort_values(["_o", "date"], kind="stable")
    shown = [m for m in measures if m in wide.columns]
    frame = pd.DataFrame(
        {
            _w("unit", lang): [unit_name(u, lang) for u in wide["unit_id"]],
            _w("date", lang): pd.to_datetime(wide["date"]).dt.strftime("%Y-%m-%d").to_numpy(),
            **{measures[m]: wide[m].astype(int).to_numpy() for m in shown},
        }
    )  # fmt: skip
    last = wide.groupby("unit_id", sort=False).tail(1).set_index("unit_id")
    items = [
        _w("burn_item", lang).format(
            unit=unit_name(u, lang), o=count(last.loc[u, "opened"]), c=count(last.loc[u, "closed"])
        )
        for u in units
        if u in last.index
    ]
    as_of = str(burn.attrs.get("as_of", ""))
    alt = _w("burn_alt", lang).format(as_of=as_of, units=pick(lang, "；", "; ").join(items))
    describe(fig, frame, alt)


def pilots(ax: Axes, groups: list[tuple[str, pd.Series]], unit_id: str, lang: str) -> None:
    """Attach the pilot comparison: one row per compound (group, share closed).

    ``groups`` pairs each row label drawn (``pilot compounds (6)``) with its shares.

    Raises
    ------
    Nothing for well-formed ``groups``.
    """
    frame = pd.DataFrame(
        [
            {_w("group", lang): label, _w("closed_pct", lang): round(float(v), 1)}
            for label, shares in groups
            for v in shares
        ],
        columns=[_w("group", lang), _w("closed_pct", lang)],
    )
    items = [
        _w("pilot_item", lang).format(
            g=label, m=percent(shares.median() / 100, 0) if len(shares) else "—"
        )
        for label, shares in groups
    ]
    alt = _w("pilot_alt", lang).format(
        unit=unit_name(unit_id, lang), groups=pick(lang, "；", "; ").join(items)
    )
    describe(ax, frame, alt)


def party_org_modes(ax: Axes, rows: pd.DataFrame, units: list[str], lang: str) -> None:
    """Attach the party organisations per unit and mode (with the compounds they cover).

    Raises
    ------
    KeyError
        If ``rows`` lacks a column of ``renovation.party_orgs_by_mode``.
    """
    order = {u: i for i, u in enumerate(units)}
    used = rows[(rows["party_orgs"] > 0) | (rows["compounds"] > 0)]
    used = used.assign(_o=used["unit_id"].astype(str).map(order)).sort_values("_o", kind="stable")
    frame = pd.DataFrame(
        {
            _w("unit", lang): [unit_name(u, lang) for u in used["unit_id"]],
            _w("mode", lang): [
                category_name("party_org_mode", str(m), lang) for m in used["party_org_mode"]
            ],
            _w("orgs", lang): used["party_orgs"].astype(int).to_numpy(),
            _w("covered", lang): used["compounds"].astype(int).to_numpy(),
        }
    )
    describe(ax, frame)
