"""Scaled copies of the synthetic loans and inspections, for the benchmarks.

The shipped generator (:func:`analysis.synth.generate`) draws the district's real counts
(87 loans, ~1,400 inspection visits) one row at a time in Python, which is far too slow
for 10^7 rows. So the scaled tables are built from its output by deterministic
resampling (seeded numpy) with fresh unique ids:

- **loans**: rows drawn with replacement, kept in issue order, renumbered
  ``L-<year>-<seq>`` within each year.
- **inspections**: whole *premises histories* drawn with replacement, each draw becoming a
  new premises (``P-<n>``), so every re-inspection chain stays closed
  (``previous_inspection_id`` is remapped within the draw). The last draw is cut to a
  chronological prefix to hit the exact row count; a re-inspection always follows the
  visit it refers to, so no reference dangles. Ids ``I-<n>`` are in date order, as the
  generator's are.

Files are written as canonical CSV (byte-identical to :func:`analysis.synth.to_csv_text`,
but formatted per distinct value and written by pyarrow, so 10^7 rows take seconds, not
an hour) and as Parquet of the same typed frame (the pyarrow floor).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: Seed of the resampling (the generator's own seed is analysis.synth.SEED).
SCALE_SEED = 8
NAMES = ("loans", "inspections")
_STREAM = {"loans": 0, "inspections": 1}
#: Rows written per CSV batch (bounds the memory of the text being built).
CSV_BATCH = 1_000_000


def base_frames() -> dict[str, pd.DataFrame]:
    """The shipped generator's loans and inspections, in primary-key order."""
    from analysis import synth

    frames = synth.generate()
    return {
        name: frames[name].sort_values(key, kind="stable").reset_index(drop=True)
        for name, key in (("loans", "loan_id"), ("inspections", "inspection_id"))
    }


def _rng(name: str, n: int, seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, _STREAM[name], n])


def _ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """``prefix`` + zero-padded numbers, as an object array of Python strings."""
    text = np.strings.zfill(numbers.astype(np.int64).astype(str), width)
    return np.strings.add(prefix, text).astype(object)


def scale_loans(base: pd.DataFrame, n: int, seed: int = SCALE_SEED) -> pd.DataFrame:
    """``n`` loans resampled from ``base`` with fresh ids ``L-<year>-<seq>``, in id order."""
    base = base.sort_values(["issued_on", "loan_id"], kind="stable").reset_index(drop=True)
    pick = np.sort(_rng("loans", n, seed).integers(0, len(base), size=n))
    out = base.take(pick).reset_index(drop=True)
    year = out["issued_on"].dt.year.to_numpy()
    seq = pd.Series(year).groupby(year).cumcount().to_numpy() + 1
    width = max(4, len(str(n)))
    ids = np.strings.add(np.strings.add("L-", year.astype(str)), "-")
    ids = np.strings.add(ids, np.strings.zfill(seq.astype(str), width)).astype(object)
    out["loan_id"] = pd.array(ids, dtype=base["loan_id"].dtype)
    # years then zero-padded numbers: issue order is also key order
    return out


def scale_inspections(base: pd.DataFrame, n: int, seed: int = SCALE_SEED) -> pd.DataFrame:
    """``n`` visits made of resampled premises histories, fresh ids, in id order."""
    base = base.sort_values(["premises_id", "inspected_on", "inspection_id"], kind="stable")
    base = base.reset_index(drop=True)
    codes, _ = pd.factorize(base["premises_id"], sort=True)  # rows of a premises contiguous
    sizes = np.bincount(codes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pos = np.arange(len(base)) - starts[codes]  # chronological position within its premises
    row_of = pd.Series(np.arange(len(base)), index=base["inspection_id"].to_numpy())
    prev_row = base["previous_inspection_id"].map(row_of).fillna(-1).to_numpy(dtype=np.int64)

    rng = _rng("inspections", n, seed)
    batches, total = [], 0
    while total < n:
        size = max(1024, int((n - total) / sizes.mean() * 1.1) + 16)
        batch = rng.integers(0, len(sizes), size=size)
        batches.append(batch)
        total += int(sizes[batch].sum())
    picks = np.concatenate(batches)
    cum = np.cumsum(sizes[picks])
    picks = picks[: int(np.searchsorted(cum, n)) + 1]  # first draw reaching n rows
    runs = sizes[picks]
    run_start = np.cumsum(runs) - runs
    draw = np.repeat(np.arange(len(picks)), runs)[:n]
    within = (np.arange(int(runs.sum())) - np.repeat(run_start, runs))[:n]
    src = starts[picks][draw] + within  # the last draw keeps a chronological prefix

    prev = prev_row[src]
    has_prev = prev >= 0
    prev_out = np.where(has_prev, np.arange(n) - within + pos[np.maximum(prev, 0)], -1)
    if (prev_out[has_prev] >= np.arange(n)[has_prev]).any():  # pragma: no cover - guard
        raise AssertionError("a re-inspection precedes the visit it follows")

    out = base.take(src).reset_index(drop=True)
    day = out["inspected_on"].to_numpy().astype("datetime64[D]").astype(np.int64)
    order = np.lexsort((within, draw, day))  # date, then premises draw, then its own order
    number = np.empty(n, dtype=np.int64)
    number[order] = np.arange(1, n + 1)
    width = max(5, len(str(n)))
    ids = _ids("I-", number, width)
    str_dtype = base["inspection_id"].dtype
    out["inspection_id"] = pd.array(ids, dtype=str_dtype)
    previous = np.where(has_prev, ids[np.maximum(prev_out, 0)], None)
    out["previous_inspection_id"] = pd.array(previous, dtype=str_dtype)
    out["premises_id"] = pd.array(_ids("P-", draw, max(6, len(str(len(picks))))), dtype=str_dtype)
    return out.take(order).reset_index(drop=True)


def scale(name: str, base: pd.DataFrame, n: int, seed: int = SCALE_SEED) -> pd.DataFrame:
    """Dispatch to :func:`scale_loans` or :func:`scale_inspections`."""
    if name == "loans":
        return scale_loans(base, n, seed)
    if name == "inspections":
        return scale_inspections(base, n, seed)
    raise KeyError(f"no scaler for {name!r}; known: {', '.join(NAMES)}")


def _text_column(series: pd.Series, fld) -> np.ndarray:
    """The column's cells as canonical text: each distinct value formatted once."""
    from analysis.synth.writer import _formatter  # the canonical writer's own formatting

    if fld.kind in ("id", "str"):
        return series.astype(object).where(series.notna(), "").to_numpy(dtype=object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    fmt = _formatter(fld)
    texts = np.asarray([fmt(v) for v in uniques] + [""], dtype=object)
    return texts[codes]  # code -1 (missing) picks the trailing ""


def write_csv(frame: pd.DataFrame, name: str, path: Path) -> Path:
    """Write ``frame`` as canonical CSV, the bytes :func:`analysis.synth.to_csv_text` gives.

    The frame must already be in primary-key order without duplicate keys (the scalers
    guarantee it); a value needing quotes makes pyarrow raise, never write a variant.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from analysis.datasets.schema import get_dataset

    dataset = get_dataset(name)
    fields = list(dataset.fields)
    with open(path, "wb") as handle:
        handle.write((",".join(f.name for f in fields) + "\n").encode("utf-8"))
        options = pacsv.WriteOptions(include_header=False, quoting_style="none")
        for lo in range(0, len(frame), CSV_BATCH):
            part = frame.iloc[lo : lo + CSV_BATCH]
            table = pa.table(
                {f.name: pa.array(_text_column(part[f.name], f), pa.string()) for f in fields}
            )
            pacsv.write_csv(table, handle, options)
    return path


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """Write the typed frame as Parquet (categoricals as dictionaries, dates as timestamps)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return path


def build(
    out_dir: Path,
    sizes: dict[str, list[int]],
    base: dict[str, pd.DataFrame] | None = None,
    seed: int = SCALE_SEED,
) -> dict[tuple[str, int], tuple[Path, Path]]:
    """Write every (dataset, size) as CSV and Parquet into ``out_dir``.

    Returns
    -------
    dict
        ``(name, rows)`` → ``(csv_path, parquet_path)``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = base_frames() if base is None else base
    files = {}
    for name, ns in sizes.items():
        for n in ns:
            frame = scale(name, base[name], n, seed)
            stem = out_dir / f"{name}-{n}"
            csv_path = write_csv(frame, name, stem.with_suffix(".csv"))
            files[(name, n)] = (csv_path, write_parquet(frame, stem.with_suffix(".parquet")))
            del frame
    return files
