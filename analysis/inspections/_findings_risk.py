"""Findings of §5 (the risk ranking: its validation on later visits, the next round's list)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._charts_risk import SINCE_EN
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick

PROBLEM_WORDS = {
    "no-visits": ("记录中没有可用于拟合的检查", "the records hold no visit to fit on"),
    "one-side": (
        "截止日之前或之后没有检查",
        "there are no visits on one side of the cut-off",
    ),
    "no-contrast": (
        "截止日之前的初查要么全部合格、要么全部不合格，规则无从学起",
        "the first visits before the cut-off all passed or all failed, so there is nothing "
        "to learn from",
    ),
    "nothing-judged": (
        "截止日之后没有检查了项目的初查",
        "there is no checked first visit after the cut-off",
    ),
    "nothing-to-find": (
        "截止日之后的初查没有一次不合格，排序无可检验",
        "no first visit after the cut-off failed, so there is nothing for the ranking to find",
    ),
}


def problem(code: object, lang: str) -> str:
    """Why the ranking could not be fitted or judged, in words."""
    zh, en = PROBLEM_WORDS.get(str(code), (str(code), str(code)))
    return zh if lang == "zh" else en


def level_name(factor: str, level: object, lang: str) -> str:
    """A factor level as a reader reads it: ``小餐饮店``, ``既往不合格 2+ 次``, ``≤30 days``."""
    if factor == "premises_type":
        return fc.category("premises_type", level, lang)
    if factor == "prior_failures":
        return pick(
            lang,
            "既往不合格 {k} 次",
            "{k} prior failure{s}",
            k=level,
            s="" if str(level) == "1" else "s",
        )
    since = str(level) if lang == "zh" else SINCE_EN.get(str(level), str(level))
    return pick(lang, "距上次检查 {s}", "last visit {s}", s=since)


def rule_sentences(
    rules: pd.DataFrame, lang: str, values: dict[str, object], which: str = ""
) -> list[str]:
    """The levels that move the score most and the range of multipliers within each factor
    (from the rules table or chart beside the text; ``which`` names it, e.g. "fitted before
    2020-07-01")."""
    levels = rules[rules["factor"] != "overall"]
    if levels.empty:
        return []
    ranked = levels.sort_values("multiplier", ascending=False, kind="stable")
    high = ranked[ranked["multiplier"] > 1].head(2)
    low = ranked.iloc[-1]
    values["high_multipliers"] = [float(m) for m in high["multiplier"]]
    values["low_multiplier"] = float(low["multiplier"])
    values["levels_named"] = [str(x) for x in (*high["level"], low["level"])]
    said = [
        f"{level_name(f, lv, lang)}（{fc.times(m)}）"
        if lang == "zh"
        else f"{level_name(f, lv, lang)} ({fc.times(m)})"
        for f, lv, m in zip(high["factor"], high["level"], high["multiplier"], strict=True)
    ]
    spreads = []
    for factor, part in levels.groupby("factor", sort=False):
        lo, hi = float(part["multiplier"].min()), float(part["multiplier"].max())
        values[f"{factor}_spread"] = [lo, hi]
        name = {
            "premises_type": pick(lang, "场所类型", "premises type"),
            "prior_failures": pick(lang, "既往不合格次数", "prior failures"),
            "since_last": pick(lang, "距上次检查", "time since the last visit"),
        }.get(str(factor), str(factor))
        spreads.append(f"{name} {fc.times(lo)}–{fc.times(hi)}")
    out = []
    if said:
        out.append(
            pick(
                lang,
                "{which}规则中抬高分数最多的是{high}；最低的一档是{low}（{m}）。",
                "In the rules{which}, the levels that raise the score most are {high}; the "
                "lowest is {low} ({m}).",
                which=which if lang == "zh" or not which else f" {which}",
                high=listing(said, lang),
                low=level_name(str(low["factor"]), low["level"], lang),
                m=fc.times(float(low["multiplier"])),
            )
        )
    out.append(
        pick(
            lang,
            "各因素倍数的范围：{s}。",
            "Range of multipliers within each factor: {s}.",
            s=listing(spreads, lang),
        )
    )
    return out


def ranking(
    ranked: pd.DataFrame,
    rules: pd.DataFrame,
    cases: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Findings:
    """§5: the next round's list: the top tie block, what it shares, open cases among it.

    Parameters
    ----------
    ranked, rules
        :func:`analysis.inspections.risk.rank_premises` (``strict=False`` gives empty frames
        whose ``attrs["problem"]`` says why).
    cases
        :func:`analysis.inspections.rectification_cases`, to count open cases in the top block.

    Raises
    ------
    KeyError
        If a frame is not shaped as above.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    if ranked.empty:
        why = rules.attrs.get("problem") or ranked.attrs.get("problem") or "no-visits"
        sentences.append(
            pick(
                lang,
                "无法给场所排序：{why}。",
                "No premises can be ranked: {why}.",
                why=problem(why, lang),
            )
        )
    else:
        best = float(ranked["score"].max())
        top = ranked[ranked["score"] == best]
        values.update(top_block=len(top), top_score=best, ranked=len(ranked))
        shared = []
        for factor in ("prior_failures", "since_last", "premises_type"):
            if factor in top and top[factor].nunique() == 1:
                shared.append(level_name(factor, top[factor].iloc[0], lang))
        values["top_levels"] = shared  # level names hold numbers of their own (2+, ≤30)
        sentences.append(
            pick(
                lang,
                "{n} 个场所中，排在最前的 {k} 个分数相同（平均检查的 {s}）{what}{tie}。",
                "Of {n} premises, the top {k} share the same score ({s} the average visit){what}"
                "{tie}.",
                n=count(len(ranked)),
                k=count(len(top)),
                s=fc.times(best),
                what=(pick(lang, "：都是", ": all ") + listing(shared, lang)) if shared else "",
                tie=pick(lang, "；同分之间按编号排列，没有先后之分", "; ties are in id order only")
                if len(top) > 1
                else "",
            )
        )
        if cases is not None and len(cases):
            open_ids = set(cases.loc[~cases["observed"].to_numpy(), "premises_id"].astype(str))
            with_open = int(top["premises_id"].astype(str).isin(open_ids).sum())
            values["top_with_open_case"] = with_open
            sentences.append(
                pick(
                    lang,
                    "其中 {k} 个还有未结的整改案件（第3节），它们的复查本来就在计划中；"
                    "其余的是日常监督应优先安排的。",
                    "{k} of them already have an open rectification case (section 3) with a "
                    "re-visit due; the others are where routine supervision could go first.",
                    k=count(with_open),
                )
            )
    if not ranked.empty:  # the chart beside this text: the refitted rules' multipliers
        which = pick(lang, "用全部检查重新拟合的", "refitted on every visit (chart above)")
        sentences += rule_sentences(rules, lang, values, which)
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "场所编号不对应任何真实店铺。",
            "Premises ids correspond to no real business.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "规则表应与检查人员一起审读；排序不能作为对任何经营者的评价。",
            "The rules table should be read with the inspectors; a ranking is not a judgement "
            "of any business.",
        )
    )
    return findings(sentences, caveats, lang, **values)
