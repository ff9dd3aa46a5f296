"""The official calendar the synthetic records follow: working days, holidays, 调休.

Who acts on which days (the rules every generator applies through this module):

- **Offices and banks** — loan issues, routine and campaign inspections, re-inspections,
  rectification deadlines and paper confirmations, listing and signing off renovation
  tasks, the peer evaluation rounds — act on *working days*: Monday to Friday unless a
  statutory holiday, plus the weekend days the State Council makes working days to
  bridge a holiday (调休, e.g. Sunday 2019-09-29 before National Day). Routine work and
  loan issues also stop in the lockdown weeks (:data:`~analysis.synth.frames.LOCKDOWN`).
- **Residents' consultations and activities** — small-stool talks, residents' meetings,
  door-to-door visits, the survey and themed activities — may fall on an ordinary weekend,
  because that is when working residents are at home and when community workers commonly
  meet them; they are not held on a *statutory holiday* (National Day week, Spring
  Festival …), when families travel and cadres are on leave, nor in the lockdown.
- Dates the page itself publishes (the joint 六小 inspection on 2020-09-23) are kept as
  published, whatever the calendar says.

Holidays and make-up working days come from the maintained ``chinesecalendar`` package,
which transcribes the State Council's annual holiday notices.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import chinese_calendar

__all__ = [
    "is_statutory_holiday",
    "is_working_day",
    "next_working_day",
    "working_days",
]


@cache
def is_working_day(day: date) -> bool:
    """True if ``day`` is an official working day (weekday or 调休 weekend day).

    Raises
    ------
    ValueError
        If ``day`` lies outside the years ``chinesecalendar`` covers.
    """
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as err:  # the package knows only the years it transcribed
        raise ValueError(f"no official calendar for {day}: {err}") from None


@cache
def is_statutory_holiday(day: date) -> bool:
    """True if ``day`` is part of a statutory holiday (法定节假日), weekend days included.

    An ordinary weekend is not; a weekend inside National Day week is.

    Raises
    ------
    ValueError
        If ``day`` lies outside the years ``chinesecalendar`` covers.
    """
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError as err:
        raise ValueError(f"no official calendar for {day}: {err}") from None
    return bool(on_holiday) and name is not None


def next_working_day(day: date) -> date:
    """Return ``day`` if it is a working day, else the first working day after it.

    Raises
    ------
    ValueError
        If the calendar runs out before a working day is found.
    """
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days(start: date, end: date) -> list[date]:
    """Return the working days from ``start`` to ``end`` inclusive, in order.

    Raises
    ------
    ValueError
        If a day in the range lies outside the years ``chinesecalendar`` covers.
    """
    span = (end - start).days + 1
    return [d for d in (start + timedelta(days=i) for i in range(span)) if is_working_day(d)]
