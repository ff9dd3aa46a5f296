"""§1 pass rates with their Wilson intervals: "lowest" only when the interval sets it apart.

Used by :func:`analysis.inspections.findings.items`. The unit report keeps the plainer
sentences of :mod:`analysis.inspections._findings_unit` (its numbers are one unit's).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.inspections import _findings_common as fc
from analysis.inspections._stats import interval, overlapping, rate, with_intervals
from analysis.inspections.metrics import TOTAL
from analysis.presentation.findings import count, listing, pick
from analysis.presentation.wording import some


def said(row: pd.Series, name: str, lang: str, k: str = "pass_rate_pct", n: str = "checked") -> str:
    """``场所卫生 90.9%（95% 区间 89.1%–92.4%，n=1,161）`` / ``… (95% interval …, n = 1,161)``."""
    return pick(
        lang,
        "{name} {r}（{ci}，{n}）",
        "{name} {r} ({ci}, {n})",
        name=name,
        r=rate(row[k], row["ci_low_pct"], row["ci_high_pct"]),
        ci=interval(row["ci_low_pct"], row["ci_high_pct"], lang),
        n=fc.n_visits(row[n], lang),
    )


def _record(row: pd.Series, key: str, values: dict[str, object], k: str, n: str) -> None:
    values[f"{key}_pass_pct"] = float(row[k])
    values[f"{key}_ci_pct"] = [float(row["ci_low_pct"]), float(row["ci_high_pct"])]
    values[f"{key}_checked"] = int(row[n])


def named(names: list[str], lang: str, values: dict[str, object], key: str, limit: int) -> str:
    """The names, the first ``limit`` of them and "N more" (N stored as ``{key}_more``)."""
    values[f"{key}_more"] = max(len(names) - limit, 0)
    return some(names, lang, limit=limit)


def extreme(
    frame: pd.DataFrame,
    at: int,
    name_of: Callable[[pd.Series], str],
    lang: str,
    values: dict[str, object],
    key: str,
    k: str = "pass_rate_pct",
    n: str = "checked",
) -> tuple[str, list[str]]:
    """The row at ``at`` as said, and the names of the rows within chance of it (if any).

    ``frame`` carries ``ci_low_pct``/``ci_high_pct``; the rows within chance are those whose
    interval overlaps the row's, in the frame's order.
    """
    row = frame.iloc[at]
    _record(row, key, values, k, n)
    near = overlapping(frame, at)
    values[f"{key}_within_chance"] = len(near)
    return said(row, name_of(row), lang, k, n), [name_of(r) for _, r in near.iterrows()]


def items_sentence(rates: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    """The all-types row: the item that fails most and the one that fails least, if the
    intervals set them apart; otherwise the items within chance of each."""
    whole = rates[(rates.iloc[:, 0].astype(str) == TOTAL) & (rates["checked"] > 0)]
    if whole.empty:
        return None
    whole = with_intervals(whole, "passed", "checked")
    whole = whole.sort_values(["pass_rate_pct", "item"], kind="stable").reset_index(drop=True)

    def name(row: pd.Series) -> str:
        return fc.item(row["item"], lang)

    low, low_near = extreme(whole, 0, name, lang, values, "worst_item")
    tied = whole[whole["pass_rate_pct"] == whole["pass_rate_pct"].iloc[0]].iloc[1:]
    if len(tied) and len(tied) < len(whole) - 1:
        low += pick(
            lang,
            "（与{t}并列）",
            " (tied with {t})",
            t=listing([name(r) for _, r in tied.iterrows()], lang),
        )
    if len(whole) == 1:
        return pick(lang, "只检查过一个项目：{s}。", "Only one item was checked: {s}.", s=low)
    if whole["checked"].max() < fc.MIN_N:
        return pick(
            lang,
            "合格率最低的项目是{s}；{few}。",
            "The lowest pass rate is {s}; {few}.",
            s=low,
            few=fc.too_few(whole["checked"].max(), lang),
        )
    if whole["pass_rate_pct"].nunique() == 1:
        return pick(
            lang,
            "各检查项目的合格率相同（并列）：{s}。",
            "Every check item has the same pass rate (tied): {s}.",
            s=low,
        )
    high, high_near = extreme(whole, len(whole) - 1, name, lang, values, "best_item")
    if not low_near:
        first = pick(
            lang, "合格率最低的项目是{s}", "the item with the lowest pass rate is {s}", s=low
        )
    else:
        first = pick(
            lang,
            "{s}属于合格率较低的，与{near}的区间重叠，差别在偶然范围之内",
            "{s} is among the lowest, its interval overlapping that of {near}: within chance",
            s=low,
            near=named(low_near, lang, values, "worst_item", 6),
        )
    if not high_near:
        second = pick(lang, "最高的是{s}", "the highest is {s}", s=high)
    else:
        second = pick(
            lang,
            "{s}属于较高的，与{near}也在偶然范围之内",
            "{s} is among the highest, within chance of {near}",
            s=high,
            near=named(high_near, lang, values, "best_item", 6),
        )
    text = pick(lang, "各项目中，{a}；{b}。", "Across items, {a}; {b}.", a=first, b=second)
    return text


def cell_sentence(rates: pd.DataFrame, lang: str, values: dict[str, object]) -> str | None:
    """The lowest type × item cell among those with at least :data:`fc.MIN_N` checks, said
    "lowest" only when no other cell's interval overlaps its own."""
    by = rates.columns[0]
    cells = rates[(rates[by].astype(str) != TOTAL) & (rates["checked"] >= fc.MIN_N)]
    if rates.loc[rates[by].astype(str) != TOTAL, by].nunique() < 2 or cells.empty:
        return None  # one type only: its cells are the all-types row already described
    cells = with_intervals(cells, "passed", "checked")
    cells = cells.sort_values(["pass_rate_pct", "checked"], ascending=[True, False])
    cells = cells.reset_index(drop=True)

    def name(row: pd.Series) -> str:
        return pick(
            lang,
            "{kind}的{item}",
            "{item} in {kind}",
            kind=fc.category(by, row[by], lang),
            item=fc.item(row["item"], lang),
        )

    low, near = extreme(cells, 0, name, lang, values, "lowest_cell")
    if not near:
        return pick(
            lang,
            "检查次数不少于 {k} 的格子中，合格率最低的是{s}，区间与其他格子都不重叠。",
            "Among cells with at least {k} checks, the lowest pass rate is {s}; its interval "
            "overlaps no other cell's.",
            k=count(fc.MIN_N),
            s=low,
        )
    return pick(
        lang,
        "检查次数不少于 {k} 的格子中，合格率最低的是{s}，但它只是“较低的之一”：另有 {m} 个格子"
        "的区间与它重叠，差别在偶然范围之内（{near}）。",
        "Among cells with at least {k} checks, {s} is among the lowest, within chance of "
        "{m} other cell{ms} whose intervals overlap its own ({near}).",
        k=count(fc.MIN_N),
        s=low,
        m=count(len(near)),
        ms="" if len(near) == 1 else "s",
        near=named(near, lang, values, "lowest_cell", 3),
    )
