"""The synthetic records follow the official calendar (analysis.synth.workdays).

Checked on ``synth.generate()`` in memory, for the default seed and another one: offices and
banks act on official working days (调休 weekends included, statutory holidays not), routine
work and loan issues stop in the lockdown, residents' consultations may be on an ordinary
weekend but not on a statutory holiday, loan terms stay within the limit in force on the
issue date, the page's dated campaign keeps its date, and every figure still reconciles.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

import analysis.synth as synth
from analysis.rules import policy
from analysis.rules.reconciliation import MISMATCH, reconcile
from analysis.synth.calibration import load_targets
from analysis.synth.frames import LOCKDOWN, office_day, random_dates
from analysis.synth.workdays import (
    is_statutory_holiday,
    is_working_day,
    next_working_day,
    working_days,
)

LOCK = tuple(pd.Timestamp(d) for d in LOCKDOWN)


@pytest.fixture(scope="module", params=[synth.SEED, synth.SEED + 1], ids=["seed", "seed+1"])
def frames(request: pytest.FixtureRequest) -> dict[str, pd.DataFrame]:
    return synth.generate(request.param)


def _off_days(dates: pd.Series) -> list[str]:
    """Dates in ``dates`` that are not official working days, as ISO strings."""
    return sorted({d.date().isoformat() for d in dates.dropna() if not is_working_day(d.date())})


def _holidays(dates: pd.Series) -> list[str]:
    return sorted({d.date().isoformat() for d in dates.dropna() if is_statutory_holiday(d.date())})


# --- the calendar itself --------------------------------------------------------------------


def test_calendar_knows_holidays_and_make_up_days() -> None:
    assert not is_working_day(date(2019, 10, 1)) and is_statutory_holiday(date(2019, 10, 1))
    assert is_statutory_holiday(date(2019, 10, 5))  # a Saturday inside National Day week
    assert is_working_day(date(2019, 9, 29))  # Sunday made a working day (调休)
    assert is_working_day(date(2020, 4, 26)) and not is_statutory_holiday(date(2020, 4, 26))
    assert not is_working_day(date(2020, 8, 1))  # an ordinary Saturday …
    assert not is_statutory_holiday(date(2020, 8, 1))  # … is not a statutory holiday
    assert not is_working_day(date(2020, 6, 25))  # Dragon Boat Festival, a Thursday
    assert next_working_day(date(2019, 10, 1)) == date(2019, 10, 8)
    assert next_working_day(date(2020, 9, 23)) == date(2020, 9, 23)
    assert working_days(date(2020, 9, 26), date(2020, 9, 28)) == [
        date(2020, 9, 27),  # Sunday 调休 before National Day 2020
        date(2020, 9, 28),
    ]


def test_calendar_outside_its_years_raises() -> None:
    with pytest.raises(ValueError, match="no official calendar"):
        is_working_day(date(1990, 1, 2))
    with pytest.raises(ValueError, match="no official calendar"):
        is_statutory_holiday(date(1990, 1, 2))


def test_office_day_skips_holidays_and_the_lockdown() -> None:
    assert office_day(date(2020, 1, 23)) == date(2020, 1, 23)
    assert office_day(date(2020, 1, 24)) == date(2020, 3, 11)  # first working day after it
    assert office_day(date(2020, 10, 1)) == date(2020, 10, 9)  # after National Day 2020


def test_random_dates_respect_the_calendar() -> None:
    rng = np.random.default_rng(0)
    week = (date(2019, 9, 28), date(2019, 10, 13))  # National Day 2019 and its 调休 days
    office = random_dates(rng, *week, 200, working_days_only=True)
    assert {d for d in office if d.weekday() >= 5} == {date(2019, 9, 29), date(2019, 10, 12)}
    assert all(is_working_day(d) for d in office)
    residents = random_dates(rng, *week, 200, avoid_holidays=True)
    assert not any(is_statutory_holiday(d) for d in residents)
    assert any(d.weekday() >= 5 and not is_working_day(d) for d in residents)  # 2019-10-13
    with pytest.raises(ValueError, match="no allowed day"):
        random_dates(rng, date(2019, 10, 1), date(2019, 10, 7), 1, working_days_only=True)


# --- the generated records --------------------------------------------------------------------


def test_loans_on_bank_working_days_outside_the_lockdown(frames) -> None:
    issued = frames["loans"]["issued_on"]
    assert _holidays(issued) == []
    assert _off_days(issued) == []
    assert not issued.between(*LOCK).any()


def test_loan_terms_within_the_limit_in_force(frames) -> None:
    loans = frames["loans"]
    business = loans["borrower_category"] == policy.SMALL_BUSINESS_CATEGORY
    limit = [
        policy.max_term_months(d.date(), bool(b))
        for d, b in zip(loans["issued_on"], business, strict=True)
    ]
    assert (loans["term_months"].to_numpy() <= np.array(limit)).all()
    assert loans["term_months"].isin([12, 24, 36]).all()


def test_visits_deadlines_and_confirmations_on_working_days(frames) -> None:
    i = frames["inspections"]
    first, again = i[i["visit_kind"] == "初查"], i[i["visit_kind"] == "复查"]
    assert len(first) and len(again)
    assert _off_days(first["inspected_on"]) == []
    assert _off_days(again["inspected_on"]) == []
    assert _off_days(i["rectify_by"]) == []
    assert _off_days(i["rectified_on"]) == []


def test_no_routine_inspection_in_the_lockdown(frames) -> None:
    i = frames["inspections"]
    routine = i[i["campaign"] == "日常监督"]
    assert len(routine) and not routine["inspected_on"].between(*LOCK).any()


def test_the_pages_campaign_keeps_its_date(frames) -> None:
    joint_day = load_targets()["six-small-joint-inspection"].date()
    i = frames["inspections"]
    joint = i[i["agency"] == "联合检查"]
    assert len(joint) and (joint["inspected_on"] == pd.Timestamp(joint_day)).all()


def test_renovation_listed_and_signed_off_on_working_days(frames) -> None:
    t = frames["renovation_tasks"]
    assert _off_days(t["opened_on"]) == [] and _off_days(t["closed_on"]) == []
    assert not t["opened_on"].between(*LOCK).any() and not t["closed_on"].between(*LOCK).any()


def test_evaluation_rounds_on_working_days(frames) -> None:
    held = frames["evaluations"]["held_on"].drop_duplicates()
    assert _off_days(held) == [] and not held.between(*LOCK).any()


def test_consultations_weekends_yes_statutory_holidays_no(frames) -> None:
    held = frames["consultations"]["held_on"]
    assert _holidays(held) == []
    assert not held.between(*LOCK).any()
    weekend = held.map(lambda d: not is_working_day(d.date()))
    assert weekend.any()  # ordinary weekends are allowed: residents are at home then


def test_everything_still_reconciles(frames) -> None:
    result = reconcile(frames)
    assert (result["status"] != MISMATCH).all()


def test_same_seed_same_frames(frames) -> None:
    again = synth.generate(frames["loans"].attrs["seed"])
    for name in synth.DATASET_NAMES:
        pd.testing.assert_frame_equal(again[name], frames[name])
