"""The numbers a matplotlib figure draws, read back from its artists.

A chart's alt text and its CSV download must hold exactly what the reader sees, so they are
read from the finished figure, not from the frame the chart function was given: bars
(:class:`~matplotlib.container.BarContainer`), data lines, heatmaps (``pcolormesh``,
``imshow``), scatter points and interval segments (``hlines``/``vlines``). Each Axes gives a
:class:`Panel` of :class:`Part` frames whose columns are *roles* (``category``, ``value``,
``x``, ``row`` …); :func:`assemble` names the roles after the axis labels (or a generic word
of the edition) and stacks them into one long frame.

Positions on a categorical axis (ticks set with labels) become the tick label, on a date axis
an ISO date, otherwise the number. Nothing here raises on an unfamiliar chart: an Axes that
cannot be read gives no rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.presentation._drawn_artists import Part, bars, collections, images, lines
from analysis.presentation._drawn_read import (
    axis_reader,
    clean,
    legend_names,
    mappable_label,
    title_of,
)
from analysis.presentation.text import Catalogue

#: Column order of the assembled frame, by role.
ROLES = (
    "panel",
    "series",
    "label",
    "row",
    "category",
    "column",
    "date",
    "x",
    "lower",
    "upper",
    "start",
    "end",
    "y",
    "value",
)
#: Generic column names, used when the axis carrying a role has no label.
WORDS = Catalogue(
    __name__,
    {
        "panel": ("分图", "panel"),
        "series": ("系列", "series"),
        "label": ("标注", "label"),
        "row": ("行", "row"),
        "category": ("类别", "category"),
        "column": ("列", "column"),
        "date": ("日期", "date"),
        "x": ("横轴", "x"),
        "lower": ("下限", "lower"),
        "upper": ("上限", "upper"),
        "start": ("开始", "start"),
        "end": ("结束", "end"),
        "y": ("纵轴", "y"),
        "value": ("数值", "value"),
    },
)
BOUND = Catalogue(__name__ + ".bound", {"bound": ("{label}（{bound}）", "{label} ({bound})")})
#: The attribute of a figure holding what :func:`analysis.presentation.plotkit.describe` attached.
ATTACHED = "_shangjie_described"


@dataclass
class Panel:
    """What one Axes (with its twins) draws: its title and parts."""

    title: str
    parts: list[Part]
    name: str = ""

    @property
    def kinds(self) -> list[str]:
        """The kinds drawn, in order, each once."""
        return list(dict.fromkeys(p.kind for p in self.parts))


def panels(fig: Figure, lang: str | None = None) -> list[Panel]:
    """The panels of ``fig`` that draw at least one value, in the figure's Axes order.

    Twin Axes (``twinx``: the same place, another scale) are one panel. Each panel gets a
    ``name`` that tells it from the others: its title, else its value axis's label, else
    its number. Unnamed series of a panel drawing several unnamed ones are numbered (``series 2``).

    Raises
    ------
    ValueError
        If ``lang`` is unknown. Nothing else: an Axes that cannot be read is left out.
    """
    word = WORDS.text("series", lang)
    found: dict[tuple, Panel] = {}
    for ax in fig.axes:
        if not ax.get_visible() or hasattr(ax, "_colorbar"):
            continue
        try:
            parts = _parts(ax)
            place = tuple(round(v, 4) for v in ax.get_position().bounds)
        except Exception:  # an unreadable chart yields no rows, never an error
            continue
        if place in found:  # a twin: its parts join the panel, borrowing the host's labels
            host = found[place]
            for part in parts:
                for axis, label in (host.parts[0].labels if host.parts else {}).items():
                    part.labels[axis] = part.labels.get(axis) or label
            host.parts.extend(parts)
            host.title = host.title or title_of(ax)
        else:
            found[place] = Panel(title_of(ax), parts)
    kept = [p for p in found.values() if p.parts]
    for panel, name in zip(kept, _panel_names(kept), strict=True):
        panel.name = name
        unnamed = [
            p
            for p in panel.parts
            if p.kind not in ("reference", "heatmap")
            and "series" in p.rows
            and not p.rows["series"].astype(str).str.strip().any()
        ]
        if len(unnamed) > 1:  # told apart by number; a single one is told apart by its blank
            for i, part in enumerate(unnamed, start=1):
                part.rows["series"] = f"{word} {i}"
    return kept


def drawn_frame(fig: Figure, lang: str | None = None) -> pd.DataFrame:
    """Exactly the numbers ``fig`` draws, one row per value, columns labelled in ``lang``.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    return assemble(panels(fig, lang), lang)


def assemble(found: list[Panel], lang: str | None = None) -> pd.DataFrame:
    """One long frame of ``found``: roles named after axis labels, a panel column if several.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    words = WORDS.edition(lang)
    if not found:
        return pd.DataFrame(columns=[words["category"], words["value"]])
    fallback: dict[tuple[str, str], str] = {}
    for panel in found:  # a small multiple labels only its outer axes: borrow those labels
        for part in panel.parts:
            for role, axis in part.axes.items():
                if part.labels.get(axis):
                    fallback.setdefault((axis, role), part.labels[axis])
    frames, rank = [], {}
    for panel in found:
        for part in panel.parts:
            names: dict[str, str] = {}
            for role in part.rows.columns:
                axis = part.axes.get(role)
                name = words[role]
                label = part.labels.get(axis or "") or fallback.get((axis or "", role), "")
                if role in ("lower", "upper", "start", "end") and label:
                    name = BOUND.text("bound", lang).format(label=label, bound=name)
                elif axis is not None:
                    name = label or name
                while name in names.values():  # x and y labelled alike
                    name += f" ({axis or role})"
                names[role] = name
                rank[name] = min(rank.get(name, len(ROLES)), ROLES.index(role))
            frame = part.rows.rename(columns=names)
            if len(found) > 1:
                frame.insert(0, words["panel"], panel.name)
                rank[words["panel"]] = 0
            frames.append(frame)
    out = pd.concat(frames, ignore_index=True, sort=False)
    for role in ("series", "label"):  # a column of nothing but blanks says nothing
        name = words[role]
        if name in out.columns and not out[name].fillna("").astype(str).str.strip().any():
            out = out.drop(columns=name)
    out = whole_numbers(out)
    columns = list(out.columns)
    return out[sorted(columns, key=lambda c: (rank.get(c, len(ROLES)), columns.index(c)))]


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with whole numbers as integers, so a count prints as 23, not 23.0.

    Raises
    ------
    Nothing.
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and values.dropna().mod(1).eq(0).all():
            out[column] = values.astype("Int64")
        elif values.dtype == object:  # numbers beside marks ("x"): whole ones as integers
            out[column] = values.map(_whole)
    return out


def _whole(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _panel_names(found: list[Panel]) -> list[str]:
    """Names that tell the panels apart: title, else the value axis's label, else a number."""
    names = []
    for panel in found:
        part = panel.parts[0]
        axis = part.axes.get("value") or part.axes.get("y") or ""
        names.append(panel.title or part.labels.get(axis, ""))
    return [
        name if name and names.count(name) == 1 else f"{name} {i}".strip()
        for i, name in enumerate(names, start=1)
    ]


def _parts(ax: Axes) -> list[Part]:
    """What ``ax`` draws, each part carrying the Axes' labels and percent scales."""
    x, y = axis_reader(ax.xaxis), axis_reader(ax.yaxis)
    legend = legend_names(ax)
    parts = [
        *bars(ax, x, y, legend),
        *lines(ax, x, y, legend),
        *collections(ax, x, y, legend),
        *images(ax, x, y),
    ]
    fig = ax.get_figure(root=True)
    labels = {
        "x": clean(ax.get_xlabel()) or clean(fig.get_supxlabel() if fig else ""),
        "y": clean(ax.get_ylabel()) or clean(fig.get_supylabel() if fig else ""),
        "c": "",
    }
    percent = {"x": x.percent, "y": y.percent, "c": None}
    for mappable in [*ax.collections, *ax.images]:
        if getattr(mappable, "colorbar", None) is not None:
            labels["c"], percent["c"] = mappable_label(mappable)
            break
    for part in parts:
        part.labels, part.percent = dict(labels), dict(percent)
    return [p for p in parts if len(p.rows)]
