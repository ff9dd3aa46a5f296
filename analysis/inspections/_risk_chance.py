"""How far the risk ranking's gain could be chance: bootstrap interval, permutation p, AUC.

Everything is computed on the premises judged after a cut-off (their scores fixed by the
rules fitted before it): the bootstrap resamples those premises with replacement, the
permutation test shuffles which of them failed against their scores. Seeds and resample
counts are fixed, so a result is the same on every run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

#: Share of premises visited at which the lift is read.
SHARE = 0.2
#: Fixed resample counts and seed: the numbers must be the same bytes on every run.
BOOTSTRAP_RESAMPLES = 2000
PERMUTATIONS = 9999
SEED = 20200923


def lift_at(scores: np.ndarray, hits: np.ndarray, share: float = SHARE) -> float:
    """Capture at ``share`` visited over ``share``: the lift over random order.

    Tied scores are one block, visited as a straight line (as
    :func:`analysis.inspections.risk.capture_curve`); NaN when there is no hit to find.

    Raises
    ------
    ValueError
        If the lengths differ.
    """
    scores, hits = np.asarray(scores, dtype="float64"), np.asarray(hits, dtype=bool)
    if len(scores) != len(hits):
        raise ValueError(f"{len(scores)} scores but {len(hits)} hit flags")
    total = int(hits.sum())
    if total == 0:
        return float("nan")
    levels, block = np.unique(-scores, return_inverse=True)  # highest score first
    size = np.bincount(block, minlength=len(levels))
    found = np.bincount(block, weights=hits, minlength=len(levels))
    visited = np.concatenate([[0], np.cumsum(size)]) / len(scores)
    captured = np.concatenate([[0], np.cumsum(found)]) / total
    return float(np.interp(share, visited, captured) / share)


def auc(scores: np.ndarray, hits: np.ndarray) -> float:
    """Chance that a failing premises outscores a passing one (ties count half); NaN if one
    side is empty.

    Raises
    ------
    ValueError
        If the lengths differ.
    """
    scores, hits = np.asarray(scores, dtype="float64"), np.asarray(hits, dtype=bool)
    if len(scores) != len(hits):
        raise ValueError(f"{len(scores)} scores but {len(hits)} hit flags")
    if hits.all() or not hits.any():
        return float("nan")
    u = stats.mannwhitneyu(scores[hits], scores[~hits]).statistic
    return float(u / (hits.sum() * (~hits).sum()))


def _bootstrap(data: tuple, statistic, seed: int) -> tuple[float, float]:
    if len(data[0]) < 2 or not np.asarray(data[-1], dtype=bool).any():
        return float("nan"), float("nan")
    result = stats.bootstrap(
        data,
        statistic,
        paired=True,
        vectorized=False,
        n_resamples=BOOTSTRAP_RESAMPLES,
        method="percentile",
        random_state=np.random.default_rng(seed),
    )
    ci = result.confidence_interval
    return float(ci.low), float(ci.high)


def _finite(statistic):
    """A statistic that stays finite on a resample with no failing premises (lift 0)."""

    def safe(*args: np.ndarray) -> float:
        value = statistic(*args)
        return 0.0 if np.isnan(value) else value

    return safe


def chance(scored: pd.DataFrame, share: float = SHARE, seed: int = SEED) -> dict[str, float]:
    """Lift at ``share`` of the model and of prior failures alone, with intervals and p.

    Parameters
    ----------
    scored
        ``Validation.scored``: one row per judged premises with ``score``, ``failed`` and
        ``failures`` (its failed visits before the cut-off; NaN when it had none on record).

    Returns
    -------
    dict
        ``lift, lift_low, lift_high`` (percentile bootstrap over premises), ``p_value``
        (one-sided permutation test of the lift against random order), ``auc``,
        ``baseline_lift, baseline_low, baseline_high`` (ranking on prior failures alone) and
        ``gain_low, gain_high`` (interval of model lift minus baseline lift, paired).
        NaN where nothing can be judged.

    Raises
    ------
    KeyError
        If ``scored`` lacks ``score`` or ``failed``.
    """
    score = scored["score"].to_numpy(dtype="float64")
    hits = scored["failed"].to_numpy(dtype=bool)
    prior = (
        scored["failures"].fillna(0).to_numpy(dtype="float64")
        if "failures" in scored
        else (np.zeros(len(scored)))
    )
    out = {"lift": lift_at(score, hits, share), "auc": auc(score, hits)}
    out["baseline_lift"] = lift_at(prior, hits, share)
    one = _finite(lambda s, h: lift_at(s, h, share))
    out["lift_low"], out["lift_high"] = _bootstrap((score, hits), one, seed)
    out["baseline_low"], out["baseline_high"] = _bootstrap((prior, hits), one, seed)
    gain = _finite(lambda s, b, h: lift_at(s, h, share) - lift_at(b, h, share))
    out["gain_low"], out["gain_high"] = _bootstrap((score, prior, hits), gain, seed)
    out["p_value"] = float("nan")
    if hits.any() and not hits.all():
        test = stats.permutation_test(
            (hits,),
            lambda h: lift_at(score, h, share),
            permutation_type="pairings",
            vectorized=False,
            n_resamples=PERMUTATIONS,
            alternative="greater",
            random_state=np.random.default_rng(seed),
        )
        out["p_value"] = float(test.pvalue)
    return out
