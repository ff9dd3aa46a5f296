"""A unit's page: computed heading, a key-points box from the three topics, the unit beside
the district in every section, and an English edition that is English.

The key points are composed in the notebook from each topic's ``unit_points``; the same
composition is checked here for every unit and both editions. One test runs the notebook
in the English edition for a unit other than the committed one.
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from analysis import inspections, overview, renovation
from analysis import loans as loan_metrics
from analysis.config import NOTEBOOKS_DIR
from analysis.presentation.columns import COLUMNS
from analysis.presentation.keypoints import MAX_POINTS, MIN_POINTS, key_points

NOTEBOOK = NOTEBOOKS_DIR / "unit-report.ipynb"
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def frames(
    units_df, compounds_df, renovation_tasks_df, loans_df, communities_df, inspections_df
) -> dict[str, pd.DataFrame]:
    """What the notebook's setup cell computes."""
    return {
        "units": units_df,
        "burn": renovation.burnup(renovation_tasks_df, compounds_df, units_df),
        "progress": renovation.compound_progress(renovation_tasks_df, compounds_df),
        "records": loans_df,
        "communities": communities_df,
        "visits": inspections_df,
    }


def _box(unit_id: str, f: dict, lang: str):
    return key_points(
        renovation.unit_points(unit_id, f["burn"], f["progress"], lang)
        + loan_metrics.unit_points(unit_id, f["records"], f["units"], f["communities"], lang)
        + inspections.unit_points(unit_id, f["visits"], lang),
        datasets=overview.unit_datasets(),
        lang=lang,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_points_of_every_unit(frames, units_df, lang):
    district = "全区" if lang == "zh" else "district"
    for unit_id in units_df.loc[units_df["parent_id"].notna(), "unit_id"]:
        box = _box(unit_id, frames, lang)
        assert MIN_POINTS <= len(box.points) <= MAX_POINTS, unit_id
        assert sum(district in p for p in box.points) >= 3, unit_id  # beside the district
        assert box.origin and ("合成" if lang == "zh" else "synthetic") in box.origin[0]
        if lang == "en":
            assert not HAN.search(box.text), (unit_id, HAN.findall(box.text))


def test_comparison_tables_set_the_unit_beside_the_district(frames):
    tables = [
        renovation.unit_comparison("xiawo", frames["burn"], frames["progress"], "en"),
        loan_metrics.unit_comparison(
            "xiawo", frames["records"], frames["units"], frames["communities"], "en"
        ),
        inspections.unit_comparison("xiawo", frames["visits"], lang="en"),
    ]
    for table in tables:
        assert list(table.columns) == ["measure", "this_unit", "district"]
        assert set(table.columns) <= set(COLUMNS)
        assert len(table) >= 3 and table.attrs.get("datasets")


def test_notebook_cells_compose_the_page():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    code = [c.source for c in cells if c.cell_type == "code"]
    assert "parameters" in cells[0].metadata.get("tags", [])
    assert code[2] == "overview.unit_heading(unit_id)"
    assert code[3].startswith("key_points(") and "datasets=overview.unit_datasets()" in code[3]
    for topic in ("renovation", "loan_metrics", "inspections"):
        assert f"{topic}.unit_points(unit_id" in code[3]
    assert not any("Markdown(" in c or "as of" in c for c in code)  # the heading is computed
    markdown = [c for c in cells if c.cell_type == "markdown"]
    assert all({"lang-zh", "lang-en"} & set(c.metadata.get("tags", [])) for c in markdown)


@pytest.mark.slow
def test_english_page_of_another_unit_is_english(tmp_path):
    from analysis.report.execute import run_notebook

    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = 'unit_id = "xiawo"'
    path = tmp_path / "unit-report.ipynb"
    nbformat.write(nb, path)
    done = run_notebook(path, lang="en")
    outputs = [o for c in done.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    texts = [
        o["data"][k] for o in outputs for k in ("text/plain", "text/html") if k in o.get("data", {})
    ]
    alts = [
        o["metadata"]["image/png"]["shangjie"]["alt"].split("Source:")[0]
        for o in outputs
        if "shangjie" in o.get("metadata", {}).get("image/png", {})
    ]
    assert len(alts) == 2  # the burn-up and the heatmap, each with alt text
    han = [t for t in texts + alts if HAN.search(t)]
    assert not han, [HAN.findall(t)[:10] for t in han]
    first = outputs[0]["data"]["text/markdown"]
    assert first.startswith("# Xiawo Town · Unit report")
    assert 'class="key-points"' in outputs[1]["data"]["text/html"]
    tables = [o for o in outputs if "This unit" in o.get("data", {}).get("text/html", "")]
    assert len(tables) == 3  # one comparison per section
