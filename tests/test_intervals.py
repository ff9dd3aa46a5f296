"""The one Wilson rule every topic uses (analysis.rules.intervals)."""

from __future__ import annotations

import math

import pytest

from analysis.rules.intervals import LEVEL, apart, wilson


def _textbook(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(3, 87), (0, 10), (10, 10), (393, 438), (1, 1)])
def test_wilson_is_the_textbook_interval(k, n):
    assert LEVEL == 0.95
    low, high = wilson(k, n)
    assert (low, high) == pytest.approx(_textbook(k, n), abs=1e-9)
    assert 0 <= low <= k / n <= high <= 1


def test_overdue_share_of_the_issue():
    low, high = wilson(3, 87)  # 3.4 %: the issue quotes 1.2–9.7 %
    assert round(100 * low, 1) == 1.2 and round(100 * high, 1) == 9.7


def test_nothing_counted_has_no_interval_and_bad_counts_raise():
    assert all(math.isnan(x) for x in wilson(0, 0))
    with pytest.raises(ValueError, match="successes"):
        wilson(5, 4)


def test_apart_only_when_the_intervals_do_not_overlap():
    assert apart((0.1, 0.2), (0.3, 0.4)) and apart((0.3, 0.4), (0.1, 0.2))
    assert not apart((0.1, 0.3), (0.25, 0.4))
    assert not apart((math.nan, 0.2), (0.3, 0.4))
