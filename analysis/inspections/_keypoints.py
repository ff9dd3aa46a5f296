"""The key points of the inspection page: what the records show, first, in 3–6 sentences.

Each point is worded from the ``values`` of the findings function of its section (records,
items, units, rectification, validation), computed on the same frames the sections draw,
so the box can never say something the page below it does not. Records too thin for a
point give a point that says what they do not show.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections import _findings_common as fc
from analysis.inspections import findings
from analysis.inspections._findings_risk import problem
from analysis.inspections._risk_compare import declared_cutoff
from analysis.inspections._stats import interval, rate
from analysis.inspections.metrics import (
    TOTAL,
    checked_visits,
    outcome_summary,
    pass_rates,
    rectification_cases,
    rectification_summary,
)
from analysis.inspections.risk import validate
from analysis.presentation.findings import count, number, pick
from analysis.presentation.keypoints import KeyPoints, no_records_point
from analysis.presentation.keypoints import key_points as box
from analysis.presentation.wording import agree
from analysis.rules.intervals import apart, wilson


def _records(visits: pd.DataFrame, lang: str, values: dict) -> list[str]:
    if visits.empty:
        return [
            no_records_point("inspections", lang),
            pick(
                lang,
                "没有检查记录，就没有合格率、整改时间或风险排序可言。",
                "With no visit recorded there is no pass rate, time to rectification or risk "
                "ranking to report.",
            ),
            pick(
                lang,
                "因此这些记录也说明不了下一轮应先查哪些场所。",
                "So these records cannot say which premises to visit first next time either.",
            ),
        ]
    checked = checked_visits(visits)
    got = findings.records(visits, checked, lang).values
    values.update(visits=got["visits"], premises=got["premises"], checked=got["checked"])
    return [
        pick(
            lang,
            "检查记录共 {v} 次检查、{p} 个场所（{a} 至 {b}）；其中 {c} 次初查检查了至少一个项目。",
            "The inspection records hold {v} visit{vs} to {p} premises ({a} to {b}); {c} first "
            "visit{cs} checked at least one item.",
            vs=agree(got["visits"], "", "s"),
            cs=agree(got["checked"], "", "s"),
            v=count(got["visits"]),
            p=count(got["premises"]),
            a=fc.day(visits["inspected_on"].min()),
            b=fc.day(visits["inspected_on"].max()),
            c=count(got["checked"]),
        )
    ]


def _items(checked: pd.DataFrame, lang: str, values: dict) -> str:
    rates = pass_rates(checked)
    whole = rates[(rates["premises_type"].astype(str) == TOTAL) & (rates["checked"] > 0)]
    if whole.empty:
        return pick(
            lang,
            "记录中没有一次初查检查了卫生项目，无法给出合格率。",
            "No first visit in the records checked a hygiene item, so no pass rate can be given.",
        )
    got = findings.items(rates, lang).values
    ordered = whole.sort_values(["pass_rate_pct", "item"], kind="stable")  # as the section
    low, high = ordered.iloc[0], ordered.iloc[-1]
    lo, hi = got["worst_item_ci_pct"] if "worst_item_ci_pct" in got else (float("nan"),) * 2
    values.update(worst_item=str(low["item"]), worst_item_pass_pct=got["worst_item_pass_pct"])
    chance = pick(
        lang,
        "，与至少一个其他项目的区间重叠（差别在偶然范围内）",
        ", its interval overlapping at least one other item's (within chance)",
    )
    return pick(
        lang,
        "最常不合格的检查项目是{item}：{n} 次检查中合格 {r}（{ci}）{chance}；"
        "最少出问题的是{best}（{rb}）。",
        "The item that fails most is {item}: {r} of {n} check{s} passed ({ci}){chance}; the "
        "one that fails least is {best} ({rb}).",
        item=fc.item(low["item"], lang),
        n=count(low["checked"]),
        s=agree(int(low["checked"]), "", "s"),
        r=rate(float(low["pass_rate_pct"]), lo, hi),
        ci=interval(lo, hi, lang),
        best=fc.item(high["item"], lang),
        rb=fc.pct(float(high["pass_rate_pct"])),
        chance=chance if got.get("worst_item_within_chance", 0) else "",
    )


def _units(checked: pd.DataFrame, lang: str, values: dict) -> str:
    by_unit = outcome_summary(checked, "unit_id")
    k, n = int(by_unit["ordered"].sum()), int(by_unit["visits"].sum())
    low, high = (100 * b for b in wilson(k, n))
    values.update(ordered=k, ordered_pct=100 * k / n)
    got = findings.units(by_unit, lang).values
    share = pick(
        lang,
        "检查了项目的初查中 {r} 责令限期整改（{ci}）",
        "{r} of the first visits that checked an item ordered rectification ({ci})",
        r=rate(100 * k / n, low, high),
        ci=interval(low, high, lang),
    )
    if "top_ci_pct" not in got or "bottom_ci_pct" not in got:
        return share + pick(lang, "。", ".")
    told = apart(tuple(got["top_ci_pct"]), tuple(got["bottom_ci_pct"]))
    values["units_apart"] = told
    return share + pick(
        lang,
        "；比例最高和最低的街道（镇）{what}（{a} 对 {b}）。",
        "; the units with the highest and lowest shares {what} ({a} vs {b}).",
        what=pick(lang, "区间不重叠，差别超出偶然", "differ beyond chance")
        if told
        else pick(lang, "区间重叠，差别在偶然范围内", "are within chance of each other"),
        a=fc.pct(got["top_pct"], 0),
        b=fc.pct(got["bottom_pct"], 0),
    )


def _cases(visits: pd.DataFrame, lang: str, as_of: str, values: dict) -> str:
    cases = rectification_cases(visits, as_of)
    summary = rectification_summary(cases)
    got = findings.rectification(cases, summary, as_of=as_of, lang=lang).values
    values.update(cases=got["cases"])
    if got["cases"] == 0:
        return pick(
            lang,
            "没有一次初查责令限期整改，因此没有整改案件，也没有整改时间可言。",
            "No first visit ordered rectification, so there is no rectification case and no "
            "time to rectification.",
        )
    if "median_days" in got:
        median = pick(
            lang,
            "整改时间中位数 {d}（Kaplan–Meier，未结案件作删失处理）",
            "the median time to rectification is {d} (Kaplan–Meier, open cases censored)",
            d=fc.days(got["median_days"], lang),
        )
        values["median_days"] = got["median_days"]
    else:
        median = pick(
            lang,
            "整改完成的不到一半，中位数尚不可知",
            "fewer than half are rectified, so the median is not known yet",
        )
    if got.get("due", 0):
        lo, hi = got["by_deadline_ci_pct"]
        values.update(by_deadline_pct=got["by_deadline_pct"], overdue=got["overdue"])
        deadline = pick(
            lang,
            "；期限已过的 {due} 个案件中 {p}（{ci}）按期整改，截至 {as_of} 有 {o} 个逾期仍未整改",
            "; of the {due} case{s} past {its} deadline {p} ({ci}) {were} rectified by it, and "
            "{o} {were_o} overdue and still open on {as_of}",
            s=agree(got["due"], "", "s"),
            its=agree(got["due"], "its", "their"),
            were=agree(got["due"], "was", "were"),
            were_o=agree(got["overdue"], "was", "were"),
            due=count(got["due"]),
            p=rate(got["by_deadline_pct"], lo, hi),
            ci=interval(lo, hi, lang),
            o=count(got["overdue"]),
            as_of=as_of,
        )
    else:
        deadline = pick(lang, "；还没有案件到期", "; no case has reached its deadline yet")
    return pick(
        lang,
        "{n} 个整改案件：{median}{deadline}。",
        "{n} rectification case{s}: {median}{deadline}.",
        n=count(got["cases"]),
        s="" if got["cases"] == 1 else "s",
        median=median,
        deadline=deadline,
    )


def _ranking(visits: pd.DataFrame, lang: str, as_of: str, values: dict) -> str:
    cutoff = declared_cutoff(as_of)
    result = validate(visits, cutoff, until=as_of, strict=False)
    if result.problem is not None:
        values["ranking_problem"] = result.problem
        return pick(
            lang,
            "风险排序无法检验：{why}。",
            "The risk ranking cannot be judged: {why}.",
            why=problem(result.problem, lang),
        )
    got = findings.validation(result, pd.DataFrame(), cutoff, until=as_of, lang=lang).values
    values.update(lift=got["lift"], lift_low=got["lift_low"], lift_high=got["lift_high"])
    if got["lift_low"] > 1 and got.get("gain_low", float("nan")) > 0:
        verdict = pick(
            lang, "它也优于只按既往不合格次数排序", "it also beats ranking on prior failures alone"
        )
    elif got["lift_low"] > 1:
        verdict = pick(
            lang,
            "但它未显示出比只按既往不合格次数排序更好",
            "but it is not shown to beat ranking on prior failures alone",
        )
    else:
        verdict = pick(
            lang,
            "区间包含 1：与随机顺序无法区分",
            "the interval includes 1: not distinguishable from random order",
        )
    return pick(
        lang,
        "按三因素风险分数先查前 20% 的场所，能找到 {cut} 之后不合格场所的 {f}，"
        "是随机顺序的 {l}（95% 区间 {lo}–{hi}）；{verdict}。",
        "Visiting the top 20% of premises by the three-factor risk score finds {f} of those "
        "failing after {cut}, {l} what random order finds (95% interval {lo}–{hi}); {verdict}.",
        cut=fc.day(cutoff),
        f=fc.pct(got["found20_pct"], 0),
        l=fc.times(got["lift"]),
        lo=number(got["lift_low"], 2),
        hi=number(got["lift_high"], 2),
        verdict=verdict,
    )


def key_points(visits: pd.DataFrame, lang: str | None = None, as_of: str = DATA_AS_OF) -> KeyPoints:
    """The opening box of the inspection page: 3–6 points computed from the records.

    Parameters
    ----------
    visits
        The inspection records (:func:`analysis.load_inspections`), synthetic or imported.
    as_of
        The date open cases are censored at and the ranking is judged up to.

    Raises
    ------
    KeyError
        If ``visits`` lacks a column the inspection metrics need.
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    points = _records(visits, lang, values)
    if not visits.empty:
        checked = checked_visits(visits)
        points.append(_items(checked, lang, values))
        if len(checked):
            points.append(_units(checked, lang, values))
        points.append(_cases(visits, lang, as_of, values))
        points.append(_ranking(visits, lang, as_of, values))
    return box(points, list(fc.DATASETS), lang, **values)
