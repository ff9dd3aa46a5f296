"""Risk factors per premises for :mod:`analysis.inspections.risk`: levels, feature tables, counts.

Built on the premises runs of :mod:`analysis.inspections._risk_groups`: a premises' visits, failures
and last visit are segment sums over its run. Each function gives what the pandas
``groupby`` of :mod:`analysis.inspections.risk` it stands for gives, value for value; where the
groups are not simply premises (a premises recorded with two types), the caller groups
the frame itself with :func:`grouped_table`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.inspections._columns import group_codes, take_labels
from analysis.inspections._risk_groups import Visits, first_round
from analysis.inspections.metrics import ORDERED, checked_visits

FAILURE_LEVELS = ("0", "1", "2+")
SINCE_LEVELS = ("未检查过", "≤30天", "31–90天", ">90天")  # never / ≤30 / 31–90 / >90 days
SINCE_EDGES = (30, 90)


def level_codes(
    prior_failures: np.ndarray, days_since: np.ndarray, edges: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Level numbers: failures 0, 1, 2+; days never (NaN), up to each edge, beyond."""
    days = np.asarray(days_since, dtype="float64")
    since = np.select([np.isnan(days), days <= edges[0], days <= edges[1]], [0, 1, 2], 3)
    return np.minimum(prior_failures, 2), since


def level_counts(codes: np.ndarray, labels: Sequence, failed: np.ndarray) -> list[tuple]:
    """``(level, visits, failures)`` of each level seen, in level order (-1: no level)."""
    known = codes >= 0
    visits = np.bincount(codes[known], minlength=len(labels))
    failures = np.bincount(codes[known & failed], minlength=len(labels))
    return [(labels[i], int(visits[i]), int(failures[i])) for i in np.flatnonzero(visits)]


def descending(values: np.ndarray) -> np.ndarray:
    """Stable order of ``values``, highest first (``np.argsort(-values, kind="stable")``).

    Scores take few distinct values, so they are ranked once each and the rows ordered by
    that rank with a radix sort.
    """
    codes, levels = pd.factorize(values)
    if len(levels) > 1 << 16 or (codes < 0).any():  # many levels, or NaN: sort the values
        return np.argsort(-values, kind="stable")
    rank = np.empty(len(levels), dtype=np.uint16)
    rank[np.argsort(-levels, kind="stable")] = np.arange(len(levels))
    return np.argsort(rank[codes], kind="stable")


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
    every = visits.checked & history
    kind = np.zeros(len(frame), dtype=np.int64)  # the other keys' codes, as one number
    for column in keys[1:]:
        codes, seen = group_codes(frame[column])
        every &= codes >= 0
        kind = kind * max(len(seen), 1) + codes
    at, number, starts = visits.runs(every)
    if not len(at):
        return None
    kind = kind[at]
    if (kind != np.repeat(kind[starts], np.diff(np.append(starts, len(at))))).any():
        return None  # a premises in two groups
    unit = frame["inspected_on"].to_numpy().dtype
    table = {keys[0]: take_labels(pd.Series(visits.ids), number[starts])}
    table.update({k: take_labels(frame[k], at[starts]) for k in keys[1:]})
    table.update(
        visits=np.diff(np.append(starts, len(at))).astype(np.int64),
        failures=np.add.reduceat(visits.failed[at].astype(np.int64), starts),
        last_visit=np.maximum.reduceat(visits.day[at], starts).view(unit),  # NaT: the least
    )
    return pd.DataFrame(table), number[starts]


def target(visits: Visits, judged: np.ndarray) -> pd.DataFrame:
    """Per premises judged: its first recorded type and whether any judged visit failed.

    Indexed by premises number (ascending, so in id order), named ``premises_id``: what
    ``groupby("premises_id").agg(premises_type="first", failed="any")`` gives, by number.
    """
    frame = visits.frame
    at, number, starts = visits.runs(judged)
    typed = frame["premises_type"].notna().to_numpy()[at]
    # A run's rows are in frame order: the first typed one is the least typed position.
    first = np.full(len(starts), -1, dtype=np.int64)
    if len(at):
        found = np.minimum.reduceat(np.where(typed, np.arange(len(at)), len(at)), starts)
        first = np.where(found < len(at), at[np.minimum(found, len(at) - 1)], -1)
        failed = np.add.reduceat(visits.failed[at].astype(np.int64), starts) > 0
    else:
        failed = np.zeros(0, dtype=bool)
    return pd.DataFrame(
        {
            "premises_type": frame["premises_type"].array.take(first, allow_fill=True),
            "failed": failed,
        },
        index=pd.Index(number[starts], name="premises_id"),
    )


def levels(prior_failures: pd.Series, days_since: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Cut counts and days into the fixed levels, as ordered categoricals."""
    failures, since = level_codes(prior_failures.to_numpy(), days_since.to_numpy(), SINCE_EDGES)
    return (
        pd.Series(
            pd.Categorical.from_codes(failures, FAILURE_LEVELS, ordered=True),
            index=prior_failures.index,
        ),
        pd.Series(
            pd.Categorical.from_codes(since, SINCE_LEVELS, ordered=True), index=days_since.index
        ),
    )


def keys_of(frame: pd.DataFrame) -> list[str]:
    return ["premises_id", "premises_type"] + (["unit_id"] if "unit_id" in frame else [])


def _finish(out: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    out["days_since_last"] = (at - out["last_visit"]).dt.days
    out["prior_failures"], out["since_last"] = levels(out["failures"], out["days_since_last"])
    return out


def premises_table(
    visits: Visits, history: np.ndarray, at: pd.Timestamp
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The factors of every premises in the rows ``history`` as known on ``at``, with each
    row's premises number."""
    found = features(visits, history, keys_of(visits.frame))
    return None if found is None else (_finish(found[0], at), found[1])


def grouped_table(history: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """The premises table by ``groupby``: for a premises recorded in two groups."""
    every = checked_visits(history, reinspections=True)
    every = every.assign(failed=every["outcome"].astype("object").eq(ORDERED))
    out = every.groupby(keys_of(every), observed=True, sort=True).agg(
        visits=("inspection_id", "size"),
        failures=("failed", "sum"),
        last_visit=("inspected_on", "max"),
    )
    out = out.reset_index()
    out["failures"] = out["failures"].astype("int64")
    return _finish(out, at)


def fit_counts(visits: Visits, history: np.ndarray) -> tuple[int, int, dict]:
    """What the rules are fitted on, from the training rows
    of ``history``.

    Returns
    -------
    (visits, failures, counts)
        Training visits, how many failed, and ``{factor: [(level, visits, failures)]}``.
    """
    train = first_round(visits, history)
    failed = train["failed"]
    failures, since = level_codes(train["prior_failures"], train["days_since"], SINCE_EDGES)
    types, labels = group_codes(visits.frame["premises_type"].iloc[train["rows"]])
    counts = {
        "premises_type": level_counts(types, list(labels), failed),
        "prior_failures": level_counts(failures, FAILURE_LEVELS, failed),
        "since_last": level_counts(since, SINCE_LEVELS, failed),
    }
    return len(train["rows"]), int(failed.sum()), counts


def by_score(frame: pd.DataFrame, unique_in_id_order: bool) -> pd.DataFrame:
    """Highest score first, then premises id; from id order a stable sort by score does."""
    if unique_in_id_order:
        frame = frame.take(descending(frame["score"].to_numpy()))
    else:
        frame = frame.sort_values(["score", "premises_id"], ascending=[False, True])
    return frame.reset_index(drop=True)
