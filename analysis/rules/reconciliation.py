"""Recompute each published figure from the record-level data and compare.

Every figure on the seed page gets one row: the published value, the value computed
from records (where records exist that can produce it) and a status. The definitions
below *are* the contract between the synthetic generator and the page: the generator is
calibrated so that every computable figure matches, and a researcher's real ledgers can
be checked against the page the same way.

How a published qualifier is read
---------------------------------
- 确数 (exact): the computed value equals the published one.
- 余 / 多 (at least): ``published <= computed < published + step``, where ``step`` is the
  rounding place of the published number (10 for 10余, 100 for 2400余): "2400余户" is read as
  2,400–2,499 households.
- 近 (nearly): ``published - step < computed <= published``.
- 约 (about): within 2 when the unit is a year ("mid-1990s" → 1993–1997), else within 5 %.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from analysis.datasets.schema import RECORD_DATASETS
from analysis.rules.entities import (
    CONSULTATION_FORMATS,
    FOOD_WASTE_CAMPAIGN,
    HOUSING_BUREAU,
    LABOUR_BUREAU_COMPOUND,
    SIX_SMALL_CAMPAIGN,
    SURVEY_FORMATS,
    ZXL,
)

MATCH, MISMATCH, NOT_COMPUTABLE = "match", "mismatch", "not computable from records"


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


def rounding_step(value: float) -> float:
    """Return the rounding place of a published round number (2400 → 100, 10 → 10, 0.5 → 0.1).

    >>> rounding_step(2400), rounding_step(10), rounding_step(87)
    (100, 10, 1)
    """
    if value != int(value):
        decimals = len(repr(float(value)).split(".")[1])
        return 10.0**-decimals
    n, step = int(abs(value)), 1
    while n and n % 10 == 0:
        n //= 10
        step *= 10
    return step


def accepted_range(
    published: float, qualifier: str, unit_of_measure: str
) -> tuple[float, float, bool, bool]:
    """Return the computed values a published figure accepts under its qualifier.

    Returns
    -------
    (low, high, low_inclusive, high_inclusive)
        The interval; e.g. 200余 gives ``(200, 300, True, False)``.

    Raises
    ------
    ValueError
        If the qualifier is not 确数, 余, 近 or 约.
    """
    step = rounding_step(published)
    if qualifier == "确数":
        return published, published, True, True
    if qualifier == "余":
        return published, published + step, True, False
    if qualifier == "近":
        return published - step, published, False, True
    if qualifier == "约":
        tol = 2 if unit_of_measure == "年" else 0.05 * abs(published)
        return published - tol, published + tol, True, True
    raise ValueError(f"unknown qualifier {qualifier!r}; expected 确数, 余, 近 or 约")


def compare(
    published: float, computed: float, qualifier: str, unit_of_measure: str
) -> tuple[bool, str]:
    """Judge a computed value against a published one under the page's qualifier.

    Returns
    -------
    (bool, str)
        Whether it matches, and the rule applied in words.

    Raises
    ------
    ValueError
        If the qualifier is unknown.
    """
    low, high, low_in, high_in = accepted_range(published, qualifier, unit_of_measure)
    fmt = "{:.10g}" if unit_of_measure == "年" else "{:,.10g}"  # 1995, but 13,900,000
    if low == high:
        return bool(np.isclose(computed, published)), f"= {fmt.format(published)}"
    above = computed >= low if low_in else computed > low
    below = computed <= high if high_in else computed < high
    rule = (
        f"{fmt.format(low)} {'≤' if low_in else '<'} x {'≤' if high_in else '<'} {fmt.format(high)}"
    )
    return bool(above and below), rule


def _display(value: object, unit_of_measure: str = "") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    # a year is a label, not a quantity: 1995, not 1,995
    return f"{float(value):.10g}" if unit_of_measure == "年" else f"{float(value):,.10g}"


def reconcile(frames: Frames | None = None, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare every published figure with the value computed from records.

    Parameters
    ----------
    frames
        Record datasets by name (``compounds``, ``loans`` …). Missing ones are loaded
        from the shipped files, so a researcher can pass only the ledgers they have.
    figures
        The published figures; default :func:`analysis.load_published_figures`.

    Returns
    -------
    pandas.DataFrame
        One row per figure: figure_id, topic, subject_zh, metric, published, qualifier,
        unit_of_measure, computed, rule, computed_from, status.

    Raises
    ------
    DataValidationError
        If a shipped file needed to fill in ``frames`` is invalid.
    """
    from analysis.datasets.loaders import load, load_published_figures

    figures = load_published_figures() if figures is None else figures
    data = dict(frames or {})
    for name in RECORD_DATASETS:
        if name not in data:
            data[name] = load(name)

    rows = []
    for fig in figures.itertuples(index=False):
        is_date = pd.notna(fig.event_date)
        published = fig.event_date if is_date else fig.value
        row = {
            "figure_id": fig.figure_id,
            "topic": fig.topic,
            "subject_zh": fig.subject_zh,
            "metric": fig.metric,
            "published": _display(published, fig.unit_of_measure),
            "qualifier": fig.qualifier,
            "unit_of_measure": fig.unit_of_measure,
            "computed": "",
            "rule": "",
            "computed_from": "",
            "status": NOT_COMPUTABLE,
        }
        if fig.figure_id in COMPUTATIONS:
            source, compute = COMPUTATIONS[fig.figure_id]
            computed = compute(data)
            row["computed"], row["computed_from"] = _display(computed, fig.unit_of_measure), source
            if is_date:
                ok, row["rule"] = bool(computed == published), f"= {_display(published)}"
            elif pd.isna(computed):
                ok, row["rule"] = False, "no records"
            else:
                ok, row["rule"] = compare(
                    float(published), float(computed), fig.qualifier, fig.unit_of_measure
                )
            row["status"] = MATCH if ok else MISMATCH
        rows.append(row)
    out = pd.DataFrame(rows)
    out["status"] = pd.Categorical(out["status"], [MATCH, MISMATCH, NOT_COMPUTABLE], ordered=True)
    return out
