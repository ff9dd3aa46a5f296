"""Findings of notebook 01 on slippage against the planned dates and on overdue work."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick, plural
from analysis.presentation.labels import category_name
from analysis.presentation.wording import FEW, agree, counted, days, share, short_number
from analysis.renovation._findings_common import as_of_of, compound_name
from analysis.renovation._stats import share_ci
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND
from analysis.rules.intervals import LEVEL, wilson


def slippage(slip: pd.DataFrame, lang: str | None = None) -> Findings:
    """Tasks closed on time, late, overdue and not yet due (against the planned date).

    Parameters
    ----------
    slip
        ``renovation.slippage(tasks, None)`` (one row over all tasks).

    Raises
    ------
    KeyError
        If the frame lacks a column of :data:`analysis.renovation.SLIP_CLASSES`.
    """
    caveats = [
        pick(
            lang,
            "“逾期”以计划销号日为准；计划日本身是否合理，记录无法说明。",
            "Overdue is judged against the planned date, whose realism the records cannot tell.",
        )
    ]
    caveats += origin_caveats(("renovation_tasks",), lang)
    row = slip.iloc[0] if len(slip) else None
    counts = {k: int(row[k]) if row is not None else 0 for k in ("on_time", "late", "overdue")}
    not_due = int(row["not_due"]) if row is not None else 0
    known = sum(counts.values())
    values: dict[str, object] = {**counts, "not_due": not_due, "known": known}
    if known == 0:
        text = pick(
            lang,
            "还没有任务到计划销号日或已销号（{n} 项尚未到期），按期与否无从判断。",
            "No task has closed or reached its planned date yet ({n} not yet due), so "
            "nothing can be said about timeliness.",
            n=count(not_due),
        )
        return findings([text], caveats, lang, **values)
    values["on_time_share"] = share(counts["on_time"], known)
    values["on_time_interval"] = wilson(counts["on_time"], known)
    values["level"] = LEVEL
    sentences = [
        pick(
            lang,
            "在结果已知的 {known} 项任务中（已销号的，以及已过计划日仍未销号的），{on} 项（{pct}）"
            "在计划销号日或之前销号；",
            "Of the {known_en} whose outcome is known (closed, or open past the planned "
            "date), {on} ({pct}) closed on or before the planned date;",
            known=count(known),
            known_en=counted(known, "en", "task"),
            on=count(counts["on_time"]),
            pct=share_ci(counts["on_time"], known, lang),
        )
    ]
    late_days = row["median_late_days"] if row is not None else None
    if counts["late"]:
        values["median_late_days"] = float(late_days)
        sentences.append(
            pick(
                lang,
                "{n} 项逾期后销号（中位数晚 {d} 天），",
                " {n} closed late (median {d_en} late),",
                n=count(counts["late"]),
                d=short_number(late_days),
                d_en=days(late_days, "en"),
            )
        )
    else:
        sentences.append(pick(lang, "没有任务逾期后才销号，", " none closed late,"))
    sentences.append(
        pick(
            lang,
            "{n} 项逾期至今未销号。",
            " and {n} {are} open and overdue.",
            n=count(counts["overdue"]),
            are=agree(counts["overdue"], "is", "are"),
        )
    )
    text = "".join(sentences)
    out = [text]
    if not_due:
        out.append(
            pick(
                lang,
                "另有 {n} 项未到期，结果未知，不计入按期比例。",
                "{n} more {are} not yet due: {their} outcome is unknown and {they} left out "
                "of the share.",
                n=count(not_due),
                are=agree(not_due, "is", "are"),
                their=agree(not_due, "its", "their"),
                they=agree(not_due, "it is", "they are"),
            )
        )
    if known < FEW:
        out.append(
            pick(
                lang,
                "只有 {n} 项结果已知，比例仅供参考。",
                "Only {n_en} {are} known: the share is indicative at best.",
                n=count(known),
                n_en=counted(known, "en", "outcome"),
                are=agree(known, "is", "are"),
            )
        )
    return findings(out, caveats, lang, **values)


def overdue(matrix: pd.DataFrame, lang: str | None = None) -> Findings:
    """Where open work is past its planned date: compounds, the longest overdue, the case.

    Parameters
    ----------
    matrix
        ``renovation.overdue_matrix(tasks, compounds)``.

    Raises
    ------
    KeyError
        If the frame lacks a column the findings read.
    """
    caveats = origin_caveats(
        ("renovation_tasks", "compounds"),
        lang,
        synthetic=(
            "哪些任务逾期、逾期多久由生成器随机决定（逾期最久的多是被随机“搁置”的任务），"
            "不是对任何楼院的评价；劳动局家属院没有逾期任务，是因为生成器把这个示范楼院仍在办的任务"
            "设定为近期新增的。",
            "Which tasks are overdue, and for how long, is drawn by the generator (the "
            "longest are mostly randomly stalled tasks), not a judgement on any compound; the "
            "Labour Bureau staff compound has none because the generator makes the showcase "
            "compound's open tasks recent ones.",
        ),
        imported=(
            "用真实台账时，这张图就是一份督办清单。",
            "With a real ledger this chart is a follow-up list.",
        ),
    )
    as_of = as_of_of(matrix)
    compounds = int(matrix["compound_id"].nunique())
    per = matrix.groupby("compound_id", sort=False)["overdue"].sum()
    late_compounds, total = int((per > 0).sum()), int(matrix["overdue"].sum())
    values: dict[str, object] = {
        "compounds": compounds,
        "late_compounds": late_compounds,
        "overdue": total,
        "as_of": as_of,
    }
    if total == 0:
        text = pick(
            lang,
            "截至 {as_of}，{n} 个楼院都没有逾期未销号的任务。",
            "As of {as_of}, {none} has an overdue task.",
            as_of=as_of,
            n=count(compounds),
            none="the one compound"
            if compounds == 1
            else f"none of the {count(compounds)} compounds",
        )
        return findings([text], caveats, lang, **values)
    sentences = [
        pick(
            lang,
            "截至 {as_of}，{n} 个楼院中有 {k} 个至少有一项任务逾期未销号（共 {t} 项）。",
            "As of {as_of}, {k} of {n_en} {have} at least one overdue task ({t} in all).",
            as_of=as_of,
            n=count(compounds),
            n_en=plural(compounds, "compound"),
            have=agree(late_compounds, "has", "have"),
            k=count(late_compounds),
            t=count(total),
        )
    ]
    worst = matrix.dropna(subset=["days_overdue"]).sort_values(
        ["days_overdue", "compound_id"], ascending=[False, True], kind="stable"
    )
    top = worst.head(4)
    values["longest"] = [int(d) for d in top["days_overdue"]]
    items = [
        pick(
            lang,
            "{name}的{cat}（{d} 天）",
            "{cat} at {name} ({d} days)",
            name=compound_name(r.name_zh, r.unit_id, lang),
            cat=category_name("task_category", str(r.category), lang),
            d=short_number(r.days_overdue),
        )
        for r in top.itertuples(index=False)
    ]
    sentences.append(
        pick(
            lang,
            "逾期最久的是{first}，其次是{rest}。",
            "The longest overdue is the {first}, then the {rest}.",
            first=items[0],
            rest=listing(items[1:], lang),
        )
        if len(items) > 1
        else pick(lang, "逾期的是{first}。", "The overdue one is the {first}.", first=items[0])
    )
    case = matrix[matrix["name_zh"].astype(str) == LABOUR_BUREAU_COMPOUND]
    if len(case):
        n = int(case["overdue"].sum())
        values["case_overdue"] = n
        name = compound_name(LABOUR_BUREAU_COMPOUND, None, lang)
        sentences.append(
            pick(
                lang,
                "{name}没有逾期任务。",
                "{Name} has none.",
                name=name,
                Name=name[:1].upper() + name[1:],
            )
            if n == 0
            else pick(
                lang,
                "{name}有 {n} 项逾期任务。",
                "{Name} has {n} overdue.",
                name=name,
                Name=name[:1].upper() + name[1:],
                n=count(n),
            )
        )
    return findings(sentences, caveats, lang, **values)
