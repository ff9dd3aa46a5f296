"""Every notebook runs on the smallest real data a researcher can have.

Each record dataset is replaced by a one-row imported ledger (one unit, one community the
reference list does not know, no closed task, no failed inspection), and every notebook is
executed on it, both editions. Nothing may raise, and no computed prose may print a missing
value (``nan``, ``NaT``, ``inf``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import analysis
from analysis.config import LEDGER_DIR_ENV, NOTEBOOKS_DIR
from analysis.report.execute import NotebookExecutionError, execute_node, kernel_env
from analysis.synth import to_csv_text

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
MISSING = re.compile(r"\b(nan|NaN|NaT|inf|<NA>)\b")


def _import_report(rows: int) -> dict:
    return {
        "source": "台账.xlsx",
        "rows_read": rows + 1,
        "accepted": rows,
        "rejected": 1,
        "rejected_by_reason": {"bad_date": 1},
        "as_of": "2020-09-23",
    }


def _write(folder: Path, name: str, frame: pd.DataFrame) -> None:
    (folder / name).mkdir(parents=True, exist_ok=True)
    text = to_csv_text(frame, name)  # canonical CSV, as the importer writes it
    (folder / name / "accepted.csv").write_text(text, encoding="utf-8")
    (folder / name / "import.json").write_text(json.dumps(_import_report(len(frame))))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One row per imported dataset, all in 中心路街道 and a community the list lacks."""
    folder = tmp_path_factory.mktemp("tiny")
    compound = (
        analysis.load_compounds()
        .head(1)
        .assign(
            compound_id="1", name_zh="铝厂家属院", named_in_source=False, community_id="东街社区"
        )
    )
    _write(folder, "compounds", compound)
    task = analysis.load_renovation_tasks().head(1).assign(compound_id="1", closed_on=pd.NaT)
    _write(folder, "renovation_tasks", task)
    consultation = analysis.load_consultations().head(1).assign(compound_id="1")
    _write(folder, "consultations", consultation)
    loan = analysis.load_loans().head(1).assign(unit_id="zhongxinlu", community_id="东街社区")
    _write(folder, "loans", loan)
    visits = analysis.load_inspections()
    visit = visits[(visits["outcome"] == "合格") & (visits["visit_kind"] == "初查")].head(1)
    _write(folder, "inspections", visit.assign(unit_id="zhongxinlu"))
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_one_row_ledgers(tiny, path, lang):
    env = kernel_env(lang)
    env[LEDGER_DIR_ENV] = str(tiny)
    nb = nbformat.read(path, as_version=4)
    try:
        ran = execute_node(nb, path.name, env=env)
    except NotebookExecutionError as error:  # the message names the notebook and cell
        pytest.fail(str(error))
    for cell in ran.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown", "")
            assert not MISSING.search(text), f"{path.name}: a finding prints {text!r}"
