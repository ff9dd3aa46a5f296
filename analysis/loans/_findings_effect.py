"""Findings of notebook 02's jobs-reported-and-repayment section: jobs and repayment
(see :mod:`analysis.loans.findings`)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._groups import NOT_RECORDED
from analysis.presentation.findings import Findings, count, findings, listing, number, percent, pick
from analysis.rules import disclosure, policy
from analysis.rules.intervals import wilson

BUSINESS = policy.SMALL_BUSINESS_CATEGORY
CURRENT, OVERDUE, REPAID = "正常还款", "逾期", "已结清"


def _jobs(summary: pd.Series, jobs: pd.DataFrame, lang: str, values: dict) -> list[str]:
    n, recorded = int(summary["loans"]), int(summary["jobs_recorded"])
    if recorded == 0:
        values["jobs_not_recorded"] = n
        return [
            pick(lang, "台账没有记录带动就业人数。", "The records hold no count of jobs created.")
        ]
    if recorded < w.threshold():  # one or two loans' jobs would be theirs alone
        values["jobs_recorded"] = None
        return [
            pick(
                lang,
                "记录带动就业人数的贷款{few}，不单独报告。",
                "Only {few} record jobs created; their count is not reported on its own.",
                few=w.few(lang),
            )
        ]
    values.update(
        jobs=summary["jobs"],
        jobs_per_loan=summary["jobs_per_loan"],
        jobs_per_100k_yuan=summary["jobs_per_100k_yuan"],
        jobs_recorded=recorded,
    )
    out = [
        pick(
            lang,
            "{n}在台账“带动就业”一栏（借款人自报）共登记 {j} 个岗位，"
            "平均每笔 {p} 个，每 10 万元 {q} 个。",
            "The {n} that record jobs report {j} jobs in the ledger's self-declared field "
            '"jobs created": {p} per loan, {q} per 100,000 yuan.',
            n=w.loans_text(recorded, lang) if lang == "zh" else w.loans_text(recorded, lang),
            j=count(summary["jobs"]),
            p=number(summary["jobs_per_loan"], 1),
            q=number(summary["jobs_per_100k_yuan"], 2),
        )
    ]
    if recorded < n:
        values["jobs_not_recorded"] = n - recorded
        out.append(
            pick(
                lang,
                "另有 {k} 没有记录就业人数，不计为零。",
                "Jobs are not recorded for {k} more; they are left out, not counted as zero.",
                k=w.loans_text(n - recorded, lang),
            )
        )
    by = jobs.attrs.get("by", jobs.columns[0])
    cells = w.status(jobs["loans"])
    ok = (cells == disclosure.SHOWN).to_numpy() & jobs["jobs_per_loan"].notna().to_numpy()
    labels = jobs[by].astype(str)
    people = jobs[ok & (labels != BUSINESS).to_numpy() & (labels != NOT_RECORDED).to_numpy()]
    business = jobs[ok & (labels == BUSINESS).to_numpy()]
    if len(people) >= 2:
        low, high = people["jobs_per_loan"].min(), people["jobs_per_loan"].max()
        values.update(individual_jobs_low=low, individual_jobs_high=high)
        out.append(
            pick(
                lang,
                "个人贷款每笔登记约 {a}—{b} 个（含借款人本人）",
                "Individual loans report about {a}–{b} jobs each (the borrower included)",
                a=number(low, 1),
                b=number(high, 1),
            )
        )
    if len(business):
        row = business.iloc[0]
        values.update(
            business_jobs_per_loan=row["jobs_per_loan"],
            business_jobs_per_100k_yuan=row["jobs_per_100k_yuan"],
        )
        text = pick(
            lang,
            "小微企业每笔 {a} 个、每 10 万元 {b} 个",
            "small-business loans {a} each and {b} per 100,000 yuan",
            a=number(row["jobs_per_loan"], 1),
            b=number(row["jobs_per_100k_yuan"], 1),
        )
        if len(people) >= 2:
            out[-1] += pick(lang, "，{t}。", ", {t}.", t=text)
        else:
            out.append(pick(lang, "{t}。", "{t}.", t=text[0].upper() + text[1:]))
    elif len(people) >= 2:
        out[-1] += pick(lang, "。", ".")
    return out


def _status(summary: pd.Series, by_status: pd.DataFrame, lang: str, values: dict) -> list[str]:
    known = int(summary["status_recorded"])
    if known == 0:
        return [
            pick(
                lang,
                "台账没有记录还款状态（发放台账通常不记录还款），逾期情况无从谈起。",
                "The records hold no repayment status (an issuance ledger usually does not), so "
                "nothing can be said of overdue loans.",
            )
        ]
    frame = by_status.reset_index(drop=True)
    cells = w.status(frame["loans"])
    parts = []
    for state, zh, en in (
        (CURRENT, "正常还款", "current"),
        (REPAID, "已结清", "repaid"),
        (OVERDUE, "逾期", "overdue"),
    ):
        hit = (frame["status"].astype(str) == state).to_numpy()
        if not hit.any():
            continue
        n, cell = int(frame.loc[hit, "loans"].iloc[0]), str(cells[hit].iloc[0])
        if cell == disclosure.SHOWN:
            values[f"status_{state}"] = n
        parts.append(
            pick(
                lang,
                "{n}{a}",
                "{n} {b}",
                n=(w.loans_text(n, lang) if lang == "zh" else count(n))
                if cell == disclosure.SHOWN
                else w.shown_count(n, cell, lang),
                a=zh,
                b=en,
            )
        )
    out = [
        pick(
            lang,
            "{k}中，{parts}",
            "Of {k} with a recorded status, {parts}",
            k=w.loans_text(known, lang),
            parts="、".join(parts) if lang == "zh" else listing(parts, lang),
        )
    ]
    values["status_recorded"] = known
    overdue_cell = cells[(frame["status"].astype(str) == OVERDUE).to_numpy()]
    if len(overdue_cell) and (overdue_cell == disclosure.SHOWN).all() and summary["overdue"]:
        overdue = int(summary["overdue"])
        outstanding = round(overdue / summary["overdue_share_outstanding"])
        low, high = wilson(overdue, known)
        low2, high2 = wilson(overdue, outstanding)
        values.update(
            overdue_share=summary["overdue_share"],
            overdue_share_outstanding=summary["overdue_share_outstanding"],
            overdue_ci_low=low,
            overdue_ci_high=high,
            overdue_outstanding_ci_low=low2,
            overdue_outstanding_ci_high=high2,
        )
        # Shares of a few dozen loans: the interval, not a second decimal, is the message.
        out[-1] += pick(
            lang,
            "：逾期占有记录贷款的 {a}（95% 区间 {l1}—{h1}），占未结清贷款的 {b}"
            "（{l2}—{h2}）；区间很宽，因为逾期只有 {k} 笔。",
            ": overdue loans are {a} of those with a status (95% CI {l1}–{h1}) and {b} of "
            "those not yet repaid ({l2}–{h2}); the intervals are wide because only {k} are "
            "overdue.",
            a=percent(summary["overdue_share"]),
            b=percent(summary["overdue_share_outstanding"]),
            l1=percent(low),
            h1=percent(high),
            l2=percent(low2),
            h2=percent(high2),
            k=count(overdue),
        )
    else:
        out[-1] += pick(lang, "。", ".")
    if known < n_total(summary):
        values["status_not_recorded"] = n_total(summary) - known
        out.append(
            pick(
                lang,
                "另有 {k} 没有记录还款状态。",
                "{k} more do not record a status.",
                k=w.loans_text(n_total(summary) - known, lang),
            )
        )
    return out


def n_total(summary: pd.Series) -> int:
    return int(summary["loans"])


def _risk(table: pd.DataFrame, lang: str, values: dict) -> list[str]:
    """How much of repayment by group survives small-cell protection."""
    shown = disclosure.cell_status(table) if table.size else table
    nonzero = table.to_numpy() > 0
    readable = int(((shown == disclosure.SHOWN).to_numpy() & nonzero).sum())
    cells = int(nonzero.sum())
    if not cells:
        return []
    values.update(status_cells=cells, status_cells_shown=readable)
    if OVERDUE in table.columns:
        col = (shown[OVERDUE] == disclosure.SHOWN) & (table[OVERDUE] > 0)
        if readable * 2 < cells or not col.any():
            return [
                pick(
                    lang,
                    "按人群看还款状态，{c} 个非零格子中只有 {r} 个能公布，逾期一列无法分人群公布："
                    "贷款太少，"
                    "分人群的风险在阈值 {t} 下不能发布，能发布的是全区的逾期率。",
                    "By group, only {r} of the {c} non-zero cells can be shown and overdue loans "
                    "cannot be shown by group: there are too few loans to publish risk by group at "
                    "threshold {t}; the district overdue rate can be.",
                    c=count(cells),
                    r=count(readable),
                    t=w.threshold(),
                )
            ]
    return [
        pick(
            lang,
            "按人群看还款状态，{c} 个非零格子中 {r} 个可以公布。",
            "By group, {r} of the {c} non-zero status cells can be shown.",
            c=count(cells),
            r=count(readable),
        )
    ]


def effect(
    summary: pd.DataFrame,
    jobs: pd.DataFrame,
    by_status: pd.DataFrame,
    status_table: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """Jobs created and repayment: totals, rates per group, and what protection leaves.

    Parameters
    ----------
    summary
        :func:`analysis.loans.summary`.
    jobs
        :func:`analysis.loans.jobs_by_group` (by borrower group).
    by_status
        :func:`analysis.loans.group_shares` by ``status``.
    status_table
        :func:`analysis.loans.status_by_group` (the grid chart).

    Raises
    ------
    KeyError
        If a frame lacks a needed column.
    """
    lang = resolve_lang(lang)
    row = summary.iloc[0]
    values: dict[str, object] = {"threshold": w.threshold(), "loans": int(row["loans"])}
    if int(row["loans"]) == 0:
        out = [
            pick(
                lang,
                "没有贷款，无从谈就业和还款。",
                "With no loan there are no jobs or repayments to report.",
            )
        ]
    else:
        out = _jobs(row, jobs, lang, values) + _status(row, by_status, lang, values)
        if int(row["status_recorded"]):
            out += _risk(status_table.drop(columns=[NOT_RECORDED], errors="ignore"), lang, values)
    notes = w.caveats(
        ["loans"],
        lang,
        synthetic=(
            "就业数和还款状态都是编造的：个人每笔 1—6 个、企业 5—40 个岗位；"
            "“已结清”只在贷款期限届满后出现"
            "（合成数据中没有提前还款），逾期笔数是在 2%—5% 之间随机抽的。",
            "Jobs and repayment are invented: 1–6 jobs per individual loan, 5–40 per business; "
            '"repaid" appears only once a loan\'s term has run out (no early repayment in the '
            "synthetic data), and the overdue count was drawn at 2–5%.",
        ),
    )
    notes.append(
        pick(
            lang,
            "真实台账中，“带动就业”通常是申请时的登记数，未经回访核实，"
            "应与“回访跟踪”的结果对照后再用。",
            'In real ledgers, "jobs created" is usually what the applicant declared, not '
            "verified; check it against the follow-up visits before using it.",
        )
    )
    return findings(out, notes, lang, **values)
