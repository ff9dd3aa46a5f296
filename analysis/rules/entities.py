"""The entities the page names, and the district itself: one definition each.

The page names one compound (劳动局家属院), one office (the housing bureau), the consultation
formats, two campaigns, and reports on 中心路街道; the district is the unit every other unit
belongs to. Generator, importer, reconciliation and topics all take these names from here.
"""

from __future__ import annotations

import pandas as pd

#: The district (上街区): the total, not a peer of its subdistricts and town.
DISTRICT_ID = "shangjie"
ZXL = "zhongxinlu"
LABOUR_BUREAU_COMPOUND = "劳动局家属院"
HOUSING_BUREAU = "区住建局(交通)局"
#: Formats the page counts as 居民议事活动 (resident consultations).
CONSULTATION_FORMATS = ("小板凳恳谈会", "居民议事会", "上门入户")
SURVEY_FORMATS = ("线上问卷", "线下问卷")
FOOD_WASTE_CAMPAIGN = "制止餐饮浪费专项监督"
SIX_SMALL_CAMPAIGN = "六小督导检查"


def in_order(units: pd.DataFrame) -> pd.DataFrame:
    """``units`` in display order (``sort_order`` when present; the district first)."""
    if "sort_order" in units.columns:
        return units.sort_values("sort_order", kind="stable")
    return units


def is_district(unit_ids: pd.Series) -> pd.Series:
    """True where a unit id is the district's."""
    return unit_ids.astype(str) == DISTRICT_ID


def subunits(units: pd.DataFrame) -> pd.DataFrame:
    """The subdistricts and the town, in display order: every unit but the district."""
    units = in_order(units)
    return units[~is_district(units["unit_id"])]
