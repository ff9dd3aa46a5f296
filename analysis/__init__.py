"""Helper library for the Shangjie District grassroots-governance notebooks.

Public names are imported lazily (PEP 562) so that ``import analysis`` stays cheap:
pandas, pandera and matplotlib load only when a function that needs them is called.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from analysis.config import VERSION

__version__ = VERSION

_EXPORTS = {
    "DataValidationError": "analysis.datasets.errors",
    "Problem": "analysis.datasets.errors",
    "PROJECT_ROOT": "analysis.config",
    "DATA_DIR": "analysis.config",
    "configure": "analysis.config",
    "settings": "analysis.config",
    "load": "analysis.datasets.loaders",
    "domain_values": "analysis.datasets.loaders",
    "load_units": "analysis.datasets.loaders",
    "load_vocabulary": "analysis.datasets.loaders",
    "load_published_figures": "analysis.datasets.loaders",
    "load_communities": "analysis.datasets.loaders",
    "load_compounds": "analysis.datasets.loaders",
    "load_renovation_tasks": "analysis.datasets.loaders",
    "load_consultations": "analysis.datasets.loaders",
    "load_evaluations": "analysis.datasets.loaders",
    "load_loans": "analysis.datasets.loaders",
    "load_inspections": "analysis.datasets.loaders",
    "reconcile": "analysis.rules.reconciliation",
    "check_references": "analysis.datasets.integrity",
    "import_ledger": "analysis.ledger",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from analysis.config import DATA_DIR, PROJECT_ROOT, configure, settings  # noqa: F401
    from analysis.datasets.errors import DataValidationError, Problem  # noqa: F401
    from analysis.datasets.integrity import check_references  # noqa: F401
    from analysis.datasets.loaders import (  # noqa: F401
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
    from analysis.ledger import import_ledger  # noqa: F401
    from analysis.rules.reconciliation import reconcile  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
