"""Shared fixtures: every dataset loaded once per test session.

Each fixture is named ``<dataset>_df`` (never the name of a module, so ``loans`` stays the
package) and returns ``analysis.load_<dataset>()``. The frames are shared by all tests, so
a test that changes one must work on ``.copy()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pandas as pd
import pytest

import analysis
from analysis.datasets.cache import CACHE_DIR_ENV


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Validated-data cache in a temporary folder: tests never write into the project."""
    old = os.environ.get(CACHE_DIR_ENV)
    os.environ[CACHE_DIR_ENV] = str(tmp_path_factory.mktemp("validated-cache"))
    yield
    if old is None:
        os.environ.pop(CACHE_DIR_ENV, None)
    else:
        os.environ[CACHE_DIR_ENV] = old


@pytest.fixture(scope="session")
def units_df() -> pd.DataFrame:
    """Administrative units (reference)."""
    return analysis.load_units()


@pytest.fixture(scope="session")
def vocabulary_df() -> pd.DataFrame:
    """Category vocabulary (reference)."""
    return analysis.load_vocabulary()


@pytest.fixture(scope="session")
def published_figures_df() -> pd.DataFrame:
    """Figures published on the seed page (real, cited)."""
    return analysis.load_published_figures()


@pytest.fixture(scope="session")
def communities_df() -> pd.DataFrame:
    """Communities (synthetic)."""
    return analysis.load_communities()


@pytest.fixture(scope="session")
def compounds_df() -> pd.DataFrame:
    """Unmanaged compounds and their governance bodies (synthetic)."""
    return analysis.load_compounds()


@pytest.fixture(scope="session")
def renovation_tasks_df() -> pd.DataFrame:
    """Renovation checklist tasks (synthetic)."""
    return analysis.load_renovation_tasks()


@pytest.fixture(scope="session")
def consultations_df() -> pd.DataFrame:
    """Resident consultations and activities (synthetic)."""
    return analysis.load_consultations()


@pytest.fixture(scope="session")
def evaluations_df() -> pd.DataFrame:
    """Bimonthly peer evaluation scores (synthetic)."""
    return analysis.load_evaluations()


@pytest.fixture(scope="session")
def loans_df() -> pd.DataFrame:
    """Entrepreneurship guarantee loans (synthetic)."""
    return analysis.load_loans()


@pytest.fixture(scope="session")
def inspections_df() -> pd.DataFrame:
    """Public-health inspections (synthetic)."""
    return analysis.load_inspections()
