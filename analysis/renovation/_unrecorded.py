"""Empty "not recorded" groups are left out of what the renovation page shows.

A category, a raiser or a party-organisation mode may be 未记录 (not recorded) in an imported
ledger, so the vocabulary keeps it as a category and the metrics keep every category. On
records where nothing is unrecorded such a row says nothing but "0", so tables and charts
drop it; a 未记录 group that holds records is always kept, since how much is unrecorded is
itself a finding.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.datasets.schema import NOT_RECORDED


def drop_empty_unrecorded(frame: pd.DataFrame, keys: Sequence[str], count: str) -> pd.DataFrame:
    """``frame`` without the rows whose ``keys`` say 未记录 and whose ``count`` is 0.

    A categorical key column loses the 未记录 category too when no row is left in it, so a
    chart that draws every category of the column does not draw it either. ``attrs`` kept.

    Raises
    ------
    KeyError
        If a key or ``count`` is not a column of ``frame``.
    """
    if not keys:
        return frame
    unrecorded = pd.Series(False, index=frame.index)
    for key in keys:
        unrecorded |= frame[key].astype(str) == NOT_RECORDED
    out = frame[~(unrecorded & (frame[count] == 0))].copy()
    for key in keys:
        column = out[key]
        if (
            isinstance(column.dtype, pd.CategoricalDtype)
            and NOT_RECORDED in column.cat.categories
            and not (column.astype(str) == NOT_RECORDED).any()
        ):
            out[key] = column.cat.remove_categories([NOT_RECORDED])
    out.attrs = dict(frame.attrs)
    return out.reset_index(drop=True)
