"""Governance metrics of unmanaged compounds (无主管楼院): tidy frames in, tidy frames out.

The counting rules for the figures the newspaper page publishes live in
:data:`analysis.rules.reconciliation.COMPUTATIONS`; :func:`governance_vs_published` reuses them, so
a chart and the reconciliation can never disagree about what "19 party organisations"
means. Nothing here plots; :mod:`analysis.overview.charts` draws these frames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.rules.entities import in_order
from analysis.rules.reconciliation import COMPUTATIONS, MATCH, MISMATCH, compare

#: Columns of ``compounds`` the metrics read.
COMPOUND_COLUMNS = (
    "compound_id",
    "name_zh",
    "unit_id",
    "party_org_id",
    "resident_body",
    "volunteer_groups",
    "property_pilot",
)
#: Published 中心路街道 figures about governance bodies, all computable from compounds.
GOVERNANCE_FIGURES = (
    "zxl-compounds",
    "zxl-temp-party-orgs",
    "zxl-self-mgmt-committees",
    "zxl-owners-committees",
    "zxl-volunteer-groups",
    "zxl-pilot-compounds",
    "zxl-party-org-coverage",
    "zxl-resident-body-coverage",
)
#: What a compound can lack, in display order; values of ``compounds_lacking()["lacks"]``.
BODIES = ("party_org", "resident_body", "volunteer_groups")


def _body_types(compounds: pd.DataFrame) -> list[str]:
    """Resident-body types in vocabulary order, even those no compound has."""
    from analysis.datasets.loaders import category_order

    return category_order(compounds["resident_body"], "resident_body")


def descendants(units: pd.DataFrame) -> dict[str, set[str]]:
    """Map each unit to itself plus every unit below it (via parent_id)."""
    parent = dict(zip(units["unit_id"], units["parent_id"], strict=True))
    out: dict[str, set[str]] = {u: {u} for u in parent}
    for unit in parent:
        seen: set[str] = set()
        up = parent[unit]
        # Walk up to the root; `seen` stops a malformed cycle from looping forever.
        while isinstance(up, str) and up in out and up not in seen:
            seen.add(up)
            out[up].add(unit)
            up = parent[up]
    return out


def coverage_by_unit(compounds: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Count governance bodies per administrative unit.

    A unit's figures cover its own compounds and those of the units below it, so the
    district row (上街区) is the district total and the subdistrict rows add up to it.

    Parameters
    ----------
    compounds
        One row per compound, as :func:`analysis.load_compounds` returns.
    units
        The units table, as :func:`analysis.load_units` returns.

    Returns
    -------
    pandas.DataFrame
        One row per unit, in ``sort_order``, every unit present even with no compounds.
        Columns: ``unit_id``, ``name_zh``, ``name_en``, ``kind``; counts (int):
        ``compounds``, ``with_party_org``, ``party_orgs`` (distinct party_org_id),
        ``with_resident_body``, one column per resident-body type named by its Chinese
        value (业主委员会, 自管会, 楼院理事会, 居民议事会), ``volunteer_groups``, ``pilots``,
        ``lacking_any`` (compounds missing a party organisation or a resident body);
        shares in percent (float): ``party_org_pct``, ``resident_body_pct``.
        A unit with no compounds has 0 in every count and NaN shares: a share of
        nothing is undefined, and 0 % would read as "no coverage". A unit a ledger names
        that ``units`` does not know gets a row of its own after the known ones (named
        by its id, under the district), so its compounds neither vanish nor crash.

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(compounds, COMPOUND_COLUMNS, "compounds")
    require_columns(units, ("unit_id", "name_zh", "name_en", "kind", "parent_id"), "units")
    units = in_order(units)
    unknown = sorted(set(compounds["unit_id"].astype(str)) - set(units["unit_id"].astype(str)))
    if unknown:
        roots = units.loc[units["parent_id"].isna(), "unit_id"]
        extra = pd.DataFrame(
            {
                "unit_id": unknown,
                "name_zh": unknown,
                "name_en": unknown,
                "kind": "",
                "parent_id": roots.iloc[0] if len(roots) else None,
            }
        )
        units = pd.concat([units, extra], ignore_index=True)
    body_types = _body_types(compounds)
    members = descendants(units)
    unit_of = compounds["unit_id"].astype(str)

    rows = []
    for unit in units.itertuples(index=False):
        c = compounds[unit_of.isin(members[unit.unit_id]).to_numpy()]
        body = c["resident_body"].astype("object")
        row = {
            "unit_id": unit.unit_id,
            "name_zh": unit.name_zh,
            "name_en": unit.name_en,
            "kind": unit.kind,
            "compounds": len(c),
            "with_party_org": int(c["party_org_id"].notna().sum()),
            "party_orgs": int(c["party_org_id"].nunique()),
            "with_resident_body": int(body.notna().sum()),
            **{t: int((body == t).sum()) for t in body_types},
            "volunteer_groups": int(c["volunteer_groups"].sum()),
            "pilots": int(c["property_pilot"].astype(bool).sum()),
            "lacking_any": int((c["party_org_id"].isna() | body.isna()).sum()),
        }
        rows.append(row)
    out = pd.DataFrame(rows)
    total = out["compounds"].where(out["compounds"] > 0)  # NaN, not 0, for empty units
    out["party_org_pct"] = 100 * out["with_party_org"] / total
    out["resident_body_pct"] = 100 * out["with_resident_body"] / total
    out.attrs = {"datasets": ["compounds"]}
    return out


def governance_vs_published(compounds: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Put the 中心路街道 governance figures beside the values computed from ``compounds``.

    The computation and the qualifier rule of each figure are those of
    :mod:`analysis.rules.reconciliation` (``COMPUTATIONS`` and ``compare``), not a second copy.

    Parameters
    ----------
    compounds
        Compound records (synthetic by default, or a researcher's ledger).
    figures
        Published figures, as :func:`analysis.load_published_figures` returns.

    Returns
    -------
    pandas.DataFrame
        One row per figure in :data:`GOVERNANCE_FIGURES` order: ``figure_id``,
        ``metric``, ``description_en``, ``quote_zh``, ``unit_of_measure``,
        ``qualifier``, ``published``, ``computed`` (floats), ``rule`` and ``status``
        (``match`` or ``mismatch``).

    Raises
    ------
    KeyError
        If ``figures`` lacks one of the governance figures or a required column.
    """
    require_columns(compounds, COMPOUND_COLUMNS, "compounds")
    missing = [f for f in GOVERNANCE_FIGURES if f not in set(figures["figure_id"])]
    if missing:
        raise KeyError(f"published figures lack {', '.join(missing)}")
    frames = {"compounds": compounds}
    by_id = figures.set_index("figure_id")
    rows = []
    for figure_id in GOVERNANCE_FIGURES:
        fig = by_id.loc[figure_id]
        computed = float(COMPUTATIONS[figure_id][1](frames))  # type: ignore[arg-type]
        published = float(fig["value"])
        if np.isnan(computed):  # e.g. a coverage share over zero compounds
            ok, rule = False, "no records"
        else:
            ok, rule = compare(published, computed, fig["qualifier"], fig["unit_of_measure"])
        rows.append(
            {
                "figure_id": figure_id,
                "metric": fig["metric"],
                "description_en": fig["description_en"],
                "quote_zh": fig["quote_zh"],
                "unit_of_measure": fig["unit_of_measure"],
                "qualifier": fig["qualifier"],
                "published": published,
                "computed": computed,
                "rule": rule,
                "status": MATCH if ok else MISMATCH,
            }
        )
    out = pd.DataFrame(rows)
    out["status"] = pd.Categorical(out["status"], [MATCH, MISMATCH], ordered=True)
    out.attrs = {"datasets": ["published_figures", "compounds"]}
    return out


def compounds_lacking(compounds: pd.DataFrame) -> pd.DataFrame:
    """List which compounds lack which governance body.

    Parameters
    ----------
    compounds
        One row per compound.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per compound and missing body: ``compound_id``,
        ``name_zh``, ``unit_id`` and ``lacks`` (ordered categorical of :data:`BODIES`:
        no party organisation, no resident self-governance body, no volunteer group).
        A compound lacking nothing has no row; one lacking all three has three.
        Sorted by unit (in category order when ``unit_id`` is categorical), compound,
        body.

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(compounds, COMPOUND_COLUMNS, "compounds")
    missing = pd.DataFrame(
        {
            "party_org": compounds["party_org_id"].isna().to_numpy(),
            "resident_body": compounds["resident_body"].isna().to_numpy(),
            "volunteer_groups": (compounds["volunteer_groups"] == 0).to_numpy(),
        },
        index=compounds.index,
    )
    keys = compounds[["compound_id", "name_zh", "unit_id"]]
    long = keys.join(missing).melt(
        id_vars=["compound_id", "name_zh", "unit_id"], var_name="lacks", value_name="missing"
    )
    long = long[long["missing"]].drop(columns="missing")
    long["lacks"] = pd.Categorical(long["lacks"], BODIES, ordered=True)
    out = long.sort_values(["unit_id", "compound_id", "lacks"], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs = {"datasets": ["compounds"]}
    return out
