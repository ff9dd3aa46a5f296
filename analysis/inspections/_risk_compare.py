"""The validation repeated at several cut-off dates: is the ranking's gain stable?"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections.risk import capture_at, validate


def capture_by_cutoff(
    inspections: pd.DataFrame,
    cutoffs: Sequence[str | pd.Timestamp],
    share: float = 0.2,
    until: str | pd.Timestamp = DATA_AS_OF,
) -> pd.DataFrame:
    """Capture at ``share`` of premises visited, for the ranking validated at each cut-off.

    Returns
    -------
    pandas.DataFrame
        One row per cut-off: ``cutoff``, ``premises`` judged, ``failing`` among them,
        ``visited_pct, found_pct, random_pct, lift`` (:func:`capture_at`; NaN when the
        cut-off cannot be judged) and ``problem`` (None, or why it cannot be judged).

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If ``share`` is outside (0, 1].
    """
    rows = []
    for cutoff in cutoffs:
        result = validate(inspections, cutoff, until=until, strict=False)
        row: dict[str, object] = {
            "cutoff": pd.Timestamp(cutoff),
            "premises": len(result.scored),
            "failing": int(result.scored["failed"].sum()) if len(result.scored) else 0,
        }
        if result.problem is None:
            row.update(capture_at(result.curve, share).iloc[0].to_dict())
        else:
            row.update(visited_pct=100 * share, found_pct=float("nan"))
            row.update(random_pct=100 * share, lift=float("nan"))
        row["problem"] = result.problem
        rows.append(row)
    columns = ["cutoff", "premises", "failing", "visited_pct", "found_pct", "random_pct", "lift"]
    return pd.DataFrame(rows, columns=[*columns, "problem"])
