"""What each section of the inspection notebook shows, computed from the frames it draws.

One function per section with a "它说明了什么 / What it shows" paragraph, each taking the
frames of the chart or table beside it and returning a
:class:`analysis.presentation.findings.Findings` (sentences, caveats by data origin, and the
numbers stated, by name). Wording follows the data: no failed visit, no re-inspection, one
premises type, too few visits to fit the risk ranking are each said as such.
"""

from __future__ import annotations

from analysis.inspections._findings_agencies import agencies
from analysis.inspections._findings_canteens import canteens
from analysis.inspections._findings_cases import rectification
from analysis.inspections._findings_outcomes import items, records
from analysis.inspections._findings_repeats import repeats
from analysis.inspections._findings_risk import ranking
from analysis.inspections._findings_unit import for_unit
from analysis.inspections._findings_units import units
from analysis.inspections._findings_validation import validation

__all__ = [
    "agencies",
    "canteens",
    "for_unit",
    "items",
    "ranking",
    "records",
    "rectification",
    "repeats",
    "units",
    "validation",
]
