"""Findings of notebook 01's case study: one named compound's checklist and its "六有" goals."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.labels import category_name
from analysis.presentation.wording import is_zh, short_number
from analysis.renovation._findings_common import compound_name
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND


def _cats(rows: pd.DataFrame, lang: str | None) -> str:
    return listing([category_name("task_category", c, lang) for c in rows["category"]], lang)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def case(
    case: pd.DataFrame, six: pd.DataFrame, profile: pd.DataFrame, lang: str | None = None
) -> Findings:
    """The case compound's tasks: closed, late, open, and the "六有" goals they serve.

    Parameters
    ----------
    case
        ``renovation.case_tasks(tasks, compounds, name)``.
    six
        ``renovation.six_have(case)``.
    profile
        The compound's row(s) of ``compounds`` (its governance bodies); may be empty.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    raw = str(case.attrs.get("name_zh", LABOUR_BUREAU_COMPOUND))
    name = compound_name(raw, None, lang)
    caveats = [
        pick(
            lang,
            "“六有”与任务类别的对应是本项目的解读（renovation.SIX_HAVE），版面只列出六个目标。",
            'The mapping of the "six haves" to task categories is this project\'s reading '
            "(renovation.SIX_HAVE); the page lists only the six goals.",
        )
    ]
    caveats += origin_caveats(
        ("renovation_tasks", "compounds"),
        lang,
        synthetic=(
            "12 项的数目、建于 1995 年前后、已完成的几类工程来自版面；"
            "具体日期、延误、其余类别和仍在办的任务都是合成的。"
            "生成器强制地下管网、路面硬化、配套设施和议事场所销号，线缆整治虽必然列入清单，"
            "是否销号却由随机工期决定；这个示范楼院仍在办的任务被设定为近期新增的。",
            "The count of 12, the build year and the kinds of finished work come from the "
            "page; dates, delays, the other categories and the open tasks are synthetic. The "
            "generator forces pipes, road surfacing, facilities and the deliberation venue to "
            "be closed; overhead cables are always listed but close only if their random "
            "duration allows; the showcase compound's open tasks are made recent ones.",
        ),
    )
    values: dict[str, object] = {"tasks": len(case)}
    if not case.attrs.get("found", True):
        text = pick(
            lang,
            "{name}不在楼院记录中，本节无从展示。",
            "{Name} is not in the compound records, so this section has nothing to show.",
            name=name,
            Name=_capital(name),
        )
        return findings([text], caveats, lang, **values)
    if case.empty:
        text = pick(
            lang,
            "{name}在楼院记录中，但没有整治任务的记录。",
            "{Name} is in the compound records but has no renovation tasks.",
            name=name,
            Name=_capital(name),
        )
        return findings([text], caveats, lang, **values)
    status = case["status"].astype(str)
    closed, open_ = case[status == "closed"], case[status != "closed"]
    values.update(closed=len(closed), open=len(open_))
    sentences = [
        pick(
            lang,
            "{n} 项任务中 {c} 项已销号",
            "{c} of {Name}'s {n} tasks are closed",
            n=count(len(case)),
            c=count(len(closed)),
            Name=name,
        )
        + (
            pick(lang, "：{cats}都已完成。", ": {cats}.", cats=_cats(closed, lang))
            if len(closed)
            else pick(lang, "。", ".")
        )
    ]
    raisers = case["raised_by"].astype(str).value_counts()
    if len(raisers):
        lead = raisers.index[0]
        others = case[case["raised_by"].astype(str) != lead]
        values["lead_raiser"] = int(raisers.iloc[0])
        sentences.append(
            pick(
                lang,
                "{k} 项来自{by}{rest}。",
                "{k} came from: {by}{rest}.",
                k=count(raisers.iloc[0]),
                by=category_name("raised_by", lead, lang),
                rest=""
                if others.empty
                else pick(
                    lang,
                    "，其余是{cats}",
                    "; the others are {cats}",
                    cats=listing(
                        [
                            pick(
                                lang,
                                "{c}（{b}）",
                                "{c} ({b})",
                                c=category_name("task_category", c, lang),
                                b=category_name("raised_by", b, lang),
                            )
                            for c, b in zip(others["category"], others["raised_by"], strict=True)
                        ],
                        lang,
                    ),
                ),
            )
        )
    late = closed[closed["slip_days"] > 0].sort_values(
        ["slip_days", "task_id"], ascending=[False, True]
    )
    if len(late):
        top = late.head(3)
        values["late"] = len(late)
        values["late_days"] = [int(d) for d in top["slip_days"]]
        sentences.append(
            pick(
                lang,
                "并非都按期：{n} 项晚于计划销号，最晚的是{items}。",
                "Not all on time: {n} closed late, the latest {items}.",
                n=count(len(late)),
                items=listing(
                    [
                        pick(
                            lang,
                            "{c}（晚 {d} 天）",
                            "{c} ({d} days late)",
                            c=category_name("task_category", r.category, lang),
                            d=short_number(r.slip_days),
                        )
                        for r in top.itertuples(index=False)
                    ],
                    lang,
                ),
            )
        )
    elif len(closed):
        sentences.append(
            pick(lang, "已销号的任务都按期完成。", "Every closed task closed on time.")
        )
    values["open_tasks"] = [
        (str(r.category), f"{r.opened_on:%Y-%m-%d}", f"{r.planned_on:%Y-%m-%d}")
        for r in open_.itertuples(index=False)
    ]
    for r in open_.itertuples(index=False):
        sentences.append(
            pick(
                lang,
                "未销号的{c}于 {o} 列入清单，计划 {p} 销号，{state}。",
                "The open {c} task was listed on {o}, planned for {p}, and is {state}.",
                c=category_name("task_category", r.category, lang),
                o=f"{r.opened_on:%Y-%m-%d}",
                p=f"{r.planned_on:%Y-%m-%d}",
                state=pick(lang, "已逾期", "overdue")
                if str(r.status) == "overdue"
                else pick(lang, "尚未到期", "not yet due"),
            )
        )
    values["overdue"] = int((status == "overdue").sum())
    sentences += _goals(six, profile, values, lang)
    return findings(sentences, caveats, lang, **values)


def _goals(six: pd.DataFrame, profile: pd.DataFrame, values: dict, lang: str | None) -> list[str]:
    """Goals fully met, goals partly met, and 有长效管理 read from the governance bodies."""
    zh = is_zh(lang)
    goal = six["goal_zh"] if zh else six["goal_en"]
    has = six[six["tasks"] > 0]
    done = has[has["closed"] == has["tasks"]]
    part = has[has["closed"] < has["tasks"]]
    out = []
    if len(done):
        out.append(
            pick(
                lang,
                "按“六有”归类，{goals}的任务全部完成",
                'By the "six haves", every task of {goals} is done',
                goals=listing(
                    [
                        pick(lang, "{g}（{n} 项）", "{g} ({n})", g=goal[i], n=count(t))
                        for i, t in zip(done.index, done["tasks"], strict=True)
                    ],
                    lang,
                ),
            )
            + pick(lang, "。", ".")
        )
    for i, row in part.iterrows():
        out.append(
            pick(
                lang,
                "{g}的 {t} 项完成 {c} 项。",
                "{g}: {c} of {t} done.",
                g=goal[i][:1].upper() + goal[i][1:],  # it opens the sentence
                t=count(row["tasks"]),
                c=count(row["closed"]),
            )
        )
    values["goals_done"] = len(done)
    values["goals"] = {
        str(g): (int(t), int(c))
        for g, t, c in zip(six["goal_zh"], six["tasks"], six["closed"], strict=True)
    }
    if len(profile):
        row = profile.iloc[0]
        party, body = row.get("party_org_mode"), row.get("resident_body")
        bodies = []
        if isinstance(party, str) and party:
            bodies.append(
                pick(
                    lang,
                    "{m}的临时党组织",
                    "a temporary party organisation {m}",
                    m=category_name("party_org_mode", party, lang),
                )
            )
        if isinstance(body, str) and body:
            bodies.append(category_name("resident_body", body, lang))
        partner = row.get("partner_unit")
        if bodies:
            out.append(
                pick(
                    lang,
                    "“有长效管理”不是工程任务，而是组织：该院有{b}{p}。",
                    '"Long-term management" is met by bodies, not works: {b}{p}.',
                    b=listing(bodies, lang),
                    p=pick(lang, "，联建单位为{u}", ", with a partner unit", u=partner)
                    if isinstance(partner, str) and partner
                    else "",
                )
            )
        else:
            out.append(
                pick(
                    lang,
                    "记录中该院既没有党组织也没有居民自治组织，“有长效管理”尚无着落。",
                    "The records show neither a party organisation nor a resident body, so "
                    '"long-term management" has nothing behind it yet.',
                )
            )
    return out
