"""Small helpers every plotting module shares: one place for each convention.

Text lookup in both editions (:func:`t`, :func:`bracket`, :func:`with_as_of`), new
figures (:func:`new_axes`, :func:`new_figure`, :func:`small_multiples`), pale colours
(:func:`tint`), date axes and markers (:func:`month_axis`, :func:`mark_date`,
:func:`as_of_line`), labels (:func:`finish`, :func:`end_label`, :func:`figure_title`),
unit keys (:func:`unit_patches`, :func:`unit_legend`), the source line under a figure
(:func:`sign`, :func:`datasets_of`), the note of a chart with nothing to draw
(:func:`no_data`), and what a chart is for a reader who cannot see it: :func:`describe`
attaches the numbers (and alt text) of a chart, :func:`chart_metadata` gives its alt text,
CSV and file name, :func:`install_chart_formatter` puts them in every PNG a notebook shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.presentation import _drawn, style
from analysis.presentation._display import (  # noqa: F401 - part of this module's interface
    chart_metadata,
    chart_png,
    install_chart_formatter,
    png_bytes,
)
from analysis.presentation.text import Catalogue

#: Share of the colour in a tint: pale "all" bars behind solid "covered" bars.
TINT = 0.3
#: The as-of note, (Chinese, English).
AS_OF = ("截至{}", "as of {}")
WORDS = Catalogue(__name__, {"no_data": ("无数据", "no data")})


def t(table: dict[str, tuple[str, str]], key: str, lang: str, *args: object, **kw: object) -> str:
    """Text ``key`` of ``table`` (key → (Chinese, English)) in ``lang``, formatted."""
    return table[key][0 if lang == "zh" else 1].format(*args, **kw)


def bracket(text: str, note: str, lang: str) -> str:
    """``text`` followed by ``note`` in brackets: full-width in Chinese, spaced in English."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def with_as_of(title: str, as_of: str, lang: str) -> str:
    """``title`` followed by the as-of date, bracketed in the edition's style."""
    return bracket(title, AS_OF[0 if lang == "zh" else 1].format(as_of), lang)


def tint(colour: str, share: float = TINT) -> tuple[float, float, float]:
    """Mix ``colour`` with white; opaque, unlike alpha, so grid lines stay behind it."""
    return tuple(1 - share + share * c for c in to_rgb(colour))  # type: ignore[return-value]


def new_axes(ax: Axes | None, height: float | None = None, width: float | None = None) -> Axes:
    """Return ``ax``, or the Axes of a new figure (default size unless ``height``/``width``).

    A missing width is the house width, a missing height the house height.
    """
    if ax is not None:
        return ax
    size = None
    if height is not None or width is not None:
        size = (width or style.FIGSIZE[0], height or style.FIGSIZE[1])
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def new_figure(height: float | None = None, ncols: int = 1, **kw: object):
    """A new figure with one row of ``ncols`` Axes, house width; returns ``(fig, axes)``."""
    size = (style.FIGSIZE[0], height or style.FIGSIZE[1])
    return plt.subplots(1, ncols, figsize=size, layout="constrained", **kw)


def small_multiples(
    n: int, ncols: int, panel_height: float, extra_height: float, **kw: object
) -> tuple[Figure, np.ndarray]:
    """A grid for ``n`` panels, ``ncols`` wide; the panels past ``n`` are hidden.

    Returns the figure and the full 2-D array of Axes.
    """
    nrows = max(1, -(-n // ncols))
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(style.FIGSIZE[0], panel_height * nrows + extra_height),
        squeeze=False,
        layout="constrained",
        **kw,
    )
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes


def finish(ax: Axes, title: str, xlabel: str, ylabel: str | None = None) -> Axes:
    """Title and axis labels of ``ax`` (the y label only if given); returns ``ax``."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    return ax


def figure_title(fig: Figure, title: str, **kw: object) -> None:
    """A figure-wide title, flush left like the Axes titles."""
    fig.suptitle(title, x=0.01, ha="left", **kw)


def end_label(ax: Axes, text: str, x: float, y: float, pad: float = 3, fontsize=8) -> None:
    """``text`` just right of the point ``(x, y)``, e.g. at the end of a bar."""
    ax.annotate(
        text,
        (x, y),
        xytext=(pad, 0),
        textcoords="offset points",
        va="center",
        fontsize=fontsize,
    )


def month_axis(ax: Axes, months: Iterable[int] = range(1, 13, 2)) -> None:
    """Dates as YYYY-MM ticks in ``months``: no language-dependent month names."""
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=months))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))


def mark_date(
    ax: Axes,
    day: pd.Timestamp,
    label: str,
    colour: str = "0.3",
    linestyle: str = "-",
    linewidth: float = 0.8,
    pad: float = 3,
) -> None:
    """A vertical line at ``day``, ``label`` written at its top left."""
    ax.axvline(day, color=colour, linewidth=linewidth, linestyle=linestyle)
    ax.annotate(
        label,
        (day, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-pad, -pad),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=8,
        color=colour,
    )


def as_of_line(ax: Axes, as_of: str, lang: str) -> None:
    """A vertical line at the as-of date, labelled with it."""
    day = pd.Timestamp(as_of)
    mark_date(ax, day, AS_OF[0 if lang == "zh" else 1].format(f"{day:%Y-%m-%d}"))


def unit_patches(unit_ids: Iterable[str], lang: str) -> list[Patch]:
    """One legend patch per unit, in the unit's fixed colour."""
    return [Patch(color=style.UNIT_COLOURS[u], label=style.unit_label(u, lang)) for u in unit_ids]


def unit_legend(ax: Axes, unit_ids: Iterable[str], lang: str, **kw: object) -> None:
    """Legend with one patch per unit, in the unit's fixed colour."""
    ax.legend(handles=unit_patches(unit_ids, lang), frameon=True, fontsize=8, **kw)


def datasets_of(frame: pd.DataFrame, default: Sequence[str]) -> list[str]:
    """The datasets ``frame`` names in its attrs, else ``default``."""
    return list(frame.attrs.get("datasets") or default)


def sign(target: Axes | np.ndarray | Figure, datasets: Sequence[str], lang: str) -> None:
    """Source line and synthetic caption under the figure of ``target``.

    ``target`` is a figure, an Axes or an array of Axes of one figure.
    """
    if isinstance(target, Figure):
        fig = target
    else:
        first = target.flat[0] if isinstance(target, np.ndarray) else target
        fig = first.get_figure(root=True)
    style.add_source(fig, list(datasets), lang)


def no_data(
    ax: Axes | None,
    lang: str,
    title: str | None = None,
    note: str | None = None,
    datasets: Sequence[str] | None = None,
    height: float | None = 2.4,
    width: float | None = None,
) -> Axes:
    """Say inside the axes that there is nothing to draw, never a traceback or a blank frame.

    ``ax`` None draws a new, low figure (``height``, ``width``) holding only the note: "无数据 /
    no data", then ``note`` on a line of its own. An ``ax`` with nothing drawn loses its ticks
    and grid; one that already holds a chart (zero-length bars, cap lines) keeps its axes and
    gets the note written over it. ``title`` titles the Axes; ``datasets`` signs the figure
    with their source line.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    KeyError
        If a dataset in ``datasets`` is not described in the metadata.
    """
    ax = new_axes(ax, height=height, width=width)
    text = WORDS.text("no_data", lang) + (f"\n{note}" if note else "")
    if not ax.has_data():  # ticks of an empty frame would only suggest a scale
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="0.4")
    if title is not None:
        ax.set_title(title, loc="left")
    if datasets:
        sign(ax, datasets, lang)
    return ax


def describe(target: Axes | Figure, frame: pd.DataFrame, alt: str | None = None) -> Axes | Figure:
    """Attach the numbers a chart draws (and, optionally, its alt text) to its figure.

    The chart's CSV download is then ``frame`` (labelled columns, as the reader should get
    them) instead of what :mod:`analysis.presentation._drawn` reads from the artists; the alt
    text is ``alt`` (the source line appended), else written from ``frame``. Describing
    several Axes of one figure stacks their frames with the Axes' titles as a panel column;
    describing the same target again replaces its frame. Returns ``target``.

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame or ``target`` neither an Axes nor a Figure.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"describe needs a DataFrame, not {type(frame).__name__}")
    if not isinstance(target, Axes | Figure):
        raise TypeError(f"describe needs an Axes or a Figure, not {type(target).__name__}")
    fig = target if isinstance(target, Figure) else target.get_figure(root=True)
    attached = getattr(fig, _drawn.ATTACHED, None) or {"frames": {}, "alts": {}}
    attached["frames"][target] = frame.copy()
    if alt:
        attached["alts"][target] = alt
    setattr(fig, _drawn.ATTACHED, attached)
    return target
