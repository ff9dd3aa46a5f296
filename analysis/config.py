"""Configuration: every filesystem location, every environment variable, the session settings.

Every module imports this one; it imports nothing from ``analysis``. Nothing else builds
paths from strings such as ``"../data"``: notebooks run from ``notebooks/`` and reports from
the root, and both resolve the same files because every path hangs off :data:`PROJECT_ROOT`.

The settings a notebook may change (edition language, small-cell threshold) live in one
:class:`Settings` object, changed with :func:`configure` and put back by :func:`reset`. The
report build resets it between notebooks run in one warm kernel
(:mod:`analysis.report.kernels`), so a setting changed by one page never reaches the next.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

#: The project's version (``analysis.__version__``), stamped into metadata and page footers.
VERSION: Final = "0.1.0"

PROJECT_ROOT: Final[Path] = Path(__file__).resolve().parent.parent
DATA_DIR: Final[Path] = PROJECT_ROOT / "data"
REFERENCE_DIR: Final[Path] = DATA_DIR / "reference"
PUBLISHED_DIR: Final[Path] = DATA_DIR / "published"
SYNTHETIC_DIR: Final[Path] = DATA_DIR / "synthetic"
DATAPACKAGE_PATH: Final[Path] = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR: Final[Path] = PROJECT_ROOT / "notebooks"
REPORTS_DIR: Final[Path] = PROJECT_ROOT / "reports"
TEMPLATES_DIR: Final[Path] = Path(__file__).resolve().parent / "report" / "templates"
#: Validated frames of large files, as Parquet (:mod:`analysis.datasets.cache`); not committed.
CACHE_DIR: Final[Path] = PROJECT_ROOT / ".cache" / "validated"

# --- environment variables: the names, all in one place -------------------------------
#: The one setting that points loaders, reconciliation, notebooks and reports at imported
#: ledgers: a folder holding ``<dataset>/accepted.csv``, as written by
#: ``python -m analysis import-ledger KIND FILE --out <folder>/<dataset>``. Datasets
#: without an imported file keep the shipped (synthetic) one.
LEDGER_DIR_ENV: Final = "SHANGJIE_LEDGER_DIR"
#: Edition of a notebook run without an explicit language (set by the report build).
LANG_ENV: Final = "ANALYSIS_LANG"
#: Folder of the validated-data cache (default :data:`CACHE_DIR`).
CACHE_DIR_ENV: Final = "SHANGJIE_CACHE_DIR"
#: ``off`` switches the validated-data cache off.
CACHE_SWITCH_ENV: Final = "SHANGJIE_CACHE"
#: Salt of the keyed hashes the ledger importer writes in place of personal identifiers.
SALT_ENV: Final = "SHANGJIE_LEDGER_SALT"

# --- languages and session settings ----------------------------------------------------
LANGS: Final = ("zh", "en")
#: Counts from 1 up to (not including) this number are hidden by default.
DEFAULT_SMALL_CELL_THRESHOLD: Final = 3


@dataclass(frozen=True)
class Settings:
    """What a notebook may change for its own run.

    Attributes
    ----------
    lang
        Edition of titles, labels and findings; None means the :data:`LANG_ENV`
        environment variable, else ``"zh"``.
    small_cell_threshold
        Counts ``0 < n < threshold`` are hidden by :mod:`analysis.rules.disclosure`.
    """

    lang: str | None = None
    small_cell_threshold: int = DEFAULT_SMALL_CELL_THRESHOLD


_settings = Settings()


def settings() -> Settings:
    """Return the settings in force."""
    return _settings


def configure(**changes: object) -> Settings:
    """Change settings for the rest of this notebook (or process); return the new settings.

    Example: ``analysis.configure(small_cell_threshold=5)``.

    Raises
    ------
    TypeError
        If a name is not a field of :class:`Settings`.
    ValueError
        If ``lang`` is not one of :data:`LANGS` or the threshold is not an integer >= 1.
    """
    global _settings
    new = replace(_settings, **changes)  # TypeError on an unknown name
    if new.lang is not None:
        resolve_lang(new.lang)
    threshold = new.small_cell_threshold
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"small_cell_threshold must be an integer >= 1, got {threshold!r}")
    _settings = new
    return new


def reset() -> Settings:
    """Put every setting back to its default (the report build calls this between pages)."""
    global _settings
    _settings = Settings()
    return _settings


def resolve_lang(lang: str | None = None) -> str:
    """Return ``lang``, else the configured edition, else :data:`LANG_ENV`, else ``"zh"``.

    Raises
    ------
    ValueError
        If the language is not one of :data:`LANGS`.
    """
    if lang is None:
        lang = _settings.lang or os.environ.get(LANG_ENV) or "zh"
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def ledger_dir() -> Path | None:
    """The folder named by :data:`LEDGER_DIR_ENV`, or None when the variable is unset or empty."""
    folder = os.environ.get(LEDGER_DIR_ENV, "").strip()
    return Path(folder).expanduser() if folder else None
