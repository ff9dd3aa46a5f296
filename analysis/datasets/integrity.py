"""Checks across files: foreign keys and the unit of a community.

A single file can be loaded on its own (``load_renovation_tasks(path)``), so references
to other datasets are checked here, over a set of frames that belong together.

Communities are the exception for imported ledgers: a real ledger names its communities
as it writes them (东街社区), and the reference list — invented for the synthetic data, or
a researcher's own — need not know them. Such a name is shown as what it is, never an
error, so references to ``communities`` are checked only between frames none of which
is imported.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.datasets.errors import DataValidationError, Problem
from analysis.datasets.schema import DATASETS
from analysis.datasets.validation import FIRST_DATA_ROW


def check_references(frames: Mapping[str, pd.DataFrame]) -> None:
    """Check every foreign key among ``frames`` and that communities sit in their unit.

    Only references whose both ends are in ``frames`` are checked; references to
    communities only when no frame is imported (see the module docstring).

    Raises
    ------
    DataValidationError
        Listing every dangling reference with file, row, column and value.
    """
    problems: list[Problem] = []
    for name, frame in frames.items():
        file = frame.attrs.get("path", name)
        for fld in DATASETS[name].fields:
            if not fld.references:
                continue
            target, column = fld.references.split(".")
            if target not in frames or (target == "communities" and _any_imported(frames)):
                continue
            known = set(frames[target][column].dropna())
            values = frame[fld.name]
            dangling = values.notna() & ~values.isin(known)
            for idx in dangling[dangling].index:
                problems.append(
                    Problem(
                        file,
                        int(idx) + FIRST_DATA_ROW,
                        fld.name,
                        str(values.at[idx]),
                        f"no such {column} in {target}",
                        f"use an existing {column} or add it to {target}",
                    )
                )
        if (
            "communities" in frames
            and not _any_imported(frames)
            and name != "communities"
            and {"community_id", "unit_id"} <= set(frame)
        ):
            unit_of = frames["communities"].set_index("community_id")["unit_id"].astype("str")
            expected = frame["community_id"].map(unit_of)
            wrong = expected.notna() & (expected != frame["unit_id"].astype("str"))
            for idx in wrong[wrong].index:
                problems.append(
                    Problem(
                        file,
                        int(idx) + FIRST_DATA_ROW,
                        "unit_id",
                        str(frame.at[idx, "unit_id"]),
                        f"community {frame.at[idx, 'community_id']} belongs to {expected.at[idx]}",
                        "correct unit_id or community_id so they agree",
                    )
                )
    if problems:
        raise DataValidationError("(several files)", problems, "+".join(frames))


def is_imported(name: str, frame: pd.DataFrame) -> bool:
    """True when ``frame`` holds imported ledger rows (its ``attrs`` say so).

    A loader sets ``attrs["origin"]``; a frame from :func:`analysis.import_ledger`
    (``synthetic`` False for a record dataset) counts as imported too.
    """
    origin = frame.attrs.get("origin")
    if origin is not None:
        return origin == "imported"
    return frame.attrs.get("synthetic") is False and DATASETS[name].synthetic


def _any_imported(frames: Mapping[str, pd.DataFrame]) -> bool:
    return any(is_imported(n, f) for n, f in frames.items() if n in DATASETS)
