"""Where to look next: a transparent risk ranking of premises, validated on later visits.

The rule is a table anyone can read. Each premises is described by three factors, each cut
into fixed levels (:data:`FACTORS`): its type, its failed visits so far (0, 1, 2 or more) and
the days since its last visit (never visited, up to 30, 31–90, over 90). For every level,
:func:`_rules` takes the share of training visits that ended in a rectification order,
shrinks it toward the overall share by :data:`PRIOR_VISITS` pseudo-visits (so a level seen
twice cannot claim a 0 % or 100 % risk) and divides by the overall share: a *multiplier*,
"1.8× the average visit". A premises' score is the product of its three multipliers (no
interactions: a naive-Bayes-style relative risk).

The validation is honest in time: :func:`temporal_split` keeps only what was known before a
cut-off date, the rules are fitted and premises scored on that alone, and the ranking is
judged on the visits after the cut-off (:func:`validate`) with a capture curve: the share
of failing premises found against the share of premises visited in ranked order. Random
order is the diagonal, the exact expectation over all visiting orders (no simulation).

The order of the visit rows does not matter. Premises histories are worked out as runs of
rows in premises order (:mod:`analysis.inspections._risk_groups`), not premises by premises.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import CHECK_ITEMS, DATA_AS_OF
from analysis.inspections import _risk_factors as rf
from analysis.inspections import _risk_safe as safe

# The levels and capture curves live in helper modules; their names stay part of this one.
from analysis.inspections._risk_capture import capture_at as capture_at
from analysis.inspections._risk_capture import capture_curve
from analysis.inspections._risk_factors import FAILURE_LEVELS, SINCE_LEVELS
from analysis.inspections._risk_factors import SINCE_EDGES as SINCE_EDGES
from analysis.inspections._risk_groups import Visits

#: Pseudo-visits at the overall rate added to every level before its rate is taken.
PRIOR_VISITS = 10
FACTORS = ("premises_type", "prior_failures", "since_last")
COLUMNS = ("inspection_id", "premises_id", "premises_type", "inspected_on", "visit_kind", "outcome")


def _visits(frame: pd.DataFrame) -> Visits:
    """The frame's per-row arrays, once its columns are known to be there."""
    require_columns(frame, COLUMNS, "inspections")
    require_columns(frame, CHECK_ITEMS, "inspections")
    return Visits(frame)


def _check_contrast(visits: int, failures: int) -> None:
    if visits == 0 or failures in (0, visits):
        raise ValueError(f"cannot fit on {visits} visits with {failures} failures")


def _rules(visits: int, failures: int, counts: dict, prior_visits: float) -> pd.DataFrame:
    """The rules table from the counts per level: ``{factor: [(level, visits, failures)]}``."""
    _check_contrast(visits, failures)
    overall = failures / visits
    table = [{"factor": "overall", "level": "all", "visits": visits, "failures": failures}]
    for factor in FACTORS:
        table += [
            {"factor": factor, "level": level, "visits": n, "failures": k}
            for level, n, k in counts[factor]
        ]
    out = pd.DataFrame(table)
    out["fail_rate_pct"] = 100 * out["failures"] / out["visits"]
    shrunk = (out["failures"] + prior_visits * overall) / (out["visits"] + prior_visits)
    out["multiplier"] = shrunk / overall
    return out


def score(features: pd.DataFrame, rules: pd.DataFrame) -> pd.Series:
    """Risk score of each row: the product of its factor levels' multipliers.

    A level the rules never saw (a new premises type, say) gets multiplier 1: no evidence
    either way.

    Raises
    ------
    KeyError
        If ``features`` lacks a factor column.
    """
    require_columns(features, FACTORS, "features")
    table = rules.set_index(["factor", "level"])["multiplier"]
    out = pd.Series(1.0, index=features.index)
    for factor in FACTORS:  # looked up once per distinct level, then spread by its codes
        column = features[factor]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, levels = column.cat.codes.to_numpy(), column.cat.categories
        else:
            codes, levels = pd.factorize(column)
        keys = pd.MultiIndex.from_arrays([[factor] * len(levels), pd.Index(levels, dtype=object)])
        found = np.append(table.reindex(keys).fillna(1.0).to_numpy(), 1.0)  # -1: missing
        out = out * found[codes]
    return out.rename("score")


def temporal_split(
    inspections: pd.DataFrame, cutoff: str | pd.Timestamp
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split visits at ``cutoff``: what was known before it, and what happened from it on.

    The history holds visits strictly before ``cutoff``, with any ``rectified_on`` on or
    after ``cutoff`` blanked: on the cut-off day that rectification had not happened yet.

    Raises
    ------
    KeyError
        If ``inspected_on`` is missing.
    ValueError
        If either side is empty.
    """
    require_columns(inspections, ("inspected_on",), "inspections")
    cutoff = pd.Timestamp(cutoff)
    before = _before(inspections, cutoff)
    history, later = inspections[before].copy(), inspections[~before].copy()
    if "rectified_on" in history:
        history["rectified_on"] = history["rectified_on"].where(history["rectified_on"] < cutoff)
    return history, later


def _before(inspections: pd.DataFrame, cutoff: pd.Timestamp) -> np.ndarray:
    """Mask of the visits strictly before ``cutoff``; ValueError if it leaves a side empty."""
    before = (inspections["inspected_on"] < cutoff).to_numpy()
    if before.all() or not before.any():
        raise ValueError(f"cut-off {cutoff:%Y-%m-%d} leaves no visits on one side")
    return before


class Validation(NamedTuple):
    """Result of :func:`validate`; ``problem`` names why the frames are empty (else None)."""

    rules: pd.DataFrame
    scored: pd.DataFrame
    curve: pd.DataFrame
    problem: str | None = None


def validate(
    inspections: pd.DataFrame,
    cutoff: str | pd.Timestamp,
    until: str | pd.Timestamp = DATA_AS_OF,
    prior_visits: float = PRIOR_VISITS,
    strict: bool = True,
) -> Validation:
    """Fit on visits before ``cutoff``; judge the ranking on checked first-round visits after.

    The premises judged are those with a checked first-round visit in [``cutoff``,
    ``until``] (re-inspections are excluded: they follow a known failure and need no
    ranking). A premises counts as failing if any of those visits failed.

    With ``strict=False`` records that cannot be judged (see
    :data:`analysis.inspections._risk_safe.PROBLEMS`) give empty frames and the reason in
    ``problem`` instead of an error.

    Returns
    -------
    Validation
        ``rules`` (fitted), ``scored`` (one row per judged premises: features at the
        cut-off, ``score``, ``failed``, ranked best first) and ``curve`` (:func:`capture_curve`).

    Raises
    ------
    KeyError, ValueError
        As :func:`temporal_split` and :func:`capture_curve`; ``ValueError`` also when the
        visits before the cut-off all passed or all failed.
    """
    require_columns(inspections, ("inspected_on",), "inspections")
    cutoff = pd.Timestamp(cutoff)
    if not strict:
        visits = _visits(inspections)
        problem = safe.problem_of_validation(inspections, visits, cutoff, pd.Timestamp(until))
        if problem is not None:
            return Validation(
                safe.empty(safe.RULE_COLUMNS, problem),
                safe.empty(safe.SCORED_COLUMNS, problem),
                safe.empty(safe.CURVE_COLUMNS, problem),
                problem,
            )
    before = _before(inspections, cutoff)
    require_columns(inspections, COLUMNS, "inspections")
    visits = _visits(inspections)
    ids = visits.ids
    rules = _rules(*rf.fit_counts(visits, before), prior_visits)
    judged = ~before & (inspections["inspected_on"] <= pd.Timestamp(until)).to_numpy()
    judged &= visits.checked & visits.first_round
    # Premises by number (in id order): the join below is on sorted integers, not strings.
    target = rf.target(visits, judged)
    found = rf.premises_table(visits, before, cutoff)
    if found is None:  # a premises recorded in two groups: join on the ids themselves
        known = rf.grouped_table(inspections[before], cutoff).set_index("premises_id")
        target.index = pd.Index(ids.take(target.index), name="premises_id")
    else:
        known = found[0].drop(columns="premises_id")
        known.index = pd.Index(found[1], name="premises_id")
    scored = target.join(known.drop(columns="premises_type"), how="left")
    # The type on record at the cut-off wins over a later record's; premises first seen
    # after the cut-off have nothing known but the type they are registered as.
    if found is None:
        on_record = known["premises_type"].reindex(scored.index)
    else:  # both indexes are sorted premises numbers: a binary search, not a hash table
        at = np.minimum(np.searchsorted(found[1], scored.index), len(found[1]) - 1)
        at = np.where(found[1][at] == scored.index, at, -1)
        kind = known["premises_type"].array.take(at, allow_fill=True)
        on_record = pd.Series(kind, index=scored.index, name="premises_type")
    scored["premises_type"] = on_record.where(on_record.notna(), scored["premises_type"])
    scored["prior_failures"] = scored["prior_failures"].fillna(FAILURE_LEVELS[0])
    scored["since_last"] = scored["since_last"].fillna(SINCE_LEVELS[0])
    scored["score"] = score(scored, rules)
    if found is not None:
        scored.index = pd.Index(ids.take(scored.index), name="premises_id")
    scored = rf.by_score(scored.reset_index(), found is not None)
    return Validation(rules, scored, capture_curve(scored["score"], scored["failed"]))


def rank_premises(
    inspections: pd.DataFrame,
    as_of: str | pd.Timestamp = DATA_AS_OF,
    prior_visits: float = PRIOR_VISITS,
    strict: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank every premises for the next round, from all visits up to ``as_of``.

    With ``strict=False``, records the rules cannot be fitted on (no visit, or no contrast
    between failed and passed visits) give two empty frames whose ``attrs["problem"]``
    says why, instead of an error.

    Returns
    -------
    (ranking, rules)
        ``ranking``: one row per premises (``premises_id, premises_type, unit_id`` if
        present, ``visits, failures, last_visit, days_since_last, prior_failures,
        since_last``) plus ``score``, highest first;
        ``rules``: ``factor, level, visits, failures, fail_rate_pct, multiplier``; the
        first row, factor ``overall``, holds the overall rate (multiplier 1).

    Raises
    ------
    KeyError, ValueError
        ``KeyError`` if a required column is missing; ``ValueError`` if there are no
        visits, or none or all of the first visits failed (no contrast to learn from).
    """
    require_columns(inspections, COLUMNS, "inspections")
    as_of = pd.Timestamp(as_of)
    history = (inspections["inspected_on"] <= as_of).to_numpy()
    visits = _visits(inspections)
    problem = None if strict else safe.problem_of_fit(visits, history)
    if problem is not None:
        return safe.empty(safe.RANKING_COLUMNS, problem), safe.empty(safe.RULE_COLUMNS, problem)
    rules = _rules(*rf.fit_counts(visits, history), prior_visits)
    found = rf.premises_table(visits, history, as_of)
    ranking = rf.grouped_table(inspections[history], as_of) if found is None else found[0]
    ranking["score"] = score(ranking, rules)
    return rf.by_score(ranking, found is not None), rules
