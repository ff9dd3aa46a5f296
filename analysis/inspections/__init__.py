"""Inspection outcomes ("六小" premises, canteens): pass rates, rectification, re-inspections,
the risk ranking — metrics and charts.
"""

from __future__ import annotations

from analysis.inspections import charts, findings, metrics, risk, tables
from analysis.inspections._keypoints import key_points
from analysis.inspections._risk_compare import capture_by_cutoff, cutoffs, declared_cutoff
from analysis.inspections._stats import with_intervals
from analysis.inspections._unit import unit_comparison
from analysis.inspections._unit_points import unit_points
from analysis.inspections.charts import (
    AGENCY_COLOURS,
    DATASETS,
    SCALE,
    SINCE_EN,
    TYPE_COLOURS,
    item_label,
    plot_capture_curve,
    plot_fail_rate_by_month,
    plot_fail_rate_by_unit,
    plot_pass_rate_heatmap,
    plot_rectification_curves,
    plot_risk_multipliers,
)
from analysis.inspections.metrics import (
    CASE_COLUMNS,
    COLUMNS,
    ORDERED,
    TOTAL,
    checked_visits,
    outcome_summary,
    overdue_cases,
    pass_rates,
    rectification_cases,
    rectification_summary,
    reinspection_outcomes,
    repeat_offenders,
)
from analysis.inspections.risk import (
    FACTORS,
    PRIOR_VISITS,
    Validation,
    rank_premises,
    score,
    temporal_split,
    validate,
)

__all__ = [
    "AGENCY_COLOURS",
    "CASE_COLUMNS",
    "COLUMNS",
    "DATASETS",
    "FACTORS",
    "ORDERED",
    "PRIOR_VISITS",
    "SCALE",
    "SINCE_EN",
    "TOTAL",
    "TYPE_COLOURS",
    "Validation",
    "capture_by_cutoff",
    "cutoffs",
    "declared_cutoff",
    "charts",
    "findings",
    "checked_visits",
    "item_label",
    "key_points",
    "metrics",
    "outcome_summary",
    "overdue_cases",
    "pass_rates",
    "plot_capture_curve",
    "plot_fail_rate_by_month",
    "plot_fail_rate_by_unit",
    "plot_pass_rate_heatmap",
    "plot_rectification_curves",
    "plot_risk_multipliers",
    "rank_premises",
    "rectification_cases",
    "rectification_summary",
    "reinspection_outcomes",
    "repeat_offenders",
    "risk",
    "tables",
    "score",
    "temporal_split",
    "unit_comparison",
    "unit_points",
    "validate",
    "with_intervals",
]
