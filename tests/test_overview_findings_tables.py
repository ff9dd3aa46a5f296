"""Page 00's reader tables: figures named, not given by id; counts recomputed; one table each.

The tables give readers what a row is (a dataset's name, what a figure measures, which
body a compound lacks) while keeping the ids code and CSV files need in a last column.
Notebook 00 shows the 34 published figures in one table only.
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

import analysis
from analysis import overview, renovation
from analysis.config import NOTEBOOKS_DIR
from analysis.datasets.metadata import read_datapackage
from analysis.presentation.columns import COLUMNS
from analysis.presentation.tables import table_text

HAN = re.compile(r"[\u3400-\u9fff]")
NOTEBOOK = NOTEBOOKS_DIR / "00-district-overview.ipynb"


@pytest.fixture(scope="module")
def lacking(compounds_df: pd.DataFrame) -> pd.DataFrame:
    return renovation.compounds_lacking(compounds_df)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_table_names_each_figure(published_figures_df, lang):
    table = analysis.reconcile()
    shown = overview.figures_table(table, published_figures_df, lang)
    assert len(shown) == len(table) == 34
    assert list(shown["figure_id"]) == list(table["figure_id"])  # the id kept, last
    assert shown.columns[-1] == "figure_id" and shown.columns[0] == "figure"
    assert not shown["figure"].str.fullmatch(r"[a-z0-9-]+").any()
    assert set(shown.columns) <= set(COLUMNS)  # every header is labelled
    row = shown.set_index("figure_id").loc["zxl-cadre-days-per-week"]
    assert row["reading"] == ("至少" if lang == "zh" else "at least")  # the rules' reading
    contradictory = shown.set_index("figure_id").loc["hrss-salary-promotions"]
    assert contradictory["rule"] == ""  # the status says it, in the edition's words
    if lang == "en":
        assert not HAN.search(table_text(shown, "en")), HAN.findall(table_text(shown, "en"))
        assert "quote_zh" not in shown
    else:
        assert shown.set_index("figure_id").loc["loans-amount", "quote_zh"] == "共计1390万元"


def test_governance_table_takes_its_own_quotes(published_figures_df, compounds_df):
    vs = renovation.governance_vs_published(compounds_df, published_figures_df)
    shown = overview.figures_table(vs, lang="en")
    assert list(shown["figure_id"]) == list(vs["figure_id"])
    assert "Self-management committees set up" in set(shown["figure"])  # gloss dropped


def test_layers_table(lang="en"):
    layers = overview.data_layers(read_datapackage())
    shown = overview.layers_table(layers, lang)
    assert list(shown["rows"]) == list(layers["rows"])
    assert "compound records" in set(shown["dataset"])
    assert shown.attrs["datasets"] == list(layers["name"])


def test_lacking_by_unit_recomputed(lacking, compounds_df, units_df):
    coverage = renovation.coverage_by_unit(compounds_df, units_df)
    shown = overview.lacking_by_unit(lacking, coverage).set_index("unit_id")
    assert shown.loc["shangjie", "lacks_any"] == lacking["compound_id"].nunique()
    for unit, rows in lacking.groupby("unit_id"):
        assert shown.loc[unit, "lacks_party_org"] == int((rows["lacks"] == "party_org").sum())
        assert shown.loc[unit, "lacks_any"] == rows["compound_id"].nunique()
    assert shown.loc["zhongxinlu", "lacks_party_org"] == 0
    assert int(shown.drop("shangjie")["lacks_any"].sum()) == shown.loc["shangjie", "lacks_any"]


def test_work_list_one_row_per_compound(lacking):
    shown = overview.work_list(lacking, "en")
    assert len(shown) == lacking["compound_id"].nunique()
    both = lacking.groupby("compound_id")["lacks"].size()
    assert (shown["lacks"].str.contains(" and ")).sum() == int((both >= 2).sum())
    assert overview.work_list(lacking.iloc[:0]).empty


def test_notebook_shows_the_figures_once_and_key_points_first():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    code = [c.source for c in cells if c.cell_type == "code"]
    assert code[1] == "overview.key_points(layers, figures, table, compounds)"
    first = [c for c in cells[: cells.index(next(c for c in cells if c.cell_type == "code"))]]
    assert all(c.cell_type == "markdown" and c.source.startswith("# ") for c in first)
    shown = [
        o["data"]["text/plain"]
        for c in cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {}) and "zxl-cadres" in o["data"]["text/html"]
    ]
    assert len(shown) == 1  # the 34 figures, once
    assert not any("value_counts" in s for s in code)
    headings = [ln for c in cells if c.cell_type == "markdown" for ln in c.source.splitlines()]
    numbered = [h for h in headings if h.startswith("## ")]
    assert all(re.match(r"## \d\. ", h) for h in numbered), numbered


@pytest.mark.slow
def test_english_page_outputs_are_english():
    from analysis.report.execute import run_notebook

    done = run_notebook(NOTEBOOK, lang="en")
    outputs = [o for c in done.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    texts = [
        o["data"][k]
        for o in outputs
        for k in ("text/plain", "text/html", "text/markdown")
        if k in o.get("data", {})
    ]
    han = [t for t in texts if HAN.search(t)]
    assert not han, [HAN.findall(t)[:10] for t in han]
    assert 'class="key-points"' in outputs[0]["data"]["text/html"]  # the first output
