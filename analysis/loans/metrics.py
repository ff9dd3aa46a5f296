"""Entrepreneurship guarantee loans (创业担保贷款): distribution, concentration and effect.

Tidy frames in (a loans frame as :func:`analysis.load_loans` returns, plus the units and
communities tables), tidy frames out; nothing here plots (:mod:`analysis.loans.charts`
does) and nothing hides small cells (:mod:`analysis.rules.disclosure` does, at display time,
so the metrics stay exact and testable).

Two conventions hold throughout. Every category of a breakdown is a row, even with no
loan, and "not recorded" (未记录) is a category like any other: a missing value in a
grouping column is counted as 未记录, never dropped; an optional column a ledger lacks
altogether is 未记录 throughout, and a missing jobs count is "not recorded", never 0. And
every place is a row: the communities of the list (the page's 36 reached by publicity)
appear with zero loans, and a community the list lacks is shown under its ledger name
(:mod:`analysis.loans._places` decides the list). The order of
the loan rows never matters; the labels of a breakdown are worked out once per distinct
value (:mod:`analysis.loans._groups`), not once per loan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.loans._groups import NOT_RECORDED as NOT_RECORDED  # a name of this API too
from analysis.loans._groups import grouped, is_text, sums, tally, text_codes, with_columns
from analysis.loans._places import community_list as community_list
from analysis.loans._protection import attach, attach_crosstab
from analysis.loans._protection import by_community as by_community
from analysis.loans._spread import concentration as concentration
from analysis.loans._spread import monthly_timeline as monthly_timeline
from analysis.rules.entities import subunits

#: Published figures the loan records must reproduce (see analysis.rules.reconciliation).
LOAN_FIGURES = ("loans-count", "loans-amount")
#: Jobs are reported per this many yuan lent ("jobs per 100,000 yuan").
PER_AMOUNT_YUAN = 100_000
#: Yuan in one 万元, the unit the page and the charts use for amounts.
YUAN_PER_WAN = 10_000
OVERDUE, REPAID = "逾期", "已结清"


def group_shares(loans: pd.DataFrame, by: str) -> pd.DataFrame:
    """Loans and amounts per category of ``by``, with each category's share.

    ``by`` is a categorical column (``borrower_category``, ``sector``, ``gender``,
    ``status``); for places use :func:`by_unit` and :func:`by_community`.

    Returns
    -------
    pandas.DataFrame
        One row per category in vocabulary order, every category present (zero rows
        kept, 未记录 included; a column ``loans`` lacks is 未记录 throughout): ``by``,
        ``loans``, ``amount_yuan``, ``loan_share``,
        ``amount_share`` (fractions summing to 1 over the rows), ``mean_amount_yuan``
        (NaN for a category with no loan: a mean of nothing is undefined).

    Raises
    ------
    KeyError
        If ``loans`` lacks ``amount_yuan``.
    ValueError
        If ``by`` holds a value outside its categories.
    """
    require_columns(loans, ("amount_yuan",), "loans")
    loans = with_columns(loans, (by,))
    ids, labels, cats = grouped(loans, by)
    out = tally(loans, ids, labels, cats, by)
    out.attrs = {"datasets": ["loans"], "by": by}
    return attach(out, loans, (by,))


def _shares(part: float, whole: float) -> float:
    return part / whole if whole else np.nan


def summary(loans: pd.DataFrame) -> pd.DataFrame:
    """Headline numbers: count, total, mean and median loan, jobs, overdue shares.

    A missing jobs count is not recorded, not zero: jobs and their rates are over the
    loans that record them (``jobs_recorded``). Overdue shares are over the loans whose
    status is recorded (``status_recorded``; 未记录 is not a status).

    Returns
    -------
    pandas.DataFrame
        One row: ``loans``, ``amount_yuan``, ``mean_yuan``, ``median_yuan``,
        ``min_yuan``, ``max_yuan``, ``jobs_recorded``, ``jobs``, ``jobs_per_loan``,
        ``jobs_per_100k_yuan``, ``status_recorded``, ``overdue``, ``overdue_share`` (of
        the loans with a status) and ``overdue_share_outstanding`` (of those not yet
        repaid, the usual risk ratio). With no loan the count is 0 and every value
        computed from loans is NaN (undefined, not 0).

    Raises
    ------
    KeyError
        If ``amount_yuan`` is missing.
    """
    require_columns(loans, ("amount_yuan",), "loans")
    loans = with_columns(loans, ("jobs_created", "status"))
    amount, status = loans["amount_yuan"], loans["status"]
    recorded = pd.to_numeric(loans["jobs_created"], errors="coerce").notna().to_numpy()
    jobs_values = pd.to_numeric(loans["jobs_created"], errors="coerce")[recorded]
    jobs = int(jobs_values.sum()) if recorded.any() else np.nan
    known = status.notna().to_numpy() & ~is_text(status, NOT_RECORDED)
    overdue = int(is_text(status, OVERDUE)[known].sum())
    outstanding = int((~is_text(status, REPAID))[known].sum())
    n, total = len(loans), float(amount.sum())
    row = {
        "loans": n,
        "amount_yuan": int(total),
        "mean_yuan": float(amount.mean()) if n else np.nan,
        "median_yuan": float(amount.median()) if n else np.nan,
        "min_yuan": float(amount.min()) if n else np.nan,
        "max_yuan": float(amount.max()) if n else np.nan,
        "jobs_recorded": int(recorded.sum()),
        "jobs": jobs,
        "jobs_per_loan": _shares(jobs, int(recorded.sum())),
        "jobs_per_100k_yuan": _shares(jobs, float(amount[recorded].sum()) / PER_AMOUNT_YUAN),
        "status_recorded": int(known.sum()),
        "overdue": overdue,
        "overdue_share": _shares(overdue, int(known.sum())),
        "overdue_share_outstanding": _shares(overdue, outstanding),
    }
    out = pd.DataFrame([row])
    out.attrs = {"datasets": ["loans"]}
    return out


def cap_usage(loans: pd.DataFrame) -> pd.DataFrame:
    """How loan sizes sit against the policy cap in force when each loan was issued.

    Rows: individual loans before 财金〔2020〕21号 (cap 150,000 yuan), individual loans
    from it on (200,000), small and micro businesses (3,000,000); caps from
    :mod:`analysis.rules.policy`.

    Returns
    -------
    pandas.DataFrame
        Columns ``borrower_type`` (``individual_2018``, ``individual_2020``,
        ``small_business``), ``cap_yuan``, ``loans``, ``at_cap``, ``above_cap``,
        ``max_yuan`` (NaN when the row has no loan).

    Raises
    ------
    KeyError
        If a needed column is missing.
    """
    from analysis.rules import policy

    require_columns(loans, ("issued_on", "amount_yuan"), "loans")
    loans = with_columns(loans, ("borrower_category",))
    business = is_text(loans["borrower_category"], policy.SMALL_BUSINESS_CATEGORY)
    after = loans["issued_on"] >= pd.Timestamp(policy.LOAN_POLICY_2020_ISSUED)
    rows = []
    for name, mask, cap in (
        ("individual_2018", ~business & ~after, policy.INDIVIDUAL_LOAN_CAP_2018_YUAN),
        ("individual_2020", ~business & after, policy.INDIVIDUAL_LOAN_CAP_YUAN),
        ("small_business", business, policy.SMALL_BUSINESS_LOAN_CAP_YUAN),
    ):
        amount = loans.loc[mask, "amount_yuan"]
        rows.append(
            {
                "borrower_type": name,
                "cap_yuan": cap,
                "loans": len(amount),
                "at_cap": int((amount == cap).sum()),
                "above_cap": int((amount > cap).sum()),
                "max_yuan": float(amount.max()) if len(amount) else np.nan,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs = {"datasets": ["loans"]}
    return attach(out, loans, ("borrower_type",))


def by_unit(
    loans: pd.DataFrame, units: pd.DataFrame, communities: pd.DataFrame | None
) -> pd.DataFrame:
    """Loans, amounts and communities reached per subdistrict and town.

    The district itself (the unit with no parent) is left out: it is the total. A unit the
    loans name that is not a subdistrict or town (the district, an unknown id, 未记录) is
    a row of its own after them, so no loan is dropped. Communities are counted over
    :func:`community_list`.

    Returns
    -------
    pandas.DataFrame
        One row per unit in ``sort_order``: ``unit_id``, ``name_zh``, ``name_en``,
        ``communities``, ``communities_with_loans``, ``loans``, ``amount_yuan``,
        ``loan_share``, ``amount_share``, ``mean_amount_yuan`` (NaN with no loan).
        attrs: those of :func:`by_community`.

    Raises
    ------
    KeyError
        If a needed column is missing.
    """
    require_columns(units, ("unit_id", "name_zh", "name_en", "parent_id"), "units")
    per_community = by_community(loans, communities)
    out = subunits(units)[["unit_id", "name_zh", "name_en"]].copy()
    out["unit_id"] = out["unit_id"].astype(str)
    ids, labels = text_codes(loans["unit_id"])
    if (ids < 0).any():  # a loan with no unit is counted under 未记录, not dropped
        labels = labels.append(pd.Index([NOT_RECORDED]))
        ids = np.where(ids < 0, len(labels) - 1, ids)
    seen = labels[np.bincount(ids, minlength=len(labels)) > 0]
    extra = [u for u in seen if u not in set(out["unit_id"])]
    if extra:
        names = units.assign(unit_id=units["unit_id"].astype(str)).set_index("unit_id")
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {
                        "unit_id": extra,
                        "name_zh": [names["name_zh"].get(u, u) for u in extra],
                        "name_en": [names["name_en"].get(u, u) for u in extra],
                    }
                ),
            ],
            ignore_index=True,
        )
    out = out.merge(tally(loans, ids, labels, list(out["unit_id"]), "unit_id"))
    reached = per_community.groupby(per_community["unit_id"].astype(str), observed=True)
    for i, (column, values) in enumerate(
        [
            ("communities", reached.size()),
            ("communities_with_loans", reached["loans"].apply(lambda s: int((s > 0).sum()))),
        ]
    ):
        out.insert(3 + i, column, out["unit_id"].map(values).fillna(0).astype("int64"))
    out.attrs = dict(per_community.attrs)
    return attach(out, loans, ("unit_id",))


def jobs_by_group(loans: pd.DataFrame, by: str) -> pd.DataFrame:
    """Jobs created per loan and per 100,000 yuan, per category of ``by``.

    A loan whose jobs count is missing is not recorded, not zero: the rates are over
    the loans that record it (``jobs_recorded``).

    Returns
    -------
    pandas.DataFrame
        One row per category (all present): ``by``, ``loans``, ``amount_yuan``,
        ``jobs_recorded``, ``jobs`` (NaN where no loan records it), ``jobs_per_loan``,
        ``jobs_per_100k_yuan`` (NaN with no recorded loan: a rate over nothing is
        undefined, and 0 would read as "no effect").

    Raises
    ------
    KeyError, ValueError
        As :func:`group_shares`.
    """
    loans = with_columns(loans, (by, "jobs_created"))
    out = group_shares(loans, by)[[by, "loans", "amount_yuan"]]
    ids, labels, cats = grouped(loans, by)
    jobs_created = pd.to_numeric(loans["jobs_created"], errors="coerce")
    known = jobs_created.notna().to_numpy()
    kept = np.where(known, ids, -1)
    recorded = np.bincount(ids[known], minlength=len(labels))
    out["jobs_recorded"] = pd.Series(recorded, index=labels).reindex(cats, fill_value=0).to_numpy()
    jobs = sums(jobs_created, kept, labels).reindex(cats, fill_value=0).to_numpy()
    out["jobs"] = np.where(out["jobs_recorded"] > 0, jobs, np.nan)
    lent = sums(loans["amount_yuan"], kept, labels).reindex(cats, fill_value=0).to_numpy()
    out["jobs_per_loan"] = out["jobs"] / out["jobs_recorded"].where(out["jobs_recorded"] > 0)
    out["jobs_per_100k_yuan"] = out["jobs"] / (
        pd.Series(lent, index=out.index).where(lent > 0) / PER_AMOUNT_YUAN
    )
    if (out["jobs_recorded"] == out["loans"]).all():  # every count recorded: whole jobs
        out["jobs"] = out["jobs"].fillna(0).astype("int64")
    out.attrs = {"datasets": ["loans"], "by": by}
    return attach(out, loans, (by,))


def status_by_group(loans: pd.DataFrame, by: str) -> pd.DataFrame:
    """Loans by category of ``by`` and repayment status, every cell present.

    Returns
    -------
    pandas.DataFrame
        A count table: index = categories of ``by`` (named ``by``), columns = statuses
        in vocabulary order (正常还款 current, 逾期 overdue, 已结清 repaid, and 未记录 when a
        status is missing), zeros kept.

    Raises
    ------
    ValueError
        As :func:`group_shares`.
    """
    loans = with_columns(loans, (by, "status"))
    ids, labels, cats = grouped(loans, by)
    status, states, statuses = grouped(loans, "status")
    # A count per (label, status) pair, as a cross-tabulation of the two label columns.
    counts = np.bincount(ids * len(states) + status, minlength=len(labels) * len(states))
    table = pd.DataFrame(counts.reshape(len(labels), len(states)), index=labels, columns=states)
    table = table.reindex(index=cats, columns=statuses, fill_value=0).astype("int64")
    table.index.name, table.columns.name = by, "status"
    table.attrs = {"datasets": ["loans"], "by": by}
    return attach_crosstab(table, loans, by)
