"""Every filesystem location the project uses, derived from one root.

Lower layers import this module; nothing else builds paths from strings such as
``"../data"``. Notebooks run from ``notebooks/`` and reports from the root, and both
resolve the same files because every path hangs off :data:`PROJECT_ROOT`.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
DATA_DIR: Path = PROJECT_ROOT / "data"
REFERENCE_DIR: Path = DATA_DIR / "reference"
PUBLISHED_DIR: Path = DATA_DIR / "published"
SYNTHETIC_DIR: Path = DATA_DIR / "synthetic"
DATAPACKAGE_PATH: Path = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
REPORTS_DIR: Path = PROJECT_ROOT / "reports"
TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "templates"
#: Validated frames of large files, as Parquet (:mod:`analysis.cache`); not committed.
CACHE_DIR: Path = PROJECT_ROOT / ".cache" / "validated"

#: The one setting that points loaders, reconciliation, notebooks and reports at imported
#: ledgers: a folder holding ``<dataset>/accepted.csv``, as written by
#: ``python -m analysis import-ledger KIND FILE --out <folder>/<dataset>``. Datasets
#: without an imported file keep the shipped (synthetic) one.
LEDGER_DIR_ENV = "SHANGJIE_LEDGER_DIR"


def imported_file(name: str) -> Path | None:
    """The imported ledger standing in for dataset ``name``, or None.

    None unless :data:`LEDGER_DIR_ENV` is set and ``<folder>/<name>/accepted.csv`` exists.
    """
    folder = os.environ.get(LEDGER_DIR_ENV)
    if not folder:
        return None
    path = Path(folder).expanduser() / name / "accepted.csv"
    return path if path.is_file() else None
