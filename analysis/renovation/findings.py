"""Computed findings of the renovation page (notebook 01) and of a unit's report.

One function per section with a "它说明了什么 / What it shows" paragraph; each takes the
frames the section's chart or table draws and returns a
:class:`analysis.presentation.findings.Findings` with its caveats chosen by the origin of
the records. The functions live in private modules by theme and are re-exported here.
"""

from __future__ import annotations

from analysis.renovation._findings_unit import for_unit

__all__ = ["for_unit"]
