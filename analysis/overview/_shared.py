"""Small helpers the overview findings share: rows, fractions, import reports.

Names, shares and short lists come from :mod:`analysis.presentation.labels` and
:mod:`analysis.presentation.wording`, as in every topic.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.datasets.origin import import_report
from analysis.presentation.findings import count, percent, pick
from analysis.presentation.wording import FEW

#: Below this many compounds a unit's share is not stated: the count is.
SMALL = FEW


def row_of(table: pd.DataFrame, unit_id: str) -> pd.Series | None:
    """The row of ``unit_id`` in a per-unit table, or None."""
    rows = table[table["unit_id"].astype(str) == unit_id]
    return rows.iloc[0] if len(rows) else None


def fraction(part: int, whole: int, lang: str) -> str:
    """``4/6``; with the share, ``8/10（80%）``, only from :data:`SMALL` compounds up (whole
    percents below 1,000: a few dozen compounds support no decimal)."""
    if whole >= SMALL:
        return pick(
            lang,
            "{p}/{w}（{s}）",
            "{p}/{w} ({s})",
            p=count(part),
            w=count(whole),
            s=percent(part / whole, 1 if whole >= 1000 else 0),
        )
    return f"{count(part)}/{count(whole)}"


def imports(datasets: Iterable[str]) -> dict[str, dict]:
    """The import reports of the imported ones among ``datasets`` (what their caveats state)."""
    out = {}
    for name in dict.fromkeys(datasets):
        report = import_report(name)
        if report:
            keys = ("rows_read", "accepted", "rejected", "rejected_by_reason", "as_of")
            out[name] = {k: report[k] for k in keys if k in report}
    return out
