"""Intervals for the rates the inspection notebook compares, and wording that follows them.

A rate is shown with its Wilson 95 % interval (``scipy.stats.binomtest(...).proportion_ci``),
and a statement that ranks rates ("lowest", "higher") is made only when the intervals
separate them; otherwise the prose names the rates within chance of each other. Overlap of
two 95 % intervals is a conservative reading (two rates can differ even when their intervals
touch), which is the right direction for a sentence a reader may quote.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from analysis.presentation.findings import number, pick
from analysis.rules.intervals import LEVEL, wilson

#: Coverage of every interval in the inspection findings: the site-wide level.
CONFIDENCE = LEVEL


def with_intervals(frame: pd.DataFrame, k: str, n: str) -> pd.DataFrame:
    """``frame`` with ``ci_low_pct`` and ``ci_high_pct``: the Wilson interval of ``k`` / ``n``.

    Rows with ``n`` = 0 get NaN (nothing was counted, so there is no rate to bound).

    Raises
    ------
    KeyError
        If ``k`` or ``n`` is not a column.
    """
    bounds = [wilson(a, b) for a, b in zip(frame[k], frame[n], strict=True)]
    out = frame.copy()
    out["ci_low_pct"] = [100 * lo for lo, _ in bounds]
    out["ci_high_pct"] = [100 * hi for _, hi in bounds]
    return out


def digits_for(low_pct: float, high_pct: float) -> int:
    """Decimals a percentage deserves: one when its interval is narrower than 10 points."""
    width = high_pct - low_pct
    return 1 if math.isfinite(width) and width < 10 else 0


def rate(value_pct: float, low_pct: float, high_pct: float) -> str:
    """``90.9%`` or ``14%``: the rate to the precision its interval supports."""
    return f"{number(value_pct, digits_for(low_pct, high_pct))}%"


def interval(low_pct: float, high_pct: float, lang: str) -> str:
    """``95% 区间 89.1%–92.4%`` / ``95% interval 89.1–92.4%``, rounded like the rate."""
    d = digits_for(low_pct, high_pct)
    lo, hi = number(low_pct, d), number(high_pct, d)
    return pick(lang, "95% 区间 {lo}%–{hi}%", "95% interval {lo}–{hi}%", lo=lo, hi=hi)


def overlapping(frame: pd.DataFrame, at: int) -> pd.DataFrame:
    """Rows (other than position ``at``) whose interval overlaps the interval of row ``at``.

    Raises
    ------
    KeyError
        If the frame has no ``ci_low_pct`` / ``ci_high_pct``.
    """
    lo, hi = frame["ci_low_pct"].to_numpy(), frame["ci_high_pct"].to_numpy()
    touch = (lo <= hi[at]) & (hi >= lo[at])
    touch[at] = False
    return frame[touch]


def p_text(p: float) -> str:
    """A p-value as printed: ``0.27``, ``0.015``, ``< 0.001``."""
    if p < 0.001:
        return "< 0.001"
    return number(p, 3 if p < 0.01 else 2)


def significant(p: float, level: float = 1 - CONFIDENCE) -> bool:
    """True when ``p`` is below the conventional level matching the intervals (0.05)."""
    return bool(np.isfinite(p) and p < level)


def logrank(cases: pd.DataFrame, by: str = "premises_type", min_n: int = 10) -> dict[str, float]:
    """Log-rank test across the groups of ``by`` with at least ``min_n`` cases (the curves
    the chart draws): do their times to rectification differ beyond chance?

    Parameters
    ----------
    cases
        :func:`analysis.inspections.rectification_cases`: ``days`` and ``observed``.

    Returns
    -------
    dict
        ``groups`` compared, ``statistic`` and ``p_value`` (NaN with fewer than two groups).

    Raises
    ------
    KeyError
        If ``days``, ``observed`` or ``by`` is missing.
    """
    from lifelines.statistics import multivariate_logrank_test

    sizes = cases[by].astype("object").value_counts()
    kept = sizes[sizes >= min_n].index
    part = cases[cases[by].astype("object").isin(kept)]
    out = {"groups": float(len(kept)), "statistic": math.nan, "p_value": math.nan}
    if len(kept) < 2 or not part["observed"].any():
        return out
    with warnings.catch_warnings():  # lifelines' own pandas calls warn of pandas 4; not ours
        warnings.filterwarnings("ignore", module="lifelines")
        test = multivariate_logrank_test(
            part["days"].to_numpy(dtype="float64"),
            part[by].astype("object").to_numpy(),
            part["observed"].to_numpy(dtype=bool),
        )
    out.update(statistic=float(test.test_statistic), p_value=float(test.p_value))
    return out
