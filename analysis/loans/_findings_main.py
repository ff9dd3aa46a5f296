"""Findings of notebook 02's opening sections: where the records come from and the headline
(see :mod:`analysis.loans.findings`)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._groups import with_columns
from analysis.loans.metrics import group_shares
from analysis.presentation.findings import Findings, count, findings, pick, yuan
from analysis.rules import disclosure, policy

BUSINESS = policy.SMALL_BUSINESS_CATEGORY


def about(records: pd.DataFrame, lang: str | None = None) -> Findings:
    """Where the page's loan records come from, and what that allows (read this first).

    Raises
    ------
    KeyError
        If ``records`` lacks ``issued_on``.
    """
    lang = resolve_lang(lang)
    dates = pd.to_datetime(records["issued_on"]).dropna()
    sentences = []
    if dates.empty:
        sentences.append(pick(lang, "本页没有任何贷款记录。", "This page has no loan record."))
    else:
        sentences.append(
            pick(
                lang,
                "本页的贷款记录共 {n}，发放日期从 {first} 到 {last}。",
                "This page's loan records: {n}, issued from {first} to {last}.",
                n=w.loans_text(len(records), lang),
                first=w.day_text(dates.min(), lang),
                last=w.day_text(dates.max(), lang),
            )
        )
    notes = w.caveats(
        ["loans"],
        lang,
        synthetic=(
            "版面上关于贷款的真实数字只有三个：36 个社区、87 笔、1390 万元。每笔贷款的金额、日期、"
            "社区、"
            "人群、行业、性别、就业和还款状态都是编造的分布；"
            "它们演示的是换成真实台账后同样的分析会给出什么。",
            "Only three loan figures on the page are real: 36 communities, 87 loans, 13.9 "
            "million yuan. Every distribution here (amounts, dates, places, groups, sectors, "
            "jobs, repayment) is invented; the records show what the analysis would show on a "
            "real ledger.",
        ),
        imported=(
            "这些是研究者自己的台账：下文每个数字都由它算出，只说明台账记录的范围。",
            "These are the researcher's own ledger records: every figure below is computed "
            "from them and speaks only for what the ledger covers.",
        ),
    )
    return findings(sentences, notes, lang, loans=len(records))


def _is_match(status: object) -> bool:
    return str(status).startswith("match")


def headline(
    summary: pd.DataFrame,
    reconciliation: pd.DataFrame,
    records: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """Count, total, mean and median, and whether they reproduce the published figures.

    Parameters
    ----------
    summary
        :func:`analysis.loans.summary` of ``records``.
    reconciliation
        The rows of :func:`analysis.reconcile` for ``loans.LOAN_FIGURES`` (may be empty).
    records
        The loans, to compare business and individual loan sizes.

    Raises
    ------
    KeyError
        If a frame lacks a needed column.
    """
    lang = resolve_lang(lang)
    row = summary.iloc[0]
    n, total = int(row["loans"]), float(row["amount_yuan"])
    values: dict[str, object] = {"loans": n, "amount_yuan": total, "threshold": w.threshold()}
    out: list[str] = []
    status = dict(zip(reconciliation["figure_id"], reconciliation["status"], strict=True))
    matched = [_is_match(s) for s in status.values()]
    if status and all(matched):
        out.append(
            pick(
                lang,
                "记录共 {n}、{total}，与版面上的两个数字一致。",
                "The records hold {n} worth {total}: both published figures match.",
                n=w.loans_text(n, lang),
                total=yuan(total, lang),
            )
        )
    elif status:
        out.append(
            pick(
                lang,
                "记录共 {n}、{total}；与版面数字不一致的有 {k} 行（见上表），"
                "覆盖的时期或范围不同的台账不会重现版面的数字。",
                "The records hold {n} worth {total}; {k} of the published figures do not match "
                "(table above): a ledger covering another period or place will not reproduce "
                "them.",
                n=w.loans_text(n, lang),
                total=yuan(total, lang),
                k=count(matched.count(False)),
            )
        )
        values["mismatches"] = matched.count(False)
    if n == 0:
        return findings(out, _headline_caveats(lang), lang, **values)
    values.update(
        mean_yuan=float(row["mean_yuan"]),
        median_yuan=float(row["median_yuan"]),
        min_yuan=float(row["min_yuan"]),
        max_yuan=float(row["max_yuan"]),
    )
    if n == 1:
        out.append(
            pick(
                lang,
                "只有一笔贷款，无所谓平均和中位数。",
                "With a single loan there is no mean or median to speak of.",
            )
        )
    else:
        out.append(
            pick(
                lang,
                "平均每笔 {mean}，中位数 {median}；最小 {low}，最大 {high}。",
                "The mean loan is {mean}, the median {median}; the smallest {low}, the largest "
                "{high}.",
                mean=yuan(row["mean_yuan"], lang),
                median=yuan(row["median_yuan"], lang),
                low=yuan(row["min_yuan"], lang),
                high=yuan(row["max_yuan"], lang),
            )
        )
        out.append(_why_mean(records, row, lang, values))
    return findings(out, _headline_caveats(lang), lang, **values)


def _why_mean(records: pd.DataFrame, row: pd.Series, lang: str, values: dict) -> str | None:
    """Why the mean sits above the median, when small-business loans are the reason."""
    if not row["mean_yuan"] > row["median_yuan"]:
        return None
    records = with_columns(records, ("borrower_category",))
    shares = group_shares(records, "borrower_category")
    cells = w.status(shares["loans"])
    hit = shares["borrower_category"].astype(str) == BUSINESS
    if not hit.any() or int(shares.loc[hit, "loans"].iloc[0]) == 0:
        return None
    k = int(shares.loc[hit, "loans"].iloc[0])
    business = records["borrower_category"].astype(str) == BUSINESS
    individual_mean = records.loc[~business, "amount_yuan"].mean()
    if cells[hit].iloc[0] != disclosure.SHOWN or pd.isna(individual_mean):
        return pick(
            lang,
            "平均数高于中位数，部分因为小微企业贷款远大于个人贷款（见第 2 节）。",
            "The mean exceeds the median partly because small-business loans are far larger "
            "than individual ones (section 2).",
        )
    business_mean = float(shares.loc[hit, "mean_amount_yuan"].iloc[0])
    if business_mean <= individual_mean:
        return None
    values.update(
        business_loans=k, business_mean_yuan=business_mean, individual_mean_yuan=individual_mean
    )
    return pick(
        lang,
        "平均数高于中位数，是因为 {k} 笔小微企业贷款（平均 {b}）远大于个人贷款（平均 {i}，"
        "见第 2 节）。",
        "The mean exceeds the median because the {k} small-business loans (mean {b}) are far "
        "larger than individual ones (mean {i}; section 2).",
        k=count(k),
        b=yuan(business_mean, lang),
        i=yuan(individual_mean, lang),
    )


def _headline_caveats(lang: str) -> list[str]:
    return w.caveats(
        ["loans"],
        lang,
        synthetic=(
            "一致是设计出来的：生成器就按 87 笔和 1390 万元校准，所以这只说明记录与版面相符，"
            "不证明版面的数字。"
            "平均数（= 1390 万 ÷ 87）由两个真实数字决定；中位数、最小值和最大值来自编造的分布，"
            "不能引用。"
            "版面说“截至目前”，没有写从哪一天算起；合成数据假定从 2019 年初算起。",
            "The match is by construction: the generator is calibrated to 87 loans and 13.9 "
            "million yuan, so it shows the records agree with the page, not that the page is "
            "right. The mean (13.9 million / 87) follows from the two real figures; the median, "
            "minimum and maximum come from the invented distribution and must not be cited. The "
            'page says "to date" without a start date; the synthetic records assume the start '
            "of 2019.",
        ),
        imported=(
            "版面的数字是“截至目前”（约 2020 年 9 月下旬）的全区累计，没有起始日期；"
            "台账的时期或范围不同，两者不一致并不说明哪一方有错。",
            'The page\'s figures are district totals "to date" (late September 2020) with no '
            "start date; a ledger of another period or coverage can differ from them without "
            "either being wrong.",
        ),
    )
