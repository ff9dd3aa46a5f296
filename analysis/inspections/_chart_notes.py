"""Pieces every inspection chart shares: the datasets it signs, counts, the no-data note."""

from __future__ import annotations

from matplotlib.axes import Axes

from analysis.presentation import style
from analysis.presentation.plotkit import bracket, finish, new_axes, sign, t
from analysis.presentation.text import Catalogue

DATASETS = ["inspections"]
NOTES = Catalogue(
    __name__,
    {"no_data": ("无数据：没有可画的记录", "no data: nothing to draw")},
)


def n_note(n: int, lang: str) -> str:
    """`` (n=57)`` in the edition's brackets."""
    return bracket("", f"n={n}", lang)


def no_data(
    ax: Axes | None,
    title: str,
    lang: str,
    why: str | None = None,
    height: float | None = None,
    width: float | None = None,
) -> Axes:
    """An Axes that says, inside it, there is nothing to draw (and ``why``, if given)."""
    ax = new_axes(ax, height=height, width=width)
    text = t(NOTES, "no_data", lang) + (f"\n{why}" if why else "")
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="0.35")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    sign(ax, DATASETS, lang)
    return finish(ax, title, "")


def label(domain: str, value: object, lang: str) -> str:
    """A category as displayed; a ledger's own wording outside the vocabulary, as it is."""
    try:
        return style.category_label(domain, str(value), lang)
    except KeyError:
        return str(value)


def unit(unit_id: object, lang: str) -> str:
    """A unit's display name; an id the reference table does not know, as it is."""
    try:
        return style.unit_label(str(unit_id), lang)
    except KeyError:
        return str(unit_id)


def unit_colour(unit_id: object) -> str:
    """The unit's fixed colour; grey for a unit without one."""
    return style.UNIT_COLOURS.get(str(unit_id), "0.6")
