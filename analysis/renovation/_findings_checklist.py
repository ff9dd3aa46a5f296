"""Findings of notebook 01's checklist section: tasks closed, against the plan over time, and
by unit. Progress per compound (pilots against the rest) is in ``_findings_progress``."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.labels import unit_name
from analysis.presentation.wording import FEW, agree, share, too_few
from analysis.renovation._findings_common import as_of_of
from analysis.renovation._findings_unit import plan_sentence, status_sentence
from analysis.renovation._stats import spread
from analysis.rules.entities import DISTRICT_ID

TASKS = ("renovation_tasks", "compounds")
#: Days without any task opened or closed that count as a standstill worth naming.
STANDSTILL_DAYS = 21


def _total_series(burn: pd.DataFrame) -> pd.DataFrame:
    """The burn-up of the unit holding every task (the district), wide: one column a measure."""
    if burn.empty:
        return pd.DataFrame()
    last = burn[burn["date"] == burn["date"].max()]
    opened = last[last["measure"].astype(str) == "opened"]
    top = str(opened.sort_values("tasks", ascending=False, kind="stable")["unit_id"].iloc[0])
    mine = burn[burn["unit_id"].astype(str) == top]
    return mine.pivot(index="date", columns="measure", values="tasks").sort_index()


def _standstill(wide: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The longest run of days (≥ STANDSTILL_DAYS) with nothing opened or closed."""
    moved = (wide["opened"].diff().fillna(1) != 0) | (wide["closed"].diff().fillna(1) != 0)
    days = wide.index[moved.to_numpy()]
    if len(days) < 2:
        return None
    gaps = pd.Series(days[1:] - days[:-1], index=days[:-1])
    if gaps.max().days - 1 < STANDSTILL_DAYS:
        return None
    start = gaps.idxmax()
    return start + pd.Timedelta(days=1), start + gaps.max() - pd.Timedelta(days=1)


def _over_time(wide: pd.DataFrame, lang: str | None) -> tuple[list[str], dict]:
    """Closures against the plan over time: a standstill, monthly closures after it, the gap."""
    values: dict[str, object] = {}
    if wide.empty or wide["closed"].iloc[-1] == 0:
        return [], values
    out = []
    stop = _standstill(wide)
    after = wide
    if stop is not None:
        before = wide.loc[: stop[0] - pd.Timedelta(days=1)].iloc[-1]
        day = f"{stop[0] - pd.Timedelta(days=1):%Y-%m-%d}"
        values.update(
            standstill_from=f"{stop[0]:%Y-%m-%d}",
            standstill_to=f"{stop[1]:%Y-%m-%d}",
            before_day=day,
            before_closed=int(before["closed"]),
            before_planned=int(before["planned"]),
        )
        out.append(
            pick(
                lang,
                "{from_} 至 {to} 既没有新任务列入清单，也没有任务销号，销号线走平而计划线继续上升；"
                "此前 {day} 累计销号 {closed} 项，按计划应为 {planned} 项。",
                "From {from_} to {to} no task was opened or closed: the closed line stands "
                "still while the plan keeps rising. Just before, on {day}, {closed} had been "
                "closed against {planned} planned.",
                from_=values["standstill_from"],
                to=values["standstill_to"],
                day=day,
                closed=count(before["closed"]),
                planned=count(before["planned"]),
            )
        )
        after = wide.loc[stop[1] + pd.Timedelta(days=1) :]
    monthly = after["closed"].resample("MS").last().diff()
    first_month = after["closed"].resample("MS").last()
    if len(first_month):
        monthly.iloc[0] = first_month.iloc[0] - (wide.loc[: after.index[0]]["closed"].iloc[0])
    full = monthly.iloc[1:-1] if len(monthly) > 2 else monthly.iloc[0:0]
    last_day = wide.index[-1]
    if len(full):
        lo, hi = int(full.min()), int(full.max())
        values.update(monthly_min=lo, monthly_max=hi, last_month=int(monthly.iloc[-1]))
        values["months"] = (
            f"{full.index[0]:%Y-%m}",
            f"{full.index[-1]:%Y-%m}",
            f"{monthly.index[-1]:%Y-%m-%d}",
        )
        out.append(
            pick(
                lang,
                "{m1} 至 {m2} 每月销号 {lo}–{hi} 项，{last} 至 {day} 销号 {n} 项。",
                "From {m1} to {m2} {lo}–{hi} tasks were closed a month, and {n} from "
                "{last} to {day}.",
                m1=f"{full.index[0]:%Y-%m}",
                m2=f"{full.index[-1]:%Y-%m}",
                lo=count(lo),
                hi=count(hi),
                last=f"{monthly.index[-1]:%Y-%m-%d}",
                day=f"{last_day:%Y-%m-%d}",
                n=count(monthly.iloc[-1]),
            )
        )
    behind = (after["planned"] - after["closed"]).clip(lower=0)
    if len(behind) and behind.max() > 0:
        values.update(behind_min=int(behind.min()), behind_max=int(behind.max()))
        out.append(
            pick(
                lang,
                "这段时间里实际销号落后计划 {lo}–{hi} 项。",
                "Over that stretch closures ran {lo}–{hi} behind the plan.",
                lo=count(behind.min()),
                hi=count(behind.max()),
            )
        )
    return out, values


def _units_sentence(by_unit: pd.DataFrame, lang: str | None) -> tuple[list[str], dict]:
    """Units ranked by share closed (ties named together), and the district's empty row."""
    rows = by_unit.assign(unit_id=by_unit["unit_id"].astype(str))
    with_tasks = rows[rows["tasks"] > 0].sort_values(
        ["closed_pct", "unit_id"], ascending=[False, True], kind="stable"
    )
    out: list[str] = []
    values: dict[str, object] = {"units_with_tasks": len(with_tasks)}
    if len(with_tasks) == 1:
        out.append(
            pick(
                lang,
                "只有{u}有任务记录，无法在单位之间比较。",
                "Only {u} has tasks, so units cannot be compared.",
                u=unit_name(with_tasks["unit_id"].iloc[0], lang),
            )
        )
    elif len(with_tasks) > 1:
        values["unit_shares"] = dict(
            zip(with_tasks["unit_id"], with_tasks["closed_pct"] / 100, strict=True)
        )
        enough = with_tasks[with_tasks["tasks"] >= FEW]
        if len(enough) > 1:
            out.append(
                spread(
                    enough.rename(columns={"unit_id": "id", "closed": "k", "tasks": "n"}),
                    lambda u: unit_name(u, lang),
                    ("各单位", "Across units"),
                    values,
                    "unit_intervals",
                    lang,
                )
            )
        small = with_tasks[with_tasks["tasks"] < FEW]
        if len(small):
            out.append(
                pick(
                    lang,
                    "{u}的任务不足 {n} 项，比例不宜比较。",
                    "{u} {verb} fewer than {n} tasks: too few to compare.",
                    u=listing([unit_name(u, lang) for u in small["unit_id"]], lang),
                    verb=agree(len(small), "has", "have"),
                    n=FEW,
                )
            )
    district = rows[(rows["unit_id"] == DISTRICT_ID) & (rows["tasks"] == 0)]
    if len(district) and len(with_tasks):
        values["district_row"] = 0
        out.append(
            pick(
                lang,
                "“上街区”一行为 0，因为区本身没有直属楼院（全区合计见第一张表）。",
                "The district row is empty because the district has no compounds of its own "
                "(the district total is the first table).",
            )
        )
    return out, values


def checklist(burn: pd.DataFrame, by_unit: pd.DataFrame, lang: str | None = None) -> Findings:
    """How far the checklist has come: totals, closures against the plan over time, units.

    Parameters
    ----------
    burn
        ``renovation.burnup(tasks, compounds, units)`` (the charts of the section).
    by_unit
        ``renovation.tasks_by(renovation.attach_compounds(tasks, compounds), "unit_id")``.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    as_of = as_of_of(burn)
    tasks, closed = int(by_unit["tasks"].sum()), int(by_unit["closed"].sum())
    overdue = int(by_unit["overdue"].sum())
    values: dict[str, object] = {
        "tasks": tasks,
        "closed": closed,
        "open": tasks - closed,
        "overdue": overdue,
        "not_due": tasks - closed - overdue,
        "closed_share": share(closed, tasks),
        "as_of": as_of,
    }
    caveats = origin_caveats(
        TASKS,
        lang,
        synthetic=(
            "停工期间既无新任务也无销号，是生成器对疫情停工的模拟（停工期间本该完工的任务记在复工后"
            "两周内销号），不是台账记录；约七成的销号比例也是生成器的设定（版面没有公布），"
            "不能据此评价整治快慢。中心路以外五个单位的楼院和任务全部是虚构的，单位之间的差别没有意义。",
            "The standstill (nothing opened or closed) is the generator's model of the "
            "lockdown (work that would have ended then is closed within two weeks after it), "
            "not a ledger's record; the share closed (about 70 %) is a generator setting, not "
            "a published figure. Units other than Zhongxinlu are invented wholesale, so the "
            "differences between units mean nothing.",
        ),
    )
    if tasks == 0:
        text = pick(lang, "记录中没有整治任务。", "The records hold no renovation tasks.")
        return findings([text], caveats, lang, **values)
    who = pick(lang, "全区", "the district")
    sentences = [status_sentence(who, None, tasks, closed, overdue, as_of, lang)]
    wide = _total_series(burn)
    if not wide.empty:
        values["planned"] = int(wide["planned"].iloc[-1])
        values["plan_gap"] = abs(values["planned"] - closed)
        over, more = _over_time(wide, lang)
        values.update(more)
        sentences += over
        sentences.append(plan_sentence(closed, values["planned"], as_of, lang))
    units, more = _units_sentence(by_unit, lang)
    values.update(more)
    sentences += units
    if tasks < FEW:
        sentences.append(too_few(tasks, lang, sentence=True))
    return findings(sentences, caveats, lang, **values)
