"""Findings of notebook 02's concentration section (see :mod:`analysis.loans.findings`); the
timeline is in ``_findings_timeline``."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._groups import with_columns
from analysis.loans._places import FROM_LEDGER
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
from analysis.rules.inequality import gini

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
    out += _why(rows, per_community, records, lang, values)
    return findings(out, _notes(per_community, lang), lang, **values)


def _why(rows, per_community, records, lang, values) -> list[str]:
    """Which level is less equal, and why: empty or thin communities, business loans."""
    out = []
    if {"loans", "communities"} <= set(rows.index) and pd.notna(rows.loc["communities", "gini"]):
        a, b = round(rows.loc["loans", "gini"], 2), round(rows.loc["communities", "gini"], 2)
        thin = int(((per_community["loans"] > 0) & (per_community["loans"] < w.threshold())).sum())
        empty = int((per_community["loans"] == 0).sum())
        values.update(communities_without_loans=empty, communities_small=thin)
        if a == b:
            out.append(
                pick(lang, "两级的基尼系数相同。", "The two levels are equally concentrated.")
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
    if k and len(individual) >= 2 and individual.sum() > 0:
        inner = gini(individual)
        values["individual_gini"] = inner
        if inner < rows.loc["loans", "gini"]:
            out.append(
                pick(
                    lang,
                    "个人贷款受上限约束，只看个人贷款基尼系数是 {g}；"
                    "按笔的集中主要来自{k}小微企业贷款。",
                    "Individual loans are capped: across them alone the Gini is {g}, so most of "
                    "the concentration across loans comes from the {k} small-business loans.",
                    g=number(inner, 2),
                    k=w.few(lang)
                    if k < w.threshold()
                    else (pick(lang, " {n} 笔", "{n}", n=count(k))),
                )
            )
            if k >= w.threshold():
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
