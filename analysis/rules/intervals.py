"""Intervals every topic puts on a compared rate: one Wilson rule, one level.

A share that a sentence compares or ranks is stated with its 95 % Wilson interval
(scipy's ``binomtest(...).proportion_ci(method="wilson")``), and the comparison is made in
words only when the intervals do not overlap (:func:`apart`). Non-overlap is conservative
(two overlapping intervals may still differ), so "the records do not tell them apart" is the
honest wording when they overlap — never "they are equal".
"""

from __future__ import annotations

import math

#: The level of every interval on the site, and the matching test threshold.
LEVEL = 0.95
ALPHA = 1 - LEVEL


def wilson(k: float, n: float, confidence: float = LEVEL) -> tuple[float, float]:
    """The Wilson interval of ``k`` successes in ``n`` trials, as shares in [0, 1].

    Returns ``(nan, nan)`` when ``n`` is 0: nothing was counted, so there is no rate to bound.

    Raises
    ------
    ValueError
        If ``k`` is negative or larger than ``n``.
    """
    from scipy.stats import binomtest  # lazy: scipy is only needed when a rate is bounded

    k, n = int(k), int(n)
    if n <= 0:
        return math.nan, math.nan
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got {k} successes in {n} trials")
    ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


def apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True when two intervals do not overlap (a comparison in words is supported).

    A missing bound makes them not apart.
    """
    if any(math.isnan(x) for x in (*a, *b)):
        return False
    return a[1] < b[0] or b[1] < a[0]
