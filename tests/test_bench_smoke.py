"""The benchmark scaler builds correct data: row counts, unique ids, closed chains, loadable.
And the bench's linearity verdict judges what it says it judges.

Correctness only; nothing here times anything (``make bench`` measures).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis
from analysis.datasets.schema import get_dataset
from analysis.inspections import metrics as inspection_metrics
from analysis.loans import metrics as loan_metrics
from analysis.synth import to_csv_text

ROWS = 1_000


def _bench_module(name: str):
    """A script of benchmarks/ loaded as a module (the folder is not a package)."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scale():
    return _bench_module("scale")


@pytest.fixture(scope="module")
def run():
    return _bench_module("run")


@pytest.fixture(scope="module")
def base(loans_df, inspections_df):
    """The shipped files stand in for the generator's output (the same frames)."""
    return {"loans": loans_df, "inspections": inspections_df}


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


def test_loans_keep_places_consistent(scale, base, communities_df):
    loans = scale.scale("loans", base["loans"], ROWS)
    assert loan_metrics.by_community(loans, communities_df)["loans"].sum() == ROWS


def _sizes(*times):
    """Results at 1, 10, 100 … rows from (wall, user) pairs; None for a failed size."""
    return {
        10**i: {"error": "exit 1"} if t is None else {"seconds": t[0], "user": t[1]}
        for i, t in enumerate(times)
    }


@pytest.mark.parametrize(
    ("times", "verdict", "shown"),
    [
        # linear in user CPU; the wall step is page faults, shown but not judged
        ([(0.1, 0.09), (1.0, 0.9), (30.0, 9.5)], True, "10.6× user for 10× rows"),
        ([(0.1, 0.09), (1.0, 0.9), (30.0, 20.0)], False, "22.2× user for 10× rows"),
        # user time too small to be a ratio: the wall clock judges
        ([(0.011, 0.003), (0.112, 0.067)], True, "10.2× wall for 10× rows"),
        ([(0.011, 0.003), (0.2, 0.19)], False, "18.2× wall for 10× rows"),
        # steps under the noise floor are not judged
        ([(0.001, 0.0), (0.04, 0.0)], True, "40.0× wall for 10× rows (all < 50 ms)"),
        # a failed size is never linear
        ([(0.1, 0.09), None], False, "a size failed"),
    ],
)
def test_linearity_verdict(run, times, verdict, shown):
    by_size = _sizes(*times)
    ok, last, _, worst = run._linear(by_size, sorted(by_size))
    assert (ok, last) == (verdict, shown)
    # the verdict and the worst step agree: linear exactly when no step exceeds the slack
    assert worst is None or (worst <= run.LINEAR_SLACK) == verdict


def test_bench_runs_and_prints_every_target(tmp_path):
    """``benchmarks/run.py`` end to end at 10^3 rows (no report build): every table prints.

    Sizes below a target's row count must come out as NOT RUN rows, not as a crash.
    """
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
    env = {
        **os.environ,
        "BENCH_MAX_ROWS": "1000",
        "BENCH_SECTIONS": "import,load,metrics,summary",
        "TMPDIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    targets = done.stdout.split("== Targets", 1)[1]
    for target in (
        "import analysis < 0.3 s",
        "load+validate 1,000,000 loans ≤ 2× floor",
        "load+validate 5,000,000 inspections ≤ 2× floor",
        "loans metrics linear in rows",
        "inspections metrics linear in rows",
        "10 M inspections summarised < 20 s, < 4 GB (cached)",
    ):
        line = next(row for row in targets.splitlines() if row.startswith(target))
        assert line.rstrip().endswith(("MET", "NOT RUN")), line
