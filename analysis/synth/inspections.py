"""Public-health inspections of 六小 premises and institutional canteens.

Calibrated to: six-small-joint-inspection (the only day of joint visits),
cdi-canteens-inspected and cdi-suggestions (the food-waste supervision). Premises are
ids only; no business names exist anywhere in the data.

Calendar (:mod:`analysis.synth.workdays`): inspectors work on official working days, so
every visit, deadline and paper confirmation falls on one; routine supervision starts
after the lockdown; the joint day keeps the date the page publishes.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis.datasets.schema import CHECK_ITEMS
from analysis.rules.entities import DISTRICT_ID, FOOD_WASTE_CAMPAIGN, SIX_SMALL_CAMPAIGN
from analysis.synth.calibration import Targets, allocate
from analysis.synth.frames import AS_OF, days, normalise, random_dates, typed_frame
from analysis.synth.workdays import next_working_day, working_days

ROUTINE, JOINT, CDI = "日常监督", "联合检查", "区纪委监委"
CANTEEN, OK, FAIL, NA = "机关食堂", "合格", "不合格", "不适用"
ORDERED, NO_OUTCOME = "限期整改", "不适用"  # outcomes: rectification ordered; nothing checked
#: Routine supervision from March 2020; the lockdown days at its start are left out.
ROUTINE_WINDOW = (date(2020, 3, 1), AS_OF)
#: The food-waste supervision followed the national campaign of August 2020 ("近日").
CDI_WINDOW = (date(2020, 8, 20), AS_OF - days(1))
#: 六小 premises per community (invented); canteens are added separately.
PREMISES_PER_COMMUNITY = (12, 20)
SIX_SMALL = {
    "小餐饮店": 0.35,
    "小食品店": 0.2,
    "小旅店": 0.08,
    "小美容美发店": 0.22,
    "小浴室": 0.06,
    "小歌舞厅": 0.09,
}
#: Which routine agency visits which type (health commission: public places; market
#: supervision: food; the patriotic health centre: any).
AGENCY_P = {"food": (0.15, 0.65, 0.2), "place": (0.65, 0.1, 0.25)}
FOOD = {"小餐饮店", "小食品店", CANTEEN}
#: Base fail rate per item, and a multiplier per type (invented, but hygiene and health
#: certificates fail most often in small restaurants, least in canteens).
ITEM_FAIL = dict(zip(CHECK_ITEMS, (0.02, 0.04, 0.07, 0.06, 0.04), strict=True))
TYPE_RISK = {
    "小餐饮店": 1.5,
    "小食品店": 1.0,
    "小旅店": 0.8,
    "小美容美发店": 1.2,
    "小浴室": 1.0,
    "小歌舞厅": 1.1,
    CANTEEN: 0.4,
}
#: A counter-service food shop has no seated customers to scan and take temperatures of.
NOT_APPLICABLE = {("小食品店", "item_scan_temp")}


def _premises(rng: np.random.Generator, communities: pd.DataFrame, n_canteens: int) -> list:
    """Premises as (premises_id, unit_id, type, risk); risk > 1 marks repeat offenders."""
    per_unit = communities.groupby("unit_id", observed=True).size()
    types, p = list(SIX_SMALL), np.array(list(SIX_SMALL.values()))
    # district bodies' canteens sit under the district itself
    canteen_units = rng.choice(
        [DISTRICT_ID, *per_unit.index], size=n_canteens, p=normalise([4, *[1] * len(per_unit)])
    )
    out = []
    for unit in [DISTRICT_ID, *per_unit.index]:
        n = int(per_unit.get(unit, 0) * rng.integers(*PREMISES_PER_COMMUNITY))
        kinds = rng.choice(types, size=n, p=p / p.sum()).tolist()
        kinds += [CANTEEN] * int((canteen_units == unit).sum())
        kinds = [kinds[i] for i in rng.permutation(len(kinds))]
        out += [
            (f"P-{unit}-{k:04d}", unit, t, float(rng.gamma(2.0, 0.5)))
            for k, t in enumerate(kinds, start=1)
        ]
    return out


def _items(
    rng: np.random.Generator, kind: str, risk: float, again: set[str] | None = None
) -> dict[str, str]:
    """Check results; on a re-inspection, items that failed before fail again more often."""
    out = {}
    for item in CHECK_ITEMS:
        if (kind, item) in NOT_APPLICABLE:
            out[item] = NA
            continue
        p = ITEM_FAIL[item] * TYPE_RISK[kind] * risk
        if again is not None:
            p = min(0.4, 0.1 * risk) if item in again else p / 3
        out[item] = FAIL if rng.random() < min(p, 0.6) else OK
    return out


def _visit(
    key: int,
    pid: str,
    unit: str,
    kind: str,
    agency: str,
    campaign: str,
    on: date,
    items: dict[str, str],
    suggestions: int,
    previous: int | None = None,
) -> dict:
    failed = FAIL in items.values()
    return {
        "key": key,
        "previous": previous,
        "premises_id": pid,
        "premises_type": kind,
        "unit_id": unit,
        "agency": agency,
        "campaign": campaign,
        "inspected_on": on,
        "visit_kind": "初查" if previous is None else "复查",
        **items,
        # a visit that checked no item (the food-waste supervision) has no hygiene outcome
        "outcome": ORDERED if failed else (NO_OUTCOME if set(items.values()) == {NA} else OK),
        "suggestions": suggestions,
        "rectify_by": None,
        "rectified_on": None,
    }


def _deadline(rng: np.random.Generator, inspected_on: date) -> date:
    """Return a rectification deadline: a working day 7–30 days after the visit.

    Raises
    ------
    ValueError
        If the official calendar does not cover the days after the visit.
    """
    options = working_days(inspected_on + days(7), inspected_on + days(30))
    return options[int(rng.integers(0, len(options)))]


def _follow_up(rng: np.random.Generator, rows: list[dict], risk: dict[str, float]) -> None:
    """Set deadlines, re-inspect failed visits and record when rectification was confirmed.

    Most failed visits get a re-inspection around their deadline; if that fails too, the
    chain goes on. The original's rectified_on is the date the chain finally passed.
    Others are confirmed from photos or papers. Whatever lands after the as-of date is
    still open.
    """
    queue = [r for r in rows if r["outcome"] == ORDERED]
    while queue:
        r = queue.pop(0)
        # the deadline is a working day 7–30 days after the visit
        r["rectify_by"] = _deadline(rng, r["inspected_on"])
        if r["campaign"] != ROUTINE:  # joint visits are on the as-of day: nothing after
            if rng.random() < 0.3:  # 立行立改: put right on the spot
                r["rectified_on"] = r["inspected_on"]
            continue
        if rng.random() < 0.8:
            # inspectors mostly come back just before the deadline; some come late; a
            # day that is not a working day moves to the next one
            on = max(r["rectify_by"] + days(rng.integers(-8, 5)), r["inspected_on"] + days(3))
            on = next_working_day(on)
            if on > AS_OF:
                continue
            failed = {i for i in CHECK_ITEMS if r[i] == FAIL}
            items = _items(rng, r["premises_type"], risk[r["premises_id"]], failed)
            again = _visit(
                len(rows),
                r["premises_id"],
                r["unit_id"],
                r["premises_type"],
                r["agency"],
                ROUTINE,
                on,
                items,
                int(rng.integers(0, 2)),
                r["key"],
            )
            rows.append(again)
            if again["outcome"] == ORDERED:
                queue.append(again)
            r["_next"] = again
        else:
            # confirmed at the office, on a working day
            on = next_working_day(r["inspected_on"] + days(rng.integers(3, 41)))
            r["rectified_on"] = on if on <= AS_OF else None
    for r in rows:  # walk each chain to its first passing re-inspection
        nxt = r.get("_next")
        # a failed re-inspection may itself be closed on papers: carry that date back too
        while nxt is not None and nxt["outcome"] != OK and nxt["rectified_on"] is None:
            nxt = nxt.get("_next")
        if nxt is not None:
            r["rectified_on"] = nxt["inspected_on"] if nxt["outcome"] == OK else nxt["rectified_on"]
    for r in rows:
        r.pop("_next", None)


def generate_inspections(
    rng: np.random.Generator, communities: pd.DataFrame, targets: Targets
) -> pd.DataFrame:
    """Return inspection visits: routine supervision, the joint day and the food-waste check.

    Raises
    ------
    ValueError
        If the published canteen count or suggestions cannot be met.
    """
    joint_day = targets["six-small-joint-inspection"].date()
    n_cdi = targets["cdi-canteens-inspected"].pick(rng, 0.15, 0.5)
    n_canteens = n_cdi + int(rng.integers(6, 12))
    premises = _premises(rng, communities, n_canteens)
    risk = {pid: r for pid, _, _, r in premises}
    rows: list[dict] = []
    for pid, unit, kind, r in premises:  # routine visits, 1–4 per premises
        n = min(4, 1 + int(rng.poisson(0.9)))
        visits = random_dates(rng, *ROUTINE_WINDOW, n, avoid_lockdown=True, working_days_only=True)
        for on in sorted(set(visits)):
            agency = rng.choice(
                ["区卫健委", "区市场监管局", "区爱卫中心"],
                p=AGENCY_P["food" if kind in FOOD else "place"],
            )
            items = _items(rng, kind, r)
            extra = int(FAIL in items.values() and rng.random() < 0.5)
            sugg = min(3, int(rng.poisson(0.3)) + extra)
            rows.append(_visit(len(rows), pid, unit, kind, str(agency), ROUTINE, on, items, sugg))
    # the joint six-small inspection: one day, the published date
    six_small = [p for p in premises if p[2] != CANTEEN]
    for j in rng.choice(len(six_small), size=int(rng.integers(8, 16)), replace=False):
        pid, unit, kind, r = six_small[int(j)]
        items = _items(rng, kind, r)
        sugg = int(rng.integers(0, 3))
        rows.append(
            _visit(len(rows), pid, unit, kind, JOINT, SIX_SMALL_CAMPAIGN, joint_day, items, sugg)
        )
    _follow_up(rng, rows, risk)
    # the food-waste supervision: the published number of canteens and suggestions
    canteens = [p for p in premises if p[2] == CANTEEN]
    chosen = sorted(rng.choice(len(canteens), size=n_cdi, replace=False).tolist())
    sugg = allocate(
        targets["cdi-suggestions"].exact(), rng.gamma(1.0, size=n_cdi), caps=np.full(n_cdi, 2)
    )
    dates = random_dates(rng, *CDI_WINDOW, n_cdi, working_days_only=True)
    for j, on, s in zip(rng.permutation(chosen), dates, sugg, strict=True):
        pid, unit, kind, _ = canteens[int(j)]
        rows.append(
            _visit(
                len(rows),
                pid,
                unit,
                kind,
                CDI,
                FOOD_WASTE_CAMPAIGN,
                on,
                dict.fromkeys(CHECK_ITEMS, NA),
                int(s),
            )
        )
    # ids in date order; a re-inspection is always later than the visit it follows
    rows.sort(key=lambda r: (r["inspected_on"], r["premises_id"], r["key"]))
    ids = {r["key"]: f"I-{k:05d}" for k, r in enumerate(rows, start=1)}
    for r in rows:
        r["inspection_id"] = ids[r.pop("key")]
        prev = r.pop("previous")
        r["previous_inspection_id"] = None if prev is None else ids[prev]
    return typed_frame("inspections", rows)
