"""The district overview (notebook 00): the data layers, the published figures, their
reconciliation and governance coverage — metrics, charts, computed findings, the key points
of page 00 and of the site's index, and the heading of a unit's page."""

from __future__ import annotations

from analysis.overview import charts, findings
from analysis.overview._heading import unit_heading
from analysis.overview._labels import figure_label
from analysis.overview._tables import figures_table, lacking_by_unit, layers_table, work_list
from analysis.overview._unit_findings import UNIT_DATASETS, unit_datasets
from analysis.overview.charts import (
    plot_published_figures,
    plot_reconciliation,
)
from analysis.overview.keypoints import key_points, site_key_points
from analysis.overview.metrics import data_layers

__all__ = [
    "UNIT_DATASETS",
    "charts",
    "data_layers",
    "figure_label",
    "figures_table",
    "findings",
    "key_points",
    "lacking_by_unit",
    "layers_table",
    "plot_published_figures",
    "plot_reconciliation",
    "site_key_points",
    "unit_datasets",
    "unit_heading",
    "work_list",
]
