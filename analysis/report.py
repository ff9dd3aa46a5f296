"""Execute the notebooks and turn them into offline HTML reports.

``make notebooks`` → :func:`execute_notebooks` re-runs ``notebooks/NN-*.ipynb`` in place,
so the committed outputs are what the code and data produce now (nbval then checks
that they still are). ``make report`` → :func:`build_reports` runs each notebook on a
copy and writes ``reports/NN-topic.html``; the committed notebooks are not touched.

Runs are reproducible: a fresh ``python3`` kernel per notebook started in
``notebooks/``, ``PYTHONHASHSEED=0``, the Agg backend, and no execution timestamps in
the notebook metadata (``record_timing=False``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR, TEMPLATES_DIR

KERNEL_NAME = "python3"
TIMEOUT_SECONDS = 600
TEMPLATE_NAME = "offline"
#: Notebooks that are part of the project: two-digit prefix, then the topic.
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


class NotebookExecutionError(RuntimeError):
    """A notebook failed to run; names the notebook, the cell and the error."""

    def __init__(self, notebook: Path, cell_index: int | None, source: str, reason: str) -> None:
        self.notebook = notebook
        self.cell_index = cell_index
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        where = f"cell {cell_index}" if cell_index is not None else "kernel start-up"
        if first_line:
            where += f" ({first_line[:80]!r})"
        super().__init__(f"{notebook.name}: {where} failed: {reason}")


def notebook_paths() -> list[Path]:
    """Return the project's notebooks, ``notebooks/NN-*.ipynb``, in name order."""
    return sorted(NOTEBOOKS_DIR.glob(NOTEBOOK_GLOB))


def kernel_env() -> dict[str, str]:
    """Return the environment of the kernel: this one, made reproducible.

    ``PYTHONPATH`` starts with the project root so ``import analysis`` finds this
    checkout's package whatever the state of the editable install.
    """
    env = dict(os.environ)
    path = [str(PROJECT_ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env.update(
        {
            "PYTHONHASHSEED": "0",
            "MPLBACKEND": "Agg",
            "PYTHONPATH": os.pathsep.join(dict.fromkeys(path)),
            # Silences ipykernel's debugger warning about frozen modules on stderr.
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    return env


def run_notebook(path: Path, timeout: int = TIMEOUT_SECONDS) -> NotebookNode:
    """Execute the notebook at ``path`` in memory and return it; the file is not written.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    NotebookExecutionError
        If a cell raises, times out or the kernel dies; the message names the notebook,
        the cell index and the cell's first line.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    current: dict[str, int] = {}

    def _note_cell(cell: NotebookNode, cell_index: int) -> None:
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        # Relative paths in a notebook resolve the same under nbval, Jupyter and here.
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        record_timing=False,
        on_cell_start=_note_cell,
    )
    try:
        client.execute(env=kernel_env())
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        index = current.get("index")
        source = nb.cells[index].source if index is not None else ""
        if isinstance(err, CellExecutionError):
            reason = f"{err.ename}: {err.evalue}"
        else:
            reason = f"{type(err).__name__}: {err}"
        raise NotebookExecutionError(path, index, source, reason) from err
    return nb


def execute_notebook(path: Path, timeout: int = TIMEOUT_SECONDS) -> Path:
    """Execute a notebook and write its outputs back into the same file.

    The file is only rewritten when every cell ran, so a failure leaves it as it was.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    FileNotFoundError, NotebookExecutionError
        As :func:`run_notebook`.
    """
    path = Path(path)
    nb = run_notebook(path, timeout)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path


def execute_notebooks(paths: Iterable[Path] | None = None) -> list[Path]:
    """Execute notebooks in place, in order; default every ``notebooks/NN-*.ipynb``.

    Raises
    ------
    FileNotFoundError, NotebookExecutionError
        As :func:`run_notebook`, for the first notebook that fails.
    """
    todo = notebook_paths() if paths is None else [Path(p) for p in paths]
    return [execute_notebook(p) for p in todo]


def to_html(nb: NotebookNode, name: str, show_code: bool = False) -> str:
    """Render an executed notebook with the offline template.

    Parameters
    ----------
    nb
        The executed notebook.
    name
        Its file stem, used as the page title when the notebook has none.
    show_code
        Show code cells (hidden by default; a cell tagged ``show-input`` always shows).

    Raises
    ------
    jinja2.TemplateNotFound
        If analysis/templates/offline is missing.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code="zh",  # ISO 639-1 only; lets browsers pick Chinese glyph forms
    )
    resources = {"metadata": {"name": name}, "show_code": show_code}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def build_reports(
    out_dir: Path = REPORTS_DIR,
    paths: Iterable[Path] | None = None,
    show_code: bool = False,
) -> list[Path]:
    """Execute each notebook on a copy and write ``out_dir/NN-topic.html``.

    All reports are built in a temporary folder next to ``out_dir`` first and moved
    into place only when every notebook has run, so a failure leaves the previous
    reports as they were. Committed notebooks are never modified.

    Parameters
    ----------
    out_dir
        Where the HTML files go (created if needed); default ``reports/``.
    paths
        Notebooks to build; default every ``notebooks/NN-*.ipynb``.
    show_code
        Show code cells in the reports.

    Returns
    -------
    list of pathlib.Path
        The report files written.

    Raises
    ------
    FileNotFoundError
        If there is no notebook to build.
    NotebookExecutionError
        If a notebook fails to run; no report is replaced.
    """
    todo = notebook_paths() if paths is None else [Path(p) for p in paths]
    if not todo:
        raise FileNotFoundError(f"no notebooks matching {NOTEBOOK_GLOB} in {NOTEBOOKS_DIR}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Same filesystem as out_dir, so the final moves are renames, not copies.
    staging = Path(tempfile.mkdtemp(prefix=".reports-", dir=out_dir.parent))
    try:
        built = []
        for path in todo:
            nb = run_notebook(path)
            html = staging / f"{path.stem}.html"
            html.write_text(to_html(nb, path.stem, show_code), encoding="utf-8")
            built.append(html)
        written = []
        for html in built:
            target = out_dir / html.name
            os.replace(html, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
