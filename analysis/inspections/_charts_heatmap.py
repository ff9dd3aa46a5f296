"""The pass-rate heatmap (split from :mod:`analysis.inspections.charts`, which re-exports it):
one fixed colour scale on every page, small cells hatched, item names that never overlap."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from analysis.datasets.schema import CHECK_ITEMS
from analysis.inspections._chart_notes import DATASETS, item_label
from analysis.inspections.metrics import TOTAL
from analysis.presentation import style
from analysis.presentation.findings import count
from analysis.presentation.labels import category_name
from analysis.presentation.plotkit import describe, finish, new_axes, no_data, sign, t
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import FEW

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
        "checks": ("检查（次）", "checks"),
    },
)
#: The pass-rate colour scale of every page (topic and units): a rate is the same colour
#: wherever it is shown, never stretched to one unit's range.
SCALE = (0.0, 100.0)


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
    # Wrapped: a note wider than the axes would make the layout squeeze the heatmap itself.
    ax.annotate(
        textwrap.fill(note, 70 if lang == "en" else 40),
        (0, 0),
        (0, -62),
        "axes fraction",
        "offset points",
        fontsize=8,
        va="top",
    )
    cells = rates[rates["checked"] > 0]  # the numbers drawn, with the count behind each
    describe(
        ax,
        pd.DataFrame(
            {
                t(TEXT, "type_axis", lang): [_label(by, str(v), lang) for v in cells[by]],
                t(TEXT, "item_axis", lang): [item_label(str(i), lang) for i in cells["item"]],
                t(TEXT, "checks", lang): cells["checked"].to_numpy(),
                t(TEXT, "pass_axis", lang): cells["pass_rate_pct"].round(1).to_numpy(),
            }
        ),
    )
    sign(ax, DATASETS, lang)
    return finish(
        ax, t(TEXT, "heat_title", lang), t(TEXT, "item_axis", lang), t(TEXT, "type_axis", lang)
    )
