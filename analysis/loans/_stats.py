"""Intervals for the loan findings (scipy.stats; no hand-written tests)."""

from __future__ import annotations


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95 % interval of the proportion ``k / n``.

    Raises
    ------
    ValueError
        If ``n`` is not positive or ``k`` is outside ``0 .. n``.
    """
    from scipy.stats import binomtest

    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    ci = binomtest(int(k), int(n)).proportion_ci(confidence_level=0.95, method="wilson")
    return float(ci.low), float(ci.high)
