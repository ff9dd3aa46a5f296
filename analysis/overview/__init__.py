"""The district overview (notebook 00): the data layers, the published figures, their
reconciliation and governance coverage — metrics, charts and computed findings."""

from __future__ import annotations

from analysis.overview import charts, findings
from analysis.overview.charts import (
    plot_published_figures,
    plot_reconciliation,
)
from analysis.overview.metrics import data_layers

__all__ = [
    "charts",
    "data_layers",
    "findings",
    "plot_published_figures",
    "plot_reconciliation",
]
