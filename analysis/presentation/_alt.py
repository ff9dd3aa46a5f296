"""Alt text of a chart: what kind of chart, its title, the numbers it shows, its source.

Written from what the figure draws (:mod:`analysis.presentation._drawn`), or from the frame a
chart function attached with :func:`analysis.presentation.plotkit.describe`, in the edition's
language, e.g. ``柱状图：各街道（镇）贷款笔数。济源路街道 23，中心路街道 18，… 另有 3 项。来源：…``
or ``Bar chart: loans by subdistrict/town. Jiyuanlu Subdistrict 23, … and 3 more. Source: …``.
At most :data:`MAX_VALUES` values and about :data:`MAX_CHARS` characters: a screen reader
reads it whole, so it names the first values and says how many more the CSV holds.
"""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.figure import Figure

from analysis.config import resolve_lang
from analysis.presentation._alt_items import WORDS, count_items, frame_items, part_items
from analysis.presentation._drawn import Panel
from analysis.presentation._drawn_read import clean
from analysis.presentation.findings import listing
from analysis.presentation.text import Catalogue

#: The gid of the lines :func:`analysis.presentation.style.add_source` writes under a chart,
#: and the bilingual caption among them; defined here, below ``style``, so the alt text can
#: find the source line without importing ``style`` (which installs the chart formatter).
SOURCE_GID = "analysis-source"
#: Caption added under every chart drawn from synthetic records, in the edition's language
#: (a cropped or re-posted image still carries it, drawn inside the image).
CAPTIONS = Catalogue(
    __name__ + ".captions",
    {"synthetic": ("合成数据（非真实记录）", "Synthetic data, not real records")},
)
#: The Chinese edition's caption (the default edition).
SYNTHETIC_CAPTION = CAPTIONS["synthetic"][0]


def synthetic_caption(lang: str | None = None) -> str:
    """The caption under a chart drawn from synthetic records, in the edition's language.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    return CAPTIONS.text("synthetic", lang)


#: Values named in an alt text; the rest are counted ("… and 3 more").
MAX_VALUES = 12
#: Length an alt text stays within (characters).
MAX_CHARS = 400
#: Longest title and source kept whole (characters); longer ones are cut with "…".
TITLE_CHARS, SOURCE_CHARS = 140, 110

KINDS = Catalogue(
    __name__ + ".kinds",
    {
        "bar": ("柱状图", "bar chart"),
        "barh": ("条形图", "bar chart"),
        "line": ("折线图", "line chart"),
        "step": ("阶梯图", "step chart"),
        "scatter": ("散点图", "scatter plot"),
        "dot": ("点图", "dot plot"),
        "heatmap": ("热力图", "heatmap"),
        "interval": ("区间图", "range chart"),
        "reference": ("图表", "chart"),
        "chart": ("图表", "chart"),
    },
)


def kind_phrase(found: list[Panel], lang: str) -> str:
    """``柱状图`` / ``Bar chart and line chart (3 panels)``: the kinds drawn, then the panels."""
    kinds = []
    for panel in found:
        for part in panel.parts:
            kind = "dot" if part.kind == "scatter" and "category" in part.rows else part.kind
            kinds.append(kind)
    shown = [k for k in kinds if k not in ("reference", "interval")] or kinds or ["chart"]
    nouns = list(dict.fromkeys(KINDS.text(k, lang) for k in shown))
    text = listing(nouns, lang)
    text = text[:1].upper() + text[1:]
    if len(found) > 1:
        text += WORDS.edition(lang)["panels"].format(n=len(found))
    return text


def source_text(fig: Figure) -> str:
    """The figure's source line in the edition (the synthetic caption left out)."""
    for text in fig.texts:
        value = clean(text.get_text())
        if text.get_gid() == SOURCE_GID and value and value not in CAPTIONS["synthetic"]:
            return _cut(value, SOURCE_CHARS)
    return ""


def with_source(fig: Figure, text: str, lang: str | None = None) -> str:
    """``text`` (an alt text a chart function wrote) with the figure's source line appended.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    source = source_text(fig)
    text = clean(text)
    if not source or source in text:
        return _cut(text, MAX_CHARS)
    stop = WORDS.text("stop", lang)
    return _cut(text.rstrip("。. ") + stop + source, MAX_CHARS)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def figure_title(fig: Figure, found: list[Panel]) -> str:
    """The suptitle, else the title of the only panel (several panels: named one by one)."""
    suptitle = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if clean(suptitle):
        return clean(suptitle)
    titles = [p.title for p in found] or [_first_title(fig)]
    return titles[0] if len(titles) == 1 else ""


def _first_title(fig: Figure) -> str:
    from analysis.presentation._drawn_read import title_of

    return next((title_of(ax) for ax in fig.axes if title_of(ax)), "")


def alt_text(
    fig: Figure, found: list[Panel], lang: str | None = None, frame: pd.DataFrame | None = None
) -> str:
    """The alt text of ``fig``: kind, title, the first values, how many more, the source.

    ``frame`` (attached by ``plotkit.describe``) replaces the drawn values when given.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    words = WORDS.edition(lang)
    title = _cut(figure_title(fig, found), TITLE_CHARS)
    head = kind_phrase(found, lang) + (words["colon"] + title if title else "")
    source = source_text(fig)
    tail = (words["stop"] + source) if source else ""
    budget = MAX_CHARS - len(head) - len(tail) - len(words["stop"]) - 24  # room for "… N more"
    if frame is not None:
        items = frame_items(frame, lang, MAX_VALUES)
        groups = [("", items, len(frame))]
    else:
        groups = [_panel_items(p, lang) for p in found]
    values = _values(groups, budget, words) or _notes(fig)
    text = head + (words["stop"] + values if values else "") + tail
    text = text.rstrip()
    end = words["stop"].strip()
    return _cut(text if text.endswith(end) else text + end, MAX_CHARS)


def _notes(fig: Figure) -> str:
    """Texts written inside the Axes of a chart with no values (``无数据 / no data``)."""
    notes = [
        clean(text.get_text())
        for ax in fig.axes
        for text in ax.texts
        if text.get_transform() is ax.transAxes and clean(text.get_text())
    ]
    return _cut(" ".join(notes), 120)


def _panel_items(panel: Panel, lang: str) -> tuple[str, list[str], int]:
    """A panel's name, its first phrases (values first, then ranges and reference lines) and
    how many phrases it has in all."""
    series = {str(v) for part in panel.parts if "series" in part.rows for v in part.rows["series"]}
    several = len(series - {""}) > 1
    last = ("interval", "reference")
    parts = [p for p in panel.parts if p.kind not in last]
    parts += [p for p in panel.parts if p.kind in last]
    items: list[str] = []
    for part in parts:
        items += part_items(part, lang, several, MAX_VALUES - len(items))
        if len(items) >= MAX_VALUES:
            break
    return panel.name, items, sum(count_items(part) for part in parts)


def _values(groups: list[tuple[str, list[str], int]], budget: int, words: dict[str, str]) -> str:
    """The first values of each group (panel) within ``budget`` characters, then the count left."""
    per_group = max(1, MAX_VALUES // max(1, len(groups)))
    shown: list[tuple[str, int]] = []
    used = named = 0
    for name, items, _ in groups:
        prefix = name + words["colon"] if len(groups) > 1 and name else ""
        taken: list[str] = []
        for item in items[:per_group]:
            cost = len(item) + len(words["sep"]) + (0 if taken else len(prefix))
            if used + cost > budget or named >= MAX_VALUES:
                break
            taken.append(item)
            used, named = used + cost, named + 1
        if taken:
            shown.append((prefix + words["sep"].join(taken), len(taken)))
    values = words["panel_sep"].join(text for text, _ in shown)
    rest = sum(total for _, _, total in groups) - named
    if rest > 0:
        values += (words["sep"] if values else "") + words["more"].format(n=rest)
    return values


_SLUG = re.compile(r"[^a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def slug(fig: Figure, found: list[Panel]) -> str:
    """``loans-by-subdistrict-town.csv`` from the first title's ASCII words; else ``chart.csv``."""
    title = figure_title(fig, found) or (found[0].title if found else "") or _first_title(fig)
    if _HAN.search(title):  # the Chinese edition: the report numbers its files anyway
        return "chart.csv"
    words = _SLUG.sub("-", title.lower()).strip("-")
    return (words[:60].rstrip("-") or "chart") + ".csv"
