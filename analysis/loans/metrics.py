"""Entrepreneurship guarantee loans (创业担保贷款): distribution, concentration and effect.

Tidy frames in (a loans frame as :func:`analysis.load_loans` returns, plus the units and
communities tables), tidy frames out; nothing here plots (:mod:`analysis.loans.charts`
does) and nothing hides small cells (:mod:`analysis.rules.disclosure` does, at display time,
so the metrics stay exact and testable).

Two conventions hold throughout. Every category of a breakdown is a row, even with no
loan, and "not recorded" (未记录) is a category like any other: a missing value in a
grouping column is counted as 未记录, never dropped. And every place is a row: the
communities reached by publicity (the page's 36) appear with zero loans. The order of
the loan rows never matters; the labels of a breakdown are worked out once per distinct
value (:mod:`analysis.loans._groups`), not once per loan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.loans._groups import NOT_RECORDED as NOT_RECORDED  # a name of this API too
from analysis.loans._groups import (
    check_places,
    codes_of,
    grouped,
    is_text,
    sums,
    tally,
    text_codes,
)
from analysis.rules.entities import subunits
from analysis.rules.inequality import TOP_SHARE, gini, lorenz_curve, top_share

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
        kept, 未记录 included): ``by``, ``loans``, ``amount_yuan``, ``loan_share``,
        ``amount_share`` (fractions summing to 1 over the rows), ``mean_amount_yuan``
        (NaN for a category with no loan: a mean of nothing is undefined).

    Raises
    ------
    KeyError
        If ``loans`` lacks ``by`` or ``amount_yuan``.
    ValueError
        If ``by`` holds a value outside its categories.
    """
    require_columns(loans, (by, "amount_yuan"), "loans")
    ids, labels, cats = grouped(loans, by)
    out = tally(loans, ids, labels, cats, by)
    out.attrs = {"datasets": ["loans"], "by": by}
    return out


def summary(loans: pd.DataFrame) -> pd.DataFrame:
    """Headline numbers: count, total, mean and median loan, jobs, overdue shares.

    Returns
    -------
    pandas.DataFrame
        One row: ``loans``, ``amount_yuan``, ``mean_yuan``, ``median_yuan``,
        ``min_yuan``, ``max_yuan``, ``jobs``, ``jobs_per_loan``,
        ``jobs_per_100k_yuan``, ``overdue``, ``overdue_share`` (of all loans) and
        ``overdue_share_outstanding`` (of loans not yet repaid, the usual risk ratio).

    Raises
    ------
    KeyError
        If a needed column is missing.
    ValueError
        If there are no loans.
    """
    require_columns(loans, ("amount_yuan", "jobs_created", "status"), "loans")
    if loans.empty:
        raise ValueError("no loans: a headline of nothing is undefined")
    amount, status = loans["amount_yuan"], loans["status"]
    overdue, outstanding = (
        int(is_text(status, OVERDUE).sum()),
        int((~is_text(status, REPAID)).sum()),
    )
    jobs = int(loans["jobs_created"].sum())
    row = {
        "loans": len(loans),
        "amount_yuan": int(amount.sum()),
        "mean_yuan": float(amount.mean()),
        "median_yuan": float(amount.median()),
        "min_yuan": int(amount.min()),
        "max_yuan": int(amount.max()),
        "jobs": jobs,
        "jobs_per_loan": jobs / len(loans),
        "jobs_per_100k_yuan": jobs / (amount.sum() / PER_AMOUNT_YUAN),
        "overdue": overdue,
        "overdue_share": overdue / len(loans),
        "overdue_share_outstanding": overdue / outstanding if outstanding else np.nan,
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

    require_columns(loans, ("issued_on", "amount_yuan", "borrower_category"), "loans")
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
    return out


def by_community(loans: pd.DataFrame, communities: pd.DataFrame) -> pd.DataFrame:
    """Loans and amounts per community, every community present (zero rows kept).

    Returns
    -------
    pandas.DataFrame
        One row per community, by unit (display order) then id: ``community_id``,
        ``unit_id`` and the other columns of ``communities``, then ``loans``,
        ``amount_yuan``, ``loan_share``, ``amount_share``.

    Raises
    ------
    KeyError
        If a needed column is missing.
    ValueError
        If a loan names an unknown community or one outside its unit.
    """
    check_places(loans, communities)
    places = communities.sort_values(["unit_id", "community_id"], kind="stable")
    ids, labels = codes_of(loans["community_id"])
    counts = tally(loans, ids, labels, list(places["community_id"]), "community_id")
    out = places.reset_index(drop=True).join(
        counts.drop(columns=["community_id", "mean_amount_yuan"])
    )
    out.attrs = {"datasets": ["loans", "communities"]}
    return out


def by_unit(loans: pd.DataFrame, units: pd.DataFrame, communities: pd.DataFrame) -> pd.DataFrame:
    """Loans, amounts and communities reached per subdistrict and town.

    The district itself (the unit with no parent) is left out: it is the total.

    Returns
    -------
    pandas.DataFrame
        One row per unit in ``sort_order``: ``unit_id``, ``name_zh``, ``name_en``,
        ``communities``, ``communities_with_loans``, ``loans``, ``amount_yuan``,
        ``loan_share``, ``amount_share``, ``mean_amount_yuan`` (NaN with no loan).

    Raises
    ------
    KeyError, ValueError
        As :func:`by_community`; also if ``units`` lacks a column.
    """
    require_columns(units, ("unit_id", "name_zh", "name_en", "parent_id"), "units")
    per_community = by_community(loans, communities)
    out = subunits(units)[["unit_id", "name_zh", "name_en"]].copy()
    out["unit_id"] = out["unit_id"].astype(str)
    ids, labels = text_codes(loans["unit_id"])
    out = out.merge(tally(loans, ids, labels, list(out["unit_id"]), "unit_id"))
    reached = per_community.groupby(per_community["unit_id"].astype(str), observed=True)
    for i, (column, values) in enumerate(
        [
            ("communities", reached.size()),
            ("communities_with_loans", reached["loans"].apply(lambda s: int((s > 0).sum()))),
        ]
    ):
        out.insert(3 + i, column, out["unit_id"].map(values).fillna(0).astype("int64"))
    out.attrs = {"datasets": ["loans", "communities"]}
    return out


def concentration(
    loans: pd.DataFrame, communities: pd.DataFrame, share: float = TOP_SHARE
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gini, top share and Lorenz curve across loans and across communities.

    Across loans, each loan stands for its borrower (the records hold no borrower id).
    Across communities every community counts, those with no loan as zero: leaving
    them out would understate concentration.

    Returns
    -------
    (summary, curves)
        ``summary``: rows ``level`` = ``loans``, ``communities`` with ``n``, ``gini``,
        ``top_share`` (share of the amount held by the largest ``share`` of them).
        ``curves``: the Lorenz points of each level (``level``, ``population_share``,
        ``amount_share``).

    Raises
    ------
    KeyError, ValueError
        As :func:`by_community` and :func:`gini`.
    """
    levels = {  # by_community checks the columns and the places first
        "communities": by_community(loans, communities)["amount_yuan"].to_numpy(),
        "loans": loans["amount_yuan"].to_numpy(),
    }
    rows, curves = [], []
    for level in ("loans", "communities"):
        values = levels[level]
        rows.append(
            {
                "level": level,
                "n": len(values),
                "gini": gini(values),
                "top_share": top_share(values, share),
            }
        )
        curves.append(lorenz_curve(values).assign(level=level))
    summary_, curve = pd.DataFrame(rows), pd.concat(curves, ignore_index=True)
    curve = curve[["level", "population_share", "amount_share"]]
    for frame in (summary_, curve):
        frame.attrs = {"datasets": ["loans", "communities"], "share": share}
    return summary_, curve


def monthly_timeline(loans: pd.DataFrame, as_of: str | pd.Timestamp = DATA_AS_OF) -> pd.DataFrame:
    """Loans and amounts per calendar month, with running totals.

    Every month from the first loan's to the as-of month is a row, months without a
    loan included (a gap is a finding, e.g. the early-2020 lockdown).

    Returns
    -------
    pandas.DataFrame
        ``month`` (first day of the month), ``loans``, ``amount_yuan``,
        ``cumulative_loans``, ``cumulative_amount_yuan``.

    Raises
    ------
    KeyError
        If ``issued_on`` or ``amount_yuan`` is missing.
    ValueError
        If there are no loans, or a loan is dated after ``as_of``.
    """
    require_columns(loans, ("issued_on", "amount_yuan"), "loans")
    if loans.empty:
        raise ValueError("no loans: a timeline needs at least one issue date")
    as_of = pd.Timestamp(as_of)
    late = int((loans["issued_on"] > as_of).sum())
    if late:
        raise ValueError(f"{late} loan(s) issued after the as-of date {as_of:%Y-%m-%d}")
    month = loans["issued_on"].dt.to_period("M")
    months = pd.period_range(month.min(), as_of.to_period("M"), freq="M")
    grouped = loans["amount_yuan"].groupby(month)
    out = pd.DataFrame(
        {
            "month": months.to_timestamp(),
            "loans": grouped.size().reindex(months, fill_value=0).to_numpy(),
            "amount_yuan": grouped.sum().reindex(months, fill_value=0).to_numpy(),
        }
    )
    out["cumulative_loans"] = out["loans"].cumsum()
    out["cumulative_amount_yuan"] = out["amount_yuan"].cumsum()
    out.attrs = {"datasets": ["loans"]}
    return out


def jobs_by_group(loans: pd.DataFrame, by: str) -> pd.DataFrame:
    """Jobs created per loan and per 100,000 yuan, per category of ``by``.

    Returns
    -------
    pandas.DataFrame
        One row per category (all present): ``by``, ``loans``, ``amount_yuan``,
        ``jobs``, ``jobs_per_loan``, ``jobs_per_100k_yuan`` (NaN with no loan: a rate
        over nothing is undefined, and 0 would read as "no effect").

    Raises
    ------
    KeyError, ValueError
        As :func:`group_shares`; also if ``jobs_created`` is missing.
    """
    require_columns(loans, (by, "amount_yuan", "jobs_created"), "loans")
    out = group_shares(loans, by)[[by, "loans", "amount_yuan"]]
    ids, labels, cats = grouped(loans, by)
    jobs = sums(loans["jobs_created"], ids, labels).reindex(cats, fill_value=0)
    out["jobs"] = jobs.to_numpy()
    out["jobs_per_loan"] = out["jobs"] / out["loans"].where(out["loans"] > 0)
    lent = out["amount_yuan"].where(out["amount_yuan"] > 0) / PER_AMOUNT_YUAN
    out["jobs_per_100k_yuan"] = out["jobs"] / lent
    out.attrs = {"datasets": ["loans"], "by": by}
    return out


def status_by_group(loans: pd.DataFrame, by: str) -> pd.DataFrame:
    """Loans by category of ``by`` and repayment status, every cell present.

    Returns
    -------
    pandas.DataFrame
        A count table: index = categories of ``by`` (named ``by``), columns = statuses
        in vocabulary order (正常还款 current, 逾期 overdue, 已结清 repaid), zeros kept.

    Raises
    ------
    KeyError, ValueError
        As :func:`group_shares`; also if ``status`` is missing.
    """
    require_columns(loans, (by, "status"), "loans")
    ids, labels, cats = grouped(loans, by)
    status, states, statuses = grouped(loans, "status")
    # A count per (label, status) pair, as a cross-tabulation of the two label columns.
    counts = np.bincount(ids * len(states) + status, minlength=len(labels) * len(states))
    table = pd.DataFrame(counts.reshape(len(labels), len(states)), index=labels, columns=states)
    table = table.reindex(index=cats, columns=statuses, fill_value=0).astype("int64")
    table.index.name, table.columns.name = by, "status"
    table.attrs = {"datasets": ["loans"], "by": by}
    return table
