"""What each computable published figure is computed from: the records and the rule.

:data:`COMPUTATIONS` maps a figure id to (what records, how). It is re-exported by
:mod:`analysis.rules.reconciliation`, which compares the results with the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from analysis.rules.entities import (
    CONSULTATION_FORMATS,
    FOOD_WASTE_CAMPAIGN,
    HOUSING_BUREAU,
    LABOUR_BUREAU_COMPOUND,
    SIX_SMALL_CAMPAIGN,
    SURVEY_FORMATS,
    ZXL,
)

Frames = Mapping[str, pd.DataFrame]


def _zxl_compounds(d: Frames) -> pd.DataFrame:
    c = d["compounds"]
    return c[c["unit_id"] == ZXL]


def _consultations_of(d: Frames, compounds: pd.DataFrame, formats: tuple[str, ...]) -> pd.DataFrame:
    c = d["consultations"]
    return c[c["compound_id"].isin(compounds["compound_id"]) & c["format"].isin(formats)]


def _hb_compounds(d: Frames) -> pd.DataFrame:
    c = d["compounds"]
    return c[c["partner_unit"] == HOUSING_BUREAU]


def _labour_bureau(d: Frames) -> pd.DataFrame:
    c = d["compounds"]
    return c[c["name_zh"] == LABOUR_BUREAU_COMPOUND]


def _campaign(d: Frames, campaign: str) -> pd.DataFrame:
    i = d["inspections"]
    return i[i["campaign"] == campaign]


def _median_round_gap_months(d: Frames) -> float:
    dates = pd.Series(d["evaluations"]["held_on"].drop_duplicates().sort_values())
    gaps = dates.diff().dropna().dt.days / (365.25 / 12)
    return float(np.round(gaps.median())) if len(gaps) else np.nan


#: figure_id → (what records it is computed from, how)
COMPUTATIONS: dict[str, tuple[str, Callable[[Frames], object]]] = {
    "zxl-compounds": ("compounds in 中心路街道", lambda d: len(_zxl_compounds(d))),
    "zxl-temp-party-orgs": (
        "distinct party_org_id over 中心路街道 compounds",
        lambda d: _zxl_compounds(d)["party_org_id"].nunique(),
    ),
    "zxl-volunteer-groups": (
        "sum of volunteer_groups, 中心路街道",
        lambda d: int(_zxl_compounds(d)["volunteer_groups"].sum()),
    ),
    "zxl-self-mgmt-committees": (
        "compounds whose resident_body is 自管会, 中心路街道",
        lambda d: int((_zxl_compounds(d)["resident_body"] == "自管会").sum()),
    ),
    "zxl-owners-committees": (
        "compounds whose resident_body is 业主委员会, 中心路街道",
        lambda d: int((_zxl_compounds(d)["resident_body"] == "业主委员会").sum()),
    ),
    "zxl-party-org-coverage": (
        "% of 中心路街道 compounds with a party_org_id",
        lambda d: 100 * _zxl_compounds(d)["party_org_id"].notna().mean(),
    ),
    "zxl-resident-body-coverage": (
        "% of 中心路街道 compounds with a resident_body",
        lambda d: 100 * _zxl_compounds(d)["resident_body"].notna().mean(),
    ),
    "zxl-pilot-compounds": (
        "property_pilot compounds, 中心路街道",
        lambda d: int(_zxl_compounds(d)["property_pilot"].sum()),
    ),
    "zxl-consultations": (
        "consultations (小板凳恳谈会, 居民议事会, 上门入户), 中心路街道",
        lambda d: len(_consultations_of(d, _zxl_compounds(d), CONSULTATION_FORMATS)),
    ),
    "zxl-households-surveyed": (
        "households in survey rows (线上问卷, 线下问卷), 中心路街道",
        lambda d: int(_consultations_of(d, _zxl_compounds(d), SURVEY_FORMATS)["households"].sum()),
    ),
    "zxl-survey-suggestions": (
        "suggestions in survey rows, 中心路街道",
        lambda d: int(_consultations_of(d, _zxl_compounds(d), SURVEY_FORMATS)["suggestions"].sum()),
    ),
    "zxl-evaluation-interval": (
        "median months between evaluation rounds",
        _median_round_gap_months,
    ),
    "ldj-built-year": (
        "built_year of 劳动局家属院",
        lambda d: (
            int(_labour_bureau(d)["built_year"].iloc[0]) if len(_labour_bureau(d)) else np.nan
        ),
    ),
    "ldj-tasks": (
        "renovation tasks of 劳动局家属院",
        lambda d: int(
            d["renovation_tasks"]["compound_id"].isin(_labour_bureau(d)["compound_id"]).sum()
        ),
    ),
    "hb-compounds": (
        "compounds whose partner_unit is 区住建局(交通)局",
        lambda d: len(_hb_compounds(d)),
    ),
    "hb-suggestions": (
        "suggestions at 小板凳恳谈会 in the bureau's compounds",
        lambda d: int(
            _consultations_of(d, _hb_compounds(d), ("小板凳恳谈会",))["suggestions"].sum()
        ),
    ),
    "hb-problems-solved": (
        "resolved at 小板凳恳谈会 in the bureau's compounds",
        lambda d: int(_consultations_of(d, _hb_compounds(d), ("小板凳恳谈会",))["resolved"].sum()),
    ),
    "hb-cadre-participation": (
        "cadre_participants at 主题活动 in the bureau's compounds",
        lambda d: int(
            _consultations_of(d, _hb_compounds(d), ("主题活动",))["cadre_participants"].sum()
        ),
    ),
    "loans-publicity-communities": ("communities in the district", lambda d: len(d["communities"])),
    "loans-count": ("loans", lambda d: len(d["loans"])),
    "loans-amount": ("sum of amount_yuan", lambda d: int(d["loans"]["amount_yuan"].sum())),
    "cdi-canteens-inspected": (
        "distinct premises in the food-waste campaign",
        lambda d: _campaign(d, FOOD_WASTE_CAMPAIGN)["premises_id"].nunique(),
    ),
    "cdi-suggestions": (
        "suggestions in the food-waste campaign",
        lambda d: int(_campaign(d, FOOD_WASTE_CAMPAIGN)["suggestions"].sum()),
    ),
    "six-small-joint-inspection": (
        "first date of joint (联合检查) six-small visits",
        lambda d: (
            _campaign(d, SIX_SMALL_CAMPAIGN)
            .loc[lambda x: x["agency"] == "联合检查", "inspected_on"]
            .min()
        ),
    ),
}
