"""Feasible ranges of hidden cells: one small linear programme per independent part.

``scipy.optimize.linprog`` (HiGHS) minimises and maximises each hidden cell subject to
the released relations and the bounds its marks admit; counts are integer variables
(HiGHS branch and bound), so a range is exactly what whole counts allow.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from analysis.report._audit_cells import CellId
from analysis.report._audit_relations import EQ, Relation


def components(
    variables: list[CellId], relations: list[Relation]
) -> list[tuple[list[CellId], list[Relation]]]:
    """Split the problem into independent parts (union–find over shared hidden cells).

    Raises
    ------
    KeyError
        Never for relations built by the audit (every hidden cell is a variable).
    """
    parent = {v: v for v in variables}

    def find(v: CellId) -> CellId:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for relation in relations:
        hidden = [c for c in relation.coefficients if c in parent]
        for other in hidden[1:]:
            parent[find(other)] = find(hidden[0])
    groups: dict[CellId, tuple[list, list]] = defaultdict(lambda: ([], []))
    for v in variables:
        groups[find(v)][0].append(v)
    for relation in relations:
        hidden = [c for c in relation.coefficients if c in parent]
        if hidden:
            groups[find(hidden[0])][1].append(relation)
    return list(groups.values())


def solve(
    variables: list[CellId],
    relations: list[Relation],
    known: dict[CellId, float],
    bounds: dict[CellId, tuple[float, float]],
    integer: set[CellId],
) -> dict[CellId, tuple[float, float]] | None:
    """Min and max of every variable; None when the relations contradict each other.

    An unbounded side is ``inf``. ``known`` gives the value of every released cell.

    Raises
    ------
    KeyError
        If a relation names a cell that is neither a variable nor in ``known``.
    """
    from scipy.optimize import linprog

    index = {v: i for i, v in enumerate(variables)}
    rows = {EQ: ([], []), "<=": ([], [])}
    for relation in relations:
        row = np.zeros(len(variables))
        rhs = 0.0
        for cell, coefficient in relation.coefficients.items():
            if cell in index:
                row[index[cell]] += coefficient
            else:
                rhs -= coefficient * known[cell]
        rows[relation.sense][0].append(row)
        rows[relation.sense][1].append(rhs)
    a_eq, b_eq = rows[EQ]
    a_ub, b_ub = rows["<="]
    box = [(bounds[v][0], None if math.isinf(bounds[v][1]) else bounds[v][1]) for v in variables]
    kinds = [1 if v in integer else 0 for v in variables]
    out = {}
    for v, i in index.items():
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(variables))
            c[i] = sign
            result = linprog(
                c,
                A_ub=np.array(a_ub) if a_ub else None,
                b_ub=b_ub or None,
                A_eq=np.array(a_eq) if a_eq else None,
                b_eq=b_eq or None,
                bounds=box,
                integrality=kinds,
                method="highs",
            )
            if result.status == 2:  # infeasible
                return None
            ends.append(sign * result.fun if result.status == 0 else -sign * math.inf)
        out[v] = (ends[0], ends[1])
    return out
