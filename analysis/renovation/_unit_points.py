"""The district beside one unit in words: the sentence of ``findings.for_unit`` and the
renovation points of a unit page's key-points box. The table is in ``_unit_compare``."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.findings import count, percent, pick
from analysis.presentation.labels import unit_name
from analysis.presentation.wording import agree, counted, share
from analysis.renovation._stats import share_ci
from analysis.renovation._unit_compare import totals, versus_rest
from analysis.rules.entities import DISTRICT_ID
from analysis.rules.intervals import LEVEL, wilson


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
