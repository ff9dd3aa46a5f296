"""Columns a ledger lacks and values it words its own way: filled, derived, counted.

What a missing column becomes is declared in the schema
(:attr:`analysis.datasets.schema.Field.when_absent`); this module carries it out for
the columns that need more than a constant: ids numbered from the ledger's rows, a
column copied from another (a compound's id from its name), ``named_in_source`` from the
compound's name, and a unit looked up from the community through the communities the
analysis reads (an imported list when there is one, else the shipped one).

It also counts, over the accepted rows, the descriptive values the vocabulary does not
know (kept in the ledger's own wording) and the values the alias table translated, so
the import summary and ``import.json`` can say what was read how.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from analysis.datasets.errors import DataValidationError
from analysis.datasets.schema import NOT_RECORDED, Dataset, Field
from analysis.ledger.layout import NAMED_IN_SOURCE
from analysis.ledger.problems import LedgerError, RowProblem

#: Prefix of ids numbered from the ledger's rows (row 12 → ``row-12``).
ROW_ID_PREFIX = "row-"


@lru_cache(maxsize=4)
def _community_units(key: str) -> dict[str, str]:
    from analysis.datasets.loaders import load

    communities = load("communities")
    units = communities["unit_id"].astype(str).tolist()
    out = dict(zip(communities["name_zh"].astype(str), units, strict=True))
    out.update(zip(communities["community_id"].astype(str), units, strict=True))
    return out


def community_units() -> dict[str, str]:
    """Community id or name → unit_id, from the communities the analysis reads now.

    Raises
    ------
    LedgerError
        If the communities file (an imported list, say) cannot be loaded.
    """
    from analysis.datasets.origin import imported_file

    path = imported_file("communities")
    key = "" if path is None else f"{path}:{path.stat().st_mtime_ns}"
    try:
        return _community_units(key)
    except DataValidationError as err:
        raise LedgerError(
            err.path,
            "the communities list, needed to find each community's unit, cannot be loaded",
            "fix or re-import the communities list, or add a 所属街道（镇） column",
        ) from None


def derive(
    kind: str,
    fld: Field,
    strings: dict[str, list[str]],
    numbers: list[int],
    skip: Iterable[int],
) -> tuple[list[str], list[RowProblem]]:
    """The values of a column the ledger lacks, made from the other columns.

    ``row`` ids come from the spreadsheet row numbers; ``derived`` columns from
    ``fld.derive_from`` (already in ``strings``). Rows in ``skip`` (blank, total rows)
    get ``""``. A unit that cannot be found for a row's community rejects the row.
    """
    skip = set(skip)
    n = len(numbers)
    if fld.when_absent == "row":
        return [("" if i in skip else f"{ROW_ID_PREFIX}{numbers[i]}") for i in range(n)], []
    source = strings[fld.derive_from or ""]
    if (kind, fld.name) == ("compounds", "named_in_source"):
        return [str(s in NAMED_IN_SOURCE).lower() for s in source], []
    if fld.name != "unit_id":
        return list(source), []
    units, out, problems = community_units(), [], []
    for i, community in enumerate(source):
        unit = units.get(community, "")
        out.append(unit)
        if not unit and i not in skip:
            what = "not recorded" if community in ("", NOT_RECORDED) else repr(community)
            problems.append(
                RowProblem(
                    i,
                    "unknown_unit",
                    "unit_id",
                    f"unit_id: the ledger has no unit column and community {what} is not "
                    "in the communities list",
                    "add a 所属街道（镇） column, or import a communities list naming it",
                )
            )
    return out, problems


def own_wording(
    dataset: Dataset, strings: dict[str, list[str]], rows: Iterable[int]
) -> dict[str, dict[str, int]]:
    """Per open-domain column, the values of ``rows`` the vocabulary lacks, with counts."""
    from analysis.datasets.loaders import domain_values

    rows = list(rows)
    out = {}
    for fld in dataset.fields:
        if not (fld.kind == "category" and fld.open_domain):
            continue
        known = set(domain_values(fld.domain or ""))
        counts = Counter(v for i in rows if (v := strings[fld.name][i]) and v not in known)
        if counts:
            out[fld.name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def tally(pairs: dict[str, dict[int, tuple[str, str]]], rows: Iterable[int]) -> dict:
    """Per column, ``"as written → as read"`` with counts, over ``rows`` only."""
    rows = set(rows)
    out = {}
    for column, by_row in pairs.items():
        counts = Counter(f"{a} → {b}" for i, (a, b) in by_row.items() if i in rows and a != b)
        if counts:
            out[column] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
