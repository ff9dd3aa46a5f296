"""A warm kernel gives every notebook exactly what a fresh kernel gives it."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis.config import LEDGER_DIR_ENV, NOTEBOOKS_DIR
from analysis.report import kernels
from analysis.report._pages import UNIT_NOTEBOOK, Job, site_map
from analysis.report.execute import (
    NotebookExecutionError,
    execute_node,
    kernel_env,
    notebook_paths,
    run_notebook,
)
from analysis.report.site import _execute

WARN_MODULE = "import warnings\n\ndef warn():\n    warnings.warn('shown once per location')\n"


def _outputs(nb) -> list:
    """Every output of every code cell, without execution counts."""
    return [
        [{k: v for k, v in o.items() if k != "execution_count"} for o in cell.outputs]
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


@pytest.fixture
def warm():
    """A clean pool of warm kernels for this test; stopped after it."""
    kernels.shutdown()
    yield kernels
    kernels.shutdown()


@pytest.fixture
def probe(tmp_path):
    """A notebook reporting the state a previous notebook could leave behind."""
    (tmp_path / "warnmod.py").write_text(WARN_MODULE, encoding="utf-8")
    where = str(tmp_path)
    pollute = new_notebook(
        cells=[
            new_code_cell(
                "import os, sys, pandas as pd, matplotlib as mpl, matplotlib.pyplot as plt\n"
                f"sys.path.insert(0, {where!r})\nimport warnmod\nwarnmod.warn()\n"
                'pd.set_option("display.precision", 1)\nmpl.rcParams["lines.linewidth"] = 9\n'
                'plt.figure()\nsecret = 42\nos.chdir("/")'
            )
        ]
    )
    look = new_notebook(
        cells=[
            new_code_cell(
                "import os, sys, pandas as pd, matplotlib as mpl, matplotlib.pyplot as plt\n"
                "print(pd.get_option('display.precision'), mpl.rcParams['lines.linewidth'],\n"
                "      plt.get_fignums(), 'secret' in dir(), os.getcwd())\n"
                "print(sorted((k, str(v)) for k, v in mpl.rcParams.items() if k != 'backend'))"
            ),
            new_code_cell(f"sys.path.insert(0, {where!r})\nimport warnmod\nwarnmod.warn()"),
            new_code_cell("pd.DataFrame({'x': [1 / 3]})"),
        ]
    )
    return pollute, look


def test_state_left_by_a_notebook_is_reset(warm, probe):
    pollute, look = probe
    fresh = execute_node(nbformat.from_dict(look), "look", env=kernel_env("zh"))
    warm.run_warm(nbformat.from_dict(pollute), "pollute", "zh")
    again = warm.run_warm(nbformat.from_dict(look), "look", "zh")
    assert _outputs(again) == _outputs(fresh)
    printed = _outputs(fresh)[0][0]["text"]
    assert printed.startswith("6 ") and str(NOTEBOOKS_DIR) in printed  # the probe can see
    assert "shown once per location" in _outputs(again)[1][0]["text"]  # shown again


def test_settings_changed_by_one_notebook_do_not_reach_the_next(warm):
    """A page that raises the small-cell threshold and switches edition leaves no trace."""
    change = new_notebook(
        cells=[
            new_code_cell(
                "import analysis\nanalysis.configure(small_cell_threshold=5, lang='en')\n"
                "from analysis.rules import disclosure\nprint(bool(disclosure.is_small([4])[0]))"
            )
        ]
    )
    look = new_notebook(
        cells=[
            new_code_cell(
                "from analysis.config import resolve_lang\nfrom analysis.rules import disclosure\n"
                "print(bool(disclosure.is_small([4])[0]), resolve_lang(None))"
            )
        ]
    )
    changed = warm.run_warm(nbformat.from_dict(change), "change", "zh")
    assert _outputs(changed)[0][0]["text"] == "True\n"  # 4 < 5: the change took effect there
    seen = warm.run_warm(nbformat.from_dict(look), "look", "zh")
    assert _outputs(seen)[0][0]["text"] == "False zh\n"  # back to threshold 3, Chinese
    assert len(warm._KERNELS) == 1  # the same kernel ran both


def test_real_notebooks_in_one_warm_kernel_match_their_committed_outputs(warm):
    """00 then the unit template (default unit) in one kernel: text and PNG bytes."""
    for path in (NOTEBOOKS_DIR / "00-district-overview.ipynb", UNIT_NOTEBOOK):
        committed = nbformat.read(path, as_version=4)
        ran = warm.run_warm(nbformat.read(path, as_version=4), path, None)
        assert _outputs(ran) == _outputs(committed), path.name
    assert len(warm._KERNELS) == 1


def test_a_failed_notebook_discards_its_kernel(warm, capfd):
    bad = new_notebook(cells=[new_code_cell("raise ValueError('boom')")])
    warm.run_warm(new_notebook(cells=[new_code_cell("1")]), "ok", "en")
    first = warm._KERNELS["en"]
    with pytest.raises(NotebookExecutionError, match="boom"):
        warm.run_warm(bad, "bad", "en")
    assert "en" not in warm._KERNELS and not first.has_kernel
    ok = warm.run_warm(new_notebook(cells=[new_code_cell("print(2)")]), "ok", "en")
    assert _outputs(ok) == [[{"output_type": "stream", "name": "stdout", "text": "2\n"}]]
    # the kernels were handed CurveZMQ keys: ipykernel's plain-TCP warning is not printed
    assert "curve_secretkey" in warm._KERNELS["en"].get_connection_info()
    assert "without encryption" not in capfd.readouterr().err


def test_unit_pages_are_the_same_bytes_every_build(warm):
    job = Job(UNIT_NOTEBOOK, "zh", "xiawo")
    sitemap = site_map(notebook_paths(), units=True)
    first = _execute(job, ("zh",), sitemap)
    assert first == _execute(job, ("zh",), sitemap)
    page = next(v for k, v in first.items() if k.endswith(".html"))
    assert 'id="cell-id=injected-parameters"' in page


def test_fresh_kernel_path_still_runs(tmp_path, capfd):
    path = tmp_path / "t.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("print('fresh')")]), path)
    assert _outputs(run_notebook(path))[0][0]["text"] == "fresh\n"
    assert "without encryption" not in capfd.readouterr().err


def test_a_kernel_started_with_other_settings_is_replaced(warm, tmp_path, monkeypatch):
    """The ledger folder set after a kernel started: the next notebook gets a new kernel."""
    look = new_notebook(
        cells=[new_code_cell("from analysis.config import ledger_dir\nprint(ledger_dir())")]
    )
    monkeypatch.delenv(LEDGER_DIR_ENV, raising=False)
    assert _outputs(warm.run_warm(look, "look", "zh"))[0][0]["text"] == "None\n"
    first = warm._KERNELS["zh"]
    monkeypatch.setenv(LEDGER_DIR_ENV, str(tmp_path))
    assert _outputs(warm.run_warm(look, "look", "zh"))[0][0]["text"] == f"{tmp_path}\n"
    assert warm._KERNELS["zh"] is not first and not first.has_kernel
