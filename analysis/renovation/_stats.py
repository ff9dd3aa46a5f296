"""Uncertainty for the renovation findings: Wilson intervals on shares, p-values in words.

A share that a sentence compares ("highest", "pilots against the rest") is stated with its
95 % Wilson interval (scipy's ``binomtest(...).proportion_ci(method="wilson")``), and the
comparison is made in words only when the intervals do not overlap. Non-overlap is a
conservative rule (two overlapping intervals may still differ), so "the records do not tell
them apart" is the honest wording when they overlap, never "they are equal".

The intervals treat every task as independent; tasks of one compound are not, so the true
uncertainty is, if anything, wider — which only strengthens the "do not tell apart" cases.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from analysis.presentation.findings import listing, percent, pick
from analysis.presentation.wording import is_zh
from analysis.rules.intervals import LEVEL, wilson

#: Shares are given to one decimal only from this many records on; below it whole percents
#: are all the data support (a 95 % interval on a few hundred records is several points wide).
DECIMAL_FROM = 1000


def digits(n: int) -> int:
    """Decimals a share of ``n`` records is given to (0, or 1 from :data:`DECIMAL_FROM` on)."""
    return 1 if n >= DECIMAL_FROM else 0


def interval(lo: float, hi: float, lang: str | None) -> str:
    """``95% 置信区间 61%–85%`` / ``95% CI 61–85%``.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    return pick(
        lang,
        "95% 置信区间 {lo}–{hi}",
        "95% CI {lo_en}–{hi}",
        lo=percent(lo, 0),
        lo_en=percent(lo, 0).removesuffix("%"),
        hi=percent(hi, 0),
    )


def share_ci(k: int, n: int, lang: str | None) -> str:
    """A share and its interval: ``78%，95% 置信区间 64%–87%`` / ``78%, 95% CI 64–87%``.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lo, hi = wilson(k, n)
    sep = "，" if is_zh(lang) else ", "
    return f"{percent(k / n if n else None, digits(n))}{sep}{interval(lo, hi, lang)}"


def p_text(p: float) -> str:
    """A p-value rounded to what it can tell: ``p = 0.31``, ``p = 0.004``, ``p < 0.001``.

    Raises
    ------
    Nothing: a missing p-value is ``p = —``.
    """
    if p is None or math.isnan(p):
        return "p = —"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def spread(
    rows: pd.DataFrame,
    name: Callable[[str], str],
    who: tuple[str, str],
    values: dict,
    key: str,
    lang: str | None,
) -> str:
    """The highest and the lowest share of ``rows`` with their intervals, ranked in words
    only when the two ends' intervals do not overlap.

    Parameters
    ----------
    rows
        Columns ``id``, ``k`` (closed) and ``n`` (tasks); at least two rows, each ``n > 0``.
    name
        The reader's name of an ``id`` in the edition.
    who
        ``(zh, en)`` that opens the sentence: ``("各类别", "By category")``.
    values
        The finding's values: ``key`` gets ``{id: (share, low, high)}`` of both ends and
        ``key + "_apart"`` whether their intervals are apart.

    Raises
    ------
    KeyError
        If a column is missing.
    """
    values["level"] = LEVEL
    rows = rows.assign(share=rows["k"] / rows["n"])
    bounds = [wilson(k, n) for k, n in zip(rows["k"], rows["n"], strict=True)]
    rows = rows.assign(low=[b[0] for b in bounds], high=[b[1] for b in bounds])
    hi = rows[rows["share"] == rows["share"].max()]
    lo = rows[rows["share"] == rows["share"].min()]
    ends = pd.concat([hi, lo]).drop_duplicates("id")
    values[key] = {
        str(r.id): (float(r.share), float(r.low), float(r.high)) for r in ends.itertuples()
    }
    open_, close = ("（", "）") if is_zh(lang) else (" (", ")")

    def named(part: pd.DataFrame) -> str:
        return listing(
            [
                f"{name(str(r.id))}{open_}{share_ci(int(r.k), int(r.n), lang)}{close}"
                for r in part.itertuples()
            ],
            lang,
        )

    if len(hi) == len(rows):
        values[f"{key}_apart"] = False
        return pick(
            lang,
            "{who}的销号比例相同：{all}。",
            "{who}, the share closed is the same: {all}.",
            who=who[0] if is_zh(lang) else who[1],
            all=named(hi),
        )
    apart_ = bool(hi["low"].min() > lo["high"].max())
    values[f"{key}_apart"] = apart_
    if apart_:
        return pick(
            lang,
            "{who}的销号比例最高是{hi}，最低是{lo}；两端的 95% 置信区间不重叠。",
            "{who}, the share closed is highest for {hi} and lowest for {lo}; the two 95% "
            "intervals do not overlap.",
            who=who[0] if is_zh(lang) else who[1],
            hi=named(hi),
            lo=named(lo),
        )
    return pick(
        lang,
        "{who}的销号比例从{lo}到{hi}不等，但两端的 95% 置信区间重叠：记录不足以区分高低。",
        "{who}, the share closed runs from {lo} to {hi}, but the two ends' 95% intervals "
        "overlap: the records do not tell them apart.",
        who=who[0] if is_zh(lang) else who[1],
        hi=named(hi),
        lo=named(lo),
    )
