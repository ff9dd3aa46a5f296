"""Case study of one compound's checklist (劳动局家属院 by default) and its "六有" goals.

The page holds up 劳动局家属院 as the most representative unmanaged compound: 12 tasks set
from residents' requests, aiming at a "六有" compound. This module turns its checklist into
a timeline and counts its tasks against the six goals.
"""

from __future__ import annotations

import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.renovation.metrics import (
    attach_compounds,
    iso_day,
    status_counts,
    task_status,
)
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND

#: The "六有" goals of 劳动局家属院 (有完善设施、有整洁环境、有配套服务、有长效管理、
#: 有特色文化、有和谐关系) with the task categories that serve each. The page names the
#: goals only; which category serves which goal is this project's reading. 有长效管理 is
#: met by governance bodies, not by works, so it has no task category.
SIX_HAVE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("有完善设施", "complete facilities", ("地下管网", "路面硬化", "线缆整治", "照明", "屋面防水")),
    ("有整洁环境", "clean environment", ("环境卫生", "绿化")),
    ("有配套服务", "supporting services", ("配套设施", "停车", "安防监控")),
    ("有长效管理", "long-term management", ()),
    ("有特色文化", "distinctive culture", ("文化建设",)),
    ("有和谐关系", "harmonious relations", ("议事场所",)),
)


def case_tasks(
    tasks: pd.DataFrame,
    compounds: pd.DataFrame,
    name_zh: str = LABOUR_BUREAU_COMPOUND,
    as_of: str | pd.Timestamp = DATA_AS_OF,
) -> pd.DataFrame:
    """The tasks of one named compound, with status and the days each took or has taken.

    Returns
    -------
    pandas.DataFrame
        The compound's tasks in ``opened_on`` order with its ``name_zh`` and ``unit_id``
        (and ``property_pilot`` if given), ``status``, ``days`` (opened to
        closed, or to ``as_of`` while open), ``planned_days`` (opened to planned) and
        ``slip_days`` (closed minus planned; negative when early, NaN while open).

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If more than one compound has that name. A name no compound has (an imported
        ledger without the page's compound) gives an empty frame with
        ``attrs["found"]`` False, so the page can say the compound is not in the records.
    """
    require_columns(compounds, ("compound_id", "name_zh", "unit_id"), "compounds")
    ids = compounds.loc[compounds["name_zh"] == name_zh, "compound_id"].tolist()
    if len(ids) > 1:
        raise ValueError(f"expected one compound named {name_zh!r}, found {len(ids)}")
    found = compounds["compound_id"].isin(ids)
    mine = tasks[tasks["compound_id"].isin(ids)]
    mine = task_status(attach_compounds(mine, compounds[found]), as_of)
    as_of = pd.Timestamp(as_of)
    closed = mine["closed_on"].where(mine["status"] == "closed")
    mine["days"] = (closed.fillna(as_of) - mine["opened_on"]).dt.days.astype("int64")
    mine["planned_days"] = (mine["planned_on"] - mine["opened_on"]).dt.days.astype("int64")
    mine["slip_days"] = (closed - mine["planned_on"]).dt.days.astype("float64")
    out = mine.sort_values(["opened_on", "task_id"], kind="stable").reset_index(drop=True)
    out.attrs = {
        "datasets": ["renovation_tasks", "compounds"],
        "as_of": iso_day(as_of),
        "name_zh": name_zh,
        "found": bool(ids),
    }
    return out


def six_have(tasks: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF) -> pd.DataFrame:
    """Tasks per "六有" goal (see :data:`SIX_HAVE`), with how many are closed.

    Returns
    -------
    pandas.DataFrame
        One row per goal in page order, every goal present: ``goal_zh``, ``goal_en``,
        ``categories`` (the task categories that serve it, joined by 、), ``tasks``,
        ``closed``, ``open``, ``overdue``. A task whose category serves no goal is not
        counted.

    Raises
    ------
    KeyError
        If ``category`` or a date column is missing.
    ValueError
        If a task was opened after ``as_of``.
    """
    require_columns(tasks, ("category",), "tasks")
    status = task_status(tasks, as_of)
    category = status["category"].astype(str)
    rows = []
    for goal_zh, goal_en, categories in SIX_HAVE:
        part = status[category.isin(categories).to_numpy()]
        rows.append(
            {
                "goal_zh": goal_zh,
                "goal_en": goal_en,
                "categories": "、".join(categories),
                **status_counts(part),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs = {"datasets": list(tasks.attrs.get("datasets") or ["renovation_tasks"])}
    return out
