"""Where the ledger is in a file: which sheet, which header, which rows are records.

Also what a column the ledger lacks is read as. That is declared in the schema
(:attr:`analysis.datasets.schema.Field.when_absent`): only a column the dataset cannot
exist without (a loan's amount, its date, a place) stops the import; every other missing
column is read as not recorded (未记录), left empty, numbered from the ledger's rows, or
derived from another column (a compound's id from its name, a loan's unit from its
community).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.datasets.schema import NOT_RECORDED, Field, get_dataset
from analysis.ledger import headers as hdr
from analysis.ledger import values as val
from analysis.ledger.problems import LedgerError
from analysis.ledger.reading import Sheet, Source
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND

#: Compounds named on the seed page; ``named_in_source`` is derived from the name.
NAMED_IN_SOURCE = frozenset({LABOUR_BUREAU_COMPOUND})
_TOTAL = re.compile(r"(总合计|合计|总计|小计|共计|累计)([:：].*|[0-9].*)?")
#: How each way of filling a missing column is said in the summary and import.json.
FILLED_AS = {
    "not_recorded": f"read as {NOT_RECORDED}",
    "empty": "left empty",
    "row": "numbered from the ledger's rows",
    "derived": "derived from {source}",
}


def fill_value(kind: str, fld: Field) -> str | None:
    """How a column absent from the ledger is filled, or None if it must be there.

    ``""`` (left empty), :data:`NOT_RECORDED`, ``"row"`` (ids from row numbers) or
    ``"derived"`` (from ``fld.derive_from``), as the schema declares.
    """
    how = fld.when_absent
    if how == "refuse":
        return None
    return {"empty": "", "not_recorded": NOT_RECORDED}.get(how, how)


def _available(
    kind: str, name: str, match: hdr.HeaderMatch, seen: frozenset[str], source: bool = False
) -> bool:
    """True when column ``name`` is in the ledger or can be filled from what is.

    A column something is derived from (``source``) must hold the ledger's values: a
    unit cannot be looked up from a community column that is all 未记录.
    """
    if name in match.columns:
        return True
    fld = get_dataset(kind).field(name)
    how = fill_value(kind, fld)
    if how != "derived":
        return how is not None and not source
    origin = fld.derive_from or ""
    return origin not in seen and _available(kind, origin, match, seen | {name}, source=True)


def missing_columns(kind: str, match: hdr.HeaderMatch) -> list[Field]:
    """Columns of ``kind`` the header lacks and nothing can fill in."""
    return [
        f
        for f in get_dataset(kind).fields
        if not _available(kind, f.name, match, frozenset({f.name}))
    ]


def describe_fill(fld: Field) -> str:
    """How a missing column was filled, in words (``read as 未记录``, ``left empty`` …)."""
    text = FILLED_AS[fld.when_absent]
    return text.format(source=fld.derive_from)


def normalise_kind(kind: str) -> str:
    """Accept ``renovation-tasks`` for ``renovation_tasks``.

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`analysis.ledger.headers.KINDS`.
    """
    name = kind.strip().replace("-", "_")
    if name not in hdr.KINDS:
        raise ValueError(f"unknown ledger kind {kind!r}; use one of {', '.join(hdr.KINDS)}")
    return name


def _complete(
    sheets: list[Sheet], kind: str, aliases: hdr.Aliases
) -> tuple[list[tuple[Sheet, hdr.HeaderMatch]], list[tuple[Sheet, hdr.HeaderMatch]]]:
    """Sheets with a ``kind`` header: those with every column needed, and all of them."""
    found = [(s, m) for s in sheets if (m := hdr.find_header(s.rows, kind, aliases)) is not None]
    return [(s, m) for s, m in found if not missing_columns(kind, m)], found


def choose_sheet(
    source: Source, kind: str, aliases: hdr.Aliases, sheet: str | None
) -> tuple[Sheet, hdr.HeaderMatch]:
    """Find the sheet holding a ``kind`` ledger and its header.

    Raises
    ------
    LedgerError
        If the named sheet does not exist, no sheet or several sheets hold a complete
        ``kind`` ledger, a required column is missing, or it is another kind's ledger.
    """
    path, sheets = source.path, source.sheets
    if sheet is not None:
        if source.format == "csv":
            raise LedgerError(path, f"is a CSV file, it has no sheet {sheet!r}", "omit the sheet")
        sheets = [s for s in sheets if s.name == sheet]
        if not sheets:
            names = ", ".join(repr(s.name) for s in source.sheets)
            reason = f"has no sheet {sheet!r}; its sheets are {names}"
            raise LedgerError(path, reason, "name one of them")
    complete, partial = _complete(sheets, kind, aliases)
    if len(complete) == 1:
        _refuse_stacked(path, *complete[0], kind, aliases)
        return complete[0]
    if complete:  # importing one silently would leave the other's rows unaccounted for
        names = ", ".join(repr(s.name) for s, _ in complete)
        raise LedgerError(
            path, f"several sheets hold {kind} ledgers ({names})", "name one (--sheet NAME)"
        )
    others = [
        (max(m.score for _, m in found), other)
        for other in hdr.KINDS
        if other != kind and (found := _complete(sheets, other, aliases)[0])
    ]
    own = max((m.score for _, m in partial), default=0)
    if others and max(others)[0] > own:  # the kind whose header fits best
        other = max(others)[1]
        raise LedgerError(path, f"looks like a {other} ledger, not {kind}", f"import it as {other}")
    if not partial:
        raise LedgerError(
            path,
            f"no header row naming the columns of a {kind} ledger in the first "
            f"{hdr.HEADER_SEARCH_ROWS} rows (not a table, or headers the alias table lacks)",
            f"add your headers to {hdr.ALIASES_PATH.name} or pass aliases=",
        )
    best_sheet, best = max(partial, key=lambda sm: sm[1].score)
    missing = missing_columns(kind, best)
    where = f" (sheet {best_sheet.name!r})" if best_sheet.name else ""
    raise LedgerError(
        path,
        f"no column for {', '.join(f.name for f in missing)}{where}; "
        f"recognised: {', '.join(best.columns)}",
        "add the column, or map its header in the alias table ("
        + "; ".join(
            f"{f.name}: {f.description}"
            + (f", or a {f.derive_from} column to find it from" if f.derive_from else "")
            for f in missing
        )
        + ")",
    )


def _refuse_stacked(
    path: object, sheet: Sheet, match: hdr.HeaderMatch, kind: str, aliases: hdr.Aliases
) -> None:
    """Refuse a sheet where records stand under an earlier header above the chosen one.

    Two exports pasted one below the other: the header recognising more columns wins,
    and the records of the first export would be neither accepted nor rejected.

    Raises
    ------
    LedgerError
        Naming both header rows.
    """
    amap = aliases.header_map(kind)
    top = match.rows[0]
    for i in range(top):
        if hdr.match_header(sheet.rows, (i,), amap).score < 2:
            continue
        between = [r for r in sheet.rows[i + 1 : top] if sum(bool(c.strip()) for c in r) >= 2]
        if between:
            raise LedgerError(
                path,
                f"holds two tables one below the other (headers on rows {sheet.numbers[i]} "
                f"and {sheet.numbers[top]}{f', sheet {sheet.name!r}' if sheet.name else ''}); "
                f"the {len(between)} row(s) under the first would not be imported",
                "put each export in its own file or sheet, or give both the same header",
            )


_DIGIT = re.compile(r"[0-9\uff10-\uff19]")


def repeated_header(
    row: list[str], match: hdr.HeaderMatch, amap: dict[str, tuple[int, str]]
) -> bool | None:
    """Whether a data row is a header of this kind again: True if its columns stand where
    the chosen header has them (a repeated header, or a second export of the same layout),
    False if they stand elsewhere, None if the row is no header.

    Only rows without a digit are matched (a record has dates and numbers), so a large
    ledger costs a regex scan per row, not a header match.
    """
    if _DIGIT.search("".join(row)) is not None:
        return None
    again = hdr.match_header([row], (0,), amap)
    if again.score < 2:
        return None
    return all(
        (chosen := match.columns.get(column)) is not None and chosen.index == source.index
        for column, source in again.columns.items()
    )


def refuse_stacked(path: object, first: int, second: int, below: int) -> None:
    """Refuse two tables stacked in one sheet whose columns stand in different places.

    Raises
    ------
    LedgerError
        Naming both header rows.
    """
    raise LedgerError(
        path,
        f"holds two tables one below the other (headers on rows {first} and {second}, "
        f"their columns in different places); the {below} row(s) under the second would "
        "be read under the first's columns",
        "put each export in its own file or sheet, or give both the same header",
    )


def data_rows(sheet: Sheet, match: hdr.HeaderMatch) -> tuple[list[list[str]], list[int]]:
    """Rows under the header up to the last non-blank one, with their row numbers.

    Blank rows after the table are spreadsheet formatting (Excel keeps formatted empty
    rows), not rows of the ledger, so they are not counted; blank rows *inside* the table
    are returned and rejected as blank rows.
    """
    first = match.rows[-1] + 1
    rows, numbers = sheet.rows[first:], sheet.numbers[first:]
    end = len(rows)
    while end and not any(c.strip() for c in rows[end - 1]):
        end -= 1
    return rows[:end], numbers[:end]


def row_shape(row: list[str], header: list[str]) -> str | None:
    """``blank_row``, ``total_row``, ``header_row`` or None for a row that may be a record.

    A total row has 合计, 总计, 小计 … (spaces allowed: 合 计) in one of its first three
    non-empty cells; it restates the records, so counting it would count them twice. A
    header row repeats the header: two exports pasted together, or a printed page break.
    Only the first three cells are cleaned unless the row may be the header: this runs on
    every row of a ledger.
    """
    cells = [c for c in row if c.strip()]
    if not cells:
        return "blank_row"
    first = [_squashed(c) for c in cells[:3]]
    if any(_TOTAL.fullmatch(c) for c in first):
        return "total_row"
    again = _header_key(tuple(header))
    if len(cells) == len(again) and first == list(again[:3]):
        if [_squashed(c) for c in cells] == list(again):
            return "header_row"
    return None


_SPACES = re.compile(r"\s+")


def _squashed(cell: str) -> str:
    return _SPACES.sub("", val.clean(cell))


@lru_cache(maxsize=16)
def _header_key(header: tuple[str, ...]) -> tuple[str, ...]:
    """The header's non-empty cells as :func:`row_shape` compares them (once per header)."""
    return tuple(_squashed(c) for c in header if c.strip())
