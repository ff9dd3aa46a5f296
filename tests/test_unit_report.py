"""The per-unit report: reader-facing text computed, caveats by origin, runs on imported ledgers.

The notebook's markdown keeps only questions and methods: no developer notes and no typed
claim about the data. Its head note comes from ``overview.findings.unit_page`` (built on
``origin_caveats``), so the synthetic warning disappears for datasets a researcher imports;
one test runs the notebook itself on a five-loan ledger with community names the shipped
list does not know.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import analysis
from analysis import overview
from analysis.config import NOTEBOOKS_DIR
from analysis.presentation.findings import count

NOTEBOOK = NOTEBOOKS_DIR / "unit-report.ipynb"
HAN = re.compile(r"[\u3400-\u9fff]")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    """The committed notebook's cells."""
    return nbformat.read(NOTEBOOK, as_version=4).cells


def test_markdown_holds_no_developer_text_and_no_typed_caveat(cells):
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    for phrase in ("make report", "papermill", "committed copy", "executed for", "reports/units"):
        assert phrase not in markdown, phrase
    # whether records are synthetic is decided by their origin, never typed
    for phrase in ("合成", "synthetic", "Synthetic", "invented", "What it shows", "它说明了什么"):
        assert phrase not in markdown, phrase


def test_each_section_ends_in_its_topic_findings(cells):
    code = [c.source.strip() for c in cells if c.cell_type == "code"]
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1 and params[0].source.startswith("unit_id = ")
    calls = [
        "overview.unit_heading(unit_id)",
        "overview.findings.unit_page(unit_id)",
        "renovation.unit_comparison(unit_id, burn, progress)",
        "renovation.findings.for_unit(unit_id, burn, progress)",
        "loan_metrics.unit_comparison(unit_id, records, units, communities)",
        "loan_metrics.findings.for_unit(unit_id, per_unit, per_community)",
        "inspections.unit_comparison(unit_id, visits)",
        "inspections.findings.for_unit(unit_id, rates, summary, district=visits)",
    ]
    positions = [code.index(call) for call in calls]  # each a cell of its own
    assert positions == sorted(positions)


def test_committed_outputs_are_computed_markdown(cells):
    shown = [
        o["data"]["text/markdown"]
        for c in cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    findings = [s for s in shown if s.startswith("**它说明了什么**")]
    assert len(findings) == 3
    assert shown[0].startswith("# 中心路街道")  # the computed heading, first
    assert shown[1].startswith("**要点")  # then the key points
    assert shown[2].startswith("**注意**") and "合成数据" in shown[2]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unit_page_for_every_unit(units_df, lang):
    for unit_id in units_df["unit_id"]:
        page = overview.findings.unit_page(unit_id, lang)
        assert page.sentences == () and len(page.caveats) == 2
        assert ("合成数据" if lang == "zh" else "synthetic") in page.caveats[0]
        assert set(NUMBER.findall(page.text)) == set()  # shipped: the note states no number
        if lang == "en":
            assert not HAN.search(page.text), unit_id


@pytest.fixture
def five_loans(ledger_folder, loans_df) -> Path:
    """Five imported loans in two communities the shipped list does not know."""
    loans = loans_df.head(5).copy()
    loans["community_id"] = ["东街社区", "西街社区", "东街社区", "西街社区", "东街社区"]
    loans["unit_id"] = ["jiyuanlu", "jiyuanlu", "jiyuanlu", "zhongxinlu", "zhongxinlu"]
    loans["status"] = "未记录"
    return ledger_folder("loans", loans).parent


def test_unit_page_with_imported_loans(five_loans):
    page = overview.findings.unit_page("jiyuanlu", "en")
    caveats = " ".join(page.caveats)
    assert "loan records come from an imported ledger (x.xlsx): 6 rows read, 5 accepted" in caveats
    synthetic = page.caveats[0]
    assert "loan" not in synthetic and "communit" not in synthetic  # list from the ledger
    assert {count(n) for n in (6, 5, 1)} <= set(NUMBER.findall(page.text))
    assert page.values["imports"]["loans"]["accepted"] == 5


def test_notebook_runs_on_imported_loans(five_loans):
    from analysis.report.execute import execute_node, kernel_env

    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = 'unit_id = "jiyuanlu"'
    execute_node(nb, NOTEBOOK, env=kernel_env("en"))
    shown = [
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    head, loans = shown[2], shown[4]
    assert "The loan records come from an imported ledger" in head
    assert "loan records" not in head.split("The loan records come")[0]  # not called synthetic
    assert "The district has 5 loans" in loans or "5 loans" in loans
    assert "synthetic" not in loans and "159,770" not in loans
    assert analysis.load_loans()["loan_id"].size == 5
