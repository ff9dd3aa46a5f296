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
from analysis.presentation.findings import count, pick
from analysis.presentation.text import Catalogue
from analysis.rules.entities import DISTRICT_ID
from analysis.rules.intervals import apart, wilson

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


def _name(unit_id: str, lang: str) -> str:
    name = fc.unit_name(unit_id, lang)
    if str(unit_id) == DISTRICT_ID:  # premises filed under the district are its own bodies'
        name = pick(lang, "{name}（区直单位）", "{name} (district bodies)", name=name)
    return name


def _verdict(a: tuple[int, int], b: tuple[int, int], lang: str) -> str:
    """Whether two rates' 95 % intervals tell them apart, in words."""
    if min(a[1], b[1]) < fc.MIN_N:
        return fc.too_few(min(a[1], b[1]), lang)
    if apart(wilson(*a), wilson(*b)):
        return pick(lang, "两者区间不重叠，差别超出偶然", "the intervals do not overlap")
    return pick(lang, "两者区间重叠，差别在偶然范围内", "the intervals overlap: within chance")


def comparison_sentences(
    unit_id: str, mine: Tally, whole: Tally, lang: str, values: dict[str, object]
) -> list[str]:
    """The unit beside the district, in two or three sentences (the unit page's points)."""
    name = _name(unit_id, lang)
    values.update(
        unit_checked=mine.checked,
        unit_ordered=mine.ordered,
        district_checked=whole.checked,
        district_ordered=whole.ordered,
        unit_cases=mine.cases,
        district_cases=whole.cases,
    )
    if mine.checked == 0:
        out = [
            pick(
                lang,
                "检查记录中，{name}没有一次检查了项目的初查（全区 {n} 次）。",
                "The inspection records hold no first visit in {name} that checked an item "
                "(district: {n}).",
                name=name,
                n=count(whole.checked),
            )
        ]
    else:
        out = [
            pick(
                lang,
                "{name}检查了项目的 {n} 次初查中，{p}责令限期整改；全区为 {q}（{v}）。",
                "Of {n} first visits in {name} that checked an item, {p} ordered "
                "rectification; district {q} ({v}).",
                name=name,
                n=count(mine.checked),
                p=_share(mine.ordered, mine.checked, lang),
                q=_share(whole.ordered, whole.checked, lang),
                v=_verdict((mine.ordered, mine.checked), (whole.ordered, whole.checked), lang),
            )
        ]
    if mine.cases == 0:
        out.append(
            pick(
                lang,
                "{name}没有整改案件（全区 {n} 个）。",
                "{name} has no rectification case (district: {n}).",
                name=name,
                n=count(whole.cases),
            )
        )
        return out
    values.update(unit_median_days=mine.median_days, district_median_days=whole.median_days)
    out.append(
        pick(
            lang,
            "{name}的 {n} 个整改案件，整改天数中位数 {d}（全区 {e}）；期限已过的案件中按期整改 "
            "{p}，全区 {q}（{v}）。",
            "{name}'s {n} rectification case{s} took a median {d} to rectify (district {e}); "
            "of those past their deadline, {p} were rectified by it, district {q} ({v}).",
            name=name,
            n=count(mine.cases),
            s="" if mine.cases == 1 else "s",
            d=_median(mine.median_days, lang),
            e=_median(whole.median_days, lang),
            p=_share(mine.by_deadline, mine.due, lang),
            q=_share(whole.by_deadline, whole.due, lang),
            v=_verdict((mine.by_deadline, mine.due), (whole.by_deadline, whole.due), lang),
        )
    )
    return out


def weakest_item(mine: Tally) -> str | None:
    """The unit's item with the lowest pass rate (ties: schema order); None if none checked."""
    checked = {i: pn for i, pn in mine.items.items() if pn[1] > 0}
    if not checked:
        return None
    return min(checked, key=lambda i: (checked[i][0] / checked[i][1], CHECK_ITEMS.index(i)))


def item_sentence(unit_id: str, mine: Tally, whole: Tally, lang: str) -> str | None:
    """The unit's weakest item beside the district's pass rate of the same item."""
    item = weakest_item(mine)
    if item is None:
        return None
    return pick(
        lang,
        "{name}合格率最低的检查项目是{item}：{p}；全区同一项目 {q}（{v}）。",
        "{name}'s lowest item pass rate is {item}: {p}; district {q} for the same item ({v}).",
        name=_name(unit_id, lang),
        item=fc.item(item, lang),
        p=_share(*mine.items[item], lang),
        q=_share(*whole.items[item], lang),
        v=_verdict(mine.items[item], whole.items[item], lang),
    )


def district_sentence(unit_id: str, mine: Tally, whole: Tally, lang: str) -> str:
    """One sentence: every measure the unit's findings state, the unit's value beside the
    district's (the unit's own sentences come first, so the unit is not named again)."""
    parts = [
        pick(
            lang,
            "初查责令限期整改 {p} 对 {q}（{v}）",
            "first visits ordering rectification {p} vs {q} ({v})",
            p=_share(mine.ordered, mine.checked, lang),
            q=_share(whole.ordered, whole.checked, lang),
            v=_verdict((mine.ordered, mine.checked), (whole.ordered, whole.checked), lang),
        )
    ]
    item = weakest_item(mine)
    if item is not None:
        parts.append(
            pick(
                lang,
                "{item}合格率 {p} 对 {q}",
                "{item} pass rate {p} vs {q}",
                item=fc.item(item, lang),
                p=_share(*mine.items[item], lang),
                q=_share(*whole.items[item], lang),
            )
        )
    parts.append(
        pick(
            lang,
            "整改案件 {a} 对 {b} 个，中位数 {d} 对 {e}",
            "rectification cases {a} vs {b}, median {d} vs {e}",
            a=count(mine.cases),
            b=count(whole.cases),
            d=_median(mine.median_days, lang),
            e=_median(whole.median_days, lang),
        )
    )
    if mine.due:
        parts.append(
            pick(
                lang,
                "按期整改 {p} 对 {q}（{v}）",
                "rectified by the deadline {p} vs {q} ({v})",
                p=_share(mine.by_deadline, mine.due, lang),
                q=_share(whole.by_deadline, whole.due, lang),
                v=_verdict((mine.by_deadline, mine.due), (whole.by_deadline, whole.due), lang),
            )
        )
    return pick(
        lang,
        "与全区相比（本单位对全区）：{parts}。",
        "Beside the whole district (this unit vs district): {parts}.",
        parts="；".join(parts) if lang == "zh" else "; ".join(parts),
    )


def unit_points(
    unit_id: str,
    visits: pd.DataFrame,
    lang: str | None = None,
    as_of: str | pd.Timestamp = DATA_AS_OF,
) -> list[str]:
    """Key points of the unit page's inspection section: the unit beside the district.

    Parameters
    ----------
    unit_id
        The unit.
    visits
        Every inspection record of the district (:func:`analysis.load_inspections`).

    Returns
    -------
    list of str
        Two or three sentences in the edition's language: the share of first visits
        ordering rectification, the unit's weakest item, and the rectification cases
        (median days, share by the deadline), each with the district's figure and whether
        the intervals tell them apart.

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
    out = comparison_sentences(unit_id, mine, whole, lang, {})
    item = item_sentence(unit_id, mine, whole, lang)
    return out[:1] + ([item] if item else []) + out[1:]
