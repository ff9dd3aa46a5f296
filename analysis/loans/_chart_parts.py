"""What every loan chart shares: its words, the names of places and groups, the bar rows.

The words of every chart (:data:`TEXT`), how a category or unit is named (a ledger's own
wording as written, through :mod:`analysis.presentation.labels`), money in 万元, and the
horizontal bars whose hidden cells get only their mark.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.datasets.schema import get_dataset
from analysis.loans.metrics import NOT_RECORDED
from analysis.presentation.labels import category_name, unit_name
from analysis.presentation.plotkit import t
from analysis.presentation.text import Catalogue

INK = "0.15"
#: Every piece of chart text: key → (Chinese, English).
TEXT = Catalogue(
    __name__,
    {
        "hist_title": ("贷款金额分布与政策上限", "Loan amounts and the policy caps"),
        "individual": ("个人贷款", "individual borrowers"),
        "business": ("小微企业贷款", "small and micro businesses"),
        "amount_axis": ("金额（万元）", "amount (10,000 yuan)"),
        "count_axis": ("笔数（笔）", "number of loans"),
        "cap_2018": ("个人上限 15 万元（2020年4月15日前）", "individual cap before 15 Apr 2020"),
        "cap_2020": ("个人上限 20 万元（财金〔2020〕21号）", "individual cap from 15 Apr 2020"),
        "cap_business": ("小微企业上限 300 万元", "small-business cap"),
        "unit_title": ("各街道（镇）的贷款金额", "Loan amounts by subdistrict and town"),
        "unit_axis": ("街道/镇", "subdistrict / town"),
        "loans_unit": ("笔", " loans"),
        "community_title": (
            "各社区的贷款笔数（含宣传覆盖但未获贷款的社区）",
            "Loans per community, including those reached by publicity without a loan",
        ),
        "community_axis": ("社区", "community"),
        "group_borrower_category": ("借款人类别", "borrower group"),
        "group_sector": ("行业", "sector"),
        "group_gender": ("性别", "gender"),
        "groups_title": ("按{}：笔数与金额", "By {}: loans and amounts"),
        "lorenz_title": (
            "贷款金额的集中程度（洛伦兹曲线）",
            "Concentration of amounts (Lorenz curve)",
        ),
        "lorenz_x": (
            "累计占比：贷款或社区，从小到大（%）",
            "cumulative share of loans or communities (%)",
        ),
        "lorenz_y": ("累计占比：贷款金额（%）", "cumulative share of the amount (%)"),
        "equality": ("完全平均", "perfect equality"),
        "level_loans": ("各笔贷款", "across loans"),
        "level_communities": ("各社区（含无贷款社区）", "across communities (incl. none)"),
        "lorenz_label": (
            "{}：基尼系数 {:.2f}，最大 10% 占 {:.0%}",
            "{}: Gini {:.2f}, top 10% hold {:.0%}",
        ),
        "time_title": ("每月发放笔数与累计金额", "Loans per month and cumulative amount"),
        "month_axis": ("发放月份", "month issued"),
        "cumulative_axis": ("累计金额（万元）", "cumulative amount (10,000 yuan)"),
        "policy_2020": ("财金〔2020〕21号印发", "2020 notice issued"),
        "monthly": ("当月发放笔数", "loans issued in the month"),
        "cumulative": ("累计金额（月末）", "cumulative amount (month end)"),
        "jobs_title": ("按{}：带动就业", "By {}: jobs created"),
        "jobs_per_loan": ("每笔贷款带动就业（个/笔）", "jobs per loan"),
        "jobs_per_100k": ("每10万元带动就业（个/10万元）", "jobs per 100,000 yuan"),
        "status_title": ("按{}：还款状态（笔）", "Repayment status by {} (loans)"),
        "status_axis": ("还款状态", "repayment status"),
        "loans_word": ("笔数", "loans"),
        "level_axis": ("层级", "level"),
        "n_axis": ("贷款或社区数", "loans or communities"),
        "gini_axis": ("基尼系数", "Gini coefficient"),
        "top_axis": ("最大 10% 所占金额（%）", "amount held by the largest 10% (%)"),
        "withheld": (
            "贷款太少：画出金额分布会认出个别借款人，不画",
            "Too few loans: their amounts would identify\nborrowers, so the bars are not drawn",
        ),
        "cumulative_hidden": (
            "累计金额只画在笔数公布的月份末",
            "cumulative amount drawn only at the end of months whose count is shown",
        ),
    },
)


def label(by: str, value: str, lang: str) -> str:
    """The display name of ``value`` in the breakdown ``by`` (a unit, or a category).

    A value outside the vocabulary, or of a column the loans schema lacks, is shown as is.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    if by == "unit_id":
        return unit_name(value, lang)
    try:
        domain = get_dataset("loans").field(by).domain or by
    except KeyError:  # a column the schema does not describe: no vocabulary to look in
        return value
    return category_name(domain, value, lang)


def group_name(by: str, lang: str) -> str:
    """The name of a breakdown (``行业`` / ``sector``); a column without one, as it is."""
    return t(TEXT, f"group_{by}", lang) if f"group_{by}" in TEXT else by


def shown_rows(frame: pd.DataFrame, by: str) -> np.ndarray:
    """Rows a chart by group draws: all but a "not recorded" (未记录) row counting no loan.

    Its zero says nothing about the ledger; a 未记录 row that counts loans is kept.
    """
    empty = (frame[by].astype(str) == NOT_RECORDED).to_numpy() & (frame["loans"] == 0).to_numpy()
    return ~empty


def money(wan: float, lang: str) -> str:
    """``12万元`` / ``120k yuan``."""
    return f"{wan:,.0f}万元" if lang == "zh" else f"{wan * 10:,.0f}k yuan"


def hbars(
    ax: Axes, names: list[str], cells: pd.DataFrame, values, colours, labels, raw=None
) -> None:
    """Horizontal bars, first row on top; hidden cells get no bar, only their mark.

    ``raw`` holds the category values (before translation), to spot 未记录.
    """
    y = np.arange(len(names))[::-1]
    length = np.where(cells["masked"], 0.0, np.asarray(values, dtype="float64"))
    bars = ax.barh(y, length, color=colours, edgecolor="white", linewidth=0.5)
    raw = names if raw is None else [str(v) for v in raw]
    for bar, unrecorded in zip(bars, [v == NOT_RECORDED for v in raw], strict=True):
        if unrecorded:  # "not recorded" is data quality, not a group: drawn apart
            bar.set_hatch("///")
            bar.set_facecolor("white")
            bar.set_edgecolor("0.45")
    text = np.where(cells["masked"], cells["label"], labels)
    ax.bar_label(bars, labels=list(text), padding=3, fontsize=8)
    ax.set_yticks(y, names)
    ax.margins(x=0.22)
