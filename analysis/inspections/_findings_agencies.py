"""Findings of §2: outcomes by month and agency, the joint inspection, outcomes by unit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.wording import agree
from analysis.rules.entities import DISTRICT_ID


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
        frame = solid if len(solid) else regular
        q1, q3 = np.percentile(frame["fail_rate_pct"], [25, 75])
        low = frame.sort_values(["fail_rate_pct", "visits"], ascending=[True, False]).iloc[0]
        high = frame.sort_values(["fail_rate_pct", "visits"], ascending=[False, False]).iloc[0]
        values.update(q1_pct=float(q1), q3_pct=float(q3))
        values.update(low_pct=float(low["fail_rate_pct"]), low_visits=int(low["visits"]))
        values.update(high_pct=float(high["fail_rate_pct"]), high_visits=int(high["visits"]))
        values.update(min_visits=int(frame["visits"].min()), max_visits=int(frame["visits"].max()))
        sentences.append(
            pick(
                lang,
                "日常检查的部门每月责令限期整改的比例，一半的“部门×月份”在 {q1}–{q3} 之间；"
                "最低是{la}{lm}的 {lr}（{ln} 次检查），最高是{ha}{hm}的 {hr}（{hn} 次）。"
                "单月的比例只建立在 {a}–{b} 次检查上。",
                "Half of the agency-months of the regular agencies ordered rectification at "
                "{q1}–{q3} of visits; the lowest is {la} in {lm} at {lr} ({ln} visits), the "
                "highest {ha} in {hm} at {hr} ({hn} visits). A single month rests on {a}–{b} "
                "visits.",
                q1=fc.pct(q1),
                q3=fc.pct(q3),
                la=fc.category("agency", low["agency"], lang),
                lm=_month(low["period"]),
                lr=fc.pct(low["fail_rate_pct"]),
                ln=count(low["visits"]),
                ha=fc.category("agency", high["agency"], lang),
                hm=_month(high["period"]),
                hr=fc.pct(high["fail_rate_pct"]),
                hn=count(high["visits"]),
                a=count(values["min_visits"]),
                b=count(values["max_visits"]),
            )
        )
        sentences.append(_halves(regular, lang, values))
    sentences.append(_joint(joint, lang, values))
    synthetic = (
        "版面只说联合检查的日期和参与部门，没有说查了多少家、查出什么；{n} 次检查和 {k} 个整改"
        "都是生成器的设定。部门分工（市场监管局多查餐饮、卫健委多查公共场所）也是设定。",
        "The page gives only the date and agencies of the joint inspection; its {n} visits and "
        "{k} orders are invented, as is the division of work between agencies.",
    )
    n, k = int(joint["visits"].sum()), int(joint["ordered"].sum())
    caveats = origin_caveats(
        fc.DATASETS, lang, synthetic=tuple(x.format(n=count(n), k=count(k)) for x in synthetic)
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
    r1 = 100 * early["ordered"].sum() / early["visits"].sum()
    r2 = 100 * late["ordered"].sum() / late["visits"].sum()
    values.update(early_pct=float(r1), late_pct=float(r2), half_months=half)
    if abs(r1 - r2) < 3:
        zh, en = "相差不大", "about the same"
    elif r2 > r1:
        zh, en = "后期较高", "higher later"
    else:
        zh, en = "后期较低", "lower later"
    return pick(
        lang,
        "合起来看，前 {h} 个月为 {r1}，后 {h} 个月为 {r2}"
        "（{wzh}；这只是两段的比较，不是趋势检验）。",
        "Pooled, the first {h} month{s} give {r1} and the last {h} {r2} ({wen}; a comparison "
        "of two spans, not a test of a trend).",
        h=count(half),
        s=agree(half, "", "s"),
        r1=fc.pct(r1),
        r2=fc.pct(r2),
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
        r=fc.pct(100 * k / n),
    )


def units(by_unit: pd.DataFrame, lang: str | None = None) -> Findings:
    """§2: share of visits ordering rectification per unit; the district bodies' own row.

    Raises
    ------
    KeyError
        If ``by_unit`` is not :func:`analysis.inspections.outcome_summary` by ``unit_id``.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    district = by_unit[by_unit["unit_id"].astype(str) == DISTRICT_ID]
    rest = by_unit[by_unit["unit_id"].astype(str) != DISTRICT_ID]
    solid = rest[rest["visits"] >= fc.MIN_N]

    def said(row: pd.Series) -> str:
        return pick(
            lang,
            "{name}（{r}，{k}/{n}）",
            "{name} ({r}, {k}/{n})",
            name=fc.unit_name(row["unit_id"], lang),
            r=fc.pct(row["fail_rate_pct"]),
            k=count(row["ordered"]),
            n=count(row["visits"]),
        )

    if rest.empty:
        sentences.append(
            pick(
                lang, "没有街道（镇）的检查记录。", "No visit is filed under a subdistrict or town."
            )
        )
    elif len(solid) < 2:
        row = (solid if len(solid) else rest).iloc[0]
        values.update(top_pct=float(row["fail_rate_pct"]), top_visits=int(row["visits"]))
        values["top_ordered"] = int(row["ordered"])
        sentences.append(
            pick(
                lang,
                "只有一个街道（镇）有足够的检查可看：{u}；没有可比较的对象。",
                "Only one unit has enough visits to read: {u}; there is nothing to compare.",
                u=said(row),
            )
        )
    else:
        ordered = solid.sort_values(["fail_rate_pct", "visits"], ascending=[False, False])
        top, bottom = ordered.iloc[0], ordered.iloc[-1]
        for key, row in (("top", top), ("bottom", bottom)):
            values[f"{key}_pct"] = float(row["fail_rate_pct"])
            values[f"{key}_ordered"], values[f"{key}_visits"] = (
                int(row["ordered"]),
                int(row["visits"]),
            )
        tie = top["fail_rate_pct"] == bottom["fail_rate_pct"]
        sentences.append(
            pick(
                lang,
                "各街道（镇）的比例相同：{u}。" if tie else "{u}的比例最高，{b}最低。",
                "Every unit has the same share: {u}." if tie else "{u} is highest, {b} lowest.",
                u=said(top),
                b=said(bottom),
            )
        )
    few = rest[rest["visits"] < fc.MIN_N]
    if len(few):
        sentences.append(
            pick(
                lang,
                "{names}的检查太少（少于 {k} 次），未作比较。",
                "{names}: fewer than {k} visits, not compared.",
                names=listing([fc.unit_name(u, lang) for u in few["unit_id"]], lang),
                k=count(fc.MIN_N),
            )
        )
    if len(district):
        row = district.iloc[0]
        values.update(district_visits=int(row["visits"]), district_ordered=int(row["ordered"]))
        sentences.append(
            pick(
                lang,
                "“{name}（区直单位）”一行是直属于区的单位（机关食堂等），"
                "{n} 次检查中 {k} 次责令整改——它不是全区合计。",
                "The “{name} (district bodies)” row is premises of district bodies (canteens and "
                "the like) filed under the district itself, {k} of {n} visits ordering "
                "rectification: it is not a district total.",
                name=fc.unit_name(row["unit_id"], lang),
                n=count(row["visits"]),
                k=count(row["ordered"]),
            )
        )
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "街道之间的差别没有任何含义：场所的“风险”在生成器里是随机分配的，版面没有任何按街道的检查数字。",
            "Differences between units mean nothing here: premises risk is assigned at random by "
            "the generator, and the page has no inspection figure per unit.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "比较街道之前，要先问各街道被检查的场所类型是否相同（小餐饮店多的地方比例自然高）。",
            "Before comparing units, check whether they differ in their mix of premises types "
            "(a unit with more small restaurants will show a higher share).",
        )
    )
    return findings(sentences, caveats, lang, **values)
