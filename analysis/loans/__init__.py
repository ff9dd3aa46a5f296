"""Entrepreneurship guarantee loans (创业担保贷款): metrics and charts."""

from __future__ import annotations

from analysis.loans import charts, findings, metrics, tables
from analysis.loans._keypoints import key_points
from analysis.loans._protection import protect_caps
from analysis.loans._unit import unit_comparison, unit_points
from analysis.loans.charts import (
    INK,
    plot_amount_histogram,
    plot_by_community,
    plot_by_unit,
    plot_groups,
    plot_jobs,
    plot_lorenz,
    plot_status,
    plot_timeline,
)
from analysis.loans.metrics import (
    LOAN_FIGURES,
    PER_AMOUNT_YUAN,
    YUAN_PER_WAN,
    by_community,
    by_unit,
    cap_usage,
    community_list,
    concentration,
    group_shares,
    jobs_by_group,
    monthly_timeline,
    status_by_group,
    summary,
)

__all__ = [
    "INK",
    "LOAN_FIGURES",
    "PER_AMOUNT_YUAN",
    "YUAN_PER_WAN",
    "by_community",
    "by_unit",
    "cap_usage",
    "charts",
    "community_list",
    "concentration",
    "findings",
    "group_shares",
    "jobs_by_group",
    "key_points",
    "metrics",
    "monthly_timeline",
    "plot_amount_histogram",
    "plot_by_community",
    "plot_by_unit",
    "plot_groups",
    "plot_jobs",
    "plot_lorenz",
    "plot_status",
    "plot_timeline",
    "protect_caps",
    "status_by_group",
    "summary",
    "tables",
    "unit_comparison",
    "unit_points",
]
