"""Data access: schema, parsing, validation, cache, loaders, metadata and data origin.

The lowest layer: it imports nothing else from ``analysis`` except :mod:`analysis.config`.
"""

from __future__ import annotations

__all__ = [
    "cache",
    "errors",
    "fastpath",
    "integrity",
    "loaders",
    "metadata",
    "schema",
    "validation",
]
