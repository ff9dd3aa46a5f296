"""Wilson 95 % intervals for the overview's compared coverage shares.

A unit's coverage share is set beside 中心路街道's only from :data:`SMALL` compounds up,
with both 95 % Wilson intervals (scipy's ``binomtest(...).proportion_ci(method="wilson")``);
"lower" or "higher" is said only when the intervals do not overlap. (The renovation topic
holds the same rule for its shares; topics do not import each other, so the few lines are
here too — they belong in :mod:`analysis.presentation`.)
"""

from __future__ import annotations

import pandas as pd

from analysis.overview._shared import SMALL
from analysis.presentation.findings import count, percent, pick
from analysis.presentation.labels import unit_name
from analysis.rules.entities import ZXL
from analysis.rules.intervals import LEVEL, wilson

#: The two coverage measures and how a sentence names them.
_MEASURES = {
    "with_party_org": ("党组织覆盖率", "party-organisation coverage"),
    "with_resident_body": ("居民自治组织覆盖率", "resident-body coverage"),
}


def share_ci(k: int, n: int, lang: str) -> str:
    """``80%，95% 置信区间 49%–94%`` / ``80%, 95% CI 49–94%``.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lo, hi = wilson(k, n)
    return pick(
        lang,
        "{s}，95% 置信区间 {lo}–{hi}",
        "{s}, 95% CI {lo_en}–{hi}",
        s=percent(k / n, 1 if n >= 1000 else 0),
        lo=percent(lo, 0),
        lo_en=percent(lo, 0).removesuffix("%"),
        hi=percent(hi, 0),
    )


def versus_focus(focus: pd.Series, have: pd.DataFrame, lang: str) -> tuple[list[str], dict]:
    """Each unit of at least :data:`SMALL` compounds beside 中心路街道, per measure, with
    both intervals: "lower"/"higher" only when they do not overlap.

    Raises
    ------
    KeyError
        If a frame lacks ``unit_id``, ``compounds`` or a measure column.
    """
    n0 = int(focus["compounds"])
    big = have[have["compounds"] >= SMALL]
    if n0 < SMALL or big.empty:
        return [], {}
    values: dict = {"level": LEVEL, "focus_intervals": {}, "compared": {}}
    parts = []
    for col, (zh, en) in _MEASURES.items():
        k0 = int(focus[col])
        ci0 = wilson(k0, n0)
        values["focus_intervals"][col] = (k0 / n0, *ci0)
        for u, k, n in zip(big["unit_id"].astype(str), big[col], big["compounds"], strict=True):
            ci = wilson(int(k), int(n))
            gap = ci[1] < ci0[0] or ci0[1] < ci[0]
            values["compared"][f"{u}:{col}"] = (int(k) / int(n), *ci, gap)
            fields = {
                "u": unit_name(u, lang),
                "m": zh if lang == "zh" else en,
                "s": share_ci(int(k), int(n), lang),
                "f": unit_name(ZXL, lang),
                "s0": share_ci(k0, n0, lang),
                "word": pick(
                    lang,
                    "低于" if k / n < k0 / n0 else "高于",
                    "below" if k / n < k0 / n0 else "above",
                ),
            }
            parts.append(
                pick(
                    lang,
                    "{u}的{m}（{s}）{word}{f}（{s0}），两个区间不重叠。",
                    "{u}'s {m} ({s}) is {word} {f}'s ({s0}); the intervals do not overlap.",
                    **fields,
                )
                if gap
                else pick(
                    lang,
                    "{u}的{m}（{s}）与{f}（{s0}）的区间重叠，记录不足以区分两者。",
                    "{u}'s {m} ({s}) and {f}'s ({s0}) overlap: the records do not tell them apart.",
                    **fields,
                )
            )
    lead = pick(
        lang,
        "不少于 {m} 个楼院的单位才与{f}比较（95% 置信区间）：",
        "Only units of at least {m} compounds are set beside {f} (95% intervals):",
        m=count(SMALL),
        f=unit_name(ZXL, lang),
    )
    return [lead + pick(lang, "", " ") + parts[0], *parts[1:]], values
