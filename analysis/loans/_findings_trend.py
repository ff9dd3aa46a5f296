"""Findings of notebook 02's concentration section (see :mod:`analysis.loans.findings`); the
timeline is in ``_findings_timeline``."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._groups import with_columns
from analysis.loans._places import FROM_LEDGER
from analysis.loans._protection import loans_plan
from analysis.presentation.findings import (
    Findings,
    count,
    findings,
    listing,
    number,
    percent,
    pick,
)
from analysis.rules import policy
from analysis.rules.inequality import DRAWS, chance_allocation, gini, gini_interval

LEVELS = {"loans": ("按笔", "across loans"), "communities": ("按社区", "across communities")}


def concentration(
    summary: pd.DataFrame,
    per_community: pd.DataFrame,
    records: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """Gini and top share across loans and communities, and where concentration comes from.

    Parameters
    ----------
    summary
        The first frame of :func:`analysis.loans.concentration` (the table and the legend).
    per_community
        :func:`analysis.loans.by_community` of the same records (zero-loan communities).
    records
        The loans, to weigh the small-business loans.

    Raises
    ------
    KeyError
        If a frame lacks a needed column.
    """
    lang = resolve_lang(lang)
    rows = summary.set_index("level")
    share = summary.attrs.get("share", 0.1)
    values: dict[str, object] = {"top": share, "threshold": w.threshold()}
    out: list[str] = []
    parts = []
    for level, (zh, en) in LEVELS.items():
        if level not in rows.index or pd.isna(rows.loc[level, "gini"]):
            continue
        g, top, n = rows.loc[level, "gini"], rows.loc[level, "top_share"], rows.loc[level, "n"]
        values.update({f"{level}_gini": g, f"{level}_top_share": top, f"{level}_n": int(n)})
        parts.append(
            pick(
                lang,
                "{how}基尼系数 {g}，最大的 {p} 占总金额的 {t}",
                "{how} the Gini is {g} and the largest {p} hold {t} of the amount",
                how=zh if lang == "zh" else en,
                g=number(g, 2),
                p=percent(share, 0),
                t=percent(top),
            )
        )
    if not parts:
        out.append(
            pick(
                lang,
                "没有贷款金额，集中程度无从谈起。",
                "With no amount lent there is no concentration to measure.",
            )
        )
        return findings(out, _notes(per_community, lang), lang, **values)
    joined = pick(lang, "{x}。", "{x}.", x=("；" if lang == "zh" else "; ").join(parts))
    out.append(joined[0].upper() + joined[1:])
    n_loans = int(rows.loc["loans", "n"]) if "loans" in rows.index else 0
    if n_loans < w.FEW_TO_COMPARE:
        out.append(
            pick(
                lang,
                "只有 {n}，太少，集中程度的数字不宜比较。",
                "Only {n}: too few for these measures to be compared.",
                n=w.loans_text(n_loans, lang),
            )
        )
        return findings(out, _notes(per_community, lang), lang, **values)
    out += _intervals(rows, per_community, records, lang, values)
    out += _why(rows, per_community, records, lang, values)
    return findings(out, _notes(per_community, lang), lang, **values)


def _intervals(rows, per_community, records, lang, values) -> list[str]:
    """Bootstrap intervals of both Ginis, and what random allocation gives communities."""
    amounts = records["amount_yuan"].dropna().to_numpy(dtype="float64")
    places = per_community["amount_yuan"].to_numpy(dtype="float64")
    if amounts.sum() <= 0 or len(places) < 2 or "communities" not in rows.index:
        return []
    low, high = gini_interval(amounts)
    c_low, c_high = gini_interval(places)
    chance = chance_allocation(amounts, len(places))
    observed = float(rows.loc["communities", "gini"])
    empty = int((per_community["loans"] == 0).sum())
    values.update(
        loans_gini_low=low,
        loans_gini_high=high,
        communities_gini_low=c_low,
        communities_gini_high=c_high,
        chance_gini=chance["gini"],
        chance_gini_low=chance["gini_low"],
        chance_gini_high=chance["gini_high"],
        chance_empty=round(chance["empty"]),
        communities_without_loans=empty,
        places=len(places),
        resamples=DRAWS,
        loans=len(amounts),
    )
    inside = chance["gini_low"] <= observed <= chance["gini_high"]
    above = observed > chance["gini_high"]
    verdict = (
        pick(
            lang,
            "实际的 {g} 在这个范围内：社区之间的集中程度与随机分配给出的一样，"
            "不说明贷款偏向哪些社区。",
            "the observed {g} lies inside that range: the concentration across communities is "
            "what chance gives and says nothing about loans favouring some communities.",
            g=number(observed, 2),
        )
        if inside
        else pick(
            lang,
            "实际的 {g} {w}这个范围。",
            "the observed {g} lies {w} that range.",
            g=number(observed, 2),
            w=pick(lang, "高于", "above") if above else pick(lang, "低于", "below"),
        )
    )
    return [
        pick(
            lang,
            "95% 区间（自助法，{d} 次重抽）：按笔 {a}—{b}，按社区 {c}—{e}。",
            "95% CI (bootstrap, {d} resamples): across loans {a}–{b}, across communities {c}–{e}.",
            d=count(DRAWS),
            a=number(low, 2),
            b=number(high, 2),
            c=number(c_low, 2),
            e=number(c_high, 2),
        ),
        pick(
            lang,
            "把同样的 {n}随机均匀地分给这 {m} 个社区，基尼系数平均为 {g}（95% 范围 {l}—{h}），"
            "平均约 {k} 个社区没有贷款（实际 {z} 个）；{v}",
            "Spreading the same {n} uniformly at random over these {m} communities gives a Gini "
            "of {g} on average (95% range {l}–{h}) and about {k} communities with none "
            "(observed: {z}); {v}",
            n=w.loans_text(len(amounts), lang),
            m=count(len(places)),
            g=number(chance["gini"], 2),
            l=number(chance["gini_low"], 2),
            h=number(chance["gini_high"], 2),
            k=count(round(chance["empty"])),
            z=count(empty),
            v=verdict,
        ),
    ]


def _why(rows, per_community, records, lang, values) -> list[str]:
    """Which level is less equal, and why: empty or thin communities, business loans."""
    out = []
    if {"loans", "communities"} <= set(rows.index) and pd.notna(rows.loc["communities", "gini"]):
        a, b = round(rows.loc["loans", "gini"], 2), round(rows.loc["communities", "gini"], 2)
        thin = int((w.status(per_community["loans"]) != "shown").sum())
        empty = int((per_community["loans"] == 0).sum())
        values.update(communities_without_loans=empty, communities_small=thin)
        if a == b:
            out.append(
                pick(lang, "两级的基尼系数相同。", "The two levels are equally concentrated.")
            )
        elif b > a and values.get("chance_gini_low", 1) <= b <= values.get("chance_gini_high", 0):
            out.append(
                pick(
                    lang,
                    "社区一级的基尼系数高于按笔，但没有超出随机分配给出的范围。",
                    "Communities read less equal than loans, but no more than random "
                    "allocation gives.",
                )
            )
        elif b > a:
            reasons = []
            if empty:
                reasons.append(
                    pick(lang, "有 {k} 个社区没有贷款", "{k} have no loan", k=count(empty))
                )
            if thin:
                reasons.append(
                    pick(lang, "{k} 个社区{few}", "{k} have {few}", k=count(thin), few=w.few(lang))
                )
            out.append(
                pick(
                    lang,
                    "社区一级更不平均{why}。",
                    "Communities are less equal{why}.",
                    why=pick(
                        lang,
                        "，主要因为{r}",
                        ", mainly because {r}",
                        r="、".join(reasons) if lang == "zh" else listing(reasons, lang),
                    )
                    if reasons
                    else "",
                )
            )
        else:
            out.append(
                pick(lang, "按笔比按社区更不平均。", "Loans are less equal than communities.")
            )
    records = with_columns(records, ("borrower_category",))
    business = records["borrower_category"].astype(str) == policy.SMALL_BUSINESS_CATEGORY
    individual = records.loc[~business, "amount_yuan"].to_numpy(dtype="float64")
    k = int(business.sum())
    # The dataset's one pattern: the business count is hidden where the group table hides it.
    plan = loans_plan(records)
    shown = (
        plan.status(("borrower_category",), (policy.SMALL_BUSINESS_CATEGORY,), k)
        in (
            None,
            "shown",
        )
        and k >= w.threshold()
    )
    if k and len(individual) >= 2 and individual.sum() > 0:
        inner = gini(individual)
        values["individual_gini"] = inner
        if inner < rows.loc["loans", "gini"]:
            out.append(
                pick(
                    lang,
                    "个人贷款受上限约束，只看个人贷款基尼系数是 {g}；"
                    "按笔的集中主要来自{k}小微企业贷款{h}。",
                    "Individual loans are capped: across them alone the Gini is {g}, so most of "
                    "the concentration across loans comes from the {k}small-business loans{h}.",
                    g=number(inner, 2),
                    k="" if not shown else pick(lang, " {n} 笔", "{n} ", n=count(k)),
                    h="" if shown else pick(lang, "（笔数隐去，x）", " (their count is hidden, x)"),
                )
            )
            if shown:
                values["business_loans"] = k
    return out


def _notes(per_community: pd.DataFrame, lang: str) -> list[str]:
    notes = w.caveats(
        w.place_datasets(per_community),
        lang,
        synthetic=(
            "数值全部来自编造的金额和随机分配的社区，只演示方法。",
            "All values come from invented amounts and randomly assigned communities; they "
            "show the method only.",
        ),
    )
    notes.append(
        pick(
            lang,
            "记录中没有借款人编号，“按笔”即把每笔贷款当作一个借款人；同一借款人如有两笔贷款，"
            "按人计算会更集中。",
            'The records carry no borrower id, so "across loans" treats each loan as one '
            "borrower; a borrower with two loans would make concentration across people higher.",
        )
    )
    if per_community.attrs.get("community_source") == FROM_LEDGER:
        notes.append(
            pick(
                lang,
                "社区名单取自台账，没有贷款的社区不在其中，所以按社区的集中程度被低估。",
                "The community list comes from the ledger, which has no community without a "
                "loan, so concentration across communities is understated.",
            )
        )
    return notes
