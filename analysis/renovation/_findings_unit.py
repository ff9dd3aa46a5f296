"""What the renovation section of one unit's report shows (``notebooks/unit-report.ipynb``).

Computed from the two frames that section draws: the burn-up series
(:func:`analysis.renovation.burnup`) and the per-compound progress
(:func:`analysis.renovation.compound_progress`).
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang as lang_of
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, percent, pick, plural
from analysis.presentation.labels import unit_name
from analysis.presentation.wording import FEW, agree, counted, share
from analysis.renovation._findings_common import as_of_of, compound_name, join
from analysis.renovation._unit_compare import burn_at
from analysis.renovation._unit_points import district_sentence
from analysis.rules.entities import DISTRICT_ID, ZXL

DATASETS = ("renovation_tasks", "compounds")


def plan_sentence(closed: int, planned: int, as_of: str, lang: str | None) -> str:
    """Closed against what the planned dates called for by the as-of date."""
    gap = planned - closed
    if gap > 0:
        return pick(
            lang,
            "按计划销号日，截至 {as_of} 应销号 {planned} 项，实际 {closed} 项，落后计划 {gap} 项。",
            "By their planned dates {planned_en} should have been closed by {as_of}; "
            "{closed} {were}, {gap} behind plan.",
            as_of=as_of,
            planned=count(planned),
            planned_en=counted(planned, "en", "task"),
            closed=count(closed),
            were=agree(closed, "was", "were"),
            gap=count(gap),
        )
    if gap < 0:
        return pick(
            lang,
            "按计划销号日，截至 {as_of} 应销号 {planned} 项，实际 {closed} 项，超前计划 {gap} 项。",
            "By their planned dates {planned_en} should have been closed by {as_of}; "
            "{closed} {were}, {gap} ahead of plan.",
            as_of=as_of,
            planned=count(planned),
            planned_en=counted(planned, "en", "task"),
            closed=count(closed),
            were=agree(closed, "was", "were"),
            gap=count(-gap),
        )
    return pick(
        lang,
        "按计划销号日，截至 {as_of} 应销号 {planned} 项，实际销号数与计划相同。",
        "By their planned dates {planned_en} should have been closed by {as_of}, exactly "
        "as many as {were}.",
        as_of=as_of,
        planned=count(planned),
        planned_en=counted(planned, "en", "task"),
        were=agree(planned, "was", "were"),
    )


def status_sentence(
    who: str,
    compounds: int | None,
    tasks: int,
    closed: int,
    overdue: int,
    as_of: str,
    lang: str | None,
) -> str:
    """Compounds (if given), tasks, closed (share) and open/overdue of one place."""
    open_ = tasks - closed
    zh = lang_of(lang) == "zh"
    if compounds is None:
        head = pick(
            lang,
            "截至 {as_of}，{who}列入清单的 {nt} 项任务中 {closed} 项已销号（{pct}），",
            "As of {as_of}, {closed} of {who}'s {nt} checklist {tasks} {are} closed ({pct});",
            who=who,
            nt=count(tasks),
            tasks=agree(tasks, "task", "tasks"),
            are=agree(closed, "is", "are"),
            as_of=as_of,
            closed=count(closed),
            pct=percent(share(closed, tasks)),
        )
    else:
        head = pick(
            lang,
            "{who}记录了 {nc} 个无主管楼院、共 {nt} 项整治任务；"
            "截至 {as_of}，已销号 {closed} 项（{pct}），",
            "{who} records {nc} with {nt}; as of {as_of}, {closed} {are} closed ({pct}),",
            who=who,
            nc=count(compounds) if zh else plural(compounds, "unmanaged compound"),
            nt=count(tasks) if zh else plural(tasks, "renovation task"),
            are=agree(closed, "is", "are"),
            as_of=as_of,
            closed=count(closed),
            pct=percent(share(closed, tasks)),
        )
    if open_ == 0:
        # after the district's "…closed (x%);" a clause of its own, else the sentence's end
        tail = pick(
            lang,
            "没有未销号的任务。",
            "none is open." if compounds is None else "and none is open.",
        )
    else:
        tail = pick(
            lang,
            "未销号 {open} 项，其中 {overdue} 项已过计划销号日（逾期），{due} 项尚未到期。",
            "{open} {are} open: {overdue} past {their} planned date (overdue) and {due} not "
            "yet due.",
            open=count(open_),
            are=agree(open_, "is", "are"),
            their=agree(open_, "its", "their"),
            overdue=count(overdue),
            due=count(open_ - overdue),
        )
    return join(lang, head, tail)


def compounds_sentence(mine: pd.DataFrame, lang: str | None) -> tuple[str | None, dict]:
    """How many compounds are done, and the slowest (ties named together), with the
    numbers the sentence states."""
    timed = mine[mine["tasks"] > 0]
    if timed.empty:
        return None, {}
    done = int((timed["closed"] == timed["tasks"]).sum())
    n = len(timed)
    values: dict[str, object] = {"with_tasks": n, "done": done}
    if done == 0:
        done_text = pick(
            lang,
            "{n} 个有任务的楼院都还没有全部销号。",
            "None of the {n} with tasks has closed all of them yet.",
            n=count(n),
        )
    else:
        done_text = pick(
            lang,
            "{n} 个有任务的楼院中 {done} 个已全部销号。",
            "{done} of the {n} with tasks {have} closed all of them.",
            n=count(n),
            done=count(done),
            have=agree(done, "has", "have"),
        )
    if n == 1 or done == n:
        return done_text, values
    low = timed["closed_pct"].min()
    slowest = timed[timed["closed_pct"] == low]
    values["slowest_share"] = float(low) / 100
    if len(slowest) > 1:
        values["slowest_tied"] = len(slowest)
        text = pick(
            lang,
            "进度最慢的 {k} 个楼院并列，各销号 {pct}。",
            "{k} compounds tie as the slowest, each with {pct} closed.",
            k=count(len(slowest)),
            pct=percent(low / 100),
        )
        return join(lang, done_text, text), values
    row = slowest.iloc[0]
    values["slowest_tasks"], values["slowest_closed"] = int(row["tasks"]), int(row["closed"])
    text = pick(
        lang,
        "进度最慢的是{name}：{tasks} 项任务销号 {closed} 项。",
        "The slowest is {name}: {closed} of {tasks} closed.",
        name=compound_name(row["name_zh"], row["unit_id"], lang),
        tasks=counted(row["tasks"], lang, "task"),
        closed=count(row["closed"]),
    )
    return join(lang, done_text, text), values


def _synthetic_note(unit_id: str) -> tuple[str, str]:
    """What is generated about this unit's compounds (said only of synthetic records)."""
    if unit_id == ZXL:
        return (
            "中心路街道的楼院数和物业试点数按版面数字校准；逐个楼院的任务、日期和进度是程序生成的。",
            "Zhongxinlu's compound and pilot counts are calibrated to the page; each "
            "compound's tasks, dates and progress are generated.",
        )
    if unit_id == DISTRICT_ID:
        return (
            "版面只公布了中心路街道的楼院数字；其他五个单位的楼院和任务全部是虚构的，"
            "全区合计也就不是事实。",
            "The page gives compound figures for Zhongxinlu only; the other five units' "
            "compounds and tasks are invented wholesale, so the district totals are too.",
        )
    return (
        f"版面没有公布{unit_name(unit_id, 'zh')}的任何楼院数字：这里的楼院和任务全部是虚构的。",
        f"The page gives no compound figures for {unit_name(unit_id, 'en')}: its "
        "compounds and tasks here are invented wholesale.",
    )


def for_unit(
    unit_id: str, burn: pd.DataFrame, progress: pd.DataFrame, lang: str | None = None
) -> Findings:
    """The renovation findings of one unit's report.

    Parameters
    ----------
    unit_id
        The unit; the district (``shangjie``) takes every compound.
    burn
        ``renovation.burnup(tasks, compounds, units)``.
    progress
        ``renovation.compound_progress(tasks, compounds)``.
    lang
        Edition; default the configured one.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    who = unit_name(unit_id, lang)
    as_of = as_of_of(progress)
    units = progress["unit_id"].astype(str)
    mine = progress if unit_id == DISTRICT_ID else progress[units == unit_id]
    caveats = origin_caveats(DATASETS, lang, synthetic=_synthetic_note(unit_id))
    if mine.empty:
        text = pick(
            lang,
            "{who}没有无主管楼院的记录，因此没有整治任务可以统计。",
            "No unmanaged compounds are recorded for {who}, so there are no renovation "
            "tasks to count.",
            who=who,
        )
        return findings([text], caveats, lang, compounds=0, tasks=0)
    tasks, closed = int(mine["tasks"].sum()), int(mine["closed"].sum())
    overdue = int(mine["overdue"].sum())
    values: dict[str, object] = {
        "compounds": len(mine),
        "tasks": tasks,
        "closed": closed,
        "open": tasks - closed,
        "overdue": overdue,
        "not_due": tasks - closed - overdue,
        "closed_share": share(closed, tasks),
        "as_of": as_of,
    }
    if tasks == 0:
        text = pick(
            lang,
            "{who}记录了 {n} 个无主管楼院，但没有整治任务的记录。",
            "{who} records {n} but no renovation tasks.",
            who=who,
            n=count(len(mine))
            if lang_of(lang) == "zh"
            else plural(len(mine), "unmanaged compound"),
        )
        return findings([text], caveats, lang, **values)
    sentences = [status_sentence(who, len(mine), tasks, closed, overdue, as_of, lang)]
    # The district beside the unit, so a reader of one unit's page can place it.
    text, more = district_sentence(unit_id, progress, lang)
    sentences.append(text)
    values.update(more)
    at = burn_at(burn, unit_id)
    if at["opened"]:
        values["planned"] = at["planned"]
        values["plan_gap"] = abs(at["planned"] - closed)
        sentences.append(plan_sentence(closed, at["planned"], as_of, lang))
    text, more = compounds_sentence(mine, lang)
    sentences.append(text)
    values.update(more)
    if tasks < FEW:
        caveats.append(
            pick(
                lang,
                "只有 {n} 项任务，比例仅供参考。",
                "Only {n}: the shares are indicative at best.",
                n=counted(tasks, lang, "task"),
            )
        )
    return findings(sentences, caveats, lang, **values)
