"""The inspection section of the unit report: one unit's pass rates and rectification cases."""

from __future__ import annotations

import pandas as pd

from analysis.inspections import _findings_common as fc
from analysis.inspections._stats import interval, rate, wilson
from analysis.inspections.metrics import TOTAL
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, pick
from analysis.presentation.wording import agree
from analysis.rules.entities import DISTRICT_ID


def item_extremes(
    rates: pd.DataFrame, lang: str, values: dict[str, object], prefix: str = ""
) -> list[str]:
    """Sentences on the all-types row: the item that fails most and the one that fails least."""
    whole = rates[(rates.iloc[:, 0].astype(str) == TOTAL) & (rates["checked"] > 0)]
    if whole.empty:
        return []
    ordered = whole.sort_values(["pass_rate_pct", "item"], kind="stable")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    values.update(
        {
            f"{prefix}worst_item_pass_pct": float(low["pass_rate_pct"]),
            f"{prefix}worst_item_checked": int(low["checked"]),
        }
    )
    if len(ordered) == 1:
        return [
            pick(
                lang,
                "只检查过一个项目：{item}，合格率 {r}（{n}）。",
                "Only one item was checked: {item}, pass rate {r} ({n}).",
                item=fc.item(low["item"], lang),
                r=fc.pct(low["pass_rate_pct"]),
                n=fc.n_visits(low["checked"], lang),
            )
        ]
    values.update(
        {
            f"{prefix}best_item_pass_pct": float(high["pass_rate_pct"]),
            f"{prefix}best_item_checked": int(high["checked"]),
        }
    )
    lowest = ordered[ordered["pass_rate_pct"] == low["pass_rate_pct"]]
    if len(lowest) == len(ordered):
        return [
            pick(
                lang,
                "各检查项目的合格率相同，都是 {r}（{n}）。",
                "Every check item has the same pass rate, {r} ({n}).",
                r=fc.pct(low["pass_rate_pct"]),
                n=fc.n_visits(low["checked"], lang),
            )
        ]
    names = [fc.item(i, lang) for i in lowest["item"]]
    tied = pick(lang, "（并列）", " (tied)") if len(names) > 1 else ""
    highest = ordered[ordered["pass_rate_pct"] == high["pass_rate_pct"]]
    best = [fc.item(i, lang) for i in highest["item"]]
    best_tied = pick(lang, "（并列）", " (tied)") if len(best) > 1 else ""
    then = ""
    rest = ordered[~ordered["item"].isin(lowest["item"]) & ~ordered["item"].isin(highest["item"])]
    if len(names) == 1 and len(rest):
        second = rest.iloc[0]
        values[f"{prefix}second_item_pass_pct"] = float(second["pass_rate_pct"])
        then = pick(
            lang,
            "，其次是{item}（{r}）",
            ", then {item} ({r})",
            item=fc.item(second["item"], lang),
            r=fc.pct(second["pass_rate_pct"]),
        )
    return [
        pick(
            lang,
            "最常不合格的项目是{items}{tied}：合格率 {r}（{n}）{then}；"
            "最少出问题的是{best}{bt}（{rb}，{nb}）。",
            "The item that fails most is {items}{tied}: pass rate {r} ({n}){then}; the one that "
            "fails least is {best}{bt} ({rb}, {nb}).",
            items="、".join(names) if lang == "zh" else ", ".join(names),
            tied=tied,
            r=fc.pct(low["pass_rate_pct"]),
            n=fc.n_visits(low["checked"], lang),
            best="、".join(best) if lang == "zh" else ", ".join(best),
            bt=best_tied,
            then=then,
            rb=fc.pct(high["pass_rate_pct"]),
            nb=fc.n_visits(high["checked"], lang),
        )
    ]


def lowest_cell(
    rates: pd.DataFrame, lang: str, values: dict[str, object], prefix: str = ""
) -> str | None:
    """The lowest type × item cell among those with at least :data:`MIN_N` checks."""
    by = rates.columns[0]
    cells = rates[(rates[by].astype(str) != TOTAL) & (rates["checked"] >= fc.MIN_N)]
    if rates.loc[rates[by].astype(str) != TOTAL, by].nunique() < 2 or cells.empty:
        return None  # one type only: its cells are the all-types row already described
    cell = cells.sort_values(["pass_rate_pct", "checked"], ascending=[True, False]).iloc[0]
    values[f"{prefix}lowest_cell_pass_pct"] = float(cell["pass_rate_pct"])
    values[f"{prefix}lowest_cell_checked"] = int(cell["checked"])
    return pick(
        lang,
        "检查次数不少于 {k} 的格子中，合格率最低的是{kind}的{item}（{r}，{n}）。",
        "Among cells with at least {k} checks, the lowest pass rate is {item} in {kind} "
        "({r}, {n}).",
        k=count(fc.MIN_N),
        kind=fc.category(by, cell[by], lang),
        item=fc.item(cell["item"], lang),
        r=fc.pct(cell["pass_rate_pct"]),
        n=fc.n_visits(cell["checked"], lang),
    )


def case_sentences(
    summary: pd.DataFrame,
    lang: str,
    as_of: str,
    values: dict[str, object],
    intervals: bool = False,
) -> list[str]:
    """Cases, open cases, the Kaplan–Meier median and the deadline record (the 全部 row);
    with ``intervals``, the on-time share with its Wilson interval and the precision it
    supports."""
    whole = summary[summary["group"].astype(str) == TOTAL]
    n = int(whole["n"].iloc[0]) if len(whole) else 0
    values["cases"] = n
    if n == 0:
        return [
            pick(
                lang,
                "没有一次初查责令限期整改，因此没有整改案件。",
                "No first visit ordered rectification, so there is no rectification case.",
            )
        ]
    row = whole.iloc[0]
    events, censored, median = int(row["events"]), int(row["censored"]), row["median_days"]
    due, on_time, overdue = int(row["due"]), int(row["by_deadline"]), int(row["overdue"])
    values.update(rectified=events, open_cases=censored, due=due, by_deadline=on_time)
    values["overdue"] = overdue
    out = [
        pick(
            lang,
            "整改案件 {n} 个：截至 {as_of} 已整改 {e} 个，{c} 个仍未结。",
            "{n} rectification case{s}: {e} rectified by {as_of}, {c} still open.",
            n=count(n),
            s=agree(n, "", "s"),
            e=count(events),
            c=count(censored),
            as_of=as_of,
        )
    ]
    if fc.finite(median):
        values["median_days"] = float(median)
        out.append(
            pick(
                lang,
                "整改时间的中位数是 {d}（Kaplan–Meier，未结案件作删失处理）{few}。",
                "The median time to rectification is {d} (Kaplan–Meier, open cases censored){few}.",
                d=fc.days(float(median), lang),
                few=("，" if lang == "zh" else "; ") + fc.too_few(n, lang) if n < fc.MIN_N else "",
            )
        )
    else:
        out.append(
            pick(
                lang,
                "截至 {as_of} 整改完成的不到一半，中位数尚无法估计。",
                "Fewer than half were rectified by {as_of}, so the median time cannot be "
                "estimated yet.",
                as_of=as_of,
            )
        )
    if due == 0:
        out.append(
            pick(
                lang,
                "还没有案件到期，能否按期整改尚不可知。",
                "No case has reached its deadline yet, so whether they are done on time is "
                "not yet known.",
            )
        )
    else:
        share = 100 * on_time / due
        values["by_deadline_pct"] = share
        shown = fc.pct(share)
        if intervals:
            low, high = (100 * b for b in wilson(on_time, due))
            values["by_deadline_ci_pct"] = [low, high]
            shown = pick(
                lang,
                "{r}，{ci}",
                "{r}, {ci}",
                r=rate(share, low, high),
                ci=interval(low, high, lang),
            )
        out.append(
            pick(
                lang,
                "期限已过的 {due} 个案件中，{k} 个（{p}）按期整改；逾期仍未整改的 {o} 个。",
                "Of the {due} case{s} past {their} deadline, {k} ({p}) {were} rectified by it; "
                "{o} {be} overdue and still open.",
                due=count(due),
                s=agree(due, "", "s"),
                their=agree(due, "its", "their"),
                were=agree(on_time, "was", "were"),
                k=count(on_time),
                p=shown,
                o=count(overdue),
                be=agree(overdue, "is", "are"),
            )
        )
    return out


def for_unit(
    unit_id: str,
    rates: pd.DataFrame,
    summary: pd.DataFrame,
    lang: str | None = None,
    as_of: str = fc.AS_OF,
    district: pd.DataFrame | None = None,
) -> Findings:
    """What the unit report says of one unit's inspections.

    Parameters
    ----------
    unit_id
        The unit the frames were filtered to (a unit the reference table does not know is
        named by its id).
    rates
        :func:`analysis.inspections.pass_rates` of the unit's checked first visits.
    summary
        :func:`analysis.inspections.rectification_summary` of the unit's cases.
    as_of
        The date open cases were censored at.
    district
        Every inspection record of the district (:func:`analysis.load_inspections`): when
        given, the findings end with the unit beside the whole district (share of first
        visits ordering rectification, the weakest item, cases and median days, share
        rectified by the deadline; rates with 95 % intervals).

    Raises
    ------
    KeyError
        If ``rates`` or ``summary`` is not shaped like the functions above return.
    ValueError
        If ``lang`` is unknown.
    """
    from analysis.config import resolve_lang

    lang = resolve_lang(lang)
    name = fc.unit_name(unit_id, lang)
    if str(unit_id) == DISTRICT_ID:  # premises filed under the district are its own bodies'
        name = pick(lang, "{name}（区直单位）", "{name} (district bodies)", name=name)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    if not (rates["checked"] > 0).any():
        sentences.append(
            pick(
                lang,
                "{name}没有一次检查了项目的初查记录。",
                "{name} has no first visit that checked any item.",
                name=name,
            )
        )
    else:
        extremes = item_extremes(rates, lang, values)
        if extremes:
            lead = pick(lang, "在{name}的初查中，", "In first visits in {name}, ", name=name)
            first = extremes[0]
            extremes[0] = lead + (first if lang == "zh" else first[0].lower() + first[1:])
        sentences += extremes
        sentences.append(lowest_cell(rates, lang, values))
    sentences += case_sentences(summary, lang, as_of, values, intervals=district is not None)
    if district is not None:
        from analysis.inspections._unit import tally
        from analysis.inspections._unit_points import district_sentence

        mine = tally(district[district["unit_id"].astype("object") == unit_id], as_of)
        whole = tally(district, as_of)
        values.update(district_checked=whole.checked, district_cases=whole.cases)
        values["district_median_days"] = whole.median_days
        sentences.append(district_sentence(unit_id, mine, whole, lang))
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "版面没有公布任何按街道（镇）的检查结果：本单位的合格率和整改案件都是生成器的设定。",
            "The page publishes no inspection outcome per unit: this unit's pass rates and "
            "cases are generator settings.",
        ),
    )
    return findings(sentences, caveats, lang, **values)
