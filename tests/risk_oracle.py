"""Readable pandas versions of the risk ranking's pieces, used only by the tests.

:mod:`analysis.inspections.risk` computes the training rows, the premises table and the
rules with whole-column numpy operations inside :func:`~analysis.inspections.risk.validate`
and :func:`~analysis.inspections.risk.rank_premises`. The functions here expose the same
pieces one at a time, as frames, so the tests can check them by hand and against slow
loop references (``tests/test_metrics_scale.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.inspections import _risk_factors as rf
from analysis.inspections._risk_groups import first_round
from analysis.inspections.risk import (
    COLUMNS,
    FACTORS,
    PRIOR_VISITS,
    _check_contrast,
    _rules,
    _visits,
)


def training_rows(history: pd.DataFrame) -> pd.DataFrame:
    """Each checked first-round visit of ``history`` with the factors known just before it.

    Factors come from the same premises' visits on *earlier days* only (all kinds, re-
    inspections included); the label is whether the visit ended in a rectification order.

    Returns
    -------
    pandas.DataFrame
        ``inspection_id, premises_id, inspected_on, premises_type, prior_failures,
        since_last, failed``.

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(history, COLUMNS, "inspections")
    train = first_round(_visits(history), np.ones(len(history), dtype=bool))
    order = np.argsort(train["rows"])  # frame order
    train = {k: v[order] for k, v in train.items()}
    rows = train["rows"]
    fail_level, since = rf.levels(
        pd.Series(train["prior_failures"]), pd.Series(train["days_since"])
    )
    columns = ["inspection_id", "premises_id", "inspected_on", "premises_type"]
    out = {c: history[c].iloc[rows].reset_index(drop=True) for c in columns}
    out.update(prior_failures=fail_level, since_last=since, failed=pd.Series(train["failed"]))
    return pd.DataFrame(out)


def premises_features(history: pd.DataFrame, at: str | pd.Timestamp) -> pd.DataFrame:
    """Factors of every premises with a checked visit in ``history``, as known on ``at``.

    Returns
    -------
    pandas.DataFrame
        One row per premises: ``premises_id, premises_type, unit_id`` (if present),
        ``visits, failures, last_visit, days_since_last, prior_failures, since_last``.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If ``history`` holds a visit after ``at`` (that would be the future).
    """
    require_columns(history, COLUMNS, "inspections")
    at = pd.Timestamp(at)
    if (history["inspected_on"] > at).any():
        raise ValueError(f"history has visits after {at:%Y-%m-%d}; split it first")
    found = rf.premises_table(_visits(history), np.ones(len(history), dtype=bool), at)
    return rf.grouped_table(history, at) if found is None else found[0]


def fit_rules(rows: pd.DataFrame, prior_visits: float = PRIOR_VISITS) -> pd.DataFrame:
    """Fit the multiplier of every factor level from training rows.

    ``multiplier = ((failures + k × overall) / (visits + k)) / overall`` with ``k =
    prior_visits`` and ``overall`` the share of all training visits that failed.

    Returns
    -------
    pandas.DataFrame
        ``factor, level, visits, failures, fail_rate_pct, multiplier``; the first row,
        factor ``overall``, holds the overall rate (multiplier 1).

    Raises
    ------
    KeyError
        If a factor column or ``failed`` is missing.
    ValueError
        If there are no rows, or none or all of them failed (no contrast to learn from).
    """
    require_columns(rows, (*FACTORS, "failed"), "training rows")
    failures = int(rows["failed"].sum())
    _check_contrast(len(rows), failures)
    counts = {}
    for factor in FACTORS:
        table = rows.groupby(factor, observed=True, sort=True)["failed"].agg(["size", "sum"])
        counts[factor] = [(level, int(n), int(k)) for level, (n, k) in table.iterrows()]
    return _rules(len(rows), failures, counts, prior_visits)
