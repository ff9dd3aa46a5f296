"""Every filesystem location the project uses, derived from one root.

Lower layers import this module; nothing else builds paths from strings such as
``"../data"``. Notebooks run from ``notebooks/`` and reports from the root, and both
resolve the same files because every path hangs off :data:`PROJECT_ROOT`.
"""

from __future__ import annotations

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
