"""Renovation checklist metrics (清单销号): tidy frames in, tidy frames out.

A task is *closed* once its ``closed_on`` is on or before the as-of date, *overdue* when it
is still open and its planned date has passed, and *open* otherwise (open, not yet due).
Nothing here drops an open task: a share closed counts open tasks in its denominator, and
time-to-close (in :mod:`analysis.renovation.timing`) censors them. One compound's case
study is in :mod:`analysis.renovation.case`. Nothing here plots;
:mod:`analysis.renovation.charts` draws these frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.renovation._unrecorded import drop_empty_unrecorded
from analysis.renovation.governance import descendants
from analysis.rules.entities import in_order

#: Columns of ``renovation_tasks`` the status needs.
DATE_COLUMNS = ("opened_on", "planned_on", "closed_on")
#: Task status as of a date, in display order.
STATUSES = ("closed", "open", "overdue")
#: Cumulative measures of :func:`burnup`: opened, closed, planned to be closed by the
#: date, and still open (opened minus closed: the burndown).
BURNUP_MEASURES = ("opened", "closed", "planned", "remaining")


def task_status(tasks: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF) -> pd.DataFrame:
    """Return ``tasks`` with a ``status`` column: closed, open or overdue as of ``as_of``.

    Parameters
    ----------
    tasks
        Renovation tasks with ``opened_on``, ``planned_on`` and ``closed_on`` (NaT while open).
    as_of
        The date the checklist stands as of.

    Returns
    -------
    pandas.DataFrame
        A copy of ``tasks`` plus ``status``, an ordered categorical of :data:`STATUSES`.
        A task closed after ``as_of`` counts as open: on that date it was.

    Raises
    ------
    KeyError
        If a date column is missing.
    ValueError
        If a task was opened after ``as_of`` (it was not yet on the checklist).
    """
    require_columns(tasks, DATE_COLUMNS, "tasks")
    as_of = pd.Timestamp(as_of)
    future = tasks["opened_on"] > as_of
    if future.any():
        raise ValueError(
            f"{int(future.sum())} task(s) opened after the as-of date {as_of:%Y-%m-%d}"
        )
    closed = tasks["closed_on"].notna() & (tasks["closed_on"] <= as_of)
    # Strictly before: a task due on the as-of day itself is not late yet.
    overdue = ~closed & (tasks["planned_on"] < as_of)
    out = tasks.copy()
    status = np.select([closed.to_numpy(), overdue.to_numpy()], ["closed", "overdue"], "open")
    out["status"] = pd.Categorical(status, STATUSES, ordered=True)
    return out


def attach_compounds(tasks: pd.DataFrame, compounds: pd.DataFrame) -> pd.DataFrame:
    """Attach each task's compound fields; an unknown compound is an error, not a drop."""
    require_columns(tasks, ("compound_id",), "tasks")
    require_columns(compounds, ("compound_id", "unit_id"), "compounds")
    unknown = sorted(set(tasks["compound_id"]) - set(compounds["compound_id"]))
    if unknown:
        raise ValueError(f"tasks name compound(s) not in compounds: {', '.join(unknown)}")
    extra = [c for c in ("name_zh", "unit_id", "property_pilot") if c in compounds.columns]
    return tasks.merge(compounds[["compound_id", *extra]], on="compound_id", how="left")


def status_counts(status: pd.DataFrame) -> dict[str, int]:
    """Number of tasks, and of each status, in a frame from :func:`task_status`."""
    s = status["status"]
    return {"tasks": len(s), **{k: int((s == k).sum()) for k in STATUSES}}


def iso_day(as_of: str | pd.Timestamp) -> str:
    """The date as ``YYYY-MM-DD``, the form charts state it in."""
    return f"{pd.Timestamp(as_of):%Y-%m-%d}"


def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    # NaN, not 0, where there is nothing to count: 0 % would read as "nothing done".
    return 100 * part / whole.where(whole > 0)


def burnup(
    tasks: pd.DataFrame,
    compounds: pd.DataFrame,
    units: pd.DataFrame,
    as_of: str | pd.Timestamp = DATA_AS_OF,
    start: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Cumulative tasks opened, closed and planned to close, per unit and day.

    A unit counts its own compounds and those of units below it, so the district row
    (上街区) is the district total.

    Parameters
    ----------
    tasks, compounds, units
        As the loaders return them.
    as_of
        Last day of the series; closures after it are not yet known.
    start
        First day; default the day the first task was opened.

    Returns
    -------
    pandas.DataFrame
        Long format: ``unit_id``, ``date``, ``measure`` (ordered categorical of
        :data:`BURNUP_MEASURES`) and ``tasks`` (int), for every unit in ``sort_order``
        (a unit with no tasks gets zeros), every day from ``start`` to ``as_of``.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a task's compound is unknown or a task was opened after ``as_of``.
    """
    require_columns(units, ("unit_id", "parent_id"), "units")
    status = task_status(attach_compounds(tasks, compounds), as_of)
    as_of = pd.Timestamp(as_of)
    first = status["opened_on"].min() if start is None and len(status) else start
    days = pd.date_range(pd.Timestamp(first if first is not None else as_of), as_of, freq="D")
    units = in_order(units)
    members = descendants(units)
    unit_of = status["unit_id"].astype(str)
    closed_on = status["closed_on"].where(status["status"] == "closed")
    rows = []
    for unit in units["unit_id"]:
        mine = unit_of.isin(members[unit]).to_numpy()
        counts = {}
        for measure, dates in (
            ("opened", status.loc[mine, "opened_on"]),
            ("closed", closed_on[mine]),
            ("planned", status.loc[mine, "planned_on"]),
        ):
            # Events on or before each day: a sorted search instead of a loop over days.
            stamps = np.sort(dates.dropna().to_numpy(dtype="datetime64[ns]"))
            counts[measure] = np.searchsorted(stamps, days.to_numpy(), side="right")
        counts["remaining"] = counts["opened"] - counts["closed"]
        for measure in BURNUP_MEASURES:
            rows.append(
                pd.DataFrame(
                    {"unit_id": unit, "date": days, "measure": measure, "tasks": counts[measure]}
                )
            )
    out = pd.concat(rows, ignore_index=True)
    out["measure"] = pd.Categorical(out["measure"], BURNUP_MEASURES, ordered=True)
    out["tasks"] = out["tasks"].astype("int64")
    out.attrs = {"datasets": ["renovation_tasks", "compounds"], "as_of": iso_day(as_of)}
    return out


def compound_progress(
    tasks: pd.DataFrame, compounds: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Share of each compound's tasks closed, with open and overdue counts.

    Returns
    -------
    pandas.DataFrame
        One row per compound, every compound present (one with no tasks has zeros and a
        NaN share): ``compound_id``, ``name_zh``, ``unit_id``, ``property_pilot``,
        ``tasks``, ``closed``, ``open``, ``overdue`` (int) and ``closed_pct`` (closed as %
        of all its tasks, open ones included). Sorted by ``closed_pct`` descending, then
        ``compound_id``; NaN last.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a task's compound is unknown or a task was opened after ``as_of``.
    """
    need = ("compound_id", "name_zh", "unit_id", "property_pilot")
    require_columns(compounds, need, "compounds")
    status = task_status(attach_compounds(tasks, compounds), as_of)
    by_compound = dict(tuple(status.groupby("compound_id", sort=False)))
    rows = []
    for cp in compounds[list(need)].itertuples(index=False):
        part = by_compound.get(cp.compound_id, status.iloc[0:0])
        rows.append({**cp._asdict(), **status_counts(part)})
    out = pd.DataFrame(rows, columns=[*need, "tasks", *STATUSES])
    out["property_pilot"] = out["property_pilot"].astype(bool)
    out["closed_pct"] = _pct(out["closed"], out["tasks"])
    out = out.sort_values(
        ["closed_pct", "compound_id"], ascending=[False, True], na_position="last", kind="stable"
    ).reset_index(drop=True)
    out.attrs = {"datasets": ["renovation_tasks", "compounds"], "as_of": iso_day(as_of)}
    return out


def pilot_comparison(progress: pd.DataFrame, unit_id: str | None = None) -> pd.DataFrame:
    """Compare property-management pilot compounds with the rest.

    Parameters
    ----------
    progress
        The frame :func:`compound_progress` returns.
    unit_id
        Compare within this unit only (the pilots are 中心路街道's); None for all compounds.

    Returns
    -------
    pandas.DataFrame
        Two rows, pilots (``property_pilot`` True) first, both present even if a group is
        empty: ``compounds``, ``tasks``, ``closed``, ``open``, ``overdue``, ``closed_pct``
        (pooled over the group's tasks) and ``median_compound_pct`` (median of the
        compounds' own shares; compounds without tasks are left out of it).

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(progress, ("unit_id", "property_pilot", "tasks", *STATUSES), "progress")
    if unit_id is not None:
        progress = progress[progress["unit_id"].astype(str) == unit_id]
    rows = []
    for pilot in (True, False):
        g = progress[progress["property_pilot"].astype(bool) == pilot]
        shares = _pct(g["closed"], g["tasks"]).dropna()
        rows.append(
            {
                "property_pilot": pilot,
                "compounds": len(g),
                **{c: int(g[c].sum()) for c in ("tasks", *STATUSES)},
                "median_compound_pct": float(shares.median()) if len(shares) else np.nan,
            }
        )
    out = pd.DataFrame(rows)
    out.insert(6, "closed_pct", _pct(out["closed"], out["tasks"]))
    out.attrs = {"datasets": list(progress.attrs.get("datasets") or ["renovation_tasks"])}
    return out


def tasks_by(
    tasks: pd.DataFrame,
    by: str | Sequence[str] | None = "category",
    as_of: str | pd.Timestamp = DATA_AS_OF,
) -> pd.DataFrame:
    """Count tasks by status per group, every category present.

    Parameters
    ----------
    tasks
        Renovation tasks.
    by
        Column(s) to group by, e.g. ``"category"`` or ``["category", "raised_by"]``;
        None for a single row over all tasks.
    as_of
        Date of the status.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``tasks``, ``closed``, ``not_closed`` (open or overdue),
        ``open`` (open, not yet due), ``overdue`` (int) and ``closed_pct``. Categorical
        groups keep every category in vocabulary order, with zero counts and a NaN share
        where no task falls, except an empty 未记录 (not recorded) group.

    Raises
    ------
    KeyError
        If a ``by`` column or a date column is missing.
    ValueError
        If a task was opened after ``as_of``.
    """
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    require_columns(tasks, keys, "tasks")
    status = task_status(tasks, as_of)
    dummies = pd.get_dummies(status["status"]).astype("int64")  # one column per status
    dummies["tasks"] = 1
    if not keys:
        out = dummies.sum().to_frame().T
    else:
        out = dummies.groupby([status[k] for k in keys], observed=False).sum().reset_index()
    out = out[[*keys, "tasks", *STATUSES]].astype({c: "int64" for c in ("tasks", *STATUSES)})
    # Every task not closed, overdue or not: the figure the prose calls "not closed", so the
    # table beside it states the same total (open here means open and not yet due).
    out.insert(len(keys) + 2, "not_closed", out["open"] + out["overdue"])
    out["closed_pct"] = _pct(out["closed"], out["tasks"])
    # grouped by a compound's field (attach_compounds), the table draws on the compounds too
    from_compounds = {"unit_id", "name_zh", "property_pilot"} & set(keys)
    datasets = ["renovation_tasks", *(["compounds"] if from_compounds else [])]
    out.attrs = {"datasets": datasets, "as_of": iso_day(as_of)}
    return drop_empty_unrecorded(out, keys, "tasks")
