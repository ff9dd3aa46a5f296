"""Frames of the overview (notebook 00) that no other topic computes: the data layers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.datasets.origin import import_report, imported_file, origin


def _imported_rows(name: str) -> int:
    """Rows of an imported ledger: what its import report accepted, else the file's rows."""
    report = import_report(name) or {}
    accepted = report.get("accepted")
    if isinstance(accepted, int) and not isinstance(accepted, bool):
        return accepted
    path = imported_file(name)
    return len(pd.read_csv(path, dtype=str)) if path is not None else 0


def data_layers(package: Mapping[str, Any]) -> pd.DataFrame:
    """One row per dataset of the metadata, with the origin the analysis reads it from now.

    Parameters
    ----------
    package
        The metadata, as :func:`analysis.datasets.metadata.read_datapackage` returns.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``layer`` (what the shipped file is), ``origin`` (published / reference /
        synthetic / imported: :func:`analysis.datasets.origin.origin`), ``rows`` (of the
        file read: the shipped one, or the imported ledger's accepted rows) and ``title``.

    Raises
    ------
    KeyError
        If the metadata has no ``resources`` or a resource lacks ``name``, ``layer``,
        ``rows`` or ``title``, or names a dataset the schema does not know.
    """
    rows = []
    for res in package["resources"]:
        now = origin(res["name"])
        rows.append(
            {
                "name": res["name"],
                "layer": res["layer"],
                "origin": now,
                "rows": _imported_rows(res["name"]) if now == "imported" else int(res["rows"]),
                "title": res["title"],
            }
        )
    out = pd.DataFrame(rows, columns=["name", "layer", "origin", "rows", "title"])
    out.attrs = {"datasets": list(out["name"])}
    return out
