"""Findings of §4: what re-inspections find, and who fails the same item again."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._stats import rate, wilson
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.wording import agree


def _rate(k: int, n: int) -> str:
    """``k / n`` as a percentage, to the precision its Wilson interval supports."""
    low, high = wilson(k, n)
    return rate(100 * k / n, 100 * low, 100 * high)


def repeats(outcomes: pd.DataFrame, offenders: pd.DataFrame, lang: str | None = None) -> Findings:
    """§4: what re-inspections find, by round, and who fails the same item again.

    Parameters
    ----------
    outcomes
        :func:`analysis.inspections.reinspection_outcomes`.
    offenders
        :func:`analysis.inspections.repeat_offenders`.

    Raises
    ------
    KeyError
        If a frame is not shaped as above.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    if outcomes.empty:
        sentences.append(pick(lang, "记录中没有复查。", "The records hold no re-inspection."))
    else:
        first = outcomes.iloc[0]
        n, k, late = int(first["reinspections"]), int(first["passed"]), int(first["after_deadline"])
        values.update(round1=n, round1_passed=k, round1_pct=100 * k / n)
        values.update(round1_late=late, round1_late_pct=100 * late / n)
        sentences.append(
            pick(
                lang,
                "第一次复查 {n} 次，{k} 次合格（{r}）{few}；{l} 次（{lr}）在期限之后才去。",
                "{n} first re-inspection{s}, {k} passed ({r}){few}; {l} ({lr}) came after the "
                "deadline.",
                n=count(n),
                s=agree(n, "", "s"),
                k=count(k),
                r=_rate(k, n),
                few=pick(lang, "，", "; ") + fc.too_few(n, lang) if n < fc.MIN_N else "",
                l=count(late),
                lr=_rate(late, n),
            )
        )
        if len(outcomes) > 1:
            second = outcomes.iloc[1]
            n2, k2 = int(second["reinspections"]), int(second["passed"])
            values.update(round2=n2, round2_passed=k2, round2_pct=100 * k2 / n2)
            values["rounds"] = int(outcomes["round"].max())
            sentences.append(
                pick(
                    lang,
                    "仍不合格的再复查：第二轮 {n} 次中 {k} 次合格（{r}）；最多复查到第 {m} 轮。",
                    "Those still failing were visited again: {k} of {n} passed in the second "
                    "round ({r}); the longest chain reached round {m}.",
                    n=count(n2),
                    k=count(k2),
                    r=_rate(k2, n2),
                    m=count(values["rounds"]),
                )
            )
    sentences.append(_offenders(offenders, lang, values))
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "生成器让复查时原先不合格的项目更容易再次不合格，让一部分场所的“风险”更高，"
            "所以屡犯是被设计出来的；它们的数量和分布不能引用。",
            "The generator makes failed items likelier to fail again and gives some premises "
            "a higher risk, so repeat offending is built in; its counts cannot be cited.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "表中“未整改好”是复查时同一问题仍未改好的次数，"
            "“反复”是改好后（或在另一次检查中）再次出现的次数：前者要盯整改，后者要盯日常管理。",
            "In the table, “not fixed” counts failures at a re-inspection of the same problem; "
            "“relapses” count a problem that came back after passing or at a separate visit: "
            "the first calls for follow-up of rectification, the second for day-to-day "
            "management.",
        )
    )
    return findings(sentences, caveats, lang, **values)


def _offenders(offenders: pd.DataFrame, lang: str, values: dict[str, object]) -> str:
    if offenders.empty:
        return pick(
            lang,
            "没有场所同一项目两次以上不合格。",
            "No premises failed the same item more than once.",
        )
    per_item = offenders.groupby("item", observed=True)["premises_id"].nunique()
    per_item = per_item.sort_values(ascending=False, kind="stable")
    top = per_item[per_item == per_item.iloc[0]]
    values.update(pairs=len(offenders), repeat_premises=int(offenders["premises_id"].nunique()))
    values.update(top_item_premises=int(per_item.iloc[0]))
    values.update(not_fixed=int(offenders["not_fixed"].sum()))
    values.update(relapses=int(offenders["relapses"].sum()))
    items = listing([fc.item(i, lang) for i in top.index], lang)
    tied = pick(lang, "（并列）", " (tied)") if len(top) > 1 else ""
    return pick(
        lang,
        "同一项目至少两次不合格的有 {p} 个“场所×项目”，涉及 {m} 个场所；最多的是{items}{tied}"
        "（{t} 个场所）。其中复查时同一问题仍未改好 {nf} 次，改好后再次出现 {r} 次。",
        "{p} premises × item pair{s} ({m} premises) failed the same item at least twice; "
        "most often {items}{tied} ({t} premises). Of the repeat failures, {nf} were the same "
        "problem still not put right at a re-inspection and {r} came back later.",
        p=count(len(offenders)),
        s=agree(len(offenders), "", "s"),
        m=count(values["repeat_premises"]),
        items=items,
        tied=tied,
        t=count(per_item.iloc[0]),
        nf=count(values["not_fixed"]),
        r=count(values["relapses"]),
    )
