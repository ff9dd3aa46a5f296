"""Headers as ledgers write them → canonical columns, via an alias table users extend.

A header is *normalised* before it is looked up: full-width characters become half-width
(NFKC: （万元） → (万元)), other brackets (【】〔〕[]) become parentheses, spaces and line
breaks inside the header go, required-field marks (*) are dropped. A unit in parentheses
at the end is split off and kept: ``贷款金额（万元）`` is column ``amount_yuan`` in 万元.

The alias table is ``data/reference/ledger_aliases.csv`` (see :data:`ALIAS_DATASET`): one
row per alias, ``target`` = ``header`` for a column header, ``value`` for a cell value.
Aliases are normalised the same way, so a user adds ``放款时间`` once and every width and
spacing variant of it matches. Earlier rows win when two headers claim one column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.config import REFERENCE_DIR
from analysis.datasets.errors import DataValidationError
from analysis.datasets.schema import Dataset, get_dataset
from analysis.ledger.privacy import personal_header_kind
from analysis.ledger.problems import LedgerError
from analysis.ledger.values import QUANTITIES

#: The datasets a ledger can be imported as.
KINDS: tuple[str, ...] = (
    "loans",
    "compounds",
    "renovation_tasks",
    "consultations",
    "inspections",
    "communities",
)

ALIASES_PATH = REFERENCE_DIR / "ledger_aliases.csv"
#: The alias table's schema: a reference dataset like any other (analysis.datasets.schema).
ALIAS_DATASET: Dataset = get_dataset("ledger_aliases")

_BRACKETS = str.maketrans("【】〔〕〖〗[]{}", "()()()()()")
_UNIT_WORDS = frozenset({"元", "千元", "万元", "月", "个月", "年", "户", "人", "个", "条", "次"})
_TRAILING_UNIT = re.compile(r"(.+?)(?:\((?:单位:?)?([^()]+)\)|/(万元|千元|元|个月|月|年))")
_BARE_MONEY = re.compile(r"(.+?)(万元|千元)")  # 贷款金额万元, without parentheses
#: How many rows from the top a header may start at (title rows, notes, blank rows).
HEADER_SEARCH_ROWS = 30


def normalise_header(text: str) -> str:
    """Return the comparable form of a header (or an alias)."""
    s = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    s = re.sub(r"\s+", "", s).strip("*※#:")
    return s.lower()


def split_unit(header: str) -> tuple[str, str | None]:
    """Split a normalised header into its name and a trailing unit, if any.

    >>> split_unit("贷款金额(万元)"), split_unit("所属街道(镇)")
    (('贷款金额', '万元'), ('所属街道(镇)', None))
    """
    if m := _TRAILING_UNIT.fullmatch(header):
        unit = m.group(2) or m.group(3)
        if unit in _UNIT_WORDS:
            return m.group(1), unit
    if m := _BARE_MONEY.fullmatch(header):
        return m.group(1), m.group(2)
    return header, None


@dataclass
class Aliases:
    """Header and value aliases, normalised, with their priority (file order)."""

    headers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind → [(alias, col)]
    values: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (kind, col) →

    def header_map(self, kind: str) -> dict[str, tuple[int, str]]:
        """Normalised alias → (priority, column) for one kind; canonical names included."""
        names = [f.name for f in get_dataset(kind).fields]
        out = {normalise_header(n): (-1, n) for n in names}  # a canonical CSV imports as itself
        rows = [*self.headers.get(kind, []), *self.headers.get("*", [])]
        for priority, (alias, column) in enumerate(rows):
            if column in names:  # a * alias only applies where the column exists
                out.setdefault(alias, (priority, column))
        return out

    def value_map(self, kind: str, column: str) -> dict[str, str]:
        """Cell value (NFKC, stripped) → canonical value for one column of one kind."""
        return {**self.values.get(("*", column), {}), **self.values.get((kind, column), {})}


def load_aliases(extra: str | Path | None = None) -> Aliases:
    """Read the shipped alias table, plus ``extra`` (a file in the same format) if given.

    Rows of ``extra`` come first, so a user's alias wins over a shipped one. Parsed tables
    are cached per file version (path, size, modification time): an import of a small
    ledger should not spend most of its time re-validating the alias table.

    Raises
    ------
    LedgerError
        If an alias file is missing, breaks its schema or names an unknown dataset,
        target or column.
    """
    paths = ([Path(extra)] if extra is not None else []) + [ALIASES_PATH]
    versions = []
    for path in paths:
        if not path.is_file():
            raise LedgerError(path, "alias table not found", "check the path")
        stat = path.stat()
        versions.append((str(path), stat.st_size, stat.st_mtime_ns))
    return _load_aliases(tuple(versions))


@lru_cache(maxsize=8)
def _load_aliases(versions: tuple[tuple[str, int, int], ...]) -> Aliases:
    from analysis.datasets.loaders import domains
    from analysis.datasets.validation import read_strings, validate_strings

    aliases = Aliases()
    for name, _, _ in versions:
        path = Path(name)
        try:
            raw = read_strings(path, ALIAS_DATASET)
            frame = validate_strings(raw, ALIAS_DATASET, domains(), str(path))
        except DataValidationError as err:  # several lines; the first problem is enough
            p = err.problems[0]
            where = f" (row {p.row}, column {p.column})" if p.row else ""
            raise LedgerError(path, f"alias table is not valid: {p.reason}{where}", p.fix) from None
        for row in frame.itertuples(index=False):
            _check_alias_row(path, row)
            _add_alias(aliases, row)
    return aliases


def _check_alias_row(path: Path, row) -> None:
    kinds = KINDS if row.kind == "*" else (row.kind,)
    known = row.kind in (*KINDS, "*") and any(
        row.column in {f.name for f in get_dataset(k).fields} for k in kinds if k in KINDS
    )
    has_value = isinstance(row.value, str) and bool(row.value)  # missing values are NaN
    if row.target in ("header", "value") and known and (row.target == "header" or has_value):
        return
    raise LedgerError(
        path,
        f"alias row {row.kind},{row.target},{row.column},{row.alias} is not valid",
        f"kind is one of {', '.join(KINDS)} or *; target is header or value; column is a "
        "column of that dataset; a value alias needs its canonical value",
    )


def _add_alias(aliases: Aliases, row) -> None:
    if row.target == "header":
        entry = (normalise_header(row.alias), row.column)
        aliases.headers.setdefault(row.kind, []).append(entry)
    else:
        cell = unicodedata.normalize("NFKC", row.alias).strip()
        aliases.values.setdefault((row.kind, row.column), {}).setdefault(cell, row.value)


@dataclass(frozen=True)
class ColumnSource:
    """Where a canonical column comes from in the ledger."""

    index: int  # position in the row
    header: str  # as written (joined with / across a two-row header)
    unit: str | None  # unit given in the header, if any


@dataclass
class HeaderMatch:
    """The header found in a sheet: which rows, and which column is which."""

    rows: tuple[int, ...]  # positions in the sheet's row list
    cells: list[str]  # the (last) header row as written
    columns: dict[str, ColumnSource]
    personal: list[tuple[int, str, str]]  # (index, header, kind of personal data)
    ignored: list[str]  # headers of columns not kept

    @property
    def score(self) -> int:
        """How many canonical columns were recognised."""
        return len(self.columns)


def _labels(rows: list[list[str]], at: tuple[int, ...]) -> list[list[str]]:
    """Candidate labels per column: the bottom header cell first, then top + bottom."""
    width = max(len(rows[i]) for i in at)
    cells = [[(rows[i][j] if j < len(rows[i]) else "").strip() for j in range(width)] for i in at]
    if len(at) == 1:
        return [[c] if c else [] for c in cells[0]]
    top, bottom = cells
    for j in range(1, width):  # a group label spans the blank cells to its right (CSV export)
        if not top[j] and bottom[j]:
            top[j] = top[j - 1]
    out = []
    for t, b in zip(top, bottom, strict=True):
        options = [b, t + b, t] if b and t and t != b else [b or t]
        out.append([o for o in options if o])
    return out


def match_header(
    rows: list[list[str]], at: tuple[int, ...], amap: dict[str, tuple[int, str]]
) -> HeaderMatch:
    """Match the header cells in rows ``at`` against ``amap`` (see :meth:`Aliases.header_map`).

    Personal headers are set aside first, so no alias can ever map one to a kept column.
    """
    columns: dict[str, tuple[int, ColumnSource]] = {}
    personal, ignored = [], []
    for j, options in enumerate(_labels(rows, at)):
        if not options:
            continue
        shown = options[-1] if len(options) == 1 else f"{options[-1]}/{options[0]}"
        norm = [normalise_header(o) for o in options]
        # any label of the column: 联系电话 above a row of numbers is a phone column even
        # when the alias table maps 联系电话 to an id
        if (what := next(filter(None, map(personal_header_kind, norm)), None)) is not None:
            personal.append((j, shown, what))  # never matched, whatever the alias table says
            continue
        hit = None
        for h in norm:
            base, unit = split_unit(h)
            tries = [(h, unit), (base, unit)]  # an alias written with its unit keeps it
            if paren := _split_paren(base):  # 所属街道(镇), 贷款金额(美元)
                tries.append((paren[0], unit or paren[1]))
            hit = next(((amap[n], u) for n, u in tries if n in amap), None)
            if hit:
                break
        if hit is None:
            ignored.append(shown)
            continue
        (priority, column), unit = hit
        if column in columns and columns[column][0] <= priority:
            ignored.append(shown)  # a better header already claimed this column
            continue
        if column in columns:
            ignored.append(columns[column][1].header)
        columns[column] = (priority, ColumnSource(j, options[0] if len(at) == 1 else shown, unit))
    mapped = {c: s for c, (_, s) in columns.items()}
    return HeaderMatch(at, list(rows[at[-1]]), mapped, personal, ignored)


def _split_paren(text: str) -> tuple[str, str] | None:
    """``name(note)`` → (``name``, ``note``) at the first ``(`` after the first character.

    A string scan, linear in the length: the regex ``(.+?)\\((.*)\\)`` it replaces was
    quadratic on long cells with many parentheses (a notes row taken for a header).
    """
    start = text.find("(", 1)
    if start < 0 or not text.endswith(")") or start == len(text) - 1:
        return None
    return text[:start], text[start + 1 : -1]


def find_header(rows: list[list[str]], kind: str, aliases: Aliases) -> HeaderMatch | None:
    """Find the header of a ``kind`` ledger among the first rows of a sheet.

    Every row, and every pair of consecutive rows (a two-row header under merged group
    cells), is matched; the one recognising most columns wins, a single row and the
    earlier row on ties. None if no row recognises two columns.
    """
    amap = aliases.header_map(kind)
    found = []
    for i in range(min(len(rows), HEADER_SEARCH_ROWS)):
        if not any(c.strip() for c in rows[i]):
            continue
        for at in ((i,), (i, i + 1)) if i + 1 < len(rows) else ((i,),):
            match = match_header(rows, at, amap)
            if match.score >= 2:
                found.append(match)
    # most columns; then a single row over a pair (a title above the header adds nothing)
    return max(found, key=lambda m: (m.score, -len(m.rows), -m.rows[0]), default=None)


def header_unit_scale(column: str, unit: str | None, path: Path, header: str) -> str | None:
    """Return the unit a quantity column is in, checking the header's unit is understood.

    Raises
    ------
    LedgerError
        If the header gives a unit that cannot be converted (贷款金额（美元）).
    """
    if column not in QUANTITIES:
        return None
    scales, default = QUANTITIES[column]
    if unit is None:
        return default
    if unit not in scales:
        raise LedgerError(
            path,
            f"column {header!r} is in {unit}, which cannot be converted to {column}",
            f"convert the column to one of {', '.join(scales)} and say so in the header",
        )
    return unit
