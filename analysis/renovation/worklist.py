"""The overdue work list: every task open past its planned date, longest overdue first.

A reader who follows up overdue work needs the whole list, not the top few: each row names
the compound, its unit, the kind of work, who asked for it and since when it is late. The
page shows it whole as a sortable, filterable table; the distribution of days overdue is
drawn by :func:`analysis.renovation.charts_overdue.plot_overdue_days`.
"""

from __future__ import annotations

import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.renovation.metrics import attach_compounds, iso_day, task_status

#: Columns of :func:`overdue_tasks`, in display order.
WORKLIST_COLUMNS = (
    "name_zh",
    "unit_id",
    "category",
    "raised_by",
    "planned_on",
    "days_overdue",
    "task_id",
)


def overdue_tasks(
    tasks: pd.DataFrame, compounds: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF
) -> pd.DataFrame:
    """Every task open past its planned date as of ``as_of``.

    Parameters
    ----------
    tasks, compounds
        As the loaders return them.
    as_of
        The date the list stands as of.

    Returns
    -------
    pandas.DataFrame
        One row per overdue task, columns :data:`WORKLIST_COLUMNS` (``raised_by`` only when
        the tasks have it): the compound's name and unit, the task's category, who raised
        it, its planned date and ``days_overdue`` (days from the planned date to
        ``as_of``). Longest overdue first, then by compound and task id.
        ``attrs``: ``datasets`` and ``as_of``.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a task's compound is unknown or a task was opened after ``as_of``.
    """
    require_columns(tasks, ("task_id", "compound_id", "category", "planned_on"), "tasks")
    status = task_status(attach_compounds(tasks, compounds), as_of)
    late = status[status["status"] == "overdue"].copy()
    late["days_overdue"] = (pd.Timestamp(as_of) - late["planned_on"]).dt.days.astype("int64")
    late = late.sort_values(
        ["days_overdue", "compound_id", "task_id"], ascending=[False, True, True], kind="stable"
    )
    columns = [c for c in WORKLIST_COLUMNS if c in late.columns]
    out = late[columns].reset_index(drop=True)
    out.attrs = {"datasets": ["renovation_tasks", "compounds"], "as_of": iso_day(as_of)}
    return out
