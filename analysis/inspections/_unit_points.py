"""The unit beside the district in words: the unit page's key points and the sentence the
unit findings end with (split from :mod:`analysis.inspections._unit`, which computes the
:class:`~analysis.inspections._unit.Tally` they read)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.errors import require_columns
from analysis.datasets.schema import CHECK_ITEMS, DATA_AS_OF
from analysis.inspections import _findings_common as fc
from analysis.inspections._unit import Tally, _median, _share, tally
from analysis.presentation.findings import count, pick
from analysis.rules.entities import DISTRICT_ID
from analysis.rules.intervals import apart, wilson


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
        Two sentences in the edition's language (the unit page's box holds six points for
        three topics): the share of first visits ordering rectification, and the
        rectification cases (median days, share by the deadline), each with the district's
        figure and whether the intervals tell them apart (the weakest item is in the
        comparison table and the findings).

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
    # Two points: the unit page's box holds at most six, shared by three topics.
    return comparison_sentences(unit_id, mine, tally(visits, as_of), lang, {})
