"""Which histogram bin each loan falls in (shared by the chart and the suppression plan)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.loans._groups import is_text, with_columns
from analysis.rules import policy

#: Panels of the amount histogram, in drawing order.
KINDS = ("individual", "business")
#: Bin width per panel in 万元: banks lend in whole 10,000 yuan; business loans are larger.
BIN_WAN = {"individual": 1, "business": 20}
YUAN_PER_WAN = 10_000


def amount_bins(loans: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per loan: its panel (``individual`` / ``business``), its bin label and the bin's
    centre in 万元. Bins are centred on whole multiples of the panel's width.

    A loan with no amount is in the bin ``未记录`` (centre NaN).

    Raises
    ------
    KeyError
        If ``loans`` lacks ``amount_yuan``.
    """
    loans = with_columns(loans, ("borrower_category",))
    business = is_text(loans["borrower_category"], policy.SMALL_BUSINESS_CATEGORY)
    business = np.asarray(business, dtype=bool)
    kind = np.where(business, KINDS[1], KINDS[0]).astype(object)
    width = np.where(business, BIN_WAN[KINDS[1]], BIN_WAN[KINDS[0]]).astype("float64")
    wan = pd.to_numeric(loans["amount_yuan"], errors="coerce").to_numpy("float64") / YUAN_PER_WAN
    centre = np.floor(wan / width + 0.5) * width  # half-up: 14.5 万 goes to 15
    label = np.array(["未记录" if np.isnan(c) else f"{c:g}" for c in centre], dtype=object)
    return kind, label, centre
