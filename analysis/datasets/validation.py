"""Turn a CSV of strings into a typed, validated DataFrame, collecting every problem.

Two passes, both lazy:

1. *Parsing* (this module): each cell is checked against its column's kind — whole
   numbers, ISO dates, booleans, allowed categories, required values. A cell that does
   not parse is reported, never coerced to something else. A descriptive category
   (``Field.open_domain``) keeps a value the vocabulary lacks as an extra category, after
   the vocabulary's, sorted; a closed one (a status code) reports it.
2. *Constraints* (pandera, lazy): uniqueness of keys, ranges and rules across columns.

Both passes report into one list, so a researcher sees every problem in the file at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.datasets.errors import DataValidationError, Problem
from analysis.datasets.schema import Dataset, Field

FIRST_DATA_ROW = 2  # header is spreadsheet row 1

_PATTERNS = {
    "int": (re.compile(r"^-?[0-9]+$"), "not a whole number", "write digits only, e.g. 12"),
    "float": (
        re.compile(r"^-?[0-9]+(\.[0-9]+)?$"),
        "not a number",
        "write a plain decimal number, e.g. 12.5",
    ),
    "bool": (re.compile(r"^(true|false)$"), "not true/false", "write true or false"),
    "date": (
        re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
        "not a date in YYYY-MM-DD form",
        "write the date as YYYY-MM-DD, e.g. 2020-09-23",
    ),
}


def read_strings(path: Path, dataset: Dataset) -> pd.DataFrame:
    """Read a CSV with every cell as a string ('' for empty), checking its columns.

    Raises
    ------
    DataValidationError
        If the file is missing, unreadable as UTF-8 CSV, or lacks or adds columns.
    """
    name = str(path)
    if not path.is_file():
        raise DataValidationError(
            path,
            [Problem(name, None, None, None, "file not found", "check the path")],
            dataset.name,
        )
    try:
        # header=None: with a header row pandas would take a trailing comma on every record
        # row (one cell more than the header) as an index column and shift every value
        cells = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", header=None)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        detail = " ".join(str(exc).split())  # one line: the C parser ends with a newline
        reason = f"cannot be read as a UTF-8 CSV table ({type(exc).__name__}: {detail})"
        fix = (
            "save it as CSV, UTF-8, comma-separated, with a header row and as many cells "
            "in every row (no trailing commas)"
        )
        raise DataValidationError(
            path, [Problem(name, None, None, None, reason, fix)], dataset.name
        ) from None
    header = [str(c) for c in cells.iloc[0]]
    raw = cells.iloc[1:].reset_index(drop=True)
    raw.columns = header
    expected = [f.name for f in dataset.fields]
    problems = [
        Problem(
            name,
            1,
            col or None,
            None,
            "a cell of the header is empty" if not col else "column appears twice",
            "remove trailing commas (a cell past the last column) and name every column once",
        )
        for col in dict.fromkeys(c for i, c in enumerate(header) if not c or c in header[:i])
    ]
    problems += [
        Problem(
            name,
            1,
            col,
            None,
            "required column is missing",
            f"add a column named {col!r} ({dataset.field(col).description})",
        )
        for col in expected
        if col not in raw.columns
    ]
    problems += [
        Problem(
            name,
            1,
            col,
            None,
            "column not in the schema",
            f"remove it or rename it to one of: {', '.join(expected)}",
        )
        for col in dict.fromkeys(raw.columns)
        if col and col not in expected
    ]
    if problems:
        raise DataValidationError(path, problems, dataset.name)
    return raw[expected]


def parse_column(
    raw: pd.Series, fld: Field, categories: list[str] | None, file: str
) -> tuple[pd.Series, list[Problem]]:
    """Parse one column of strings into its typed form.

    Cells that fail are reported and become missing in the returned column; the caller
    raises if any problem was reported, so nothing coerced ever reaches a user.
    """
    problems: list[Problem] = []
    empty = raw.eq("")

    def report(mask: pd.Series, reason: str, fix: str) -> None:
        for idx in mask[mask].index:
            problems.append(
                Problem(file, int(idx) + FIRST_DATA_ROW, fld.name, str(raw.at[idx]), reason, fix)
            )

    if fld.required:
        report(empty, "required value is missing", f"fill in {fld.name}: {fld.description}")
    bad = pd.Series(False, index=raw.index)
    if fld.kind in _PATTERNS:
        pattern, reason, fix = _PATTERNS[fld.kind]
        bad = ~empty & ~raw.str.match(pattern)
        report(bad, reason, fix)
    values = raw.where(~empty & ~bad)

    if fld.kind in ("id", "str"):
        return values.astype("str"), problems
    if fld.kind == "int":
        # beyond 64 bits pandas raises; report it like any other bad cell
        huge = values.notna() & (values.str.lstrip("-").str.len() > 18)
        report(huge, "number too large", "check the value; whole numbers up to 18 digits")
        values = values.where(~huge)
        out = pd.to_numeric(values).astype("Int64")
        return (out.astype("int64") if not out.isna().any() else out), problems
    if fld.kind == "float":
        return pd.to_numeric(values).astype("float64"), problems
    if fld.kind == "bool":
        out = values.map({"true": True, "false": False}).astype("boolean")
        return (out.astype(bool) if not out.isna().any() else out), problems
    if fld.kind == "date":
        # pandas holds dates from 1678 to 2261 only; outside that it raises, so report
        years = pd.to_numeric(values.str[:4])
        far = values.notna() & ~years.between(1678, 2261)
        report(far, "date outside 1678–2261", "check the year")
        values = values.where(~far)
        out = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
        report(out.isna() & values.notna(), "not a calendar date", "check day and month")
        return out.astype("datetime64[ns]"), problems
    # category: the allowed values and their order come from the vocabulary
    assert categories is not None
    unknown = ~empty & ~raw.isin(categories)
    if fld.open_domain:  # descriptive: a ledger's own wording is kept, after the vocabulary's
        extra = sorted(set(raw[unknown]))
        out = pd.Categorical(raw.where(~empty), categories=[*categories, *extra], ordered=True)
        return pd.Series(out, index=raw.index, name=fld.name), problems
    shown = categories if len(categories) <= 12 else [*categories[:12], "…"]
    report(unknown, f"not an allowed {fld.domain}", f"use one of: {', '.join(shown)}")
    out = pd.Categorical(raw.where(~empty & ~unknown), categories=categories, ordered=True)
    return pd.Series(out, index=raw.index, name=fld.name), problems


def pandera_schema(dataset: Dataset):  # -> pandera.pandas.DataFrameSchema
    """Build the constraint schema for a dataset (types were checked while parsing)."""
    import pandera.pandas as pa  # heavy; imported only when validating

    columns = {}
    for f in dataset.fields:
        checks = []
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pa.Check.le(f.maximum))
        # nullable everywhere: missing required values were already reported while parsing
        columns[f.name] = pa.Column(nullable=True, unique=f.unique, checks=checks)
    rules = [
        pa.Check(
            lambda df, r=r: _rule_holds(df, r.expression, list(r.columns)),
            name=r.name,
        )
        for r in dataset.rules
    ]
    unique = list(dataset.primary_key) if len(dataset.primary_key) > 1 else None
    return pa.DataFrameSchema(columns, checks=rules, unique=unique, coerce=False)


def require_dataset_columns(frames: dict[str, pd.DataFrame], datasets: list[Dataset]) -> None:
    """Check that each frame given for a dataset has the dataset's columns.

    Raises
    ------
    DataValidationError
        Naming the dataset and every column its frame lacks (an empty ``DataFrame()``
        lacks them all), instead of a KeyError from deep inside a computation.
    """
    for dataset in datasets:
        frame = frames.get(dataset.name)
        if frame is None:
            continue
        if not isinstance(frame, pd.DataFrame):
            reason = f"is a {type(frame).__name__}, not a pandas DataFrame"
            fix = f"pass analysis.load({dataset.name!r}) or an import's .accepted"
            raise DataValidationError(
                f"frames[{dataset.name!r}]",
                [Problem(dataset.name, None, None, None, reason, fix)],
                dataset.name,
            )
        missing = [f.name for f in dataset.fields if f.name not in frame.columns]
        if missing:
            reason = f"the {dataset.name} frame lacks column(s) {', '.join(missing)}"
            fix = f"pass analysis.load({dataset.name!r}) or an import's .accepted"
            raise DataValidationError(
                f"frames[{dataset.name!r}]",
                [Problem(dataset.name, None, None, None, reason, fix)],
                dataset.name,
            )


def _rule_holds(frame: pd.DataFrame, expression: str, columns: list[str]) -> pd.Series:
    """True where a row rule holds or cannot be judged (one of its columns is missing).

    A comparison of nullable integers is <NA> where one side is; ``astype(bool)`` on it
    raises inside pandera, which then reports the failure without a row number.
    """
    held = frame.eval(expression)
    held = pd.Series(held, index=frame.index).astype("boolean").fillna(True)
    return held.astype(bool) | frame[columns].isna().any(axis=1)


def check_constraints(frame: pd.DataFrame, dataset: Dataset, file: str) -> list[Problem]:
    """Run the pandera schema lazily and translate its failure cases into problems."""
    import pandera.pandas as pa

    try:
        pandera_schema(dataset).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return _translate(err.failure_cases, frame, dataset, file)
    return []


def _translate(
    cases: pd.DataFrame, frame: pd.DataFrame, dataset: Dataset, file: str
) -> list[Problem]:
    rules = {r.name: r for r in dataset.rules}
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for case in cases.itertuples(index=False):
        idx = case.index
        if idx is None or (isinstance(idx, float) and np.isnan(idx)):
            problems.append(
                Problem(
                    file,
                    None,
                    case.column,
                    None,
                    f"failed {case.check}",
                    "see the data dictionary in data/datapackage.json",
                )
            )
            continue
        idx = int(idx)
        row = idx + FIRST_DATA_ROW
        check = str(case.check)
        if check in rules:
            rule = rules[check]
            if (check, idx) in seen:
                continue
            seen.add((check, idx))
            shown = ", ".join(f"{c}={_show(frame.at[idx, c])}" for c in rule.columns)
            problems.append(
                Problem(
                    file,
                    row,
                    ", ".join(rule.columns),
                    shown,
                    rule.message,
                    f"correct the row so that {rule.expression}",
                )
            )
        elif check in ("multiple_fields_uniqueness", "field_uniqueness"):
            key = list(dataset.primary_key) if check.startswith("multiple") else [case.column]
            if ("unique", idx) in seen:
                continue
            seen.add(("unique", idx))
            shown = ", ".join(_show(frame.at[idx, c]) for c in key)
            problems.append(
                Problem(
                    file,
                    row,
                    ", ".join(key),
                    shown,
                    "duplicate key",
                    f"{' + '.join(key)} must be unique; remove or renumber the duplicate",
                )
            )
        else:
            fld = dataset.field(case.column)
            limits = (
                f"{fld.minimum if fld.minimum is not None else '…'} to "
                f"{fld.maximum if fld.maximum is not None else '…'}"
            )
            problems.append(
                Problem(
                    file,
                    row,
                    case.column,
                    _show(case.failure_case),
                    f"out of range ({check})",
                    f"{fld.name} must be {limits}",
                )
            )
    return problems


def _show(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def validate_strings(
    raw: pd.DataFrame, dataset: Dataset, domains: dict[str, list[str]], file: str
) -> pd.DataFrame:
    """Parse and validate a frame of strings; return the typed frame.

    Raises
    ------
    DataValidationError
        With every parsing and constraint problem in the frame.
    """
    problems: list[Problem] = []
    columns = {}
    for fld in dataset.fields:
        cats = domains[fld.domain] if fld.kind == "category" else None
        columns[fld.name], found = parse_column(raw[fld.name], fld, cats, file)
        problems += found
    frame = pd.DataFrame(columns, index=raw.index)
    problems += check_constraints(frame, dataset, file)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise DataValidationError(file, problems, dataset.name)
    return frame.reset_index(drop=True)
