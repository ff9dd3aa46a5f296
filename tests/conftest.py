"""Shared fixtures: every dataset loaded once per test session; which tests are slow.

Each fixture is named ``<dataset>_df`` (never the name of a module, so ``loans`` stays the
package) and returns ``analysis.load_<dataset>()``. The frames are shared by all tests, so
a test that changes one must work on ``.copy()``.

Tests that start kernels, build report sites, run the bench or a browser are marked
``slow`` here, in one place (:func:`pytest_collection_modifyitems`), so test files need no
marker of their own; ``make test-fast`` runs the rest (``-m "not slow"``), ``make test``
runs everything.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.config import LEDGER_DIR_ENV
from analysis.datasets.cache import CACHE_DIR_ENV

# What is slow was measured with ``pytest --durations=0`` (2 cores, other jobs running):
# together these take about three quarters of the suite's time. A new test file that runs
# notebooks or builds a site belongs in SLOW_MODULES.

#: Modules every test of which is slow: notebooks run in kernels, whole sites are built, the
#: bench or the browser runs, data are generated at scale (seconds to minutes each).
SLOW_MODULES = frozenset(
    {
        "test_audit_site.py",  # builds the whole site
        "test_bench_smoke.py",  # scaled data files and the bench end to end
        "test_bench_imports.py",  # import benchmark's ledgers, commands and readers (6-15 s)
        "test_browser.py",  # builds the whole site, drives Chromium
        "test_kernels.py",  # warm and fresh kernels, real notebooks
        "test_metrics_scale.py",  # metrics against row-by-row oracles on scaled data (31 s)
        "test_real_ledgers.py",  # imports ledgers, builds the whole site
        "test_tiny_ledgers.py",  # every notebook on one-row ledgers, both editions
    }
)
#: Fixtures that start a kernel or build a site: a test using one is slow.
SLOW_FIXTURES = frozenset(
    {"site", "built_reports", "executed_tiny", "warm", "adversarial_outcomes"}  # last: minutes
)
#: Single slow tests, ``<file>::<test>``, every parametrisation (seconds measured, all of them).
SLOW_TESTS = frozenset(
    {
        "test_report.py::test_a_failing_cell_is_named",  # a fresh kernel
        "test_report.py::test_build_site_keeps_previous_reports_when_a_notebook_fails",
        "test_site.py::test_a_build_with_imported_ledgers_has_no_synthetic_note",
        "test_unit_report.py::test_notebook_runs_on_imported_loans",  # a fresh kernel
        # every chart drawn in both editions
        "test_renovation_plots.py::test_chart_renders_with_title_units_and_source",  # 42 s
        "test_loans.py::test_every_chart_renders_with_title_and_units",  # 11 s
        "test_style.py::test_every_chart_is_titled_labelled_signed_and_renders",  # 4 s
        "test_inspections.py::test_every_chart_renders_with_title_units_and_source",  # 4 s
        # property tests with many examples, and an oracle run at length
        "test_fastpath.py::test_fast_path_returns_the_slow_frame_or_defers",  # 19 s
        "test_fastpath.py::test_fast_path_defers_on_malformed_csv",  # 2 s
        "test_survival.py::test_median_is_exactly_lifelines_median",  # 10 s
        "test_ledger_properties.py::test_accepted_plus_rejected_is_every_row",  # 4 s
        "test_ledger_corpus.py::test_counts_and_reasons_match_the_manifest",  # 4 s
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tests (see :data:`SLOW_MODULES`, :data:`SLOW_FIXTURES`, :data:`SLOW_TESTS`)."""
    for item in items:
        name = item.path.name
        test = f"{name}::{getattr(item, 'originalname', item.name)}"
        if (
            name in SLOW_MODULES
            or test in SLOW_TESTS
            or SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture
def ledger_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write frames as imported ledgers and point ``SHANGJIE_LEDGER_DIR`` at them.

    Returns ``put(name, frame, rejected=1)``: ``<tmp>/<name>/accepted.csv`` (booleans as
    ``true``/``false``, as the importer writes them) and an ``import.json`` saying the
    ledger ``x.xlsx`` had ``rejected`` more rows, rejected for ``bad-date``.
    """
    monkeypatch.setenv(LEDGER_DIR_ENV, str(tmp_path))

    def put(name: str, frame: pd.DataFrame, rejected: int = 1) -> Path:
        target = tmp_path / name
        target.mkdir(parents=True, exist_ok=True)
        out = frame.copy()
        for column in out.columns:
            if out[column].dtype == bool:
                out[column] = out[column].map({True: "true", False: "false"})
        out.to_csv(target / "accepted.csv", index=False)
        report = {
            "source": "x.xlsx",
            "rows_read": len(frame) + rejected,
            "accepted": len(frame),
            "rejected": rejected,
            "rejected_by_reason": {"bad-date": rejected} if rejected else {},
            "as_of": "2020-09-23",
        }
        (target / "import.json").write_text(json.dumps(report), encoding="utf-8")
        return target

    return put


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session from the committed notebooks and shipped data
    (the browser test and the disclosure audit read the same build)."""
    from analysis.report.site import build_site

    out = tmp_path_factory.mktemp("site") / "reports"
    build_site(out, progress=False)
    return out
