"""Fast path for loading large clean files: Arrow reads and vectorised checks.

:func:`fast_load` reads a CSV with ``pyarrow.csv`` (every cell a string, ``''`` for empty)
without a Python object per cell. Id and text columns stay Arrow strings and are checked
for empty cells on the whole column; every other column is dictionary-encoded, and the
slow path's own parser (:func:`analysis.datasets.validation.parse_column`) runs once on its
*distinct* values, whose typed results are then spread to the rows by the codes — so each
cell gets exactly the value and check it gets on the slow path. :func:`fast_load` returns
``None`` — and the caller runs the slow path — as soon as anything is unusual: a read
error, a header that is not exactly the schema's columns, an empty required cell, any
parsing problem or exception, or a failed constraint. The error report on a bad file thus
comes, unchanged, from the slow path; on a clean file the frame is the slow path's
(checked on every shipped dataset and on generated files in ``tests/test_fastpath.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from analysis.datasets.schema import Dataset, Field
from analysis.datasets.validation import check_constraints, parse_column

#: Kinds read as plain strings (mostly distinct values); the others are dictionary-encoded
#: and parsed once per distinct value.
_PLAIN = ("id", "str")


def fast_load(
    path: Path, dataset: Dataset, domains: dict[str, list[str]], file: str
) -> pd.DataFrame | None:
    """Return the validated frame of a clean file, or None to defer to the slow path."""
    table = _read(path, dataset)
    if table is None or table.num_rows == 0:
        return None
    columns = {}
    for fld in dataset.fields:
        cats = domains.get(fld.domain) if fld.kind == "category" else None
        col = _column(table.column(fld.name), fld, cats)
        if col is None:
            return None
        columns[fld.name] = col
    frame = pd.DataFrame(columns)
    if check_constraints(frame, dataset, file):
        return None
    return frame


def _read(path: Path, dataset: Dataset) -> pa.Table | None:
    text, dictionary = pa.string(), pa.dictionary(pa.int32(), pa.string())
    types = {f.name: text if f.kind in _PLAIN else dictionary for f in dataset.fields}
    convert = pacsv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    parse = pacsv.ParseOptions(newlines_in_values=True)
    try:
        if not path.is_file():
            return None
        table = pacsv.read_csv(path, parse_options=parse, convert_options=convert)
    except (pa.ArrowException, OSError, UnicodeDecodeError):
        return None
    names = table.column_names
    if len(names) != len(set(names)) or set(names) != set(types):
        return None
    return table


def _column(arr: pa.ChunkedArray, fld: Field, categories: list[str] | None) -> object:
    if fld.kind in _PLAIN:
        empty = pc.equal(arr, "")
        has_empty = pc.any(empty).as_py() or False
        if has_empty and fld.required:
            return None
        raw = arr.to_pandas()
        return (raw.where(~empty.to_pandas()) if has_empty else raw).astype("str")
    # the slow path's own parser, run once per distinct value, then spread by the codes
    arr = arr.unify_dictionaries()
    dictionary = arr.chunk(0).dictionary if arr.num_chunks else pa.array([], pa.string())
    try:
        parsed, problems = parse_column(dictionary.to_pandas(), fld, categories, "")
    except Exception:
        return None
    if problems:
        return None
    codes = np.concatenate([c.indices.to_numpy() for c in arr.chunks])
    return parsed.take(codes).reset_index(drop=True)
