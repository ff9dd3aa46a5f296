"""Findings of notebook 01 on what residents asked for (categories, who raised them) and on
the time a task takes to close (Kaplan–Meier, open tasks censored)."""

from __future__ import annotations

import math

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, percent, pick
from analysis.presentation.labels import category_name
from analysis.presentation.wording import FEW, agree, counted, days, is_zh, share, short_number

TASKS = ("renovation_tasks",)


def _named(rows: pd.DataFrame, domain: str, column: str, fmt, lang: str | None) -> str:
    """``A (x)、B (y)``: groups with a formatted figure each, in the rows' order."""
    open_, close = ("（", "）") if is_zh(lang) else (" (", ")")
    return listing(
        [
            f"{category_name(domain, g, lang)}{open_}{fmt(v)}{close}"
            for g, v in zip(rows[domain_col(rows)], rows[column], strict=True)
        ],
        lang,
    )


def domain_col(rows: pd.DataFrame) -> str:
    """The group column of a frame (``group`` for medians, else the first column)."""
    return "group" if "group" in rows.columns else str(rows.columns[0])


def _extremes(rows: pd.DataFrame, column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows holding the highest and the lowest value of ``column`` (ties kept)."""
    return rows[rows[column] == rows[column].max()], rows[rows[column] == rows[column].min()]


def requests(by_category: pd.DataFrame, lang: str | None = None) -> Findings:
    """What residents asked for: tasks per category and per raiser, and closure by each.

    Parameters
    ----------
    by_category
        ``renovation.tasks_by(tasks, ["category", "raised_by"])``.

    Raises
    ------
    KeyError
        If the frame lacks ``category``, ``raised_by``, ``tasks`` or ``closed``.
    """
    caveats = origin_caveats(
        TASKS,
        lang,
        synthetic=(
            "版面只说每个楼院都规划了居民议事厅（亭），劳动局家属院的任务来自居民点单，并提到管道、"
            "路面、配套设施和“蜘蛛网”。其余的类别和提出方比例都是生成器的设定，不是调查结果。",
            "The page only says every compound plans a deliberation venue and names the kinds "
            "of work at the Labour Bureau staff compound; all other category and raiser "
            "shares are generator settings, not survey results.",
        ),
    )
    total = int(by_category["tasks"].sum())
    if total == 0:
        return findings(
            [pick(lang, "记录中没有整治任务。", "The records hold no renovation tasks.")],
            caveats,
            lang,
            tasks=0,
        )
    values: dict[str, object] = {"tasks": total}

    def per(column: str) -> pd.DataFrame:
        out = by_category.groupby(column, observed=True, sort=False)[["tasks", "closed"]].sum()
        out = out[out["tasks"] > 0].reset_index()
        out[column] = out[column].astype(str)
        out["share"] = out["closed"] / out["tasks"]
        return out.sort_values(["tasks", column], ascending=[False, True], kind="stable")

    cats, raisers = per("category"), per("raised_by")
    top = cats.head(4)
    values["categories"] = len(cats)
    values["top_categories"] = dict(zip(top["category"], top["tasks"], strict=True))
    sentences = [
        pick(
            lang,
            "共 {k} 类任务；最多的是{top}。",
            "{k} kinds of work; the most frequent are {top}.",
            k=count(len(cats)),
            top=_named(top, "task_category", "tasks", count, lang),
        )
    ]
    lead = top.iloc[0]["category"]
    part = by_category[by_category["category"].astype(str) == lead]
    part = part[part["tasks"] > 0].sort_values("tasks", ascending=False, kind="stable")
    if len(part) > 1:
        who = part.iloc[0]
        values["lead_top_raiser"] = int(who["tasks"])
        sentences.append(
            pick(
                lang,
                "{cat}中 {n} 项由{by}提出。",
                "Of the {cat} tasks, {n} were raised by the {by}.",
                cat=category_name("task_category", lead, lang),
                n=count(who["tasks"]),
                by=category_name("raised_by", str(who["raised_by"]), lang),
            )
        )
    residents = raisers[raisers["raised_by"] == "居民点单"]
    if len(residents):
        n = int(residents["tasks"].iloc[0])
        values.update(residents=n, residents_share=share(n, total))
        sentences.append(
            pick(
                lang,
                "全部任务中 {n} 项（{pct}）来自居民点单。",
                "{n} of all tasks ({pct}) were residents' requests.",
                n=count(n),
                pct=percent(share(n, total), 0),
            )
        )
    for column, domain, zh, en in (
        ("category", "task_category", "各类别", "By category"),
        ("raised_by", "raised_by", "按提出方", "By raiser"),
    ):
        rows = (cats if column == "category" else raisers).copy()
        enough = rows[rows["tasks"] >= FEW]
        if len(enough) < 2:
            continue
        hi, lo = _extremes(enough, "share")
        values[f"{column}_share_range"] = (float(lo["share"].iloc[0]), float(hi["share"].iloc[0]))
        sentences.append(
            pick(
                lang,
                "{who}的销号比例最高是{hi}，最低是{lo}。",
                "{who}, the share closed is highest for {hi} and lowest for {lo}.",
                who=zh if is_zh(lang) else en,
                hi=_named(hi, domain, "share", percent, lang),
                lo=_named(lo, domain, "share", percent, lang),
            )
        )
        few = rows[rows["tasks"] < FEW]
        if len(few):
            sentences.append(
                pick(
                    lang,
                    "{names}不足 {n} 项，未参与比较。",
                    "{names}: fewer than {n} tasks, left out of the comparison.",
                    names=listing([category_name(domain, g, lang) for g in few[column]], lang),
                    n=FEW,
                )
            )
    return findings(sentences, caveats, lang, **values)


def time_to_close(
    overall: pd.DataFrame,
    medians: pd.DataFrame,
    curves: pd.DataFrame,
    overall_curve: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """Median days to close with open tasks censored, beside the biased closed-only median.

    Parameters
    ----------
    overall
        ``renovation.close_medians(tasks, None)`` (one row).
    medians
        ``renovation.close_medians(tasks, "category")``.
    curves, overall_curve
        ``renovation.close_curves(tasks, "category")`` and ``close_curves(tasks, None)``.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    caveats = [
        pick(
            lang,
            "曲线右端只剩最早列入清单的少数任务，阴影（置信区间）很宽，各类别曲线的终点不宜比较。",
            "Few tasks remain at the right-hand end of the curves, so the bands are wide and "
            "the end points of the category curves are too uncertain to compare.",
        )
    ]
    caveats += origin_caveats(
        TASKS,
        lang,
        synthetic=(
            "任务工期按计划工期乘以随机系数生成，跨越停工期的另加 20–50 天，"
            "另有一部分任务随机“搁置”一段时间（搁置多少按约七成销号校准）。"
            "真实台账的中位数可能相差很大。",
            "Synthetic durations: the planned duration times a random factor, 20–50 days more "
            "across the lockdown, and a random stall for some tasks (how many is calibrated "
            "to about 70 % closed). Real medians may differ a lot.",
        ),
    )
    row = overall.iloc[0] if len(overall) else None
    n = int(row["n"]) if row is not None else 0
    events = int(row["events"]) if row is not None else 0
    values: dict[str, object] = {"tasks": n, "closed": events}
    if n == 0:
        text = pick(lang, "没有任务，无从计算销号天数。", "No tasks, so no time to close.")
        return findings([text], caveats, lang, **values)
    if events == 0:
        text = pick(
            lang,
            "{n} 项任务一项也没有销号：销号天数的中位数无法估计。",
            "None of the {n} tasks has closed yet: the median time to close cannot be estimated.",
            n=count(n),
        )
        return findings([text], caveats, lang, **values)
    km, naive = float(row["median_days"]), float(row["median_closed_only"])
    sentences = []
    if math.isinf(km):
        values["closed_only"] = naive
        sentences.append(
            pick(
                lang,
                "{n} 项任务中只有 {e} 项销号，不到一半：计入未销号任务后，中位数尚未达到；"
                "只看已销号任务会得到 {naive} 天，明显偏短。",
                "Only {e} of {n} tasks {have} closed, fewer than half: counting the open ones the "
                "median is not yet reached; the closed tasks alone give {naive} days, far too "
                "short.",
                n=count(n),
                e=count(events),
                have=agree(events, "has", "have"),
                naive=short_number(naive),
            )
        )
    else:
        values.update(km_median=km, closed_only=naive, understated=km - naive)
        sentences.append(
            pick(
                lang,
                "计入未销号任务后，全部任务销号天数的中位数是 {km} 天；如果只看已销号的 {e} 项，"
                "会得到 {naive} 天，少算了 {gap} 天。",
                "Counting open tasks, the median time to close is {km} days; the {closed} "
                "alone give {naive}, {gap} days too few.",
                km=short_number(km),
                e=count(events),
                closed=counted(events, "en", "closed task"),
                naive=short_number(naive),
                gap=short_number(km - naive),
            )
        )
    sentences += _category_medians(medians, values, lang)
    if len(overall_curve):
        end = float(overall_curve["closed_share"].iloc[-1])
        values["curve_end"] = end
        sentences.append(
            pick(
                lang,
                "全部任务的曲线止于约 {pct}：其余任务截至日仍未销号。",
                "The overall curve ends near {pct}: the rest are still open.",
                pct=percent(end, 0),
            )
        )
    ends = curves.groupby("group", observed=True)["closed_share"].last() if len(curves) else None
    if ends is not None and len(ends) > 1:
        values["category_ends"] = (float(ends.min()), float(ends.max()))
        sentences.append(
            pick(
                lang,
                "各类别曲线的终点在 {lo}–{hi} 之间。",
                "The category curves end between {lo} and {hi}.",
                lo=percent(ends.min(), 0),
                hi=percent(ends.max(), 0),
            )
        )
    return findings(sentences, caveats, lang, **values)


def _category_medians(medians: pd.DataFrame, values: dict, lang: str | None) -> list[str]:
    """Range of the category medians and where dropping open tasks misleads most."""
    rows = medians[(medians["n"] >= FEW)].copy()
    rows = rows[rows["median_days"].map(lambda v: math.isfinite(float(v)))]
    if len(rows) < 2:
        return []
    rows["group"] = rows["group"].astype(str)
    hi, lo = _extremes(rows, "median_days")
    values["category_medians"] = (
        float(lo["median_days"].iloc[0]),
        float(hi["median_days"].iloc[0]),
    )

    def fmt(v: float) -> str:
        return days(v, lang)

    out = [
        pick(
            lang,
            "各类别的中位数从{lo}到{hi}不等。",
            "Category medians run from {lo} to {hi}.",
            lo=_named(lo, "task_category", "median_days", fmt, lang),
            hi=_named(hi, "task_category", "median_days", fmt, lang),
        )
    ]
    rows["gap"] = rows["median_days"] - rows["median_closed_only"]
    worst = rows.sort_values(["gap", "group"], ascending=[False, True], kind="stable").head(2)
    worst = worst[worst["gap"] > 0]
    if len(worst):
        values["most_understated"] = {
            g: (float(a), float(b))
            for g, a, b in zip(
                worst["group"], worst["median_closed_only"], worst["median_days"], strict=True
            )
        }
        out.append(
            pick(
                lang,
                "只看已销号任务时，{which}被低估得最多。",
                "Dropping open tasks understates {which} most.",
                which=listing(
                    [
                        pick(
                            lang,
                            "{c}（{a} 天对 {b} 天）",
                            "{c} ({a} against {b} days)",
                            c=category_name("task_category", g, lang),
                            a=short_number(a),
                            b=short_number(b),
                        )
                        for g, a, b in zip(
                            worst["group"],
                            worst["median_closed_only"],
                            worst["median_days"],
                            strict=True,
                        )
                    ],
                    lang,
                ),
            )
        )
    return out
