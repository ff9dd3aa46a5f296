"""Small helpers the overview findings share: names for any value, rows, fractions.

A unit id or a category value that the reference tables do not know (an imported ledger's
own wording) is shown as it is, never a reason to fail a page.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.datasets.origin import import_report
from analysis.presentation import style
from analysis.presentation.findings import count, listing, number, percent, pick

#: Below this many compounds a unit's share is not stated: the count is.
SMALL = 10


def unit_name(unit_id: object, lang: str) -> str:
    """The unit's display name; an id not in the units table, as it is."""
    try:
        return style.unit_label(str(unit_id), lang)
    except KeyError:
        return str(unit_id)


def category_name(domain: str, value: object, lang: str) -> str:
    """A category as displayed; a value with no English label, as it is."""
    try:
        return style.category_label(domain, str(value), lang)
    except KeyError:
        return str(value)


def row_of(table: pd.DataFrame, unit_id: str) -> pd.Series | None:
    """The row of ``unit_id`` in a per-unit table, or None."""
    rows = table[table["unit_id"].astype(str) == unit_id]
    return rows.iloc[0] if len(rows) else None


def fraction(part: int, whole: int, lang: str) -> str:
    """``4/6``; with the share, ``8/10（80.0%）``, only from :data:`SMALL` compounds up."""
    if whole >= SMALL:
        return pick(
            lang,
            "{p}/{w}（{s}）",
            "{p}/{w} ({s})",
            p=count(part),
            w=count(whole),
            s=percent(part / whole),
        )
    return f"{count(part)}/{count(whole)}"


#: How many items a list in a sentence names before "and N more".
LIST_LIMIT = 6


def some(items: list[str], lang: str, limit: int = LIST_LIMIT) -> str:
    """``a、b和c`` for a short list; the first ``limit`` and "N more" for a long one."""
    if len(items) <= limit:
        return listing(items, lang)
    rest = pick(lang, "另 {n} 个", "{n} more", n=count(len(items) - limit))
    return listing([*items[:limit], rest], lang)


def shown(text: object) -> str:
    """A displayed value (``66.66666667``, ``13,900,000``) as prose shows it: ``66.7``."""
    try:
        value = float(str(text).replace(",", ""))
    except ValueError:
        return str(text) or "—"
    return number(value, 0) if value == round(value) else number(value, 1)


def imports(datasets: Iterable[str]) -> dict[str, dict]:
    """The import reports of the imported ones among ``datasets`` (what their caveats state)."""
    out = {}
    for name in dict.fromkeys(datasets):
        report = import_report(name)
        if report:
            keys = ("rows_read", "accepted", "rejected", "rejected_by_reason", "as_of")
            out[name] = {k: report[k] for k in keys if k in report}
    return out
