"""Findings of §2: outcomes by month and agency, and the joint inspection."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._stats import interval, rate, wilson, with_intervals
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, number, pick
from analysis.presentation.wording import agree


def _month(period: object) -> str:
    return f"{pd.Timestamp(period):%Y-%m}"


def agencies(monthly: pd.DataFrame, joint: pd.DataFrame, lang: str | None = None) -> Findings:
    """§2: monthly share of visits ordering rectification per agency, and the joint inspection.

    Parameters
    ----------
    monthly
        :func:`analysis.inspections.outcome_summary` by ``agency`` with ``period="M"``.
    joint
        The same of the joint inspection's visits by ``["inspected_on", "premises_type"]``.

    Raises
    ------
    KeyError
        If a frame is not shaped as above.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    months_of = monthly.groupby("agency", observed=True)["period"].nunique()
    regular = monthly[monthly["agency"].isin(months_of[months_of > 1].index)]
    if monthly.empty:
        sentences.append(pick(lang, "没有检查了项目的初查。", "There is no checked first visit."))
    elif regular.empty:
        sentences.append(
            pick(
                lang,
                "没有哪个部门在一个以上的月份有检查，无从比较各月。",
                "No agency has visits in more than one month: there is nothing to compare.",
            )
        )
    else:
        solid = regular[regular["visits"] >= fc.MIN_N]
        frame = with_intervals(solid if len(solid) else regular, "ordered", "visits")
        q1, q3 = np.percentile(frame["fail_rate_pct"], [25, 75])
        low = frame.sort_values(["fail_rate_pct", "visits"], ascending=[True, False]).iloc[0]
        high = frame.sort_values(["fail_rate_pct", "visits"], ascending=[False, False]).iloc[0]
        values.update(q1_pct=float(q1), q3_pct=float(q3))
        values.update(low_pct=float(low["fail_rate_pct"]), low_visits=int(low["visits"]))
        values.update(high_pct=float(high["fail_rate_pct"]), high_visits=int(high["visits"]))
        values.update(min_visits=int(frame["visits"].min()), max_visits=int(frame["visits"].max()))
        for key, row in (("low", low), ("high", high)):
            values[f"{key}_ci_pct"] = [float(row["ci_low_pct"]), float(row["ci_high_pct"])]
        apart = low["ci_high_pct"] < high["ci_low_pct"]
        sentences.append(
            pick(
                lang,
                "日常检查的部门每月责令限期整改的比例，一半的“部门×月份”在 {q1}%–{q3}% 之间；"
                "最低是{la}{lm}的 {lr}（{lci}，{ln} 次检查），"
                "最高是{ha}{hm}的 {hr}（{hci}，{hn} 次）。"
                "{verdict}单月的比例只建立在 {a}–{b} 次检查上。",
                "Half of the agency-months of the regular agencies ordered rectification at "
                "{q1}–{q3}% of visits; the lowest is {la} in {lm} at {lr} ({lci}, {ln} visits), "
                "the highest {ha} in {hm} at {hr} ({hci}, {hn} visits). {verdict}A single month "
                "rests on {a}–{b} visits.",
                q1=number(q1, 0),
                q3=number(q3, 0),
                la=fc.category("agency", low["agency"], lang),
                lm=_month(low["period"]),
                lr=rate(low["fail_rate_pct"], low["ci_low_pct"], low["ci_high_pct"]),
                lci=interval(low["ci_low_pct"], low["ci_high_pct"], lang),
                ln=count(low["visits"]),
                ha=fc.category("agency", high["agency"], lang),
                hm=_month(high["period"]),
                hr=rate(high["fail_rate_pct"], high["ci_low_pct"], high["ci_high_pct"]),
                hci=interval(high["ci_low_pct"], high["ci_high_pct"], lang),
                hn=count(high["visits"]),
                verdict=pick(
                    lang,
                    "两者的区间不重叠。"
                    if apart
                    else "连这两个极端的区间都重叠：没有哪个月份超出偶然范围。",
                    "Their intervals do not overlap. "
                    if apart
                    else "Even these two extremes have overlapping intervals: no agency-month "
                    "stands out beyond chance. ",
                ),
                a=count(values["min_visits"]),
                b=count(values["max_visits"]),
            )
        )
        sentences.append(_halves(regular, lang, values))
    sentences.append(_joint(joint, lang, values))
    synthetic = (
        "版面只说联合检查的日期和参与部门，没有说查了多少家、查出什么；{n} 次检查和 {k} 个整改"
        "都是生成器的设定。部门分工（市场监管局多查餐饮、卫健委多查公共场所）也是设定。",
        "The page gives only the date and agencies of the joint inspection; its {n} visit{vs} "
        "and {k} rectification order{ks} are invented, as is the division of work between "
        "agencies.",
    )
    n, k = int(joint["visits"].sum()), int(joint["ordered"].sum())
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=tuple(
            x.format(n=count(n), k=count(k), vs=agree(n, "", "s"), ks=agree(k, "", "s"))
            for x in synthetic
        ),
    )
    return findings(sentences, caveats, lang, **values)


def _halves(regular: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    """The share ordering rectification in the first and the last half of the months."""
    months = sorted(regular["period"].unique())
    if len(months) < 2:
        return None
    half = len(months) // 2
    early = regular[regular["period"].isin(months[:half])]
    late = regular[regular["period"].isin(months[-half:])]
    k1, n1 = int(early["ordered"].sum()), int(early["visits"].sum())
    k2, n2 = int(late["ordered"].sum()), int(late["visits"].sum())
    r1, r2 = 100 * k1 / n1, 100 * k2 / n2
    (lo1, hi1), (lo2, hi2) = wilson(k1, n1), wilson(k2, n2)
    values.update(early_pct=r1, late_pct=r2, half_months=half)
    values.update(early_ci_pct=[100 * lo1, 100 * hi1], late_ci_pct=[100 * lo2, 100 * hi2])
    if hi1 >= lo2 and hi2 >= lo1:
        zh, en = "区间重叠，差别在偶然范围之内", "the intervals overlap: within chance"
    elif r2 > r1:
        zh, en = "后期较高，区间不重叠", "higher later; the intervals do not overlap"
    else:
        zh, en = "后期较低，区间不重叠", "lower later; the intervals do not overlap"
    return pick(
        lang,
        "合起来看，前 {h} 个月为 {r1}（{c1}），后 {h} 个月为 {r2}（{c2}）"
        "（{wzh}；这只是两段的比较，不是趋势检验）。",
        "Pooled, the first {h} month{s} give {r1} ({c1}) and the last {h} {r2} ({c2}) ({wen}; "
        "a comparison of two spans, not a test of a trend).",
        h=count(half),
        s=agree(half, "", "s"),
        r1=rate(r1, 100 * lo1, 100 * hi1),
        c1=interval(100 * lo1, 100 * hi1, lang),
        r2=rate(r2, 100 * lo2, 100 * hi2),
        c2=interval(100 * lo2, 100 * hi2, lang),
        wzh=zh,
        wen=en,
    )


def _joint(joint: pd.DataFrame, lang: str, values: dict[str, object]) -> str:
    if joint.empty:
        return pick(lang, "记录中没有联合检查。", "No joint inspection is recorded.")
    dates = sorted({fc.day(d) for d in joint["inspected_on"]})
    n, k = int(joint["visits"].sum()), int(joint["ordered"].sum())
    values.update(joint_visits=n, joint_ordered=k, joint_pct=100 * k / n, joint_days=len(dates))
    return pick(
        lang,
        "联合检查在 {dates}（共 {d} 天）进行，检查了 {n} 次，其中 {k} 次责令限期整改（{r}）。",
        "The joint inspection took place on {dates} ({d} day{ds}): {n} visit{ns}, {k} of "
        "them ordering rectification ({r}).",
        dates=listing(dates, lang),
        d=count(len(dates)),
        ds=agree(len(dates), "", "s"),
        n=count(n),
        ns=agree(n, "", "s"),
        k=count(k),
        r=rate(100 * k / n, *(100 * b for b in wilson(k, n))),
    )
