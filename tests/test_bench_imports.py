"""The import benchmark (``benchmarks/imports.py``) measures what it says: generated ledgers
import completely, both XLSX readers give the same rows, peak memory is the child's own.

Correctness only, on 60 rows; ``make bench`` measures at 100,000.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analysis.ledger import import_ledger


@pytest.fixture(scope="module")
def imports():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "imports.py"
    spec = importlib.util.spec_from_file_location("bench_imports", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ledgers(imports, tmp_path_factory):
    return imports.make_ledgers(tmp_path_factory.mktemp("imports"), rows=60)


def test_the_generated_ledgers_import_completely_and_alike(ledgers):
    csv_result = import_ledger(ledgers["CSV"], "loans")
    xlsx_result = import_ledger(ledgers["XLSX"], "loans")
    assert (csv_result.rows_read, len(csv_result.accepted)) == (60, 60)
    assert csv_result.accepted.equals(xlsx_result.accepted)
    assert [h for h, _ in csv_result.personal] == ["借款人姓名", "联系电话"]  # dropped


def test_the_command_is_measured_with_its_counts(imports, ledgers, tmp_path):
    measured = imports._run_import(ledgers["XLSX"], tmp_path / "out", timeout=120)
    assert measured["counts"] == (60, 60, 0)
    assert 50 * 2**20 < measured["peak"] < 2**30  # the child's own peak, not this process's
    assert (tmp_path / "out" / "accepted.csv").is_file()


def test_both_readers_give_the_same_rows(imports, ledgers):
    fast, slow = (imports._read(r, ledgers["XLSX"], timeout=120) for r in ("calamine", "openpyxl"))
    assert fast["rows"] == slow["rows"] == 61
    assert fast["digest"] == slow["digest"]
