"""Shared fixtures: every dataset loaded once per test session.

Each fixture is named after its dataset and returns ``analysis.load_<name>()``. The
frames are shared by all tests, so a test that changes one must work on ``.copy()``.
"""

from __future__ import annotations

import pandas as pd
import pytest

import analysis


@pytest.fixture(scope="session")
def units() -> pd.DataFrame:
    """Administrative units (reference)."""
    return analysis.load_units()


@pytest.fixture(scope="session")
def vocabulary() -> pd.DataFrame:
    """Category vocabulary (reference)."""
    return analysis.load_vocabulary()


@pytest.fixture(scope="session")
def published_figures() -> pd.DataFrame:
    """Figures published on the seed page (real, cited)."""
    return analysis.load_published_figures()


@pytest.fixture(scope="session")
def communities() -> pd.DataFrame:
    """Communities (synthetic)."""
    return analysis.load_communities()


@pytest.fixture(scope="session")
def compounds() -> pd.DataFrame:
    """Unmanaged compounds and their governance bodies (synthetic)."""
    return analysis.load_compounds()


@pytest.fixture(scope="session")
def renovation_tasks() -> pd.DataFrame:
    """Renovation checklist tasks (synthetic)."""
    return analysis.load_renovation_tasks()


@pytest.fixture(scope="session")
def consultations() -> pd.DataFrame:
    """Resident consultations and activities (synthetic)."""
    return analysis.load_consultations()


@pytest.fixture(scope="session")
def evaluations() -> pd.DataFrame:
    """Bimonthly peer evaluation scores (synthetic)."""
    return analysis.load_evaluations()


@pytest.fixture(scope="session")
def loans() -> pd.DataFrame:
    """Entrepreneurship guarantee loans (synthetic)."""
    return analysis.load_loans()


@pytest.fixture(scope="session")
def inspections() -> pd.DataFrame:
    """Public-health inspections (synthetic)."""
    return analysis.load_inspections()
