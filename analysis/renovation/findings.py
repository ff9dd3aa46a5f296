"""Computed findings of the renovation page (notebook 01) and of a unit's report.

One function per section with a "它说明了什么 / What it shows" paragraph; each takes the
frames the section's chart or table draws and returns a
:class:`analysis.presentation.findings.Findings` whose caveats are chosen by the origin of
the records (:func:`analysis.presentation.caveats.origin_caveats`). The functions live in
private modules by theme and are re-exported here:

- :func:`reconciliation` — the page's renovation figures against the records;
- :func:`checklist` — tasks closed, against the plan over time, by unit;
- :func:`progress` — per compound, and the property-management pilots beside the rest;
- :func:`requests` — categories and who raised them;
- :func:`time_to_close` — Kaplan–Meier medians (open tasks censored) against closed-only,
  categories contrasted only when a log-rank test supports it;
- :func:`slippage` and :func:`overdue` — against the planned dates;
- :func:`case` — the page's case compound and its "六有" goals;
- :func:`governance` — self-governance bodies and the compounds lacking one;
- :func:`participation` and :func:`evaluation` — consultations and peer evaluation;
- :func:`for_unit` — the renovation section of a unit's report.
"""

from __future__ import annotations

from analysis.renovation._findings_case import case
from analysis.renovation._findings_checklist import checklist
from analysis.renovation._findings_close import time_to_close
from analysis.renovation._findings_evaluation import evaluation
from analysis.renovation._findings_governance import governance
from analysis.renovation._findings_participation import participation
from analysis.renovation._findings_progress import progress
from analysis.renovation._findings_reconcile import reconciliation
from analysis.renovation._findings_tasks import requests
from analysis.renovation._findings_timing import overdue, slippage
from analysis.renovation._findings_unit import for_unit

__all__ = [
    "case",
    "checklist",
    "evaluation",
    "for_unit",
    "governance",
    "overdue",
    "participation",
    "progress",
    "reconciliation",
    "requests",
    "slippage",
    "time_to_close",
]
