"""Helper library for the Shangjie District grassroots-governance notebooks.

Public names are imported lazily (PEP 562) so that ``import analysis`` stays cheap:
pandas, pandera and matplotlib load only when a function that needs them is called.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "DataValidationError": "analysis.errors",
    "Problem": "analysis.errors",
    "PROJECT_ROOT": "analysis.paths",
    "DATA_DIR": "analysis.paths",
    "load": "analysis.loaders",
    "domain_values": "analysis.loaders",
    "load_units": "analysis.loaders",
    "load_vocabulary": "analysis.loaders",
    "load_published_figures": "analysis.loaders",
    "load_communities": "analysis.loaders",
    "load_compounds": "analysis.loaders",
    "load_renovation_tasks": "analysis.loaders",
    "load_consultations": "analysis.loaders",
    "load_evaluations": "analysis.loaders",
    "load_loans": "analysis.loaders",
    "load_inspections": "analysis.loaders",
    "reconcile": "analysis.reconciliation",
    "check_references": "analysis.integrity",
    "import_ledger": "analysis.ledger",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from analysis.errors import DataValidationError, Problem  # noqa: F401
    from analysis.integrity import check_references  # noqa: F401
    from analysis.ledger import import_ledger  # noqa: F401
    from analysis.loaders import (  # noqa: F401
        domain_values,
        load,
        load_communities,
        load_compounds,
        load_consultations,
        load_evaluations,
        load_inspections,
        load_loans,
        load_published_figures,
        load_renovation_tasks,
        load_units,
        load_vocabulary,
    )
    from analysis.paths import DATA_DIR, PROJECT_ROOT  # noqa: F401
    from analysis.reconciliation import reconcile  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
