"""Findings of notebook 01 on participation (the consultation funnel, month by month) and on
the bimonthly peer evaluation (scores and rank changes)."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import (
    Findings,
    count,
    findings,
    listing,
    percent,
    pick,
)
from analysis.presentation.wording import is_zh, share
from analysis.rules.entities import SURVEY_FORMATS


def _stages(funnel: pd.DataFrame) -> dict[str, int]:
    return dict(zip(funnel["stage"].astype(str), funnel["value"].astype(int), strict=True))


def _funnel_text(label: tuple[str, str], f: dict[str, int], lang: str | None) -> str:
    """One funnel in a sentence: meetings, suggestions, adopted (share), resolved (share)."""
    who = label[0] if is_zh(lang) else label[1]
    if f["consultations"] == 0:
        return pick(lang, "{who}：没有记录。", "{who}: none recorded.", who=who)
    if f["suggestions"] == 0:
        return pick(
            lang,
            "{who} {n} 次，没有记录到建议。",
            "{who}: {n}, with no suggestions recorded.",
            who=who,
            n=count(f["consultations"]),
        )
    return pick(
        lang,
        "{who} {n} 次，收集建议 {s} 条，采纳 {a} 条（{ap}），解决问题 {r} 个（占建议 {rp}）。",
        "{who}: {n}, collecting {s} suggestions; {a} adopted ({ap}) and {r} problems "
        "resolved ({rp} of suggestions).",
        who=who,
        n=count(f["consultations"]),
        s=count(f["suggestions"]),
        a=count(f["adopted"]),
        ap=percent(share(f["adopted"], f["suggestions"])),
        r=count(f["resolved"]),
        rp=percent(share(f["resolved"], f["suggestions"])),
    )


def participation(
    face_to_face: pd.DataFrame,
    bureau_talks: pd.DataFrame,
    surveys: pd.DataFrame,
    monthly: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """From consultation to problems resolved, and when consultations were held.

    Parameters
    ----------
    face_to_face, bureau_talks, surveys
        ``renovation.participation_funnel`` of the unit's face-to-face formats, of the
        housing bureau's small-stool talks, and of the unit's surveys.
    monthly
        ``renovation.consultations_by_month(consultations, compounds)``.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    caveats = [
        pick(
            lang,
            "“解决问题”的个数与建议条数单位不同（版面原文如此），百分比只是粗略的比例。",
            "Problems and suggestions are different units (as the page counts them), so "
            "the shares are rough.",
        )
    ]
    caveats += origin_caveats(
        ("consultations", "compounds"),
        lang,
        synthetic=(
            "版面只给出 200余次、2400余户、300多条、15 条和 8 个；"
            "“采纳”这一环以及各月、各形式的分布都是生成器的设定。",
            'Only the published totals are real; the "adopted" stage and the monthly and '
            "per-format split are generator settings.",
        ),
    )
    values: dict[str, object] = {}
    sentences = []
    for key, frame, label in (
        (
            "face",
            face_to_face,
            ("面对面议事（小板凳恳谈会、居民议事会、上门入户）", "Face-to-face consultations"),
        ),
        (
            "bureau",
            bureau_talks,
            ("区住建局(交通)局分包楼院的小板凳恳谈会", "The housing bureau's small-stool talks"),
        ),
        ("survey", surveys, ("问卷", "Surveys")),
    ):
        f = _stages(frame)
        values.update({f"{key}_{k}": v for k, v in f.items()})
        values[f"{key}_adopted_share"] = share(f["adopted"], f["suggestions"])
        values[f"{key}_resolved_share"] = share(f["resolved"], f["suggestions"])
        sentences.append(_funnel_text(label, f, lang))
    if len(monthly):
        per = monthly.groupby("month")["consultations"].sum()
        values["first_month"] = f"{per.index.min():%Y-%m}"
        sentences.append(
            pick(lang, "议事从 {m} 开始", "Consultations began in {m}", m=values["first_month"])
        )
        empty = [f"{m:%Y-%m}" for m in per.index[per == 0]]
        values["empty_months"] = empty
        sentences[-1] += (
            pick(lang, "；{ms} 一次也没有", "; none were held in {ms}", ms=listing(empty, lang))
            if empty
            else pick(lang, "，此后每月都有", ", and were held every month since")
        )
        fmt = monthly["format"].astype(str)
        survey = monthly[fmt.isin(SURVEY_FORMATS) & (monthly["consultations"] > 0)]
        if len(survey):
            lo, hi = f"{survey['month'].min():%Y-%m}", f"{survey['month'].max():%Y-%m}"
            values["survey_months"] = (lo, hi)
            sentences[-1] += pick(
                lang,
                "；问卷集中在 {lo} 至 {hi}",
                "; surveys ran from {lo} to {hi}",
                lo=lo,
                hi=hi,
            )
        sentences[-1] += pick(lang, "。", ".")
    return findings(sentences, caveats, lang, **values)
