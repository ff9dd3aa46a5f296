"""Metadata beside the data: ``data/datapackage.json`` (Frictionless-style).

Each resource records its title, description, layer (reference / published /
synthetic), sources, licence, the generator and seed for synthetic files, the file's
sha256 and row count, and the data dictionary derived from :mod:`analysis.datasets.schema`.
:func:`verify` reports every way the files and the metadata have drifted apart — the
role OWID's ``.dvc`` files play — and a test fails on any of them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from analysis.config import DATA_DIR, DATAPACKAGE_PATH, VERSION
from analysis.datasets.schema import DATASETS, Dataset

_FRICTIONLESS_TYPES = {
    "id": "string",
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "date": "date",
    "category": "string",
}


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count_rows(path: Path) -> int:
    import pandas as pd

    return len(pd.read_csv(path, dtype=str, keep_default_na=False))


def field_dictionary(dataset: Dataset) -> list[dict[str, Any]]:
    """Return the data dictionary of a dataset: name, type, description, constraints."""
    from analysis.datasets.loaders import domain_values

    out = []
    for f in dataset.fields:
        constraints: dict[str, Any] = {"required": f.required}
        if f.unique:
            constraints["unique"] = True
        if f.kind == "category":
            constraints["enum"] = domain_values(f.domain or "")
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if f.maximum is not None:
            constraints["maximum"] = f.maximum
        entry: dict[str, Any] = {
            "name": f.name,
            "type": _FRICTIONLESS_TYPES[f.kind],
            "description": f.description,
            "constraints": constraints,
        }
        if f.kind == "date":
            entry["format"] = "%Y-%m-%d"
        if f.domain:
            entry["domain"] = f.domain
        out.append(entry)
    return out


def _schema(dataset: Dataset) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": field_dictionary(dataset),
        "primaryKey": list(dataset.primary_key),
    }
    keys = [
        {"fields": f.name, "reference": {"resource": target, "fields": column}}
        for f in dataset.fields
        if f.references
        for target, column in [f.references.split(".")]
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def build_resource(dataset: Dataset) -> dict[str, Any]:
    """Describe one dataset file as it is on disk now.

    Raises
    ------
    FileNotFoundError
        If the dataset's file does not exist.
    """
    path = DATA_DIR / dataset.path
    resource: dict[str, Any] = {
        "name": dataset.name,
        "path": dataset.path,
        "title": dataset.title,
        "description": dataset.description,
        "layer": dataset.layer,
        "synthetic": dataset.synthetic,
        "format": "csv",
        "encoding": "utf-8",
        "sources": list(dataset.sources),
        "licenses": [{"name": dataset.licence}],
    }
    if dataset.synthetic:
        from analysis.datasets.schema import (
            GENERATOR_VERSION,
            SEED,
            SEED_SOURCE,
            SYNTHETIC_SOURCE,
        )

        resource["sources"] = [SYNTHETIC_SOURCE, SEED_SOURCE]
        resource["generator"] = {
            "module": "analysis.synth",
            "version": GENERATOR_VERSION,
            "seed": SEED,
        }
    resource["hash"] = f"sha256:{sha256_of(path)}"
    resource["bytes"] = path.stat().st_size
    resource["rows"] = _count_rows(path)
    resource["schema"] = _schema(dataset)
    return resource


def build_datapackage() -> dict[str, Any]:
    """Describe every dataset as the files on disk are now."""
    return {
        "name": "shangjie-governance",
        "title": "Grassroots governance in Shangjie District, Zhengzhou",
        "description": (
            "Three layers: published figures cited from a district newspaper page (real); "
            "record-level data generated to reproduce them (synthetic, labelled as such); "
            "reference tables of units and categories."
        ),
        "version": VERSION,
        "resources": [build_resource(d) for d in DATASETS.values()],
    }


def dumps(package: dict[str, Any]) -> str:
    """Serialise metadata deterministically (key order kept, UTF-8, trailing newline)."""
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def write_datapackage(path: Path = DATAPACKAGE_PATH) -> Path:
    """Rewrite the metadata file from the files on disk; return its path."""
    path.write_text(dumps(build_datapackage()), encoding="utf-8")
    return path


def read_datapackage(path: Path = DATAPACKAGE_PATH) -> dict[str, Any]:
    """Read the committed metadata.

    Raises
    ------
    FileNotFoundError
        If the metadata file is missing (run ``make data``).
    """
    return json.loads(path.read_text(encoding="utf-8"))


def resource(name: str) -> dict[str, Any]:
    """Return the committed metadata of one dataset.

    Raises
    ------
    KeyError
        If the datapackage has no resource of that name.
    """
    for res in read_datapackage()["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in {DATAPACKAGE_PATH}")


def verify(path: Path = DATAPACKAGE_PATH) -> list[str]:
    """List every disagreement between the data files and the committed metadata.

    An empty list means files and metadata agree: same bytes (sha256), same row
    counts, same data dictionary, same generator version and seed.
    """
    committed = {r["name"]: r for r in read_datapackage(path)["resources"]}
    problems = []
    for name in sorted(set(DATASETS) ^ set(committed)):
        problems.append(f"{name}: in {'schema' if name in DATASETS else 'metadata'} only")
    for name, dataset in DATASETS.items():
        if name not in committed:
            continue
        file = DATA_DIR / dataset.path
        if not file.is_file():
            problems.append(f"{name}: file {dataset.path} is missing")
            continue
        current = build_resource(dataset)
        for key in current:
            if current[key] != committed[name].get(key):
                problems.append(
                    f"{name}: {key} differs between {dataset.path} and {path.name} "
                    f"(run `make data` to regenerate, or restore the file)"
                )
    return problems
