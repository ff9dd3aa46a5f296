"""Findings of notebook 01 on progress per compound, and the property-management pilots
beside the rest."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, percent, pick
from analysis.presentation.labels import unit_name
from analysis.presentation.wording import FEW, agree, counted, share
from analysis.renovation._findings_checklist import TASKS
from analysis.renovation._findings_unit import compounds_sentence
from analysis.renovation._stats import share_ci
from analysis.rules.intervals import LEVEL, apart, wilson


def progress(progress: pd.DataFrame, comparison: pd.DataFrame, lang: str | None = None) -> Findings:
    """Progress per compound, and the property-management pilots beside the rest.

    Parameters
    ----------
    progress
        ``renovation.compound_progress(tasks, compounds)``.
    comparison
        ``renovation.pilot_comparison(progress, unit_id)`` (pilots first, then the rest).

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    caveats = [
        pick(
            lang,
            "即使在真实数据中，这也不是物业管理的效果：版面说试点是“按照‘先易后难’的原则”筛选的，"
            "本来就更容易的楼院被选为试点，进度快慢首先反映的是挑选。",
            "Even with real records this is not an effect of property management: the page "
            'says pilots were chosen "easiest first", so the comparison reflects the '
            "selection before anything else.",
        ),
        pick(
            lang,
            "区间把每项任务当作相互独立的；同一楼院的任务并不独立，真实的不确定性更大。",
            "The intervals treat every task as independent; tasks of one compound are not, so "
            "the true uncertainty is wider.",
        ),
    ]
    caveats += origin_caveats(
        TASKS,
        lang,
        synthetic=(
            "这里是合成数据，试点与进度之间的关系完全取决于生成器。",
            "These records are synthetic: any link between pilots and progress is the generator's.",
        ),
    )
    values: dict[str, object] = {"compounds": len(progress)}
    if progress.empty or int(progress["tasks"].sum()) == 0:
        text = pick(lang, "没有楼院的任务记录。", "No compound has renovation tasks on record.")
        return findings([text], caveats, lang, **values)
    done_text, more = compounds_sentence(progress, lang)
    values.update(more)
    none_closed = int(((progress["tasks"] > 0) & (progress["closed"] == 0)).sum())
    values["none_closed"] = none_closed
    sentences = [
        pick(
            lang,
            "记录中有 {n} 个楼院。",
            "The records hold {n}.",
            n=counted(len(progress), lang, "compound"),
        ),
        done_text,
        pick(
            lang,
            "每个有任务的楼院都至少销号了一项。",
            "Every compound with tasks has closed at least one.",
        )
        if none_closed == 0
        else pick(
            lang,
            "{k} 个楼院一项也没有销号。",
            "{k} {have} closed none.",
            k=counted(none_closed, lang, "compound"),
            have=agree(none_closed, "has", "have"),
        ),
    ]
    pilot_units = progress.loc[progress["property_pilot"].astype(bool), "unit_id"].astype(str)
    where = unit_name(pilot_units.iloc[0], lang) if pilot_units.nunique() == 1 else None
    sentences += _pilot_sentences(comparison, where, values, lang)
    return findings(sentences, caveats, lang, **values)


def _pilot_sentences(
    comparison: pd.DataFrame, where: str | None, values: dict, lang: str | None
) -> list[str]:
    """Pilots against the rest: tasks, closed, pooled share and median compound's share."""
    pilot = comparison[comparison["property_pilot"].astype(bool)]
    rest = comparison[~comparison["property_pilot"].astype(bool)]
    if pilot.empty or int(pilot["compounds"].iloc[0]) == 0:
        return [pick(lang, "记录中没有物业试点楼院。", "No compound is recorded as a pilot.")]
    out = []
    bounds: dict[str, tuple[float, float]] = {}
    for key, row, zh, en in (
        ("pilots", pilot.iloc[0], "{w}{n} 个物业试点楼院", "{W}'s {pilots}"),
        ("rest", rest.iloc[0] if len(rest) else None, "其余 {n} 个楼院", "The other {compounds}"),
    ):
        if row is None or int(row["compounds"]) == 0:
            continue
        n, tasks, closed = int(row["compounds"]), int(row["tasks"]), int(row["closed"])
        med = row["median_compound_pct"]
        values.update(
            {
                f"{key}_compounds": n,
                f"{key}_tasks": tasks,
                f"{key}_closed": closed,
                f"{key}_share": share(closed, tasks),
                f"{key}_median": float(med) / 100 if pd.notna(med) else None,
            }
        )
        if where is None:
            zh, en = zh.replace("{w}", ""), en.replace("{W}'s", "The")
        who = pick(
            lang,
            zh,
            en,
            n=count(n),
            w=f"{where}的",
            W=where,
            pilots=counted(n, "en", "property-management pilot"),
            compounds=counted(n, "en", "compound"),
        )
        if tasks == 0:
            have = agree(n, "has", "have")
            out.append(pick(lang, "{who}没有任务。", "{who} {have} no tasks.", who=who, have=have))
            continue
        out.append(
            pick(
                lang,
                "{who}共 {tasks} 项任务，销号 {closed} 项（{pct}；楼院中位数 {med}）。",
                "{who} closed {closed} of {tasks_en} ({pct}; median compound {med}).",
                who=who,
                tasks=count(tasks),
                tasks_en=counted(tasks, "en", "task"),
                closed=count(closed),
                pct=share_ci(closed, tasks, lang),
                med=percent(float(med) / 100 if pd.notna(med) else None, 0),
            )
        )
        bounds[key] = wilson(closed, tasks)
        values["level"] = LEVEL
        values[f"{key}_interval"] = bounds[key]
    out.append(
        pick(
            lang,
            "比例按任务计，未销号的任务都算在分母里。",
            "Shares count tasks, open ones included in the denominator.",
        )
    )
    if len(bounds) == 2:
        values["intervals_apart"] = apart(bounds["pilots"], bounds["rest"])
        out.append(
            pick(
                lang,
                "两组的 95% 置信区间不重叠：记录中试点楼院的销号比例{dir}其余楼院"
                "（这反映的是挑选，见“注意”）。",
                "The two 95% intervals do not overlap: in these records the pilots' share "
                "closed is {dir_en} the rest's (which reflects their selection; see the caveat).",
                dir="高于" if values["pilots_share"] > values["rest_share"] else "低于",
                dir_en="above" if values["pilots_share"] > values["rest_share"] else "below",
            )
            if values["intervals_apart"]
            else pick(
                lang,
                "两组的 95% 置信区间重叠：记录不足以区分试点与其余楼院的销号比例。",
                "The two 95% intervals overlap: the records do not tell the pilots' share "
                "closed from the rest's.",
            )
        )
    small = int(pilot["compounds"].iloc[0])
    if small < FEW:
        out.append(
            pick(
                lang,
                "试点只有 {n} 个楼院，太少，差别也可能只是偶然。",
                "Only {n_en}: too few to tell a difference from chance.",
                n=count(small),
                n_en=counted(small, "en", "pilot compound"),
            )
        )
    return out
