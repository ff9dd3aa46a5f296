"""One import in progress: its rows, their problems, their canonical strings (private).

Steps 3 to 5 of :mod:`analysis.ledger.importer`: the shape of each row (blank, total,
repeated header, damaged), personal data in every kept cell, and the translation of
ledger notation into canonical strings. :mod:`._verdict` judges and packages the rest.
"""

from __future__ import annotations

import pandas as pd

from analysis.datasets.csv_safe import FORMULA_START
from analysis.datasets.schema import Dataset, get_dataset
from analysis.ledger import fill, layout
from analysis.ledger import headers as hdr
from analysis.ledger import values as val
from analysis.ledger.privacy import find_personal, mask_text
from analysis.ledger.problems import CODES, PERSONAL_WORDS, SHAPE_FIX, RowProblem
from analysis.ledger.reading import DAMAGED, Source


class Run:
    """One import in progress: the rows, their problems, their canonical strings."""

    def __init__(
        self,
        kind: str,
        source: Source,
        match: hdr.HeaderMatch,
        rows: list[list[str]],
        numbers: list[int],
        units: dict[str, str],
        aliases: hdr.Aliases,
        as_of: pd.Timestamp,
    ) -> None:
        self.kind, self.source, self.match, self.rows = kind, source, match, rows
        self.numbers: list[int] = numbers  # spreadsheet row number of each data row
        self.units, self.aliases, self.as_of = units, aliases, as_of
        self.dataset: Dataset = get_dataset(kind)
        self.file = str(source.path)
        self.n = len(rows)
        self.flags: dict[int, str] = {}  # spreadsheet row → code the reader found (CSV quotes)
        self.header_row = 0  # spreadsheet row of the header (its first row)
        self.shapes: dict[int, str] = {}  # row → blank_row / total_row / header_row
        self.problems: list[RowProblem] = []
        self.reported: set[tuple[int, str]] = set()  # cells already explained
        self.shown: dict[str, list[str]] = {}  # kept cells as .rejected shows them
        self.strings: dict[str, list[str]] = {}
        self.notes: list[str] = list(source.notes)
        self.typed: pd.DataFrame | None = None  # all record rows, typed, if none failed
        self.filled: dict[str, list[int]] = {}  # rows whose empty cell was read as 未记录
        self.missing: dict[str, str] = {}  # column the ledger lacks → how it was filled
        self.aliased: dict[str, dict[int, tuple[str, str]]] = {}  # row → (written, read)

    def cell(self, i: int, index: int) -> str:
        """The text of data row ``i`` in column ``index`` ('' past a short row's end)."""
        row = self.rows[i]
        return row[index] if index < len(row) else ""

    def column(self, index: int) -> list[str]:
        """Every data row's text in column ``index`` (one list comprehension, not a call
        per cell: this is the importer's innermost loop)."""
        return [row[index] if index < len(row) else "" for row in self.rows]

    def add(self, problem: RowProblem) -> None:
        """Reject a row for ``problem``; a problem with a column marks that cell explained."""
        self.problems.append(problem)
        if problem.column is not None:
            self.reported.add((problem.row, problem.column))

    def reject(self, i: int, code: str, column: str | None, reason: str, fix: str) -> None:
        self.add(RowProblem(i, code, column, reason, fix))

    def check_shapes_and_privacy(self) -> None:
        """Blank, total and damaged rows; personal data in any cell that would be kept."""
        header, amap = self.match.cells, self.aliases.header_map(self.kind)
        for i, row in enumerate(self.rows):
            if (shape := layout.row_shape(row, header)) is not None:
                self.shapes[i] = shape
            elif (same := layout.repeated_header(row, self.match, amap)) is not None:
                if not same:  # a second export laid out otherwise: its rows would be misread
                    layout.refuse_stacked(
                        self.source.path, self.header_row, self.numbers[i], self.n - i - 1
                    )
                self.shapes[i] = "header_row"
            elif (flag := self.flags.get(self.numbers[i])) is not None:
                self.reject(i, flag, None, CODES[flag], SHAPE_FIX[flag])
            elif any(DAMAGED in c for c in row):
                self.reject(i, "undecodable", None, CODES["undecodable"], SHAPE_FIX["undecodable"])
        # Cells repeat (units, categories, dates), so each distinct text is scanned once.
        # The cache lives as long as this import: personal values are not kept beyond it.
        scanned: dict[str, tuple[set[str], str]] = {}
        for column, src in self.match.columns.items():
            shown = []
            for i, raw in enumerate(self.column(src.index)):
                if raw not in scanned:
                    found = find_personal(raw)
                    scanned[raw] = found, (mask_text(raw) if found else raw)
                found, masked = scanned[raw]
                shown.append(masked)
                if found and i not in self.shapes:
                    what = " and ".join(PERSONAL_WORDS[f] for f in sorted(found))
                    reason = f"{column}: contains personal data ({what})"
                    self.reject(i, "personal_data", column, reason, SHAPE_FIX["personal_data"])
            self.shown[column] = shown

    def translate(self) -> None:
        """Ledger notation → canonical strings; columns the ledger lacks are filled.

        A missing column is filled as the schema declares (``Field.when_absent``); derived
        ones are made once the columns they come from are there. An empty cell of a
        required category (or label) is read as 未记录, as a missing column would be.
        """
        derived = []
        for fld in self.dataset.fields:
            src = self.match.columns.get(fld.name)
            if src is None:
                how = layout.fill_value(self.kind, fld)
                self.missing[fld.name] = layout.describe_fill(fld)
                self.notes.append(f"{fld.name}: not in the ledger, {self.missing[fld.name]}")
                if how in ("row", "derived"):
                    derived.append(fld)
                    how = ""
                self.strings[fld.name] = [how or ""] * self.n
                continue
            value_map = self.aliases.value_map(self.kind, fld.name)
            unit = self.units.get(fld.name)
            translate = val.translator(fld, unit, value_map, self.source.epoch)
            fill_empty = fld.required and layout.fill_value(self.kind, fld) == layout.NOT_RECORDED
            out, filled, aliased = [], [], {}
            for i, raw in enumerate(self.column(src.index)):
                if i in self.shapes or (i, fld.name) in self.reported:
                    out.append("")
                    continue
                value, issue = translate(raw)
                if fld.kind in ("id", "str", "category") and value.startswith(FORMULA_START):
                    value = "'" + value  # never a formula in a CSV a spreadsheet opens (OWASP)
                if issue is not None:
                    self.reject(i, issue.code, fld.name, f"{fld.name}: {issue.reason}", issue.fix)
                if not value and fill_empty:
                    value = layout.NOT_RECORDED
                    filled.append(i)
                elif value_map and (written := val.clean(raw)) in value_map:
                    aliased[i] = (written, value)
                out.append(value)
            self.strings[fld.name] = out
            self.filled[fld.name] = filled
            if aliased:
                self.aliased[fld.name] = aliased
        while derived:  # a derived column may come from another derived one
            ready = [f for f in derived if f.derive_from not in {d.name for d in derived}]
            for fld in ready:
                values, problems = fill.derive(
                    self.kind, fld, self.strings, self.numbers, self.shapes
                )
                self.strings[fld.name] = values
                for p in problems:
                    self.add(p)
                derived.remove(fld)
