"""Renovation checklist tasks (清单销号) and bimonthly peer evaluations (观摩评比).

Calibrated to: ldj-tasks (劳动局家属院's task count) and zxl-evaluation-interval (the
rounds are spaced by the published number of months).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis.reconciliation import LABOUR_BUREAU_COMPOUND, ZXL
from analysis.synth.calibration import Targets
from analysis.synth.frames import (
    AS_OF,
    LOCKDOWN,
    PROGRAM_START,
    add_months,
    days,
    in_lockdown,
    typed_frame,
)

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

    Opened from the programme start, planned 30–150 days later; roughly 70 % closed by
    the as-of date, some after their planned date (slippage, worst over the lockdown).

    Raises
    ------
    ValueError
        If 劳动局家属院's published task count exceeds the task categories.
    """
    ldj_n = targets["ldj-tasks"].exact()
    rows, forced = [], []
    for cp in compounds.sort_values("compound_id").itertuples(index=False):
        is_ldj = cp.name_zh == LABOUR_BUREAU_COMPOUND
        if is_ldj:
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
                    "closed_on": opened + days(max(1, round(work))),
                }
            )
    # close the share of tasks that would finish first; the rest are open on the as-of date
    done = sorted(range(len(rows)), key=lambda i: (i not in forced, rows[i]["closed_on"], i))
    n_closed = round(rng.uniform(*CLOSED_SHARE) * len(rows))
    for rank, i in enumerate(done):
        if rank >= n_closed:
            rows[i]["closed_on"] = None
        elif rows[i]["closed_on"] > AS_OF:
            rows[i]["closed_on"] = AS_OF - days(rng.integers(0, 10))
            rows[i]["closed_on"] = max(rows[i]["closed_on"], rows[i]["opened_on"])
    rows.sort(key=lambda r: (r["compound_id"], r["opened_on"], r["category"]))
    for k, r in enumerate(rows, start=1):
        r["task_id"] = f"t-{k:05d}"
    return typed_frame("renovation_tasks", rows)


def round_dates(rng: np.random.Generator, interval_months: int) -> list[date]:
    """Dates of the on-site evaluation meetings: every ``interval_months``, late in the month.

    The last round is in the as-of month (on or before the as-of day); rounds go back
    while they fall at least a month after the programme start.
    """
    dates, month = [], date(AS_OF.year, AS_OF.month, 1)
    while month >= add_months(date(PROGRAM_START.year, PROGRAM_START.month, 1), 1):
        day = date(month.year, month.month, int(rng.integers(17, 24)))
        dates.append(min(day, AS_OF))
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
