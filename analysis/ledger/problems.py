"""What can be wrong with a ledger: reason codes for rows, one-line errors for files.

Two levels, never mixed:

- a *row* problem rejects that row (with every reason it has) and the import goes on;
  :data:`CODES` names each kind of problem so summaries and tests can count them;
- a *file* problem (missing, empty, binary, no header, a required column absent, the
  ledger of another dataset) stops the import with :class:`LedgerError`, whose message is
  one line naming the file, so the command line can print it without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.datasets.errors import DataValidationError, Problem

#: Every reason a row can be rejected for: code → what it means, in words.
CODES: dict[str, str] = {
    "blank_row": "blank row",
    "total_row": "total row (合计/总计/小计), not a record",
    "header_row": "the header again (pasted exports, a page break)",
    "undecodable": "bytes that are not text in the file's encoding",
    "unclosed_quote": "a quote opened in this row is not closed in it",
    "personal_data": "personal data (ID/phone number, labelled name) in a kept column",
    "missing_value": "required value is missing",
    "bad_number": "not a number",
    "not_whole": "not a whole number",
    "bad_date": "not a date",
    "bad_bool": "not yes or no",
    "future_date": "after the as-of date",
    "early_date": "implausibly early date",
    "unknown_unit": "unknown administrative unit",
    "unknown_category": "value not in the vocabulary",
    "out_of_range": "outside the range the schema allows",
    "absurd_amount": "implausible loan amount",
    "rule": "columns contradict each other",
    "duplicate_id": "same id on rows that disagree",
    "duplicate_row": "repeat of an earlier identical row",
}

#: How a reason names each kind of personal data found in a cell.
PERSONAL_WORDS = {
    "id_number": "an ID number",
    "phone": "a phone number",
    "name": "a labelled name",
    "account": "an account number",
}
#: The fix for reasons that concern the whole row.
SHAPE_FIX = {
    "blank_row": "nothing to do, or fill the row in if it should be a record",
    "total_row": "nothing to do: totals are recomputed from the records",
    "header_row": "nothing to do, or check that no records are missing around it",
    "undecodable": "re-export the ledger; the bytes of this row are damaged",
    "unclosed_quote": 'delete the stray quote (") or close it; the rows below were read apart',
    "personal_data": "keep names, ID and phone numbers only in their own columns (not imported)",
}


@dataclass(frozen=True)
class RowProblem:
    """One reason to reject one data row.

    ``row`` is the position among the data rows (0 = first row under the header), not
    the spreadsheet number; the importer translates it when it builds ``.rejected``.
    """

    row: int
    code: str
    column: str | None
    reason: str
    fix: str

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a typo here would silently split the summary counts
            raise ValueError(f"unknown reason code {self.code!r}")


class LedgerError(DataValidationError):
    """A ledger that cannot be imported at all; the message is one line naming the file.

    It is a :class:`analysis.DataValidationError`, so code that already catches bad data
    catches this too; ``problems`` holds a single file-level :class:`Problem`.
    """

    def __init__(self, path: str | Path, reason: str, fix: str, dataset: str = "ledger") -> None:
        # newlines would break the one-line promise (and the CLI's one-line error)
        reason, fix = " ".join(reason.split()), " ".join(fix.split())
        super().__init__(path, [Problem(str(path), None, None, None, reason, fix)], dataset)

    def _message(self) -> str:
        problem = self.problems[0]
        return f"{self.path}: {problem.reason}. Fix: {problem.fix}"
