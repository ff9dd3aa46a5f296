"""Findings of §5's validation: the ranking judged on later visits, against chance.

"Useful" is said only when the bootstrap interval of the lift at 20 % excludes 1 (random
order); the ranking on prior failures alone is the benchmark beside it, and every cut-off
considered is reported, not just the one the notebook reads.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._findings_risk import problem, rule_sentences
from analysis.inspections._risk_chance import SHARE, chance
from analysis.inspections._stats import p_text
from analysis.inspections.risk import Validation, capture_at
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, number, pick


def _lift(value: float, low: float, high: float) -> str:
    """``1.5×`` with one decimal (two when the interval is narrower than 0.2): a lift judged
    on a few hundred premises supports no more."""
    d = 2 if math.isfinite(high - low) and high - low < 0.2 else 1
    return f"{number(value, d)}×"


def _bound(value: float) -> str:
    """An interval bound, two decimals so that 1.02 is not read as 1; a minus sign."""
    return number(value, 2).replace("-", "−")


def _span(low: float, high: float, lang: str) -> str:
    if not (fc.finite(low) and fc.finite(high)):
        return pick(lang, "无法估计区间", "no interval")
    return pick(
        lang, "95% 区间 {lo}–{hi}", "95% interval {lo}–{hi}", lo=_bound(low), hi=_bound(high)
    )


def _verdict(low: float, high: float, lang: str) -> str:
    if fc.finite(low) and low > 1:
        return pick(
            lang,
            "区间不含 1（随机顺序），这个排序有用：它比随机顺序找到更多不合格场所。",
            "The interval excludes 1 (random order): the ranking is useful, finding more "
            "failing premises than random order.",
        )
    if fc.finite(high) and high < 1:
        return pick(
            lang,
            "区间整体低于 1：这个排序不如随机顺序。",
            "The whole interval lies below 1: the ranking does worse than random order.",
        )
    return pick(
        lang,
        "区间包含 1（随机顺序）：这个排序与随机顺序无法区分。",
        "The interval includes 1 (random order): the ranking is not distinguishable from chance.",
    )


def _chance_row(result: Validation, by_cutoff: pd.DataFrame, cutoff: str) -> dict[str, float]:
    """The interval columns of ``cutoff``: from the table when it holds them, else computed."""
    if len(by_cutoff) and "lift_low" in by_cutoff:
        row = by_cutoff[by_cutoff["cutoff"] == pd.Timestamp(cutoff)]
        if len(row):
            return {k: float(v) for k, v in row.iloc[0].items() if k not in ("cutoff", "problem")}
    return chance(result.scored)


def _judged(result: Validation, row: dict, cut: str, until: str, lang: str, values: dict) -> list:
    scored = result.scored
    n, k = len(scored), int(scored["failed"].sum())
    at = capture_at(result.curve, [SHARE, 0.5])
    found20, found50 = float(at["found_pct"].iloc[0]), float(at["found_pct"].iloc[1])
    lift, low, high = float(at["lift"].iloc[0]), row["lift_low"], row["lift_high"]
    values.update(judged=n, failing=k, found20_pct=found20, found50_pct=found50, lift=lift)
    values.update(random20_pct=100 * SHARE, lift_low=low, lift_high=high)
    values.update(p_value=row["p_value"], auc=row["auc"])
    if fc.finite(row["p_value"]) and row["p_value"] < 0.001:
        values["p_bound"] = 0.001  # printed as "< 0.001"
    few = n < fc.MIN_N
    out = [
        pick(
            lang,
            "{cut} 至 {until} 之间检查了 {n} 个场所，其中 {k} 个不合格。按风险排序先查前 20% 的"
            "场所，能找到 {f}% 的不合格场所，随机顺序期望是 20%：{lift}（{span}，对场所自助抽样；"
            "置换检验 p {p}；AUC {auc}）。先查一半能找到 {h}%。{few}",
            "Between {cut} and {until}, {n} premises were visited and {k} failed. Visiting the "
            "top 20% by score finds {f}% of the failing premises against 20% expected at "
            "random: {lift} ({span}, bootstrap over premises; permutation p {p}; AUC {auc}). "
            "Half the list finds {h}%.{few}",
            cut=cut,
            until=until,
            n=count(n),
            k=count(k),
            f=number(found20, 0),
            lift=_lift(lift, low, high),
            span=_span(low, high, lang),
            p=("= " + p_text(row["p_value"])) if fc.finite(row["p_value"]) else "—",
            auc=number(row["auc"], 2) if fc.finite(row["auc"]) else "—",
            h=number(found50, 0),
            few=(pick(lang, "（", " (") + fc.too_few(n, lang) + pick(lang, "。）", ".)"))
            if few
            else "",
        ),
        _verdict(low, high, lang),
    ]
    base, b_lo, b_hi = row["baseline_lift"], row["baseline_low"], row["baseline_high"]
    if fc.finite(base):
        values.update(baseline_lift=base, baseline_low=b_lo, baseline_high=b_hi)
        g_lo, g_hi = row["gain_low"], row["gain_high"]
        values.update(gain_low=g_lo, gain_high=g_hi)
        if fc.finite(g_lo) and g_lo > 0:
            zh, en = "三因素规则明显好于只看既往不合格", "the three-factor rule does better than it"
        elif fc.finite(g_hi) and g_hi < 0:
            zh, en = "三因素规则不如只看既往不合格", "the three-factor rule does worse than it"
        else:
            zh, en = (
                "两者之差的区间包含 0：三因素规则未显示出比只看既往不合格更好",
                "the interval of the difference includes 0: the three-factor rule is not shown "
                "to do better than prior failures alone",
            )
        out.append(
            pick(
                lang,
                "只按既往不合格次数排序作为对照：{b}（{span}）；{wzh}（差值 {glo} 至 {ghi}）。",
                "Ranking on prior failures alone, for comparison: {b} ({span}); {wen} "
                "(difference {glo} to {ghi}).",
                b=_lift(base, b_lo, b_hi),
                span=_span(b_lo, b_hi, lang),
                wzh=zh,
                wen=en,
                glo=_bound(g_lo) if fc.finite(g_lo) else "—",
                ghi=_bound(g_hi) if fc.finite(g_hi) else "—",
            )
        )
    return out


def _cutoffs(by_cutoff: pd.DataFrame, cutoff: str, lang: str, values: dict) -> str | None:
    """The other cut-offs, their lifts and intervals, and whether the verdict depends on them."""
    if by_cutoff.empty:
        return None
    chosen = by_cutoff["cutoff"] == pd.Timestamp(cutoff)
    others = by_cutoff[~chosen]
    if others.empty:
        return None
    parts, including = [], []
    for _, row in others.iterrows():
        day = fc.day(row["cutoff"])
        if not fc.finite(row["lift"]):
            parts.append(pick(lang, "{d}：无法检验", "{d}: cannot be judged", d=day))
            continue
        low, high = row.get("lift_low", math.nan), row.get("lift_high", math.nan)
        parts.append(
            pick(
                lang,
                "{d}：{lift}（{span}）",
                "{d}: {lift} ({span})",
                d=day,
                lift=_lift(row["lift"], low, high),
                span=_span(low, high, lang),
            )
        )
        if not (fc.finite(low) and low > 1):
            including.append(day)
    judged = others[others["lift"].map(fc.finite)]
    values["other_lifts"] = [float(x) for x in judged["lift"]]
    values["other_lift_bounds"] = [
        float(x) for x in (*judged.get("lift_low", []), *judged.get("lift_high", []))
    ]
    text = pick(
        lang,
        "换一个截止日（前后各一个月）——{p}。",
        "At the other cut-offs (a month either side): {p}.",
        p=pick(lang, "；", "; ").join(parts),
    )
    if including:
        text += pick(
            lang,
            "{d}的区间包含 1：结论取决于截止日的选择。",
            " At {d} the interval includes 1: the verdict depends on the cut-off chosen.",
            d=listing(including, lang),
        )
    elif len(judged):
        text += pick(
            lang,
            "各截止日的区间都不含 1。",
            " At every cut-off the interval excludes 1.",
        )
    chosen_lift = by_cutoff.loc[chosen, "lift"]
    if len(judged) and len(chosen_lift) and fc.finite(chosen_lift.iloc[0]):
        if float(chosen_lift.iloc[0]) >= float(judged["lift"].max()):
            text += pick(
                lang,
                "所用截止日恰好是三者中提升最大的一个。",
                " The cut-off used gives the highest lift of them.",
            )
    return text


def validation(
    result: Validation,
    by_cutoff: pd.DataFrame,
    cutoff: str,
    until: str = fc.AS_OF,
    lang: str | None = None,
) -> Findings:
    """§5: the ranking fitted before ``cutoff`` and judged on the visits up to ``until``.

    Parameters
    ----------
    result
        :func:`analysis.inspections.risk.validate` (``strict=False`` gives a ``problem``).
    by_cutoff
        :func:`analysis.inspections.capture_by_cutoff` at every cut-off considered, the one
        used among them (may be empty; without interval columns the interval of ``cutoff``
        is computed from ``result``).

    Raises
    ------
    KeyError
        If a frame is not shaped as above.
    """
    lang = resolve_lang(lang)
    cutoff = fc.day(cutoff)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    if result.problem is not None:
        sentences.append(
            pick(
                lang,
                "以 {cut} 为截止日无法检验排序：{why}。",
                "The ranking cannot be judged with the cut-off {cut}: {why}.",
                cut=cutoff,
                why=problem(result.problem, lang),
            )
        )
    else:
        row = _chance_row(result, by_cutoff, cutoff)
        sentences += _judged(result, row, cutoff, until, lang, values)
    sentences.append(_cutoffs(by_cutoff, cutoff, lang, values))
    which = pick(lang, "截止日之前拟合的", "fitted before the cut-off (table above)")
    sentences += rule_sentences(result.rules, lang, values, which)
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "生成器给每个场所一个隐藏的“风险”，所以历史会预测未来——换成真实台账，这个检验才说明真实的可预测性。",
            "The generator gives each premises a hidden risk, so history predicts the future "
            "by design; only on real ledgers does this check measure real predictability.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "区间只反映被检验场所的抽样波动，不反映规则本身的拟合误差。不合格只有在被检查时才会被"
            "发现：检验只能看实际被检查的场所，如果检查本来就偏向某些场所，结果会有偏。“≤30天”一档"
            "混有刚复查过的场所。排序只是分配检查力量的参考，不能作为对任何经营者的评价。",
            "The interval reflects the sampling of the premises judged, not the error of "
            "fitting the rules. Failures are only seen where inspectors went, so the check is "
            "limited to visited premises and inherits any bias in where they go. The ≤30-day "
            "level mixes in premises just re-inspected. A ranking guides effort; it is not a "
            "judgement of any business.",
        )
    )
    return findings(sentences, caveats, lang, **values)
