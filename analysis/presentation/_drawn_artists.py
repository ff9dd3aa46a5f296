"""The artists of one Axes read back as rows: bars, lines, heatmaps, points and intervals.

Helpers of :mod:`analysis.presentation._drawn`; each reader returns :class:`Part` frames whose
columns are roles (``category``, ``value``, ``x`` …), named later after the axis labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, QuadMesh
from matplotlib.container import BarContainer
from matplotlib.image import AxesImage

from analysis.presentation._drawn_read import (
    AxisReader,
    PointTexts,
    clean,
    colour_key,
    number_text,
    point_texts,
    tidy,
)


@dataclass
class Part:
    """Rows of one kind drawn on one Axes.

    Attributes
    ----------
    kind
        ``bar``, ``barh``, ``line``, ``step``, ``scatter``, ``heatmap``, ``interval`` or
        ``reference``.
    rows
        One row per drawn value; columns are roles (:data:`ROLES`).
    axes
        Role → the axis that carries it (``"x"``, ``"y"`` or ``"c"`` for a colour scale).
    shown
        The text written on each row's mark (a bar's label, a cell's number), or empty.
    labels, percent
        Axis → its label, and its percent scale (the value shown as 100 %) or None.
    """

    kind: str
    rows: pd.DataFrame
    axes: dict[str, str] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    percent: dict[str, float | None] = field(default_factory=dict)


def _series(label: str, colour: object, legend: dict[tuple, str]) -> str:
    """A label set on the artist; else the legend entry of its colour; else empty."""
    if label and not label.startswith("_"):
        return clean(label)
    key = colour_key(colour)
    return legend.get(key, "") if key is not None else ""


def bars(ax: Axes, x: AxisReader, y: AxisReader, legend: dict) -> list[Part]:
    """Bars of every bar container, in reading order; the category is the tick under the bar.

    A bar on a numeric axis (a histogram) gives its range (``lower``, ``upper``); a bar of
    length 0 labelled with a mark (``x``: a hidden small count) gives the mark, not 0.
    """
    parts, texts = [], point_texts(ax)
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        horizontal = container.orientation == "horizontal"
        patches = list(container.patches)
        values = container.datavalues
        if values is None or len(values) != len(patches):
            values = [p.get_width() if horizontal else p.get_height() for p in patches]
        (cat, cat_axis), (val, val_axis) = ((y, "y"), (x, "x"))[:: 1 if horizontal else -1]
        rows = []
        for patch, value in zip(patches, values, strict=True):
            if not patch.get_visible():
                continue
            (x0, y0), (x1, y1) = patch.get_bbox().get_points()
            span, reach = ((y0, y1), (x0, x1)) if horizontal else ((x0, x1), (y0, y1))
            tip = reach[1] if value >= 0 else reach[0]  # where bar_label writes
            shown = texts.get((tip, (y0 + y1) / 2) if horizontal else ((x0 + x1) / 2, tip))
            number = _number(value)
            hidden = number == 0 and shown and not shown[0].isdigit()
            rows.append((sum(span) / 2, span, reach, shown if hidden else number, shown))
        if not rows:
            continue
        rows.sort(key=lambda r: r[0], reverse=cat.reading_reversed)
        frame = pd.DataFrame(
            {"series": _series(container.get_label(), _colour(container), legend)},
            index=range(len(rows)),
        )
        if cat.kind == "number":  # a histogram: the bin is the bar's extent
            frame["lower"] = [tidy(r[1][0]) for r in rows]
            frame["upper"] = [tidy(r[1][1]) for r in rows]
            axes = {"lower": cat_axis, "upper": cat_axis}
        else:
            role = cat.role_for(cat_axis)
            frame[role] = [cat.bar_coord(*r[1]) for r in rows]
            axes = {role: cat_axis}
        if val.kind == "date":  # a bar in time (a timeline): its first and last day
            frame["start"] = [val.coord(r[2][0]) for r in rows]
            frame["end"] = [val.coord(r[2][1]) for r in rows]
            axes.update(start=val_axis, end=val_axis)
        else:
            frame["value"] = [r[3] for r in rows]
            axes["value"] = val_axis
        marks = [r[4] for r in rows]
        if any(m and not _plain(m, r[3]) for m, r in zip(marks, rows, strict=True)):
            frame.insert(1, "label", marks)  # 8/10, ↑13, 29（33%）: part of what is drawn
        kind = "barh" if horizontal else "bar"
        parts.append(Part(kind, frame, axes, shown=marks))
    return parts


def _plain(mark: str, value: object) -> bool:
    """Whether a bar's label only prints its value (``1,234``)."""
    try:
        return math.isclose(float(mark.replace(",", "")), float(value), rel_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _number(value: object) -> float:
    try:
        return tidy(float(np.ma.filled(np.ma.asarray(value, dtype=float), np.nan)))
    except (TypeError, ValueError):
        return float("nan")


def lines(ax: Axes, x: AxisReader, y: AxisReader, legend: dict) -> list[Part]:
    """Data lines (``plot``, ``step``) and labelled reference lines (``axvline``, ``axhline``)."""
    parts = []
    texts = point_texts(ax)
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        label, transform = line.get_label(), line.get_transform()
        if transform is ax.get_xaxis_transform() or transform is ax.get_yaxis_transform():
            if label.startswith("_"):  # an unlabelled marker line: its note is text
                continue
            vertical = transform is ax.get_xaxis_transform()
            data = line.get_xdata(orig=False) if vertical else line.get_ydata(orig=False)
            reader, axis = (x, "x") if vertical else (y, "y")
            role = reader.role_for(axis)
            frame = pd.DataFrame({"series": [clean(label)], role: [reader.coord(_number(data[0]))]})
            parts.append(Part("reference", frame, {role: axis}))
            continue
        if not transform.contains_branch(ax.transData):
            continue
        xs = np.ma.filled(np.ma.asarray(line.get_xdata(orig=False), float), np.nan).ravel()
        ys = np.ma.filled(np.ma.asarray(line.get_ydata(orig=False), float), np.nan).ravel()
        if xs.shape != ys.shape:
            continue
        keep = np.isfinite(xs) & np.isfinite(ys)
        if not keep.any():
            continue
        xs, ys = xs[keep], ys[keep]
        series = _series(label, line.get_color(), legend)
        if not series:  # a name written at the line's end (or start)
            series = texts.get((xs[-1], ys[-1])) or texts.get((xs[0], ys[0]))
        kind = "step" if str(line.get_drawstyle()).startswith("steps") else "line"
        parts.append(Part(kind, *_coords(series, x, y, xs, ys)))
    return parts


def _coords(
    series: str, x: AxisReader, y: AxisReader, xs: np.ndarray, ys: np.ndarray
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rows of points, each coordinate under its axis's role (category, x or y)."""
    out = pd.DataFrame({"series": [series] * len(xs)})
    x_role, y_role = x.role_for("x"), y.role_for("y")
    if x_role == y_role:  # both axes categorical: the vertical one names rows
        y_role = "row"
    out[x_role] = x.coords(xs)
    out[y_role] = y.coords(ys)
    return out, {x_role: "x", y_role: "y"}


def collections(ax: Axes, x: AxisReader, y: AxisReader, legend: dict) -> list[Part]:
    """Heatmaps (``pcolormesh``), points (``scatter``) and intervals (``hlines``/``vlines``)."""
    parts = []
    texts = point_texts(ax)
    for coll in ax.collections:
        if not coll.get_visible():
            continue
        if isinstance(coll, QuadMesh):
            parts.extend(_mesh(coll, x, y, texts))
        elif isinstance(coll, PathCollection):
            parts.extend(_scatter(coll, ax, x, y, legend, texts))
        elif isinstance(coll, LineCollection):
            parts.extend(_segments(coll, x, y, legend))
    return parts


def _colour(artist: object) -> object:
    """The colour that keys ``artist`` in a legend: a collection's or bar group's first face."""
    if isinstance(artist, BarContainer):
        return artist.patches[0].get_facecolor() if artist.patches else None
    for colours in (artist.get_facecolor(), artist.get_edgecolor()):
        if len(colours):
            return colours[0]
    return None


def _scatter(
    coll: PathCollection, ax: Axes, x: AxisReader, y: AxisReader, legend: dict, texts: PointTexts
) -> list[Part]:
    """Points: two coordinates, the text written at each point, the colour value if mapped."""
    if not coll.get_offset_transform().contains_branch(ax.transData):
        return []
    offsets = np.ma.filled(np.ma.asarray(coll.get_offsets(), float), np.nan)
    if offsets.ndim != 2 or offsets.shape[1] != 2:
        return []
    keep = np.isfinite(offsets).all(axis=1)
    if not keep.any():
        return []
    xs, ys = offsets[keep, 0], offsets[keep, 1]
    frame, axes = _coords(_series(coll.get_label(), _colour(coll), legend), x, y, xs, ys)
    marks = [texts.get((a, b)) for a, b in zip(xs, ys, strict=True)]
    names = [m if not number_text(m) else "" for m in marks]  # a number is a mark, not a name
    if any(names):
        frame.insert(1, "label", names)
    colours = coll.get_array()
    if colours is not None and np.ndim(colours) == 1 and len(colours) == len(offsets):
        values = np.ma.filled(np.ma.asarray(colours, float), np.nan)[keep]
        frame["value"] = [tidy(v) for v in values]
        axes["value"] = "c"
    return [Part("scatter", frame, axes, shown=marks)]


def _segments(coll: LineCollection, x: AxisReader, y: AxisReader, legend: dict) -> list[Part]:
    rows = []
    for seg in coll.get_segments():
        seg = np.asarray(seg, float)
        if seg.shape != (2, 2) or not np.isfinite(seg).all():
            continue
        (x0, y0), (x1, y1) = seg
        if y0 == y1:
            rows.append(("h", y.role_for("y"), y.coord(y0), min(x0, x1), max(x0, x1), x))
        elif x0 == x1:
            rows.append(("v", x.role_for("x"), x.coord(x0), min(y0, y1), max(y0, y1), y))
    if not rows or len({r[0] for r in rows}) != 1:  # a mixed or diagonal set: not intervals
        return []
    direction, role, _, _, _, reader = rows[0]
    frame = pd.DataFrame(
        {
            "series": _series(coll.get_label(), _colour(coll), legend),
            role: [r[2] for r in rows],
            "lower": [reader.coord(r[3]) for r in rows],
            "upper": [reader.coord(r[4]) for r in rows],
        }
    )
    value_axis = "x" if direction == "h" else "y"
    position_axis = "y" if direction == "h" else "x"
    return [
        Part("interval", frame, {role: position_axis, "lower": value_axis, "upper": value_axis})
    ]


def _mesh(mesh: QuadMesh, x: AxisReader, y: AxisReader, texts: PointTexts) -> list[Part]:
    values = np.ma.asarray(mesh.get_array(), float)
    coords = np.asarray(mesh.get_coordinates(), float)
    rows_n, cols_n = coords.shape[0] - 1, coords.shape[1] - 1
    if values.size != rows_n * cols_n:
        return []
    values = values.reshape(rows_n, cols_n)
    centres_x = (coords[0, :-1, 0] + coords[0, 1:, 0]) / 2
    centres_y = (coords[:-1, 0, 1] + coords[1:, 0, 1]) / 2
    return [_grid(values, centres_x, centres_y, (x, y), texts)]


def images(ax: Axes, x: AxisReader, y: AxisReader) -> list[Part]:
    """Heatmaps drawn with ``imshow`` (2-D arrays; colour pictures are left out)."""
    parts, texts = [], point_texts(ax)
    for image in ax.images:
        if not isinstance(image, AxesImage) or not image.get_visible():
            continue
        values = np.ma.asarray(image.get_array(), float)
        if values.ndim != 2:  # a colour picture, not a heatmap
            continue
        left, right, bottom, top = image.get_extent()
        rows_n, cols_n = values.shape
        start, stop = (top, bottom) if image.origin == "upper" else (bottom, top)
        centres_y = start + (np.arange(rows_n) + 0.5) * (stop - start) / rows_n
        centres_x = left + (np.arange(cols_n) + 0.5) * (right - left) / cols_n
        parts.append(_grid(values, centres_x, centres_y, (x, y), texts))
    return parts


def _grid(
    values: np.ma.MaskedArray,
    centres_x: np.ndarray,
    centres_y: np.ndarray,
    readers: tuple[AxisReader, AxisReader],
    texts: PointTexts,
) -> Part:
    """One row per cell, rows top to bottom, columns left to right; masked cells empty."""
    x, y = readers
    filled = np.ma.filled(values, np.nan)
    row_order = np.argsort(centres_y, kind="stable")
    if y.reading_reversed:
        row_order = row_order[::-1]
    col_order = np.argsort(centres_x, kind="stable")
    if x.reading_reversed:
        col_order = col_order[::-1]
    cells = [(i, j) for i in row_order for j in col_order]
    frame = pd.DataFrame(
        {
            "row": y.coords(np.array([centres_y[i] for i, _ in cells])),
            "column": x.coords(np.array([centres_x[j] for _, j in cells])),
            "value": [tidy(float(filled[i, j])) for i, j in cells],
        }
    )
    shown = [texts.get((centres_x[j], centres_y[i])) for i, j in cells]
    return Part("heatmap", frame, {"row": "y", "column": "x", "value": "c"}, shown=shown)
