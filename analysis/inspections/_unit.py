"""One unit beside the whole district: the measures of the unit page's inspection section.

Every measure the unit page states for a unit (share of first visits ordering
rectification, pass rate of each item, rectification cases, the Kaplan–Meier median, the
share rectified by the deadline, the cases overdue) is computed the same way for the whole
district, so a reader never meets a unit's number without the district's beside it. Rates
carry Wilson 95 % intervals and are called different only when the intervals do not
overlap (:func:`analysis.rules.intervals.apart`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.errors import require_columns
from analysis.datasets.schema import CHECK_ITEMS, DATA_AS_OF
from analysis.inspections import _findings_common as fc
from analysis.inspections._stats import interval, rate
from analysis.inspections.metrics import (
    ORDERED,
    TOTAL,
    checked_visits,
    pass_rates,
    rectification_cases,
    rectification_summary,
)
from analysis.presentation.findings import count
from analysis.presentation.text import Catalogue
from analysis.rules.intervals import wilson

MEASURES = Catalogue(
    __name__,
    {
        "checked": ("检查了项目的初查（次）", "first visits that checked an item"),
        "ordered": (
            "责令限期整改的初查比例（95% 区间）",
            "first visits ordering rectification (95% interval)",
        ),
        "item": ("合格率：{item}（95% 区间）", "pass rate: {item} (95% interval)"),
        "cases": ("整改案件（个）", "rectification cases"),
        "median": (
            "整改天数中位数（Kaplan–Meier，天）",
            "median days to rectification (Kaplan–Meier)",
        ),
        "by_deadline": (
            "期限已过的案件中按期整改的比例（95% 区间）",
            "cases past their deadline rectified by it (95% interval)",
        ),
        "overdue": ("逾期仍未整改的案件（个）", "cases overdue and still open"),
        "none": ("—", "—"),
    },
)


@dataclass(frozen=True)
class Tally:
    """The counts behind one area's measures (a unit, or the whole district)."""

    checked: int
    ordered: int
    items: dict[str, tuple[int, int]]  # item -> (passed, checked)
    cases: int
    median_days: float
    due: int
    by_deadline: int
    overdue: int


def tally(visits: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF) -> Tally:
    """Count what the measures need from ``visits`` (any subset of the inspection records).

    Raises
    ------
    KeyError
        If a column the inspection metrics need is missing.
    """
    first = checked_visits(visits)
    rates = pass_rates(first)
    whole = rates[rates.iloc[:, 0].astype(str) == TOTAL].set_index("item")
    items = {
        item: (int(whole.at[item, "passed"]), int(whole.at[item, "checked"]))
        if item in whole.index
        else (0, 0)
        for item in CHECK_ITEMS
    }
    summary = rectification_summary(rectification_cases(visits, as_of))
    total = summary[summary["group"].astype(str) == TOTAL].iloc[0]
    return Tally(
        checked=len(first),
        ordered=int((first["outcome"].astype("object") == ORDERED).sum()),
        items=items,
        cases=int(total["n"]),
        median_days=float(total["median_days"]),
        due=int(total["due"]),
        by_deadline=int(total["by_deadline"]),
        overdue=int(total["overdue"]),
    )


def _share(k: int, n: int, lang: str) -> str:
    """``25% (19–31%)``; ``—`` when nothing was counted."""
    if n == 0:
        return MEASURES.text("none", lang)
    low, high = (100 * b for b in wilson(k, n))
    d = rate(100 * k / n, low, high)
    span = interval(low, high, lang).split(" ", 2)[-1]  # the bounds without "95% interval"
    return f"{d} ({span})" if lang == "en" else f"{d}（{span}）"


def _median(value: float, lang: str) -> str:
    return fc.days(value, lang) if fc.finite(value) else MEASURES.text("none", lang)


def unit_comparison(
    unit_id: str,
    visits: pd.DataFrame,
    as_of: str | pd.Timestamp = DATA_AS_OF,
    lang: str | None = None,
) -> pd.DataFrame:
    """The unit's inspection measures beside the whole district's.

    Parameters
    ----------
    unit_id
        The unit (``unit_id`` of the visits).
    visits
        Every inspection record of the district (:func:`analysis.load_inspections`).
    as_of
        The date open cases are censored at.

    Returns
    -------
    pandas.DataFrame
        One row per measure: ``measure`` (in the edition's words), ``this_unit`` and
        ``district`` (text: a count, days, or a rate with its 95 % interval; ``—`` where
        there is nothing to measure). ``attrs["datasets"]`` names the records.

    Raises
    ------
    KeyError
        If ``visits`` lacks a column the inspection metrics need.
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    require_columns(visits, ("unit_id",), "inspections")
    mine = tally(visits[visits["unit_id"].astype("object") == unit_id], as_of)
    whole = tally(visits, as_of)
    rows = []

    def add(key: str, unit: str, district: str, **fields: object) -> None:
        rows.append(
            {
                "measure": MEASURES.text(key, lang).format(**fields),
                "this_unit": unit,
                "district": district,
            }
        )

    add("checked", count(mine.checked), count(whole.checked))
    add(
        "ordered",
        _share(mine.ordered, mine.checked, lang),
        _share(whole.ordered, whole.checked, lang),
    )
    for item in CHECK_ITEMS:
        add(
            "item",
            _share(*mine.items[item], lang),
            _share(*whole.items[item], lang),
            item=fc.item(item, lang),
        )
    add("cases", count(mine.cases), count(whole.cases))
    add("median", _median(mine.median_days, lang), _median(whole.median_days, lang))
    add(
        "by_deadline",
        _share(mine.by_deadline, mine.due, lang),
        _share(whole.by_deadline, whole.due, lang),
    )
    add("overdue", count(mine.overdue), count(whole.overdue))
    out = pd.DataFrame(rows, columns=["measure", "this_unit", "district"])
    out.attrs["datasets"] = list(fc.DATASETS)
    return out
