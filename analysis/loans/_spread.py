"""How the loans spread over borrowers, communities and months: concentration and timeline.

Both work on any ledger: with no loan (or only zero amounts) a concentration is undefined
and reads NaN with no curve, never an exception; a timeline of no loan is an empty frame;
a loan dated after the as-of date moves the end of the timeline instead of failing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.schema import DATA_AS_OF
from analysis.loans._places import by_community
from analysis.loans._protection import attach
from analysis.rules.inequality import TOP_SHARE, gini, lorenz_curve, top_share

TIMELINE_COLUMNS = ("month", "loans", "amount_yuan", "cumulative_loans", "cumulative_amount_yuan")


def concentration(
    loans: pd.DataFrame, communities: pd.DataFrame | None, share: float = TOP_SHARE
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gini, top share and Lorenz curve across loans and across communities.

    Across loans, each loan stands for its borrower (the records hold no borrower id).
    Across communities every community of the list counts, those with no loan as zero:
    leaving them out would understate concentration (a list built from a ledger has no
    such zeros; ``attrs["community_source"]`` says which).

    Returns
    -------
    (summary, curves)
        ``summary``: rows ``level`` = ``loans``, ``communities`` with ``n``, ``gini``,
        ``top_share`` (share of the amount held by the largest ``share`` of them; both
        NaN when undefined: no amount at all). ``curves``: the Lorenz points of each
        level with a defined curve (``level``, ``population_share``, ``amount_share``).

    Raises
    ------
    KeyError
        As :func:`analysis.loans._places.by_community`.
    ValueError
        If ``share`` is not in (0, 1].
    """
    per_community = by_community(loans, communities)
    levels = {
        "loans": loans["amount_yuan"].to_numpy(dtype="float64"),
        "communities": per_community["amount_yuan"].to_numpy(dtype="float64"),
    }
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share!r}")
    rows, curves = [], []
    for level, values in levels.items():
        defined = len(values) > 0 and values.sum() > 0
        rows.append(
            {
                "level": level,
                "n": len(values),
                "gini": gini(values) if defined else np.nan,
                "top_share": top_share(values, share) if defined else np.nan,
            }
        )
        if defined:
            curves.append(lorenz_curve(values).assign(level=level))
    summary = pd.DataFrame(rows)
    columns = ["level", "population_share", "amount_share"]
    curve = (
        pd.concat(curves, ignore_index=True)[columns] if curves else pd.DataFrame(columns=columns)
    )
    for frame in (summary, curve):
        frame.attrs = {
            "datasets": list(per_community.attrs.get("datasets", ["loans", "communities"])),
            "share": share,
            "community_source": per_community.attrs.get("community_source"),
        }
    return summary, curve


def default_as_of() -> pd.Timestamp:
    """The as-of date of the loans: the imported ledger's when it states one, else the page's.

    Raises
    ------
    ValueError
        If the ledger's as-of date is not a date.
    """
    from analysis.datasets.origin import import_report

    report = import_report("loans") or {}
    return pd.Timestamp(report.get("as_of") or DATA_AS_OF)


def monthly_timeline(loans: pd.DataFrame, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Loans and amounts per calendar month, with running totals.

    Every month from the first loan's to the as-of month is a row, months without a
    loan included (a gap is a finding, e.g. the early-2020 lockdown).

    Parameters
    ----------
    as_of
        End of the timeline. Default: :func:`default_as_of`, moved to the last loan's
        month if a loan is later (a ledger may run past the page's date).

    Returns
    -------
    pandas.DataFrame
        ``month`` (first day of the month), ``loans``, ``amount_yuan``,
        ``cumulative_loans``, ``cumulative_amount_yuan``; no row when there is no loan.
        attrs: ``as_of`` (the end date).

    Raises
    ------
    KeyError
        If ``issued_on`` or ``amount_yuan`` is missing.
    ValueError
        If ``as_of`` is given and a loan is dated after it.
    """
    require_columns(loans, ("issued_on", "amount_yuan"), "loans")
    dates = pd.to_datetime(loans["issued_on"])
    if as_of is None:
        end = default_as_of()
        if dates.notna().any() and dates.max() > end:
            end = dates.max().normalize()
    else:
        end = pd.Timestamp(as_of)
        late = int((dates > end).sum())
        if late:
            raise ValueError(f"{late} loan(s) issued after the as-of date {end:%Y-%m-%d}")
    if dates.notna().sum() == 0:
        out = pd.DataFrame({c: pd.Series(dtype="int64") for c in TIMELINE_COLUMNS})
        out["month"] = pd.Series(dtype="datetime64[ns]")
        out.attrs = {"datasets": ["loans"], "as_of": f"{end:%Y-%m-%d}"}
        return out
    month = dates.dt.to_period("M")
    months = pd.period_range(month.min(), end.to_period("M"), freq="M")
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
    out.attrs = {"datasets": ["loans"], "as_of": f"{end:%Y-%m-%d}"}
    return attach(out, loans, ("month",))
