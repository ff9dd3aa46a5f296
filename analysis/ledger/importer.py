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

from datetime import date
from pathlib import Path

import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.ledger import _verdict, layout
from analysis.ledger import headers as hdr
from analysis.ledger._run import Run
from analysis.ledger.privacy import resolve_salt
from analysis.ledger.reading import read_source
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
    run = Run(kind, source, match, rows, numbers, units, table, cutoff.normalize())
    run.flags = sheet_.flags
    run.header_row = sheet_.numbers[match.rows[0]]
    run.check_shapes_and_privacy()
    run.translate()
    _verdict.judge(run)
    return _verdict.package(run, sheet_, salt)
