"""The key points of the renovation page (notebook 01): what the records show, first.

Each point is a sentence of the section findings (:mod:`analysis.renovation.findings`)
computed from the same metric frames the sections draw, so the box and the sections can
never disagree: the checklist's state, the time to close with open tasks counted, closing
against the planned date, the compounds with overdue work, what consultations produced and
how peer-evaluation scores moved. On records that cannot support a point (no task, no
consultation, one round of evaluation) the findings say what the records do not show, and
an empty dataset is named as such, so the box always holds at least three points.
"""

from __future__ import annotations

import pandas as pd

from analysis.presentation.findings import Findings, count, percent, pick
from analysis.presentation.keypoints import KeyPoints, no_records_point
from analysis.presentation.keypoints import key_points as box
from analysis.presentation.labels import unit_name
from analysis.presentation.wording import agree, counted
from analysis.renovation import findings as f
from analysis.renovation.metrics import attach_compounds, burnup, tasks_by
from analysis.renovation.participation import (
    participation_funnel,
    rank_changes,
    score_table,
)
from analysis.renovation.timing import close_medians, overdue_matrix, slippage
from analysis.rules.entities import CONSULTATION_FORMATS, ZXL


def _sentence(found: Findings, index: int = 0) -> str | None:
    """Sentence ``index`` of a finding, else its first (a finding on thin records says less)."""
    if len(found.sentences) > index:
        return found.sentences[index]
    return found.sentences[0] if found.sentences else None


def _consultations_point(
    consultations: pd.DataFrame, compounds: pd.DataFrame, lang: str | None
) -> tuple[str, dict]:
    """Face-to-face consultations of the page's unit: held, suggestions, problems resolved."""
    mine = compounds[compounds["unit_id"].astype(str) == ZXL]
    funnel = participation_funnel(consultations, mine, CONSULTATION_FORMATS)
    stage = dict(zip(funnel["stage"].astype(str), funnel["value"], strict=True))
    n, s, r = (int(stage.get(k, 0)) for k in ("consultations", "suggestions", "resolved"))
    values = {"consultations": n, "suggestions": s, "resolved": r}
    who = unit_name(ZXL, lang)
    if n == 0:
        text = pick(
            lang,
            "记录中没有{who}的面对面议事活动。",
            "The records hold no face-to-face consultation in {who}.",
            who=who,
        )
        return text, values
    if s == 0:
        text = pick(
            lang,
            "{who}的面对面议事活动 {n} 次，记录中没有建议。",
            "{who} held {n} face-to-face {consultations}, with no suggestion recorded.",
            who=who,
            n=count(n),
            consultations=agree(n, "consultation", "consultations"),
        )
        return text, values
    values["resolved_share"] = r / s
    text = pick(
        lang,
        "{who}的面对面议事活动 {n} 次，收集建议 {s} 条，记录为已解决的问题 {r} 个（占建议 {p}）。",
        "{who}'s {n} face-to-face {consultations} collected {s} {suggestions}; {r} "
        "{problems} {are} recorded as resolved ({p} of suggestions).",
        who=who,
        n=count(n),
        consultations=agree(n, "consultation", "consultations"),
        s=count(s),
        suggestions=agree(s, "suggestion", "suggestions"),
        r=count(r),
        problems=agree(r, "problem", "problems"),
        are=agree(r, "is", "are"),
        p=percent(r / s, 0),
    )
    return text, values


def key_points(
    tasks: pd.DataFrame,
    compounds: pd.DataFrame,
    units: pd.DataFrame,
    consultations: pd.DataFrame | None = None,
    evaluations: pd.DataFrame | None = None,
    lang: str | None = None,
) -> KeyPoints:
    """The key-points box of the renovation page.

    Parameters
    ----------
    tasks, compounds, units, consultations, evaluations
        As the loaders return them (``analysis.load_renovation_tasks()`` …); consultations
        and evaluations may be left out (their points are then not made).
    lang
        Edition; default the configured one.

    Returns
    -------
    KeyPoints
        3–6 points; ``values`` holds the numbers they state, by point.

    Raises
    ------
    KeyError
        If a frame lacks a column the metrics read.
    ValueError
        If a task names an unknown compound or was opened after the as-of date.
    """
    datasets = ["renovation_tasks", "compounds"]
    points: list[str | None] = []
    values: dict[str, object] = {}
    if len(tasks) == 0:
        points.append(no_records_point("renovation_tasks", lang))
        points.append(
            no_records_point("compounds", lang)
            if len(compounds) == 0
            else pick(
                lang,
                "记录中有 {n} 个楼院，但没有整治任务。",
                "The records hold {n} but no renovation task.",
                n=counted(len(compounds), lang, "compound"),
            )
        )
        points.append(
            pick(
                lang,
                "没有任务记录，也就看不出整治要用多久、哪些任务逾期。",
                "With no task on record, the records show neither how long the work takes "
                "nor what is overdue.",
            )
        )
        values["tasks"] = 0
    else:
        by_unit = tasks_by(attach_compounds(tasks, compounds), "unit_id")
        checklist = f.checklist(burnup(tasks, compounds, units), by_unit, lang)
        # Only the overall medians are stated here (the first sentence): the category
        # curves and the log-rank test, the slow part, are left to the section.
        overall = close_medians(tasks, None)
        close = f.time_to_close(overall, overall.iloc[0:0], pd.DataFrame(), pd.DataFrame(), lang)
        slip = f.slippage(slippage(tasks, None), lang)
        overdue = f.overdue(overdue_matrix(tasks, compounds), lang)
        points += [_sentence(checklist), _sentence(close), _sentence(slip), _sentence(overdue)]
        values.update(
            checklist=checklist.values,
            time_to_close=close.values,
            slippage=slip.values,
            overdue=overdue.values,
        )
    if consultations is not None:
        datasets.append("consultations")
        if len(consultations):
            text, values["consultations"] = _consultations_point(consultations, compounds, lang)
            points.append(text)
        else:
            points.append(no_records_point("consultations", lang))
    if evaluations is not None:
        datasets.append("evaluations")
        if len(evaluations):
            found = f.evaluation(
                score_table(evaluations, compounds),
                rank_changes(evaluations, compounds),
                rank_changes(evaluations, compounds, span=True),
                lang=lang,
            )
            # the change over all rounds (the second sentence) when there were two or more
            points.append(_sentence(found, 1))
            values["evaluation"] = found.values
        else:
            points.append(no_records_point("evaluations", lang))
    return box(points, datasets, lang, **values)
