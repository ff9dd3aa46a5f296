"""Key points of page 00 and of the site's index, and the heading of a unit page.

Shipped data: every number a point prints is among the box's values, and the values equal
counts recomputed here from the reconciliation table and the compound records. Tiny and
empty frames still give 3–6 points; imported ledgers are not called synthetic.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
from analysis import overview
from analysis.datasets.metadata import read_datapackage
from analysis.presentation.findings import count, percent
from analysis.presentation.keypoints import MAX_POINTS, MIN_POINTS, KeyPoints
from analysis.rules.reconciliation import MATCHING, NOT_COMPUTABLE

HAN = re.compile(r"[\u3400-\u9fff]")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@pytest.fixture(scope="module")
def frames(published_figures_df: pd.DataFrame, compounds_df: pd.DataFrame) -> dict:
    """The frames notebook 00 loads."""
    return {
        "layers": overview.data_layers(read_datapackage()),
        "figures": published_figures_df,
        "table": analysis.reconcile(),
        "compounds": compounds_df,
    }


def _page(frames: dict, lang: str) -> KeyPoints:
    return overview.key_points(
        frames["layers"], frames["figures"], frames["table"], frames["compounds"], lang
    )


def _printed_are_values(box: KeyPoints) -> None:
    allowed: set[str] = set()
    for value in box.values.values():
        items = value.values() if isinstance(value, dict) else [value]
        for item in items:
            for v in item if isinstance(item, tuple) else (item,):
                if isinstance(v, int | float) and not isinstance(v, bool):
                    allowed.add(count(v))
    allowed |= {
        percent(box.values[k] / box.values["compounds"], 0).rstrip("%")
        for k in ("with_party_org", "with_resident_body")
        if box.values.get("compounds")
    }
    printed = set(NUMBER.findall(" ".join(box.points)))
    assert printed <= allowed, sorted(printed - allowed)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_points_recomputed(frames, lang):
    box = _page(frames, lang)
    table, compounds = frames["table"], frames["compounds"]
    v = box.values
    has_rule = table["computed_from"].astype(str).str.len() > 0
    assert v["figures"] == len(table) == 34
    assert v["computable"] == int(has_rule.sum()) == 24
    assert v["matched"] == int((has_rule & table["status"].isin(MATCHING)).sum())
    assert v["uncomputable"] == int((table["status"] == NOT_COMPUTABLE).sum()) == 9
    zxl = compounds[compounds["unit_id"] == "zhongxinlu"]
    assert v["focus_compounds"] == len(zxl) == v["focus_with_party_org"]
    assert v["with_party_org"] == int(compounds["party_org_id"].notna().sum())
    lacking = (
        compounds["party_org_id"].isna()
        | compounds["resident_body"].isna()
        | (compounds["volunteer_groups"] == 0)
    )
    assert v["lacking_any"] == int(lacking.sum())
    assert MIN_POINTS <= len(box.points) <= MAX_POINTS
    _printed_are_values(box)
    assert box.origin, "the box states where its records come from"


def test_page_points_in_english_are_english(frames):
    box = _page(frames, "en")
    assert not HAN.search(box.text), HAN.findall(box.text)
    assert "reproduce all 24 of them" in box.points[0]
    assert "by construction" in box.points[1]
    assert "zxl-" not in box.text  # figures are named, never by their id
    assert "Cadres assigned to compounds" in box.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_site_points(lang):
    box = overview.site_key_points(lang)
    assert MIN_POINTS <= len(box.points) <= MAX_POINTS
    v = box.values
    assert v["datasets_read"] == len(read_datapackage()["resources"])
    table = analysis.reconcile()
    by_topic = table[table["computed_from"].astype(str).str.len() > 0].groupby("topic").size()
    assert {t: k for t, (_, k) in v["by_topic"].items()} == by_topic.to_dict()
    _printed_are_values(box)
    if lang == "en":
        assert not HAN.search(box.text)
        assert "all synthetic" in box.points[0]
    assert 'class="key-points"' in box._repr_html_()


def test_tiny_and_empty_frames_still_give_points(frames):
    table, figures = frames["table"], frames["figures"]
    one = frames["compounds"].head(1)
    empty_compounds = frames["compounds"].iloc[:0]
    for lang in ("zh", "en"):
        for compounds in (one, empty_compounds):
            box = overview.key_points(frames["layers"], figures, table, compounds, lang)
            assert MIN_POINTS <= len(box.points) <= MAX_POINTS
        box = overview.key_points(
            frames["layers"], figures.iloc[:0], table.iloc[:0], empty_compounds, lang
        )
        assert MIN_POINTS <= len(box.points)
        assert box.values["figures"] == 0 and box.values["compounds"] == 0
    text = overview.key_points(frames["layers"], figures, table, empty_compounds, "en").text
    assert "cannot be checked" in text  # says what the records do not show


def test_a_mismatch_is_not_counted_as_reproduced(frames):
    figures = frames["figures"].copy()
    figures.loc[figures["figure_id"] == "zxl-compounds", "value"] = 35.0
    table = analysis.reconcile(figures=figures)
    box = overview.key_points(frames["layers"], figures, table, frames["compounds"], "en")
    assert box.values["matched"] == box.values["computable"] - 1
    assert "reproduce 23 of them" in box.points[0]


def test_imported_compounds_are_not_called_synthetic(ledger_folder, compounds_df):
    small = compounds_df[compounds_df["unit_id"] == "zhongxinlu"].head(3).copy()
    small.loc[small.index[0], "party_org_id"] = None
    ledger_folder("compounds", small)
    compounds = analysis.load_compounds()
    table = analysis.reconcile()
    layers = overview.data_layers(read_datapackage())
    box = overview.key_points(layers, analysis.load_published_figures(), table, compounds, "en")
    assert "imported ledgers" in box.text and "real check" in box.text
    assert "compound records" not in " ".join(o for o in box.origin if "synthetic" in o)
    assert any("imported" in o and "compound records" in o for o in box.origin)
    assert "2 of the 3 unmanaged compounds" in box.text  # the focus point, from the ledger
    site = overview.site_key_points("en")
    assert site.values["imported_records"] == 1 and "still synthetic" in site.points[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unit_heading_per_edition(units_df, lang):
    for unit_id in units_df["unit_id"]:
        heading = overview.unit_heading(unit_id, lang=lang)
        name = units_df.set_index("unit_id").loc[unit_id, "name_zh" if lang == "zh" else "name_en"]
        assert heading.title.startswith(str(name))
        assert heading._repr_markdown_().startswith(f"# {name}")
        assert "2020-09-23" in heading.text
        assert bool(HAN.search(heading.text)) == (lang == "zh")
    assert overview.unit_heading("东街", lang="en").title == "东街 · Unit report"
