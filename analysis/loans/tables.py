"""The tables of notebook 02 and of the loan section of the unit pages, as readers see them.

Each function takes a frame of :mod:`analysis.loans.metrics` and returns what the page
shows: internal ids dropped (``figure_id``, ``community_id``), places and categories named
in the edition's language (units by name, communities by the list's English name or
:func:`analysis.presentation.labels.place_name`, categories by their vocabulary label),
columns named by keys of :data:`analysis.presentation.columns.COLUMNS`, numbers rounded to
what they support, and small cells marked exactly as the loans dataset's one suppression
pattern decides (:func:`analysis.rules.disclosure.protect_table`; nothing here re-derives
or un-hides a cell). A "not recorded" (未记录) row is kept when it counts loans (a gap in a
ledger is information) and left out when it counts none.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._chart_parts import label
from analysis.loans._groups import NOT_RECORDED
from analysis.loans._protection import protect_caps
from analysis.presentation.text import Catalogue
from analysis.rules import disclosure

__all__ = [
    "by_community",
    "by_unit",
    "caps",
    "concentration",
    "effect",
    "figures",
    "groups",
    "headline",
    "jobs",
]

#: Names of the published loan figures and of their units of measure.
WORDS = Catalogue(
    __name__,
    {
        "loans_issued": ("发放贷款笔数", "Loans issued"),
        "loan_amount_yuan": ("发放贷款金额", "Amount lent"),
        "publicity_communities": ("开展贷款政策宣传的社区", "Communities reached by publicity"),
        "笔": ("笔", "loans"),
        "元": ("元", "yuan"),
        "个": ("个", "communities"),
        "individual_2018": (
            "个人，2020年4月15日前（上限 15 万元）",
            "Individuals before 15 Apr 2020",
        ),
        "individual_2020": (
            "个人，2020年4月15日起（上限 20 万元）",
            "Individuals from 15 Apr 2020",
        ),
        "small_business": ("小微企业", "Small and micro businesses"),
        "level_loans": ("按笔", "Across loans"),
        "level_communities": ("按社区（含无贷款社区）", "Across communities (incl. none)"),
    },
)
SHARES = {"loan_share": "{:.1%}", "amount_share": "{:.1%}", "mean_amount_yuan": "{:,.0f}"}
GROUP_COLUMNS = ["amount_yuan", "loan_share", "amount_share", "mean_amount_yuan"]


def _word(key: str, lang: str) -> str:
    return WORDS.text(key, lang) if key in WORDS else key


def _names(by: str, values: pd.Series, lang: str) -> list[str]:
    """Categories as a table cell shows them: the vocabulary's label, capitalised."""
    return [w.capital(label(by, str(v), lang)) for v in values]


def _without_empty_not_recorded(shown: pd.DataFrame, raw: pd.DataFrame, by: str) -> pd.DataFrame:
    """Leave out a 未记录 row that counts no loan (its zero says nothing about the ledger)."""
    empty = (raw[by].astype(str) == NOT_RECORDED).to_numpy() & (raw["loans"] == 0).to_numpy()
    return shown.loc[~empty].reset_index(drop=True)


def figures(reconciliation: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The published loan figures beside the values computed from the records.

    Columns ``metric`` (named in words), ``published``, ``computed``, ``unit_of_measure``
    and ``status`` (as :func:`analysis.reconcile` decides it), no figure id.

    Raises
    ------
    KeyError
        If ``reconciliation`` lacks one of those columns.
    """
    lang = resolve_lang(lang)
    out = reconciliation[["metric", "published", "computed", "unit_of_measure", "status"]].copy()
    out["metric"] = [_word(str(m), lang) for m in out["metric"]]
    out["unit_of_measure"] = [_word(str(u), lang) for u in out["unit_of_measure"]]
    out["status"] = out["status"].astype(str)  # the display formatter words it
    out.attrs = {"datasets": sorted({d for d in reconciliation.get("datasets", []) if d})}
    return out.reset_index(drop=True)


def headline(summary: pd.DataFrame) -> pd.DataFrame:
    """Count, total, mean, median, smallest and largest loan, in whole yuan.

    Raises
    ------
    KeyError
        If ``summary`` is not :func:`analysis.loans.summary`.
    """
    columns = ["loans", "amount_yuan", "mean_yuan", "median_yuan", "min_yuan", "max_yuan"]
    out = summary[columns].copy()
    for column in columns[2:]:
        out[column] = out[column].round(0)
    out.attrs = {"datasets": ["loans"]}
    return out


def _places(frame: pd.DataFrame, lang: str) -> list[str]:
    return [w.unit_name(str(u), lang, frame) for u in frame["unit_id"]]


def by_unit(per_unit: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Loans, amounts, shares and communities per subdistrict and town, small cells marked.

    Raises
    ------
    KeyError
        If ``per_unit`` is not :func:`analysis.loans.by_unit`.
    """
    lang = resolve_lang(lang)
    shown = disclosure.protect_table(per_unit, "loans", GROUP_COLUMNS, formats=SHARES)
    shown.insert(0, "unit", _places(per_unit, lang))
    columns = ["unit", "communities", "communities_with_loans", "loans", *GROUP_COLUMNS]
    out = shown[columns].reset_index(drop=True)
    out.attrs = {"datasets": w.place_datasets(per_unit)}
    return out


def by_community(
    per_community: pd.DataFrame, lang: str | None = None, unit_id: str | None = None
) -> pd.DataFrame:
    """Loans, amounts and shares per community (zero-loan communities kept), small cells
    marked within their unit; only ``unit_id``'s communities when it is given.

    Raises
    ------
    KeyError
        If ``per_community`` is not :func:`analysis.loans.by_community`.
    """
    lang = resolve_lang(lang)
    columns = ["amount_yuan", "loan_share", "amount_share"]
    shown = disclosure.protect_table(
        per_community, "loans", columns, formats=SHARES, within="unit_id"
    )
    shown.insert(0, "community", w.community_names(per_community, lang))
    shown.insert(0, "unit", _places(per_community, lang))
    if unit_id is not None:
        shown = shown[(per_community["unit_id"].astype(str) == str(unit_id)).to_numpy()]
    out = shown[["unit", "community", "loans", *columns]].reset_index(drop=True)
    out.attrs = {"datasets": w.place_datasets(per_community)}
    return out


def groups(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Loans, amounts and shares per category of a breakdown, in the edition's words.

    Raises
    ------
    KeyError
        If ``frame`` is not :func:`analysis.loans.group_shares`.
    """
    lang = resolve_lang(lang)
    by = frame.attrs.get("by", frame.columns[0])
    shown = disclosure.protect_table(frame, "loans", GROUP_COLUMNS, formats=SHARES)
    shown[by] = _names(by, frame[by], lang)
    out = _without_empty_not_recorded(shown[[by, "loans", *GROUP_COLUMNS]], frame, by)
    out.attrs = {"datasets": ["loans"]}
    return out


def jobs(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Jobs recorded per category, per loan and per 100,000 yuan; small groups marked.

    Raises
    ------
    KeyError
        If ``frame`` is not :func:`analysis.loans.jobs_by_group`.
    """
    lang = resolve_lang(lang)
    by = frame.attrs.get("by", frame.columns[0])
    rates = {"jobs_per_loan": "{:.1f}", "jobs_per_100k_yuan": "{:.2f}"}
    columns = ["amount_yuan", "jobs_recorded", "jobs", "jobs_per_loan", "jobs_per_100k_yuan"]
    shown = disclosure.protect_table(frame, "loans", columns, formats=rates)
    shown[by] = _names(by, frame[by], lang)
    out = _without_empty_not_recorded(shown[[by, "loans", *columns]], frame, by)
    out.attrs = {"datasets": ["loans"]}
    return out


def caps(table: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The cap table (:func:`analysis.loans.cap_usage`) as :func:`analysis.loans.protect_caps`
    marks it, each row named in words.

    Raises
    ------
    KeyError
        If ``table`` lacks a count column.
    """
    lang = resolve_lang(lang)
    out = protect_caps(table)
    out["borrower_type"] = [_word(str(v), lang) for v in table["borrower_type"]]
    out["cap_yuan"] = [f"{int(v):,}" for v in table["cap_yuan"]]
    out = out.reset_index(drop=True)
    out.attrs = {"datasets": ["loans"]}
    return out


def concentration(summary: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Gini and top share per level, to two decimals (their intervals are ±0.1 wide).

    Raises
    ------
    KeyError
        If ``summary`` is not the first frame of :func:`analysis.loans.concentration`.
    """
    lang = resolve_lang(lang)
    out = summary[["level", "n", "gini", "top_share"]].copy()
    out["level"] = [_word(f"level_{v}", lang) for v in summary["level"]]
    out["gini"] = [disclosure.UNDEFINED if pd.isna(g) else f"{g:.2f}" for g in summary["gini"]]
    out["top_share"] = out["top_share"].round(3)
    out.attrs = {"datasets": list(summary.attrs.get("datasets", ["loans"]))}
    return out


def effect(summary: pd.DataFrame, by_status: pd.DataFrame) -> pd.DataFrame:
    """Jobs recorded and overdue loans, district-wide, as the status table allows.

    The rates per loan and per 100,000 yuan are in the sentence under the section and, per
    group, in :func:`jobs`; rounded here beside the group table's, they made the disclosure
    audit's relations inconsistent.

    The overdue count and shares are hidden ("x") when the status table hides the
    overdue cell, and the jobs when fewer loans than the threshold record them: this table
    must not show what another table of the page hides.

    Raises
    ------
    KeyError
        If the frames are not :func:`analysis.loans.summary` and
        :func:`analysis.loans.group_shares` by ``status``.
    """
    row = summary.iloc[0]
    formats = {
        "jobs_recorded": "{:,.0f}",
        "jobs": "{:,.0f}",
        "overdue": "{:,.0f}",
        "overdue_share": "{:.1%}",
        "overdue_share_outstanding": "{:.1%}",
    }
    cells = {
        k: disclosure.UNDEFINED if pd.isna(row[k]) else spec.format(float(row[k]))
        for k, spec in formats.items()
    }
    hit = (by_status["status"].astype(str) == "逾期").to_numpy()
    status = w.status(by_status["loans"])
    if hit.any() and str(status[hit].iloc[0]) != disclosure.SHOWN:
        for k in ("overdue", "overdue_share", "overdue_share_outstanding"):
            cells[k] = disclosure.MARK
    if 0 < int(row["jobs_recorded"]) < w.threshold():
        for k in ("jobs_recorded", "jobs"):
            cells[k] = disclosure.MARK
    out = pd.DataFrame([cells], dtype=object)
    out.attrs = {"datasets": ["loans"]}
    return out
