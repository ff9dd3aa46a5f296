"""Canonical CSV output: the same frames always give the same bytes.

UTF-8 without BOM, ``\\n`` line ends, columns in schema order, rows sorted by the
primary key, dates ``YYYY-MM-DD``, booleans ``true``/``false``, integers without ``.0``,
floats with a fixed number of decimals, and an empty cell for a missing value. The
output parses back through :func:`analysis.load` to an identical frame.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from analysis.datasets.schema import Dataset, Field, get_dataset

#: Decimals written for float columns, by column name; every other float gets the default.
FLOAT_DECIMALS: dict[str, int] = {"score": 1}
DEFAULT_FLOAT_DECIMALS = 2


def _formatter(fld: Field) -> Callable[[object], str]:
    if fld.kind == "int":
        return lambda v: str(int(v))  # type: ignore[call-overload]
    if fld.kind == "float":
        decimals = FLOAT_DECIMALS.get(fld.name, DEFAULT_FLOAT_DECIMALS)
        return lambda v: f"{float(v):.{decimals}f}"  # type: ignore[arg-type]
    if fld.kind == "bool":
        return lambda v: "true" if bool(v) else "false"
    if fld.kind == "date":
        return lambda v: pd.Timestamp(v).strftime("%Y-%m-%d")  # type: ignore[arg-type]
    return str


def to_csv_text(frame: pd.DataFrame, name: str) -> str:
    """Return dataset ``name``'s rows as canonical CSV text.

    Parameters
    ----------
    frame
        The dataset, typed as :func:`analysis.load` returns it (or as plain values).
    name
        Dataset name in :data:`analysis.datasets.schema.DATASETS`.

    Returns
    -------
    str
        Header and rows, each line ending in ``\\n``.

    Raises
    ------
    KeyError
        If ``name`` is not a dataset.
    ValueError
        If the frame lacks or adds columns, or has duplicate primary keys.
    """
    dataset: Dataset = get_dataset(name)
    expected = [f.name for f in dataset.fields]
    if sorted(frame.columns) != sorted(expected):
        raise ValueError(f"{name}: columns {list(frame.columns)} != schema {expected}")
    key = list(dataset.primary_key)
    if frame.duplicated(key).any():
        raise ValueError(f"{name}: duplicate primary key {key}")
    frame = frame[expected].sort_values(key, kind="stable")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(expected)
    columns = []
    for fld in dataset.fields:
        fmt = _formatter(fld)
        columns.append([("" if pd.isna(v) else fmt(v)) for v in frame[fld.name].tolist()])
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue()


def write_all(frames: Mapping[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each synthetic dataset in ``frames`` to ``out_dir`` as canonical CSV.

    Files are named as in the schema (``compounds.csv`` …) and written in schema order.

    Parameters
    ----------
    frames
        Datasets by name, e.g. the result of :func:`analysis.synth.generate`.
    out_dir
        Directory to write into; created if missing.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    KeyError
        If a name is not a dataset.
    ValueError
        If a dataset is not synthetic (reference and published files are not generated)
        or a frame does not match its schema.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = [get_dataset(name) for name in frames]
    for spec in specs:
        if not spec.synthetic:
            raise ValueError(
                f"{spec.name} is a {spec.layer} dataset; only synthetic ones are written"
            )
    from analysis.datasets.schema import DATASETS

    order = list(DATASETS)
    written = []
    for spec in sorted(specs, key=lambda s: order.index(s.name)):
        path = out_dir / Path(spec.path).name
        text = to_csv_text(frames[spec.name], spec.name)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
