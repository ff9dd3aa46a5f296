"""Entrepreneurship guarantee loans (创业担保贷款), without any personal data.

Calibrated to: loans-count and loans-amount (exactly the published number of loans and
total). Amounts respect the caps in :mod:`analysis.rules.policy`: the individual cap in force
on the issue date (150,000 yuan before 财金〔2020〕21号, 200,000 after), the small and
micro business cap, and the longest terms in force on the issue date
(:func:`analysis.rules.policy.max_term_months`). Loans are issued on banks' working days
(:mod:`analysis.synth.workdays`), never in the lockdown.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis.rules import policy
from analysis.synth.calibration import Targets
from analysis.synth.frames import AS_OF, add_months, in_lockdown, typed_frame
from analysis.synth.workdays import working_days

#: Loans are counted from the start of 2019 (first working day) to the as-of date.
ISSUE_WINDOW = (date(2019, 1, 2), AS_OF)
#: Amounts are whole multiples of this (banks lend in round ten-thousands).
STEP = 10_000
#: A handful of small-business loans of 300,000–1,000,000 yuan (invented).
BUSINESS_LOANS = (3, 6)
BUSINESS_AMOUNT = (300_000, 1_000_000)
SMALLEST_LOAN = 30_000
INDIVIDUAL_AMOUNTS = (50_000, 80_000, 100_000, 120_000, 150_000, 200_000)
INDIVIDUAL_P = (0.08, 0.07, 0.25, 0.1, 0.3, 0.2)
PERSON_GROUPS = ("城镇登记失业人员", "高校毕业生", "返乡创业农民工", "退役军人", "就业困难人员")
PERSON_GROUP_P = (0.32, 0.16, 0.26, 0.08, 0.18)
SECTORS = ("餐饮", "批发零售", "居民服务", "加工制造", "种植养殖", "交通运输", "其他")
PERSON_SECTOR_P = (0.28, 0.3, 0.17, 0.05, 0.07, 0.08, 0.05)
BUSINESS_SECTOR_P = (0.15, 0.3, 0.0, 0.4, 0.0, 0.15, 0.0)
#: Share of loans overdue at the as-of date is drawn from 2–5 %.
OVERDUE = (2, 4)


def _issue_dates(rng: np.random.Generator, n: int) -> list[date]:
    """Banks' working days (调休 weekends included, holidays not), none in the lockdown.

    Issues are more frequent once the 2020 notice raised the cap.
    """
    pool = [d for d in working_days(*ISSUE_WINDOW) if not in_lockdown(d)]
    w = np.array([1.4 if d >= policy.LOAN_POLICY_2020_ISSUED else 1.0 for d in pool])
    return sorted(pool[i] for i in rng.choice(len(pool), size=n, p=w / w.sum()))


def _amounts(
    rng: np.random.Generator, total: int, business: np.ndarray, caps: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Individual amounts within their caps; business amounts absorb what they cannot."""
    units = np.minimum(rng.choice(INDIVIDUAL_AMOUNTS, size=len(caps), p=INDIVIDUAL_P), caps)
    units, caps, business = units // STEP, caps // STEP, business // STEP
    lo, hi = SMALLEST_LOAN // STEP, policy.SMALL_BUSINESS_LOAN_CAP_YUAN // STEP
    target = total // STEP - business.sum()
    if not len(caps) * lo <= target <= caps.sum():  # shift the difference onto businesses
        shift = target - np.clip(target, len(caps) * lo, caps.sum())
        business = business + np.diff(np.linspace(0, shift, len(business) + 1).round())
        if business.min() < BUSINESS_AMOUNT[0] // STEP or business.max() > hi:
            raise ValueError("loan total cannot be met within the policy caps")
        target = total // STEP - business.sum()
    while (diff := int(target - units.sum())) != 0:
        # nudge one loan at a time, by 50,000 while far off, so amounts stay round
        room = (caps - units) if diff > 0 else (units - lo)
        ok = np.flatnonzero(room > 0)
        i = int(rng.choice(ok))
        step = min(abs(diff), int(room[i]), 5 if abs(diff) >= 5 else 1)
        units[i] += step if diff > 0 else -step
    return units * STEP, business * STEP


def generate_loans(
    rng: np.random.Generator, communities: pd.DataFrame, targets: Targets
) -> pd.DataFrame:
    """Return the published number of loans adding up to the published total.

    Raises
    ------
    ValueError
        If the total is not a multiple of 10,000 yuan or cannot be met within the caps.
    """
    n, total = targets["loans-count"].exact(), targets["loans-amount"].exact()
    if total % STEP:
        raise ValueError(f"published loan total {total} is not a multiple of {STEP}")
    issued = _issue_dates(rng, n)
    is_business = np.zeros(n, dtype=bool)
    is_business[
        rng.choice(n, size=int(rng.integers(*BUSINESS_LOANS, endpoint=True)), replace=False)
    ] = True
    b_lo, b_hi = BUSINESS_AMOUNT[0] // STEP, BUSINESS_AMOUNT[1] // STEP
    business = rng.integers(b_lo, b_hi + 1, size=int(is_business.sum())) * STEP
    person_dates = [d for d, b in zip(issued, is_business, strict=True) if not b]
    caps = np.array([policy.individual_loan_cap(d) for d in person_dates])
    person, business = _amounts(rng, total, business, caps)
    amount = np.empty(n, dtype=np.int64)
    amount[~is_business], amount[is_business] = person, business
    comm = communities.sort_values("community_id")
    pick = rng.integers(0, len(comm), size=n)  # a unit's share follows its communities
    unrecorded = set(rng.choice(np.flatnonzero(~is_business), size=3, replace=False).tolist())
    no_gender = set(rng.choice(np.flatnonzero(~is_business), size=2, replace=False).tolist())
    no_sector = set(rng.choice(n, size=2, replace=False).tolist())
    rows = []
    for i, (d, biz) in enumerate(zip(issued, is_business, strict=True)):
        if biz:
            term = int(rng.choice([12, policy.max_term_months(d, business=True)]))
            group, gender, jobs = policy.SMALL_BUSINESS_CATEGORY, "不适用", rng.integers(5, 41)
            sector = str(rng.choice(SECTORS, p=BUSINESS_SECTOR_P))
        else:
            longest = policy.max_term_months(d)  # the limit of the notice in force on d
            term = int(rng.choice([12, 24, longest], p=[0.25, 0.35, 0.4]))
            group = (
                "未记录" if i in unrecorded else str(rng.choice(PERSON_GROUPS, p=PERSON_GROUP_P))
            )
            gender = "未记录" if i in no_gender else str(rng.choice(["女", "男"], p=[0.45, 0.55]))
            jobs = 1 + rng.binomial(5, 0.3)
            sector = str(rng.choice(SECTORS, p=PERSON_SECTOR_P))
        rows.append(
            {
                "loan_id": "",
                "issued_on": d,
                "unit_id": comm["unit_id"].iloc[pick[i]],
                "community_id": comm["community_id"].iloc[pick[i]],
                "amount_yuan": int(amount[i]),
                "term_months": term,
                "borrower_category": group,
                "sector": "未记录" if i in no_sector else sector,
                "gender": gender,
                "jobs_created": int(jobs),
                "status": "已结清" if add_months(d, term) <= AS_OF else "正常还款",
            }
        )
    # a few running loans more than three months old are overdue
    running = [
        i
        for i, r in enumerate(rows)
        if r["status"] == "正常还款" and (AS_OF - r["issued_on"]).days > 90
    ]
    k = min(len(running), int(rng.integers(*OVERDUE, endpoint=True)))
    for i in rng.choice(running, size=k, replace=False):
        rows[int(i)]["status"] = "逾期"
    seq: dict[int, int] = {}
    for r in rows:  # issued_on is sorted, so numbers follow issue order within a year
        seq[r["issued_on"].year] = seq.get(r["issued_on"].year, 0) + 1
        r["loan_id"] = f"L-{r['issued_on'].year}-{seq[r['issued_on'].year]:04d}"
    return typed_frame("loans", rows)
