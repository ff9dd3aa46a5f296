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
    number,
    percent,
    pick,
    plural,
)
from analysis.presentation.wording import is_zh, share, short_number
from analysis.renovation._findings_common import compound_name
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND, SURVEY_FORMATS


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


def evaluation(
    scores: pd.DataFrame,
    changes: pd.DataFrame,
    span: pd.DataFrame,
    name_zh: str = LABOUR_BUREAU_COMPOUND,
    lang: str | None = None,
) -> Findings:
    """Peer evaluation: the rounds held, the change over all rounds, the latest moves.

    Parameters
    ----------
    scores
        ``renovation.score_table(evaluations, compounds)``.
    changes
        ``renovation.rank_changes(evaluations, compounds)`` (the last two rounds).
    span
        ``renovation.rank_changes(evaluations, compounds, span=True)`` (first to last).
    name_zh
        A compound to follow through the rounds (the page's case), if it was scored.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    caveats = origin_caveats(
        ("evaluations", "compounds"),
        lang,
        synthetic=(
            "生成器让每个楼院每轮缩小一部分与满分的差距，再加随机波动，所以“普遍进步”是设定，"
            "不是评比机制有效的证据；轮与轮之间的升降大多是随机波动。版面只给出“每两月一次”。",
            "The generator closes part of each compound's gap to 100 every round and adds "
            "noise, so the general rise is built in, not evidence that evaluation works; "
            'most round-to-round moves are noise. The page gives only "every two months".',
        ),
    )
    rounds = scores.groupby("round_no")["held_on"].min().sort_index() if len(scores) else None
    n = 0 if rounds is None else len(rounds)
    values: dict[str, object] = {"rounds": n}
    if n == 0:
        text = pick(lang, "没有评比记录。", "No evaluation is on record.")
        return findings([text], caveats, lang, **values)
    values.update(first=f"{rounds.iloc[0]:%Y-%m-%d}", last=f"{rounds.iloc[-1]:%Y-%m-%d}")
    head = pick(
        lang,
        "共 {n} 轮评比（{a} 至 {b}",
        "{n} of evaluation ({a} to {b}",
        n=count(n) if is_zh(lang) else plural(n, "round"),
        a=values["first"],
        b=values["last"],
    )
    if n > 1:
        gap = float(pd.Series(rounds.to_numpy()).diff().dt.days.median())
        values["median_gap_days"] = gap
        head += pick(lang, "，间隔中位数 {d} 天", ", a median {d} days apart", d=short_number(gap))
    sentences = [head + pick(lang, "）。", ").")]
    if n == 1:
        sentences.append(
            pick(lang, "只有一轮，谈不上升降。", "With one round there is no rise or fall.")
        )
        return findings(sentences, caveats, lang, **values)
    both = span.dropna(subset=["change"])
    rose = int((both["change"] > 0).sum())
    values.update(compared=len(both), rose=rose, mean_change=float(both["change"].mean()))
    values["change_range"] = (float(both["change"].min()), float(both["change"].max()))
    a, b = span.attrs.get("rounds", ("?", "?"))
    values["span_rounds"] = (int(a), int(b))
    every = rose == len(both)
    sentences.append(
        pick(
            lang,
            ("全部 {k} 个楼院" if every else "{k} 个楼院中 {r} 个")
            + "第 {a} 轮到第 {b} 轮得分提高，平均变化 {m} 分（{lo} 至 {hi} 分）。",
            ("All {k} compounds" if every else "{r} of {k} compounds")
            + " scored higher in round {b} than in round {a} (mean change "
            "{m} points, {lo} to {hi}).",
            k=count(len(both)),
            r=count(rose),
            a=a,
            b=b,
            m=number(values["mean_change"], 1),
            lo=number(values["change_range"][0], 1),
            hi=number(values["change_range"][1], 1),
        )
    )
    sentences += _latest(changes, values, lang)
    followed = scores[scores["name_zh"].astype(str) == name_zh]
    if len(followed):
        best, worst = int(followed["rank"].min()), int(followed["rank"].max())
        latest = int(followed.sort_values("round_no")["rank"].iloc[-1])
        values.update(case_best=best, case_worst=worst, case_latest=latest)
        name = compound_name(name_zh, None, lang)
        sentences.append(
            pick(
                lang,
                "{name}各轮排名在第 {a}–{b} 名之间，最近一轮第 {c} 名。",
                "{Name} ranked between {a} and {b} across the rounds, {c} in the latest.",
                name=name,
                Name=name[:1].upper() + name[1:],
                a=best,
                b=worst,
                c=latest,
            )
        )
    return findings(sentences, caveats, lang, **values)


def _latest(changes: pd.DataFrame, values: dict, lang: str | None) -> list[str]:
    """Who fell most and who climbed most between the last two rounds."""
    both = changes.dropna(subset=["change"])
    if both.empty:
        return []
    a, b = changes.attrs.get("rounds", ("?", "?"))
    fell = int((both["change"] < 0).sum())
    values["fell"] = fell
    values["latest_rounds"] = (int(a), int(b))
    out = [
        pick(
            lang,
            "第 {a} 轮到第 {b} 轮有 {k} 个楼院得分下降。",
            "Between rounds {a} and {b}, {k} scored lower.",
            a=a,
            b=b,
            k=count(fell) if is_zh(lang) else plural(fell, "compound"),
        )
    ]
    if fell:
        drop = both.sort_values(["change", "compound_id"], kind="stable").iloc[0]
        values["drop"] = (-float(drop["change"]), int(drop["rank_from"]), int(drop["rank_to"]))
        out.append(
            pick(
                lang,
                "降幅最大的{name}下降 {d} 分，从第 {f} 名到第 {t} 名。",
                "The biggest drop, {name}, lost {d} points, from rank {f} to {t}.",
                name=compound_name(drop["name_zh"], drop["unit_id"], lang),
                d=number(-drop["change"], 1),
                f=int(drop["rank_from"]),
                t=int(drop["rank_to"]),
            )
        )
    climb = both.sort_values(["rank_change", "compound_id"], ascending=[False, True], kind="stable")
    top = climb.iloc[0]
    if top["rank_change"] > 0:
        values["climb"] = (float(top["change"]), int(top["rank_from"]), int(top["rank_to"]))
        out.append(
            pick(
                lang,
                "名次升得最多的是{name}：得分变化 {d} 分，从第 {f} 名升到第 {t} 名。",
                "The biggest climb was {name}'s: {d} points, from rank {f} to {t}.",
                name=compound_name(top["name_zh"], top["unit_id"], lang),
                d=number(top["change"], 1),
                f=int(top["rank_from"]),
                t=int(top["rank_to"]),
            )
        )
    return out
