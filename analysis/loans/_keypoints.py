"""The key points of notebook 02: what the loan records show, first, in 3–6 sentences.

Every point is computed by the same metrics and findings functions the page's sections
use (:mod:`analysis.loans.metrics`, :mod:`analysis.loans.findings`), and says only what
those sections say: a count a table hides is "a hidden number (x)", a ranking is read as
more than chance only when the 95 % intervals do not overlap, and an empty, one-row or
imported ledger gets what the records do not show instead of a failure.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._findings_main import headline
from analysis.loans._findings_spread import geography
from analysis.loans._findings_trend import concentration as concentration_findings
from analysis.loans._groups import NOT_RECORDED
from analysis.loans._places import FROM_LEDGER
from analysis.loans.metrics import (
    LOAN_FIGURES,
    by_community,
    by_unit,
    concentration,
    group_shares,
    summary,
)
from analysis.presentation.findings import count, number, percent, pick, yuan
from analysis.presentation.keypoints import KeyPoints, no_records_point
from analysis.presentation.keypoints import key_points as box
from analysis.presentation.labels import category_name
from analysis.presentation.wording import counted
from analysis.rules import disclosure
from analysis.rules.intervals import apart, wilson
from analysis.rules.reconciliation import reconcile

OVERDUE = "逾期"


def _figures(records: pd.DataFrame, communities: pd.DataFrame | None) -> pd.DataFrame:
    """The reconciliation rows of the loan figures (count and amount), as section 1 shows."""
    frames = {"loans": records}
    if communities is not None:
        frames["communities"] = communities
    table = reconcile(frames)
    return table.loc[table["figure_id"].isin(LOAN_FIGURES)]


def _headline(records, communities, head, lang, values) -> str:
    """Count and total, whether they match the page, and the mean and median."""
    found = headline(head, _figures(records, communities), records, lang)
    values.update(
        {k: found.values[k] for k in ("loans", "amount_yuan", "mismatches") if k in found.values}
    )
    row = head.iloc[0]
    n, total = int(row["loans"]), float(row["amount_yuan"])
    matched = "mismatches" not in found.values
    first = pick(
        lang,
        "记录共 {n}、{total}，{m}",
        "The records hold {n} worth {total}, {m}",
        n=w.loans_text(n, lang),
        total=yuan(total, lang),
        m=pick(lang, "与版面公布的两个数字一致", "the two figures the newspaper page published")
        if matched
        else pick(
            lang,
            "不同于版面公布的全区合计（时期或范围不同的台账本来就会不同）",
            "which differ from the district totals the newspaper page published (a ledger of "
            "another period or coverage can differ without either being wrong)",
        ),
    )
    if n == 1:
        return first + pick(lang, "。", ".")
    values.update(mean_yuan=float(row["mean_yuan"]), median_yuan=float(row["median_yuan"]))
    return first + pick(
        lang,
        "；平均每笔 {mean}，中位数 {median}。",
        "; the mean loan is {mean}, the median {median}.",
        mean=yuan(row["mean_yuan"], lang),
        median=yuan(row["median_yuan"], lang),
    )


def _units(per_unit, per_community, lang, values) -> str | None:
    """The units with the most and fewest loans, with their shares' 95 % intervals."""
    found = geography(per_unit, per_community, lang)
    if "top_share_low" not in found.values:  # a tie, a hidden or a single unit: as §3 says
        return found.sentences[0] if found.sentences else None
    units = per_unit.reset_index(drop=True)
    total = int(units["loans"].sum())
    top, bottom = int(found.values["top_loans"]), int(found.values["bottom_loans"])
    shown = units[(w.status(units["loans"]) == disclosure.SHOWN).to_numpy()]
    first = shown[shown["loans"] == top]["unit_id"].astype(str).tolist()
    last = shown[shown["loans"] == bottom]["unit_id"].astype(str).tolist()
    high, low = wilson(top, total), wilson(bottom, total)
    values.update(
        top_unit=first[0],
        top_loans=top,
        top_share_low=high[0],
        top_share_high=high[1],
        bottom_unit=last[0],
        bottom_loans=bottom,
        bottom_share_low=low[0],
        bottom_share_high=low[1],
    )
    verdict = (
        pick(lang, "差别超出偶然波动", "a difference beyond chance")
        if apart(high, low)
        else pick(
            lang,
            "区间重叠，记录不足以区分两者",
            "the intervals overlap, so the records do not tell them apart",
        )
    )
    return pick(
        lang,
        "{a}的贷款最多（{n} 笔，占全区 {al}–{ah}），{b}最少（{m} 笔，{bl}–{bh}；95% 区间）：{v}。",
        "{a} has the most loans ({n}, {al}–{ah} of the district's) and {b} the fewest ({m}, "
        "{bl}–{bh}; 95% CIs): {v}.",
        a=w.tied([w.unit_name(u, lang, units) for u in first], lang),
        b=w.tied([w.unit_name(u, lang, units) for u in last], lang),
        n=count(top),
        m=count(bottom),
        al=percent(high[0], 0),
        ah=percent(high[1], 0),
        bl=percent(low[0], 0),
        bh=percent(low[1], 0),
        v=verdict,
    )


def _communities(records, communities, per_community, lang, values) -> str | None:
    """Communities with and without a loan, and whether their spread is more than chance."""
    n = len(per_community)
    reached = int((per_community["loans"] > 0).sum())
    values.update(communities=n, communities_with_loans=reached)
    if per_community.attrs.get("community_source") == FROM_LEDGER:
        first = pick(
            lang,
            "贷款分布在台账记载的 {n} 个社区（没有社区名单，看不到没有贷款的社区）",
            "The loans name {n_en} (without a community list, communities with no loan "
            "cannot be seen)",
            n=count(n),
            n_en=counted(n, "en", "community", en_plural="communities"),
        )
    else:
        first = pick(
            lang,
            "名单上的 {n} 个社区中 {r} 个有贷款、{z} 个没有",
            "{r} of the {n} communities on the list have a loan and {z} have none",
            n=count(n),
            r=count(reached),
            z=count(n - reached),
        )
        values["communities_without_loans"] = n - reached
    summary_, _ = concentration(records, communities)
    found = concentration_findings(summary_, per_community, records, lang)
    v = found.values
    if "chance_gini_low" not in v or "communities_gini" not in v:
        return first + pick(lang, "。", ".")
    g, low, high = v["communities_gini"], v["chance_gini_low"], v["chance_gini_high"]
    values.update(communities_gini=g, chance_gini_low=low, chance_gini_high=high)
    inside = low <= g <= high
    return first + pick(
        lang,
        "；社区之间的基尼系数 {g} {how}把同样的贷款随机分给各社区所得的范围（{l}–{h}）{end}。",
        "; the Gini across communities, {g}, lies {how} the range random allocation of the "
        "same loans gives ({l}–{h}){end}.",
        g=number(g, 2),
        l=number(low, 2),
        h=number(high, 2),
        how=pick(lang, "在", "within")
        if inside
        else (pick(lang, "高于", "above") if g > high else pick(lang, "低于", "below")),
        end=pick(
            lang, "之内：不说明贷款偏向哪些社区", ": no sign of loans favouring some communities"
        )
        if inside
        else "",
    )


def _groups(records, lang, values) -> str | None:
    """The borrower groups with the most loans, with their shares' 95 % intervals."""
    frame = group_shares(records, "borrower_category").reset_index(drop=True)
    cells = w.status(frame["loans"])
    total = int(frame["loans"].sum())
    labels = frame["borrower_category"].astype(str)
    if int(frame.loc[(labels == NOT_RECORDED).to_numpy(), "loans"].sum()) == total:
        return pick(
            lang, "台账没有记录借款人类别。", "The records do not say who the borrowers are."
        )
    shown = frame[(cells == disclosure.SHOWN).to_numpy() & (labels != NOT_RECORDED).to_numpy()]
    shown = shown[shown["loans"] > 0].sort_values("loans", ascending=False, kind="stable")
    if shown.empty:
        return pick(
            lang,
            "按借款人类别，每一类的笔数都被隐去（小单元保护）。",
            "By borrower group, every count is hidden (small-cell protection).",
        )
    name = [category_name("borrower_category", str(v), lang) for v in shown["borrower_category"]]
    first = wilson(int(shown["loans"].iloc[0]), total)
    values.update(
        top_group=str(shown["borrower_category"].iloc[0]),
        top_group_loans=int(shown["loans"].iloc[0]),
        top_group_low=first[0],
        top_group_high=first[1],
    )
    lead = pick(
        lang,
        "借款人类别中，{a}的贷款最多（{n} 笔，95% 区间 {l}–{h}）",
        "Among borrower groups, {a} hold the most loans ({n}; 95% CI {l}–{h} of all)",
        a=name[0],
        n=count(shown["loans"].iloc[0]),
        l=percent(first[0], 0),
        h=percent(first[1], 0),
    )
    if len(shown) < 2:
        return lead + pick(lang, "。", ".")
    second = wilson(int(shown["loans"].iloc[1]), total)
    values.update(second_group_loans=int(shown["loans"].iloc[1]), second_group_high=second[1])
    if int(shown["loans"].iloc[1]) == int(shown["loans"].iloc[0]):
        return pick(
            lang,
            "借款人类别中，{a}和{b}的贷款并列最多（各 {n} 笔，95% 区间 {l}–{h}）。",
            "Among borrower groups, {a} and {b} are tied for the most loans ({n} each; 95% CI "
            "{l}–{h} of all).",
            a=name[0],
            b=name[1],
            n=count(shown["loans"].iloc[0]),
            l=percent(first[0], 0),
            h=percent(first[1], 0),
        )
    return lead + pick(
        lang,
        "，其次是{b}（{m} 笔，{l}–{h}）：{v}。",
        ", then {b} ({m}; {l}–{h}): {v}.",
        b=name[1],
        m=count(shown["loans"].iloc[1]),
        l=percent(second[0], 0),
        h=percent(second[1], 0),
        v=pick(lang, "排序超出偶然波动", "the order is beyond chance")
        if apart(first, second)
        else pick(
            lang,
            "区间重叠，记录不足以区分两者",
            "the intervals overlap, so the records do not tell them apart",
        ),
    )


def _repayment(records, head, lang, values) -> str:
    """The overdue share of the loans with a recorded status, with its 95 % interval."""
    row = head.iloc[0]
    known = int(row["status_recorded"])
    if known == 0:
        return pick(
            lang,
            "台账没有记录还款状态（发放台账通常不记录），看不出逾期情况。",
            "The records hold no repayment status (an issuance ledger usually does not), so "
            "they show nothing about overdue loans.",
        )
    frame = group_shares(records, "status").reset_index(drop=True)
    hit = (frame["status"].astype(str) == OVERDUE).to_numpy()
    cell = str(w.status(frame["loans"])[hit].iloc[0]) if hit.any() else disclosure.SHOWN
    overdue = int(row["overdue"])
    if cell != disclosure.SHOWN:
        return pick(
            lang,
            "有还款状态的 {k}中，逾期的笔数隐去（{x}）。",
            "Of the {k} with a repayment status, the number overdue is hidden ({x}).",
            k=w.loans_text(known, lang),
            x=disclosure.MARK,
        )
    low, high = wilson(overdue, known)
    values.update(overdue=overdue, status_recorded=known, overdue_low=low, overdue_high=high)
    return pick(
        lang,
        "有还款状态的 {k}中 {o} 笔逾期，占 {p}（95% 区间 {l}–{h}）。",
        "{o} of the {k} with a repayment status {are} overdue: {p} (95% CI {l}–{h}).",
        k=w.loans_text(known, lang),
        o=count(overdue),
        are="is" if overdue == 1 else "are",
        p=percent(row["overdue_share"]),
        l=percent(low),
        h=percent(high),
    )


def _jobs(head, lang, values) -> str:
    """Jobs the borrowers declared, said as declared (no comparison group)."""
    row = head.iloc[0]
    recorded = int(row["jobs_recorded"])
    if recorded == 0:
        return pick(
            lang, "台账没有记录带动就业人数。", "The records hold no count of jobs created."
        )
    if recorded < w.threshold():
        return pick(
            lang,
            "记录带动就业人数的贷款{few}，不单独报告。",
            "Only {few} record jobs created; their count is not reported on its own.",
            few=w.few(lang),
        )
    values.update(jobs=int(row["jobs"]), jobs_recorded=recorded, jobs_per_loan=row["jobs_per_loan"])
    return pick(
        lang,
        "{n}的借款人自报带动就业 {j} 人（每笔 {p} 人）；这是申请时的登记数，没有对照组，"
        "不能读作贷款的效果。",
        "Borrowers of the {n} that record it declared {j} jobs ({p} per loan): self-declared, "
        "with no comparison group, so not an effect of the loans.",
        n=w.loans_text(recorded, lang),
        j=count(row["jobs"]),
        p=number(row["jobs_per_loan"], 1),
    )


def key_points(
    records: pd.DataFrame,
    communities: pd.DataFrame | None = None,
    units: pd.DataFrame | None = None,
    lang: str | None = None,
) -> KeyPoints:
    """The key-points box of notebook 02, computed from the loan records.

    Parameters
    ----------
    records
        The loans (:func:`analysis.load_loans`).
    communities
        The community list (:func:`analysis.load_communities`); ``None`` when there is none
        (the list is then built from the ledger, as on the page).
    units
        The units table; ``None`` loads it.

    Returns
    -------
    KeyPoints
        3–6 points (headline, where the loans went, communities and concentration, borrower
        groups, repayment, jobs) with the records' origin; ``values`` holds every number
        they state.

    Raises
    ------
    KeyError
        If ``records`` lacks ``amount_yuan``, ``issued_on``, ``unit_id`` or ``community_id``.
    """
    lang = resolve_lang(lang)
    if units is None:
        from analysis.datasets.loaders import load_units

        units = load_units()
    head = summary(records)
    values: dict[str, object] = {"threshold": w.threshold()}
    per_community = by_community(records, communities)
    datasets = w.place_datasets(per_community)
    if int(head["loans"].iloc[0]) == 0:
        points = [
            no_records_point("loans", lang),
            pick(
                lang,
                "因此看不出贷款落在哪些街道、社区和人群，也看不出集中程度和发放时间。",
                "So they show nothing about which units, communities or groups got loans, how "
                "concentrated the amounts are, or when they were issued.",
            ),
            pick(
                lang,
                "也没有就业和还款状态可以报告。",
                "Nor is there any job count or repayment status to report.",
            ),
        ]
        return box(points, datasets, lang, loans=0, **values)
    per_unit = by_unit(records, units, communities)
    points = [
        _headline(records, communities, head, lang, values),
        _units(per_unit, per_community, lang, values),
        _communities(records, communities, per_community, lang, values),
        _groups(records, lang, values),
        _repayment(records, head, lang, values),
        _jobs(head, lang, values),
    ]
    return box(points, datasets, lang, **values)
