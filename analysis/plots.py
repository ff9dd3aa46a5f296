"""Charts the notebooks call; notebooks themselves define no plotting code.

Every function takes a tidy frame (from :mod:`analysis.governance`,
:func:`analysis.reconciliation.reconcile` or a loader), draws on ``ax`` or a new figure,
gives the chart a title and axes labelled with their units, colours units with
:data:`analysis.style.UNIT_COLOURS`, signs the figure with
:func:`analysis.style.add_source`, and returns the Axes. Text is Chinese by default;
pass ``lang="en"`` (or ``set_style("en")``) for the English edition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from analysis import style
from analysis.plotkit import datasets_of, finish, new_axes, sign, t, tint
from analysis.reconciliation import MATCH, NOT_COMPUTABLE, accepted_range
from analysis.schema import RECORD_DATASETS

#: Every piece of chart text: key → (Chinese, English).
TEXT: dict[str, tuple[str, str]] = {
    "unit_axis": ("街道/镇", "subdistrict / town"),
    "compounds_axis": ("楼院数（个）", "number of compounds"),
    "party_org": ("有党组织覆盖的楼院", "Compounds covered by a party organisation"),
    "resident_body": ("有居民自治组织的楼院", "Compounds with a resident self-governance body"),
    "party_orgs": ("临时党组织数", "Temporary party organisations"),
    "party_orgs_axis": ("临时党组织（个）", "number of party organisations"),
    "volunteer_groups": ("志愿服务队和群众性组织", "Volunteer teams and mass organisations"),
    "volunteer_groups_axis": ("队伍数（支）", "number of teams"),
    "pilots": ("物业管理试点楼院", "Property-management pilot compounds"),
    "bodies": ("楼院居民自治组织类型", "Resident self-governance bodies of compounds"),
    "no_body": ("无居民自治组织", "no resident body"),
    "published_title": ("报纸版面上的已发表数字（按主题）", "Figures on the page, by topic"),
    "published_axis": ("数字个数（个）", "number of figures"),
    "topic_axis": ("主题", "topic"),
    "exact": ("确数", "exact number"),
    "rounded": ("约数（余、近、约）", "rounded (at least / nearly / about)"),
    "date": ("日期", "date of an event"),
    "vs_title": ("中心路街道：发表数字与记录计算值", "Zhongxinlu: published vs computed"),
    "vs_axis": ("数量（个或支，见各行）", "count (unit in each row)"),
    "published": ("报纸发表值", "published"),
    "computed": ("由记录计算", "computed from records"),
    "recon_title": ("每个可计算的发表数字：计算值 ÷ 发表值", "Computed ÷ published, per figure"),
    "recon_axis": ("计算值占发表值（%）", "computed as % of published"),
    "band": ("限定词允许的范围", "range the qualifier allows"),
    "match": ("相符", "match"),
    "mismatch": ("不符", "mismatch"),
}
#: Short names of figures for axis labels: figure_id → (Chinese, English).
FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "zxl-compounds": ("无主管楼院", "unmanaged compounds"),
    "zxl-temp-party-orgs": ("临时党组织", "temporary party organisations"),
    "zxl-self-mgmt-committees": ("自管会", "self-management committees"),
    "zxl-owners-committees": ("业委会", "owners' committees"),
    "zxl-volunteer-groups": ("志愿服务队和群众性组织", "volunteer teams and mass groups"),
    "zxl-pilot-compounds": ("物业试点楼院", "property-management pilots"),
}
#: measure → (column of coverage_by_unit, x-axis TEXT key); the title is TEXT[measure].
COVERAGE_MEASURES: dict[str, tuple[str, str]] = {
    "party_org": ("with_party_org", "compounds_axis"),
    "resident_body": ("with_resident_body", "compounds_axis"),
    "party_orgs": ("party_orgs", "party_orgs_axis"),
    "volunteer_groups": ("volunteer_groups", "volunteer_groups_axis"),
    "pilots": ("pilots", "compounds_axis"),
}
#: Measures drawn as "covered out of all compounds".
SHARE_MEASURES = ("party_org", "resident_body")
_KIND_COLOURS = ("#3A3A3A", "#9A9A9A", "#D0D0D0")
_BODY_COLOURS = ("#08306B", "#2171B5", "#6BAED6", "#C6DBEF")


def plot_published_figures(
    figures: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Bar chart of how many figures the page publishes per topic, by precision.

    Stacks exact numbers, rounded numbers (余, 近, 约) and dated events per topic.

    Raises
    ------
    KeyError
        If ``figures`` lacks ``topic``, ``qualifier`` or ``event_date``.
    """
    lang = style.resolve_lang(lang)
    exact = figures["qualifier"].astype(str) == "确数"
    kind = np.where(figures["event_date"].notna(), "date", np.where(exact, "exact", "rounded"))
    kinds = ["exact", "rounded", "date"]
    counts = pd.crosstab(figures["topic"], pd.Categorical(kind, kinds), dropna=False)
    counts = counts.reindex(columns=kinds, fill_value=0).iloc[::-1]  # first topic on top
    counts = counts[counts.sum(axis=1) > 0]
    ax = new_axes(ax)
    labels = [style.category_label("topic", str(t), lang) for t in counts.index]
    left = np.zeros(len(counts))
    for colour, key in zip(_KIND_COLOURS, kinds, strict=True):
        ax.barh(labels, counts[key], left=left, color=colour, label=t(TEXT, key, lang))
        left += counts[key].to_numpy()
    finish(
        ax,
        t(TEXT, "published_title", lang),
        t(TEXT, "published_axis", lang),
        t(TEXT, "topic_axis", lang),
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", frameon=True)
    sign(ax, datasets_of(figures, ["published_figures"]), lang)
    return ax


def _unit_rows(coverage: pd.DataFrame, include_total: bool) -> pd.DataFrame:
    rows = coverage if include_total else coverage[coverage["kind"].astype(str) != "区"]
    return rows.iloc[::-1]  # first unit on top in a horizontal bar chart


def plot_governance_coverage(
    coverage: pd.DataFrame,
    measure: str = "party_org",
    ax: Axes | None = None,
    lang: str | None = None,
    include_total: bool = False,
) -> Axes:
    """Bars per unit for one governance measure, in each unit's fixed colour.

    For ``party_org`` and ``resident_body`` the pale bar is all compounds and the solid
    bar those covered, labelled ``covered/all``.

    Parameters
    ----------
    coverage
        The frame :func:`analysis.governance.coverage_by_unit` returns.
    measure
        One of :data:`COVERAGE_MEASURES`.
    ax
        Axes to draw on; a new figure when None.
    lang
        ``"zh"`` or ``"en"``; default the one set by :func:`analysis.style.set_style`.
    include_total
        Also draw the district total (off by default: it dwarfs the subdistricts).

    Raises
    ------
    ValueError
        If ``measure`` is unknown.
    """
    lang = style.resolve_lang(lang)
    if measure not in COVERAGE_MEASURES:
        known = ", ".join(COVERAGE_MEASURES)
        raise ValueError(f"unknown measure {measure!r}; expected one of {known}")
    column, xlabel = COVERAGE_MEASURES[measure]
    rows = _unit_rows(coverage, include_total)
    labels = [style.unit_label(u, lang) for u in rows["unit_id"]]
    colours = style.unit_palette(list(rows["unit_id"]))
    ax = new_axes(ax)
    if measure in SHARE_MEASURES:
        # Label the pale "all compounds" bar, so no text sits on a coloured bar.
        background = ax.barh(labels, rows["compounds"], color=[tint(c) for c in colours])
        ax.barh(labels, rows[column], color=colours)
        text = [f"{n}/{total}" for n, total in zip(rows[column], rows["compounds"], strict=True)]
        ax.bar_label(background, labels=text, padding=3, fontsize=9)
    else:
        ax.bar_label(ax.barh(labels, rows[column], color=colours), padding=3, fontsize=9)
    finish(ax, t(TEXT, measure, lang), t(TEXT, xlabel, lang), t(TEXT, "unit_axis", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.12)
    sign(ax, datasets_of(coverage, ["compounds"]), lang)
    return ax


def plot_resident_bodies(
    coverage: pd.DataFrame,
    ax: Axes | None = None,
    lang: str | None = None,
    include_total: bool = False,
) -> Axes:
    """Stacked bars per unit: compounds by type of resident self-governance body.

    Raises
    ------
    KeyError
        If ``coverage`` has no resident-body columns.
    """
    from analysis.loaders import domain_values

    lang = style.resolve_lang(lang)
    types = [t for t in domain_values("resident_body") if t in coverage.columns]
    if not types:
        raise KeyError("coverage has no resident-body columns; use coverage_by_unit()")
    rows = _unit_rows(coverage, include_total)
    labels = [style.unit_label(u, lang) for u in rows["unit_id"]]
    ax = new_axes(ax)
    left = np.zeros(len(rows))
    for colour, body in zip(_BODY_COLOURS, types, strict=False):
        name = style.category_label("resident_body", body, lang)
        ax.barh(labels, rows[body], left=left, color=colour, label=name)
        left += rows[body].to_numpy()
    none = (rows["compounds"] - rows["with_resident_body"]).to_numpy()
    ax.barh(
        labels,
        none,
        left=left,
        color="white",
        edgecolor="0.5",
        hatch="//",
        label=t(TEXT, "no_body", lang),
    )
    ax.margins(x=0.05)  # keep the longest bar off the frame
    finish(ax, t(TEXT, "bodies", lang), t(TEXT, "compounds_axis", lang), t(TEXT, "unit_axis", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    sign(ax, datasets_of(coverage, ["compounds"]), lang)
    return ax


def plot_governance_vs_published(
    table: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Paired bars: each 中心路街道 count as published and as computed from records.

    Percentages are left to the table: a 100 % share on a count axis would mislead.

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.governance.governance_vs_published`.
    """
    lang = style.resolve_lang(lang)
    rows = table[table["unit_of_measure"] != "%"].iloc[::-1]
    i = 0 if lang == "zh" else 1
    labels = [
        f"{FIGURE_LABELS.get(f, (f, f))[i]}（{u}）"
        for f, u in zip(rows["figure_id"], rows["unit_of_measure"], strict=True)
    ]
    y = np.arange(len(rows))
    ax = new_axes(ax)
    for offset, column, colour in [
        (0.2, "published", "0.75"),
        (-0.2, "computed", style.UNIT_COLOURS["zhongxinlu"]),
    ]:
        bars = ax.barh(
            y + offset, rows[column], height=0.4, color=colour, label=t(TEXT, column, lang)
        )
        ax.bar_label(bars, fmt="%g", padding=3, fontsize=8)
    ax.set_yticks(y, labels)
    finish(ax, t(TEXT, "vs_title", lang), t(TEXT, "vs_axis", lang))
    ax.legend(loc="lower right", frameon=True)
    ax.margins(x=0.1)
    sign(ax, datasets_of(table, ["published_figures", "compounds"]), lang)
    return ax


def plot_reconciliation(
    table: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Dot per computable number: computed value as a percentage of the published one.

    Grey bars show the range the page's qualifier allows (e.g. 10余 → 100–200 %).
    Dated events are left out (they match or not; the table shows them).

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.reconciliation.reconcile`.
    """
    lang = style.resolve_lang(lang)
    rows = table[(table["status"] != NOT_COMPUTABLE) & (table["unit_of_measure"] != "日期")]
    rows = rows.iloc[::-1]
    published = pd.to_numeric(rows["published"].str.replace(",", "")).to_numpy()
    computed = pd.to_numeric(rows["computed"].str.replace(",", "")).to_numpy()
    y = np.arange(len(rows))
    ax = new_axes(ax, height=max(3.0, 0.32 * len(rows) + 1.2))
    bounds = np.array(
        [
            accepted_range(float(p), str(q), str(u))[:2]
            for p, q, u in zip(published, rows["qualifier"], rows["unit_of_measure"], strict=True)
        ]
    )
    ax.hlines(
        y,
        100 * bounds[:, 0] / published,
        100 * bounds[:, 1] / published,
        color="0.8",
        linewidth=6,
        label=t(TEXT, "band", lang),
    )
    ok = (rows["status"] == MATCH).to_numpy()
    ratio = 100 * computed / published
    for mask, key, colour, marker in [
        (ok, "match", "0.1", "o"),
        (~ok, "mismatch", style.SYNTHETIC_COLOUR, "X"),
    ]:
        if mask.any():
            ax.scatter(
                ratio[mask],
                y[mask],
                color=colour,
                marker=marker,
                zorder=3,
                label=t(TEXT, key, lang),
            )
    ax.axvline(100, color="0.4", linewidth=0.8)
    ax.set_yticks(y, list(rows["figure_id"]))
    finish(ax, t(TEXT, "recon_title", lang), t(TEXT, "recon_axis", lang))
    ax.legend(loc="upper right", frameon=True)  # top rows are exact: room there
    sign(ax, datasets_of(table, ["published_figures", *RECORD_DATASETS]), lang)
    return ax
