"""Column-level building blocks of the inspection metrics: value tests, codes and counts.

Everything here works on whole columns and reads a categorical through its codes (one
comparison per category, not per row), so the metrics never copy a column into Python
objects and stay linear in the number of visits. Each function gives what the pandas
expression named in its docstring gives, value for value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.schema import CHECK_ITEMS

NOT_APPLICABLE, REINSPECTION = "不适用", "复查"


def equals(column: pd.Series, value: object) -> np.ndarray:
    """Boolean array: where ``column`` equals ``value``; missing values never do.

    The same answer as ``column.astype("object").eq(value)`` without the object copy: a
    categorical is compared once per category and read through its codes.
    """
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        hit = np.zeros(len(dtype.categories) + 1, dtype=bool)
        hit[:-1] = np.asarray(dtype.categories.astype("object") == value, dtype=bool)
        return hit[column.cat.codes.to_numpy()]  # code -1 (missing) reads the trailing False
    if pd.api.types.is_string_dtype(dtype):
        return column.eq(value).to_numpy(dtype=bool, na_value=False)
    return column.astype("object").eq(value).to_numpy(dtype=bool)


def assessed(frame: pd.DataFrame, reinspections: bool) -> np.ndarray:
    """Mask of the checked visits, item column by item column (no wide object copy)."""
    out = np.zeros(len(frame), dtype=bool)
    for item in CHECK_ITEMS:
        out |= ~equals(frame[item], NOT_APPLICABLE)
    if not reinspections:
        out &= ~equals(frame["visit_kind"], REINSPECTION)
    return out


def value_codes(column: pd.Series, values: tuple[object, ...]) -> np.ndarray:
    """Per row, the index in ``values`` of the value it equals, ``len(values)`` for none."""
    out = np.full(len(column), len(values), dtype=np.int8)
    if isinstance(column.dtype, pd.CategoricalDtype):
        table = np.full(len(column.dtype.categories) + 1, len(values), dtype=np.int8)
        for i, value in reversed(list(enumerate(values))):
            table[:-1][np.asarray(column.dtype.categories.astype("object") == value)] = i
        return table[column.cat.codes.to_numpy()]
    for i, value in reversed(list(enumerate(values))):
        out[equals(column, value)] = i
    return out


def count_values(
    group: np.ndarray, groups: int, column: pd.Series, values: tuple[object, ...]
) -> np.ndarray:
    """Rows per (group, value): a ``groups`` × ``len(values) + 1`` table of counts.

    ``group`` numbers each row's group (0 … groups-1); the last column counts the rows
    holding none of ``values`` (or nothing). A categorical is counted per category code
    first, then the categories are folded into the values they are.
    """
    if not isinstance(column.dtype, pd.CategoricalDtype):
        pair = group.astype(np.intp) * (len(values) + 1) + value_codes(column, values)
        return np.bincount(pair, minlength=groups * (len(values) + 1)).reshape(groups, -1)
    codes = column.cat.codes.to_numpy()
    width = len(column.dtype.categories) + 1  # code -1 (missing) first, then each category
    table = np.bincount(group * width + (codes + 1), minlength=groups * width)
    table = table.reshape(groups, width)
    slot = np.append(len(values), value_codes(pd.Series(column.dtype.categories), values))
    return np.stack([table[:, slot == i].sum(axis=1) for i in range(len(values) + 1)], axis=1)


def group_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Group number of each row and the group labels, as ``groupby(observed=True, sort=True)``.

    Missing values get -1 (groupby drops them). A categorical's groups are its observed
    categories in category order, computed from the codes without hashing the values.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.intp)
        seen = np.bincount(codes + 1, minlength=len(column.dtype.categories) + 1)[1:] > 0
        number = np.full(len(seen) + 1, -1, dtype=np.intp)
        number[:-1][seen] = np.arange(int(seen.sum()))
        labels = column.dtype.categories[seen]
        index = pd.CategoricalIndex(labels, dtype=column.dtype, name=column.name)
        return number[codes], index
    codes, uniques = pd.factorize(column, sort=True)
    return codes, pd.Index(uniques, name=column.name)


def take_labels(column: pd.Series, rows: np.ndarray) -> pd.api.extensions.ExtensionArray | pd.Index:
    """Values of ``column`` at ``rows`` as groupby labels them: object strings become str."""
    values = column.array.take(rows)
    if values.dtype == object:  # groupby builds an Index, which infers the type
        return pd.Index(np.asarray(values, dtype=object))
    return values


def period_start(column: pd.Series, period: str) -> pd.Series:
    """``column.dt.to_period(period).dt.start_time``, computed once per distinct date."""
    codes, uniques = pd.factorize(column)
    starts = pd.Series(uniques).dt.to_period(period).dt.start_time
    return pd.Series(starts.array.take(codes, allow_fill=True), index=column.index)


def dates(column: pd.Series) -> np.ndarray:
    """Datetime column as int64 ticks of its own unit (NaT is the int64 minimum)."""
    values = column.to_numpy()
    if values.dtype.kind != "M":
        values = pd.to_datetime(column).to_numpy()
    return values.view(np.int64)


def row_keys(frame: pd.DataFrame, columns: list[str], rows: np.ndarray) -> np.ndarray:
    """One int64 per row of ``rows`` standing for its values of ``columns``; -1 if one is missing.

    Equal keys mean equal values in every column (a mixed-radix number of the columns'
    codes): what ``groupby(columns)`` would put together.
    """
    key = np.zeros(len(rows), dtype=np.int64)
    missing = np.zeros(len(rows), dtype=bool)
    for column in columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes, size = values.cat.codes.to_numpy()[rows], len(values.dtype.categories)
        else:
            codes, uniques = pd.factorize(values.iloc[rows])
            size = len(uniques)
        key = key * max(size, 1) + codes
        missing |= codes < 0
    key[missing] = -1
    return key


def item_counts(
    frame: pd.DataFrame, by: str, values: tuple[object, ...]
) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Rows per group of ``by``, check item and value, item by item on the wide frame.

    Returns
    -------
    (counts, whole, groups)
        ``counts[group, item, value]`` and ``whole[item, value]`` (every row, grouped or
        not), each with a last value column counting the rest (missing included), and the
        groups as ``groupby(by, observed=True, sort=True)`` labels them.
    """
    group, groups = group_codes(frame[by])
    group = np.where(group < 0, len(groups), group).astype(np.int32)  # no group: a last row
    tables = [count_values(group, len(groups) + 1, frame[item], values) for item in CHECK_ITEMS]
    counts = np.stack([t[:-1] for t in tables], axis=1)
    return counts, np.stack([t.sum(axis=0) for t in tables]), groups


def repeats(key: np.ndarray, flags: np.ndarray, on: np.ndarray, least: int) -> dict:
    """Groups of equal ``key`` with at least ``least`` rows, in order of first appearance.

    Returns
    -------
    dict
        ``first`` (position of each group's first row), ``failures`` (rows), ``not_fixed``
        (rows flagged), ``first_failed`` and ``last_failed`` (earliest and latest ``on``).
    """
    group, uniques = pd.factorize(key)
    size = np.bincount(group, minlength=len(uniques))
    first = np.full(len(uniques), len(group), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(group)))
    kept = size >= least
    rows = kept[group]
    stats = pd.DataFrame({"g": group[rows], "flag": flags[rows], "on": on[rows]}).groupby(
        "g", sort=True
    )
    return {
        "first": first[kept],
        "failures": size[kept].astype(np.int64),
        "not_fixed": stats["flag"].sum().to_numpy(),
        "first_failed": stats["on"].min().to_numpy(),
        "last_failed": stats["on"].max().to_numpy(),
    }
