"""One suppression pattern per dataset, decided over every breakdown a site releases.

Protection table by table is not enough: a unit's total on one page and its communities
on another, or gender 不适用 beside the small-business group (the same loans), let an
attacker recover a hidden cell by subtraction. So the pattern is decided once, from the
records, over all published breakdowns together:

1. **Cells.** Every non-empty cell of every breakdown (e.g. ``("unit", "community")``)
   is a set of records. Cells holding exactly the same records (gender 不适用 and the
   group 小微企业; a unit whose loans all sit in one community and that community) are
   one *atom*: what one table shows, the other cannot hide.
2. **Relations** an attacker can write: each breakdown adds up to every coarser one it
   refines (communities to their unit, units to the total, a cross-tabulation to both
   margins, every one-way table to the total).
3. **Primary** atoms: counts 1 .. threshold-1. **Complementary** atoms are added one at a
   time until no hidden atom's feasible range (integer linear programming with
   :func:`scipy.optimize.linprog`, hidden counts only known to be at least 1, since zeros
   are shown) is a single value; each complement is the smallest shown non-zero atom on a
   relation of a pinned atom.

Zero cells are shown and never variables: a zero identifies nobody.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SHOWN, SMALL, COMPLEMENT = "shown", "small", "complement"

Breakdown = tuple[str, ...]


@dataclass
class Plan:
    """Status of every non-empty cell of every breakdown, decided together.

    ``cells[breakdown]`` is a Series indexed by the cell's key (a tuple of labels, in
    the order of the breakdown's dimensions) with values ``"shown"``, ``"small"`` or
    ``"complement"``; ``counts[breakdown]`` holds the counts on the same index.
    """

    threshold: int
    cells: dict[Breakdown, pd.Series] = field(default_factory=dict)
    counts: dict[Breakdown, pd.Series] = field(default_factory=dict)

    def status(self, breakdown: Breakdown, key: tuple[str, ...], count: int) -> str | None:
        """The status of one cell; ``None`` when the plan does not know it (or disagrees).

        A zero cell is always shown. A cell whose count differs from the plan's (another
        population) is not the plan's cell: the caller falls back to its own rule.
        """
        if count == 0:
            return SHOWN
        statuses = self.cells.get(breakdown)
        if statuses is None or key not in statuses.index:
            return None
        if int(self.counts[breakdown][key]) != int(count):
            return None
        return str(statuses[key])

    @property
    def hidden(self) -> int:
        """Number of hidden cells over all breakdowns."""
        return int(sum((s != SHOWN).sum() for s in self.cells.values()))


def _atoms(
    labels: Mapping[str, pd.Series], breakdowns: Sequence[Breakdown]
) -> tuple[dict[Breakdown, dict[tuple, int]], list[int], list[np.ndarray]]:
    """Map every non-empty cell to an atom; return the map, atom counts and record masks."""
    n = len(next(iter(labels.values()))) if labels else 0
    frame = pd.DataFrame({k: v.astype(str).to_numpy() for k, v in labels.items()}, index=range(n))
    by_hash: dict[bytes, int] = {}
    counts: list[int] = []
    masks: list[np.ndarray] = []
    cell_atom: dict[Breakdown, dict[tuple, int]] = {}
    for breakdown in [(), *breakdowns]:
        cell_atom[breakdown] = {}
        groups = (
            frame.groupby(list(breakdown), sort=False).indices
            if breakdown
            else ({(): np.arange(n)} if n else {})
        )
        for key, rows in groups.items():
            key = key if isinstance(key, tuple) else (key,)
            mask = np.zeros(n, dtype=bool)
            mask[rows] = True
            digest = hashlib.sha1(np.packbits(mask).tobytes()).digest()
            if digest not in by_hash:
                by_hash[digest] = len(counts)
                counts.append(int(mask.sum()))
                masks.append(mask)
            cell_atom[breakdown][tuple(str(k) for k in key)] = by_hash[digest]
    return cell_atom, counts, masks


def _relations(
    cell_atom: dict[Breakdown, dict[tuple, int]], n_atoms: int
) -> list[dict[int, float]]:
    """Every breakdown sums to each coarser one (as atom coefficients; zero rows dropped)."""
    relations = []
    seen = set()
    for fine, fine_cells in cell_atom.items():
        for coarse, coarse_cells in cell_atom.items():
            if not set(coarse) < set(fine):
                continue
            position = [fine.index(d) for d in coarse]
            members: dict[tuple, list[int]] = {}
            for key, atom in fine_cells.items():
                members.setdefault(tuple(key[p] for p in position), []).append(atom)
            for key, atom in coarse_cells.items():
                row: dict[int, float] = {}
                for a in members.get(key, []):
                    row[a] = row.get(a, 0.0) + 1.0
                row[atom] = row.get(atom, 0.0) - 1.0
                row = {a: c for a, c in row.items() if abs(c) > 1e-9}
                signature = tuple(sorted(row.items()))
                if row and signature not in seen:
                    seen.add(signature)
                    relations.append(row)
    return relations


def _ranges(
    hidden: list[int], relations: list[dict[int, float]], counts: list[int]
) -> dict[int, tuple[float, float]]:
    """Min and max of every hidden atom given the shown ones (``inf`` if unbounded).

    Continuous: roll-ups of nested and crossed breakdowns form a network matrix (totally
    unimodular), so the extremes are whole numbers anyway, and HiGHS' LP is much faster.
    """
    from scipy.optimize import linprog

    index = {a: i for i, a in enumerate(hidden)}
    rows, rhs = [], []
    for relation in relations:
        if not any(a in index for a in relation):
            continue
        row = np.zeros(len(hidden))
        total = 0.0
        for a, c in relation.items():
            if a in index:
                row[index[a]] += c
            else:
                total -= c * counts[a]
        rows.append(row)
        rhs.append(total)
    out = {}
    for a, i in index.items():
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(hidden))
            objective[i] = sign
            result = linprog(
                objective,
                A_eq=np.array(rows) if rows else None,
                b_eq=rhs or None,
                bounds=[(1, None)] * len(hidden),
                method="highs",
            )
            ends.append(sign * result.fun if result.status == 0 else -sign * math.inf)
        out[a] = (ends[0], ends[1])
    return out


def _component(seed: int, hidden: set[int], relations: list[dict[int, float]]) -> list[int]:
    """The hidden atoms linked to ``seed`` through relations (only those need re-solving)."""
    todo, found = [seed], {seed}
    while todo:
        atom = todo.pop()
        for relation in relations:
            if atom in relation:
                for other in relation:
                    if other in hidden and other not in found:
                        found.add(other)
                        todo.append(other)
    return sorted(found)


def plan(
    labels: Mapping[str, pd.Series],
    breakdowns: Sequence[Breakdown],
    threshold: int,
) -> Plan:
    """Decide the suppression pattern of one dataset over all the breakdowns it releases.

    Parameters
    ----------
    labels
        One label per record for each dimension (as text; missing values already given
        their display label, e.g. 未记录), all the same length.
    breakdowns
        The breakdowns the site publishes, as tuples of dimension names; the overall
        total is always published.
    threshold
        Counts ``1 .. threshold-1`` are primary cells.

    Returns
    -------
    Plan

    Raises
    ------
    KeyError
        If a breakdown names a dimension ``labels`` lacks.
    ValueError
        If the labels differ in length.
    """
    if len({len(v) for v in labels.values()}) > 1:
        raise ValueError("every dimension needs one label per record")
    for breakdown in breakdowns:
        missing = [d for d in breakdown if d not in labels]
        if missing:
            raise KeyError(f"no labels for dimension(s) {', '.join(missing)}")
    cell_atom, counts, _ = _atoms(labels, breakdowns)
    relations = _relations(cell_atom, len(counts))
    status = [SMALL if 0 < c < threshold else SHOWN for c in counts]
    hidden = {a for a, s in enumerate(status) if s != SHOWN}

    def complement(atom: int, lines: list[dict[int, float]]) -> bool:
        """Hide the smallest shown sibling of ``atom`` on ``lines`` (its total last)."""
        candidates = [
            (relation[other] != relation[atom], counts[other], other)
            for relation in lines
            for other in relation
            if other not in hidden and counts[other] > 0
        ]
        if not candidates:
            return False  # nothing left to hide beside it: the cell is its whole line
        pick = min(candidates)[2]
        status[pick] = COMPLEMENT
        hidden.add(pick)
        return True

    # The usual heuristic first (no line with a single hidden cell), cheap and close...
    changed = True
    while changed:
        changed = False
        for relation in relations:
            inside = [a for a in relation if a in hidden]
            if len(inside) == 1 and complement(inside[0], [relation]):
                changed = True
    # ... then the linear programme across all tables, until no hidden cell is pinned.
    dirty = set(hidden)
    while dirty:
        group = _component(min(dirty), hidden, relations)
        dirty -= set(group)
        ranges = _ranges(group, relations, counts)
        pinned = [a for a in group if ranges[a][1] - ranges[a][0] < 0.5]
        if pinned and complement(pinned[0], [r for r in relations if pinned[0] in r]):
            dirty |= set(group)
    out = Plan(threshold)
    for breakdown in breakdowns:
        keys = list(cell_atom[breakdown])
        index = pd.Index(keys, tupleize_cols=False)
        out.cells[breakdown] = pd.Series(
            [status[cell_atom[breakdown][k]] for k in keys], index=index, dtype=object
        )
        out.counts[breakdown] = pd.Series(
            [counts[cell_atom[breakdown][k]] for k in keys], index=index, dtype="int64"
        )
    return out


@dataclass(frozen=True)
class Decided:
    """The plan's statuses for the rows (and columns) of one released frame.

    Kept in ``frame.attrs["disclosure"]``, so every table, chart label and findings
    sentence drawn from that frame (or a row subset of it) reads the same pattern.
    Plain tuples: pandas compares ``attrs`` when it concatenates frames.
    """

    threshold: int
    index: tuple
    statuses: tuple  # one status per row; for a cross-tabulation one tuple per row
    counts: tuple
    columns: tuple | None = None

    def lookup(self, counts: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame | None:
        """The statuses of ``counts`` (rows looked up by label), or None if they differ."""
        where = {label: i for i, label in enumerate(self.index)}
        if not all(label in where for label in counts.index):
            return None
        rows = [where[label] for label in counts.index]
        if isinstance(counts, pd.DataFrame):
            if self.columns is None or list(counts.columns) != list(self.columns):
                return None
            values = [list(self.statuses[i]) for i in rows]
            expected = np.array([self.counts[i] for i in rows], dtype="int64")
            if expected.shape != counts.shape or (expected != counts.to_numpy()).any():
                return None
            return pd.DataFrame(values, index=counts.index, columns=counts.columns, dtype=object)
        if self.columns is not None:
            return None
        expected = np.array([self.counts[i] for i in rows], dtype="int64")
        if (expected != counts.to_numpy(dtype="int64")).any():
            return None
        return pd.Series([self.statuses[i] for i in rows], counts.index, dtype=object)


def decide(
    plan: Plan, frame: pd.DataFrame, breakdown: Breakdown, keys: Sequence[str], count: str
) -> Decided | None:
    """The plan's statuses for a one-way frame (key columns ``keys``); None if unknown."""
    statuses = []
    for key, n in zip(
        frame[list(keys)].astype(str).itertuples(index=False, name=None),
        frame[count].to_numpy(dtype="int64"),
        strict=True,
    ):
        status = plan.status(breakdown, tuple(key), int(n))
        if status is None:
            return None
        statuses.append(status)
    return Decided(
        plan.threshold,
        tuple(frame.index),
        tuple(statuses),
        tuple(int(n) for n in frame[count]),
    )


def decide_crosstab(plan: Plan, table: pd.DataFrame, breakdown: Breakdown) -> Decided | None:
    """The plan's statuses for a two-way count table (rows × columns of ``breakdown``)."""
    rows = []
    for label, values in zip(table.index, table.to_numpy(dtype="int64"), strict=True):
        row = []
        for column, n in zip(table.columns, values, strict=True):
            status = plan.status(breakdown, (str(label), str(column)), int(n))
            if status is None:
                return None
            row.append(status)
        rows.append(tuple(row))
    return Decided(
        plan.threshold,
        tuple(table.index),
        tuple(rows),
        tuple(tuple(int(v) for v in r) for r in table.to_numpy(dtype="int64")),
        tuple(table.columns),
    )
