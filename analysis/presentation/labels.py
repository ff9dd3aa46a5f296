"""Names and colours of units and categories that never fail on a value the tables lack.

:func:`analysis.presentation.style.unit_label` and
:func:`~analysis.presentation.style.category_label` raise on a unit or a value outside the
reference tables: right for the house palette and its tests, wrong for a page built from an
imported ledger, whose own community, unit id or wording must be shown as the ledger wrote
it. Every topic's prose and charts name units and categories through the functions here: a
value the tables know gets its display name and fixed colour, any other is shown as written
and drawn grey. Compound, community and partner-unit names read in the edition's language
through :func:`place_name` (pinyin in English, with "fictional" where the name says 虚构).
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.presentation import style
from analysis.presentation._place_names import PLACE_WORDS, has_han, place_name

__all__ = [
    "PLACE_WORDS",
    "UNKNOWN_COLOUR",
    "category_name",
    "has_han",
    "place_name",
    "unit_colour",
    "unit_colours",
    "unit_name",
    "unit_rank",
]

#: The colour of a unit the palette does not know (an imported ledger's own unit).
UNKNOWN_COLOUR = "0.6"


def unit_name(unit_id: object, lang: str | None = None) -> str:
    """A unit's display name (``中心路街道`` / ``Zhongxinlu Subdistrict``).

    An id the units table does not know is returned as it is.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    try:
        return style.unit_label(str(unit_id), lang)
    except KeyError:
        return str(unit_id)


def category_name(domain: str, value: object, lang: str | None = None) -> str:
    """A category as displayed: the Chinese value itself, or its English label.

    A value outside the vocabulary (a ledger's own wording) is returned as it is.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    try:
        return style.category_label(domain, str(value), lang)
    except KeyError:
        return str(value)


def unit_colour(unit_id: object) -> str:
    """A unit's fixed colour; :data:`UNKNOWN_COLOUR` for a unit the palette does not know.

    Raises
    ------
    Nothing: every id gets a colour.
    """
    return style.UNIT_COLOURS.get(str(unit_id), UNKNOWN_COLOUR)


def unit_colours(unit_ids: Iterable[object]) -> list[str]:
    """The colours of ``unit_ids``, in the same order (grey for unknown units).

    Raises
    ------
    TypeError
        If ``unit_ids`` is not iterable.
    """
    return [unit_colour(u) for u in unit_ids]


def unit_rank(unit_ids: Iterable[object]) -> dict[str, int]:
    """Display order of units: the palette's order, then any unknown unit by its id.

    Raises
    ------
    TypeError
        If ``unit_ids`` is not iterable.
    """
    known = list(style.UNIT_COLOURS)
    extra = sorted({str(u) for u in unit_ids} - set(known))
    return {u: i for i, u in enumerate([*known, *extra])}
