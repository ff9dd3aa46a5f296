"""Findings of notebook 02's timeline section (see :mod:`analysis.loans.findings`)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.presentation.findings import (
    Findings,
    count,
    findings,
    listing,
    number,
    pick,
    plural,
    yuan,
)
from analysis.rules import disclosure

#: Months in the window the timeline calls "the busiest".
WINDOW = 4


def timeline(frame: pd.DataFrame, lang: str | None = None) -> Findings:
    """Gaps, the busiest months and the running total of :func:`analysis.loans.monthly_timeline`.

    Raises
    ------
    KeyError
        If ``frame`` lacks ``month``, ``loans`` or ``cumulative_amount_yuan``.
    """
    lang = resolve_lang(lang)
    frame = frame.reset_index(drop=True)
    values: dict[str, object] = {"threshold": w.threshold()}
    out: list[str] = []
    notes = w.caveats(
        ["loans"],
        lang,
        synthetic=(
            "只有终点（87 笔、1390 万元）是真实的。起点（2019 年初）、疫情期间的低谷和新规后的高峰"
            "都是生成器的假定，写进了它的抽样权重；所以图形只能说明“如果台账是这样，图会这样”。",
            "Only the end point (87 loans, 13.9 million yuan) is real. The start (early 2019), "
            "the lockdown trough and the post-notice peak are assumptions written into the "
            "generator's sampling weights.",
        ),
    )
    if frame.empty or frame["loans"].sum() == 0:
        out.append(pick(lang, "没有可以按月排列的贷款。", "There is no loan to place in time."))
        return findings(out, notes, lang, **values)
    cells = w.status(frame["loans"])
    months = len(frame)
    empty = frame[frame["loans"] == 0]
    values.update(months=months, empty_months=len(empty), loans=int(frame["loans"].sum()))
    out.append(
        pick(
            lang,
            "{first}至{last}共 {m} 个月，其中 {e} 个月没有发放贷款{which}。",
            "Over the {m} months from {first} to {last}, {e} saw no loan issued{which}.",
            first=w.month_text(frame["month"].iloc[0], lang),
            last=w.month_text(frame["month"].iloc[-1], lang),
            m=count(months),
            e=count(len(empty)),
            which=pick(
                lang,
                "（{x}）",
                " ({x})",
                x=listing([w.month_text(m, lang) for m in empty["month"]], lang),
            )
            if 0 < len(empty) <= 6
            else "",
        )
    )
    small = frame[(cells != disclosure.SHOWN).to_numpy()]
    if len(small):
        values["small_months"] = len(small)
        out.append(
            pick(
                lang,
                "{k} 个月{few}。",
                "{k} had {few}.",
                k=count(len(small)) if lang == "zh" else plural(len(small), "month"),
                few=w.few(lang),
            )
        )
    if months >= WINDOW + 2 and frame["loans"].sum() >= w.FEW_TO_COMPARE:
        sums = frame["loans"].rolling(WINDOW).sum()
        end = int(sums.idxmax())
        start = end - WINDOW + 1
        window_cells = cells.iloc[start : end + 1]
        every = (window_cells == disclosure.SHOWN).all()
        n = int(sums.iloc[end])
        mean = frame["loans"].mean() * WINDOW
        if every:
            values.update(busiest_loans=n, average_window_loans=mean)
        out.append(
            pick(
                lang,
                "最密集的 {w} 个月是 {a}至{b}{n}（全期平均每 {w} 个月 {avg} 笔）。",
                "The busiest {w} months were {a} to {b}{n} (an average of {avg} per {w} months).",
                w=WINDOW,
                a=w.month_text(frame["month"].iloc[start], lang),
                b=w.month_text(frame["month"].iloc[end], lang),
                n=pick(lang, "，共 {n} 笔", ", with {n} loans", n=count(n)) if every else "",
                avg=number(mean, 1),
            )
        )
        values["window"] = WINDOW
        if not every:
            values["average_window_loans"] = mean
    last = float(frame["cumulative_amount_yuan"].iloc[-1])
    values["cumulative_amount_yuan"] = last
    as_of = frame.attrs.get("as_of")
    out.append(
        pick(
            lang,
            "累计金额在 {when}达到 {total}。",
            "The cumulative amount reaches {total} by {when}.",
            when=w.day_text(pd.Timestamp(as_of), lang)
            if as_of
            else w.month_text(frame["month"].iloc[-1], lang),
            total=yuan(last, lang),
        )
    )
    if len(small):
        notes.append(
            pick(
                lang,
                "累计金额只画在笔数公布的月份末（末尾几个月隐去时，之前最后一个公布月份末也不画），"
                "所以逐月相减得不出任何一个隐去月份的金额。",
                "The cumulative amount is drawn only at the end of months whose count is shown "
                "(and not at the last of them when the final months are hidden), so no "
                "difference of the curve gives a hidden month's amount on its own.",
                t=w.threshold(),
            )
        )
    return findings(out, notes, lang, **values)
