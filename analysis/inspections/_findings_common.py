"""Shared pieces of the inspection findings: names that never raise, rates, small-n wording.

A findings sentence must not fail on a ledger's own wording (a premises type the vocabulary
does not know, a unit id missing from the reference table): such a value is shown as it is.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections.charts import item_label
from analysis.inspections.metrics import TOTAL
from analysis.presentation import style
from analysis.presentation.findings import count, number, percent, pick

#: Below this many records a rate is named with its count and not compared.
MIN_N = 10
#: The dataset every inspection finding draws on.
DATASETS = ["inspections"]
AS_OF = DATA_AS_OF


def unit_name(unit_id: object, lang: str) -> str:
    """Display name of a unit; a unit the reference table does not know, as it is."""
    try:
        return style.unit_label(str(unit_id), lang)
    except KeyError:
        return str(unit_id)


def category(domain: str, value: object, lang: str) -> str:
    """A category as displayed; a value outside the vocabulary, as it is (never raises)."""
    if str(value) == TOTAL:
        return pick(lang, "全部类型", "all types")
    try:
        return style.category_label(domain, str(value), lang)
    except KeyError:
        return str(value)


def item(name: object, lang: str) -> str:
    """Short name of a check item (``场所卫生`` / ``premises hygiene``); unknown: as is."""
    try:
        return item_label(str(name), lang)
    except KeyError:
        return str(name)


def pct(value_pct: float | None, digits: int = 1) -> str:
    """A percentage given in 0–100 (as the metric frames hold them): ``89.7%``."""
    if value_pct is None or (isinstance(value_pct, float) and math.isnan(value_pct)):
        return percent(None)
    return percent(float(value_pct) / 100, digits)


def times(multiplier: float) -> str:
    """A multiplier as ``1.30×``."""
    return f"{number(multiplier, 2)}×"


def day(value: object) -> str:
    """A date as ``2020-09-23``; ``—`` when missing."""
    stamp = pd.Timestamp(value) if value is not None else pd.NaT
    return "—" if pd.isna(stamp) else f"{stamp:%Y-%m-%d}"


def days(n: float, lang: str) -> str:
    """``21 天`` / ``21 days``."""
    return pick(lang, "{n} 天", "{n} day" + ("" if n == 1 else "s"), n=count(n))


def n_visits(n: float, lang: str) -> str:
    """``n=438`` in both editions."""
    return f"n = {count(n)}" if lang == "en" else f"n={count(n)}"


def too_few(n: float, lang: str) -> str:
    """The clause said of a rate on fewer than :data:`MIN_N` records."""
    return pick(
        lang,
        "只有 {n} 条记录，太少，不宜比较",
        "only {n} record{s}, too few to compare",
        n=count(n),
        s="" if n == 1 else "s",
    )


def finite(value: object) -> bool:
    """True for a number that is neither missing nor infinite."""
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
