"""Time to close a renovation task, slippage against the plan, and what is overdue.

Open tasks are *censored* at the as-of date, never dropped: the curves and medians come
from :mod:`analysis.rules.survival` (Kaplan–Meier on lifelines). Dropping the open tasks would
keep only the quick ones and make closure look faster than it is; :func:`close_medians`
shows that naive figure beside the right one so the difference can be seen.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.renovation._unrecorded import drop_empty_unrecorded
from analysis.renovation.metrics import attach_compounds, require_columns, task_status
from analysis.rules import survival

#: How a task stands against its planned date, in display order: closed on or before it,
#: closed after it, open and past it, open and not yet due (outcome not yet known).
SLIP_CLASSES = ("on_time", "late", "overdue", "not_due")


def task_durations(tasks: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF) -> pd.DataFrame:
    """Return ``tasks`` with ``days`` from opened to closed and ``observed``.

    Open tasks get the days from opened to ``as_of`` and ``observed`` False (censored).

    Raises
    ------
    KeyError
        If ``opened_on`` or ``closed_on`` is missing.
    ValueError
        If a task was opened after ``as_of`` or closed before it was opened.
    """
    require_columns(tasks, ("opened_on", "closed_on"), "tasks")
    out = tasks.copy()
    timing = survival.durations(out["opened_on"], out["closed_on"], as_of)
    out["days"], out["observed"] = timing["days"], timing["observed"]
    return out


def close_curves(
    tasks: pd.DataFrame, by: str | None = "category", as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Kaplan–Meier curves of time to close, per group, as the share closed.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.rules.survival.kaplan_meier` (``group`` is the value of
        ``by``, or 全部 when ``by`` is None) plus ``closed_share`` (1 − survival: share
        of tasks closed within ``days``) and its 95 % band ``closed_lower`` and
        ``closed_upper``. Groups with no tasks give no rows.

    Raises
    ------
    KeyError
        If ``by`` or a date column is missing.
    ValueError
        As :func:`task_durations`.
    """
    if by is not None:
        require_columns(tasks, (by,), "tasks")
    curves = survival.kaplan_meier(task_durations(tasks, as_of), group=by)
    curves["closed_share"] = 1 - curves["survival"]
    curves["closed_lower"] = 1 - curves["ci_upper"]
    curves["closed_upper"] = 1 - curves["ci_lower"]
    return curves


def close_medians(
    tasks: pd.DataFrame, by: str | None = "category", as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Median days to close per group, open tasks censored, every category present.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.rules.survival.median_time` (``group``, ``n``,
        ``events``, ``censored``, ``median_days``: ``inf`` when fewer than half have
        closed, NaN for an empty group) plus ``median_closed_only``: the median over
        closed tasks alone, the biased figure one gets by dropping open tasks.

    Raises
    ------
    KeyError
        If ``by`` or a date column is missing.
    ValueError
        As :func:`task_durations`.
    """
    if by is not None:
        require_columns(tasks, (by,), "tasks")
    timed = task_durations(tasks, as_of)
    out = survival.median_time(timed, group=by)
    closed = timed[timed["observed"]]
    if by is None:
        naive = [closed["days"].median() if len(closed) else np.nan]
    else:
        medians = closed.groupby(by, observed=False)["days"].median()
        naive = [medians.get(g, np.nan) for g in out["group"]]
    out["median_closed_only"] = np.asarray(naive, dtype="float64")
    out.attrs = {"datasets": ["renovation_tasks"], "as_of": f"{pd.Timestamp(as_of):%Y-%m-%d}"}
    return drop_empty_unrecorded(out, ["group"], "n")


def close_logrank(
    tasks: pd.DataFrame, by: str = "category", as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Log-rank test of the time to close across the groups of ``by`` (open tasks censored).

    A contrast of the groups' curves or medians is worded only when this test supports it:
    lifelines' ``multivariate_logrank_test`` asks whether the groups' closure curves differ
    more than chance would make them.

    Returns
    -------
    pandas.DataFrame
        One row: ``by``, ``groups`` (groups with tasks), ``tasks``, ``closed``,
        ``statistic``, ``df`` and ``p_value`` (NaN when there are fewer than two groups
        with tasks, or nothing has closed).

    Raises
    ------
    KeyError
        If ``by`` or a date column is missing.
    ValueError
        As :func:`task_durations`.
    """
    require_columns(tasks, (by,), "tasks")
    timed = task_durations(tasks, as_of)
    timed = timed[timed[by].notna()]
    groups = timed[by].astype(str)
    row = {
        "by": by,
        "groups": int(groups.nunique()),
        "tasks": len(timed),
        "closed": int(timed["observed"].sum()),
        "statistic": np.nan,
        "df": np.nan,
        "p_value": np.nan,
    }
    if row["groups"] > 1 and row["closed"] > 0:
        from lifelines.statistics import multivariate_logrank_test

        with warnings.catch_warnings():
            # lifelines 0.30 calls pandas in a way pandas 4 will change; the result is the
            # same, and the warning would print into every notebook that runs the test.
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            result = multivariate_logrank_test(timed["days"], groups, timed["observed"])
        row.update(
            statistic=float(result.test_statistic),
            df=int(result.degrees_of_freedom),
            p_value=float(result.p_value),
        )
    out = pd.DataFrame([row])
    out.attrs = {"datasets": ["renovation_tasks"]}
    return out


def slippage(
    tasks: pd.DataFrame, by: str | None = "category", as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Planned against actual: tasks on time, late, overdue and not yet due, per group.

    Returns
    -------
    pandas.DataFrame
        The ``by`` column (or none when ``by`` is None), counts per
        :data:`SLIP_CLASSES`, ``tasks``; ``on_time_pct``: on-time closures as % of the
        tasks whose outcome is known (on time + late + overdue; not-yet-due tasks are
        left out of it, not counted as on time); ``median_late_days``: median days past
        the planned date of tasks closed late (NaN if none). Every category present.

    Raises
    ------
    KeyError
        If ``by`` or a date column is missing.
    ValueError
        If a task was opened after ``as_of``.
    """
    keys = [] if by is None else [by]
    require_columns(tasks, keys, "tasks")
    status = task_status(tasks, as_of)
    closed = status["status"] == "closed"
    late = closed & (status["closed_on"] > status["planned_on"])
    slip = np.select(
        [(closed & ~late).to_numpy(), late.to_numpy(), (status["status"] == "overdue").to_numpy()],
        ["on_time", "late", "overdue"],
        "not_due",
    )
    frame = pd.get_dummies(pd.Categorical(slip, SLIP_CLASSES)).astype("int64")
    frame.index = status.index
    frame["tasks"] = 1
    frame["late_days"] = (status["closed_on"] - status["planned_on"]).dt.days.where(late)
    counts = list(SLIP_CLASSES) + ["tasks"]
    if keys:
        grouped = frame.groupby(status[by], observed=False)
        out = grouped[counts].sum().join(grouped["late_days"].median()).reset_index()
    else:
        out = frame[counts].sum().to_frame().T
        out["late_days"] = frame["late_days"].median()
    out = out.rename(columns={"late_days": "median_late_days"})
    known = out["on_time"] + out["late"] + out["overdue"]
    out["on_time_pct"] = 100 * out["on_time"] / known.where(known > 0)
    out = out.astype({c: "int64" for c in counts})
    out = out[[*keys, *counts, "on_time_pct", "median_late_days"]]
    out.attrs = {"datasets": ["renovation_tasks"], "as_of": f"{pd.Timestamp(as_of):%Y-%m-%d}"}
    return drop_empty_unrecorded(out, keys, "tasks")


def overdue_matrix(
    tasks: pd.DataFrame, compounds: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Overdue tasks per compound and category as of ``as_of``, in long format.

    Returns
    -------
    pandas.DataFrame
        One row per compound × category, every pair present (compounds in the order of
        ``compounds``, categories in vocabulary order): ``compound_id``, ``name_zh``,
        ``unit_id``, ``category``, ``tasks``, ``overdue`` (int) and ``days_overdue``
        (the most days any overdue task of the pair is past its planned date; NaN when
        none is overdue). The as-of date is in ``attrs["as_of"]``.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a task's compound is unknown or a task was opened after ``as_of``.
    """
    require_columns(tasks, ("compound_id", "category"), "tasks")
    require_columns(compounds, ("compound_id", "name_zh", "unit_id"), "compounds")
    status = task_status(attach_compounds(tasks, compounds), as_of)
    as_of = pd.Timestamp(as_of)
    overdue = status["status"] == "overdue"
    status["overdue"] = overdue.astype("int64")
    status["days_overdue"] = (as_of - status["planned_on"]).dt.days.where(overdue)
    if isinstance(status["category"].dtype, pd.CategoricalDtype):
        categories = list(status["category"].cat.categories)
    else:
        categories = sorted(status["category"].unique())
    grid = pd.MultiIndex.from_product(
        [compounds["compound_id"], categories], names=["compound_id", "category"]
    )
    keys = [status["compound_id"], status["category"].astype(str)]
    grouped = status.groupby(keys)
    counts = pd.DataFrame(
        {
            "tasks": grouped.size(),
            "overdue": grouped["overdue"].sum(),
            "days_overdue": grouped["days_overdue"].max(),
        }
    ).reindex(grid)
    out = counts.reset_index().merge(
        compounds[["compound_id", "name_zh", "unit_id"]], on="compound_id", how="left"
    )
    out["tasks"] = out["tasks"].fillna(0).astype("int64")
    out["overdue"] = out["overdue"].fillna(0).astype("int64")
    out["category"] = pd.Categorical(out["category"], categories, ordered=True)
    cols = ["compound_id", "name_zh", "unit_id", "category", "tasks", "overdue", "days_overdue"]
    out = out[cols]
    out.attrs = {"datasets": ["renovation_tasks", "compounds"], "as_of": f"{as_of:%Y-%m-%d}"}
    return out
