"""Charts the notebooks call; notebooks themselves define no plotting code.

Every function takes a tidy frame (from
:func:`analysis.rules.reconciliation.reconcile` or a loader), draws on ``ax`` or a new figure,
gives the chart a title and axes labelled with their units, colours units with
:data:`analysis.presentation.style.UNIT_COLOURS`, signs the figure with
:func:`analysis.presentation.style.add_source`, and returns the Axes. Text is Chinese by default;
pass ``lang="en"`` (or ``set_style("en")``) for the English edition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from analysis.datasets.schema import RECORD_DATASETS
from analysis.overview._labels import figure_labels
from analysis.overview._recon import MATCHING, plotted, status_label, statuses
from analysis.presentation import style
from analysis.presentation.labels import category_name
from analysis.presentation.plotkit import (
    datasets_of,
    describe,
    finish,
    new_axes,
    no_data,
    sign,
    t,
)
from analysis.presentation.text import Catalogue
from analysis.rules.reconciliation import MATCH, accepted_range

TEXT = Catalogue(
    __name__,
    {
        "published_title": ("报纸版面上的已发表数字（按主题）", "Figures on the page, by topic"),
        "published_axis": ("数字个数（个）", "number of figures"),
        "topic_axis": ("主题", "topic"),
        "exact": ("确数", "exact number"),
        "rounded": ("约数（余、近、约）", "rounded (at least / nearly / about)"),
        "date": ("日期", "date of an event"),
        "published": ("报纸发表值", "published"),
        "computed": ("由记录计算", "computed from records"),
        "recon_title": (
            "每个可计算的发表数字：计算值 ÷ 发表值",
            "Computed ÷ published, per figure",
        ),
        "recon_axis": ("计算值占发表值（%）", "computed as % of published"),
        "band": ("限定词允许的范围", "range the qualifier allows"),
        "col_figure": ("数字", "figure"),
        "col_ratio": ("计算值占发表值（%）", "computed as % of published"),
        "col_low": ("允许范围下限（%）", "allowed from (%)"),
        "col_high": ("允许范围上限（%）", "allowed up to (%)"),
        "col_status": ("结果", "result"),
        "alt": (
            "{title}：{k} 个数字的计算值占发表值的百分比，{i} 个落在限定词允许的范围内。"
            "{items}{more}",
            "{title}: computed as a percentage of published for {k} figures, {i} within the "
            "range the qualifier allows. {items}{more}",
        ),
        "alt_more": ("，另有 {n} 项。", ", and {n} more."),
    },
)

_KIND_COLOURS = ("#3A3A3A", "#9A9A9A", "#D0D0D0")


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
    labels = [category_name("topic", t, lang) for t in counts.index]
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


def _bands(rows: pd.DataFrame) -> np.ndarray:
    """Per row the (low, high) the reading of the page allows; NaN high for an open band.

    The table's own ``low``/``high`` (the rules' reading of the quote: 1390万 is a rounding
    to 万) when it has them, else the qualifier's range.
    """
    if {"low", "high"} <= set(rows.columns):
        return rows[["low", "high"]].to_numpy(dtype=float).copy()
    return np.array(
        [
            accepted_range(float(p), str(q), str(u))[:2]
            for p, q, u in zip(
                rows["published_value"], rows["qualifier"], rows["unit_of_measure"], strict=True
            )
        ],
        dtype=float,
    ).reshape(-1, 2)


#: Length of the alt text before the source line (the whole alt text is capped at 400).
ALT_CHARS = 260


def _alt(names: list[str], ratios: np.ndarray, inside: int, lang: str) -> str:
    """The reconciliation chart's alt text: what it draws, then the first dots top down, as
    many as fit in :data:`ALT_CHARS`, and how many more."""
    sep, stop = ("、", "。") if lang == "zh" else (", ", ".")
    items = [f"{n} {r:.0f}%" for n, r in zip(names, ratios, strict=True)]

    def text(k: int) -> str:
        rest = len(items) - k
        return t(
            TEXT,
            "alt",
            lang,
            title=t(TEXT, "recon_title", lang),
            k=len(items),
            i=inside,
            items=sep.join(items[:k]),
            more=t(TEXT, "alt_more", lang, n=rest) if rest else stop,
        )

    shown = len(items)
    while shown > 1 and len(text(shown)) > ALT_CHARS:
        shown -= 1
    return text(shown)


def plot_reconciliation(
    table: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Dot per computable number: computed value as a percentage of the published one.

    Grey bars show the range the reading of the page allows (e.g. 10余 → 100–200 %).
    Dated events are left out (they match or not; the table shows them), and so is a row
    with no computed value; :func:`analysis.overview.findings.reconciliation` counts the
    same rows (both call ``_recon.plotted``). Each status present gets its own marker, a
    status this module does not know included.

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.rules.reconciliation.reconcile`.
    """
    lang = style.resolve_lang(lang)
    rows = plotted(table).iloc[::-1]
    ax = new_axes(ax, height=max(3.0, 0.32 * len(rows) + 1.2))
    if rows.empty:
        no_data(ax, lang)
        finish(ax, t(TEXT, "recon_title", lang), t(TEXT, "recon_axis", lang))
        sign(ax, datasets_of(table, ["published_figures", *RECORD_DATASETS]), lang)
        return ax
    published = rows["published_value"].to_numpy()
    computed = rows["computed_value"].to_numpy()
    y = np.arange(len(rows))
    bounds = _bands(rows)
    ratio = 100 * computed / published
    stated_high = bounds[:, 1].copy()  # NaN for an open band: the CSV leaves it empty
    # an open band (至少: x ≥ 0.5) runs to the right edge of what is drawn
    right = np.nanmax(np.concatenate([ratio, 100 * bounds[:, 0] / published, [100.0]])) * 1.15
    bounds[:, 1] = np.where(np.isnan(bounds[:, 1]), right * published / 100, bounds[:, 1])
    ax.hlines(
        y,
        100 * bounds[:, 0] / published,
        100 * bounds[:, 1] / published,
        color="0.8",
        linewidth=6,
        label=t(TEXT, "band", lang),
    )
    status = rows["status"].astype(str).to_numpy()
    for value in statuses(rows):
        mask = status == value
        if not mask.any():
            continue
        if value in MATCHING:
            colour, marker = ("0.1", "o") if value == MATCH else ("0.45", "o")
        else:
            colour, marker = style.SYNTHETIC_COLOUR, "X"
        ax.scatter(
            ratio[mask],
            y[mask],
            color=colour,
            marker=marker,
            zorder=3,
            label=status_label(value, lang),
        )
    ax.axvline(100, color="0.4", linewidth=0.8)
    names = figure_labels(rows["figure_id"], lang, rows)
    ax.set_yticks(y, names)
    # the CSV and alt text: one row per dot, top row first, as the reader sees them
    drawn = pd.DataFrame(
        {
            t(TEXT, "col_figure", lang): names,
            t(TEXT, "col_ratio", lang): np.round(ratio, 1),
            t(TEXT, "col_low", lang): np.round(100 * bounds[:, 0] / published, 1),
            t(TEXT, "col_high", lang): np.round(100 * stated_high / published, 1),
            t(TEXT, "col_status", lang): [status_label(str(v), lang) for v in status],
        }
    ).iloc[::-1]
    describe(ax, drawn, _alt(names[::-1], ratio[::-1], int(np.isin(status, MATCHING).sum()), lang))
    finish(ax, t(TEXT, "recon_title", lang), t(TEXT, "recon_axis", lang))
    ax.legend(loc="upper right", frameon=True)  # top rows are exact: room there
    sign(ax, datasets_of(table, ["published_figures", *RECORD_DATASETS]), lang)
    return ax
