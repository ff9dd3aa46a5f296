"""Public-health inspection metrics: what fails, how fast it is fixed, who fails again.

Tidy frames in, tidy frames out; :mod:`analysis.inspections.charts` draws them. Conventions:

- A check item reads 合格 (pass), 不合格 (fail) or 不适用 (not applicable). **不适用 is left out
  of the denominator** of a pass rate: a food shop with no seated customers is not "passing"
  the code-scan check, it is not subject to it.
- A *checked visit* assessed at least one item. The food-waste supervision assessed none (it is
  about food waste, not hygiene), so its 合格 outcome says nothing about hygiene.
- A *rectification case* is a failed visit that is not itself a re-inspection: a failed
  re-inspection continues the case it follows rather than opening a new one, so a chain of
  failures is counted once, from the first failure, against the first deadline. A visit's
  re-inspections continue its chain in date order (then id order); ``inspection_id`` is
  the key, so a re-inspection follows the visit with that id.
- Row order does not matter: tables come out in group order, frames of visits or cases
  keep the rows' own order. Everything is computed column by column (see
  :mod:`analysis.inspections._columns` and :mod:`analysis.inspections._chains`), never a
  visit at a time, so the time taken grows with the number of visits, not faster.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import CHECK_ITEMS, DATA_AS_OF
from analysis.inspections._chains import chain_ends, parents, repeat_failures, rounds
from analysis.inspections._columns import (
    NOT_APPLICABLE,
    REINSPECTION,
    assessed,
    equals,
    item_counts,
    period_start,
)
from analysis.rules import survival

PASS, FAIL = "合格", "不合格"  # NOT_APPLICABLE (不适用), REINSPECTION (复查): imported above
ORDERED = "限期整改"  # outcome of a visit that found something to fix
TOTAL = "全部"
COLUMNS = ("inspection_id", "premises_id", "premises_type", "inspected_on", *CHECK_ITEMS)
CASE_COLUMNS = ("visit_kind", "previous_inspection_id", "outcome", "rectify_by", "rectified_on")


def checked_visits(inspections: pd.DataFrame, reinspections: bool = False) -> pd.DataFrame:
    """Visits at which at least one check item was assessed.

    Re-inspections (复查) are dropped unless ``reinspections``: a re-visit is conditional on
    an earlier failure, so mixing it in would make rates describe the follow-up workload
    rather than what inspectors find.

    Raises
    ------
    KeyError
        If a check-item column (or ``visit_kind``, when re-inspections are dropped) is missing.
    """
    require_columns(
        inspections, CHECK_ITEMS if reinspections else (*CHECK_ITEMS, "visit_kind"), "inspections"
    )
    return inspections[assessed(inspections, reinspections)]


def pass_rates(
    inspections: pd.DataFrame, by: str = "premises_type", total: bool = True
) -> pd.DataFrame:
    """Pass rate of each check item per group, with the counts behind it.

    Returns
    -------
    pandas.DataFrame
        One row per group of ``by`` (category order; then ``全部`` if ``total``) and item:
        ``by, item, checked`` (passed + failed; 不适用 excluded), ``passed, failed,
        not_applicable, pass_rate_pct`` = 100 × passed / checked, NaN when nothing was
        checked (not 0 %: nothing checked is not a failure).

    Raises
    ------
    KeyError
        If ``by`` or a check-item column is missing.
    """
    require_columns(inspections, (by, *CHECK_ITEMS), "inspections")
    results = {"passed": PASS, "failed": FAIL, "not_applicable": NOT_APPLICABLE}
    counts, whole, groups = item_counts(inspections, by, tuple(results.values()))
    items = pd.CategoricalIndex(CHECK_ITEMS, categories=list(CHECK_ITEMS), name="item")
    index = pd.MultiIndex.from_product([groups, items], names=[by, "item"])
    out = pd.DataFrame(
        {name: counts[:, :, i].ravel() for i, name in enumerate(results)}, index=index
    )
    if total:
        whole = pd.DataFrame({name: whole[:, i] for i, name in enumerate(results)}, index=items)
        whole = whole.iloc[: len(whole) if len(inspections) else 0]  # no visit, no item seen
        out = pd.concat([out, pd.concat({TOTAL: whole}, names=[by])])
    out = out.astype("int64").reset_index()
    out["item"] = out["item"].astype("object")
    out.insert(2, "checked", out["passed"] + out["failed"])
    out["pass_rate_pct"] = 100 * out["passed"] / out["checked"].where(out["checked"] > 0)
    out.attrs = deepcopy(inspections.attrs)  # a reshaped copy of the visits: same provenance
    return out


def outcome_summary(
    inspections: pd.DataFrame, by: str | Sequence[str], period: str | None = None
) -> pd.DataFrame:
    """Visits and how many ended in a rectification order, per group (and period).

    Returns
    -------
    pandas.DataFrame
        ``[period], *by, visits, ordered, fail_rate_pct`` (100 × ordered / visits), for the
        combinations that occur, in category order. ``period`` (e.g. ``"M"``) adds the first
        day of each period.

    Raises
    ------
    KeyError
        If ``outcome``, ``inspected_on`` (with ``period``) or a ``by`` column is missing.
    """
    keys = [by] if isinstance(by, str) else list(by)
    require_columns(
        inspections, ["outcome", *keys] + (["inspected_on"] if period else []), "inspections"
    )
    frame = inspections.assign(ordered=equals(inspections["outcome"], ORDERED))
    if period:
        frame["period"] = period_start(frame["inspected_on"], period)
        keys = ["period", *keys]
    grouped = frame.groupby(keys, observed=True, sort=True)["ordered"]
    out = grouped.agg(visits="size", ordered="sum").reset_index()
    out["ordered"] = out["ordered"].astype("int64")
    out["fail_rate_pct"] = 100 * out["ordered"] / out["visits"]
    return out


def rectification_cases(
    inspections: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """One row per rectification case, with its time to rectification censored at ``as_of``.

    A case ends on its ``rectified_on``; if that is empty, on the first re-visit along its
    chain that passed or whose rectification was confirmed (a ledger may record the closure
    only on the last visit). Open cases are censored at ``as_of``.

    Returns
    -------
    pandas.DataFrame
        The case's visit columns plus ``rectified_on`` (resolved), ``reinspections`` (visits
        in the chain), ``days``, ``observed`` (rectified by ``as_of``), ``due`` (deadline
        strictly before ``as_of``, so the outcome by the deadline is known), ``by_deadline``
        (nullable boolean: rectified on or before ``rectify_by``; NA while not yet known),
        ``overdue`` (due and still open) and ``days_overdue`` (as of ``as_of``).

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a case starts after ``as_of`` or is rectified before it was found, or if
        re-inspection links lead back to a case (a loop, with no first visit).
    """
    require_columns(inspections, (*COLUMNS, *CASE_COLUMNS), "inspections")
    as_of = pd.Timestamp(as_of)
    failed = equals(inspections["outcome"], ORDERED)
    first = ~equals(inspections["visit_kind"], REINSPECTION)
    cases = inspections[failed & first].copy()
    ends, visits = chain_ends(
        inspections, np.flatnonzero(failed & first), equals(inspections["outcome"], PASS)
    )
    cases["rectified_on"] = ends
    cases["reinspections"] = visits
    cases = cases.join(survival.durations(cases["inspected_on"], cases["rectified_on"], as_of))
    # Known only once the deadline has passed; a case rectified early is not counted before
    # then either, or the share would count early successes and skip pending failures.
    cases["due"] = (cases["rectify_by"] < as_of).to_numpy()
    on_time = cases["observed"] & (cases["rectified_on"] <= cases["rectify_by"])
    known = cases["due"] | on_time
    cases["by_deadline"] = pd.array(np.where(known, on_time, pd.NA), dtype="boolean")
    cases["overdue"] = cases["due"] & ~cases["observed"]
    cases["days_overdue"] = ((as_of - cases["rectify_by"]).dt.days).where(cases["overdue"])
    return cases.reset_index(drop=True)


def rectification_summary(cases: pd.DataFrame, by: str = "premises_type") -> pd.DataFrame:
    """Per group and overall: cases, open, median days (Kaplan–Meier), share by deadline.

    Returns
    -------
    pandas.DataFrame
        ``group, n, events, censored, median_days`` (from
        :func:`analysis.rules.survival.median_time`; ``inf`` if fewer than half were rectified),
        ``due``, ``by_deadline``, ``by_deadline_pct`` (of due cases) and ``overdue``;
        the last row, ``全部``, is every case.

    Raises
    ------
    KeyError
        If ``cases`` is not shaped like :func:`rectification_cases` output or lacks ``by``.
    """
    require_columns(cases, (by, "days", "observed", "due", "by_deadline", "overdue"), "cases")
    medians = pd.concat(
        [survival.median_time(cases, by), survival.median_time(cases)], ignore_index=True
    )
    counted = cases[list(dict.fromkeys([by, "due", "by_deadline", "overdue"]))]  # not all columns
    groups = [*counted.groupby(by, observed=False, sort=True), (TOTAL, counted)]
    extra = pd.DataFrame(
        {
            "due": [int(p["due"].sum()) for _, p in groups],
            "by_deadline": [
                int((p["by_deadline"].fillna(False) & p["due"]).sum()) for _, p in groups
            ],
            "overdue": [int(p["overdue"].sum()) for _, p in groups],
        }
    )
    out = pd.concat([medians, extra], axis=1)
    out["by_deadline_pct"] = 100 * out["by_deadline"] / out["due"].where(out["due"] > 0)
    return out


def overdue_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Open cases past their deadline, longest overdue first.

    Raises
    ------
    KeyError
        If ``cases`` is not shaped like :func:`rectification_cases` output.
    """
    require_columns(cases, ("overdue", "days_overdue", "inspection_id"), "cases")
    out = cases[cases["overdue"].to_numpy()]
    out = out.sort_values(["days_overdue", "inspection_id"], ascending=[False, True])
    return out.reset_index(drop=True)


def reinspection_outcomes(inspections: pd.DataFrame) -> pd.DataFrame:
    """Outcome of re-inspections by round (1 = first re-visit of a failure, 2 = the next …).

    Returns
    -------
    pandas.DataFrame
        ``round, reinspections, passed, failed, pass_rate_pct`` and ``after_deadline``:
        re-visits made after the deadline the previous visit set.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a re-inspection names a previous visit that is not in the frame.
    """
    require_columns(inspections, ("inspection_id", "inspected_on", *CASE_COLUMNS), "inspections")
    rows, parent = parents(inspections)
    if (parent < 0).any():
        unknown = sorted(set(inspections["previous_inspection_id"].iloc[rows[parent < 0]]))
        raise ValueError(f"re-inspections follow unknown visit(s): {', '.join(unknown[:5])}")
    frame = pd.DataFrame(  # rows in frame order: the counts below do not depend on it
        {
            "round": rounds(inspections, rows, parent),
            "passed": equals(inspections["outcome"], PASS)[rows],
            "late": (
                inspections["inspected_on"].to_numpy()[rows]
                > inspections["rectify_by"].to_numpy()[parent]
            ),
        }
    )
    out = frame.groupby("round").agg(
        reinspections=("passed", "size"), passed=("passed", "sum"), after_deadline=("late", "sum")
    )
    out = out.reset_index().astype("int64")
    out.insert(3, "failed", out["reinspections"] - out["passed"])
    out.insert(4, "pass_rate_pct", 100 * out["passed"] / out["reinspections"])
    return out


def repeat_offenders(inspections: pd.DataFrame, min_failures: int = 2) -> pd.DataFrame:
    """Premises that failed the same check item at ``min_failures`` or more visits.

    Returns
    -------
    pandas.DataFrame
        One row per premises and item: ``premises_id, premises_type, unit_id, item,
        failures, not_fixed`` (failures at a re-inspection of a visit that had failed the
        same item: the problem was never put right), ``relapses`` (the other repeat
        failures: it came back after passing or after a separate visit), ``first_failed``,
        ``last_failed``; most failures first, then premises and item order.

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(inspections, (*COLUMNS, "unit_id", "previous_inspection_id"), "inspections")
    ids = ["premises_id", "premises_type", "unit_id"]
    out = repeat_failures(inspections, ids, {item: FAIL for item in CHECK_ITEMS}, min_failures)
    out["not_fixed"] = out["not_fixed"].astype("int64")
    out.insert(6, "relapses", out["failures"] - 1 - out["not_fixed"])
    out["item"] = pd.Categorical(out["item"], list(CHECK_ITEMS), ordered=True)
    out = out.sort_values(["failures", "premises_id", "item"], ascending=[False, True, True])
    return out.reset_index(drop=True)
