"""Checks a ledger needs beyond the canonical validation, and the validation's verdicts
turned into row problems.

The canonical rules (types, vocabularies, ranges, rules across columns) are judged by
:mod:`analysis.datasets.validation` — the code ``analysis.load`` runs. Here is only what a ledger
adds: ids written twice, dates after the as-of date of the published figures (or before
2000), loan amounts no guarantee loan can have. Each function returns row problems; it
never changes a value.
"""

from __future__ import annotations

import difflib
from datetime import date

import pandas as pd

from analysis.datasets.errors import Problem
from analysis.datasets.schema import Dataset, Field
from analysis.datasets.validation import FIRST_DATA_ROW
from analysis.ledger.problems import RowProblem
from analysis.rules import policy

#: Dates that are plans, not events: they may lie after the as-of date.
PLANNED_DATES = frozenset({"planned_on", "rectify_by"})
#: Before this, a date in these programmes is a typo or a misread serial number.
EARLIEST_DATE = date(2000, 1, 1)
#: Below this a guarantee loan is implausible: usually 万元 written in a column in 元.
SMALLEST_LOAN_YUAN = 1_000
DATE_FIX = "write the date as e.g. 2020-09-23, 2020年9月23日, 2020/9/23 or 2020.9.23"
#: Reasons :mod:`analysis.datasets.validation` gives while parsing, and their codes.
_PARSE_CODES = {
    "required value is missing": "missing_value",
    "not a whole number": "not_whole",
    "not a number": "bad_number",
    "not true/false": "bad_bool",
    "not a date in YYYY-MM-DD form": "bad_date",
    "not a calendar date": "bad_date",
    "date outside 1678–2261": "bad_date",
    "number too large": "out_of_range",
}
#: Fixes better than the parser's for a ledger: an impossible year is usually a typo, or
#: a far-future date standing for "no deadline" (9999-12-31).
_LEDGER_FIXES = {
    "date outside 1678–2261": "check the year; leave the cell empty if there is no such date",
    "number too large": "check the digits: whole numbers up to 18 digits (not 1E+20)",
}


def code_of(reason: str, dataset: Dataset) -> str:
    """The reason code of a problem reported by :mod:`analysis.datasets.validation`.

    Raises
    ------
    ValueError
        For a reason without a code, so a new validation message cannot slip through
        uncounted.
    """
    if reason in _PARSE_CODES:
        return _PARSE_CODES[reason]
    if reason.startswith("not an allowed"):
        return "unknown_category"
    if reason.startswith("out of range"):
        return "out_of_range"
    if any(reason == r.message for r in dataset.rules):
        return "rule"
    raise ValueError(f"no reason code for validation problem {reason!r}")


def from_validation(p: Problem, dataset: Dataset) -> RowProblem:
    """A validation problem (on a frame indexed by data-row position) as a row problem."""
    from analysis.datasets.loaders import domain_values

    if p.row is None:  # callers judge such problems row by row (see importer.judge)
        raise ValueError(f"validation problem without a row: {p.reason!r}")
    code = code_of(p.reason, dataset)
    fix = _LEDGER_FIXES.get(p.reason) or (DATE_FIX if code == "bad_date" else p.fix)
    if code == "unknown_category":
        domain = dataset.field(p.column or "").domain or ""
        close = difflib.get_close_matches(p.value or "", domain_values(domain), n=1, cutoff=0.5)
        fix = f"did you mean {close[0]}? {fix}" if close else fix
    return RowProblem(p.row - FIRST_DATA_ROW, code, p.column, f"{p.column}: {p.reason}", fix)


def duplicates(
    strings: dict[str, list[str]], key: str, records: list[int], numbers: list[int]
) -> list[RowProblem]:
    """Rows sharing an id: a repeat of an identical row loses its later copies; rows
    that share an id but differ are all rejected, since which one is right is unknown.
    """
    groups: dict[str, list[int]] = {}
    for i in records:
        if value := strings[key][i]:
            groups.setdefault(value, []).append(i)
    out = []
    for value, rows in groups.items():
        if len(rows) < 2:
            continue
        if len({tuple(col[i] for col in strings.values()) for i in rows}) == 1:
            out += [
                RowProblem(
                    i,
                    "duplicate_row",
                    None,
                    f"{key}: repeats row {numbers[rows[0]]} exactly",
                    "delete the repeated row",
                )
                for i in rows[1:]
            ]
            continue
        for i in rows:
            others = ", ".join(str(numbers[j]) for j in rows if j != i)
            reason = f"{key}: {value!r} is also on row {others} with different values"
            out.append(
                RowProblem(i, "duplicate_id", key, reason, f"give each record its own {key}")
            )
    return out


def plausibility(
    kind: str, fields: list[Field], typed: dict[str, pd.Series], as_of: pd.Timestamp
) -> list[RowProblem]:
    """Event dates after ``as_of`` or before 2000; loan amounts above the largest cap or
    under 1,000 yuan. ``typed`` holds the parsed columns (NaT/NA where parsing failed).
    """
    out = []
    for fld in fields:
        if fld.kind != "date" or fld.name in PLANNED_DATES:
            continue
        col = typed[fld.name]
        for i in col.index[(col > as_of).to_numpy(dtype=bool)]:
            reason = f"{fld.name}: {col[i]:%Y-%m-%d} is after the as-of date {as_of:%Y-%m-%d}"
            out.append(RowProblem(i, "future_date", fld.name, reason, "check the year, or as_of="))
        for i in col.index[(col < pd.Timestamp(EARLIEST_DATE)).to_numpy(dtype=bool)]:
            reason = f"{fld.name}: {col[i]:%Y-%m-%d} is before {EARLIEST_DATE}"
            out.append(RowProblem(i, "early_date", fld.name, reason, "check the year"))
    if kind == "loans":
        amount = pd.Series(typed["amount_yuan"]).astype("Int64")
        cap = policy.SMALL_BUSINESS_LOAN_CAP_YUAN
        for i in amount.index[(amount > cap).fillna(False).to_numpy(dtype=bool)]:
            reason = f"amount_yuan: {amount[i]:,} yuan is above the largest loan cap ({cap:,})"
            out.append(RowProblem(i, "absurd_amount", "amount_yuan", reason, "check unit, digits"))
        small = ((amount >= 1) & (amount < SMALLEST_LOAN_YUAN)).fillna(False)
        for i in amount.index[small.to_numpy(dtype=bool)]:
            reason = f"amount_yuan: {amount[i]:,} yuan is implausibly small"
            fix = "if the amounts are in 万元, say so in the header: 贷款金额（万元）"
            out.append(RowProblem(i, "absurd_amount", "amount_yuan", reason, fix))
    return out


def plausibility_fields(dataset: Dataset) -> list[Field]:
    """The columns :func:`plausibility` reads."""
    return [
        f
        for f in dataset.fields
        if (f.kind == "date" and f.name not in PLANNED_DATES) or f.name == "amount_yuan"
    ]
