"""One unit beside the whole district: the comparison table, the sentence and the key points
of the renovation section of a unit's report (``notebooks/unit-report.ipynb``).

Every measure the unit page gives for the unit is also given for the district, and a share
that is compared carries its 95 % Wilson interval. Whether the unit differs from the others
is judged against the *rest* of the district (the unit's own tasks are part of the district
total, so unit and district are not independent samples): in words only when the two
intervals do not overlap (:func:`analysis.rules.intervals.apart`).
"""

from __future__ import annotations

import pandas as pd

from analysis.presentation.findings import count, percent
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import share
from analysis.renovation._stats import digits
from analysis.rules.entities import DISTRICT_ID
from analysis.rules.intervals import apart, wilson

MEASURES = Catalogue(
    __name__,
    {
        "measure": ("指标", "Measure"),
        "compounds": ("无主管楼院（个）", "Unmanaged compounds"),
        "tasks": ("整治任务（项）", "Renovation tasks"),
        "closed": ("已销号（项）", "Tasks closed"),
        "closed_share": ("已销号比例（95% 置信区间）", "Share of tasks closed (95% CI)"),
        "overdue": ("逾期未销号（项）", "Tasks open past their planned date (overdue)"),
        "overdue_share": ("逾期未销号比例（95% 置信区间）", "Share of tasks overdue (95% CI)"),
        "plan": ("截至日按计划应销号（项）", "Tasks due to be closed by the as-of date"),
        "done": ("任务全部销号的楼院", "Compounds with every task closed"),
        "cell_ci": ("{pct}（{lo}–{hi}）", "{pct} ({lo}–{hi})"),
        "cell_of": ("{k}/{n}（{pct}）", "{k} of {n} ({pct})"),
    },
)

#: The rows of :func:`unit_comparison`, in display order.
COMPARISON_ROWS = (
    "compounds",
    "tasks",
    "closed",
    "closed_share",
    "overdue",
    "overdue_share",
    "plan",
    "done",
)


def burn_at(burn: pd.DataFrame, unit_id: str) -> dict[str, int]:
    """The burn-up measures of ``unit_id`` on the last day of the series (zeros if none).

    Raises
    ------
    KeyError
        If ``burn`` lacks ``unit_id``, ``date``, ``measure`` or ``tasks``.
    """
    mine = burn[burn["unit_id"].astype(str) == unit_id]
    if mine.empty:
        return {"opened": 0, "closed": 0, "planned": 0, "remaining": 0}
    last = mine[mine["date"] == mine["date"].max()]
    values = last.set_index(last["measure"].astype(str))["tasks"]
    return {m: int(values.get(m, 0)) for m in ("opened", "closed", "planned", "remaining")}


def totals(progress: pd.DataFrame, burn: pd.DataFrame | None, unit_id: str) -> dict[str, int]:
    """Counts of one unit (every compound for the district): compounds, tasks, closed,
    overdue, compounds with every task closed, and tasks planned by the as-of date
    (``None`` when the burn-up has no row for the unit).

    Raises
    ------
    KeyError
        If ``progress`` lacks ``unit_id``, ``tasks``, ``closed`` or ``overdue``.
    """
    units = progress["unit_id"].astype(str)
    mine = progress if unit_id == DISTRICT_ID else progress[units == unit_id]
    timed = mine[mine["tasks"] > 0]
    out = {
        "compounds": len(mine),
        "tasks": int(mine["tasks"].sum()),
        "closed": int(mine["closed"].sum()),
        "overdue": int(mine["overdue"].sum()),
        "with_tasks": len(timed),
        "done": int((timed["closed"] == timed["tasks"]).sum()),
        "planned": None,
    }
    # A burn-up without a row for the unit (a ledger's own unit) leaves the plan unknown.
    if burn is not None and (burn["unit_id"].astype(str) == unit_id).any():
        out["planned"] = burn_at(burn, unit_id)["planned"]
    return out


def _rate_cell(k: int, n: int, lang: str | None) -> str:
    """``74%（69%–79%）`` / ``74% (69%–79%)``; ``—`` with nothing to count."""
    if n == 0:
        return "—"
    lo, hi = wilson(k, n)
    return MEASURES.text("cell_ci", lang).format(
        pct=percent(k / n, digits(n)), lo=percent(lo, 0), hi=percent(hi, 0)
    )


def _cells(t: dict[str, int | None], lang: str | None) -> dict[str, str]:
    done = (
        MEASURES.text("cell_of", lang).format(
            k=count(t["done"]),
            n=count(t["with_tasks"]),
            pct=percent(share(t["done"], t["with_tasks"]), 0),
        )
        if t["with_tasks"]
        else "—"
    )
    return {
        "compounds": count(t["compounds"]),
        "tasks": count(t["tasks"]),
        "closed": count(t["closed"]),
        "closed_share": _rate_cell(t["closed"], t["tasks"], lang),
        "overdue": count(t["overdue"]),
        "overdue_share": _rate_cell(t["overdue"], t["tasks"], lang),
        "plan": count(t["planned"]) if t["planned"] is not None else "—",
        "done": done,
    }


def unit_comparison(
    unit_id: str,
    burn: pd.DataFrame | None,
    progress: pd.DataFrame,
    lang: str | None = None,
) -> pd.DataFrame:
    """The unit beside the district on every renovation measure of the unit page.

    Parameters
    ----------
    unit_id
        The unit; for the district itself the table has the district column only.
    burn
        ``renovation.burnup(tasks, compounds, units)`` (for the tasks planned by the as-of
        date); ``None`` leaves that row out.
    progress
        ``renovation.compound_progress(tasks, compounds)``.
    lang
        Edition of the measure names; default the configured one.

    Returns
    -------
    pandas.DataFrame
        One row per measure (:data:`COMPARISON_ROWS`); columns ``measure`` (its name in the
        edition), ``this_unit`` and ``district`` (the district page: ``district`` only),
        each cell a formatted value (shares with their 95 % Wilson interval, ``—`` where
        nothing can be counted).
        ``attrs``: ``datasets``, ``as_of`` and ``values`` (the raw counts of both columns).

    Raises
    ------
    KeyError
        If a frame lacks a column the measures read.
    """
    columns = [unit_id] if unit_id == DISTRICT_ID else [unit_id, DISTRICT_ID]
    counts = {u: totals(progress, burn, u) for u in columns}
    rows = (
        list(COMPARISON_ROWS) if burn is not None else [r for r in COMPARISON_ROWS if r != "plan"]
    )
    out = pd.DataFrame({"measure": [MEASURES.text(r, lang) for r in rows]})
    # the column names every topic's unit comparison uses (headers: "This unit", "District")
    for u in columns:
        cells = _cells(counts[u], lang)
        out["district" if u == DISTRICT_ID else "this_unit"] = [cells[r] for r in rows]
    out.attrs = {
        "datasets": ["renovation_tasks", "compounds"],
        "as_of": progress.attrs.get("as_of"),
        "values": counts,
    }
    return out


def versus_rest(unit_id: str, progress: pd.DataFrame) -> dict[str, object] | None:
    """The unit's share closed against the rest of the district's, with both intervals.

    Returns ``None`` for the district itself, or when the unit or the rest has no task.

    Raises
    ------
    KeyError
        If ``progress`` lacks a column.
    """
    if unit_id == DISTRICT_ID:
        return None
    units = progress["unit_id"].astype(str)
    mine, rest = progress[units == unit_id], progress[units != unit_id]
    k, n = int(mine["closed"].sum()), int(mine["tasks"].sum())
    k2, n2 = int(rest["closed"].sum()), int(rest["tasks"].sum())
    if n == 0 or n2 == 0:
        return None
    a, b = wilson(k, n), wilson(k2, n2)
    return {
        "unit": (k, n),
        "rest": (k2, n2),
        "apart": apart(a, b),
        "higher": k / n > k2 / n2,
    }
