"""Turn released tables into cells an attacker can reason about.

Every numeric cell of a table becomes a *cell*: a measure (the column header, e.g.
``loans`` or ``amount_yuan``) at a point of the breakdown (the row's key values, e.g.
``community_id=gongyelu-c02, unit_id=gongyelu``). The same cell published on several
pages — the two editions, the code pages, a unit page repeating one row of the topic
page — is one cell, so what one page shows another cannot hide. Key values are put in
one spelling across editions (English labels back to the Chinese vocabulary value, unit
names to their id) from ``data/reference``.

A cell text is a number (``"2,360,000"``), a percentage, a protection mark (``"<3"``:
a count between 1 and 2; ``"x"``: hidden to protect another cell) or text.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.report._audit_read import RawTable

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_PERCENT = re.compile(r"^([+-]?\d+(?:\.(\d+))?)\s*%$")
_SMALL = re.compile(r"^[<＜]\s*(\d+)$")
COMPLEMENT_MARKS = frozenset({"x", "X", "×"})
_UNDEFINED = frozenset({"", "—", "–", "-", "nan", "NaN", "<NA>", "NaT", "None", "n/a"})
#: Labels of a total row or column: the cell belongs to the breakdown without that key.
TOTAL_LABELS = frozenset({"合计", "总计", "全部", "总体", "all", "total", "overall", "sum"})
#: Headers of columns that are not additive (a share, a mean, a rate, an extreme).
_RATIO = re.compile(
    r"(share|pct|percent|rate|ratio|mean|median|avg|average|per_|_per|gini|"
    r"min_|max_|_min|_max|占比|比例|比重|率|平均|均值|中位|最大|最小)",
    re.IGNORECASE,
)
#: Headers of columns counting records: a "<N" mark there means 1..N-1 records.
COUNT_HEADERS = frozenset(
    {"loans", "count", "n", "records", "cases", "visits", "笔数", "件数", "人数", "户数", "数量"}
)
_NAME_HEADERS = re.compile(r"^(name|name_zh|name_en|名称|名字|label)$", re.IGNORECASE)
_LANG_DIRS = frozenset({"zh", "en", "code"})


@dataclass(frozen=True)
class Value:
    """One parsed cell text."""

    kind: str  # "num", "pct", "small", "mark", "blank", "text"
    number: float = 0.0
    half_step: float = 0.0  # half the last printed digit (rounding of a shown ratio)
    threshold: int = 0  # N of a "<N" mark


def parse_value(text: str) -> Value:
    """Parse a cell text; anything unrecognised is ``"text"``."""
    text = text.strip()
    if text in _UNDEFINED:
        return Value("blank")
    if match := _SMALL.match(text):
        return Value("small", threshold=int(match.group(1)))
    if text in COMPLEMENT_MARKS:
        return Value("mark")
    if match := _NUMBER.match(text):
        decimals = len(match.group(1) or "")
        return Value("num", float(text.replace(",", "")), 0.5 * 10.0**-decimals)
    if match := _PERCENT.match(text):
        decimals = len(match.group(2) or "")
        return Value("pct", float(match.group(1)) / 100, 0.5 * 10.0 ** -(decimals + 2))
    return Value("text")


Dims = frozenset[tuple[str, str]]
CellId = tuple[str, Dims]


@dataclass
class Occurrence:
    """Where a cell is released, and as what."""

    where: str
    row: str
    column: str
    text: str
    value: Value
    is_count: bool  # the mark, if any, bounds a count (not a dependent amount)


@dataclass
class Ratio:
    """A shown ratio ``numerator / denominator`` rounded to ``half_step``."""

    where: str
    column: str
    numerator: CellId
    denominator: CellId
    value: float
    half_step: float


@dataclass
class Released:
    """Everything the site releases that the audit uses."""

    cells: dict[CellId, list[Occurrence]] = field(default_factory=dict)
    ratios: list[Ratio] = field(default_factory=list)
    count_measures: set[str] = field(default_factory=set)
    tables: int = 0

    def add(self, cell: CellId, occurrence: Occurrence) -> None:
        self.cells.setdefault(cell, []).append(occurrence)
        if occurrence.is_count:
            self.count_measures.add(cell[0])


def page_family(page: str) -> str:
    """The page without its edition folders: ``en/code/02-x.html`` → ``02-x.html``."""
    parts = page.split("/")
    while len(parts) > 1 and parts[0] in _LANG_DIRS:
        parts = parts[1:]
    return "/".join(parts)


def reference_labels(reference: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Return one spelling for key values, and the known complete domains.

    The spelling map sends an English vocabulary label to its Chinese value and a unit's
    Chinese or English name to its id (only where that is unambiguous). The domains say
    which units make up the district (``units.csv``, parent = the district), so a
    breakdown by unit that misses one is not taken to add up to the district total.
    Missing or unreadable files give empty maps: the audit then relies on the site alone.
    """
    spelling: dict[str, set[str]] = {}
    domains: dict[str, set[str]] = {}

    def rows(name: str) -> list[dict[str, str]]:
        try:
            with (reference / name).open(encoding="utf-8-sig", newline="") as handle:
                return list(csv.DictReader(handle))
        except (OSError, csv.Error, UnicodeDecodeError):
            return []

    for row in rows("vocabulary.csv"):
        if row.get("label_en") and row.get("value_zh"):
            spelling.setdefault(row["label_en"].strip(), set()).add(row["value_zh"].strip())
    units = rows("units.csv")
    for row in units:
        for name in (row.get("name_zh"), row.get("name_en")):
            if name and row.get("unit_id"):
                spelling.setdefault(name.strip(), set()).add(row["unit_id"].strip())
    roots = {r["unit_id"] for r in units if r.get("unit_id") and not r.get("parent_id")}
    members = {r["unit_id"] for r in units if r.get("parent_id") in roots}
    if members:
        domains["unit_id"] = members
    return {k: next(iter(v)) for k, v in spelling.items() if len(v) == 1}, domains


def _headers(raw: RawTable, width: int, n_index: int) -> tuple[list[str], str | None]:
    """Column headers, and the column dimension of a cross-tabulation (else None)."""
    rows = [r + [""] * (width - len(r)) for r in raw.header] or [[""] * width]
    first = rows[0]
    names = list(first[:width])
    column_dim = None
    if len(rows) > 1 and n_index:
        last = rows[-1]
        # pandas writes index names on a row of their own, blank over the data columns
        if all(not c for c in last[n_index:width]) and any(last[:n_index]):
            names[:n_index] = last[:n_index]
            corner = first[n_index - 1].strip()
            if corner:
                column_dim = corner
        elif len(rows) > 1:  # MultiIndex columns: join the levels
            for j in range(n_index, width):
                names[j] = " / ".join(dict.fromkeys(r[j] for r in rows if r[j]))
    return [n.strip() for n in names], column_dim


def _is_index_position(values: list[str]) -> bool:
    """An unnamed column of whole numbers is pandas' row position, not a key."""
    return bool(values) and all(v.strip().isdigit() for v in values)


def read_table(raw: RawTable, spelling: dict[str, str], released: Released) -> None:
    """Add the cells (and shown ratios) of one table to ``released``."""
    if not raw.body:
        return
    width = max(len(r) for r in raw.body)
    body = [r + [""] * (width - len(r)) for r in raw.body]
    labels = Counter(raw.row_label_cells).most_common(1)[0][0] if raw.row_label_cells else 0
    headers, column_dim = _headers(raw, width, labels)
    columns = list(zip(*body, strict=True))
    parsed = [[parse_value(v) for v in col] for col in columns]
    family = f"{page_family(raw.page)}#{raw.index}"
    released.tables += 1

    keys, measures, ratios = [], [], []
    for j, header in enumerate(headers):
        kinds = {v.kind for v in parsed[j]} - {"blank"}
        if column_dim is not None and j >= labels:
            measures.append(j)
        elif j < labels and not header and _is_index_position(list(columns[j])):
            continue
        elif kinds and kinds <= {"num", "small", "mark", "pct"} and j >= labels:
            (ratios if _RATIO.search(header) or "pct" in kinds else measures).append(j)
        elif kinds:
            keys.append(j)
    if any(headers[j].endswith("_id") for j in keys):
        keys = [j for j in keys if not _NAME_HEADERS.match(headers[j])]

    def dims_of(i: int) -> list[tuple[str, str]]:
        out = []
        for j in keys:
            value = spelling.get(body[i][j].strip(), body[i][j].strip())
            if value.lower() not in TOTAL_LABELS:
                out.append((headers[j] or "index", value))
        return out

    rows = [dims_of(i) for i in range(len(body))]
    # Rows that do not differ by their keys cannot be told apart across tables: keep
    # them to this table (and its other editions), where only its own totals relate them.
    if len({frozenset(r) for r in rows}) < len(rows):
        # each row is its own cell even then: rows alike in their keys (a histogram's
        # panel, with its bins in a numeric column) are not one cell shown twice
        rows = [[*r, ("row", str(i)), ("table", family)] for i, r in enumerate(rows)]

    counts = [j for j in measures if headers[j].lower() in COUNT_HEADERS]
    for i, dims in enumerate(rows):
        label = " / ".join(body[i][j] for j in keys) or "(all)"
        count_column = counts[0] if counts else None
        if column_dim is not None:
            count_column = -1  # every cell of a cross-tabulation is a count
        elif count_column is None:
            marked = [j for j in measures if parsed[j][i].kind in ("small", "mark")]
            count_column = marked[0] if marked else None
        for j in measures:
            value = parsed[j][i]
            if value.kind in ("blank", "text", "pct"):
                continue
            if column_dim is not None:
                head = spelling.get(headers[j], headers[j])
                extra = [] if head.lower() in TOTAL_LABELS else [(column_dim, head)]
                cell = (f"count@{family}", frozenset([*dims, *extra]))
            else:
                cell = (headers[j], frozenset(dims))
            is_count = count_column == -1 or j == count_column
            released.add(
                cell, Occurrence(raw.where, label, headers[j], body[i][j], value, is_count)
            )
        for j in ratios:
            _read_ratio(raw, headers, measures, parsed, i, j, frozenset(dims), released)


def _read_ratio(
    raw: RawTable,
    headers: list[str],
    measures: list[int],
    parsed: list[list[Value]],
    i: int,
    j: int,
    dims: Dims,
    released: Released,
) -> None:
    """Record a shown share (``X_share`` of measure X over its total) or mean."""
    value = parsed[j][i]
    if value.kind not in ("num", "pct"):
        return
    header = headers[j].lower()
    stem = re.sub(r"(_share|_mean|mean_|_pct|share_)", "", header).strip("_")
    numerators = [m for m in measures if headers[m].lower().startswith(stem[:4])] if stem else []
    if not numerators:
        return
    numerator = (headers[numerators[0]], dims)
    if "share" in header or value.kind == "pct":
        denominator = (headers[numerators[0]], frozenset())  # share of the overall total
    elif "mean" in header:
        counts = [m for m in measures if headers[m].lower() in COUNT_HEADERS]
        if not counts:
            return
        denominator = (headers[counts[0]], dims)
    else:
        return
    released.ratios.append(
        Ratio(raw.where, headers[j], numerator, denominator, value.number, value.half_step)
    )


def read_tables(tables: Iterable[RawTable], reference: Path) -> tuple[Released, dict]:
    """Read every table into one :class:`Released`; also return the known domains."""
    spelling, domains = reference_labels(reference)
    released = Released()
    for raw in tables:
        read_table(raw, spelling, released)
    return released, domains
