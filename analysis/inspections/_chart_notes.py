"""Pieces every inspection chart shares: the datasets it signs and the ``(n=…)`` note."""

from __future__ import annotations

from analysis.presentation.plotkit import bracket

DATASETS = ["inspections"]


def n_note(n: int, lang: str) -> str:
    """`` (n=57)`` in the edition's brackets.

    Raises
    ------
    Nothing.
    """
    return bracket("", f"n={n}", lang)
