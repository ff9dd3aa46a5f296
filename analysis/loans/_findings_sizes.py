"""Findings of notebook 02's size section: loans against the policy caps
(see :mod:`analysis.loans.findings`)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._bins import YUAN_PER_WAN
from analysis.loans._groups import with_columns
from analysis.loans._protection import cap_cells
from analysis.loans._sizes import size_bins
from analysis.presentation.findings import Findings, count, findings, listing, percent, pick, yuan
from analysis.rules import disclosure, policy

BUSINESS = policy.SMALL_BUSINESS_CATEGORY
#: Banks lend in whole 10,000 yuan: the round sum a size is compared with.
ROUND_YUAN = 10_000


def sizes(records: pd.DataFrame, caps: pd.DataFrame, lang: str | None = None) -> Findings:
    """Loan sizes: round sums, loans at the cap in force, and the small-business loans.

    Parameters
    ----------
    records
        The loans the histogram draws.
    caps
        :func:`analysis.loans.cap_usage` of ``records`` (the table beside the chart).

    Raises
    ------
    KeyError
        If a frame lacks a needed column.
    """
    lang = resolve_lang(lang)
    records = with_columns(records, ("borrower_category",))
    table = caps.set_index("borrower_type")
    cells = cap_cells(table)  # as the table shows them
    values: dict[str, object] = {"threshold": w.threshold()}
    out: list[str] = []
    business = records["borrower_category"].astype(str) == BUSINESS
    individual = records.loc[~business, "amount_yuan"]
    if len(individual):
        round_share = float((individual % ROUND_YUAN == 0).mean())
        values.update(individual_loans=len(individual), round_share=round_share)
        common = individual.value_counts()
        common = common[common >= w.threshold()]
        shown_bins = _shown_bins(records)
        common = common[[a in shown_bins for a in common.index]].head(2)
        values.update({f"common_{i}_yuan": a for i, a in enumerate(common.index)})
        values.update({f"common_{i}_loans": c for i, c in enumerate(common.to_numpy())})
        out.append(
            pick(
                lang,
                "{share} 的个人贷款是整万元。",
                "{share} of individual loans are whole multiples of 10,000 yuan.",
                share=percent(round_share, 0),
            )
        )
        if len(common):
            items = [
                pick(lang, "{a}（{c} 笔）", "{a} ({c})", a=yuan(a, lang), c=count(c))
                for a, c in common.items()
            ]
            out.append(
                pick(
                    lang,
                    "最常见的金额是 {items}。",
                    "The most common amounts are {items}.",
                    items="、".join(items) if lang == "zh" else listing(items, lang),
                )
            )
    notice = w.day_text(pd.Timestamp(policy.LOAN_POLICY_2020_ISSUED), lang)
    for kind, zh, en in (
        (
            "individual_2018",
            "{notice}前发放的{n}个人贷款中，{k}恰好等于当时 {cap}的上限",
            "Of {n} individual loans issued before {notice}, {k} sit exactly at the {cap} cap "
            "then in force",
        ),
        (
            "individual_2020",
            "此后发放的{n}个人贷款中，{k}等于新的 {cap}上限",
            "Of {n} issued from then on, {k} sit at the new {cap} cap",
        ),
    ):
        if kind not in table.index or table.loc[kind, "loans"] == 0:
            continue
        cap = table.loc[kind, "cap_yuan"]
        n, k = int(table.loc[kind, "loans"]), int(table.loc[kind, "at_cap"])
        values.update({f"{kind}_loans": n, f"{kind}_at_cap": k, f"{kind}_cap_yuan": cap})
        out.append(
            pick(
                lang,
                zh + "。",
                en + ".",
                notice=notice,
                n=_count_of(n, cells.loc[kind, "loans"], lang, " "),
                k=_count_of(k, cells.loc[kind, "at_cap"], lang, ""),
                cap=yuan(cap, lang),
            )
        )
    before = records["issued_on"] < pd.Timestamp(policy.LOAN_POLICY_2020_ISSUED)
    large = individual > policy.INDIVIDUAL_LOAN_CAP_2018_YUAN
    if large.any() and not (large & before[~business]).any():
        values["cap_2018_yuan"] = policy.INDIVIDUAL_LOAN_CAP_2018_YUAN
        out.append(
            pick(
                lang,
                "超过 {cap}的个人贷款全部在新规之后发放。",
                "Every individual loan above {cap} was issued after the notice.",
                cap=yuan(policy.INDIVIDUAL_LOAN_CAP_2018_YUAN, lang),
            )
        )
    above = int(table["above_cap"].sum()) if len(table) else 0
    if len(records):
        shown = (cells["above_cap"] == disclosure.SHOWN).all()
        values["above_cap"] = above
        if above == 0:
            out.append(
                pick(
                    lang,
                    "没有一笔贷款超过发放时的上限。",
                    "No loan exceeds the cap in force when it was issued.",
                )
            )
        elif shown:
            out.append(
                pick(
                    lang,
                    "{k} 笔贷款超过发放时的上限，应逐笔核对。",
                    "{k} loans exceed the cap in force when they were issued; check each.",
                    k=count(above),
                )
            )
        else:
            out.append(
                pick(
                    lang,
                    "有贷款超过发放时的上限（笔数{few}），应逐笔核对。",
                    "Some loans ({few}) exceed the cap in force when issued; check each.",
                    few=w.few(lang),
                )
            )
    out.append(_business_sizes(records.loc[business, "amount_yuan"], table, cells, lang, values))
    notes = w.caveats(
        ["loans"],
        lang,
        synthetic=(
            "金额分布是生成器的设定（整数额和各自概率是编造的），“贴着上限”不是上街区的发现。",
            "The distribution is a generator setting (the round sums and their probabilities "
            'are invented); loans "at the cap" are not a finding about Shangjie.',
        ),
    )
    notes.append(
        pick(
            lang,
            "上限数值取自对两份通知的新闻报道，引用前应核对公报原文"
            "（见 analysis/rules/policy.py）。"
            "直方图分个人和小微企业两栏，等于按借款人类型细分，所以每个金额区间也按同一规则保护：隐去的"
            "区间不画柱子，只写“x”。",
            "The caps are taken from press reports of the notices; check the gazette before "
            "citing (analysis/rules/policy.py). The histogram's two panels split the loans by "
            "kind of borrower, so its bins are protected by the same rule: a hidden bin gets "
            'no bar, only "x".',
        )
    )
    return findings(out, notes, lang, **values)


def _shown_bins(records: pd.DataFrame) -> set[float]:
    """Centres (万元) of the individual histogram bins whose count the chart shows; an amount
    is stated with its count only when its bin is shown, so the sentence never gives a
    hidden bar away."""
    bins = size_bins(records)
    if not bins.attrs.get("released"):
        return set()
    shown = (w.status(bins["loans"]) == disclosure.SHOWN).to_numpy()
    mine = (bins["borrower_kind"] == "individual").to_numpy() & shown
    return {float(c) * YUAN_PER_WAN for c in bins.loc[mine, "amount_wan"]}


def _count_of(n: int, cell: str, lang: str, space: str) -> str:
    """A count in a sentence as its cell allows (zh: ``{space}25 笔``)."""
    if cell == disclosure.SHOWN:
        return pick(lang, "{s}{n} 笔", "{n}", s=space, n=count(n))
    return w.shown_count(n, cell, lang)


def _business_sizes(
    amounts: pd.Series, table: pd.DataFrame, cells: pd.DataFrame, lang: str, values: dict
) -> str:
    cap = policy.SMALL_BUSINESS_LOAN_CAP_YUAN
    values["business_cap_yuan"] = cap
    if amounts.empty:
        return pick(lang, "记录中没有小微企业贷款。", "The records hold no small-business loan.")
    cell = cells.loc["small_business", "loans"] if "small_business" in cells.index else "small"
    if cell != disclosure.SHOWN:
        return pick(
            lang,
            "小微企业贷款的笔数隐去（{x}），都低于 {cap}的上限。",
            "The number of small-business loans is hidden ({x}); all are below the {cap} cap.",
            x=disclosure.MARK,
            cap=yuan(cap, lang),
        )
    values.update(
        business_loans=len(amounts),
        business_min_yuan=float(amounts.min()),
        business_max_yuan=float(amounts.max()),
    )
    return pick(
        lang,
        "{n} 笔小微企业贷款在 {low}—{high}之间，远低于 {cap}的上限。",
        "The {n} small-business loans ({low}–{high}) are far below the {cap} cap.",
        n=count(len(amounts)),
        low=yuan(amounts.min(), lang),
        high=yuan(amounts.max(), lang),
        cap=yuan(cap, lang),
    )
