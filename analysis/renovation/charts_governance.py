"""Charts of self-governance bodies: party organisations by how they were built, and which
compounds lack which body.

Frames come from :func:`analysis.renovation.participation.party_orgs_by_mode` and
:func:`analysis.renovation.governance.compounds_lacking`; conventions (titles, units, unit colours,
source line, ``lang``) as in :mod:`analysis.renovation.charts`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.datasets.errors import require_columns
from analysis.presentation import style
from analysis.presentation.labels import category_name, unit_colours, unit_name, unit_rank
from analysis.presentation.plotkit import end_label, finish, new_axes, sign, t, tint, unit_legend
from analysis.presentation.text import Catalogue
from analysis.renovation import _described
from analysis.renovation._findings_common import compound_label
from analysis.rules.entities import is_district

TEXT = Catalogue(
    __name__,
    {
        "modes_title": (
            "临时党组织：单独建与联合建（括号内为覆盖楼院数）",
            "Temporary party organisations, built alone or jointly (compounds covered)",
        ),
        "orgs_axis": ("临时党组织（个）", "party organisations (count)"),
        "unit_axis": ("街道/镇", "subdistrict / town"),
        "mode_note": ("{}{}个（{}院）", "{} {} ({})"),
        "sep": ("＋", "; "),
        "lacking_title": ("哪些楼院缺少哪类组织", "Which compounds lack which body"),
        "party_org": ("无临时党组织", "no party organisation"),
        "resident_body": ("无居民自治组织", "no resident body"),
        "volunteer_groups": ("无志愿服务队", "no volunteer team"),
        "lacks_axis": ("缺少的组织", "missing body"),
        "compound_axis": ("楼院", "compound"),
    },
)


def plot_party_org_modes(
    modes: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Stacked bars per unit: party organisations built alone (solid) and jointly (hatched).

    Each bar ends in a label with the organisations of each mode and, in brackets, the
    compounds they cover: a joint organisation covers several.

    Raises
    ------
    KeyError
        If ``modes`` is not shaped like ``renovation_participation.party_orgs_by_mode``.
    """
    lang = style.resolve_lang(lang)
    require_columns(modes, ("unit_id", "party_org_mode", "party_orgs", "compounds"), "modes")
    rows = modes[~is_district(modes["unit_id"])]
    units = list(dict.fromkeys(rows["unit_id"].astype(str)))[::-1]  # first unit on top
    labels = [unit_name(u, lang) for u in units]
    colours = unit_colours(units)
    ax = new_axes(ax)
    left = np.zeros(len(units))
    handles, notes = [], [[] for _ in units]
    for i, mode in enumerate(dict.fromkeys(rows["party_org_mode"].astype(str))):
        part = rows[rows["party_org_mode"].astype(str) == mode].set_index("unit_id")
        if not part["party_orgs"].sum() and i > 0:
            continue  # a mode no unit uses (未记录 on complete records) gets no key entry
        orgs = part["party_orgs"].reindex(units).to_numpy()
        covered = part["compounds"].reindex(units).to_numpy()
        hatch = None if i == 0 else "//"
        fill = colours if i == 0 else [tint(c) for c in colours]
        ax.barh(labels, orgs, left=left, color=fill, edgecolor=colours, hatch=hatch)
        left += orgs
        name = category_name("party_org_mode", mode, lang)
        for k, (o, c) in enumerate(zip(orgs, covered, strict=True)):
            if o:
                notes[k].append(t(TEXT, "mode_note", lang, name, o, c))
        handles.append(
            Patch(
                facecolor=tint("0.4", 1 if i == 0 else 0.3),
                edgecolor="0.4",
                hatch=hatch,
                label=name,
            )
        )
    for k, total in enumerate(left):
        end_label(ax, t(TEXT, "sep", lang).join(notes[k]), total, k, pad=4)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, left.max() * 1.6 if len(left) else 1)
    finish(ax, t(TEXT, "modes_title", lang), t(TEXT, "orgs_axis", lang), t(TEXT, "unit_axis", lang))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    sign(ax, ["compounds"], lang)
    _described.party_org_modes(ax, rows, units[::-1], lang)  # first unit first, as drawn
    return ax


def plot_lacking(lacking: pd.DataFrame, ax: Axes | None = None, lang: str | None = None) -> Axes:
    """Dot matrix: a cross for each body a compound lacks, compounds grouped by unit.

    Parameters
    ----------
    lacking
        ``analysis.renovation.governance.compounds_lacking(compounds)``.

    Raises
    ------
    KeyError
        If ``lacking`` lacks a column.
    """
    lang = style.resolve_lang(lang)
    require_columns(lacking, ("compound_id", "name_zh", "unit_id", "lacks"), "lacking")
    bodies = [str(b) for b in lacking["lacks"].cat.categories]
    info = lacking.drop_duplicates("compound_id").copy()
    ranks = unit_rank(info["unit_id"].astype(str))
    order = list(ranks)
    info["rank"] = info["unit_id"].astype(str).map(ranks)
    info = info.sort_values(["rank", "name_zh"], kind="stable").reset_index(drop=True)
    row = dict(zip(info["compound_id"], info.index, strict=True))
    ax = new_axes(ax, height=0.2 * len(info) + 1.8)
    ys = lacking["compound_id"].map(row).to_numpy()
    xs = lacking["lacks"].astype(str).map(bodies.index).to_numpy()
    colours = unit_colours(list(lacking["unit_id"].astype(str)))
    ax.scatter(xs, ys, marker="X", s=70, color=colours, zorder=3)
    ax.set_xticks(range(len(bodies)), [t(TEXT, b, lang) for b in bodies])
    ax.set_yticks(
        range(len(info)), [compound_label(n, lang) for n in info["name_zh"]], fontsize=7.5
    )
    ax.set_xlim(-0.5, len(bodies) - 0.5)
    ax.set_ylim(len(info) - 0.5, -0.5)
    finish(
        ax,
        t(TEXT, "lacking_title", lang),
        t(TEXT, "lacks_axis", lang),
        t(TEXT, "compound_axis", lang),
    )
    present = set(info["unit_id"].astype(str))
    unit_legend(
        ax,
        [u for u in order if u in present and u in style.UNIT_COLOURS],
        lang,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    sign(ax, ["compounds"], lang)
    return ax
