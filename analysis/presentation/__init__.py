"""Presentation shared by every topic: theme and Chinese font, unit palette, labels,
the bilingual text catalogue, source lines and table display.

Imports data access and rules, never a topic.
"""

from __future__ import annotations

__all__ = ["labels", "plotkit", "style", "tables", "text", "wording"]
