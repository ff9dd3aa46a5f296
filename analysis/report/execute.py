"""Execute the notebooks: in place (``make notebooks``) or on a copy (report builds).

``make notebooks`` → :func:`execute_notebooks` re-runs ``notebooks/NN-*.ipynb`` in place,
each in a fresh ``python3`` kernel, so the committed outputs are what the code and data
produce now (nbval then checks that they still are). ``make report`` →
:func:`analysis.report.site.build_site` runs each notebook on a copy in a warm kernel
(:mod:`analysis.report.kernels`, reset between notebooks) through :func:`execute_node`, and
:func:`analysis.report.render.to_html` renders it; the committed notebooks are not touched.

Runs are reproducible: kernels start in ``notebooks/`` with ``PYTHONHASHSEED=0`` and the
Agg backend, and no execution timestamps are kept in the notebook metadata
(``record_timing=False``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.config import NOTEBOOKS_DIR, PROJECT_ROOT

if TYPE_CHECKING:  # nbformat, nbclient and matplotlib load only when a notebook runs
    from jupyter_client import KernelManager
    from nbformat import NotebookNode

KERNEL_NAME = "python3"
TIMEOUT_SECONDS = 600
#: Notebooks that are part of the project: two-digit prefix, then the topic.
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


class NotebookExecutionError(RuntimeError):
    """A notebook failed to run; names the notebook, the cell and the error."""

    def __init__(self, notebook: Path, cell_index: int | None, source: str, reason: str) -> None:
        self.notebook = notebook
        self.cell_index = cell_index
        self.source, self.reason = source, reason
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        where = f"cell {cell_index}" if cell_index is not None else "kernel start-up"
        if first_line:
            where += f" ({first_line[:80]!r})"
        super().__init__(f"{notebook.name}: {where} failed: {reason}")

    def __reduce__(self):  # reports are built in worker processes; errors cross back pickled
        return (type(self), (self.notebook, self.cell_index, self.source, self.reason))


def notebook_paths() -> list[Path]:
    """Return the project's notebooks, ``notebooks/NN-*.ipynb``, in name order."""
    return sorted(NOTEBOOKS_DIR.glob(NOTEBOOK_GLOB))


def kernel_env(lang: str | None = None) -> dict[str, str]:
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
    # The edition: style.set_style() reads it when a notebook does not name a language.
    from analysis.config import LANG_ENV

    env.pop(LANG_ENV, None)
    if lang is not None:
        env[LANG_ENV] = lang
    return env


def transport_encryption() -> str:
    """How kernels' sockets are secured: ``"auto"`` when pyzmq has CurveZMQ, else ``"disabled"``.

    With ``"auto"`` the kernel manager hands the kernel CurveZMQ keys (the kernelspec
    declares support), so traffic between this process and the kernel is encrypted, and
    ipykernel no longer prints "Kernel is running over TCP without encryption" once per
    kernel. Without CurveZMQ the kernel runs as before, and that warning is still printed.
    """
    import zmq

    return "auto" if zmq.has("curve") else "disabled"


def run_notebook(
    path: Path, timeout: int = TIMEOUT_SECONDS, lang: str | None = None
) -> NotebookNode:
    """Execute the notebook at ``path`` in a fresh kernel and return it; the file is not written.

    ``lang`` selects the edition (``"zh"``/``"en"``) through
    ``analysis.config.LANG_ENV``.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    NotebookExecutionError
        If a cell raises, times out or the kernel dies; the message names the notebook,
        the cell index and the cell's first line.
    """
    import nbformat

    path = Path(path)
    return execute_node(nbformat.read(path, as_version=4), path, timeout, env=kernel_env(lang))


def execute_node(
    nb: NotebookNode,
    name: str | Path,
    timeout: int = TIMEOUT_SECONDS,
    env: dict[str, str] | None = None,
    km: KernelManager | None = None,
) -> NotebookNode:
    """Execute ``nb`` in place: in a fresh kernel with ``env``, or in the running kernel ``km``.

    ``name`` (the notebook's path or name) appears in error messages.

    Raises
    ------
    NotebookExecutionError
        If a cell raises, times out or the kernel dies.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from traitlets.config import Config

    current: dict[str, int] = {}

    def _note_cell(cell: NotebookNode, cell_index: int) -> None:
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        # Relative paths in a notebook resolve the same under nbval, Jupyter and here.
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        record_timing=False,
        on_cell_start=_note_cell,
        # read by the kernel manager nbclient creates when ``km`` is None
        config=Config({"KernelManager": {"transport_encryption": transport_encryption()}}),
    )
    try:
        client.execute(**({"env": env} if km is None else {}))
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        index = current.get("index")
        source = nb.cells[index].source if index is not None else ""
        if isinstance(err, CellExecutionError):
            reason = f"{err.ename}: {err.evalue}"
        else:
            reason = f"{type(err).__name__}: {err}"
        raise NotebookExecutionError(Path(name), index, source, reason) from err
    finally:
        if km is not None and client.kc is not None:
            client.kc.stop_channels()  # the kernel stays; this client's sockets do not
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
    import nbformat

    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path


def execute_notebooks(paths: Iterable[Path] | None = None) -> list[Path]:
    """Execute notebooks in place, in order; default every ``notebooks/*.ipynb``.

    That is the topic notebooks and the per-unit template (executed with its default
    parameters), i.e. every notebook nbval checks.

    Raises
    ------
    FileNotFoundError, NotebookExecutionError
        As :func:`run_notebook`, for the first notebook that fails.
    """
    todo = sorted(NOTEBOOKS_DIR.glob("*.ipynb")) if paths is None else [Path(p) for p in paths]
    return [execute_notebook(p) for p in todo]
