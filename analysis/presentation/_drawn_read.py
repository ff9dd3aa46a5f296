"""Reading an Axes for :mod:`analysis.presentation._drawn`: axes, legends, point names, titles.

An axis turns a drawn position back into what the reader sees there (:class:`AxisReader`):
the tick label on a categorical axis (ticks set with labels, or string categories), an ISO
date on a date axis, the number otherwise. Legends name unlabelled artists by colour (the
unit keys are patches drawn apart from the bars and lines they explain), and a text written
at a point names that point (:func:`point_texts`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib import dates as mdates
from matplotlib import ticker as mticker
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.category import StrCategoryLocator
from matplotlib.colors import to_rgba
from matplotlib.text import Annotation

_DATE_FORMATTERS = (mdates.DateFormatter, mdates.AutoDateFormatter, mdates.ConciseDateFormatter)


def clean(text: str) -> str:
    """``text`` on one line, runs of white space made one space."""
    return " ".join(str(text).split())


def tidy(value: float) -> float:
    """``value`` to 12 significant digits: no binary noise (0.30000000000000004) in a CSV."""
    return float(f"{value:.12g}") if math.isfinite(value) else float("nan")


@dataclass
class AxisReader:
    """What a position on one axis shows.

    Attributes
    ----------
    kind
        ``"category"``, ``"date"`` or ``"number"``.
    locs, labels
        Tick positions and their labels (categorical axes only).
    reading_reversed
        True when reading order (left to right, top to bottom) runs from high to low values.
    percent
        The value shown as 100 % when the axis formats its ticks as percentages, else None.
    """

    kind: str
    locs: np.ndarray
    labels: list[str]
    reading_reversed: bool
    percent: float | None

    def role_for(self, default: str) -> str:
        """``"category"`` on a categorical axis, ``"date"`` on a date axis, else ``default``."""
        return {"category": "category", "date": "date"}.get(self.kind, default)

    def coord(self, value: float) -> object:
        """The tick label, ISO date or number shown at ``value``."""
        return self.coords(np.array([value], float))[0]

    def coords(self, values: np.ndarray) -> list[object]:
        """:meth:`coord` of many positions at once (a daily line has hundreds)."""
        values = np.asarray(values, float).ravel()
        if self.kind == "date":
            return iso_dates(values)
        out: list[object] = [tidy(v) for v in values.tolist()]
        if self.kind == "category" and len(self.locs) and len(values):
            gaps = np.diff(np.sort(self.locs))
            reach = gaps[gaps > 0].min() / 2 if (gaps > 0).any() else math.inf
            distance = np.abs(values[:, None] - self.locs[None, :])
            nearest = distance.argmin(axis=1)
            for i, (j, near) in enumerate(zip(nearest, distance.min(axis=1) <= reach, strict=True)):
                if near:
                    out[i] = self.labels[j]
        return out

    def bar_coord(self, low: float, high: float) -> object:
        """What a bar from ``low`` to ``high`` stands for: the tick under it, or its date.

        On a date axis a bar drawn from the first of a month (``align="edge"``) stands for
        that month's first day, not for its middle.
        """
        if (
            self.kind == "date"
            and _iso(low).endswith("-01")
            and not _iso((low + high) / 2).endswith("-01")
        ):
            return _iso(low)
        return self.coord((low + high) / 2)


def _iso(value: float) -> str:
    return str(iso_dates(np.array([value], float))[0])


def iso_dates(values: np.ndarray) -> list[object]:
    """Matplotlib date numbers as ISO dates (``2020-09-23``; with minutes when not midnight)."""
    out: list[object] = [float("nan")] * len(values)
    finite = np.isfinite(values) & (np.abs(values) < 1e6)  # ±2,700 years around the epoch
    if finite.any():
        epoch = np.datetime64(mdates.get_epoch(), "us")
        stamps = epoch + np.round(values[finite] * 86_400e6).astype("timedelta64[us]")
        days = stamps.astype("datetime64[D]")
        midnight = stamps == days
        text = np.where(
            midnight,
            np.datetime_as_string(days, unit="D"),
            np.datetime_as_string(stamps, unit="m"),
        )
        for i, value in zip(np.flatnonzero(finite), text.tolist(), strict=True):
            out[i] = value
    return out


def number_text(text: str) -> bool:
    """Whether ``text`` is a number as a chart writes one (``1,234``, ``67%``, ``−5``)."""
    cleaned = text.replace(",", "").replace("%", "").replace("\u2212", "-").strip()
    try:
        float(cleaned)
    except ValueError:
        return False
    return True


def _numeric_label(label: str, loc: float) -> bool:
    """Whether a tick label only prints its own position (``10``, ``1,000``, ``−5``)."""
    text = label.replace(",", "").replace("\u2212", "-").strip()
    try:
        return math.isclose(float(text), loc, rel_tol=1e-6, abs_tol=1e-9)
    except ValueError:
        return False


def axis_reader(axis: Axis) -> AxisReader:
    """How to read positions on ``axis``.

    Raises
    ------
    Nothing: an axis whose ticks cannot be read is read as numbers.
    """
    inverted = bool(axis.get_inverted())
    # Reading runs left to right and top to bottom: y values fall as one reads down.
    reversed_ = inverted if axis.axis_name == "x" else not inverted
    formatter, locator = axis.get_major_formatter(), axis.get_major_locator()
    percent = formatter.xmax if isinstance(formatter, mticker.PercentFormatter) else None
    empty = np.array([], float)
    if isinstance(locator, mdates.DateLocator) or isinstance(formatter, _DATE_FORMATTERS):
        return AxisReader("date", empty, [], reversed_, None)
    if isinstance(locator, (mticker.FixedLocator, StrCategoryLocator)):
        try:
            locs = np.asarray(axis.get_majorticklocs(), float)
            labels = [" ".join(str(t).split()) for t in formatter.format_ticks(locs)]
        except Exception:  # an odd formatter: read positions as numbers
            locs, labels = empty, []
        shown = [(loc, lab) for loc, lab in zip(locs, labels, strict=True) if lab]
        if shown and not all(_numeric_label(lab, loc) for loc, lab in shown):
            return AxisReader(
                "category",
                np.array([s[0] for s in shown], float),
                [s[1] for s in shown],
                reversed_,
                percent,
            )
    return AxisReader("number", empty, [], reversed_, percent)


def colour_key(colour: object) -> tuple[float, ...] | None:
    """A colour as a hashable RGBA tuple (3 decimals), None if it is not a colour."""
    try:
        return tuple(np.round(to_rgba(colour), 3))
    except (TypeError, ValueError):
        return None


def _handle_colour(handle: object) -> object:
    for getter in ("get_facecolor", "get_color", "get_edgecolor"):
        if hasattr(handle, getter):
            colour = getattr(handle, getter)()
            if isinstance(colour, np.ndarray) and colour.ndim == 2:
                colour = colour[0] if len(colour) else None
            if colour is not None:
                return colour
    return None


def legend_names(ax: Axes) -> dict[tuple, str]:
    """Colour → legend text, for the Axes' legend and the figure's; ambiguous colours left out."""
    names: dict[tuple, str] = {}
    clashes: set[tuple] = set()
    fig = ax.get_figure(root=True)
    for legend in [ax.get_legend(), *(fig.legends if fig is not None else [])]:
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=False):
            key = colour_key(_handle_colour(handle))
            label = " ".join(text.get_text().split())
            if key is None or not label:
                continue
            if key in names and names[key] != label:
                clashes.add(key)
            names[key] = label
    return {k: v for k, v in names.items() if k not in clashes}


class PointTexts:
    """Texts written at data points, looked up by position with a tolerance of the axes' span."""

    def __init__(self, ax: Axes) -> None:
        self._items: list[tuple[float, float, str]] = []
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        self._tol = (abs(x1 - x0) * 1e-6 or 1e-9, abs(y1 - y0) * 1e-6 or 1e-9)
        for text in ax.texts:
            label = " ".join(text.get_text().split())
            if not label or not text.get_visible():
                continue
            if isinstance(text, Annotation):
                if text.xycoords != "data":
                    continue
                x, y = text.xy
            elif text.get_transform() is ax.transData:
                x, y = text.get_position()
            else:
                continue
            try:
                self._items.append(
                    (float(ax.xaxis.convert_units(x)), float(ax.yaxis.convert_units(y)), label)
                )
            except (TypeError, ValueError):
                continue

    def get(self, point: tuple[float, float], default: str = "") -> str:
        """The text written at ``point``, else ``default``."""
        x, y = point
        for px, py, label in self._items:
            if abs(px - x) <= self._tol[0] and abs(py - y) <= self._tol[1]:
                return label
        return default


def point_texts(ax: Axes) -> PointTexts:
    """Texts of ``ax`` written at a data position (annotations and ``ax.text``)."""
    return PointTexts(ax)


def mappable_label(mappable: object) -> tuple[str, float | None]:
    """The label of a mappable's colour bar, and its percent scale if it formats percentages."""
    bar = mappable.colorbar
    axis = bar.ax.yaxis if bar.orientation == "vertical" else bar.ax.xaxis
    formatter = axis.get_major_formatter()
    percent = formatter.xmax if isinstance(formatter, mticker.PercentFormatter) else None
    return " ".join(axis.get_label().get_text().split()), percent


def title_of(ax: Axes) -> str:
    """The Axes' titles (left, centre, right) as one line."""
    parts = [ax.get_title(loc) for loc in ("left", "center", "right")]
    return " ".join(" ".join(p.split()) for p in parts if p.strip())
