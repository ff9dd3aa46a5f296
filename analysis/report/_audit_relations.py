"""The linear relations a site releases between its cells, as an attacker would write them.

Three kinds, each named so that the audit can say which ones pinned a cell:

- **Roll-ups.** A breakdown adds up to any coarser breakdown of the same measure that is
  published anywhere: the communities of a unit (the ``unit_id`` column of the community
  table) to that unit's row, the units to the district, every one-way table (by gender,
  by borrower group …) to the overall total, the rows of a table to its 合计/total row,
  the cells of a cross-tabulation to its margins. A breakdown is taken to be complete
  unless another table of the same measure shows a key value it lacks, or it misses a
  unit that ``data/reference/units.csv`` lists under the district.
- **Ratios.** A share shown for a row (``loan_share`` = the row's ``loans`` over the
  overall total, to the printed precision) or a mean (``mean_amount_yuan`` = amount over
  count) is a pair of linear inequalities. A ratio column is used only if every row that
  shows both its terms agrees with that reading.
- **Background knowledge.** Facts an attacker knows without the site, listed in
  :data:`BACKGROUND` (a business borrower has no gender: gender 不适用 = the group 小微企业).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from analysis.report._audit_cells import CellId, Dims, Released

#: (what the attacker knows, cells on one side, cells on the other): equal in every measure.
BACKGROUND: tuple[tuple[str, Dims, Dims], ...] = (
    (
        "background: gender 不适用 is exactly the small-business borrowers (小微企业)",
        frozenset({("gender", "不适用")}),
        frozenset({("borrower_category", "小微企业")}),
    ),
    (
        "background: borrower type small_business is the borrower group 小微企业",
        frozenset({("borrower_type", "small_business")}),
        frozenset({("borrower_category", "小微企业")}),
    ),
)

EQ, LE = "==", "<="


@dataclass
class Relation:
    """``sum(coefficient × cell) (== or <=) 0`` with a name a reader can check."""

    name: str
    coefficients: dict[CellId, float]
    sense: str
    layer: str  # "release", "ratio" or "background": dropped in reverse order if inconsistent


def describe(cell: CellId) -> str:
    """``loans[unit_id=gongyelu]``; ``loans[all]`` for the overall total."""
    measure, dims = cell
    inner = ", ".join(f"{k}={v}" for k, v in sorted(dims) if k != "table")
    return f"{measure}[{inner or 'all'}]"


def _complete(
    fine: list[CellId],
    members: list[CellId],
    free: set[str],
    group: Dims,
    breakdowns: dict[frozenset[str], list[CellId]],
    own: frozenset[str],
    domains: dict[str, set[str]],
) -> bool:
    """Whether ``members`` plausibly cover every record of the group (see module doc)."""
    for dim in free:
        have = {v for cell in members for k, v in cell[1] if k == dim}
        if dim in domains and not domains[dim] <= have:
            return False
        for names, cells in breakdowns.items():
            if dim not in names or names == own:
                continue
            seen = {v for c in cells if group <= c[1] for k, v in c[1] if k == dim}
            if not seen <= have:
                return False
    return True


def rollups(released: Released, measures: set[str], domains: dict[str, set[str]]) -> list[Relation]:
    """Every breakdown equals each coarser published breakdown of the same measure."""
    relations = []
    by_measure: dict[str, dict[frozenset[str], list[CellId]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for cell in released.cells:
        if cell[0] in measures:
            by_measure[cell[0]][frozenset(k for k, _ in cell[1])].append(cell)
    for measure, breakdowns in by_measure.items():
        for fine_names, fine in breakdowns.items():
            for coarse_names, coarse in breakdowns.items():
                if not coarse_names < fine_names:
                    continue
                if "table" in fine_names and "table" not in coarse_names:
                    continue  # rows told apart only by position add up to their own total
                free = set(fine_names - coarse_names)
                for total in coarse:
                    members = [c for c in fine if total[1] <= c[1]]
                    if not members or not _complete(
                        fine, members, free, total[1], breakdowns, fine_names, domains
                    ):
                        continue
                    coefficients = dict.fromkeys(members, 1.0)
                    coefficients[total] = coefficients.get(total, 0.0) - 1.0
                    by = ",".join(sorted(free))
                    within = describe(total)
                    relations.append(
                        Relation(
                            f"sum of {measure} by {by} = {within}", coefficients, EQ, "release"
                        )
                    )
    return relations


def ratios(released: Released, known: dict[CellId, float]) -> list[Relation]:
    """Two inequalities per shown ratio; a ratio column contradicted by its own rows is dropped."""
    groups = defaultdict(list)
    for ratio in released.ratios:
        groups[(ratio.where, ratio.column)].append(ratio)
    relations = []
    for (where, column), items in groups.items():
        consistent = True
        for r in items:
            if r.numerator in known and r.denominator in known and known[r.denominator]:
                share = known[r.numerator] / known[r.denominator]
                if abs(share - r.value) > r.half_step + 1e-9:
                    consistent = False
                    break
        if not consistent:
            continue
        for r in items:
            if r.numerator in known and r.denominator in known:
                continue
            if r.numerator not in released.cells or r.denominator not in released.cells:
                continue
            name = f"{column} {r.value:g} (±{r.half_step:g}) shown in {where}"
            low, high = r.value - r.half_step, r.value + r.half_step
            # numerator >= low × denominator, numerator <= high × denominator
            for sign, bound in ((-1.0, low), (1.0, high)):
                coefficients = {r.numerator: sign}
                coefficients[r.denominator] = coefficients.get(r.denominator, 0.0) - sign * bound
                relations.append(Relation(name, coefficients, LE, "ratio"))
    return relations


def background(released: Released, measures: set[str]) -> list[Relation]:
    """The equalities of :data:`BACKGROUND`, in every measure that publishes both sides."""
    relations = []
    for name, left, right in BACKGROUND:
        for measure in sorted(measures):
            a, b = (measure, left), (measure, right)
            if a in released.cells and b in released.cells:
                relations.append(Relation(name, {a: 1.0, b: -1.0}, EQ, "background"))
    return relations
