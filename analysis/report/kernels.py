"""Warm kernels for report builds: one per worker process and edition, reset between pages.

A fresh kernel per page spends about two seconds before the first cell does any work:
starting Python, importing pandas, matplotlib, seaborn (and scipy through it) and
pandera, reading the 20 MB CJK font, loading the vocabulary. A report build executes
20 pages, so :func:`run_warm` keeps one kernel per edition in each worker process and,
before every notebook, resets what a notebook can change:

- the user namespace (``%reset -f``: every variable, ``Out`` and ``_`` history);
- matplotlib (figures closed, settings back to the rc file's) and pandas options;
- the warning registries, so a warning already shown in one page shows again in the next;
- the working directory (``notebooks/``);
- the session settings of :mod:`analysis.config` (edition, small-cell threshold).

A kernel started before one of the analysis's environment variables changed (the ledger
folder, the cache folder …) is replaced, not reused: it would still read the old value.

Imported modules and their caches stay; that is the saving. It is sound because the
project's module-level caches hold only the shipped reference tables, and every notebook
calls :func:`analysis.presentation.style.set_style` first. ``tests/test_kernels.py`` runs notebooks
after one another in one warm kernel and checks every output — text and PNG bytes —
against a fresh kernel's. ``make notebooks`` and nbval keep a fresh kernel per notebook:
the committed outputs are the reference.

A kernel whose notebook failed is shut down and replaced (its state is unknown).
"""

from __future__ import annotations

from multiprocessing import util
from typing import TYPE_CHECKING

from analysis.config import NOTEBOOKS_DIR

if TYPE_CHECKING:
    from jupyter_client import KernelManager
    from nbformat import NotebookNode

#: Run in the kernel before each notebook; see the module docstring.
RESET_CODE = f"""\
get_ipython().run_line_magic("reset", "-f")
import os as _os, warnings as _w
import matplotlib as _mpl, matplotlib.pyplot as _plt, pandas as _pd
_plt.close("all")
_mpl.rc_file_defaults()  # what a fresh kernel starts from
_pd.reset_option("all")
_w._filters_mutated()  # empties every module's registry of warnings already shown
_os.chdir({str(NOTEBOOKS_DIR)!r})
import sys as _sys
if "analysis.config" in _sys.modules:  # settings a page changed (threshold, edition)
    _sys.modules["analysis.config"].reset()
del _os, _w, _mpl, _plt, _pd, _sys
"""

_KERNELS: dict[str | None, KernelManager] = {}
#: The analysis's environment variables each warm kernel was started with.
_STARTED_WITH: dict[str | None, dict[str, str | None]] = {}
_STOP_AT_EXIT: list[util.Finalize] = []


def settings_env(env: dict[str, str]) -> dict[str, str | None]:
    """The variables of ``env`` the analysis reads: every ``*_ENV`` name in analysis.config.

    A kernel reads them when a notebook runs, from the environment it was started with;
    a build in this process after one of them changed (e.g. ``SHANGJIE_LEDGER_DIR`` set
    to import a ledger) must not run in a kernel started before.
    """
    import analysis.config as config

    names = sorted(v for k, v in vars(config).items() if k.endswith("_ENV") and isinstance(v, str))
    return {name: env.get(name) for name in names}


def run_warm(nb: NotebookNode, name: str, lang: str | None) -> NotebookNode:
    """Execute ``nb`` in this process's warm kernel of edition ``lang`` and return it.

    Raises
    ------
    NotebookExecutionError
        As :func:`analysis.report.execute.execute_node`; the kernel is then discarded.
    """
    import nbformat

    from analysis.report.execute import execute_node

    reset = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(RESET_CODE)])
    km = _kernel(lang)
    try:
        execute_node(reset, "reset", km=km)
        return execute_node(nb, name, km=km)
    except BaseException:
        _discard(lang)
        raise


def shutdown() -> None:
    """Stop every warm kernel of this process."""
    for lang in list(_KERNELS):
        _discard(lang)


def _kernel(lang: str | None) -> KernelManager:
    from analysis.report.execute import KERNEL_NAME, kernel_env, transport_encryption

    env = kernel_env(lang)
    km = _KERNELS.get(lang)
    if km is not None and km.is_alive() and _STARTED_WITH.get(lang) == settings_env(env):
        return km
    _discard(lang)  # dead, or started with other settings
    from jupyter_client import KernelManager

    if not _STOP_AT_EXIT:  # first kernel of this process: stop them all when it exits
        _STOP_AT_EXIT.append(util.Finalize(None, shutdown, exitpriority=100))
    km = KernelManager(kernel_name=KERNEL_NAME, transport_encryption=transport_encryption())
    km.start_kernel(env=env, cwd=str(NOTEBOOKS_DIR))
    _KERNELS[lang] = km
    _STARTED_WITH[lang] = settings_env(env)
    return km


def _discard(lang: str | None) -> None:
    km = _KERNELS.pop(lang, None)
    _STARTED_WITH.pop(lang, None)
    if km is not None and km.has_kernel:
        km.shutdown_kernel(now=True)
