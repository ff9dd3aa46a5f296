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

from analysis.presentation.findings import count, percent, pick
from analysis.presentation.labels import unit_name
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import agree, counted, share
from analysis.renovation._stats import digits, share_ci
from analysis.rules.entities import DISTRICT_ID
from analysis.rules.intervals import LEVEL, apart, wilson

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
        edition), then the unit's name and the district's name, each cell a formatted value
        (shares with their 95 % Wilson interval, ``—`` where nothing can be counted).
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
    for u in columns:
        cells = _cells(counts[u], lang)
        out[unit_name(u, lang)] = [cells[r] for r in rows]
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


def _with_ci(k: int, n: int) -> tuple[float, float, float]:
    """A share and its 95 % Wilson bounds."""
    return (k / n, *wilson(k, n))


def district_sentence(
    unit_id: str, progress: pd.DataFrame, lang: str | None
) -> tuple[str | None, dict[str, object]]:
    """The district's figures beside the unit's, and whether the unit stands out, with the
    numbers the sentence states (shares with their interval bounds).

    Raises
    ------
    KeyError
        If ``progress`` lacks a column.
    """
    if unit_id == DISTRICT_ID:
        return None, {}
    d = totals(progress, None, DISTRICT_ID)
    if d["tasks"] == 0 or d["tasks"] == totals(progress, None, unit_id)["tasks"]:
        return None, {}  # no tasks, or the unit holds all: the district says nothing more
    values: dict[str, object] = {
        "district_tasks": d["tasks"],
        "district_closed": d["closed"],
        "district_overdue": d["overdue"],
        "district_closed_share": _with_ci(d["closed"], d["tasks"]),
        "district_overdue_share": _with_ci(d["overdue"], d["tasks"]),
        "level": LEVEL,
    }
    text = pick(
        lang,
        "全区：{n} 项任务中 {k} 项已销号（{ci}），{o} 项逾期（{oci}）。",
        "The district as a whole: {k} of {n} {tasks} closed ({ci}), {o} overdue ({oci}).",
        n=count(d["tasks"]),
        tasks=agree(d["tasks"], "task", "tasks"),
        k=count(d["closed"]),
        ci=share_ci(d["closed"], d["tasks"], lang),
        o=count(d["overdue"]),
        oci=share_ci(d["overdue"], d["tasks"], lang),
    )
    vs = versus_rest(unit_id, progress)
    if vs is None:
        return text, values
    (k, n), (k2, n2) = vs["unit"], vs["rest"]
    values.update(
        unit_closed_share=_with_ci(k, n),
        rest_closed_share=_with_ci(k2, n2),
        apart_from_rest=vs["apart"],
    )
    who = unit_name(unit_id, lang)
    fields = {
        "who": who,
        "mine": share_ci(k, n, lang),
        "rest": share_ci(k2, n2, lang),
    }
    if vs["apart"]:
        more = pick(
            lang,
            "{who}的销号比例（{mine}）{dir}区内其他单位（{rest}），两个 95% 置信区间不重叠。",
            "{who}'s share closed ({mine}) is {dir} that of the rest of the district "
            "({rest}); the two 95% intervals do not overlap.",
            dir=pick(
                lang, "高于" if vs["higher"] else "低于", "above" if vs["higher"] else "below"
            ),
            **fields,
        )
    else:
        more = pick(
            lang,
            "{who}的销号比例（{mine}）与区内其他单位（{rest}）的 95% 置信区间重叠："
            "记录不足以区分两者。",
            "{who}'s share closed ({mine}) and that of the rest of the district ({rest}) "
            "have overlapping 95% intervals: the records do not tell them apart.",
            **fields,
        )
    return pick(lang, "{a}{b}", "{a} {b}", a=text, b=more), values


def unit_points(
    unit_id: str,
    burn: pd.DataFrame | None,
    progress: pd.DataFrame,
    lang: str | None = None,
) -> list[str]:
    """The renovation points of a unit page's key-points box (one or two sentences).

    Parameters
    ----------
    unit_id
        The unit.
    burn, progress
        As for :func:`unit_comparison` (``burn`` is not read yet; it is taken so the call
        matches the comparison's).

    Raises
    ------
    KeyError
        If ``progress`` lacks a column.
    """
    who = unit_name(unit_id, lang)
    t = totals(progress, None, unit_id)
    if t["compounds"] == 0:
        return [
            pick(
                lang,
                "记录中{who}没有无主管楼院，因此没有整治任务。",
                "The records hold no unmanaged compounds for {who}, so no renovation tasks.",
                who=who,
            )
        ]
    if t["tasks"] == 0:
        return [
            pick(
                lang,
                "记录中{who}有 {n} 个无主管楼院，但没有整治任务。",
                "The records hold {n} for {who} but no renovation tasks.",
                who=who,
                n=counted(t["compounds"], lang, "unmanaged compound"),
            )
        ]
    d = totals(progress, None, DISTRICT_ID)
    district = (
        ""
        if unit_id == DISTRICT_ID
        else pick(
            lang, "；全区为 {p}", "; district: {p}", p=percent(share(d["closed"], d["tasks"]), 0)
        )
    )
    first = pick(
        lang,
        "整治：{who}的 {n} 项任务中 {k} 项已销号（{p}{district}）。",
        "Renovation: {k} of {who}'s {n} tasks are closed ({p}{district}).",
        who=who,
        n=count(t["tasks"]),
        k=count(t["closed"]),
        p=percent(share(t["closed"], t["tasks"]), 0),
        district=district,
    )
    vs = versus_rest(unit_id, progress)
    if vs is not None and not vs["apart"]:
        first += pick(
            lang,
            "与区内其他单位的差别在偶然波动范围内。",
            " The records do not tell it apart from the rest of the district.",
        )
    elif vs is not None:
        first += pick(
            lang,
            "{dir}区内其他单位，超出偶然波动范围。",
            " That is {dir} the rest of the district beyond chance (95% intervals apart).",
            dir=pick(
                lang, "高于" if vs["higher"] else "低于", "above" if vs["higher"] else "below"
            ),
        )
    points = [first]
    if t["overdue"]:
        units = progress["unit_id"].astype(str)
        late = progress if unit_id == DISTRICT_ID else progress[units == unit_id]
        places = int((late["overdue"] > 0).sum())
        points.append(
            pick(
                lang,
                "{o} 项任务已过计划销号日仍未销号，分布在 {all} 个楼院中的 {c} 个。",
                "{o} {tasks} {are} open past {their} planned date, in {c} of {all} compounds.",
                o=count(t["overdue"]),
                tasks=agree(t["overdue"], "task", "tasks"),
                are=agree(t["overdue"], "is", "are"),
                their=agree(t["overdue"], "its", "their"),
                c=count(places),
                all=count(t["compounds"]),
            )
        )
    else:
        points.append(
            pick(lang, "没有逾期未销号的任务。", "No task is open past its planned date.")
        )
    return points
