"""Grouping helpers of :mod:`analysis.loans.metrics`: labels, counts and sums per category.

A grouping column's labels (its values as text, missing as 未记录) are worked out once per
distinct value and read through the rows' codes, so no loan-level column is ever turned
into Python strings; counts and sums are bincounts and integer-keyed groupbys.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.datasets.schema import get_dataset

NOT_RECORDED = "未记录"


def categories(loans: pd.DataFrame, by: str) -> list[str]:
    """Categories of ``by`` in display order: the categorical's, else the vocabulary's."""
    from analysis.datasets.loaders import category_order

    column = loans[by]
    try:
        domain = get_dataset("loans").field(by).domain
    except KeyError:  # a column the schema does not know: its own values, sorted
        domain = None
    cats = category_order(column, domain)
    if column.isna().any() and NOT_RECORDED not in cats:
        cats.append(NOT_RECORDED)
    return cats


def codes_of(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Per row, the number of its value (-1 if missing), and the values, without hashing a
    categorical (its codes are the numbers)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.intp), column.cat.categories
    codes, uniques = pd.factorize(column)
    return codes, pd.Index(uniques)


def text_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Rows numbered by their value as text (``column.astype(str)``; -1 if missing), and the
    distinct texts: computed per distinct value, read through the rows' numbers."""
    codes, values = codes_of(column)
    ids, texts = pd.factorize(pd.Series(values, dtype=object).astype(str))
    return np.append(ids, -1)[codes], pd.Index(texts)


def grouped(loans: pd.DataFrame, by: str) -> tuple[np.ndarray, pd.Index, list[str]]:
    """Rows numbered by their label in ``by`` (as text, missing as 未记录), the labels and
    the display order.

    Raises
    ------
    ValueError
        If a label is outside the categories.
    """
    cats = categories(loans, by)
    ids, labels = text_codes(loans[by])
    if (ids < 0).any():  # missing is 未记录, the same group as a recorded 未记录
        if NOT_RECORDED not in labels:
            labels = labels.append(pd.Index([NOT_RECORDED]))
        ids = np.where(ids < 0, labels.get_loc(NOT_RECORDED), ids)
    seen = np.bincount(ids, minlength=len(labels)) > 0
    unknown = sorted(set(labels[seen]) - set(cats))
    if unknown:
        raise ValueError(f"{by} has values outside its categories: {', '.join(unknown)}")
    return ids, labels, cats


def with_columns(loans: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """``loans`` with each absent column of ``names`` added as all missing (not recorded).

    A ledger may lack an optional column entirely; it then reads as 未记录 in every
    breakdown and as "not recorded" in every count, never as a reason to fail.
    """
    absent = [n for n in names if n not in loans.columns]
    if not absent:
        return loans
    return loans.assign(**{n: pd.Series(np.nan, index=loans.index, dtype=object) for n in absent})


def is_text(column: pd.Series, value: str) -> np.ndarray:
    """Where the column, as text, equals ``value`` (``column.astype(str) == value``)."""
    if isinstance(column.dtype, pd.CategoricalDtype):  # once per category, read by code
        hit = np.append(np.asarray(column.cat.categories.astype(str) == value), False)
        return hit[column.cat.codes.to_numpy()]
    return (column.astype(str) == value).to_numpy(dtype=bool, na_value=False)


def sums(values: pd.Series, ids: np.ndarray, labels: pd.Index) -> pd.Series:
    """Sum of ``values`` per label (rows numbered -1 left out), indexed by label."""
    keep = ids >= 0
    out = values[keep].groupby(ids[keep]).sum()
    return out.set_axis(labels[out.index])


def tally(
    frame: pd.DataFrame, ids: np.ndarray, labels: pd.Index, order: Sequence[str], key: str
) -> pd.DataFrame:
    """Loans, amount, shares and mean amount per label, one row per ``order`` entry."""
    keep = ids >= 0
    counts = np.bincount(ids[keep], minlength=len(labels)).astype(np.int64)
    out = pd.DataFrame(
        {
            key: list(order),
            "loans": pd.Series(counts, index=labels).reindex(order, fill_value=0).to_numpy(),
            "amount_yuan": sums(frame["amount_yuan"], ids, labels)
            .reindex(order, fill_value=0)
            .to_numpy(),
        }
    )
    # Shares of an empty total are undefined (NaN), not 0.
    out["loan_share"] = out["loans"] / (out["loans"].sum() or np.nan)
    out["amount_share"] = out["amount_yuan"] / (out["amount_yuan"].sum() or np.nan)
    out["mean_amount_yuan"] = out["amount_yuan"] / out["loans"].where(out["loans"] > 0)
    return out
