"""Shared rules every topic applies: reconciliation with the published figures, the
entities named on the page, policy caps, disclosure control, survival and inequality.

Imports only :mod:`analysis.datasets` and :mod:`analysis.config`.
"""

from __future__ import annotations

__all__ = ["disclosure", "inequality", "policy", "reconciliation", "survival"]
