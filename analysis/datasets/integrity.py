"""Checks across files: foreign keys and the unit of a community.

A single file can be loaded on its own (``load_renovation_tasks(path)``), so references
to other datasets are checked here, over a set of frames that belong together.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.datasets.errors import DataValidationError, Problem
from analysis.datasets.schema import DATASETS
from analysis.datasets.validation import FIRST_DATA_ROW


def check_references(frames: Mapping[str, pd.DataFrame]) -> None:
    """Check every foreign key among ``frames`` and that communities sit in their unit.

    Only references whose both ends are in ``frames`` are checked.

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
            if target not in frames:
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
