"""Inequality of amounts: Gini coefficient, Lorenz curve, share held by the top.

Used for loans (across loans and across communities) and available to any notebook that
asks how concentrated something is. Inputs are non-negative amounts; zeros count (a
community with no loan is part of the distribution, not missing).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Share of the largest holders whose share of the total amount is reported.
TOP_SHARE = 0.10


def _amounts(values: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    """Validate amounts for a concentration measure; sorted ascending."""
    x = np.asarray(values, dtype="float64").ravel()
    if x.size == 0:
        raise ValueError("no values: concentration of an empty set is undefined")
    if np.isnan(x).any():
        raise ValueError("values contain missing amounts; fill or drop them explicitly")
    if (x < 0).any():
        raise ValueError("values must be non-negative (amounts lent)")
    if x.sum() == 0:
        raise ValueError("all values are zero: shares of a zero total are undefined")
    return np.sort(x)


def gini(values: Sequence[float] | np.ndarray | pd.Series) -> float:
    """Gini coefficient of non-negative amounts: 0 = all equal, near 1 = one holds all.

    Population form, ``Σ_i Σ_j |x_i − x_j| / (2 n² x̄)``, computed from the sorted values
    as ``2 Σ_i i·x_(i) / (n Σ x) − (n + 1) / n``. At most ``(n − 1) / n`` (one value holds
    everything), so in ``[0, 1)``; 0.0 for a single value or all-equal values. Zeros
    count: a community with no loan is part of the distribution, not missing.

    Raises
    ------
    ValueError
        If there are no values, any is missing or negative, or all are zero (shares
        of a zero total are undefined, so neither 0 nor NaN would be honest).
    """
    x = _amounts(values)
    n = x.size
    rank = np.arange(1, n + 1)
    g = 2.0 * float(np.sum(rank * x)) / (n * float(x.sum())) - (n + 1) / n
    # The closed form can land a rounding error below 0 for all-equal values.
    return max(g, 0.0)


def lorenz_curve(values: Sequence[float] | np.ndarray | pd.Series) -> pd.DataFrame:
    """Points of the Lorenz curve: cumulative share of holders vs of the amount.

    Returns
    -------
    pandas.DataFrame
        ``n + 1`` rows from (0, 0) to (1, 1), smallest holders first; columns
        ``population_share`` and ``amount_share`` (both floats in [0, 1]).

    Raises
    ------
    ValueError
        As :func:`gini`.
    """
    x = _amounts(values)
    n = x.size
    return pd.DataFrame(
        {
            "population_share": np.arange(n + 1) / n,
            "amount_share": np.concatenate([[0.0], np.cumsum(x) / x.sum()]),
        }
    )


def top_share(values: Sequence[float] | np.ndarray | pd.Series, share: float = TOP_SHARE) -> float:
    """Share of the total amount held by the largest ``share`` of holders.

    Read off the Lorenz curve, ``1 − L(1 − share)`` with linear interpolation, so a
    fraction of a loan counts pro rata: for 87 loans the top 10 % are 8.7 loans, the 8
    largest plus 0.7 of the 9th. Consistent with the plotted curve.

    Raises
    ------
    ValueError
        If ``share`` is not in (0, 1], or as :func:`gini`.
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share!r}")
    curve = lorenz_curve(values)
    below = np.interp(1 - share, curve["population_share"], curve["amount_share"])
    return float(1 - below)


#: Resamples and seed of the intervals below: the same bytes on every run.
DRAWS, SEED = 2000, 16


def _gini_rows(x: np.ndarray) -> np.ndarray:
    """Gini of every row of a 2-D array of non-negative amounts (rows with total 0: 0)."""
    x = np.sort(x, axis=1)
    n = x.shape[1]
    total = x.sum(axis=1)
    rank = np.arange(1, n + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = 2.0 * (x * rank).sum(axis=1) / (n * total) - (n + 1) / n
    return np.clip(np.nan_to_num(g), 0.0, None)


def gini_interval(
    values: Sequence[float] | np.ndarray | pd.Series, draws: int = DRAWS, seed: int = SEED
) -> tuple[float, float]:
    """Bootstrap 95 % percentile interval of :func:`gini` (values resampled, seeded).

    Raises
    ------
    ValueError
        As :func:`gini`.
    """
    x = _amounts(values)
    rng = np.random.default_rng(seed)
    samples = x[rng.integers(0, x.size, size=(draws, x.size))]
    low, high = np.quantile(_gini_rows(samples), [0.025, 0.975])
    return float(low), float(high)


def chance_allocation(
    amounts: Sequence[float] | np.ndarray | pd.Series,
    places: int,
    draws: int = DRAWS,
    seed: int = SEED,
) -> dict[str, float]:
    """What chance gives: the same amounts spread uniformly at random over ``places``.

    Each amount goes to a place drawn uniformly (seeded), ``draws`` times; returns the
    mean Gini of the places' totals and its 95 % range (``gini``, ``gini_low``,
    ``gini_high``) and the mean number of places left empty and its 95 % range
    (``empty``, ``empty_low``, ``empty_high``).

    Raises
    ------
    ValueError
        As :func:`gini`, or if ``places`` is below 1.
    """
    x = _amounts(amounts)
    if places < 1:
        raise ValueError("need at least one place to spread the amounts over")
    rng = np.random.default_rng(seed)
    where = rng.integers(0, places, size=(draws, x.size))
    offset = (np.arange(draws)[:, None] * places + where).ravel()
    totals = np.bincount(offset, weights=np.tile(x, draws), minlength=draws * places)
    counts = np.bincount(offset, minlength=draws * places).reshape(draws, places)
    g = _gini_rows(totals.reshape(draws, places))
    empty = (counts == 0).sum(axis=1)
    return {
        "gini": float(g.mean()),
        "gini_low": float(np.quantile(g, 0.025)),
        "gini_high": float(np.quantile(g, 0.975)),
        "empty": float(empty.mean()),
        "empty_low": float(np.quantile(empty, 0.025)),
        "empty_high": float(np.quantile(empty, 0.975)),
    }
