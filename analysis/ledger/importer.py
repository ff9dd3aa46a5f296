"""``import_ledger``: a messy ledger in, canonical records and accounted-for rejects out.

The steps, in order, each collecting row problems instead of stopping:

1. read the file (:mod:`.reading`), find the sheet and header (:mod:`.layout`,
   :mod:`.headers`) — file-level problems stop here with a one-line
   :class:`~analysis.ledger.problems.LedgerError`;
2. take the data rows: every row under the header up to the last non-blank one;
3. reject blank rows, total rows (合计/总计/小计) and repeated headers with that reason —
   they are rows of the file, so they are accounted for, never skipped silently;
4. personal data: personal columns become pseudonyms or are dropped, kept cells are
   scanned and masked (:mod:`.privacy`) — before any value is stored;
5. translate ledger notation to canonical strings (:mod:`.values`);
6. judge the strings with the canonical parser and constraints of
   :mod:`analysis.datasets.validation`
   (the code ``analysis.load`` runs), plus checks only a ledger needs: duplicated ids,
   dates after the as-of date or before 2000, implausible loan amounts;
7. parse the accepted rows once more with ``validate_strings``, giving exactly the frame
   ``analysis.load(kind)`` returns; every other row goes to ``.rejected`` with all reasons.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.datasets.csv_safe import FORMULA_START
from analysis.datasets.errors import DataValidationError, Problem
from analysis.datasets.schema import DATA_AS_OF, Dataset, get_dataset
from analysis.datasets.validation import FIRST_DATA_ROW, parse_column, validate_strings
from analysis.ledger import checks, fill, layout
from analysis.ledger import headers as hdr
from analysis.ledger import values as val
from analysis.ledger.privacy import find_personal, mask_text, pseudonym_table, resolve_salt
from analysis.ledger.problems import CODES, PERSONAL_WORDS, SHAPE_FIX, RowProblem
from analysis.ledger.reading import DAMAGED, Sheet, Source, read_source
from analysis.ledger.result import LedgerImport


def import_ledger(
    path: str | Path,
    kind: str,
    *,
    sheet: str | None = None,
    salt: str | None = None,
    as_of: str | date | None = None,
    aliases: str | Path | None = None,
) -> LedgerImport:
    """Import a ledger (台账) as dataset ``kind``, accounting for every data row.

    Parameters
    ----------
    path
        A CSV (UTF-8, UTF-8 with BOM, GBK, GB18030 …) or XLSX file, told apart by content.
    kind
        ``loans``, ``compounds``, ``renovation_tasks``, ``consultations``, ``inspections``
        or ``communities`` (a list of community names and their units).
    sheet
        Name of the worksheet to read; by default the one sheet holding a ``kind`` ledger.
    salt
        Secret for pseudonyms of personal columns; default the environment variable
        ``SHANGJIE_LEDGER_SALT``. Without one, personal columns are dropped.
    as_of
        Event dates after this are rejected (plans such as ``planned_on`` may be later);
        default the as-of date of the published figures, 2020-09-23.
    aliases
        An extra alias file in the format of ``data/reference/ledger_aliases.csv``; its
        rows win over the shipped ones.

    Returns
    -------
    LedgerImport
        ``.accepted`` (the schema and dtypes of ``analysis.load(kind)``), ``.rejected``
        (source_row, codes, reason, fix and the row's kept cells, personal data masked),
        ``.summary()``. ``len(accepted) + len(rejected)`` is the number of data rows.

    Raises
    ------
    LedgerError
        If the file cannot be imported at all: missing, empty, binary, no header, a
        required column missing, another kind's ledger, an unknown sheet.
    ValueError
        If ``kind`` is unknown or the salt is too short.
    """
    kind = layout.normalise_kind(kind)
    salt = resolve_salt(salt)
    cutoff = pd.Timestamp(as_of if as_of is not None else DATA_AS_OF)
    table = hdr.load_aliases(aliases)
    source = read_source(path)
    sheet_, match = layout.choose_sheet(source, kind, table, sheet)
    rows, numbers = layout.data_rows(sheet_, match)
    units = {
        c: u
        for c, s in match.columns.items()
        if (u := hdr.header_unit_scale(c, s.unit, source.path, s.header)) is not None
    }
    run = _Run(kind, source, match, rows, numbers, units, table, cutoff.normalize())
    run.flags = sheet_.flags
    run.check_shapes_and_privacy()
    run.translate()
    run.judge()
    return run.result(sheet_, salt)


def _rowless(frame: pd.DataFrame, dataset: Dataset, file: str) -> list[Problem]:
    """Constraint problems of each row alone, for a check that reported none by row.

    Slow (one validation per row), so only used when a frame-level failure appears; the
    row number is then always known, and the row is rejected instead of the file.
    """
    from analysis.datasets.loaders import domains

    out: list[Problem] = []
    for i in frame.index:
        try:
            validate_strings(frame.loc[[i]], dataset, domains(), file)
        except DataValidationError as err:
            row = int(i) + FIRST_DATA_ROW
            out += [replace(p, row=row) for p in err.problems]
    return out


class _Run:
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

    def add(self, problem: RowProblem) -> None:
        """Reject a row for ``problem``; a problem with a column marks that cell explained."""
        self.problems.append(problem)
        if problem.column is not None:
            self.reported.add((problem.row, problem.column))

    def reject(self, i: int, code: str, column: str | None, reason: str, fix: str) -> None:
        self.add(RowProblem(i, code, column, reason, fix))

    def check_shapes_and_privacy(self) -> None:
        """Blank, total and damaged rows; personal data in any cell that would be kept."""
        header = self.match.cells
        for i, row in enumerate(self.rows):
            if (shape := layout.row_shape(row, header)) is not None:
                self.shapes[i] = shape
            elif (flag := self.flags.get(self.numbers[i])) is not None:
                self.reject(i, flag, None, CODES[flag], SHAPE_FIX[flag])
            elif any(DAMAGED in c for c in row):
                self.reject(i, "undecodable", None, CODES["undecodable"], SHAPE_FIX["undecodable"])
        # Cells repeat (units, categories, dates), so each distinct text is scanned once.
        # The cache lives as long as this import: personal values are not kept beyond it.
        scanned: dict[str, tuple[set[str], str]] = {}
        for column, src in self.match.columns.items():
            shown = []
            for i in range(self.n):
                raw = self.cell(i, src.index)
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
            for i in range(self.n):
                if i in self.shapes or (i, fld.name) in self.reported:
                    out.append("")
                    continue
                raw = self.cell(i, src.index)
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

    def judge(self) -> None:
        """Duplicates, the canonical parser and constraints, and ledger plausibility.

        The canonical check is ``validate_strings`` itself — the code ``analysis.load``
        runs — over every record row at once; its problems name the rows to reject. A
        clean ledger is thereby parsed once; otherwise the accepted rows are parsed again
        in :meth:`result`, so dtypes depend on them alone, as ``load`` would have it.
        """
        from analysis.datasets.loaders import domains

        records = [i for i in range(self.n) if i not in self.shapes]
        key = self.dataset.primary_key[0]
        for p in checks.duplicates(self.strings, key, records, self.numbers):
            self.add(p)
        frame = pd.DataFrame(self.strings, dtype="str").loc[records]
        try:
            self.typed = validate_strings(frame, self.dataset, domains(), self.file)
            self.typed.index = frame.index  # validate_strings numbers its result from 0
            found = []
        except DataValidationError as err:
            self.typed, found = None, err.problems
        if any(p.row is None for p in found):  # a check that named no row: judge each row
            found = [p for p in found if p.row is not None] + _rowless(
                frame, self.dataset, self.file
            )
        for problem in found:
            if (
                problem.row is None or problem.reason == "duplicate key"
            ):  # judged above, with more care
                continue
            p = checks.from_validation(problem, self.dataset)
            if not any((p.row, c) in self.reported for c in (p.column or "").split(", ")):
                self.add(p)  # unless translation already explained the cell more precisely
        fields = checks.plausibility_fields(self.dataset)
        if self.typed is not None:
            typed = {f.name: self.typed[f.name] for f in fields}
        else:  # the canonical parser again, on just these columns (failures become NaT/NA)
            typed = {f.name: parse_column(frame[f.name], f, None, self.file)[0] for f in fields}
        for p in checks.plausibility(self.kind, fields, typed, self.as_of):
            self.add(p)

    def result(self, sheet: Sheet, salt: str | None) -> LedgerImport:
        """Split the rows into accepted and rejected and package them."""
        from analysis.datasets.loaders import domains

        numbers = self.numbers
        by_row: dict[int, list[RowProblem]] = {}
        for i, code in self.shapes.items():
            by_row[i] = [RowProblem(i, code, None, CODES[code], SHAPE_FIX[code])]
        for p in self.problems:
            by_row.setdefault(p.row, []).append(p)
        accepted_rows = [i for i in range(self.n) if i not in by_row]
        for column, rows in self.filled.items():  # said of accepted records only
            if n := len(set(rows) - set(by_row)):
                self.notes.append(f"{column}: {n} empty cell(s) read as {layout.NOT_RECORDED}")
        names = [f.name for f in self.dataset.fields]
        strings = pd.DataFrame(self.strings, columns=names, dtype="str")
        strings = strings.loc[accepted_rows].reset_index(drop=True)
        if by_row or self.typed is None:
            accepted = validate_strings(strings, self.dataset, domains(), self.file)
        else:  # nothing rejected: the first parse already is exactly this frame
            accepted = self.typed.reset_index(drop=True)
        accepted.attrs = {
            "dataset": self.kind,
            "origin": "imported",
            "synthetic": False,
            "path": self.file,
        }
        pseudo = None
        if salt is not None and self.match.personal:
            cells = {
                (i, j): self.cell(i, j) for i in range(self.n) for j, _, _ in self.match.personal
            }
            pseudo = pseudonym_table(salt, self.match.personal, cells, self.numbers)
        rejected = []
        for i in sorted(by_row):
            probs = by_row[i]
            record = {
                "source_row": numbers[i],
                "codes": ";".join(dict.fromkeys(p.code for p in probs)),
                "reason": mask_text("; ".join(p.reason for p in probs)),
                "fix": mask_text("; ".join(dict.fromkeys(p.fix for p in probs))),
            }
            record |= {c: self.shown[c][i] for c in self.shown}
            if pseudo is not None:
                record |= pseudo.loc[i].drop("source_row").to_dict()
            rejected.append(record)
        if len(accepted) + len(rejected) != self.n:  # the promise of this module, checked
            raise RuntimeError(
                f"{self.file}: {self.n} rows read but {len(accepted)} accepted and "
                f"{len(rejected)} rejected; please report this as a bug of the importer"
            )
        columns = ["source_row", "codes", "reason", "fix", *self.shown]
        columns += [c for c in (pseudo.columns if pseudo is not None else []) if c != "source_row"]
        return LedgerImport(
            path=self.source.path,
            kind=self.kind,
            format=self.source.format,
            encoding=self.source.encoding,
            sheet=sheet.name,
            sheets=[s.name for s in self.source.sheets if s.name is not None],
            header_rows=[sheet.numbers[r] for r in self.match.rows],
            columns={c: s.header for c, s in self.match.columns.items()},
            units=dict(self.units),
            personal=[(h, what) for _, h, what in self.match.personal],
            ignored=list(self.match.ignored),
            notes=self.notes,
            as_of=self.as_of.date(),
            accepted=accepted,
            accepted_rows=[numbers[i] for i in accepted_rows],
            rejected=pd.DataFrame(rejected, columns=columns).astype({"source_row": "int64"}),
            pseudonyms=None if pseudo is None else pseudo.reset_index(drop=True),
            canonical=strings,
            missing=dict(self.missing),
            own_wording=fill.own_wording(self.dataset, self.strings, accepted_rows),
            aliased=fill.tally(self.aliased, accepted_rows),
        )
