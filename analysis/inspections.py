"""Public-health inspection metrics: what fails, how fast it is fixed, who fails again.

Tidy frames in, tidy frames out; :mod:`analysis.inspections_plots` draws them. Conventions:

- A check item reads 合格 (pass), 不合格 (fail) or 不适用 (not applicable). **不适用 is left out
  of the denominator** of a pass rate: a food shop with no seated customers is not "passing"
  the code-scan check, it is not subject to it.
- A *checked visit* assessed at least one item. The food-waste supervision assessed none (it is
  about food waste, not hygiene), so its 合格 outcome says nothing about hygiene.
- A *rectification case* is a failed visit that is not itself a re-inspection: a failed
  re-inspection continues the case it follows rather than opening a new one, so a chain of
  failures is counted once, from the first failure, against the first deadline.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import survival
from analysis.schema import CHECK_ITEMS, DATA_AS_OF

PASS, FAIL, NOT_APPLICABLE = "合格", "不合格", "不适用"
ORDERED = "限期整改"  # outcome of a visit that found something to fix
REINSPECTION = "复查"
TOTAL = "全部"
COLUMNS = ("inspection_id", "premises_id", "premises_type", "inspected_on", *CHECK_ITEMS)
CASE_COLUMNS = ("visit_kind", "previous_inspection_id", "outcome", "rectify_by", "rectified_on")


def check_columns(frame: pd.DataFrame, columns: Sequence[str], name: str = "inspections") -> None:
    """Raise a KeyError naming every column of ``columns`` that ``frame`` lacks.

    Raises
    ------
    KeyError
        If any column is missing.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{name} lacks column(s) {', '.join(missing)}")


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype("object")


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
    check_columns(inspections, CHECK_ITEMS if reinspections else (*CHECK_ITEMS, "visit_kind"))
    assessed = inspections[list(CHECK_ITEMS)].astype("object").ne(NOT_APPLICABLE).any(axis=1)
    if not reinspections:
        assessed &= _text(inspections, "visit_kind").ne(REINSPECTION)
    return inspections[assessed.to_numpy()]


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
    check_columns(inspections, (by, *CHECK_ITEMS))
    long = inspections.melt(id_vars=[by], value_vars=list(CHECK_ITEMS), var_name="item")
    long["item"] = pd.Categorical(long["item"], list(CHECK_ITEMS))
    results = {"passed": PASS, "failed": FAIL, "not_applicable": NOT_APPLICABLE}
    for name, value in results.items():
        long[name] = long["value"].astype("object").eq(value)
    out = long.groupby([by, "item"], observed=True, sort=True)[list(results)].sum()
    if total:
        whole = long.groupby("item", observed=True)[list(results)].sum()
        out = pd.concat([out, pd.concat({TOTAL: whole}, names=[by])])
    out = out.astype("int64").reset_index()
    out["item"] = out["item"].astype("object")
    out.insert(2, "checked", out["passed"] + out["failed"])
    out["pass_rate_pct"] = 100 * out["passed"] / out["checked"].where(out["checked"] > 0)
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
    check_columns(inspections, ["outcome", *keys] + (["inspected_on"] if period else []))
    frame = inspections.assign(ordered=_text(inspections, "outcome").eq(ORDERED))
    if period:
        frame["period"] = frame["inspected_on"].dt.to_period(period).dt.start_time
        keys = ["period", *keys]
    grouped = frame.groupby(keys, observed=True, sort=True)["ordered"]
    out = grouped.agg(visits="size", ordered="sum").reset_index()
    out["ordered"] = out["ordered"].astype("int64")
    out["fail_rate_pct"] = 100 * out["ordered"] / out["visits"]
    return out


def _chains(inspections: pd.DataFrame) -> dict[str, tuple[str, str, pd.Timestamp]]:
    """Map a visit id to its first re-inspection: (id, outcome, date)."""
    re = inspections[inspections["previous_inspection_id"].notna()]
    re = re.sort_values(["inspected_on", "inspection_id"], kind="stable")
    out: dict[str, tuple[str, str, pd.Timestamp]] = {}
    for row in re.itertuples(index=False):
        out.setdefault(
            row.previous_inspection_id, (row.inspection_id, row.outcome, row.inspected_on)
        )
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
        If a case starts after ``as_of`` or is rectified before it was found.
    """
    check_columns(inspections, (*COLUMNS, *CASE_COLUMNS))
    as_of = pd.Timestamp(as_of)
    failed = _text(inspections, "outcome").eq(ORDERED)
    first = _text(inspections, "visit_kind").ne(REINSPECTION)
    cases = inspections[(failed & first).to_numpy()].copy()
    chains = _chains(inspections)
    ends, counts = [], []
    confirmed = inspections.set_index("inspection_id")["rectified_on"]
    for row in cases.itertuples(index=False):
        end, n, link = row.rectified_on, 0, chains.get(row.inspection_id)
        while link is not None:  # walk the whole chain to count its visits
            n += 1
            if pd.isna(end):
                # The case closes at the first passing re-visit, or when rectification of a
                # failed re-visit was confirmed otherwise (photos, papers): that visit
                # continues this case, so its confirmation closes it.
                end = link[2] if str(link[1]) == PASS else confirmed.get(link[0])
            link = chains.get(link[0])
        ends.append(end)
        counts.append(n)
    cases["rectified_on"] = pd.to_datetime(pd.Series(ends, index=cases.index, dtype="object"))
    cases["reinspections"] = np.asarray(counts, dtype="int64")
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
        :func:`analysis.survival.median_time`; ``inf`` if fewer than half were rectified),
        ``due``, ``by_deadline``, ``by_deadline_pct`` (of due cases) and ``overdue``;
        the last row, ``全部``, is every case.

    Raises
    ------
    KeyError
        If ``cases`` is not shaped like :func:`rectification_cases` output or lacks ``by``.
    """
    check_columns(cases, (by, "days", "observed", "due", "by_deadline", "overdue"), "cases")
    medians = pd.concat(
        [survival.median_time(cases, by), survival.median_time(cases)], ignore_index=True
    )
    groups = [(k, p) for k, p in cases.groupby(by, observed=False, sort=True)] + [(TOTAL, cases)]
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
    check_columns(cases, ("overdue", "days_overdue", "inspection_id"), "cases")
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
    check_columns(inspections, ("inspection_id", "inspected_on", *CASE_COLUMNS))
    by_id = inspections.set_index("inspection_id")
    re = inspections[inspections["previous_inspection_id"].notna()]
    unknown = sorted(set(re["previous_inspection_id"]) - set(by_id.index))
    if unknown:
        raise ValueError(f"re-inspections follow unknown visit(s): {', '.join(unknown[:5])}")
    re = re.sort_values(["inspected_on", "inspection_id"], kind="stable")
    depth: dict[str, int] = {}
    for visit, prev in zip(re["inspection_id"], re["previous_inspection_id"], strict=True):
        depth[visit] = depth.get(prev, 0) + 1  # a re-visit always comes after what it follows
    deadline = by_id.loc[re["previous_inspection_id"], "rectify_by"].to_numpy()
    frame = pd.DataFrame(
        {
            "round": re["inspection_id"].map(depth).to_numpy(),
            "passed": _text(re, "outcome").eq(PASS).to_numpy(),
            "late": (re["inspected_on"].to_numpy() > deadline),
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
    check_columns(inspections, (*COLUMNS, "unit_id", "previous_inspection_id"))
    long = inspections.melt(
        id_vars=["inspection_id", "premises_id", "premises_type", "unit_id", "inspected_on"],
        value_vars=list(CHECK_ITEMS),
        var_name="item",
        value_name="result",
    )
    fails = long[long["result"].astype("object") == FAIL]
    keys = set(zip(fails["inspection_id"], fails["item"], strict=True))
    prev = inspections.set_index("inspection_id")["previous_inspection_id"]
    fails = fails.assign(
        not_fixed=[
            (prev.get(i), item) in keys
            for i, item in zip(fails["inspection_id"], fails["item"], strict=True)
        ]
    )
    ids = ["premises_id", "premises_type", "unit_id", "item"]
    out = fails.groupby(ids, observed=True, sort=False).agg(
        failures=("inspection_id", "size"),
        not_fixed=("not_fixed", "sum"),
        first_failed=("inspected_on", "min"),
        last_failed=("inspected_on", "max"),
    )
    out = out[out["failures"] >= min_failures].reset_index()
    out["not_fixed"] = out["not_fixed"].astype("int64")
    out.insert(6, "relapses", out["failures"] - 1 - out["not_fixed"])
    out["item"] = pd.Categorical(out["item"], list(CHECK_ITEMS), ordered=True)
    out = out.sort_values(["failures", "premises_id", "item"], ascending=[False, True, True])
    return out.reset_index(drop=True)
