"""Disclosure audit: read a built site as an attacker would and recover its hidden cells.

``python -m analysis audit-disclosure [SITE_DIR]`` (default ``reports/``):

1. **Read** every table of every page (HTML ``<table>``, pandas and Styler alike) and
   every ``*.csv`` under the site (:mod:`analysis.report._audit_read`).
2. **Cells.** Each number or mark becomes a cell: a measure (the column header) at a
   point of a breakdown (the row's keys), one cell however many pages show it
   (:mod:`analysis.report._audit_cells`). A mark ``"<N"`` in a count column means
   1..N-1; ``"x"`` (complementary suppression) hides a count that would have been shown,
   so it is at least N on a site that also marks "<N" (``complement_floor``), else only
   not zero (one mark for every hidden cell, zeros shown); a
   mark on an amount or share next to a hidden count means only "≥ 0".
3. **Relations** the site releases (:mod:`analysis.report._audit_relations`): roll-ups
   (communities → unit → district, every one-way table → the overall total, rows →
   合计/total rows), shown shares and means, and a short list of background facts.
4. **Feasible range** of every hidden cell by linear programming (``scipy.optimize.
   linprog``, HiGHS, counts integer): minimise and maximise it subject to everything
   above. A cell is **recoverable** when its range is one value, or (for ``"<N"``)
   narrower than 1..N-1. A count hidden on one page and shown on another, or a count
   below the threshold shown in a column that protects others, is **exposed**.

One line per recoverable or exposed cell, then ``recoverable cells: N`` (both kinds);
exit status 0 only when N = 0.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.report._audit_cells import CellId, Occurrence, Released, read_tables
from analysis.report._audit_read import read_site
from analysis.report._audit_relations import (
    Relation,
    background,
    describe,
    ratios,
    rollups,
)
from analysis.report._audit_solve import components, solve

_TOL = 1e-6
_LAYERS = ("release", "ratio", "background")


@dataclass
class Finding:
    """One recoverable or exposed cell."""

    cell: CellId
    where: Occurrence
    others: int
    low: float
    high: float
    reason: str

    def line(self) -> str:
        o = self.where
        value = (
            _fmt(self.low)
            if self.high - self.low < _TOL
            else f"in {_fmt(self.low)}..{_fmt(self.high)}"
        )
        more = f"; also hidden in {self.others} other place(s)" if self.others else ""
        return (
            f"{o.where} · row {o.row} · column {o.column}: shown {o.text!r}, "
            f"must be {value}{more} · {self.reason}"
        )


@dataclass
class AuditResult:
    """What the audit found; ``findings`` are the recoverable and exposed cells."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    hidden: int = 0
    relations: int = 0
    explained: list[str] = field(default_factory=list)
    tables: int = 0
    files: int = 0
    seconds: float = 0.0

    @property
    def recoverable(self) -> int:
        return len(self.findings)


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < _TOL else f"{x:,.2f}"


def _explain(relation: Relation, known: dict[CellId, float]) -> str:
    """``name: loans[a] + loans[b] - loans[all] == 0`` with known cells as numbers."""
    terms = []
    for cell, coefficient in relation.coefficients.items():
        term = _fmt(known[cell]) if cell in known else describe(cell)
        scale = "" if abs(abs(coefficient) - 1) < _TOL else f"{abs(coefficient):g}×"
        terms.append(f"{'-' if coefficient < 0 else '+'} {scale}{term}")
    return f"{relation.name}: {' '.join(terms).lstrip('+ ')} {relation.sense} 0"


def _bounds(
    occurrences: list[Occurrence], floor: int | None, default_n: int
) -> tuple[float, float]:
    """The range the marks of one hidden cell admit (intersected over its occurrences)."""
    low, high = 0.0, math.inf
    for o in occurrences:
        if not o.is_count:
            continue
        if o.value.kind == "small":
            low, high = max(low, 1.0), min(high, o.value.threshold - 1.0)
        elif o.value.kind == "mark":
            low = max(low, float(default_n if floor is None else floor))
    return low, high


def _exposed(released: Released, known: dict[CellId, float]) -> list[Finding]:
    """Counts hidden in one place and shown in another, or shown below the threshold."""
    findings = []
    for cell, occurrences in released.cells.items():
        marks = [o for o in occurrences if o.value.kind in ("small", "mark")]
        if marks and cell in known:
            shown = next(o for o in occurrences if o.value.kind == "num")
            reason = f"shown openly as {shown.text!r} in {shown.where}"
            findings.append(
                Finding(cell, marks[0], len(marks) - 1, known[cell], known[cell], reason)
            )
    thresholds: dict[tuple[str, str], int] = {}
    for occurrences in released.cells.values():
        for o in occurrences:
            if o.is_count and o.value.kind == "small":
                thresholds[(o.where, o.column)] = o.value.threshold
    flagged = {f.cell for f in findings}
    for cell, occurrences in released.cells.items():
        for o in occurrences:
            n = thresholds.get((o.where, o.column))
            if cell in flagged or n is None or not o.is_count or o.value.kind != "num":
                continue
            if 1 <= o.value.number < n:
                reason = f"a count below the threshold {n} in a column that hides such counts"
                findings.append(Finding(cell, o, 0, o.value.number, o.value.number, reason))
                flagged.add(cell)
    return findings


def audit_released(
    released: Released,
    domains: dict[str, set[str]],
    complement_floor: int | None = None,
) -> AuditResult:
    """Audit cells already read; see :func:`audit_site`."""
    result = AuditResult(tables=released.tables)
    known, hidden = {}, {}
    small = Counter(
        o.value.threshold for occ in released.cells.values() for o in occ if o.value.kind == "small"
    )
    # Two-mark sites ("<N" and "x") hide with "x" only counts that would have been shown
    # (at least N); a site with the one mark "x" for every hidden cell says only that the
    # count is not zero (zeros are shown).
    default_n = small.most_common(1)[0][0] if small else 1
    for cell, occurrences in released.cells.items():
        shown = {o.value.number for o in occurrences if o.value.kind == "num"}
        if len(shown) > 1:
            continue  # two different numbers for one cell: two populations, use neither
        if shown:
            known[cell] = shown.pop()
        elif any(o.value.kind in ("small", "mark") for o in occurrences):
            hidden[cell] = _bounds(occurrences, complement_floor, default_n)
    result.hidden = len(hidden)
    result.findings.extend(_exposed(released, known))
    measures = {cell[0] for cell in hidden}
    usable = set(known) | set(hidden)
    relations = [
        r
        for r in rollups(released, measures, domains)
        + ratios(released, known)
        + background(released, measures)
        if set(r.coefficients) <= usable and any(c in hidden for c in r.coefficients)
    ]
    result.relations = len(relations)
    result.explained = [_explain(r, known) for r in relations]
    integer = {c for c in hidden if c[0] in released.count_measures}
    for variables, group in components(sorted(hidden, key=describe), relations):
        ranges, layers = None, list(_LAYERS)
        while ranges is None and layers:
            kept = [r for r in group if r.layer in layers]
            ranges = solve(variables, kept, known, hidden, integer)
            if ranges is None:
                dropped = layers.pop()
                result.problems.append(
                    f"inconsistent relations around {describe(variables[0])}: dropped the "
                    f"{dropped} relations of this part and solved again"
                )
        for cell in variables if ranges else []:
            low, high = ranges[cell]
            low, high = (
                (
                    math.ceil(low - _TOL) if math.isfinite(low) else low,
                    math.floor(high + _TOL) if math.isfinite(high) else high,
                )
                if cell in integer
                else (low, high)
            )
            mark_low, mark_high = hidden[cell]
            pinned = high - low < _TOL
            narrower = not math.isinf(mark_high) and (
                low > mark_low + _TOL or high < mark_high - _TOL
            )
            if not (pinned or narrower):
                continue
            # The relations on the cell itself, then any shown ratio or background fact
            # elsewhere in its part of the problem (roll-ups elsewhere are just context).
            kept = [r for r in group if r.layer in layers]
            direct = [r.name for r in kept if cell in r.coefficients]
            other = [r.name for r in kept if r.layer != "release"]
            used = list(dict.fromkeys(direct + other))
            reason = (
                "from "
                + "; ".join(used[:4])
                + (f"; +{len(used) - 4} more" if len(used) > 4 else "")
            )
            marks = [o for o in released.cells[cell] if o.value.kind in ("small", "mark")]
            result.findings.append(Finding(cell, marks[0], len(marks) - 1, low, high, reason))
    return result


def audit_site(
    site: Path,
    reference: Path | None = None,
    complement_floor: int | None = None,
) -> AuditResult:
    """Audit a built site: every table and CSV under ``site``.

    Parameters
    ----------
    site
        The built site (``reports/``).
    reference
        Folder with ``units.csv`` and ``vocabulary.csv`` (one spelling across editions,
        the units of the district); ``None`` uses the site alone.
    complement_floor
        Least value of an ``"x"`` cell; ``None``: the threshold N of the site's ``"<N"``
        marks (the two-mark method hides with "x" only counts that would have been
        shown), or 1 on a site whose only mark is "x" (zeros are shown).

    Raises
    ------
    FileNotFoundError
        If ``site`` is not a directory.
    """
    start = time.perf_counter()
    tables, problems = read_site(site)
    released, domains = read_tables(tables, reference or Path("/nonexistent"))
    result = audit_released(released, domains, complement_floor)
    result.problems[:0] = problems
    result.files = len({t.page for t in tables})
    result.seconds = time.perf_counter() - start
    return result


def run(
    site: Path,
    reference: Path | None,
    echo: Callable[[str], None] = print,
    explain: bool = False,
    complement_floor: int | None = None,
) -> int:
    """Print the audit of ``site`` and return its exit status (0 only if nothing is recoverable).

    Never raises: a failure is reported in one line and gives status 2.
    """
    try:
        result = audit_site(site, reference, complement_floor)
    except Exception as error:  # the command must never print a traceback
        echo(f"audit failed: {type(error).__name__}: {error}")
        return 2
    for line in result.problems:
        echo(line)
    for line in result.explained if explain else []:
        echo(f"relation: {line}")
    for finding in sorted(
        result.findings, key=lambda f: (f.where.where, f.where.row, f.where.column)
    ):
        echo(finding.line())
    echo(
        f"read {result.files} file(s), {result.tables} table(s); {result.hidden} hidden cell(s), "
        f"{result.relations} relation(s); {result.seconds:.1f} s"
    )
    echo(f"recoverable cells: {result.recoverable}")
    return 0 if result.recoverable == 0 else 1


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis audit-disclosure [SITE_DIR] [--explain]``; return the exit status."""
    import argparse

    from analysis.config import REFERENCE_DIR, REPORTS_DIR

    parser = argparse.ArgumentParser(
        prog="python -m analysis audit-disclosure",
        description="Recover hidden cells of a built site from what it releases (exit 1 if any).",
    )
    parser.add_argument("site", nargs="?", type=Path, default=REPORTS_DIR, help="default reports/")
    parser.add_argument(
        "--explain", action="store_true", help="also list every relation the audit used"
    )
    parser.add_argument(
        "--complement-floor",
        type=int,
        default=None,
        help='least value of an "x" cell (default: the threshold N of the "<N" marks)',
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return run(
        args.site, REFERENCE_DIR, explain=args.explain, complement_floor=args.complement_floor
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
