"""Re-inspection chains of the inspection metrics, followed with numpy on row positions.

A visit's *parent* is the visit its ``previous_inspection_id`` names; ``inspection_id`` is the
primary key (unique), and a duplicated id would resolve to its first row. Of the
re-inspections that follow one visit, the *chain* continues with the first by (date, id),
as :func:`first_reinspections` defines. Chains are followed one step per round for all of
them at once, never a visit at a time, so the work is linear in the number of visits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.inspections._columns import dates, equals, repeats, row_keys, take_labels

if TYPE_CHECKING:  # pyarrow is imported where it is used: importing this module stays cheap
    import pyarrow as pa

#: NaT as int64 ticks.
_NAT = np.iinfo(np.int64).min


def _arrow(values: pd.Series, rows: np.ndarray) -> pa.Array:
    """The column's values at ``rows`` as one Arrow array (Arrow-backed: no detour by Python)."""
    import pyarrow as pa

    array = values.array
    if hasattr(array, "__arrow_array__"):
        whole = array.__arrow_array__()
        if isinstance(whole, pa.ChunkedArray):  # one chunk: a take across many is slow
            whole = whole.combine_chunks()
        return whole.take(pa.array(rows, type=pa.int64()))
    return pa.array(values.to_numpy(dtype=object)[rows], from_pandas=True)


def _fixed_width(array: pa.Array) -> np.ndarray | None:
    """An Arrow string array whose values all have one byte length, as numpy bytes (no copy).

    ``None`` for anything else (other lengths, missing values, NUL bytes, not strings).
    """
    import pyarrow as pa

    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    if array.null_count or len(array) == 0:
        return None
    kind = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(array.buffers()[1], dtype=kind)[array.offset :][: len(array) + 1]
    width = int(offsets[1] - offsets[0])
    if width == 0 or (np.diff(offsets) != width).any():
        return None
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    if not data.all():  # numpy bytes ignore trailing NULs: equality would not be exact
        return None
    return data.reshape(-1, width).view(f"S{width}").ravel()


def _binary_search(haystack: pa.Array, needles: pa.Array) -> np.ndarray | None:
    """Position in ``haystack`` of each needle (-1: absent), if the haystack is strictly
    increasing, fixed-width strings (ids in key order usually are): then a binary search
    does, with no hash table; ``None`` otherwise."""
    sorted_ids, wanted = _fixed_width(haystack), _fixed_width(needles)
    if sorted_ids is None or wanted is None or sorted_ids.dtype != wanted.dtype:
        return None
    if not (sorted_ids[1:] > sorted_ids[:-1]).all():  # unsorted or repeated ids
        return None
    at = np.minimum(np.searchsorted(sorted_ids, wanted), len(sorted_ids) - 1)
    return np.where(sorted_ids[at] == wanted, at, -1)


def positions(ids: pd.Series, among: np.ndarray, wanted: pd.Series, rows: np.ndarray) -> np.ndarray:
    """Row of ``ids`` (one of the rows ``among``) holding each value of ``wanted`` at ``rows``.

    -1 where there is none; the first such row if there are several. Fixed-width ids in
    strictly increasing order (ids in key order) are binary-searched; otherwise the distinct
    wanted values are hashed and the ids looked up in them (the smaller table, so the faster
    way round). Values of another type than the ids fall back to pandas, and never match.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(among) == 0 or len(rows) == 0:
        return np.full(len(rows), -1, dtype=np.int64)
    try:
        haystack, needles = _arrow(ids, among), _arrow(wanted, rows)
        found = _binary_search(haystack, needles)
        if found is not None:
            return np.where(found >= 0, among[np.maximum(found, 0)], -1)
        encoded = needles.dictionary_encode()
        hit = pc.index_in(haystack, value_set=encoded.dictionary, skip_nulls=True)
    except (pa.ArrowException, TypeError):
        index = pd.Index(ids.to_numpy(dtype=object)[among])
        first = ~index.duplicated(keep="first")
        found = index[first].get_indexer(pd.Index(wanted.to_numpy(dtype=object)[rows]))
        return np.where(found >= 0, among[np.flatnonzero(first)][np.maximum(found, 0)], -1)
    hit = hit.fill_null(-1).to_numpy()
    matched = np.flatnonzero(hit >= 0)
    first = np.full(len(encoded.dictionary) + 1, len(among), dtype=np.int64)
    np.minimum.at(first, hit[matched], matched)
    first[first == len(among)] = -1
    first[-1] = -1  # a missing wanted value (code -1) finds nothing
    code = encoded.indices.fill_null(-1).to_numpy()
    at = first[code]
    return np.where(at >= 0, among[np.maximum(at, 0)], -1)


def parents(
    frame: pd.DataFrame, among: np.ndarray | None = None, of: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Re-visits and the row each follows: ``(rows, parent rows)``, parent -1 if not found.

    ``rows`` are the positions with a ``previous_inspection_id`` (of those in ``of``, when
    given); the parent is looked for among the rows ``among`` only, when given: a narrower
    search. Positions are ascending.
    """
    prev = frame["previous_inspection_id"]
    if of is None:
        rows = np.flatnonzero(prev.notna().to_numpy())
    else:
        rows = of[prev.iloc[of].notna().to_numpy()]
    if among is None:
        among = np.arange(len(frame))
    return rows, positions(frame["inspection_id"], among, prev, rows)


def first_reinspections(frame: pd.DataFrame, rows: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """Per row of ``frame``: the position of its first re-inspection, -1 if none.

    First by (``inspected_on``, ``inspection_id``), missing dates last, then row order: the
    order in which a re-inspection continues a chain.
    """
    first = np.full(len(frame), -1, dtype=np.int64)
    linked = parent >= 0
    rows, parent = rows[linked], parent[linked]
    several = np.bincount(parent, minlength=len(frame))[parent] > 1
    first[parent[~several]] = rows[~several]
    if several.any():  # rare: a visit followed up more than once; order those by the rules
        kids = rows[several]
        part = pd.DataFrame(
            {
                "parent": parent[several],
                "inspected_on": frame["inspected_on"].iloc[kids].to_numpy(),
                "inspection_id": frame["inspection_id"].iloc[kids].to_numpy(),
                "row": kids,
            }
        )
        part = part.sort_values(["inspected_on", "inspection_id"], kind="stable")
        part = part.drop_duplicates("parent", keep="first")
        first[part["parent"].to_numpy()] = part["row"].to_numpy()
    return first


def walk(
    first: np.ndarray,
    starts: np.ndarray,
    end: np.ndarray,
    resolve: Callable[[np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Follow each chain from ``starts``: its length, and its end where ``end`` is NaT.

    ``resolve(rows)`` gives the date each row would close its chain at (NaT if none); a
    chain whose ``end`` is NaT takes the first such date after its start. Chains advance
    one step per round, all at once, so the rounds are as many as the longest chain.

    Returns
    -------
    (visits, end, closed_by)
        Re-visits in each chain, the resolved end (int64 ticks) and the row that closed it
        (-1 where the end was already known or nothing closed it).

    Raises
    ------
    ValueError
        If a chain comes back to its start: re-inspection links that form a cycle.
    """
    end = end.copy()
    visits = np.zeros(len(starts), dtype=np.int64)
    closed_by = np.full(len(starts), -1, dtype=np.int64)
    at = first[starts]
    live = np.flatnonzero(at >= 0)
    at = at[live]
    while live.size:
        visits[live] += 1
        open_ = end[live] == _NAT
        take = live[open_]
        end[take] = resolve(at[open_])
        closed_by[take] = np.where(end[take] != _NAT, at[open_], -1)
        at = first[at]
        if (at == starts[live]).any():
            raise ValueError("re-inspection links form a cycle: a visit follows itself")
        keep = at >= 0
        live, at = live[keep], at[keep]
    return visits, end, closed_by


_UNITS = ("s", "ms", "us", "ns")  # pandas' datetime resolutions, coarsest first


def _unit(values: np.ndarray) -> str:
    return np.datetime_data(values.dtype)[0]


def chain_ends(
    frame: pd.DataFrame, starts: np.ndarray, passed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Resolved ``rectified_on`` and re-visit count of the chains from the rows ``starts``.

    A chain's own ``rectified_on`` wins; else the first re-visit along it that passed
    (``passed``: per row) closes it on its date, or one whose ``rectified_on`` is filled
    closes it then. The dates come back in the resolution ``pandas.to_datetime`` would give
    the Timestamps picked (the finest of those used; seconds when none is), so the result
    equals building them one by one.

    Raises
    ------
    ValueError
        If re-inspection links lead back to a start (see :func:`walk`).
    """
    rows, parent = parents(frame, among=_chain_rows(frame, starts))
    first = first_reinspections(frame, rows, parent)
    on, fixed = frame["inspected_on"].to_numpy(), frame["rectified_on"].to_numpy()
    if on.dtype.kind != "M":
        on = pd.to_datetime(frame["inspected_on"]).to_numpy()
    if fixed.dtype.kind != "M":
        fixed = pd.to_datetime(frame["rectified_on"]).to_numpy()
    unit = max(_unit(on), _unit(fixed), key=_UNITS.index)  # converting to it is exact

    def ticks(values: np.ndarray) -> np.ndarray:
        return values.astype(f"M8[{unit}]", copy=False).view(np.int64)

    def resolve(rows: np.ndarray) -> np.ndarray:  # a pass closes on its date, else a fix
        return np.where(passed[rows], ticks(on[rows]), ticks(fixed[rows]))

    visits, end, closer = walk(first, starts, ticks(fixed[starts]), resolve)
    by_pass = (closer >= 0) & passed[np.maximum(closer, 0)]
    used = {_unit(on)} if by_pass.any() else set()
    if ((end != _NAT) & ~by_pass).any():
        used.add(_unit(fixed))
    result = max(used, key=_UNITS.index) if used else "s"
    return end.view(f"M8[{unit}]").astype(f"M8[{result}]"), visits


def _chain_rows(frame: pd.DataFrame, starts: np.ndarray) -> np.ndarray:
    """Rows a chain from ``starts`` can pass through: the starts and every re-visit."""
    rows = frame["previous_inspection_id"].notna().to_numpy().copy()
    rows[starts] = True
    return np.flatnonzero(rows)


def rounds(frame: pd.DataFrame, rows: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """Round of each re-visit ``rows`` (1 + the round of the re-visit it follows, if any).

    What following the re-visits in (date, id, row) order would give: a re-visit counts on
    the round of the one it follows only if that one comes earlier in that order (it always
    does in a sound ledger).
    """
    revisit = np.zeros(len(frame), dtype=bool)
    revisit[rows] = True
    day = dates(frame["inspected_on"]).copy()
    day[day == _NAT] = np.iinfo(np.int64).max  # sorted last, as pandas sorts NaT
    linked = (parent >= 0) & revisit[np.maximum(parent, 0)]
    p, c = parent[linked], rows[linked]
    earlier = day[p] < day[c]
    tie = np.flatnonzero(day[p] == day[c])
    if tie.size:  # the same day: the id decides, then the row
        ids = frame["inspection_id"]
        a = ids.iloc[p[tie]].to_numpy(dtype=object)
        b = ids.iloc[c[tie]].to_numpy(dtype=object)
        earlier[tie] = (a < b) | ((a == b) & (p[tie] < c[tie]))
    up = np.full(len(frame), -1, dtype=np.int64)
    up[c[earlier]] = p[earlier]
    depth = np.ones(len(rows), dtype=np.int64)
    at = up[rows]
    live = np.flatnonzero(at >= 0)
    at = at[live]
    while live.size:  # each step goes strictly earlier in that order, so this ends
        depth[live] += 1
        at = up[at]
        keep = at >= 0
        live, at = live[keep], at[keep]
    return depth


def repeat_failures(
    frame: pd.DataFrame, keys: list[str], failing: dict[str, object], least: int
) -> pd.DataFrame:
    """Per ``keys`` and item of ``failing`` (column -> failing value): the failures there.

    As a frame melted to one row per visit and item, grouped by ``keys`` and item (first
    appearance order, item by item), keeping groups with ``least`` failures or more.

    Returns
    -------
    pandas.DataFrame
        ``*keys, item, failures, not_fixed`` (failures at a re-visit of a visit that failed
        the same item), ``first_failed, last_failed``.
    """
    failed = {item: equals(frame[item], value) for item, value in failing.items()}
    rows = np.flatnonzero(np.logical_or.reduce(list(failed.values())))
    # A failure is "not fixed" when the visit it re-inspects failed the same item, so the
    # visit followed can only be one that failed something: look among those alone.
    kids, parent = parents(frame, among=rows, of=rows)
    follows = np.full(len(frame), -1, dtype=np.int64)
    follows[kids] = parent
    key = row_keys(frame, keys, rows)  # -1 where a key is missing: groupby drops those
    on = frame["inspected_on"].to_numpy()
    parts, first = [], []
    for item, fails in failed.items():
        at = rows[fails[rows] & (key >= 0)]
        up = follows[at]
        not_fixed = (up >= 0) & fails[np.maximum(up, 0)]
        stats = repeats(key[fails[rows] & (key >= 0)], not_fixed, on[at], least)
        first.append(at[stats.pop("first")])
        parts.append(pd.DataFrame({"item": item, **stats}))
    out = pd.concat(parts, ignore_index=True)
    for i, column in enumerate(keys):
        out.insert(i, column, take_labels(frame[column], np.concatenate(first)))
    return out
