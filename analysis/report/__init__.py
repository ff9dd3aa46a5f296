"""The report pipeline: execute notebooks (warm kernels), render HTML from templates, build
the site, provenance footer. The top layer: may import everything below it.
"""

from __future__ import annotations

__all__ = ["execute", "kernels", "provenance", "render", "site"]
