"""The amount histogram's bins, protected like every other breakdown of the loans.

Amounts are one variable, but the histogram draws individual and small-business loans in
two panels, so its bins are a breakdown by kind of borrower: the business panel's bars add
up to the small-business count, and the individual panel's to everything else. Where the
group tables hide that count, bare bars would give it back. So the bins are cells of the
loans dataset's one suppression pattern (:data:`analysis.loans._protection.BREAKDOWNS`
holds ``("borrower_kind",)`` and ``("borrower_kind", "amount_bin")``): a bin of 1–2 loans,
or one hidden so that a hidden count elsewhere cannot be worked out, gets no bar and "x".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.loans._bins import BIN_WAN, KINDS, amount_bins
from analysis.loans._protection import attach, histogram_released


def size_bins(loans: pd.DataFrame) -> pd.DataFrame:
    """Loans per amount bin and kind of borrower (non-empty bins only).

    Returns
    -------
    pandas.DataFrame
        ``borrower_kind`` (``individual`` / ``business``), ``amount_bin`` (the bin's label),
        ``amount_wan`` (its centre in 万元), ``width_wan``, ``loans``; in kind then amount
        order. attrs: ``datasets``, the dataset's pattern for the bins and ``released``
        (False: the bins cannot be protected without hiding more elsewhere, and the chart
        withholds them).

    Raises
    ------
    KeyError
        If ``loans`` lacks ``amount_yuan``.
    """
    kind, label, centre = amount_bins(loans)
    frame = pd.DataFrame({"borrower_kind": kind, "amount_bin": label, "amount_wan": centre})
    out = (
        frame.groupby(["borrower_kind", "amount_bin", "amount_wan"], sort=False)
        .size()
        .rename("loans")
        .reset_index()
    )
    out["_kind"] = out["borrower_kind"].map({k: i for i, k in enumerate(KINDS)})
    out = out.sort_values(["_kind", "amount_wan"], kind="stable").drop(columns="_kind")
    out.insert(3, "width_wan", out["borrower_kind"].map(BIN_WAN).astype("float64"))
    out = out.reset_index(drop=True)
    out["loans"] = out["loans"].astype(np.int64)
    out.attrs = {"datasets": ["loans"]}
    out = attach(out, loans, ("borrower_kind", "amount_bin"))
    out.attrs["released"] = bool(len(out)) and histogram_released(loans)
    return out
