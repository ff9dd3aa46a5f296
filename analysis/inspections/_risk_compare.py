"""The validation repeated at several cut-off dates, each with its interval and benchmark.

Which cut-off the notebook reads is fixed by a rule that does not look at the result
(:func:`declared_cutoff`); its neighbours a month either side are shown beside it, so a
reader sees whether the conclusion depends on the date chosen.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections._risk_chance import chance
from analysis.inspections.risk import capture_at, validate

#: The ranking is judged on at least this many days before the as-of date.
HOLDOUT_DAYS = 84  # twelve weeks, about a quarter
CHANCE_COLUMNS = (
    "lift_low",
    "lift_high",
    "p_value",
    "auc",
    "baseline_lift",
    "baseline_low",
    "baseline_high",
    "gain_low",
    "gain_high",
)


def declared_cutoff(as_of: str | pd.Timestamp = DATA_AS_OF) -> pd.Timestamp:
    """The cut-off the validation uses: the first of the month that leaves at least
    :data:`HOLDOUT_DAYS` days before ``as_of`` (2020-07-01 for 2020-09-23).

    Raises
    ------
    ValueError
        If ``as_of`` is not a date.
    """
    latest = pd.Timestamp(as_of) - pd.Timedelta(days=HOLDOUT_DAYS)
    return latest.to_period("M").to_timestamp()


def cutoffs(as_of: str | pd.Timestamp = DATA_AS_OF) -> list[pd.Timestamp]:
    """The declared cut-off and the first of the month before and after it.

    Raises
    ------
    ValueError
        If ``as_of`` is not a date.
    """
    at = declared_cutoff(as_of)
    return [at - pd.DateOffset(months=1), at, at + pd.DateOffset(months=1)]


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
        cut-off cannot be judged), the columns of
        :func:`analysis.inspections._risk_chance.chance` (interval, permutation p, AUC,
        prior failures alone) and ``problem`` (None, or why it cannot be judged).

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
            found = chance(result.scored, share)
            row.update({k: found[k] for k in CHANCE_COLUMNS})
        else:
            row.update(visited_pct=100 * share, found_pct=float("nan"))
            row.update(random_pct=100 * share, lift=float("nan"))
            row.update(dict.fromkeys(CHANCE_COLUMNS, float("nan")))
        row["problem"] = result.problem
        rows.append(row)
    columns = ["cutoff", "premises", "failing", "visited_pct", "found_pct", "random_pct", "lift"]
    return pd.DataFrame(rows, columns=[*columns, *CHANCE_COLUMNS, "problem"])
