"""Shared plumbing for the generators: typed frames, dates and random helpers.

Every generator builds plain Python rows (``str``, ``int``, ``float``, ``bool``,
:class:`datetime.date`, ``None`` for missing) and hands them to :func:`typed_frame`,
which gives them exactly the dtypes :func:`analysis.load` produces. That is what makes
``generate()`` equal to writing the files and loading them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis.datasets.loaders import domain_values
from analysis.datasets.schema import DATA_AS_OF, Field, get_dataset
from analysis.synth.workdays import is_statutory_holiday, is_working_day, next_working_day

#: Every event date in the synthetic records is on or before this day.
AS_OF: date = date.fromisoformat(DATA_AS_OF)
#: Start of the district's unmanaged-compound renovation programme. Not printed on the
#: page ("全区无主管楼院整治提升工作启动以来"); an assumption of the synthetic data.
PROGRAM_START: date = date(2019, 10, 8)
#: Lockdown weeks in Zhengzhou: no face-to-face meetings, routine inspections, loan issues
#: or renovation listings and sign-offs are generated in them.
LOCKDOWN: tuple[date, date] = (date(2020, 1, 24), date(2020, 3, 10))


def typed_frame(name: str, rows: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Build dataset ``name`` from plain rows with the dtypes the loader gives.

    Rows are sorted by the primary key, as in the canonical CSV.

    Parameters
    ----------
    name
        Dataset name in :data:`analysis.datasets.schema.DATASETS`.
    rows
        One mapping per record with exactly the dataset's columns.

    Returns
    -------
    pandas.DataFrame
        Typed like :func:`analysis.load` returns it (ids/strings ``str``, ints ``int64``
        or ``Int64`` when a value is missing, dates ``datetime64[ns]``, ordered
        categoricals over the vocabulary).

    Raises
    ------
    ValueError
        If columns are missing or extra, a required value is missing, or a category is
        not in its domain: a generator bug, caught before anything is written.
    """
    dataset = get_dataset(name)
    expected = [f.name for f in dataset.fields]
    for i, row in enumerate(rows):
        if set(row) != set(expected):
            raise ValueError(f"{name} row {i}: columns {sorted(row)} != {sorted(expected)}")
    columns = {f.name: _cast([row[f.name] for row in rows], f, name) for f in dataset.fields}
    frame = pd.DataFrame(columns)
    frame = frame.sort_values(list(dataset.primary_key), kind="stable")
    return frame.reset_index(drop=True)


def _cast(values: list[object], fld: Field, dataset: str) -> pd.Series:
    missing = [v is None for v in values]
    if fld.required and any(missing):
        raise ValueError(f"{dataset}.{fld.name}: required value missing")
    if fld.kind in ("id", "str"):
        return pd.Series(values, dtype=object).astype("str")
    if fld.kind == "int":
        if any(missing):
            return pd.Series(pd.array(values, dtype="Int64"))
        return pd.Series(np.asarray(values, dtype=np.int64))
    if fld.kind == "float":
        return pd.Series(np.asarray([np.nan if v is None else v for v in values], dtype=float))
    if fld.kind == "bool":
        return pd.Series(np.asarray(values, dtype=bool))
    if fld.kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object))).astype("datetime64[ns]")
    categories = domain_values(fld.domain or "")
    unknown = sorted({str(v) for v in values if v is not None and v not in categories})
    if unknown:
        raise ValueError(f"{dataset}.{fld.name}: {unknown} not in domain {fld.domain}")
    return pd.Series(pd.Categorical(values, categories=categories, ordered=True))


def days(n: int | np.integer) -> timedelta:
    """Return a :class:`~datetime.timedelta` of ``n`` days (accepts numpy integers)."""
    return timedelta(days=int(n))


def add_months(day: date, months: int) -> date:
    """Return ``day`` shifted by whole months, clamping the day to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


def in_lockdown(day: date) -> bool:
    """True if ``day`` falls in :data:`LOCKDOWN` (inclusive)."""
    return LOCKDOWN[0] <= day <= LOCKDOWN[1]


def office_day(day: date) -> date:
    """Return the first official working day on or after ``day`` outside :data:`LOCKDOWN`.

    Raises
    ------
    ValueError
        If the official calendar runs out before such a day.
    """
    day = next_working_day(day)
    while in_lockdown(day):
        day = next_working_day(LOCKDOWN[1] + days(1))
    return day


def random_dates(
    rng: np.random.Generator,
    start: date,
    end: date,
    n: int,
    *,
    avoid_lockdown: bool = False,
    working_days_only: bool = False,
    avoid_holidays: bool = False,
) -> list[date]:
    """Draw ``n`` dates uniformly from the allowed days of ``start`` … ``end``, sorted.

    Parameters
    ----------
    rng
        Random generator of the dataset's stream.
    start, end
        First and last day of the range (inclusive).
    n
        Number of dates to draw (with replacement).
    avoid_lockdown
        Leave out the days of :data:`LOCKDOWN`.
    working_days_only
        Keep only official working days (:func:`~analysis.synth.workdays.is_working_day`:
        no weekend unless it is a 调休 working day, no statutory holiday): what offices do.
    avoid_holidays
        Leave out statutory holidays but keep ordinary weekends: what residents do.

    Returns
    -------
    list of datetime.date
        ``n`` dates in ascending order.

    Raises
    ------
    ValueError
        If no day in the range is allowed, or the range lies outside the official calendar.
    """
    allowed = [
        day
        for day in (start + days(i) for i in range((end - start).days + 1))
        if not (avoid_lockdown and in_lockdown(day))
        and not (working_days_only and not is_working_day(day))
        and not (avoid_holidays and is_statutory_holiday(day))
    ]
    if not allowed:
        raise ValueError(f"no allowed day between {start} and {end}")
    picks = rng.integers(0, len(allowed), size=n)
    return sorted(allowed[i] for i in picks)


def normalise(weights: Iterable[float] | np.ndarray) -> np.ndarray:
    """Return ``weights`` as probabilities (non-negative, summing to one)."""
    w = np.asarray(list(weights), dtype=float)
    return w / w.sum()
