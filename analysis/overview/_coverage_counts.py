"""Governance coverage counted straight from the compound records, for the key points.

Section 4 of notebook 00 reads the per-unit frame of ``renovation.coverage_by_unit``;
the key points of the site's index must load what they need themselves, and topics do not
import each other, so the few counts they state are taken here from the compound records
with the same definitions (a party organisation: ``party_org_id`` recorded; a resident
body: ``resident_body`` recorded; a volunteer group: ``volunteer_groups`` above 0).
"""

from __future__ import annotations

import pandas as pd

from analysis.rules.entities import ZXL


def coverage_counts(compounds: pd.DataFrame, unit_id: str | None = None) -> dict[str, int]:
    """Compounds, and those with each kind of body, over all records or one unit's.

    Parameters
    ----------
    compounds
        The compound records (``unit_id``, ``party_org_id``, ``resident_body``,
        ``volunteer_groups`` are read; a missing body column counts as nothing recorded).
    unit_id
        One unit's compounds only; None for all of them.

    Returns
    -------
    dict
        ``compounds``, ``with_party_org``, ``with_resident_body``, ``with_volunteers`` and
        ``lacking_any`` (no party organisation, no resident body or no volunteer group).

    Raises
    ------
    KeyError
        If ``unit_id`` is given and ``compounds`` has no ``unit_id`` column.
    """
    rows = compounds if unit_id is None else compounds[compounds["unit_id"].astype(str) == unit_id]
    n = len(rows)

    def recorded(column: str) -> pd.Series:
        if column not in rows:
            return pd.Series(False, index=rows.index)
        return rows[column].astype("object").notna()

    party, body = recorded("party_org_id"), recorded("resident_body")
    if "volunteer_groups" in rows:
        volunteers = pd.to_numeric(rows["volunteer_groups"], errors="coerce").fillna(0) > 0
    else:
        volunteers = pd.Series(False, index=rows.index)
    return {
        "compounds": n,
        "with_party_org": int(party.sum()),
        "with_resident_body": int(body.sum()),
        "with_volunteers": int(volunteers.sum()),
        "lacking_any": int((~party | ~body | ~volunteers).sum()),
    }


def focus_and_district(compounds: pd.DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """:func:`coverage_counts` of 中心路街道 (the unit the page reports) and of all records.

    Raises
    ------
    KeyError
        If ``compounds`` has no ``unit_id`` column.
    """
    return coverage_counts(compounds, ZXL), coverage_counts(compounds)
