"""Bring your own ledger: import real Chinese Excel/CSV ledgers (台账) safely.

``import_ledger(path, kind)`` reads a CSV (UTF-8, UTF-8 with BOM, GBK, GB18030, told
apart by content) or an XLSX workbook (title rows, merged header cells, several sheets),
finds the header through an alias table users extend (``data/reference/ledger_aliases.csv``),
translates ledger notation (full-width digits, 万元, 2020年9月23日, Excel serial dates,
中心路街道办事处) and returns the records in exactly the schema ``analysis.load(kind)``
gives, with every other data row in ``.rejected`` with its reasons. Personal data (ID
numbers, phone numbers, names) is dropped or pseudonymised before anything is kept.

Modules: :mod:`.reading` (bytes → rows), :mod:`.headers` (header → column, alias table),
:mod:`.layout` (sheet, header and data rows), :mod:`.values` (ledger notation → canonical
strings), :mod:`.privacy`, :mod:`.importer`, :mod:`.result`, :mod:`.cli`.
"""

from __future__ import annotations

from analysis.ledger.headers import KINDS
from analysis.ledger.importer import import_ledger
from analysis.ledger.problems import CODES, LedgerError
from analysis.ledger.result import LedgerImport

__all__ = ["CODES", "KINDS", "LedgerError", "LedgerImport", "import_ledger"]
