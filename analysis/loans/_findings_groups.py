"""Findings of notebook 02's borrower-group and effect sections
(see :mod:`analysis.loans.findings`)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.loaders import domain_values
from analysis.datasets.schema import get_dataset
from analysis.loans import _words as w
from analysis.loans._groups import NOT_RECORDED
from analysis.presentation.findings import Findings, count, findings, listing, percent, pick
from analysis.presentation.labels import category_name
from analysis.rules import disclosure, policy
from analysis.rules.intervals import apart, wilson

BUSINESS = policy.SMALL_BUSINESS_CATEGORY
NOUNS = {
    "borrower_category": ("借款人类别", "borrower group"),
    "sector": ("行业", "sector"),
    "gender": ("性别", "gender"),
    "status": ("还款状态", "repayment status"),
}


def _domain(by: str) -> str:
    try:
        return get_dataset("loans").field(by).domain or by
    except KeyError:
        return by


def _own_words(by: str, labels: pd.Series) -> list[str]:
    """Values of ``by`` the vocabulary does not know: a ledger's own wording."""
    try:
        known = set(domain_values(_domain(by)))
    except KeyError:
        return []
    return [v for v in labels if v not in known and v != NOT_RECORDED]


def _noun(by: str, lang: str) -> str:
    zh, en = NOUNS.get(by, (by, by))
    return zh if lang == "zh" else en


def _cell(frame: pd.DataFrame, by: str, value: str) -> tuple[int, str]:
    """The count of ``value`` in a breakdown and how its table shows it."""
    cells = w.status(frame["loans"])
    hit = (frame[by].astype(str) == value).to_numpy()
    if not hit.any():
        return 0, disclosure.SHOWN
    return int(frame.loc[hit, "loans"].iloc[0]), str(cells[hit].iloc[0])


def _breakdown(frame: pd.DataFrame, lang: str, values: dict, rank: bool = True) -> list[str]:
    """Leading categories, not recorded, hidden cells and own wording of one breakdown."""
    by = frame.attrs.get("by", frame.columns[0])
    frame = frame.reset_index(drop=True)
    cells = w.status(frame["loans"])
    total = int(frame["loans"].sum())
    out: list[str] = []
    labels = frame[by].astype(str)
    noun = _noun(by, lang)
    if total == 0:
        return out
    missing, cell = _cell(frame, by, NOT_RECORDED)
    if missing == total:
        values[f"{by}_not_recorded"] = missing
        return [
            pick(
                lang,
                "所有贷款都没有记录{noun}。",
                "No loan records its {noun}.",
                noun=noun,
            )
        ]
    recorded = frame[(labels != NOT_RECORDED).to_numpy() & (cells == disclosure.SHOWN).to_numpy()]
    recorded = recorded[recorded["loans"] > 0].sort_values("loans", ascending=False, kind="stable")
    if len(recorded) and rank:
        top = recorded.head(3)
        items = [
            pick(
                lang,
                "{name}（{n} 笔，{p}）",
                "{name} ({n}, {p})",
                name=category_name(_domain(by), str(v), lang),
                n=count(n),
                p=percent(s, 0),
            )
            for v, n, s in zip(top[by], top["loans"], top["loan_share"], strict=True)
        ]
        for i, (n, s) in enumerate(zip(top["loans"], top["loan_share"], strict=True)):
            values.update({f"{by}_{i}_loans": int(n), f"{by}_{i}_share": float(s)})
        ties = top["loans"].duplicated(keep=False).any()
        out.append(
            pick(
                lang,
                "按{noun}，笔数最多的依次是{items}{tie}。",
                "By {noun}, the most loans went to {items}{tie}.",
                noun=noun,
                items=listing(items, lang),
                tie=pick(lang, "（有并列）", " (some tied)") if ties else "",
            )
        )
        if len(top) > 1:  # is the first ahead of the second beyond chance?
            first, second = (wilson(int(n), total) for n in top["loans"].head(2))
            values.update({f"{by}_first_low": first[0], f"{by}_second_high": second[1]})
            out.append(
                pick(
                    lang,
                    "前两位的 95% 区间{verdict}。",
                    "The 95% CIs of the first two {verdict}.",
                    verdict=pick(
                        lang,
                        "不重叠：排序超出偶然波动",
                        "do not overlap: the order is beyond chance",
                    )
                    if apart(first, second)
                    else pick(
                        lang,
                        "重叠：记录不足以区分两者",
                        "overlap: the records do not tell them apart",
                    ),
                )
            )
    elif rank:
        out.append(
            pick(
                lang,
                "按{noun}，有记录的每一类笔数都{few}或被隐去。",
                "By {noun}, every recorded group has {few} or a hidden count.",
                noun=noun,
                few=w.few(lang),
            )
        )
    if missing:
        values[f"{by}_not_recorded"] = missing if cell == disclosure.SHOWN else None
    if missing and cell == disclosure.SHOWN:
        out.append(
            w.capital(
                pick(
                    lang,
                    "{n}没有记录{noun}。",
                    "{n} do not record their {noun}.",
                    n=w.loans_text(missing, lang),
                    noun=noun,
                )
            )
        )
    # Every hidden group in one list, whichever rule hid it (the mark does not say).
    hidden = [
        category_name(_domain(by), v, lang)
        for v, c in zip(labels, cells, strict=True)
        if c != disclosure.SHOWN
    ]
    if hidden:
        out.append(
            pick(
                lang,
                "{names}的笔数隐去（“x”）。",
                'The counts of {names} are hidden ("x").',
                names=listing(hidden, lang),
            )
        )
    own = _own_words(by, labels[frame["loans"] > 0])
    if own:
        values[f"{by}_own_words"] = len(own)
        out.append(
            pick(
                lang,
                "{k} 个{noun}取值不在词表中，按台账原样显示：{names}。",
                "{k} {noun} {v} not in the vocabulary and shown as the ledger writes them: "
                "{names}.",
                v="value is" if len(own) == 1 else "values are",
                k=count(len(own)),
                noun=noun,
                names=listing(own, lang),
            )
        )
    return out


def groups(
    by_category: pd.DataFrame,
    by_sector: pd.DataFrame,
    by_gender: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """Who got the loans: borrower groups, sectors and gender, not-recorded shares included.

    Parameters
    ----------
    by_category, by_sector, by_gender
        :func:`analysis.loans.group_shares` by ``borrower_category``, ``sector`` and
        ``gender`` (the section's charts and tables).

    Raises
    ------
    KeyError
        If a frame lacks ``loans`` or ``loan_share``.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {"threshold": w.threshold()}
    out = _breakdown(by_category, lang, values)
    n, cell = _cell(by_category, "borrower_category", BUSINESS)
    if n and cell == disclosure.SHOWN:
        row = by_category[by_category["borrower_category"].astype(str) == BUSINESS].iloc[0]
        values.update(
            business_loan_share=row["loan_share"], business_amount_share=row["amount_share"]
        )
        out.append(
            pick(
                lang,
                "小微企业只占笔数的 {a}，却占金额的 {b}。",
                "Small businesses hold {a} of the loans but {b} of the amount.",
                a=percent(row["loan_share"], 0),
                b=percent(row["amount_share"], 0),
            )
        )
    out += _breakdown(by_sector, lang, values)
    out += _breakdown(by_gender, lang, values, rank=False)
    women, wc = _cell(by_gender, "gender", "女")
    men, mc = _cell(by_gender, "gender", "男")
    if women + men and wc == mc == disclosure.SHOWN:
        values.update(women=women, men=men)
        out.append(
            pick(
                lang,
                "在个人借款人中，女性 {w} 笔，男性 {m} 笔。",
                "Among individual borrowers, {w} loans went to women and {m} to men.",
                w=count(women),
                m=count(men),
            )
        )
    notes = w.caveats(
        ["loans"],
        lang,
        synthetic=(
            "这些比例都是生成器设定的概率抽出来的（见 analysis/synth/loans.py），不能引用；"
            "“未记录”的笔数也是编造的，只是为了说明它们在真实台账中应如何呈现。",
            "These shares were drawn from probabilities set in the generator "
            "(analysis/synth/loans.py) and must not be cited; the not-recorded counts are "
            "invented too, to show how real gaps should be reported.",
        ),
        imported=(
            "台账没有的列读作“未记录”；“未记录”单列一类，从不删去：空白本身就是需要报告的信息。",
            "A column the ledger lacks reads as not recorded, a category of its own, "
            "never dropped: gaps in a ledger are worth reporting.",
        ),
    )
    notes.append(
        pick(
            lang,
            "版面没有任何分人群、分行业或分性别的数字。",
            "The page gives no breakdown by group, sector or gender.",
        )
    )
    return findings(out, notes, lang, **values)
