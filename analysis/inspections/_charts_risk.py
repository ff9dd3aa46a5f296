"""Charts of the risk ranking: the multiplier table and the capture curve.

Split from :mod:`analysis.inspections.charts` (which re-exports them); the same conventions:
a title, labelled axes, the source line, and a note inside the axes when there is nothing
to draw (rules that could not be fitted, a ranking that could not be judged).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections._chart_notes import DATASETS, n_note
from analysis.presentation import style
from analysis.presentation.labels import category_name
from analysis.presentation.plotkit import describe, finish, new_axes, no_data, sign, t
from analysis.presentation.text import Catalogue

TEXT = Catalogue(
    __name__,
    {
        "rules_title": (
            "风险规则：各因素水平的风险倍数",
            "Risk rules: multiplier per factor level",
        ),
        "rules_axis": (
            "风险倍数（相对于平均检查，倍；对数刻度）",
            "multiplier vs the average visit (×, log)",
        ),
        "rules_y": ("因素：水平（拟合所用的检查次数）", "factor: level (visits fitted on)"),
        "multiplier": ("风险倍数（倍）", "multiplier (×)"),
        "premises_type": ("类型", "type"),
        "prior_failures": ("既往不合格次数", "prior failures"),
        "since_last": ("距上次检查", "since last visit"),
        "capture_title": (
            "按风险排序检查：能找到多少不合格场所",
            "Capture curve of the risk ranking",
        ),
        "capture_x": ("按排序已检查的场所比例（%）", "premises visited in ranked order (%)"),
        "capture_y": ("找到的不合格场所比例（%）", "failing premises found (%)"),
        "ranked": ("按风险排序", "risk ranking"),
        "random": ("随机顺序（期望值）", "random order (expected)"),
        "capture_note": (
            "前{p:.0f}%：找到{r:.0f}%（随机{p:.0f}%）",
            "top {p:.0f}%: {r:.0f}% found (random {p:.0f}%)",
        ),
        "split": (
            "训练：{cut}以前的检查；检验：{cut}至{until}",
            "fit before {cut}; judged {cut} to {until}",
        ),
        "no_rules": (
            "记录不足以拟合规则（需要既有合格也有不合格的初查）",
            "too few records to fit the rules (first visits that passed and failed are needed)",
        ),
        "no_curve": (
            "记录不足以检验排序（见下方文字）",
            "too few records to judge the ranking (see the text below)",
        ),
    },
)
#: English labels of the risk module's "days since the last visit" levels.
SINCE_EN = {"未检查过": "never", "≤30天": "≤30 days", "31–90天": "31–90 days", ">90天": ">90 days"}


def _level(factor: str, level: str, lang: str) -> str:
    if factor == "premises_type":
        return category_name(factor, level, lang)
    return level if lang == "zh" else SINCE_EN.get(level, level)


def plot_risk_multipliers(
    rules: pd.DataFrame, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Bars of each factor level's multiplier on a log scale, 1 = the average visit.

    Raises
    ------
    KeyError
        If ``rules`` is not shaped like the rules of :func:`analysis.inspections.risk.validate`.
    """
    lang = style.resolve_lang(lang)
    rows = rules[rules["factor"] != "overall"].iloc[::-1]
    if rows.empty:
        return no_data(
            ax, lang, t(TEXT, "rules_title", lang), t(TEXT, "no_rules", lang), DATASETS, None
        )
    labels = [
        t(TEXT, f, lang) + ("：" if lang == "zh" else ": ") + _level(f, lv, lang) + n_note(n, lang)
        for f, lv, n in zip(rows["factor"], rows["level"].astype(str), rows["visits"], strict=True)
    ]
    colours = {"premises_type": "#4C72B0", "prior_failures": "#C44E52", "since_last": "#8C8C8C"}
    ax = new_axes(ax, height=0.3 * len(rows) + 1.6, width=8.0)
    ax.barh(labels, np.log2(rows["multiplier"]), color=[colours[f] for f in rows["factor"]])
    ticks = np.array([0.5, 0.71, 1, 1.41, 2])
    ax.set_xticks(np.log2(ticks), [f"{t:g}×" for t in ticks])
    # The bars are log2 lengths; the reader's numbers are the multipliers themselves.
    describe(
        ax,
        pd.DataFrame(
            {
                t(TEXT, "rules_y", lang): labels[::-1],  # top to bottom, as read
                t(TEXT, "multiplier", lang): rows["multiplier"].round(2).to_numpy()[::-1],
            }
        ),
    )
    ax.axvline(0, color="0.2", linewidth=0.8)
    title = t(TEXT, "rules_title", lang)
    sign(ax, DATASETS, lang)
    return finish(ax, title, t(TEXT, "rules_axis", lang), t(TEXT, "rules_y", lang))


def plot_capture_curve(
    curve: pd.DataFrame,
    cutoff: str | pd.Timestamp,
    until: str | pd.Timestamp = DATA_AS_OF,
    mark: float = 0.2,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """The ranking's capture curve against random order (the diagonal), read at ``mark``.

    Raises
    ------
    KeyError
        If ``curve`` is not shaped like :func:`analysis.inspections.risk.capture_curve` output.
    """
    lang = style.resolve_lang(lang)
    if len(curve) < 2:
        why = t(TEXT, "no_curve", lang)
        return no_data(ax, lang, t(TEXT, "capture_title", lang), why, DATASETS, 5.5, 6.5)
    ax = new_axes(ax, height=5.5, width=6.5)
    x, y = 100 * curve["share_visited"], 100 * curve["share_found"]
    ax.plot([0, 100], [0, 100], linestyle="--", color="0.5", label=t(TEXT, "random", lang))
    ax.plot(x, y, color="#C44E52", linewidth=2, label=t(TEXT, "ranked", lang))
    found = 100 * float(np.interp(mark, curve["share_visited"], curve["share_found"]))
    ax.plot([100 * mark] * 2, [100 * mark, found], color="black", linewidth=1)
    ax.scatter([100 * mark], [found], color="black", zorder=3)
    note = t(TEXT, "capture_note", lang, p=100 * mark, r=found)
    ax.annotate(note, (100 * mark, found), (8, 4), textcoords="offset points", fontsize=9)
    cut, end = f"{pd.Timestamp(cutoff):%Y-%m-%d}", f"{pd.Timestamp(until):%Y-%m-%d}"
    ax.text(98, 3, t(TEXT, "split", lang, cut=cut, until=end), ha="right", fontsize=8, color="0.3")
    ax.set(xlim=(0, 100), ylim=(0, 100), aspect="equal")
    ax.legend(loc="upper left", fontsize=9, frameon=True)
    title = t(TEXT, "capture_title", lang)
    sign(ax, DATASETS, lang)
    return finish(ax, title, t(TEXT, "capture_x", lang), t(TEXT, "capture_y", lang))
