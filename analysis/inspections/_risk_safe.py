"""Why a risk ranking cannot be fitted or judged, said as a code instead of raised.

A ledger with too few visits (none before the cut-off, no failure to learn from, no failing
premises after it) cannot validate the ranking. :func:`analysis.inspections.risk.validate`
and :func:`analysis.inspections.risk.rank_premises` with ``strict=False`` ask
:func:`problem_of_validation` / :func:`problem_of_fit` first and return empty frames that
carry the code; the findings then word it for the reader.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.inspections import _risk_factors as rf
from analysis.inspections._columns import assessed, equals
from analysis.inspections._risk_groups import Visits

#: Why nothing could be fitted or judged, in the order they are checked.
PROBLEMS = ("no-visits", "one-side", "no-contrast", "nothing-judged", "nothing-to-find")
RULE_COLUMNS = ("factor", "level", "visits", "failures", "fail_rate_pct", "multiplier")
SCORED_COLUMNS = ("premises_id", "premises_type", "failed", "score")
CURVE_COLUMNS = ("share_visited", "share_found")
RANKING_COLUMNS = (
    "premises_id",
    "premises_type",
    "unit_id",
    "visits",
    "failures",
    "last_visit",
    "days_since_last",
    "prior_failures",
    "since_last",
    "score",
)


def problem_of_fit(visits: Visits, history: np.ndarray) -> str | None:
    """``no-visits`` or ``no-contrast`` when the rules cannot be fitted on ``history``."""
    n, failures, _ = rf.fit_counts(visits, history)
    if n == 0:
        return "no-visits"
    return "no-contrast" if failures in (0, n) else None


def problem_of_validation(
    inspections: pd.DataFrame, visits: Visits, cutoff: pd.Timestamp, until: pd.Timestamp
) -> str | None:
    """The first reason (see :data:`PROBLEMS`) the ranking cannot be judged, or None."""
    if len(inspections) == 0:
        return "no-visits"
    before = (inspections["inspected_on"] < cutoff).to_numpy()
    if before.all() or not before.any():
        return "one-side"
    fit = problem_of_fit(visits, before)
    if fit is not None:
        return "no-contrast" if fit == "no-visits" else fit
    judged = ~before & (inspections["inspected_on"] <= until).to_numpy()
    judged &= assessed(inspections, reinspections=False)
    if not judged.any():
        return "nothing-judged"
    failed = judged & equals(inspections["outcome"], "限期整改")
    return None if failed.any() else "nothing-to-find"


def empty(columns: tuple[str, ...], problem: str) -> pd.DataFrame:
    """An empty frame with ``columns``, its ``attrs["problem"]`` set."""
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    out.attrs["problem"] = problem
    return out
