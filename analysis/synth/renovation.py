"""Renovation checklist tasks (清单销号) and bimonthly peer evaluations (观摩评比).

Calibrated to: ldj-tasks (劳动局家属院's task count) and zxl-evaluation-interval (the
rounds are spaced by the published number of months).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis.rules.entities import LABOUR_BUREAU_COMPOUND, ZXL
from analysis.synth.calibration import Targets
from analysis.synth.frames import (
    AS_OF,
    LOCKDOWN,
    PROGRAM_START,
    add_months,
    days,
    in_lockdown,
    office_day,
    typed_frame,
)
from analysis.synth.workdays import is_working_day, working_days

#: Every compound plans a deliberation venue ("在每个无主管楼院规划打造居民议事厅(亭)").
VENUE = "议事场所"
#: Relative frequency of the other kinds of work (invented).
CATEGORY_WEIGHTS = {
    "地下管网": 1.0,
    "路面硬化": 1.2,
    "线缆整治": 1.3,
    "配套设施": 1.0,
    "照明": 1.0,
    "绿化": 0.8,
    "停车": 0.6,
    "安防监控": 0.8,
    "屋面防水": 0.7,
    "文化建设": 0.6,
    "环境卫生": 1.0,
}
#: Work the page says was done at 劳动局家属院: pipes replaced, road surfaced, facilities
#: installed, "蜘蛛网" cables, and a place to deliberate.
LDJ_DONE = ("地下管网", "路面硬化", "配套设施", VENUE)
LDJ_REQUIRED = (*LDJ_DONE, "线缆整治")
RAISED_BY = ("居民点单", "居民自治组织", "联建单位", "社区", "街道")
TASKS_PER_COMPOUND = (4, 12)
#: Share of tasks closed by the as-of date is drawn from this range.
CLOSED_SHARE = (0.66, 0.74)
#: Mean extra delay (days) of a task that stalls; how many stall is calibrated.
STALL_DAYS = 250


def _categories(rng: np.random.Generator, n: int, required: tuple[str, ...]) -> list[str]:
    others = [c for c in CATEGORY_WEIGHTS if c not in required]
    if n - len(required) > len(others):
        raise ValueError(f"{n} tasks need more distinct categories than the vocabulary has")
    w = np.array([CATEGORY_WEIGHTS[c] for c in others])
    extra = rng.choice(others, size=n - len(required), replace=False, p=w / w.sum())
    return [*required, *extra.tolist()]


def generate_tasks(
    rng: np.random.Generator, compounds: pd.DataFrame, targets: Targets
) -> pd.DataFrame:
    """Return renovation tasks: 4–12 per compound, the published count for 劳动局家属院.

    Opened from the programme start, planned 30–150 days later; a task is closed when its
    work (the planned duration times a random factor, longer over the lockdown, and for
    some tasks a stall) is done by the as-of date, which is calibrated to roughly 70 % of
    tasks; closures so run right up to that date, never inside the lockdown. The street
    office lists and signs off tasks on official working days (:func:`office_day`); the
    planned date is a target counted in days and may fall on any day. The kinds of work
    the page says were done at 劳动局家属院 are closed; its open tasks are recent.

    Raises
    ------
    ValueError
        If 劳动局家属院's published task count exceeds the task categories.
    """
    ldj_n = targets["ldj-tasks"].exact()
    rows: list[dict[str, object]] = []
    opened_on: list[date] = []
    work_days: list[float] = []
    forced: list[int] = []
    ldj_id = None
    for cp in compounds.sort_values("compound_id").itertuples(index=False):
        is_ldj = cp.name_zh == LABOUR_BUREAU_COMPOUND
        if is_ldj:
            ldj_id = cp.compound_id
            cats = _categories(rng, ldj_n, LDJ_REQUIRED)
        else:
            cats = _categories(rng, int(rng.integers(*TASKS_PER_COMPOUND, endpoint=True)), (VENUE,))
        # 中心路 started first; the representative 劳动局家属院 at the very start
        start = PROGRAM_START + days(
            0 if is_ldj else rng.integers(0, 90 if cp.unit_id == ZXL else 240)
        )
        for cat in cats:
            lag = rng.exponential(20 if is_ldj else 70)
            opened = min(start + days(lag), AS_OF - days(rng.integers(5, 20)))
            if in_lockdown(opened):  # nothing was put on the list in the lockdown
                opened = LOCKDOWN[1] + days(rng.integers(1, 30))
            opened = office_day(opened)  # listed by the street office, on a working day
            planned = opened + days(rng.integers(30, 151))
            work = (planned - opened).days * rng.lognormal(-0.15, 0.3)
            if opened < LOCKDOWN[1] and opened + days(work) > LOCKDOWN[0]:
                work += rng.integers(20, 50)  # sites stood still in the lockdown
            if is_ldj and cat in LDJ_DONE:
                forced.append(len(rows))
            raised = (
                "街道"
                if cat == VENUE and rng.random() < 0.6
                else str(rng.choice(RAISED_BY, p=[0.65, 0.12, 0.08, 0.1, 0.05]))
            )
            if is_ldj and cat != VENUE:
                raised = "居民点单"  # "这些都是我们居民自己'点的单'"
            rows.append(
                {
                    "task_id": "",
                    "compound_id": cp.compound_id,
                    "category": cat,
                    "raised_by": raised,
                    "opened_on": opened,
                    "planned_on": planned,
                    "closed_on": None,
                }
            )
            opened_on.append(opened)
            work_days.append(work)
    n_closed = round(rng.uniform(*CLOSED_SHARE) * len(rows))
    closing = _closing_dates(rng, opened_on, work_days, set(forced), n_closed)
    for r, closed in zip(rows, closing, strict=True):
        r["closed_on"] = closed
        if closed is None and r["compound_id"] == ldj_id:
            _replan_open_case_task(rng, r)
    rows.sort(key=lambda r: (r["compound_id"], r["opened_on"], r["category"]))
    for k, r in enumerate(rows, start=1):
        r["task_id"] = f"t-{k:05d}"
    return typed_frame("renovation_tasks", rows)


def _closing_dates(
    rng: np.random.Generator,
    opened: list[date],
    work_days: list[float],
    forced: set[int],
    n_closed: int,
) -> list[date | None]:
    """Return each task's closing date, or None if its work is not done by the as-of date.

    A task is closed once its drawn work is done, so closures keep coming right up to
    :data:`AS_OF`. Some tasks also stall (a dispute among residents, waiting for a utility
    or for funds): taken in a random order, tasks get an extra delay of
    :data:`STALL_DAYS` on average until no more than ``n_closed`` (the ``forced`` ones
    included) are done by the as-of date; if no more are done anyway, none stalls. A task
    is therefore open because it started late, takes long or stalled, not because it lies
    past an arbitrary cut-off. Nothing is signed off in the lockdown: work that would end
    in it is closed in the two weeks after it. The ``forced`` tasks (done according to the
    page) never stall and are closed whatever their draw, on the as-of date at the latest.
    """
    n = len(opened)
    room = [(AS_OF - day).days for day in opened]
    took = [max(1, round(w)) for w in work_days]
    order = rng.permutation(n)
    stall = rng.exponential(STALL_DAYS, n)
    done = sum(took[i] <= room[i] or i in forced for i in range(n))
    for i in order:
        if done <= n_closed:
            break
        if i in forced:
            continue
        if took[i] <= room[i] < took[i] + max(1, round(stall[i])):
            done -= 1
        took[i] += max(1, round(stall[i]))
    closing: list[date | None] = []
    for i, day in enumerate(opened):
        if i not in forced and took[i] > room[i]:
            closing.append(None)  # still open on the as-of date
            continue
        closed = day + days(min(took[i], room[i]))
        if in_lockdown(closed):  # signed off once the sites reopened
            closed = LOCKDOWN[1] + days(rng.integers(1, 15))
        # signed off (销号) by the office on a working day, never past the as-of date
        closing.append(min(office_day(closed), _last_working_day(day, AS_OF)))
    return closing


def _last_working_day(start: date, end: date) -> date:
    """Return the last working day from ``start`` to ``end``, or ``start`` if there is none.

    Raises
    ------
    ValueError
        If the official calendar does not cover the range.
    """
    day = end
    while day > start and not is_working_day(day):
        day -= days(1)
    return day


def _replan_open_case_task(rng: np.random.Generator, row: dict[str, object]) -> None:
    """Make an open task of 劳动局家属院 a recent request, not a long-forgotten one.

    The page presents the compound as a model whose listed work is done; a task it still
    has open is taken to have been added later: listed at least 10 days before the as-of
    date and due no more than 30 days before it, with its planned duration kept.
    """
    opened, planned = row["opened_on"], row["planned_on"]
    assert isinstance(opened, date) and isinstance(planned, date)
    duration = (planned - opened).days
    row["opened_on"] = office_day(AS_OF - days(rng.integers(10, duration + 31)))
    row["planned_on"] = row["opened_on"] + days(duration)


def round_dates(rng: np.random.Generator, interval_months: int) -> list[date]:
    """Dates of the on-site evaluation meetings: every ``interval_months``, late in the month.

    The last round is in the as-of month (on or before the as-of day); rounds go back
    while they fall at least a month after the programme start. The street office holds
    them on a working day between the 17th and the 23rd, outside the lockdown (the next
    working day after it if that week is locked down).

    Raises
    ------
    ValueError
        If the official calendar does not cover a round's month.
    """
    dates, month = [], date(AS_OF.year, AS_OF.month, 1)
    while month >= add_months(date(PROGRAM_START.year, PROGRAM_START.month, 1), 1):
        week = [
            d
            for d in working_days(
                date(month.year, month.month, 17), min(date(month.year, month.month, 23), AS_OF)
            )
            if not in_lockdown(d)
        ]
        if week:
            dates.append(week[int(rng.integers(0, len(week)))])
        else:  # a locked-down (or holiday) week: the first working day after it
            dates.append(min(office_day(date(month.year, month.month, 23)), AS_OF))
        month = add_months(month, -interval_months)
    return sorted(dates)


def generate_evaluations(
    rng: np.random.Generator, compounds: pd.DataFrame, targets: Targets
) -> pd.DataFrame:
    """Return peer scores for 中心路 compounds, one row per compound and round.

    Scores improve over the rounds on average (each round closes part of the gap to
    100), with noise, so some compounds fall between rounds; 劳动局家属院 starts ahead.

    Raises
    ------
    ValueError
        If 中心路 has fewer than two compounds (nobody to score them).
    """
    zxl = compounds[compounds["unit_id"] == ZXL].sort_values("compound_id")
    n = len(zxl)
    if n < 2:
        raise ValueError("peer evaluation needs at least two compounds")
    rounds = round_dates(rng, targets["zxl-evaluation-interval"].exact())
    # each round closes part of the gap to a perfect score; noise makes some fall back
    gap = 100 - rng.normal(70, 6, n) - np.where(zxl["name_zh"] == LABOUR_BUREAU_COMPOUND, 6, 0)
    closing = np.clip(rng.normal(0.12, 0.05, n), 0.0, 0.3)
    rows = []
    for r, held in enumerate(rounds, start=1):
        mean = 100 - np.maximum(gap, 1) * (1 - closing) ** (r - 1)
        score = np.clip(mean + rng.normal(0, 2.0, n), 0, 99.5)
        raters = (n - 1) - rng.binomial(n - 1, 0.08, n)
        for cid, s, k in zip(zxl["compound_id"], score, raters, strict=True):
            # tenths as k/10 give the same double as parsing the written "%.1f" string
            rows.append(
                {
                    "round_no": r,
                    "held_on": held,
                    "compound_id": cid,
                    "score": int(round(s * 10)) / 10,
                    "raters": int(max(1, k)),
                }
            )
    return typed_frame("evaluations", rows)
