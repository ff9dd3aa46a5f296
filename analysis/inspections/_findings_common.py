"""Shared pieces of the inspection findings: the "all types" row, check items, dates, visits.

Names that never raise, shares, day counts and the small-n wording are those of every topic
(:mod:`analysis.presentation.labels`, :mod:`analysis.presentation.wording`), re-exported here
under the names the inspection findings use.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections._chart_notes import item_label
from analysis.inspections.metrics import TOTAL
from analysis.presentation.findings import count, number, pick
from analysis.presentation.labels import category_name, unit_name
from analysis.presentation.wording import FEW, days, pct, too_few

__all__ = ["days", "pct", "too_few", "unit_name"]

#: Below this many records a rate is named with its count and not compared.
MIN_N = FEW
#: The dataset every inspection finding draws on.
DATASETS = ["inspections"]
AS_OF = DATA_AS_OF


def category(domain: str, value: object, lang: str) -> str:
    """A category as displayed; a value outside the vocabulary, as it is (never raises)."""
    if str(value) == TOTAL:
        return pick(lang, "全部类型", "all types")
    return category_name(domain, value, lang)


def item(name: object, lang: str) -> str:
    """Short name of a check item (``场所卫生`` / ``premises hygiene``); unknown: as is."""
    try:
        return item_label(str(name), lang)
    except KeyError:
        return str(name)


def times(multiplier: float) -> str:
    """A multiplier as ``1.3×``: one decimal, what a fitted or judged multiplier supports."""
    return f"{number(multiplier, 1)}×"


def day(value: object) -> str:
    """A date as ``2020-09-23``; ``—`` when missing."""
    stamp = pd.Timestamp(value) if value is not None else pd.NaT
    return "—" if pd.isna(stamp) else f"{stamp:%Y-%m-%d}"


def n_visits(n: float, lang: str) -> str:
    """``n=438`` in both editions."""
    return f"n = {count(n)}" if lang == "en" else f"n={count(n)}"


def finite(value: object) -> bool:
    """True for a number that is neither missing nor infinite."""
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
