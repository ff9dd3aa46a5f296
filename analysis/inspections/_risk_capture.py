"""Capture curves: how much of what fails a ranking finds, against visiting at random.

Used by :func:`analysis.inspections.risk.validate` (and re-exported there); kept apart because it
depends on nothing but scores and hit flags.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def capture_curve(scores: pd.Series, hits: pd.Series) -> pd.DataFrame:
    """Share of hits found against share of items visited, highest score first.

    Tied scores are one block: within it the curve is a straight line, which is the exact
    average over every order of visiting the tied items. So a constant score gives the
    diagonal, and no ranking gains from an arbitrary tie-break.

    Returns
    -------
    pandas.DataFrame
        ``share_visited, share_found`` from (0, 0) to (1, 1), one point per block end.

    Raises
    ------
    ValueError
        If the lengths differ or there is no hit (nothing to find).
    """
    if len(scores) != len(hits):
        raise ValueError(f"{len(scores)} scores but {len(hits)} hit flags")
    total = int(np.asarray(hits, dtype=bool).sum())
    if total == 0:
        raise ValueError("no hits: a capture curve needs at least one failure to find")
    frame = pd.DataFrame({"score": np.asarray(scores), "hit": np.asarray(hits, dtype=bool)})
    blocks = frame.groupby("score", sort=True)["hit"].agg(["size", "sum"]).iloc[::-1]
    visited = np.concatenate([[0], np.cumsum(blocks["size"].to_numpy())]) / len(frame)
    found = np.concatenate([[0], np.cumsum(blocks["sum"].to_numpy())]) / total
    return pd.DataFrame({"share_visited": visited, "share_found": found})


def capture_at(curve: pd.DataFrame, shares: float | list[float]) -> pd.DataFrame:
    """Read the capture curve at given shares of premises visited, beside random order.

    Returns
    -------
    pandas.DataFrame
        In percent, for a reader: ``visited_pct``, ``found_pct`` (failing premises found by
        the ranking), ``random_pct`` (= visited_pct, the expected capture of a random
        order); and ``lift`` = found / random.

    Raises
    ------
    ValueError
        If a share is outside (0, 1].
    """
    at = np.atleast_1d(np.asarray(shares, dtype="float64"))
    if ((at <= 0) | (at > 1)).any():
        raise ValueError("shares must lie in (0, 1]")
    found = np.interp(at, curve["share_visited"], curve["share_found"])
    return pd.DataFrame(
        {
            "visited_pct": 100 * at,
            "found_pct": 100 * found,
            "random_pct": 100 * at,
            "lift": found / at,
        }
    )
