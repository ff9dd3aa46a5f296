"""Findings of §3: time to rectification, deadlines, the overdue list."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._findings_unit import case_sentences
from analysis.inspections._stats import logrank, p_text, rate, significant, wilson
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
    sentences: list[str | None] = list(case_sentences(summary, lang, as_of, values, intervals=True))
    if len(cases):
        sentences.insert(2, _medians_by_type(summary, cases, lang, values))
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


def _medians_by_type(
    summary: pd.DataFrame, cases: pd.DataFrame, lang: str, values: dict[str, object]
) -> str | None:
    """The range of the types' medians, contrasted only as far as a log-rank test allows."""
    groups = summary[(summary["group"].astype(str) != TOTAL) & (summary["n"] > 0)]
    solid = groups[(groups["n"] >= fc.MIN_N) & groups["median_days"].map(fc.finite)]
    few = groups[groups["n"] < fc.MIN_N]
    if len(groups) < 2:
        return None
    parts = []
    if len(solid) >= 2:
        lo, hi = float(solid["median_days"].min()), float(solid["median_days"].max())
        values.update(type_median_min=lo, type_median_max=hi)
        test = logrank(cases, "premises_type", fc.MIN_N)
        if fc.finite(test["p_value"]):
            values.update(logrank_p=test["p_value"], logrank_groups=int(test["groups"]))
            zh, en = (
                ("各类型的整改曲线之差超出偶然范围", "the types' curves differ beyond chance")
                if significant(test["p_value"])
                else (
                    "各类型的整改曲线之差在偶然范围之内，中位数不作排名",
                    "the types' curves do not differ beyond chance, so their medians are not "
                    "ranked",
                )
            )
            apart = significant(test["p_value"])
            verdict = pick(
                lang,
                "{sep}对这 {g} 类做的 log-rank 检验 p = {p}：{wzh}",
                "{sep}a log-rank test across these {g} types gives p = {p}: {wen}",
                sep=pick(lang, "；", "; ") if apart else pick(lang, "，但", ", but "),
                g=count(test["groups"]),
                p=p_text(test["p_value"]),
                wzh=zh,
                wen=en,
            )
        else:
            verdict = ""
        parts.append(
            pick(
                lang,
                "有 {k} 个以上案件的各类型，中位数在 {lo}–{hi} 天之间{v}",
                "types with {k} or more cases have medians of {lo}–{hi} days{v}",
                k=count(fc.MIN_N),
                lo=count(lo),
                hi=count(hi),
                v=verdict,
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
        p=rate(100 * near / len(late), *(100 * b for b in wilson(near, len(late)))),
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
