"""Findings of §3 (time to rectification) and §4 (re-inspections, repeat offenders)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._findings_unit import case_sentences
from analysis.inspections.metrics import TOTAL
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.wording import agree

#: A rectification confirmed within this many days after the deadline counts as "just after".
NEAR_DEADLINE_DAYS = 7


def rectification(
    cases: pd.DataFrame,
    summary: pd.DataFrame,
    as_of: str = fc.AS_OF,
    lang: str | None = None,
) -> Findings:
    """§3: cases, open cases, Kaplan–Meier medians by type, deadlines and the overdue list.

    Parameters
    ----------
    cases
        :func:`analysis.inspections.rectification_cases` (censored at ``as_of``).
    summary
        :func:`analysis.inspections.rectification_summary` of ``cases``.

    Raises
    ------
    KeyError
        If a frame is not shaped as above.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = list(case_sentences(summary, lang, as_of, values))
    if len(cases):
        sentences.insert(2, _medians_by_type(summary, lang, values))
        sentences.insert(3, _deadlines(cases, lang, values))
        sentences.append(_late(cases, lang, values))
        sentences.append(_overdue(cases, lang, values))
        sentences.append(_opened_on_as_of(cases, as_of, lang, values))
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "期限长短、复查时间和整改概率都是生成器的设定。",
            "Deadlines, the timing of re-inspections and the chance of rectification are "
            "generator settings.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "“整改完成”记录的是确认的日期（复查或查看照片、材料），不是实际改好的日期；按期比例低，"
            "可能只说明复查排得晚。案件少于 {k} 个的类型，曲线只是几步台阶，图中未画出。",
            "The date recorded is when rectification was confirmed (a re-visit, photos, "
            "papers), not when it was done; a low on-time share may only mean late re-visits. "
            "Types with fewer than {k} cases are a few steps of a curve and are not drawn.",
            k=count(fc.MIN_N),
        )
    )
    return findings(sentences, caveats, lang, **values)


def _medians_by_type(summary: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    groups = summary[(summary["group"].astype(str) != TOTAL) & (summary["n"] > 0)]
    solid = groups[(groups["n"] >= fc.MIN_N) & groups["median_days"].map(fc.finite)]
    few = groups[groups["n"] < fc.MIN_N]
    if len(groups) < 2:
        return None
    parts = []
    if len(solid) >= 2:
        lo, hi = float(solid["median_days"].min()), float(solid["median_days"].max())
        values.update(type_median_min=lo, type_median_max=hi)
        parts.append(
            pick(
                lang,
                "有 {k} 个以上案件的各类型，中位数在 {lo}–{hi} 天之间",
                "types with {k} or more cases have medians of {lo}–{hi} days",
                k=count(fc.MIN_N),
                lo=count(lo),
                hi=count(hi),
            )
        )
    if len(few):
        values["few_case_counts"] = [int(n) for n in few["n"]]
        names = [
            pick(
                lang,
                "{name}只有 {n} 个",
                "{name} has only {n}",
                name=fc.category("premises_type", g, lang),
                n=count(n),
            )
            for g, n in zip(few["group"], few["n"], strict=True)
        ]
        parts.append(listing(names, lang))
    if not parts:
        return None
    text = pick(lang, "；", "; ").join(parts)
    return text[0].upper() + text[1:] + pick(lang, "。", ".")


def _deadlines(cases: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    allowed = (cases["rectify_by"] - cases["inspected_on"]).dt.days.dropna()
    if allowed.empty:
        return None
    lo, hi = int(allowed.min()), int(allowed.max())
    values.update(deadline_min=lo, deadline_max=hi)
    return pick(
        lang,
        "给出的整改期限为 {lo}–{hi} 天。",
        "The deadlines set were {lo}–{hi} days.",
        lo=count(lo),
        hi=count(hi),
    )


def _late(cases: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    """How many late rectifications were confirmed within a week after the deadline."""
    late = cases[cases["observed"] & (cases["rectified_on"] > cases["rectify_by"])]
    if late.empty:
        return None
    near = int(((late["rectified_on"] - late["rectify_by"]).dt.days <= NEAR_DEADLINE_DAYS).sum())
    values.update(late=len(late), late_near=near, near_days=NEAR_DEADLINE_DAYS)
    values["late_near_pct"] = 100 * near / len(late)
    return pick(
        lang,
        "期限之后才确认整改的 {n} 个案件中，{k} 个（{p}）在期限后 {d} 天之内确认。",
        "Of the {n} case{s} confirmed after the deadline, {k} ({p}) {were} confirmed within "
        "{d} days of it.",
        p=fc.pct(100 * near / len(late)),
        n=count(len(late)),
        s=agree(len(late), "", "s"),
        were=agree(near, "was", "were"),
        k=count(near),
        d=count(NEAR_DEADLINE_DAYS),
    )


def _overdue(cases: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    overdue = cases[cases["overdue"].to_numpy()]
    if overdue.empty:
        return None
    kinds = list(dict.fromkeys(overdue["premises_type"].astype(str)))
    longest = float(overdue["days_overdue"].max())
    lo, hi = int(overdue["reinspections"].min()), int(overdue["reinspections"].max())
    values.update(overdue_longest=longest, overdue_revisits_min=lo, overdue_revisits_max=hi)
    revisits = count(lo) if lo == hi else f"{count(lo)}–{count(hi)}"
    names = listing([fc.category("premises_type", k, lang) for k in kinds], lang)
    return pick(
        lang,
        "逾期未改的案件{all}{names}，最长逾期 {d}，已复查 {r} 次：这是一份可以直接跟进的清单。",
        "The overdue cases are {all}{names}, the longest {d} past its deadline, re-inspected "
        "{r} times: a ready follow-up list.",
        all=pick(lang, "都是", "all of type ")
        if len(kinds) == 1
        else pick(lang, "来自", "of types "),
        names=names,
        d=fc.days(longest, lang),
        r=revisits,
    )


def _opened_on_as_of(
    cases: pd.DataFrame, as_of: str, lang: str, values: dict[str, object]
) -> str | None:
    fresh = int(((cases["days"] == 0) & ~cases["observed"]).sum())
    if not fresh:
        return None
    values["opened_on_as_of"] = fresh
    return pick(
        lang,
        "{n} 个案件在截至日 {as_of} 当天刚刚开出，删失在第 0 天。",
        "{n} case{s} opened on the as-of day itself, {as_of}, and {be} censored at day 0.",
        n=count(fresh),
        s=agree(fresh, "", "s"),
        be=agree(fresh, "is", "are"),
        as_of=as_of,
    )


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
                r=fc.pct(100 * k / n),
                few=pick(lang, "，", "; ") + fc.too_few(n, lang) if n < fc.MIN_N else "",
                l=count(late),
                lr=fc.pct(100 * late / n),
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
                    r=fc.pct(100 * k2 / n2),
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
            "not_fixed 是复查时同一问题仍未改好的次数，"
            "relapses 是改好后（或在另一次检查中）再次出现的次数：前者要盯整改，后者要盯日常管理。",
            "not_fixed counts failures at a re-inspection of the same problem; relapses count "
            "a problem that came back after passing or at a separate visit: the first calls "
            "for follow-up of rectification, the second for day-to-day management.",
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
