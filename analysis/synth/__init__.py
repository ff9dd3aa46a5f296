"""Seeded generator of the synthetic record-level datasets, calibrated to the page.

The records are invented; every figure the page publishes that can be computed from
them (see :data:`analysis.rules.reconciliation.COMPUTATIONS`) is reproduced exactly or within its
qualifier, with targets read from ``data/published/figures.csv``.

>>> from analysis import synth
>>> frames = synth.generate()                         # doctest: +SKIP
>>> synth.write_all(frames, Path("data/synthetic"))   # doctest: +SKIP

Determinism: one :class:`numpy.random.SeedSequence` child stream per dataset, in the
fixed order of :data:`DATASET_NAMES`, so changing how one dataset is drawn never shifts
another's draws. New datasets must be appended to that tuple, never inserted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.schema import GENERATOR_VERSION, RECORD_DATASETS, SEED
from analysis.synth.calibration import load_targets
from analysis.synth.consultations import generate_consultations
from analysis.synth.inspections import generate_inspections
from analysis.synth.loans import generate_loans
from analysis.synth.places import generate_communities, generate_compounds
from analysis.synth.renovation import generate_evaluations, generate_tasks
from analysis.synth.writer import to_csv_text, write_all

#: Datasets in stream order (append only: the position is the SeedSequence child index).
DATASET_NAMES: tuple[str, ...] = RECORD_DATASETS

__all__ = ["DATASET_NAMES", "GENERATOR_VERSION", "SEED", "generate", "to_csv_text", "write_all"]


def streams(seed: int = SEED) -> dict[str, np.random.Generator]:
    """Return one independent random generator per dataset, spawned from ``seed``."""
    children = np.random.SeedSequence(seed).spawn(len(DATASET_NAMES))
    return {
        name: np.random.default_rng(child)
        for name, child in zip(DATASET_NAMES, children, strict=True)
    }


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Generate every synthetic dataset, calibrated to the published figures.

    Reads the reference and published files; writes nothing.

    Parameters
    ----------
    seed
        Seed of the :class:`numpy.random.SeedSequence`; the same seed gives the same
        frames (and, through :func:`write_all`, the same bytes).

    Returns
    -------
    dict of str to pandas.DataFrame
        The datasets of :data:`DATASET_NAMES`, typed as :func:`analysis.load` returns them.

    Raises
    ------
    ValueError
        If a published figure cannot be met (e.g. a count smaller than its parts).
    RuntimeError
        If, after generation, a computable figure does not reconcile (a generator bug).
    DataValidationError
        If the reference or published files are invalid.
    """
    from analysis.datasets.loaders import load_published_figures
    from analysis.rules.reconciliation import MISMATCH, reconcile

    figures = load_published_figures()
    targets = load_targets(figures)
    rng = streams(seed)
    frames: dict[str, pd.DataFrame] = {}
    frames["communities"] = generate_communities(rng["communities"], targets)
    frames["compounds"] = generate_compounds(rng["compounds"], frames["communities"], targets)
    frames["renovation_tasks"] = generate_tasks(
        rng["renovation_tasks"], frames["compounds"], targets
    )
    frames["consultations"] = generate_consultations(
        rng["consultations"], frames["compounds"], targets
    )
    frames["evaluations"] = generate_evaluations(rng["evaluations"], frames["compounds"], targets)
    frames["loans"] = generate_loans(rng["loans"], frames["communities"], targets)
    frames["inspections"] = generate_inspections(rng["inspections"], frames["communities"], targets)
    for name, frame in frames.items():
        frame.attrs = {"dataset": name, "synthetic": True, "seed": seed}
    # calibration is constructive; this only guards against a generator bug
    result = reconcile(frames, figures)
    bad = result[result["status"] == MISMATCH]
    if len(bad):
        raise RuntimeError(
            "synthetic data do not reconcile with the published figures:\n"
            + bad[["figure_id", "published", "computed", "rule"]].to_string(index=False)
        )
    return frames
