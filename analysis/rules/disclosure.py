"""Small-cell protection for every table and chart label that breaks records down.

The rule, in one place so every notebook applies the same one. **One mark** (:data:`MARK`,
``"x"``) for every hidden cell, whichever rule hid it: a mark per rule would tell an
attacker which hidden cells are small (and "x means at least 3" pins its neighbours).
**One pattern per dataset**: a topic computes :func:`plan` once from the records over
every breakdown its pages release (:mod:`analysis.rules._disclosure_plan`, complements
checked by integer linear programming across tables) and keeps each frame's statuses in
``frame.attrs["disclosure"]``; :func:`cell_status` then returns those, so tables, chart
labels and findings agree. Without a plan it falls back to the per-table rule below.

- **Primary suppression.** A count of records in a cell that is at least 1 and below
  the small-cell threshold (default 3, so 1 and 2) is hidden, never shown as
  its number. A count exactly at the threshold is shown. **Zero is shown**: it says no
  record fell in the cell, which identifies nobody, and hiding it would hide exactly the
  gaps a policy researcher looks for (communities with no loan). This follows common
  practice in official statistics; the limitation is that a row whose records all fall in
  one cell (the others 0) reveals that every member shares the attribute.
- **Complementary suppression.** Totals are published (87 loans), so a single ``"<3"`` in
  a row, column or group whose total is known could be recovered by subtraction. Where a
  line holds exactly one hidden cell, the smallest non-zero shown cell of that line is also
  hidden too; this repeats until every line
  holds none or at least two. It is the usual heuristic, not a guarantee against
  interval attacks or against linking several tables.
- **Dependent values.** An amount, share or rate computed from a hidden cell's records is
  hidden with the same mark, since an amount over one loan is that loan's amount.

To change the threshold for a whole notebook, call
``analysis.configure(small_cell_threshold=5)`` once (:mod:`analysis.config`); every
function here reads it when called, and the report build resets it before the next page.
Each function also takes ``threshold``.
Nothing here draws: :mod:`analysis.loans.charts` (and any other plotting module) takes the
labels and the masked flags from :func:`chart_cells`, so charts and tables agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.config import resolve_lang, settings
from analysis.datasets.errors import require_columns
from analysis.rules._disclosure_plan import COMPLEMENT, SHOWN, SMALL, Decided, Plan, plan

__all__ = [
    "COMPLEMENT",
    "COMPLEMENTARY_MASK",
    "MARK",
    "SHOWN",
    "SMALL",
    "UNDEFINED",
    "Decided",
    "Plan",
    "cell_status",
    "chart_cells",
    "count_label",
    "is_small",
    "mask_label",
    "plan",
    "protect_crosstab",
    "protect_table",
    "resolve_threshold",
    "rule_text",
]

#: The one mark of every hidden cell, whichever rule hid it (a small count, or a count
#: hidden so that a small one cannot be worked out): two marks would tell which is small.
MARK = "x"
#: Kept for callers of the older two-mark convention: the same single mark.
COMPLEMENTARY_MASK = MARK
#: Shown for a dependent value that is undefined (e.g. a rate over zero records).
UNDEFINED = "—"


def resolve_threshold(threshold: int | None = None) -> int:
    """Return ``threshold``, or the configured small-cell threshold when it is None.

    Raises
    ------
    ValueError
        If the threshold is not an integer of at least 1.
    """
    value = settings().small_cell_threshold if threshold is None else threshold
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"small-cell threshold must be an integer >= 1, got {value!r}")
    return int(value)


def mask_label(threshold: int | None = None) -> str:
    """Return the label of a hidden cell: :data:`MARK` for every rule and threshold.

    Raises
    ------
    ValueError
        If the threshold is invalid.
    """
    resolve_threshold(threshold)
    return MARK


def _counts(values: object) -> np.ndarray:
    """Validate counts: whole, non-negative, no missing values (a count is never unknown)."""
    array = np.asarray(values, dtype="float64")
    if np.isnan(array).any():
        raise ValueError("counts contain missing values; a cell count must be a number")
    if (array < 0).any() or (array != np.round(array)).any():
        raise ValueError("counts must be non-negative whole numbers")
    return array.astype("int64")


def is_small(counts: object, threshold: int | None = None) -> np.ndarray:
    """Return True where a count is a small cell: ``0 < count < threshold``.

    Raises
    ------
    ValueError
        If a count is missing, negative or fractional, or the threshold is invalid.
    """
    array = _counts(counts)
    return (array > 0) & (array < resolve_threshold(threshold))


def count_label(count: int, threshold: int | None = None) -> str:
    """Return how one count is shown: ``"12"``, ``"0"`` or ``"x"`` (no complement rule).

    Raises
    ------
    ValueError
        As :func:`is_small`.
    """
    if bool(is_small([count], threshold)[0]):
        return mask_label(threshold)
    return f"{int(count):,}"


def _complement(values: np.ndarray, status: np.ndarray, lines: list[np.ndarray]) -> None:
    """Hide a second cell in every line that hides exactly one (in place, flat arrays)."""
    changed = True
    while changed:  # hiding a cell can leave another line with a single hidden cell
        changed = False
        for line in lines:
            hidden = status[line] != SHOWN
            if hidden.sum() != 1:
                continue
            candidates = line[~hidden & (values[line] > 0)]
            if not len(candidates):
                continue  # the hidden cell is the whole line; its total is the issue
            # Smallest value loses least information; argmin picks the first of ties.
            pick = candidates[np.argmin(values[candidates])]
            status[pick] = COMPLEMENT
            changed = True


def cell_status(
    counts: pd.Series | pd.DataFrame,
    threshold: int | None = None,
    complementary: bool = True,
    within: pd.Series | None = None,
) -> pd.Series | pd.DataFrame:
    """Decide, for every cell, whether it is shown, small or hidden as a complement.

    Parameters
    ----------
    counts
        A Series (one-way table: one line, whose total is assumed known) or a DataFrame
        of counts (two-way table: every row and every column is a line).
    threshold
        Default: the configured threshold (:func:`analysis.config.settings`).
    complementary
        Apply complementary suppression (default). Off only for a table whose totals
        are not published anywhere.
    within
        For a Series: group labels aligned with it (e.g. each community's unit), whose
        group totals are also shown elsewhere; each group is then a line too.

    Returns
    -------
    Series or DataFrame
        Same shape and labels, values ``"shown"``, ``"small"`` or ``"complement"``.

    Raises
    ------
    ValueError
        If a count is missing, negative or fractional, or ``within`` is not aligned.
    """
    decided = counts.attrs.get("disclosure")
    if isinstance(decided, Decided) and decided.threshold == resolve_threshold(threshold):
        found = decided.lookup(counts) if complementary else None
        if found is not None:  # the dataset's one pattern (see _disclosure_plan)
            return found
    values = _counts(counts.to_numpy()).ravel()
    status = np.where(is_small(values, threshold), SMALL, SHOWN).astype(object)
    if isinstance(counts, pd.DataFrame):
        grid = np.arange(values.size).reshape(counts.shape)
        lines = [*grid, *grid.T]
    else:
        lines = []
        if within is not None:
            if not within.index.equals(counts.index):
                raise ValueError("`within` must have the same index as the counts")
            codes = pd.factorize(within, use_na_sentinel=False)[0]
            lines = [np.flatnonzero(codes == code) for code in np.unique(codes)]
        # Groups first: a complement inside a group also serves the whole line, whereas
        # one picked for the whole line first may sit in another group and cost a third.
        lines.append(np.arange(values.size))
    if complementary:
        _complement(values, status, lines)
    if isinstance(counts, pd.DataFrame):
        return pd.DataFrame(status.reshape(counts.shape), counts.index, counts.columns)
    return pd.Series(status, counts.index, name=counts.name)


def _mark(status: str, threshold: int | None) -> str:
    return mask_label(threshold)


def _format(value: object, spec: str | None) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return UNDEFINED
    if spec is not None:
        return spec.format(value)
    if isinstance(value, float | np.floating):
        return f"{value:,.1f}"
    return f"{value:,}"


def protect_crosstab(
    table: pd.DataFrame, threshold: int | None = None, complementary: bool = True
) -> pd.DataFrame:
    """Return a two-way table of counts as display strings with small cells hidden.

    Every row and column counts as a line whose total is known (margins are usually
    shown nearby), so complementary suppression works along both.

    Raises
    ------
    ValueError
        If a count is missing, negative or fractional.
    """
    status = cell_status(table, threshold, complementary)
    out = table.astype(object).copy()
    for column in table.columns:
        out[column] = [
            f"{int(v):,}" if s == SHOWN else _mark(s, threshold)
            for v, s in zip(table[column], status[column], strict=True)
        ]
    return out


def protect_table(
    frame: pd.DataFrame,
    count: str,
    dependents: Sequence[str] = (),
    formats: Mapping[str, str] | None = None,
    threshold: int | None = None,
    complementary: bool = True,
    within: str | None = None,
) -> pd.DataFrame:
    """Return a one-way table (one row per cell) as display strings, small cells hidden.

    Parameters
    ----------
    frame
        One row per cell, e.g. :func:`analysis.loans.metrics.group_shares`.
    count
        Column holding the number of records in each cell.
    dependents
        Columns computed from those records (amounts, shares, rates): hidden with the
        count. Other columns (names, ids) are left as they are.
    formats
        ``str.format`` spec per column, e.g. ``{"loan_share": "{:.1%}"}``; numbers
        otherwise get thousands separators (floats one decimal). Undefined values
        (NaN) show as :data:`UNDEFINED`.
    threshold, complementary
        As :func:`cell_status`.
    within
        Column of ``frame`` naming groups whose totals are shown elsewhere (e.g.
        ``"unit_id"`` for communities): complementary suppression also works per group.

    Raises
    ------
    KeyError
        If ``count``, a dependent or ``within`` is not a column.
    ValueError
        As :func:`cell_status`.
    """
    require_columns(frame, (count, *dependents, *([within] if within else [])), "table")
    formats = dict(formats or {})
    groups = frame[within] if within else None
    status = cell_status(frame[count], threshold, complementary, groups)
    out = frame.copy()
    for column in (count, *dependents):
        out[column] = pd.Series(
            [
                _format(v, formats.get(column)) if s == SHOWN else _mark(s, threshold)
                for v, s in zip(frame[column], status, strict=True)
            ],
            index=frame.index,
            dtype=object,
        )
    return out


def chart_cells(
    counts: pd.Series,
    threshold: int | None = None,
    complementary: bool = True,
    within: pd.Series | None = None,
) -> pd.DataFrame:
    """Return what a chart may draw for each count: bar length, label and mask flag.

    A hidden cell gets length 0 (no bar: any length would give its count away) and its
    mark as label; a shown cell gets its count as both.

    Returns
    -------
    pandas.DataFrame
        Same index as ``counts``; columns ``length`` (float), ``label`` (str),
        ``masked`` (bool), ``status``.

    Raises
    ------
    ValueError
        As :func:`cell_status`.
    """
    status = cell_status(counts, threshold, complementary, within)
    masked = (status != SHOWN).to_numpy()
    length = np.where(masked, 0.0, counts.to_numpy(dtype="float64"))
    labels = [
        _mark(s, threshold) if s != SHOWN else f"{int(c):,}"
        for c, s in zip(counts, status, strict=True)
    ]
    return pd.DataFrame(
        {"length": length, "label": labels, "masked": masked, "status": status.to_numpy()},
        index=counts.index,
    )


def rule_text(lang: str | None = None, threshold: int | None = None) -> str:
    """Return the protection rule in words, for a notebook or a report footnote.

    ``lang`` defaults to the configured edition (:func:`analysis.config.resolve_lang`).

    Raises
    ------
    ValueError
        If ``lang`` is not ``"zh"`` or ``"en"``, or the threshold is invalid.
    """
    lang = resolve_lang(lang)
    t, x = resolve_threshold(threshold), MARK
    if lang == "zh":
        return (
            f"小单元保护：记录数为 1–{t - 1} 的格子，以及为使这些格子无法从合计或本站其他表格"
            f"反推而一并隐去的格子，在本站所有表格、图中标签、文字和下载文件里一律显示为“{x}”"
            f"（不标明是哪一种），由其记录算出的金额、占比和比率同样隐去，0 照常显示"
            f"（阈值 {t}，由 analysis.configure(small_cell_threshold=…) 设定）。"
        )
    return (
        f"Small-cell protection: a cell of 1–{t - 1} records, and any cell hidden so that "
        f"such a cell cannot be worked out from totals or from any other table of this site, "
        f'is shown as "{x}" in every table, chart label, sentence and download (the mark does '
        f"not say which), amounts, shares and rates from its records are hidden too, and 0 "
        f"is shown (threshold {t}, set by analysis.configure(small_cell_threshold=…))."
    )
