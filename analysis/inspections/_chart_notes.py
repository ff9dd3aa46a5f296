"""Pieces every inspection chart shares: the datasets it signs, the ``(n=…)`` note and the
short names of the check items."""

from __future__ import annotations

from analysis.datasets.schema import get_dataset
from analysis.presentation import style
from analysis.presentation.plotkit import bracket

DATASETS = ["inspections"]


def n_note(n: int, lang: str) -> str:
    """`` (n=57)`` in the edition's brackets.

    Raises
    ------
    Nothing.
    """
    return bracket("", f"n={n}", lang)


def item_label(item: str, lang: str | None = None) -> str:
    """Short name of a check item (``资质`` / ``licences``), taken from the schema.

    Raises
    ------
    KeyError
        If ``item`` is not a column of the inspections dataset.
    """
    # The schema describes each item as "资质: licences": one place for both names.
    zh, en = get_dataset("inspections").field(item).description.split(": ", 1)
    return zh if style.resolve_lang(lang) == "zh" else en
