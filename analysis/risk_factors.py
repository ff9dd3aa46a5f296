"""Vectorised factor computations behind :mod:`analysis.risk` (whole columns, no row loops).

Premises are numbered by :func:`premises_codes` (sorted, so the numbers order as the ids
do and a table indexed by them is in ``premises_id`` order); a premises' history is then
a matter of numpy arrays indexed by that number. Each function here gives what the
corresponding pandas ``groupby`` of :mod:`analysis.risk` defines, value for value.
"""

from __future__ import annotations

import weakref
from functools import partial

import numpy as np
import pandas as pd

from analysis.inspection_chains import (
    REINSPECTION,
    assessed,
    dates,
    equals,
    group_codes,
    take_labels,
)

ORDERED = "限期整改"
_NAT = np.iinfo(np.int64).min


class Visits:
    """The per-row arrays the risk computations read, worked out once per frame.

    ``premises`` numbers each row's premises in sorted id order (-1 if missing) and ``ids``
    are the ids by number, so a table indexed by number is in ``premises_id`` order.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.premises, self.ids = premises_codes(frame["premises_id"])
        self.failed = equals(frame["outcome"], ORDERED)
        self.checked = assessed(frame, reinspections=True)  # re-inspections included
        self.first_round = ~equals(frame["visit_kind"], REINSPECTION)
        self.day = dates(frame["inspected_on"])


#: Numberings of premises columns, reused while a column's (immutable) Arrow data is alive:
#: validating and ranking one frame then sort its ids once, not twice. A few at most.
_MEMO: dict[int, tuple[weakref.ref, tuple[np.ndarray, pd.Index]]] = {}
_MEMO_SIZE = 4


def premises_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(column, sort=True)``, as int64 codes (by Arrow for Arrow strings)."""
    array = column.array
    if not isinstance(array, pd.arrays.ArrowStringArray):
        codes, ids = pd.factorize(column, sort=True)
        return codes.astype(np.int64), pd.Index(ids)
    import pyarrow as pa
    import pyarrow.compute as pc

    key = array.__arrow_array__()
    memo = _MEMO.get(id(key))
    if memo is not None and memo[0]() is key:
        return memo[1]
    # Sorting the ids and numbering the runs of equal ones is faster than hashing millions
    # of distinct ids (a hash table that size misses the cache on nearly every look-up).
    data = key.combine_chunks() if isinstance(key, pa.ChunkedArray) else key
    order = pc.array_sort_indices(data)  # missing ids last
    known = len(data) - data.null_count
    ordered = data.take(order).slice(0, known)
    new = np.ones(known, dtype=bool)
    if known > 1:
        new[1:] = pc.not_equal(ordered.slice(1), ordered.slice(0, known - 1)).to_numpy(
            zero_copy_only=False
        )
    codes = np.full(len(data), -1, dtype=np.int64)
    codes[order.to_numpy()[:known]] = np.cumsum(new) - 1
    codes.flags.writeable = False  # shared through _MEMO
    ids = pd.Index(pd.arrays.ArrowStringArray(ordered.filter(pa.array(new)), dtype=array.dtype))
    while len(_MEMO) >= _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]  # the oldest
    _MEMO[id(key)] = (weakref.ref(key, partial(_forget, id(key))), (codes, ids))
    return codes, ids


def _forget(number: int, ref: weakref.ref) -> None:
    if _MEMO.get(number, (None,))[0] is ref:  # the column is gone: so is its numbering
        del _MEMO[number]


def _day_order(codes: np.ndarray, days: int) -> np.ndarray:
    """Stable order of ``codes`` (0..days-1): a radix sort when they fit 16 bits."""
    if len(codes) < 2 or (codes[1:] >= codes[:-1]).all():  # ledgers are usually in date order
        return np.arange(len(codes))
    if days <= 1 << 16:
        return np.argsort(codes.astype(np.uint16), kind="stable")
    return np.argsort(codes, kind="stable")


def earlier_days(visits: Visits, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``rows``: its premises' failures and last visit on *earlier days*.

    Same-day visits are not before each other, so the rows are taken a day at a time:
    every row of a day reads its premises' running totals before any of that day's rows
    adds to them. ``rows`` must have a premises and a date.

    Returns
    -------
    (prior_failures, last_visit)
        int64 counts, and the last earlier day as int64 ticks of ``inspected_on`` (NaT
        ticks where there is none).
    """
    code, days = pd.factorize(visits.day[rows], sort=True)
    order = _day_order(code, len(days))
    bounds = np.searchsorted(code[order], np.arange(len(days) + 1))
    size = len(visits.ids)
    running, last = np.zeros(size, dtype=np.int64), np.full(size, _NAT, dtype=np.int64)
    prior, before = np.empty(len(rows), dtype=np.int64), np.empty(len(rows), dtype=np.int64)
    who, fails = visits.premises[rows], visits.failed[rows]
    for k in range(len(days)):  # one vectorised step per distinct day
        part = order[bounds[k] : bounds[k + 1]]
        here = who[part]
        prior[part], before[part] = running[here], last[here]
        np.add.at(running, here[fails[part]], 1)
        last[here] = days[k]
    return prior, before


def first_round(visits: Visits, history: np.ndarray) -> dict:
    """The training rows of :func:`analysis.risk.training_rows`, as arrays.

    Returns
    -------
    dict
        ``rows`` (positions of the checked first-round visits in ``history`` with a
        premises and a date, in frame order), their ``prior_failures``, ``days_since``
        (float, NaN with no earlier day) and ``failed``.
    """
    every = visits.checked & history & (visits.premises >= 0) & (visits.day != _NAT)
    rows = np.flatnonzero(every)
    prior, before = earlier_days(visits, rows)
    first = visits.first_round[rows]
    rows, prior, before = rows[first], prior[first], before[first]
    unit = np.datetime_data(visits.frame["inspected_on"].to_numpy().dtype)[0]
    tick = np.timedelta64(1, "D") // np.timedelta64(1, unit)
    since = np.where(before == _NAT, np.nan, (visits.day[rows] - before) // tick)
    return {
        "rows": rows,
        "prior_failures": prior,
        "days_since": since,
        "failed": visits.failed[rows],
    }


def level_codes(
    prior_failures: np.ndarray, days_since: np.ndarray, edges: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Level numbers: failures 0, 1, 2+; days never (NaN), up to each edge, beyond."""
    days = np.asarray(days_since, dtype="float64")
    since = np.select([np.isnan(days), days <= edges[0], days <= edges[1]], [0, 1, 2], 3)
    return np.minimum(prior_failures, 2), since


def level_counts(codes: np.ndarray, labels, failed: np.ndarray) -> list[tuple]:
    """``(level, visits, failures)`` of each level seen, in level order (-1: no level)."""
    known = codes >= 0
    visits = np.bincount(codes[known], minlength=len(labels))
    failures = np.bincount(codes[known], weights=failed[known], minlength=len(labels))
    return [(labels[i], int(visits[i]), int(failures[i])) for i in np.flatnonzero(visits)]


def features(
    visits: Visits, history: np.ndarray, keys: list[str]
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Per premises of ``history``: ``keys``, visits, failures, last visit; sorted by id.

    ``None`` when a premises is recorded with more than one type (or unit) or there is no
    visit: then the groups are not simply premises, and the caller groups the frame itself.

    Returns
    -------
    (table, numbers)
        The table (``keys`` columns, ``visits``, ``failures``, ``last_visit``) and each
        row's premises number.
    """
    frame = visits.frame
    other = [group_codes(frame[k])[0] for k in keys[1:]]
    every = visits.checked & history & (visits.premises >= 0)
    for codes in other:
        every &= codes >= 0
    rows = np.flatnonzero(every)
    if not len(rows):
        return None
    who = visits.premises[rows]
    combined = np.zeros(len(rows), dtype=np.int64)
    for codes in other:
        combined = combined * (int(codes.max()) + 1) + codes[rows]
    size = len(visits.ids)
    one = np.full(size, -1, dtype=np.int64)
    one[who] = combined
    if (one[who] != combined).any():  # a premises in two groups
        return None
    count = np.bincount(who, minlength=size)
    present = np.flatnonzero(count)
    failures = np.bincount(who, weights=visits.failed[rows], minlength=size)
    last = np.full(size, _NAT, dtype=np.int64)
    np.maximum.at(last, who, visits.day[rows])  # NaT is the minimum
    sample = np.zeros(size, dtype=np.int64)
    sample[who] = rows  # any row of the premises: its type (and unit) are the same in all
    table = {keys[0]: take_labels(pd.Series(visits.ids), present)}
    table.update({k: take_labels(frame[k], sample[present]) for k in keys[1:]})
    table.update(
        visits=count[present].astype(np.int64),
        failures=failures[present].astype(np.int64),
        last_visit=last[present].view(frame["inspected_on"].to_numpy().dtype),
    )
    return pd.DataFrame(table), present


def target(visits: Visits, judged: np.ndarray) -> pd.DataFrame:
    """Per premises judged: its first recorded type and whether any judged visit failed.

    Indexed by premises number (ascending, so in id order), named ``premises_id``: what
    ``groupby("premises_id").agg(premises_type="first", failed="any")`` gives, by number.
    """
    frame, size = visits.frame, len(visits.ids)
    rows = np.flatnonzero(judged & (visits.premises >= 0))
    who = visits.premises[rows]
    present = np.flatnonzero(np.bincount(who, minlength=size))
    failed = np.bincount(who, weights=visits.failed[rows], minlength=size)
    typed = frame["premises_type"].notna().to_numpy()[rows]
    first = np.full(size, len(frame), dtype=np.int64)
    np.minimum.at(first, who[typed], rows[typed])  # "first" skips missing types
    first[first == len(frame)] = -1  # none recorded: missing
    return pd.DataFrame(
        {
            "premises_type": frame["premises_type"].array.take(first[present], allow_fill=True),
            "failed": failed[present] > 0,
        },
        index=pd.Index(present, name="premises_id"),
    )
