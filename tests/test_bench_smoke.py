"""The benchmark scaler builds correct data: row counts, unique ids, closed chains, loadable.

Correctness only; nothing here times anything (``make bench`` measures).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis
from analysis import inspections as inspection_metrics
from analysis import loans as loan_metrics
from analysis.schema import get_dataset
from analysis.synth import to_csv_text

ROWS = 1_000


def _scale_module():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "scale.py"
    spec = importlib.util.spec_from_file_location("bench_scale", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scale():
    return _scale_module()


@pytest.fixture(scope="module")
def base(loans, inspections):
    """The shipped files stand in for the generator's output (the same frames)."""
    return {"loans": loans, "inspections": inspections}


@pytest.fixture(scope="module")
def built(scale, base, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    return scale.build(out, {name: [ROWS] for name in scale.NAMES}, base=base)


@pytest.mark.parametrize("name", ["loans", "inspections"])
def test_scaled_files_load_with_the_right_rows(scale, built, name):
    csv_path, parquet_path = built[(name, ROWS)]
    frame = analysis.load(name, csv_path)
    key = get_dataset(name).primary_key[0]
    assert len(frame) == ROWS
    assert frame[key].is_unique
    pd.testing.assert_frame_equal(frame, pq.read_table(parquet_path).to_pandas())


@pytest.mark.parametrize("name", ["loans", "inspections"])
def test_csv_is_canonical(scale, base, built, name):
    frame = scale.scale(name, base[name], ROWS)
    assert built[(name, ROWS)][0].read_text(encoding="utf-8") == to_csv_text(frame, name)


def test_scaling_is_deterministic(scale, base):
    first = scale.scale("inspections", base["inspections"], ROWS)
    pd.testing.assert_frame_equal(first, scale.scale("inspections", base["inspections"], ROWS))


def test_reinspection_chains_stay_closed(scale, base):
    visits = scale.scale("inspections", base["inspections"], ROWS)
    previous = visits["previous_inspection_id"].dropna()
    assert len(previous) > 0
    assert previous.isin(visits["inspection_id"]).all()
    by_id = visits.set_index("inspection_id")
    follows = by_id.loc[previous.to_numpy()]
    later = visits.loc[previous.index]
    assert (follows["premises_id"].to_numpy() == later["premises_id"].to_numpy()).all()
    assert (follows["inspected_on"].to_numpy() < later["inspected_on"].to_numpy()).all()
    # every premises draw is a new premises, with an id of its own
    assert not visits["premises_id"].isin(base["inspections"]["premises_id"]).any()
    inspection_metrics.reinspection_outcomes(visits)  # raises on a dangling reference


def test_loans_keep_places_consistent(scale, base, communities):
    loans = scale.scale("loans", base["loans"], ROWS)
    assert loan_metrics.by_community(loans, communities)["loans"].sum() == ROWS
