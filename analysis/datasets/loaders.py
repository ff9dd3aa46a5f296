"""One ``load_<name>(path=None)`` per dataset, in the manner of ``seaborn.load_dataset``.

Each returns a validated DataFrame: ids as strings, dates as datetimes, categories as
ordered categoricals. ``path`` points at a file in the same schema (for example a
researcher's own ledger already converted to canonical CSV); by default the shipped
file is read — or, when ``SHANGJIE_LEDGER_DIR`` names a folder of imported ledgers, the
imported file standing in for it (:func:`analysis.datasets.origin.imported_file`). Large
files are validated once per content and then read from a Parquet cache
(:mod:`analysis.datasets.cache`). Bad files raise
:class:`analysis.datasets.errors.DataValidationError` listing every problem with file, row,
column, reason and fix.

Foreign keys across files (a task's compound exists in compounds) are checked by
:func:`analysis.datasets.integrity.check_references`,
because a single file can be loaded on its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import DATA_DIR
from analysis.datasets.cache import cached
from analysis.datasets.fastpath import fast_load
from analysis.datasets.origin import imported_file, record_loaded
from analysis.datasets.schema import Dataset, get_dataset
from analysis.datasets.validation import read_strings, validate_strings


@lru_cache(maxsize=1)
def domains() -> dict[str, list[str]]:
    """Allowed values of every categorical domain, in display order (shipped files)."""
    vocab = _load_plain("vocabulary")
    units = _load_plain("units")
    domains = {
        name: group.sort_values("sort_order")["value_zh"].tolist()
        for name, group in vocab.groupby("domain", sort=True)
    }
    domains["unit"] = units.sort_values("sort_order")["unit_id"].tolist()
    return domains


def _load_plain(name: str) -> pd.DataFrame:
    """Load a shipped reference file that needs no vocabulary to parse itself."""
    dataset = get_dataset(name)
    path = DATA_DIR / dataset.path
    raw = read_strings(path, dataset)
    # units' own `kind` column is a category; its domain is read from the vocabulary file
    domains = {}
    if any(f.kind == "category" for f in dataset.fields):
        vocab = _load_plain("vocabulary")
        domains = {
            n: g.sort_values("sort_order")["value_zh"].tolist()
            for n, g in vocab.groupby("domain", sort=True)
        }
    return validate_strings(raw, dataset, domains, str(path))


def domain_values(domain: str) -> list[str]:
    """Return the allowed values of a categorical domain, in order.

    Raises
    ------
    KeyError
        If the domain does not exist.
    """
    known = domains()
    if domain not in known:
        raise KeyError(f"unknown domain {domain!r}; known: {', '.join(sorted(known))}")
    return list(known[domain])


def category_order(column: pd.Series, domain: str | None = None) -> list[str]:
    """Categories of ``column`` in display order, including ones no row has.

    The categorical's own categories when ``column`` is one, else the vocabulary's
    ``domain``; then any value the vocabulary does not know (a ledger's own wording),
    sorted, so nothing a file holds is dropped from a table.

    Raises
    ------
    KeyError
        If ``domain`` is given, needed and unknown.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        order = [str(c) for c in column.cat.categories]
    else:
        order = domain_values(domain) if domain else []
    known = set(order)
    return order + sorted({str(v) for v in column.dropna()} - known)


def load(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """Load dataset ``name`` from ``path`` (default: the shipped file) and validate it.

    Raises
    ------
    KeyError
        If ``name`` is not a dataset.
    DataValidationError
        If the file is missing, unreadable or breaks its schema.
    """
    dataset: Dataset = get_dataset(name)
    imported = imported_file(name) if path is None else None
    file = Path(path) if path is not None else imported or DATA_DIR / dataset.path
    vocab = domains()

    def parse() -> pd.DataFrame:
        frame = fast_load(file, dataset, vocab, str(file))
        if frame is None:  # anything unusual: the slow path reports every problem
            frame = validate_strings(read_strings(file, dataset), dataset, vocab, str(file))
        return frame

    frame = cached(file, dataset, vocab, parse)  # large files: validated once per content
    # An explicit path is the caller's file in the dataset's schema: its layer stands,
    # unless it is an importer's output (an accepted.csv beside its import.json).
    written_by_importer = path is not None and (file.parent / "import.json").is_file()
    source = "imported" if imported is not None or written_by_importer else dataset.layer
    if source == "imported" and not dataset.synthetic:
        source = dataset.layer  # only record datasets are ever imported
    frame.attrs = {
        "dataset": dataset.name,
        "origin": source,
        "synthetic": source == "synthetic",
        "path": str(file),
    }
    record_loaded(dataset.name)  # tables that do not name their datasets cite these
    return frame


def load_units(path: str | Path | None = None) -> pd.DataFrame:
    """Administrative units: the district, its 5 subdistricts and 1 town (real names)."""
    return load("units", path)


def load_vocabulary(path: str | Path | None = None) -> pd.DataFrame:
    """Every Chinese category in the data with its English label and order."""
    return load("vocabulary", path)


def load_published_figures(path: str | Path | None = None) -> pd.DataFrame:
    """Every figure published on the seed page, with its verbatim quote (real data)."""
    return load("published_figures", path)


def load_communities(path: str | Path | None = None) -> pd.DataFrame:
    """The 36 communities (synthetic, invented names)."""
    return load("communities", path)


def load_compounds(path: str | Path | None = None) -> pd.DataFrame:
    """Unmanaged residential compounds and their governance bodies (synthetic)."""
    return load("compounds", path)


def load_renovation_tasks(path: str | Path | None = None) -> pd.DataFrame:
    """Renovation checklist tasks with opened, planned and closed dates (synthetic)."""
    return load("renovation_tasks", path)


def load_consultations(path: str | Path | None = None) -> pd.DataFrame:
    """Resident consultations, surveys and themed activities (synthetic)."""
    return load("consultations", path)


def load_evaluations(path: str | Path | None = None) -> pd.DataFrame:
    """Bimonthly peer evaluation scores per compound (synthetic)."""
    return load("evaluations", path)


def load_loans(path: str | Path | None = None) -> pd.DataFrame:
    """Entrepreneurship guarantee loans (synthetic, no personal data)."""
    return load("loans", path)


def load_inspections(path: str | Path | None = None) -> pd.DataFrame:
    """Public-health inspection visits with check items and rectification (synthetic)."""
    return load("inspections", path)
