"""Governance metrics against hand-computed expectations on small frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.renovation import governance
from analysis.rules.reconciliation import MATCH, MISMATCH


@pytest.fixture
def small_units() -> pd.DataFrame:
    # Rows deliberately out of sort_order; xiawo has no compounds at all.
    return pd.DataFrame(
        {
            "unit_id": ["xiawo", "zhongxinlu", "shangjie", "jiyuanlu"],
            "name_zh": ["峡窝镇", "中心路街道", "上街区", "济源路街道"],
            "name_en": ["Xiawo Town", "Zhongxinlu Subdistrict", "Shangjie District", "Jiyuanlu"],
            "kind": ["镇", "街道", "区", "街道"],
            "parent_id": ["shangjie", "shangjie", None, "shangjie"],
            "sort_order": [6, 2, 0, 1],
        }
    )


@pytest.fixture
def small_compounds() -> pd.DataFrame:
    # c3 lacks a resident body and volunteers; c4 lacks every body.
    return pd.DataFrame(
        {
            "compound_id": ["c1", "c2", "c3", "c4", "c5"],
            "name_zh": ["甲院", "乙院", "丙院", "丁院", "戊院"],
            "unit_id": ["zhongxinlu", "zhongxinlu", "zhongxinlu", "jiyuanlu", "jiyuanlu"],
            "party_org_id": ["P1", "P1", "P2", None, "P3"],
            "resident_body": ["自管会", "业主委员会", None, None, "楼院理事会"],
            "volunteer_groups": [2, 1, 0, 0, 3],
            "property_pilot": [True, False, False, False, True],
        }
    )


@pytest.fixture
def coverage(small_compounds, small_units) -> pd.DataFrame:
    return governance.coverage_by_unit(small_compounds, small_units).set_index("unit_id")


def test_every_unit_is_present_in_sort_order(coverage):
    assert list(coverage.index) == ["shangjie", "jiyuanlu", "zhongxinlu", "xiawo"]


def test_counts_of_one_subdistrict(coverage):
    z = coverage.loc["zhongxinlu"]
    assert (z["compounds"], z["with_party_org"], z["party_orgs"]) == (3, 3, 2)
    assert (z["with_resident_body"], z["自管会"], z["业主委员会"], z["楼院理事会"]) == (2, 1, 1, 0)
    assert z["居民议事会"] == 0  # a body type no compound has still gets its column
    assert (z["volunteer_groups"], z["pilots"], z["lacking_any"]) == (3, 1, 1)
    assert z["party_org_pct"] == pytest.approx(100.0)
    assert z["resident_body_pct"] == pytest.approx(200 / 3)


def test_compound_with_no_bodies_counts_against_its_unit(coverage):
    j = coverage.loc["jiyuanlu"]
    assert (j["compounds"], j["with_party_org"], j["with_resident_body"]) == (2, 1, 1)
    assert (j["party_org_pct"], j["resident_body_pct"]) == (50.0, 50.0)
    assert j["lacking_any"] == 1


def test_unit_with_zero_compounds_has_zero_counts_and_nan_shares(coverage):
    x = coverage.loc["xiawo"]
    counts = [
        "compounds",
        "with_party_org",
        "party_orgs",
        "with_resident_body",
        "自管会",
        "volunteer_groups",
        "pilots",
        "lacking_any",
    ]
    assert all(x[c] == 0 for c in counts)
    assert np.isnan(x["party_org_pct"]) and np.isnan(x["resident_body_pct"])


def test_district_row_is_the_total_with_distinct_party_orgs(coverage):
    s = coverage.loc["shangjie"]
    assert (s["compounds"], s["with_party_org"], s["with_resident_body"]) == (5, 4, 3)
    assert s["party_orgs"] == 3  # P1 covers two compounds but is one organisation
    assert (s["volunteer_groups"], s["pilots"], s["lacking_any"]) == (6, 2, 2)
    assert (s["party_org_pct"], s["resident_body_pct"]) == (80.0, 60.0)


def test_counts_are_integers(coverage):
    assert coverage["compounds"].dtype.kind == "i"
    assert coverage["自管会"].dtype.kind == "i"


def test_compound_in_an_unknown_unit_gets_a_row_of_its_own(small_compounds, small_units):
    # a ledger's own unit is shown as what it is, and still counts in the district total
    odd = small_compounds.assign(unit_id=["zhongxinlu", "zhongxinlu", "atlantis", "jiyuanlu", "x"])
    out = governance.coverage_by_unit(odd, small_units).set_index("unit_id")
    assert out.loc["atlantis", "compounds"] == 1 and out.loc["x", "compounds"] == 1
    assert out.loc["atlantis", "name_en"] == "atlantis"
    assert list(out.index[-2:]) == ["atlantis", "x"]


def test_missing_column_is_an_error(small_compounds, small_units):
    with pytest.raises(KeyError, match="party_org_id"):
        governance.coverage_by_unit(small_compounds.drop(columns="party_org_id"), small_units)


def test_compounds_lacking_lists_each_missing_body(small_compounds):
    out = governance.compounds_lacking(small_compounds)
    assert list(zip(out["compound_id"], out["lacks"].astype(str), strict=True)) == [
        ("c4", "party_org"),
        ("c4", "resident_body"),
        ("c4", "volunteer_groups"),
        ("c3", "resident_body"),
        ("c3", "volunteer_groups"),
    ]
    assert list(out.columns) == ["compound_id", "name_zh", "unit_id", "lacks"]


def test_compounds_lacking_nothing_gives_an_empty_frame(small_compounds):
    complete = small_compounds.iloc[[0, 1, 4]]
    assert governance.compounds_lacking(complete).empty


def _figures(**values: float) -> pd.DataFrame:
    rows = {
        "zxl-compounds": ("unmanaged_compounds", "个"),
        "zxl-temp-party-orgs": ("temporary_party_organisations", "个"),
        "zxl-self-mgmt-committees": ("self_management_committees", "个"),
        "zxl-owners-committees": ("owners_committees", "个"),
        "zxl-volunteer-groups": ("volunteer_groups", "支"),
        "zxl-pilot-compounds": ("property_pilot_compounds", "个"),
        "zxl-party-org-coverage": ("party_org_coverage_pct", "%"),
        "zxl-resident-body-coverage": ("resident_body_coverage_pct", "%"),
    }
    return pd.DataFrame(
        [
            {
                "figure_id": f,
                "metric": m,
                "description_en": m,
                "quote_zh": "引文",
                "unit_of_measure": u,
                "qualifier": "确数",
                "value": values[f.replace("-", "_")],
            }
            for f, (m, u) in rows.items()
        ]
    )


def test_governance_vs_published_on_a_small_frame(small_compounds):
    figures = _figures(
        zxl_compounds=3,
        zxl_temp_party_orgs=2,
        zxl_self_mgmt_committees=1,
        zxl_owners_committees=1,
        zxl_volunteer_groups=3,
        zxl_pilot_compounds=1,
        zxl_party_org_coverage=100,
        zxl_resident_body_coverage=100,
    )
    out = governance.governance_vs_published(small_compounds, figures).set_index("figure_id")
    assert list(out.index) == list(governance.GOVERNANCE_FIGURES)
    assert out.loc["zxl-temp-party-orgs", "computed"] == 2.0
    assert out.loc["zxl-resident-body-coverage", "computed"] == pytest.approx(200 / 3)
    mismatches = out.index[out["status"] == MISMATCH].tolist()
    assert mismatches == ["zxl-resident-body-coverage"]  # c3 has no resident body


def test_governance_vs_published_needs_every_figure(small_compounds):
    figures = _figures(
        zxl_compounds=3,
        zxl_temp_party_orgs=2,
        zxl_self_mgmt_committees=1,
        zxl_owners_committees=1,
        zxl_volunteer_groups=3,
        zxl_pilot_compounds=1,
        zxl_party_org_coverage=100,
        zxl_resident_body_coverage=100,
    )
    with pytest.raises(KeyError, match="zxl-pilot-compounds"):
        governance.governance_vs_published(
            small_compounds, figures[figures["figure_id"] != "zxl-pilot-compounds"]
        )


def test_shipped_records_reproduce_every_governance_figure(compounds_df, published_figures_df):
    out = governance.governance_vs_published(compounds_df, published_figures_df)
    assert (out["status"] == MATCH).all(), out.loc[out["status"] != MATCH, "figure_id"].tolist()


def test_shipped_coverage_agrees_with_the_published_page(
    compounds_df, units_df, published_figures_df
):
    cov = governance.coverage_by_unit(compounds_df, units_df).set_index("unit_id")
    z = cov.loc["zhongxinlu"]
    published = published_figures_df.set_index("figure_id")["value"]
    assert z["compounds"] == published["zxl-compounds"]
    assert z["party_orgs"] == published["zxl-temp-party-orgs"]
    assert z["自管会"] == published["zxl-self-mgmt-committees"]
    assert z["业主委员会"] == published["zxl-owners-committees"]
    assert z["volunteer_groups"] == published["zxl-volunteer-groups"]
    assert z["pilots"] == published["zxl-pilot-compounds"]
    # The district row is the sum of the rows below it for every additive count.
    below = cov[cov["kind"].astype(str) != "区"]
    for column in ["compounds", "with_party_org", "with_resident_body", "volunteer_groups"]:
        assert cov.loc["shangjie", column] == below[column].sum()
