"""The verdict on an import's rows, and the :class:`LedgerImport` made of it (private).

Steps 6 and 7 of :mod:`analysis.ledger.importer`: :func:`judge` runs the canonical parser
and constraints (the code ``analysis.load`` runs) and the ledger's own checks over the
rows the earlier steps left; :func:`package` splits the rows into accepted and rejected,
checks that every row is one or the other, and packages them.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.datasets.errors import DataValidationError, Problem
from analysis.datasets.schema import Dataset
from analysis.datasets.validation import FIRST_DATA_ROW, parse_column, validate_strings
from analysis.ledger import checks, fill, layout
from analysis.ledger._run import Run
from analysis.ledger.privacy import mask_text, pseudonym_table
from analysis.ledger.problems import CODES, SHAPE_FIX, RowProblem
from analysis.ledger.reading import Sheet
from analysis.ledger.result import LedgerImport


def judge(run: Run) -> None:
    """Duplicates, the canonical parser and constraints, and ledger plausibility.

    The canonical check is ``validate_strings`` itself — the code ``analysis.load``
    runs — over every record row at once; its problems name the rows to reject. A
    clean ledger is thereby parsed once; otherwise the accepted rows are parsed again
    in :func:`package`, so dtypes depend on them alone, as ``load`` would have it.
    """
    from analysis.datasets.loaders import domains

    records = [i for i in range(run.n) if i not in run.shapes]
    key = run.dataset.primary_key[0]
    for p in checks.duplicates(run.strings, key, records, run.numbers):
        run.add(p)
    frame = pd.DataFrame(run.strings, dtype="str").loc[records]
    try:
        run.typed = validate_strings(frame, run.dataset, domains(), run.file)
        run.typed.index = frame.index  # validate_strings numbers its result from 0
        found = []
    except DataValidationError as err:
        run.typed, found = None, err.problems
    if any(p.row is None for p in found):  # a check that named no row: judge each row
        found = [p for p in found if p.row is not None] + _rowless(frame, run.dataset, run.file)
    for problem in found:
        if problem.row is None or problem.reason == "duplicate key":  # judged above, with more care
            continue
        p = checks.from_validation(problem, run.dataset)
        if not any((p.row, c) in run.reported for c in (p.column or "").split(", ")):
            run.add(p)  # unless translation already explained the cell more precisely
    fields = checks.plausibility_fields(run.dataset)
    if run.typed is not None:
        typed = {f.name: run.typed[f.name] for f in fields}
    else:  # the canonical parser again, on just these columns (failures become NaT/NA)
        typed = {f.name: parse_column(frame[f.name], f, None, run.file)[0] for f in fields}
    for p in checks.plausibility(run.kind, fields, typed, run.as_of):
        run.add(p)


def package(run: Run, sheet: Sheet, salt: str | None) -> LedgerImport:
    """Split the rows into accepted and rejected and package them."""
    from analysis.datasets.loaders import domains

    numbers = run.numbers
    by_row: dict[int, list[RowProblem]] = {}
    for i, code in run.shapes.items():
        by_row[i] = [RowProblem(i, code, None, CODES[code], SHAPE_FIX[code])]
    for p in run.problems:
        by_row.setdefault(p.row, []).append(p)
    accepted_rows = [i for i in range(run.n) if i not in by_row]
    for column, rows in run.filled.items():  # said of accepted records only
        if n := len(set(rows) - set(by_row)):
            run.notes.append(f"{column}: {n} empty cell(s) read as {layout.NOT_RECORDED}")
    names = [f.name for f in run.dataset.fields]
    strings = pd.DataFrame(run.strings, columns=names, dtype="str")
    strings = strings.loc[accepted_rows].reset_index(drop=True)
    if by_row or run.typed is None:
        accepted = validate_strings(strings, run.dataset, domains(), run.file)
    else:  # nothing rejected: the first parse already is exactly this frame
        accepted = run.typed.reset_index(drop=True)
    accepted.attrs = {
        "dataset": run.kind,
        "origin": "imported",
        "synthetic": False,
        "path": run.file,
    }
    pseudo = None
    if salt is not None and run.match.personal:
        cells = {(i, j): run.cell(i, j) for i in range(run.n) for j, _, _ in run.match.personal}
        pseudo = pseudonym_table(salt, run.match.personal, cells, run.numbers)
    rejected = []
    for i in sorted(by_row):
        probs = by_row[i]
        record = {
            "source_row": numbers[i],
            "codes": ";".join(dict.fromkeys(p.code for p in probs)),
            "reason": mask_text("; ".join(p.reason for p in probs)),
            "fix": mask_text("; ".join(dict.fromkeys(p.fix for p in probs))),
        }
        record |= {c: run.shown[c][i] for c in run.shown}
        if pseudo is not None:
            record |= pseudo.loc[i].drop("source_row").to_dict()
        rejected.append(record)
    if len(accepted) + len(rejected) != run.n:  # the promise of this module, checked
        raise RuntimeError(
            f"{run.file}: {run.n} rows read but {len(accepted)} accepted and "
            f"{len(rejected)} rejected; please report this as a bug of the importer"
        )
    columns = ["source_row", "codes", "reason", "fix", *run.shown]
    columns += [c for c in (pseudo.columns if pseudo is not None else []) if c != "source_row"]
    return LedgerImport(
        path=run.source.path,
        kind=run.kind,
        format=run.source.format,
        encoding=run.source.encoding,
        sheet=sheet.name,
        sheets=[s.name for s in run.source.sheets if s.name is not None],
        header_rows=[sheet.numbers[r] for r in run.match.rows],
        columns={c: s.header for c, s in run.match.columns.items()},
        units=dict(run.units),
        personal=[(h, what) for _, h, what in run.match.personal],
        ignored=list(run.match.ignored),
        notes=run.notes,
        as_of=run.as_of.date(),
        accepted=accepted,
        accepted_rows=[numbers[i] for i in accepted_rows],
        rejected=pd.DataFrame(rejected, columns=columns).astype({"source_row": "int64"}),
        pseudonyms=None if pseudo is None else pseudo.reset_index(drop=True),
        canonical=strings,
        missing=dict(run.missing),
        own_wording=fill.own_wording(run.dataset, run.strings, accepted_rows),
        aliased=fill.tally(run.aliased, accepted_rows),
    )


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
