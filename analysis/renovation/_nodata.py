"""A chart with nothing to draw says so inside its axes, never with a traceback."""

from __future__ import annotations

from matplotlib.axes import Axes

from analysis.presentation.plotkit import new_axes
from analysis.presentation.text import Catalogue

WORDS = Catalogue(__name__, {"no_data": ("无数据", "no data")})


def no_data(ax: Axes | None, title: str, lang: str, note: str | None = None) -> Axes:
    """Empty axes titled ``title`` with "无数据 / no data" (and ``note``) in the middle.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    ax = new_axes(ax, height=2.4)
    text = WORDS.text("no_data", lang) + (f"\n{note}" if note else "")
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, loc="left")
    return ax
