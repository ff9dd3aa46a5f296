"""Findings of notebook 01 on the time a task takes to close (Kaplan–Meier, open tasks
censored), and on whether the categories differ in it (a log-rank test before any contrast)."""

from __future__ import annotations

import math

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, percent, pick
from analysis.presentation.labels import category_name
from analysis.presentation.wording import FEW, agree, counted, days, short_number
from analysis.renovation._findings_tasks import TASKS, _extremes, _named
from analysis.renovation._stats import p_text
from analysis.rules.intervals import ALPHA


def time_to_close(
    overall: pd.DataFrame,
    medians: pd.DataFrame,
    curves: pd.DataFrame,
    overall_curve: pd.DataFrame,
    lang: str | None = None,
    logrank: pd.DataFrame | None = None,
) -> Findings:
    """Median days to close with open tasks censored, beside the biased closed-only median.

    The category medians are contrasted only when a log-rank test across the categories
    finds their curves differ more than chance would (p < 0.05); otherwise the finding says
    the differences are within chance. Without a test it states their range and compares
    nothing.

    Parameters
    ----------
    overall
        ``renovation.close_medians(tasks, None)`` (one row).
    medians
        ``renovation.close_medians(tasks, "category")``.
    curves, overall_curve
        ``renovation.close_curves(tasks, "category")`` and ``close_curves(tasks, None)``.
    lang
        Edition.
    logrank
        ``renovation.close_logrank(tasks, "category")`` (one row), or None.

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
            "{none} closed yet: the median time to close cannot be estimated.",
            n=count(n),
            none="The one task has not" if n == 1 else f"None of the {count(n)} tasks has",
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
    elif events == n:
        # Nothing censored: the two medians are one (they differ only by lifelines' and
        # pandas' conventions at an exact half), so there is no understatement to report.
        values["km_median"] = km
        sentences.append(
            pick(
                lang,
                "全部 {n} 项任务都已销号，销号天数的中位数是 {km} 天。",
                "{all}{n_en} {have} closed; the median time to close is {km} days.",
                n=count(n),
                all="The " if n == 1 else "All ",
                n_en=counted(n, "en", "task"),
                have=agree(n, "has", "have"),
                km=short_number(km),
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
    sentences += _category_medians(medians, logrank, values, lang)
    if len(overall_curve):
        end = float(overall_curve["closed_share"].iloc[-1])
        values["curve_end"] = end
        sentences.append(
            None
            if events == n
            else pick(
                lang,
                "全部任务的曲线止于约 {pct}：其余任务截至日仍未销号。",
                "The overall curve ends near {pct}: the rest are still open.",
                pct=percent(end, 0),
            )
        )
    return findings(sentences, caveats, lang, **values)


def _test_sentence(test: pd.Series, lo: float, hi: float, values: dict, lang: str | None) -> str:
    """The range of the category medians and what the log-rank test says of it."""
    p, k = float(test["p_value"]), int(test["groups"])
    values.update(logrank_p=p, logrank_groups=k)
    return pick(
        lang,
        "各类别的中位数在 {lo}–{hi} 天之间，但对 {k} 个类别的对数秩检验显示，"
        "这些差别在偶然波动范围内（{p}）：记录不能说明哪类任务销号更快。",
        "Category medians lie between {lo} and {hi} days, but a log-rank test across the "
        "{k} categories finds the differences within chance ({p}): the records do not "
        "show that any kind of work closes faster.",
        lo=short_number(lo),
        hi=short_number(hi),
        k=count(k),
        p=p_text(p),
    )


def _category_medians(
    medians: pd.DataFrame, logrank: pd.DataFrame | None, values: dict, lang: str | None
) -> list[str]:
    """The category medians — contrasted only when the log-rank test supports it — and
    how much dropping the open tasks shortens them."""
    rows = medians[(medians["n"] >= FEW)].copy()
    rows = rows[rows["median_days"].map(lambda v: math.isfinite(float(v)))]
    if len(rows) < 2:
        return []
    rows["group"] = rows["group"].astype(str)
    hi, lo = _extremes(rows, "median_days")
    low, high = float(lo["median_days"].iloc[0]), float(hi["median_days"].iloc[0])
    values["category_medians"] = (low, high)
    test = logrank.iloc[0] if logrank is not None and len(logrank) else None
    tested = test is not None and pd.notna(test["p_value"])
    if tested and float(test["p_value"]) < ALPHA:
        values.update(logrank_p=float(test["p_value"]), logrank_groups=int(test["groups"]))

        def fmt(v: float) -> str:
            return days(v, lang)

        first = pick(
            lang,
            "各类别的中位数从{lo}到{hi}不等；对 {k} 个类别的对数秩检验显示，差别超出偶然波动"
            "（{p}）。",
            "Category medians run from {lo} to {hi}; a log-rank test across the {k} "
            "categories finds the differences larger than chance ({p}).",
            lo=_named(lo, "task_category", "median_days", fmt, lang),
            hi=_named(hi, "task_category", "median_days", fmt, lang),
            k=count(int(test["groups"])),
            p=p_text(float(test["p_value"])),
        )
    elif tested:
        first = _test_sentence(test, low, high, values, lang)
    else:
        first = pick(
            lang,
            "各类别的中位数在 {lo}–{hi} 天之间；这里没有检验各类别之间的差别，不作比较。",
            "Category medians lie between {lo} and {hi} days; with no test across the "
            "categories here, they are not compared.",
            lo=short_number(low),
            hi=short_number(high),
        )
    out = [first]
    rows["gap"] = rows["median_days"] - rows["median_closed_only"]
    # Only where something is censored can dropping it shorten the median.
    shorter = rows[(rows["gap"] > 0) & (rows["censored"] > 0)]
    if len(shorter):
        top = shorter.sort_values(["gap", "group"], ascending=[False, True], kind="stable").iloc[0]
        a, b = float(top["median_closed_only"]), float(top["median_days"])
        values.update(
            understated_categories=len(shorter),
            categories_compared=len(rows),
            largest_understatement={top["group"]: (a, b, b - a)},
        )
        every = len(shorter) == len(rows)
        out.append(
            pick(
                lang,
                "只看已销号任务，{which}的中位数都被低估，最多少算 {gap} 天"
                "（{c}：{a} 天对 {b} 天）。",
                "Dropping open tasks shortens the median of {which_en}, by up to {gap} days "
                "({c}: {a} against {b}).",
                which=pick(lang, "全部 {k} 个类别", "", k=count(len(rows)))
                if every
                else pick(
                    lang, "{k} 个类别中 {s} 个", "", k=count(len(rows)), s=count(len(shorter))
                ),
                which_en=f"every one of the {count(len(rows))} categories"
                if every
                else f"{count(len(shorter))} of the {count(len(rows))} categories",
                gap=short_number(b - a),
                c=category_name("task_category", top["group"], lang),
                a=short_number(a),
                b=short_number(b),
            )
        )
    return out
