"""Coverage of the self-governance bodies per unit, and the 中心路街道 counts against the page.

Charts of :mod:`analysis.renovation.governance`: each takes its tidy frame, draws on ``ax`` or a
new figure, colours units with :data:`analysis.presentation.style.UNIT_COLOURS`, signs the figure
and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from analysis.presentation import style
from analysis.presentation.labels import category_name, unit_colour, unit_colours, unit_name
from analysis.presentation.plotkit import datasets_of, finish, new_axes, sign, t, tint
from analysis.presentation.tables import value_label
from analysis.presentation.text import Catalogue
from analysis.rules.entities import is_district

TEXT = Catalogue(
    __name__,
    {
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
        "vs_title": ("中心路街道：发表数字与记录计算值", "Zhongxinlu: published vs computed"),
        "vs_axis": ("数量（个或支，见各行）", "count (unit in each row)"),
        "published": ("报纸发表值", "published"),
        "computed": ("由记录计算", "computed from records"),
    },
)

FIGURE_LABELS = Catalogue(
    __name__ + ".figure_labels",
    {
        "zxl-compounds": ("无主管楼院", "unmanaged compounds"),
        "zxl-temp-party-orgs": ("临时党组织", "temporary party organisations"),
        "zxl-self-mgmt-committees": ("自管会", "self-management committees"),
        "zxl-owners-committees": ("业委会", "owners' committees"),
        "zxl-volunteer-groups": ("志愿服务队和群众性组织", "volunteer teams and mass groups"),
        "zxl-pilot-compounds": ("物业试点楼院", "property-management pilots"),
    },
)

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
_BODY_COLOURS = ("#08306B", "#2171B5", "#6BAED6", "#C6DBEF")


def _unit_rows(coverage: pd.DataFrame, include_total: bool) -> pd.DataFrame:
    rows = coverage if include_total else coverage[~is_district(coverage["unit_id"])]
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
        The frame :func:`analysis.renovation.governance.coverage_by_unit` returns.
    measure
        One of :data:`COVERAGE_MEASURES`.
    ax
        Axes to draw on; a new figure when None.
    lang
        ``"zh"`` or ``"en"``; default the one set by :func:`analysis.presentation.style.set_style`.
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
    labels = [unit_name(u, lang) for u in rows["unit_id"]]
    colours = unit_colours(list(rows["unit_id"]))
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
    from analysis.datasets.loaders import domain_values

    lang = style.resolve_lang(lang)
    types = [t for t in domain_values("resident_body") if t in coverage.columns]
    if not types:
        raise KeyError("coverage has no resident-body columns; use coverage_by_unit()")
    rows = _unit_rows(coverage, include_total)
    labels = [unit_name(u, lang) for u in rows["unit_id"]]
    ax = new_axes(ax)
    left = np.zeros(len(rows))
    for colour, body in zip(_BODY_COLOURS, types, strict=False):
        name = category_name("resident_body", body, lang)
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
        If ``table`` is not shaped like
        :func:`analysis.renovation.governance.governance_vs_published`.
    """
    lang = style.resolve_lang(lang)
    rows = table[table["unit_of_measure"] != "%"].iloc[::-1]
    i = 0 if lang == "zh" else 1
    # the page's measure word (个, 支) in the edition: "（个）" / " (count)"
    labels = [
        f"{FIGURE_LABELS.get(f, (f, f))[i]}（{u}）"
        if lang == "zh"
        else f"{FIGURE_LABELS.get(f, (f, f))[i]} ({value_label(u, 'unit_of_measure', lang) or u})"
        for f, u in zip(rows["figure_id"], rows["unit_of_measure"], strict=True)
    ]
    y = np.arange(len(rows))
    ax = new_axes(ax)
    for offset, column, colour in [
        (0.2, "published", "0.75"),
        (-0.2, "computed", unit_colour("zhongxinlu")),
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
