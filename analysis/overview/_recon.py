"""Reading a reconciliation table: its statuses, the rows a chart can draw, each row's records.

Shared by :mod:`analysis.overview.charts` and :mod:`analysis.overview.findings`, so the
chart and the sentence under it count the same dots. Statuses are grouped generically: a
status added to :mod:`analysis.rules.reconciliation` (e.g. "match (by construction)") is
counted and named, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

import numpy as np
import pandas as pd

from analysis.datasets.origin import origins
from analysis.datasets.schema import RECORD_DATASETS, get_dataset
from analysis.presentation.text import Catalogue
from analysis.rules import reconciliation
from analysis.rules.reconciliation import MATCH, MISMATCH, NOT_COMPUTABLE

#: Statuses are read by name, so this module works whichever statuses the rules define.
MATCH_BY_CONSTRUCTION: str = getattr(reconciliation, "MATCH_BY_CONSTRUCTION", "")
#: Statuses that mean "the records give the published value".
MATCHING: tuple[str, ...] = tuple(
    getattr(reconciliation, "MATCHING", None) or (s for s in (MATCH, MATCH_BY_CONSTRUCTION) if s)
)

STATUS_LABELS = Catalogue(
    __name__,
    {
        MATCH: ("相符", "match"),
        MISMATCH: ("不符", "mismatch"),
        NOT_COMPUTABLE: ("无法由记录计算", "not computable from records"),
        "match (by construction)": ("相符（按构造）", "match (by construction)"),
        "contradictory wording": ("版面措辞自相矛盾", "contradictory wording"),
    },
)


def status_label(status: str, lang: str) -> str:
    """A status in the edition's words; a status this module does not know, as it is."""
    return STATUS_LABELS.text(status, lang) if status in STATUS_LABELS else str(status)


def statuses(table: pd.DataFrame) -> list[str]:
    """Every status of ``table``: the declared categories first, then any other value."""
    column = table["status"]
    declared = [str(s) for s in column.cat.categories] if hasattr(column, "cat") else []
    seen = [str(s) for s in column.dropna().astype(str).unique()]
    return list(dict.fromkeys(declared + seen))


def status_counts(table: pd.DataFrame) -> dict[str, int]:
    """``{status: rows}`` for every status of ``table`` (0 for a declared, unused one)."""
    values = table["status"].astype(str)
    return {s: int((values == s).sum()) for s in statuses(table)}


def _number(text: pd.Series) -> np.ndarray:
    """Displayed numbers (``13,900,000``) as floats; NaN where there is none."""
    cleaned = text.astype("object").fillna("").astype(str).str.replace(",", "", regex=False)
    return pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=float)


def computed(table: pd.DataFrame) -> pd.Series:
    """True where the rules compute the figure from records (it has a ``computed_from``).

    A figure with no computation is not computable, or its wording contradicts itself;
    a table without ``computed_from`` falls back on the status.
    """
    if "computed_from" in table:
        return table["computed_from"].astype("object").fillna("").astype(str).str.len() > 0
    return table["status"].astype(str) != NOT_COMPUTABLE


def plotted(table: pd.DataFrame) -> pd.DataFrame:
    """The rows a computed ÷ published chart can draw, with ``published_value``/``computed_value``.

    Computed from records, not a date, both values numbers, and a published value other
    than 0 (a ratio to 0 does not exist).
    """
    rows = table[computed(table) & (table["unit_of_measure"].astype(str) != "日期")]
    rows = rows.assign(published_value=_number(rows["published"]))
    rows = rows.assign(computed_value=_number(rows["computed"]))
    ok = rows["published_value"].notna() & rows["computed_value"].notna()
    return rows[ok & (rows["published_value"] != 0)]


class _Recorder(Mapping[str, pd.DataFrame]):
    """Hands out empty frames of each record dataset and notes which ones were asked for."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def __getitem__(self, name: str) -> pd.DataFrame:
        self.used.append(name)
        spec = get_dataset(name)
        dtype = {"date": "datetime64[ns]", "bool": "bool"}
        return pd.DataFrame(
            {f.name: pd.Series(dtype=dtype.get(str(f.kind), "object")) for f in spec.fields}
        )

    def __iter__(self) -> Iterator[str]:
        return iter(RECORD_DATASETS)

    def __len__(self) -> int:
        return len(RECORD_DATASETS)


@cache
def _probed(figure_id: str) -> tuple[str, ...]:
    """The record datasets the computation of ``figure_id`` reads (run on empty frames)."""
    computations = getattr(reconciliation, "COMPUTATIONS", {})
    if figure_id not in computations:
        return ()
    recorder = _Recorder()
    try:
        computations[figure_id][1](recorder)
    except Exception:  # only the names read before a failure are wanted
        pass
    return tuple(dict.fromkeys(recorder.used))


def origin_of_row(row: Mapping[str, object]) -> str:
    """``imported``, ``synthetic`` or ``mixed``: where a row's records come from.

    The table's ``records`` column (``synthetic``, ``imported``, ``imported + synthetic``)
    when it has one; otherwise the origins of :func:`datasets_of_row`.
    """
    given = row.get("records")
    words = set(str(given).replace("+", " ").split()) if isinstance(given, str) else set()
    if not words & {"imported", "synthetic"}:
        words = set(origins(datasets_of_row(row)).values())
    if "imported" in words:
        return "mixed" if "synthetic" in words else "imported"
    return "synthetic"


def datasets_of_row(row: Mapping[str, object]) -> tuple[str, ...]:
    """The record datasets a reconciliation row is computed from.

    A ``datasets`` column, when the table has one, is taken as it is; otherwise the
    computation of the figure is run on empty frames and the datasets it reads are noted.
    """
    given = row.get("datasets")
    if isinstance(given, str) and given:
        return tuple(d.strip() for d in given.replace(";", ",").split(",") if d.strip())
    if isinstance(given, list | tuple):
        return tuple(str(d) for d in given)
    return _probed(str(row["figure_id"]))
