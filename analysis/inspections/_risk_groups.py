"""Visits grouped by premises, for :mod:`analysis.inspections.risk` (whole columns, no row loops).

The rows are put in premises order once (:func:`premises_groups`: a stable sort of the
ids, which also numbers the premises in id order); a premises' history is then a run of
consecutive positions, and its running totals are cumulative sums along that run. The
grouping of an Arrow-backed column is remembered while that column exists (it cannot
change: an edit replaces the Arrow data), so one frame's ids are sorted once. Each
function here gives what the corresponding pandas ``groupby`` of :mod:`analysis.inspections.risk`
defines, value for value.
"""

from __future__ import annotations

import weakref
from functools import partial
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.inspections._columns import REINSPECTION, assessed, dates, equals
from analysis.inspections.metrics import ORDERED

_NAT = np.iinfo(np.int64).min


class Groups(NamedTuple):
    """Rows by premises: ``codes`` (per row, the premises number in id order; -1 if missing),
    ``ids`` (the ids by number), ``order`` (the rows with a premises, by premises then row)
    and ``number`` (the premises number along ``order``)."""

    codes: np.ndarray
    ids: pd.Index
    order: np.ndarray
    number: np.ndarray


#: Groupings of premises columns, reused while a column's (immutable) Arrow data is alive:
#: validating and ranking one frame then sort its ids once, not twice. A few at most.
_MEMO: dict[int, tuple[weakref.ref, Groups]] = {}
_MEMO_SIZE = 4


def premises_groups(column: pd.Series) -> Groups:
    """The rows of ``column`` grouped by value (``pd.factorize(sort=True)`` numbering)."""
    array = column.array
    if not isinstance(array, pd.arrays.ArrowStringArray):
        codes, ids = pd.factorize(column, sort=True)
        order = np.flatnonzero(codes >= 0)
        order = order[np.argsort(codes[order], kind="stable")]
        return Groups(codes.astype(np.int64), pd.Index(ids), order, codes[order])
    import pyarrow as pa
    import pyarrow.compute as pc

    key = array.__arrow_array__()
    memo = _MEMO.get(id(key))
    if memo is not None and memo[0]() is key:
        return memo[1]
    # Sorting the ids and numbering the runs of equal ones is faster than hashing millions
    # of distinct ids (a hash table that size misses the cache on nearly every look-up).
    data = key.combine_chunks() if isinstance(key, pa.ChunkedArray) else key
    order = pc.array_sort_indices(data)  # stable; missing ids last
    known = len(data) - data.null_count
    ordered = data.take(order).slice(0, known)
    new = np.ones(known, dtype=bool)
    if known > 1:
        new[1:] = pc.not_equal(ordered.slice(1), ordered.slice(0, known - 1)).to_numpy(
            zero_copy_only=False
        )
    order = order.to_numpy()[:known].astype(np.int64)
    number = np.cumsum(new) - 1
    codes = np.full(len(data), -1, dtype=np.int64)
    codes[order] = number
    ids = pd.Index(pd.arrays.ArrowStringArray(ordered.filter(pa.array(new)), dtype=array.dtype))
    groups = Groups(codes, ids, order, number)
    for shared in (codes, order, number):
        shared.flags.writeable = False  # shared through _MEMO
    while len(_MEMO) >= _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]  # the oldest
    _MEMO[id(key)] = (weakref.ref(key, partial(_forget, id(key))), groups)
    return groups


def _forget(number: int, ref: weakref.ref) -> None:
    if _MEMO.get(number, (None,))[0] is ref:  # the column is gone: so is its grouping
        del _MEMO[number]


class Visits:
    """The per-row arrays the risk computations read, worked out once per frame."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.groups = premises_groups(frame["premises_id"])
        self.ids = self.groups.ids
        self.failed = equals(frame["outcome"], ORDERED)
        self.checked = assessed(frame, reinspections=True)  # re-inspections included
        self.first_round = ~equals(frame["visit_kind"], REINSPECTION)
        self.day = dates(frame["inspected_on"])

    def runs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows (a mask) with a premises, in premises order: ``(rows, number, starts)``,
        ``starts`` the first position of each premises' run."""
        keep = rows[self.groups.order]
        at, number = self.groups.order[keep], self.groups.number[keep]
        return at, number, _starts(number)


def _starts(number: np.ndarray) -> np.ndarray:
    """Where each run of equal numbers begins."""
    if not len(number):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate([[True], number[1:] != number[:-1]]))


def earlier_days(visits: Visits, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the rows (a mask) with a premises and a date: failures and last visit *before*.

    Same-day visits are not before each other: per premises, the visits are taken in date
    order, and each reads the running totals as they stood before its day.

    Returns
    -------
    (rows, prior_failures, last_visit)
        Row positions (in premises order), int64 counts of their premises' failures on
        earlier days, and the last earlier day as int64 ticks (NaT ticks if none).
    """
    at, number, _ = visits.runs(rows & (visits.day != _NAT))
    day = visits.day[at]
    if ((number[1:] == number[:-1]) & (day[1:] < day[:-1])).any():
        keep = np.lexsort((day, number))  # a premises' visits out of date order: sort them
        at, number, day = at[keep], number[keep], day[keep]
    new_premises = np.concatenate([[True], number[1:] != number[:-1]])[: len(at)]
    new_day = new_premises | np.concatenate([[False], day[1:] != day[:-1]])[: len(at)]
    failed = visits.failed[at].astype(np.int64)
    before = np.cumsum(failed) - failed  # failures at the positions before each one
    day_start = np.flatnonzero(new_day)
    on_day = np.cumsum(new_day) - 1  # which (premises, day) run each position is in
    first = np.flatnonzero(new_premises)[np.cumsum(new_premises) - 1]  # its premises' first
    prior = before[day_start][on_day] - before[first]
    # The day before a run is the previous position's, unless the run opens its premises.
    previous = np.where(new_premises[day_start], _NAT, day[np.maximum(day_start - 1, 0)])
    return at, prior, previous[on_day]


def first_round(visits: Visits, history: np.ndarray) -> dict:
    """The training rows (first-round visits with the factors known just before each), as arrays
    (premises order).

    Returns
    -------
    dict
        ``rows`` (positions of the checked first-round visits in ``history`` with a
        premises and a date), their ``prior_failures``, ``days_since`` (float, NaN with no
        earlier day) and ``failed``.
    """
    at, prior, before = earlier_days(visits, visits.checked & history)
    keep = visits.first_round[at]
    at, prior, before = at[keep], prior[keep], before[keep]
    unit = np.datetime_data(visits.frame["inspected_on"].to_numpy().dtype)[0]
    tick = np.timedelta64(1, "D") // np.timedelta64(1, unit)
    since = np.where(before == _NAT, np.nan, (visits.day[at] - before) // tick)
    return {
        "rows": at,
        "prior_failures": prior,
        "days_since": since,
        "failed": visits.failed[at],
    }
