"""The loans dataset's one suppression pattern, decided over everything the site releases.

Every breakdown of loans a page publishes (topic page 02 and the unit pages, both
editions, their tables, chart labels, findings and downloads) is listed in
:data:`BREAKDOWNS`; :func:`loans_plan` decides which cells are hidden over all of them
together (:func:`analysis.rules.disclosure.plan`), and :func:`attach` stores each metric
frame's share of that pattern in ``frame.attrs["disclosure"]``, where
:func:`analysis.rules.disclosure.cell_status` finds it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy as np
import pandas as pd

from analysis.loans._bins import amount_bins
from analysis.loans._groups import NOT_RECORDED, grouped, is_text, with_columns
from analysis.loans._places import by_community as _by_community
from analysis.loans._places import loan_places
from analysis.rules import disclosure
from analysis.rules._disclosure_plan import decide, decide_crosstab

#: Every breakdown of the loans the site releases (a cross-tabulation is a pair).
BREAKDOWNS: tuple[tuple[str, ...], ...] = (
    ("unit_id",),
    ("unit_id", "community_id"),
    ("borrower_category",),
    ("sector",),
    ("gender",),
    ("status",),
    ("borrower_category", "status"),
    ("borrower_type",),
    ("month",),
    ("borrower_kind",),
    ("borrower_kind", "amount_bin"),
)
#: The amount histogram's panels and bins (:mod:`analysis.loans._sizes`): released only
#: when protecting them hides nothing more in the other tables (see :func:`loans_plan`).
HISTOGRAM: tuple[tuple[str, ...], ...] = (("borrower_kind",), ("borrower_kind", "amount_bin"))
_CATEGORICAL = ("borrower_category", "sector", "gender", "status")
_CACHE: OrderedDict[tuple[bytes, int], disclosure.Plan] = OrderedDict()


def borrower_types(loans: pd.DataFrame) -> np.ndarray:
    """Per loan the cap row of :func:`analysis.loans.metrics.cap_usage` it counts in."""
    from analysis.rules import policy

    loans = with_columns(loans, ("borrower_category",))
    business = is_text(loans["borrower_category"], policy.SMALL_BUSINESS_CATEGORY)
    after = pd.to_datetime(loans["issued_on"]) >= pd.Timestamp(policy.LOAN_POLICY_2020_ISSUED)
    after = after.to_numpy(dtype=bool, na_value=False)
    return np.where(
        business, "small_business", np.where(after, "individual_2020", "individual_2018")
    )


def _labels(loans: pd.DataFrame) -> dict[str, pd.Series]:
    """One text label per loan for every dimension of :data:`BREAKDOWNS` it can give."""
    out: dict[str, pd.Series] = {}
    if {"unit_id", "community_id"} <= set(loans.columns):
        ids, pairs = loan_places(loans)
        out["community_id"] = pd.Series([pairs[i][0] for i in ids], dtype=object)
        out["unit_id"] = pd.Series([pairs[i][1] for i in ids], dtype=object)
    full = with_columns(loans, _CATEGORICAL)
    for by in _CATEGORICAL:
        try:
            ids, labels, _ = grouped(full, by)
        except ValueError:  # a value outside the vocabulary: the metrics refuse it too
            continue
        out[by] = pd.Series(np.asarray(labels, dtype=object)[ids], dtype=object)
    if "amount_yuan" in loans.columns:  # the histogram's panels and bins
        kind, label, _ = amount_bins(loans)
        out["borrower_kind"] = pd.Series(kind, dtype=object)
        out["amount_bin"] = pd.Series(label, dtype=object)
    if "issued_on" in loans.columns:
        out["borrower_type"] = pd.Series(borrower_types(loans), dtype=object)
        month = pd.to_datetime(loans["issued_on"]).dt.strftime("%Y-%m")
        out["month"] = month.fillna(NOT_RECORDED).reset_index(drop=True).astype(object)
    return out


def _fingerprint(loans: pd.DataFrame) -> bytes:
    columns = [
        c
        for c in ("unit_id", "community_id", *_CATEGORICAL, "issued_on", "amount_yuan")
        if c in loans.columns
    ]
    hashed = pd.util.hash_pandas_object(loans[columns].astype(str), index=False)
    return hashlib.sha1(hashed.to_numpy().tobytes() + ",".join(columns).encode()).digest()


def loans_plan(loans: pd.DataFrame) -> disclosure.Plan:
    """The suppression pattern of these loans over :data:`BREAKDOWNS` (cached per records).

    Raises
    ------
    ValueError
        If the threshold in force is invalid.
    """
    threshold = disclosure.resolve_threshold()
    key = (_fingerprint(loans), threshold)
    if key not in _CACHE:
        labels = _labels(loans)
        breakdowns = [b for b in BREAKDOWNS if all(d in labels for d in b)]
        base = [b for b in breakdowns if b not in HISTOGRAM]
        full = disclosure.plan(labels, breakdowns, threshold)
        # A few loans, each alone in its bin, cannot be drawn without pinning them, and the
        # plan would then hide other tables' cells for the histogram's sake: without it.
        without = disclosure.plan(labels, base, threshold) if len(base) < len(breakdowns) else full
        kept = all(full.cells[b].equals(without.cells[b]) for b in base)
        _CACHE[key] = full if kept else without
        while len(_CACHE) > 8:
            _CACHE.popitem(last=False)
    return _CACHE[key]


def histogram_released(loans: pd.DataFrame) -> bool:
    """True when the amount histogram's bins are part of the loans' pattern (see
    :func:`loans_plan`); when False the chart withholds its bars.

    Raises
    ------
    ValueError
        If the threshold in force is invalid.
    """
    return HISTOGRAM[-1] in loans_plan(loans).cells


def attach(
    frame: pd.DataFrame, loans: pd.DataFrame, keys: tuple[str, ...], count: str = "loans"
) -> pd.DataFrame:
    """Store the plan's statuses of ``frame``'s rows (keys ``keys``) in its attrs; return it.

    A frame the plan does not cover (a breakdown not in :data:`BREAKDOWNS`, rows of
    another population) is left without: its table then falls back to the per-table rule.
    """
    attrs = dict(frame.attrs)
    attrs.pop("disclosure", None)
    frame.attrs = attrs
    if frame.empty or count not in frame.columns:
        return frame
    plan = loans_plan(loans)
    view = frame
    if keys == ("month",):
        view = frame.assign(month=pd.to_datetime(frame["month"]).dt.strftime("%Y-%m"))
    decided = decide(plan, view, keys, keys, count) if keys in plan.cells else None
    if decided is not None:
        frame.attrs["disclosure"] = decided
    return frame


def attach_crosstab(table: pd.DataFrame, loans: pd.DataFrame, by: str) -> pd.DataFrame:
    """As :func:`attach` for a ``by`` × status count table."""
    attrs = dict(table.attrs)
    attrs.pop("disclosure", None)
    table.attrs = attrs
    if table.empty:
        return table
    plan = loans_plan(loans)
    key = (by, "status")
    decided = decide_crosstab(plan, table, key) if key in plan.cells else None
    if decided is not None:
        table.attrs["disclosure"] = decided
    return table


def cap_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Statuses of the cap table's counts (:func:`analysis.loans.metrics.cap_usage`).

    ``loans`` per borrower type follows the dataset's pattern; ``at_cap`` and
    ``above_cap`` (loans within that row, not a partition of it) are hidden with their row,
    and on their own when they are small.

    Raises
    ------
    KeyError
        If the table lacks a count column.
    """
    counts = ["loans", "at_cap", "above_cap"]
    # By position: findings index the table by borrower type; the plan holds its rows.
    loans = table["loans"].astype("int64").reset_index(drop=True)
    rows = disclosure.cell_status(loans).set_axis(table.index)
    small = disclosure.is_small(table[["at_cap", "above_cap"]].to_numpy())
    out = pd.DataFrame(disclosure.SHOWN, index=table.index, columns=counts, dtype=object)
    out["loans"] = rows
    for j, column in enumerate(("at_cap", "above_cap")):
        hidden = (rows != disclosure.SHOWN).to_numpy() & (table[column] > 0).to_numpy()
        out.loc[hidden, column] = disclosure.COMPLEMENT
        out.loc[small[:, j], column] = disclosure.SMALL
    return out


def protect_caps(table: pd.DataFrame) -> pd.DataFrame:
    """The cap table as display strings, hidden cells marked as :func:`cap_cells` decides.

    Raises
    ------
    KeyError
        If the table lacks a count column.
    """
    cells = cap_cells(table)
    out = table.astype(object).copy()
    for column in cells.columns:
        out[column] = [
            f"{int(v):,}" if s == disclosure.SHOWN else disclosure.MARK
            for v, s in zip(table[column], cells[column], strict=True)
        ]
    hidden_row = (cells["loans"] != disclosure.SHOWN).to_numpy()
    out["max_yuan"] = [
        disclosure.MARK if h else (disclosure.UNDEFINED if pd.isna(v) else f"{v:,.0f}")
        for v, h in zip(table["max_yuan"], hidden_row, strict=True)
    ]
    return out


def by_community(loans: pd.DataFrame, communities: pd.DataFrame | None) -> pd.DataFrame:
    """:func:`analysis.loans._places.by_community` with the dataset's pattern attached.

    Raises
    ------
    KeyError
        If a needed column is missing.
    """
    return attach(_by_community(loans, communities), loans, ("unit_id", "community_id"))
