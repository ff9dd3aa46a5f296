"""The key-points boxes of page 00 and of the site's index.

:func:`key_points` takes the frames notebook 00 loads; :func:`site_key_points` loads what it
needs itself (the report's index calls it with no frames). Both state only what the
overview's own metrics give — the reconciliation of the page with the records, governance
coverage counted from the compound records, where the data come from — since topics do not
import each other. The sentences come from :mod:`analysis.overview._keypoints` and
:mod:`analysis.overview._keypoints_data`.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.overview._keypoints import (
    missing_point,
    origin_point,
    published_point,
    recon_point,
    topics_point,
    used_datasets,
)
from analysis.overview._keypoints_data import district_point, focus_point, layers_point
from analysis.presentation.keypoints import KeyPoints
from analysis.presentation.keypoints import key_points as box


def key_points(
    layers: pd.DataFrame,
    figures: pd.DataFrame,
    table: pd.DataFrame,
    compounds: pd.DataFrame,
    lang: str | None = None,
) -> KeyPoints:
    """Page 00's key points: reconciliation, what it means, the page, coverage, the gaps.

    Parameters
    ----------
    layers
        :func:`analysis.overview.data_layers` (what the analysis reads).
    figures
        The published figures (:func:`analysis.load_published_figures`).
    table
        :func:`analysis.reconcile` (one row per published figure).
    compounds
        The compound records (:func:`analysis.load_compounds`).

    Raises
    ------
    KeyError
        If a frame lacks the columns its section reads, or names an unknown dataset.
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    parts = [
        recon_point(table, lang),
        origin_point(table, lang),
        published_point(figures, lang),
        focus_point(compounds, lang),
        district_point(compounds, lang),
        missing_point(table, lang),
    ]
    if sum(1 for s, _ in parts if s) < 3:  # tiny records: say where the data come from
        parts.append(layers_point(layers, lang))
    values: dict[str, object] = {}
    for _, v in parts:
        values |= v
    return box([s for s, _ in parts], used_datasets(table), lang, **values)


def site_key_points(lang: str | None = None) -> KeyPoints:
    """What the whole site found, for its index page: 3–6 points from the overview's metrics.

    Loads the metadata, the published figures, the compound records and the reconciliation
    itself (imported ledgers under ``SHANGJIE_LEDGER_DIR`` included).

    Raises
    ------
    analysis.DataValidationError
        If a dataset it loads is invalid.
    ValueError
        If ``lang`` is unknown.
    """
    from analysis.datasets.loaders import load_compounds
    from analysis.datasets.metadata import read_datapackage
    from analysis.overview.metrics import data_layers
    from analysis.rules.reconciliation import reconcile

    lang = resolve_lang(lang)
    table = reconcile()
    compounds = load_compounds()
    layers = data_layers(read_datapackage())
    parts = [
        layers_point(layers, lang),
        recon_point(table, lang),
        origin_point(table, lang),
        topics_point(table, lang),
        focus_point(compounds, lang),
        district_point(compounds, lang),
    ]
    values: dict[str, object] = {}
    for _, v in parts:
        values |= v
    return box([s for s, _ in parts], used_datasets(table), lang, **values)
