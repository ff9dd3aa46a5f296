"""Renovation of unmanaged compounds (无主管楼院整治): governance bodies, the task
checklist (清单销号), time to close, participation, peer evaluation — metrics and charts.
"""

from __future__ import annotations

from analysis.renovation import (
    case,
    charts,
    charts_coverage,
    charts_governance,
    charts_overdue,
    charts_participation,
    charts_tasks,
    charts_timing,
    findings,
    governance,
    metrics,
    participation,
    timing,
)
from analysis.renovation._keypoints import key_points
from analysis.renovation._unit_compare import COMPARISON_ROWS, unit_comparison
from analysis.renovation._unit_points import unit_points
from analysis.renovation.case import (
    SIX_HAVE,
    case_tasks,
    six_have,
)
from analysis.renovation.charts import (
    plot_burnup,
    plot_burnup_by_unit,
    plot_compound_progress,
)
from analysis.renovation.charts_coverage import (
    COVERAGE_MEASURES,
    FIGURE_LABELS,
    SHARE_MEASURES,
    plot_governance_coverage,
    plot_governance_vs_published,
    plot_resident_bodies,
)
from analysis.renovation.charts_governance import (
    plot_lacking,
    plot_party_org_modes,
)
from analysis.renovation.charts_overdue import plot_overdue_heatmap
from analysis.renovation.charts_participation import (
    FORMAT_COLOURS,
    UNITS_EN,
    plot_consultations_by_month,
    plot_funnels,
    plot_rank_changes,
    plot_score_heatmap,
)
from analysis.renovation.charts_tasks import (
    RAISED_BY_COLOURS,
    plot_case_gantt,
    plot_pilot_comparison,
    plot_tasks_by_category,
)
from analysis.renovation.charts_timing import (
    SLIP_COLOURS,
    plot_close_medians,
    plot_slippage,
    plot_time_to_close,
)
from analysis.renovation.governance import (
    BODIES,
    COMPOUND_COLUMNS,
    GOVERNANCE_FIGURES,
    compounds_lacking,
    coverage_by_unit,
    descendants,
    governance_vs_published,
)
from analysis.renovation.metrics import (
    BURNUP_MEASURES,
    DATE_COLUMNS,
    STATUSES,
    attach_compounds,
    burnup,
    compound_progress,
    iso_day,
    pilot_comparison,
    status_counts,
    task_status,
    tasks_by,
)
from analysis.renovation.participation import (
    FUNNEL_STAGES,
    consultations_by_month,
    participation_funnel,
    party_orgs_by_mode,
    rank_changes,
    score_table,
)
from analysis.renovation.timing import (
    SLIP_CLASSES,
    close_curves,
    close_logrank,
    close_medians,
    overdue_matrix,
    slippage,
    task_durations,
)

__all__ = [
    "BODIES",
    "BURNUP_MEASURES",
    "COMPARISON_ROWS",
    "COMPOUND_COLUMNS",
    "COVERAGE_MEASURES",
    "DATE_COLUMNS",
    "FIGURE_LABELS",
    "FORMAT_COLOURS",
    "FUNNEL_STAGES",
    "GOVERNANCE_FIGURES",
    "RAISED_BY_COLOURS",
    "SHARE_MEASURES",
    "SIX_HAVE",
    "SLIP_CLASSES",
    "SLIP_COLOURS",
    "STATUSES",
    "UNITS_EN",
    "attach_compounds",
    "burnup",
    "case",
    "case_tasks",
    "charts",
    "charts_coverage",
    "charts_governance",
    "charts_overdue",
    "charts_participation",
    "charts_tasks",
    "charts_timing",
    "close_curves",
    "close_logrank",
    "close_medians",
    "compound_progress",
    "compounds_lacking",
    "consultations_by_month",
    "coverage_by_unit",
    "descendants",
    "findings",
    "governance",
    "governance_vs_published",
    "iso_day",
    "key_points",
    "metrics",
    "overdue_matrix",
    "participation",
    "participation_funnel",
    "party_orgs_by_mode",
    "pilot_comparison",
    "plot_burnup",
    "plot_burnup_by_unit",
    "plot_case_gantt",
    "plot_close_medians",
    "plot_compound_progress",
    "plot_consultations_by_month",
    "plot_funnels",
    "plot_governance_coverage",
    "plot_governance_vs_published",
    "plot_lacking",
    "plot_overdue_heatmap",
    "plot_party_org_modes",
    "plot_pilot_comparison",
    "plot_rank_changes",
    "plot_resident_bodies",
    "plot_score_heatmap",
    "plot_slippage",
    "plot_tasks_by_category",
    "plot_time_to_close",
    "rank_changes",
    "score_table",
    "six_have",
    "slippage",
    "status_counts",
    "task_durations",
    "task_status",
    "tasks_by",
    "timing",
    "unit_comparison",
    "unit_points",
]
