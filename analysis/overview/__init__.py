"""The district overview (notebook 00): published figures and their reconciliation — charts."""

from __future__ import annotations

from analysis.overview import charts
from analysis.overview.charts import (
    plot_published_figures,
    plot_reconciliation,
)

__all__ = [
    "charts",
    "plot_published_figures",
    "plot_reconciliation",
]
