"""Calibration targets, read from the published figures, and exact-sum allocation.

The published table (``data/published/figures.csv``) is the single source of truth: no
target number is written in the generator. A figure's *accepted range* is worked out
with :func:`analysis.rules.reconciliation.compare` itself, so the generator aims inside exactly the
range the reconciliation will accept ("2400余户" → 2,400–2,499).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis.rules.reconciliation import compare, rounding_step


@dataclass(frozen=True)
class Target:
    """One published figure as a calibration target."""

    figure_id: str
    value: float | None
    qualifier: str
    unit_of_measure: str
    event_date: date | None

    def bounds(self) -> tuple[int, int]:
        """Return the smallest and largest whole number the reconciliation accepts.

        Raises
        ------
        ValueError
            If the figure is a dated event, or no whole number is accepted.
        """
        if self.value is None:
            raise ValueError(f"{self.figure_id} is a dated event, not a number")
        if self.qualifier == "确数":
            if self.value != int(self.value):
                raise ValueError(f"{self.figure_id}: exact value {self.value} is not whole")
            return int(self.value), int(self.value)
        reach = 2 * rounding_step(self.value) + math.ceil(0.05 * abs(self.value)) + 2
        lo, hi = math.floor(self.value - reach), math.ceil(self.value + reach)
        accepted = [
            k
            for k in range(lo, hi + 1)
            if compare(self.value, k, self.qualifier, self.unit_of_measure)[0]
        ]
        if not accepted:
            raise ValueError(f"{self.figure_id}: no whole number matches {self.qualifier}")
        return accepted[0], accepted[-1]

    def exact(self) -> int:
        """Return the value of an exact (确数) figure as an int.

        Raises
        ------
        ValueError
            If the figure is not exact or not a whole number.
        """
        if self.qualifier != "确数":
            raise ValueError(f"{self.figure_id} is {self.qualifier}, not exact")
        return self.bounds()[0]

    def pick(self, rng: np.random.Generator, low: float = 0.1, high: float = 0.5) -> int:
        """Draw a whole number inside the accepted range, between fractions of it.

        ``low``/``high`` place the draw within the accepted range: 0.1–0.5 of "200余"
        (200–299) is 209–249, the lower half, which is how such round numbers are read.
        """
        lo, hi = self.bounds()
        a = lo + math.floor(low * (hi - lo))
        b = max(a, lo + math.floor(high * (hi - lo)))
        return int(rng.integers(a, b + 1))

    def date(self) -> date:
        """Return the event date of a dated figure.

        Raises
        ------
        ValueError
            If the figure has no event date.
        """
        if self.event_date is None:
            raise ValueError(f"{self.figure_id} has no event date")
        return self.event_date


class Targets(Mapping[str, Target]):
    """Published figures by figure_id."""

    def __init__(self, figures: pd.DataFrame) -> None:
        self._targets: dict[str, Target] = {}
        for fig in figures.itertuples(index=False):
            event = None if pd.isna(fig.event_date) else fig.event_date.date()
            value = None if pd.isna(fig.value) else float(fig.value)
            self._targets[str(fig.figure_id)] = Target(
                str(fig.figure_id), value, str(fig.qualifier), str(fig.unit_of_measure), event
            )

    def __getitem__(self, figure_id: str) -> Target:
        try:
            return self._targets[figure_id]
        except KeyError:
            raise KeyError(
                f"published figure {figure_id!r} is missing from data/published/figures.csv; "
                "the synthetic generator is calibrated to it"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


def load_targets(figures: pd.DataFrame | None = None) -> Targets:
    """Return the calibration targets (default: the shipped published figures).

    Raises
    ------
    DataValidationError
        If the published figures file is invalid.
    """
    if figures is None:
        from analysis.datasets.loaders import load_published_figures

        figures = load_published_figures()
    return Targets(figures)


def allocate(
    total: int,
    weights: Sequence[float] | np.ndarray,
    caps: Sequence[int] | np.ndarray | None = None,
    minimum: int = 0,
) -> np.ndarray:
    """Split ``total`` into whole numbers roughly proportional to ``weights``.

    Every share is at least ``minimum`` and at most its cap, and the shares sum to
    ``total`` exactly, which is how exact published totals are met by construction.

    Raises
    ------
    ValueError
        If the total cannot be met within the minimum and the caps.
    """
    w = np.asarray(weights, dtype=float)
    n = len(w)
    cap = np.full(n, total, dtype=np.int64) if caps is None else np.asarray(caps, np.int64)
    out = np.full(n, minimum, dtype=np.int64)
    if n == 0 or np.any(cap < minimum) or not (out.sum() <= total <= cap.sum()):
        raise ValueError(
            f"cannot split {total} into {n} shares between {minimum} and caps summing "
            f"to {int(cap.sum()) if n else 0}"
        )
    remaining = total - int(out.sum())
    while remaining > 0:
        room = cap - out
        active = room > 0
        ww = np.where(active, np.maximum(w, 0), 0.0)
        if ww.sum() <= 0:
            ww = active.astype(float)
        ideal = remaining * ww / ww.sum()
        add = np.minimum(np.floor(ideal).astype(np.int64), room)
        if add.sum() == 0:
            # hand out the last units one by one, largest fractional share first
            order = np.argsort(-(ideal - np.floor(ideal)), kind="stable")
            for i in order:
                if remaining and room[i] > 0:
                    out[i] += 1
                    remaining -= 1
            continue
        out += add
        remaining -= int(add.sum())
    return out
