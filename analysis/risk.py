"""Where to look next: a transparent risk ranking of premises, validated on later visits.

The rule is a table anyone can read. Each premises is described by three factors, each cut
into fixed levels (:data:`FACTORS`): its type, its failed visits so far (0, 1, 2 or more) and
the days since its last visit (never visited, up to 30, 31–90, over 90). For every level,
:func:`fit_rules` takes the share of training visits that ended in a rectification order,
shrinks it toward the overall share by :data:`PRIOR_VISITS` pseudo-visits (so a level seen
twice cannot claim a 0 % or 100 % risk) and divides by the overall share: a *multiplier*,
"1.8× the average visit". A premises' score is the product of its three multipliers (no
interactions: a naive-Bayes-style relative risk).

The validation is honest in time: :func:`temporal_split` keeps only what was known before a
cut-off date, the rules are fitted and premises scored on that alone, and the ranking is
judged on the visits after the cut-off (:func:`validate`) with a capture curve: the share
of failing premises found against the share of premises visited in ranked order. Random
order is the diagonal, the exact expectation over all visiting orders (no simulation).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import risk_factors as rf
from analysis.inspection_chains import group_codes
from analysis.inspections import ORDERED, check_columns, checked_visits
from analysis.schema import CHECK_ITEMS, DATA_AS_OF

#: Pseudo-visits at the overall rate added to every level before its rate is taken.
PRIOR_VISITS = 10
FACTORS = ("premises_type", "prior_failures", "since_last")
FAILURE_LEVELS = ("0", "1", "2+")
SINCE_LEVELS = ("未检查过", "≤30天", "31–90天", ">90天")  # never / ≤30 / 31–90 / >90 days
SINCE_EDGES = (30, 90)
COLUMNS = ("inspection_id", "premises_id", "premises_type", "inspected_on", "visit_kind", "outcome")


def _levels(prior_failures: pd.Series, days_since: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Cut counts and days into the fixed levels, as ordered categoricals."""
    failures, since = rf.level_codes(prior_failures.to_numpy(), days_since.to_numpy(), SINCE_EDGES)
    return (
        pd.Series(
            pd.Categorical.from_codes(failures, FAILURE_LEVELS, ordered=True),
            index=prior_failures.index,
        ),
        pd.Series(
            pd.Categorical.from_codes(since, SINCE_LEVELS, ordered=True), index=days_since.index
        ),
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
    check_columns(history, COLUMNS)
    train = rf.first_round(_visits(history), np.ones(len(history), dtype=bool))
    order = np.argsort(train["rows"])  # frame order
    train = {k: v[order] for k, v in train.items()}
    rows = train["rows"]
    fail_level, since = _levels(pd.Series(train["prior_failures"]), pd.Series(train["days_since"]))
    columns = ["inspection_id", "premises_id", "inspected_on", "premises_type"]
    out = {c: history[c].iloc[rows].reset_index(drop=True) for c in columns}
    out.update(prior_failures=fail_level, since_last=since, failed=pd.Series(train["failed"]))
    return pd.DataFrame(out)


def _visits(frame: pd.DataFrame) -> rf.Visits:
    """The frame's per-row arrays, once its columns are known to be there."""
    check_columns(frame, COLUMNS)
    check_columns(frame, CHECK_ITEMS)
    return rf.Visits(frame)


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
    check_columns(history, COLUMNS)
    at = pd.Timestamp(at)
    if (history["inspected_on"] > at).any():
        raise ValueError(f"history has visits after {at:%Y-%m-%d}; split it first")
    found = _features(_visits(history), np.ones(len(history), dtype=bool), at)
    return _grouped_features(history, at) if found is None else found[0]


def _keys(frame: pd.DataFrame) -> list[str]:
    return ["premises_id", "premises_type"] + (["unit_id"] if "unit_id" in frame else [])


def _finish_features(out: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    out["days_since_last"] = (at - out["last_visit"]).dt.days
    out["prior_failures"], out["since_last"] = _levels(out["failures"], out["days_since_last"])
    return out


def _features(
    visits: rf.Visits, history: np.ndarray, at: pd.Timestamp
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """:func:`premises_features` of the rows ``history``, with each row's premises number."""
    found = rf.features(visits, history, _keys(visits.frame))
    return None if found is None else (_finish_features(found[0], at), found[1])


def _grouped_features(history: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """:func:`premises_features` by ``groupby``: for a premises recorded in two groups."""
    every = checked_visits(history, reinspections=True)
    every = every.assign(failed=every["outcome"].astype("object").eq(ORDERED))
    out = every.groupby(_keys(every), observed=True, sort=True).agg(
        visits=("inspection_id", "size"),
        failures=("failed", "sum"),
        last_visit=("inspected_on", "max"),
    )
    out = out.reset_index()
    out["failures"] = out["failures"].astype("int64")
    return _finish_features(out, at)


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
    check_columns(rows, (*FACTORS, "failed"), "training rows")
    failures = int(rows["failed"].sum())
    _check_contrast(len(rows), failures)
    counts = {}
    for factor in FACTORS:
        table = rows.groupby(factor, observed=True, sort=True)["failed"].agg(["size", "sum"])
        counts[factor] = [(level, int(n), int(k)) for level, (n, k) in table.iterrows()]
    return _rules(len(rows), failures, counts, prior_visits)


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
    check_columns(features, FACTORS, "features")
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
    check_columns(inspections, ("inspected_on",))
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
    """Result of :func:`validate`."""

    rules: pd.DataFrame
    scored: pd.DataFrame
    curve: pd.DataFrame


def validate(
    inspections: pd.DataFrame,
    cutoff: str | pd.Timestamp,
    until: str | pd.Timestamp = DATA_AS_OF,
    prior_visits: float = PRIOR_VISITS,
) -> Validation:
    """Fit on visits before ``cutoff``; judge the ranking on checked first-round visits after.

    The premises judged are those with a checked first-round visit in [``cutoff``,
    ``until``] (re-inspections are excluded: they follow a known failure and need no
    ranking). A premises counts as failing if any of those visits failed.

    Returns
    -------
    Validation
        ``rules`` (fitted), ``scored`` (one row per judged premises: features at the
        cut-off, ``score``, ``failed``, ranked best first) and ``curve`` (:func:`capture_curve`).

    Raises
    ------
    KeyError, ValueError
        As :func:`temporal_split`, :func:`fit_rules` and :func:`capture_curve`.
    """
    check_columns(inspections, ("inspected_on",))
    cutoff = pd.Timestamp(cutoff)
    before = _before(inspections, cutoff)
    check_columns(inspections, COLUMNS)
    visits = _visits(inspections)
    ids = visits.ids
    rules = _fit(visits, before, prior_visits)
    judged = ~before & (inspections["inspected_on"] <= pd.Timestamp(until)).to_numpy()
    judged &= visits.checked & visits.first_round
    # Premises by number (in id order): the join below is on sorted integers, not strings.
    target = rf.target(visits, judged)
    found = _features(visits, before, cutoff)
    if found is None:  # a premises recorded in two groups: join on the ids themselves
        known = _grouped_features(inspections[before], cutoff).set_index("premises_id")
        target.index = pd.Index(ids.take(target.index), name="premises_id")
    else:
        known = found[0].drop(columns="premises_id")
        known.index = pd.Index(found[1], name="premises_id")
    scored = target.join(known.drop(columns="premises_type"), how="left")
    # The type on record at the cut-off wins over a later record's; premises first seen
    # after the cut-off have nothing known but the type they are registered as.
    on_record = known["premises_type"].reindex(scored.index)
    scored["premises_type"] = on_record.where(on_record.notna(), scored["premises_type"])
    scored["prior_failures"] = scored["prior_failures"].fillna(FAILURE_LEVELS[0])
    scored["since_last"] = scored["since_last"].fillna(SINCE_LEVELS[0])
    scored["score"] = score(scored, rules)
    if found is not None:
        scored.index = pd.Index(ids.take(scored.index), name="premises_id")
    scored = _by_score(scored.reset_index(), found is not None)
    return Validation(rules, scored, capture_curve(scored["score"], scored["failed"]))


def capture_curve(scores: pd.Series, hits: pd.Series) -> pd.DataFrame:
    """Share of hits found against share of items visited, highest score first.

    Tied scores are one block: within it the curve is a straight line, which is the exact
    average over every order of visiting the tied items. So a constant score gives the
    diagonal, and no ranking gains from an arbitrary tie-break.

    Returns
    -------
    pandas.DataFrame
        ``share_visited, share_found`` from (0, 0) to (1, 1), one point per block end.

    Raises
    ------
    ValueError
        If the lengths differ or there is no hit (nothing to find).
    """
    if len(scores) != len(hits):
        raise ValueError(f"{len(scores)} scores but {len(hits)} hit flags")
    total = int(np.asarray(hits, dtype=bool).sum())
    if total == 0:
        raise ValueError("no hits: a capture curve needs at least one failure to find")
    frame = pd.DataFrame({"score": np.asarray(scores), "hit": np.asarray(hits, dtype=bool)})
    blocks = frame.groupby("score", sort=True)["hit"].agg(["size", "sum"]).iloc[::-1]
    visited = np.concatenate([[0], np.cumsum(blocks["size"].to_numpy())]) / len(frame)
    found = np.concatenate([[0], np.cumsum(blocks["sum"].to_numpy())]) / total
    return pd.DataFrame({"share_visited": visited, "share_found": found})


def capture_at(curve: pd.DataFrame, shares: float | list[float]) -> pd.DataFrame:
    """Read the capture curve at given shares of premises visited, beside random order.

    Returns
    -------
    pandas.DataFrame
        In percent, for a reader: ``visited_pct``, ``found_pct`` (failing premises found by
        the ranking), ``random_pct`` (= visited_pct, the expected capture of a random
        order); and ``lift`` = found / random.

    Raises
    ------
    ValueError
        If a share is outside (0, 1].
    """
    at = np.atleast_1d(np.asarray(shares, dtype="float64"))
    if ((at <= 0) | (at > 1)).any():
        raise ValueError("shares must lie in (0, 1]")
    found = np.interp(at, curve["share_visited"], curve["share_found"])
    return pd.DataFrame(
        {
            "visited_pct": 100 * at,
            "found_pct": 100 * found,
            "random_pct": 100 * at,
            "lift": found / at,
        }
    )


def rank_premises(
    inspections: pd.DataFrame,
    as_of: str | pd.Timestamp = DATA_AS_OF,
    prior_visits: float = PRIOR_VISITS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank every premises for the next round, from all visits up to ``as_of``.

    Returns
    -------
    (ranking, rules)
        ``ranking``: :func:`premises_features` plus ``score``, highest first;
        ``rules``: as :func:`fit_rules`.

    Raises
    ------
    KeyError, ValueError
        As :func:`fit_rules` and :func:`premises_features`.
    """
    check_columns(inspections, COLUMNS)
    as_of = pd.Timestamp(as_of)
    history = (inspections["inspected_on"] <= as_of).to_numpy()
    visits = _visits(inspections)
    rules = _fit(visits, history, prior_visits)
    found = _features(visits, history, as_of)
    ranking = _grouped_features(inspections[history], as_of) if found is None else found[0]
    ranking["score"] = score(ranking, rules)
    return _by_score(ranking, found is not None), rules


def _fit(visits: rf.Visits, history: np.ndarray, prior_visits: float) -> pd.DataFrame:
    """:func:`fit_rules` of the training rows of ``history``, from counts alone."""
    train = rf.first_round(visits, history)
    failed = train["failed"]
    failures, since = rf.level_codes(train["prior_failures"], train["days_since"], SINCE_EDGES)
    types, labels = group_codes(visits.frame["premises_type"].iloc[train["rows"]])
    counts = {
        "premises_type": rf.level_counts(types, list(labels), failed),
        "prior_failures": rf.level_counts(failures, FAILURE_LEVELS, failed),
        "since_last": rf.level_counts(since, SINCE_LEVELS, failed),
    }
    return _rules(len(train["rows"]), int(train["failed"].sum()), counts, prior_visits)


def _by_score(frame: pd.DataFrame, unique_in_id_order: bool) -> pd.DataFrame:
    """Highest score first, then premises id; from id order a stable sort by score does."""
    if unique_in_id_order:
        frame = frame.take(rf.descending(frame["score"].to_numpy()))
    else:
        frame = frame.sort_values(["score", "premises_id"], ascending=[False, True])
    return frame.reset_index(drop=True)
