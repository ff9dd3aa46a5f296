"""Build the report site: every notebook as HTML, in two editions, plus per-unit pages.

``make report`` → :func:`build_site` writes into ``reports/``::

    index.html                    what each report is, when and from which data built
    NN-topic.html                 Chinese edition, code hidden (for policy readers)
    code/NN-topic.html            Chinese edition, code shown (for analysts)
    units/<unit_id>.html          one page per subdistrict/town (papermill-parameterised)
    NN-topic_files/               the page's downloads: chart-01.csv, chart-01.png, table-01.csv
    en/...                        the same in English

Pages are executed in parallel worker processes, each keeping one warm kernel per
edition that is reset between notebooks (:mod:`analysis.report.kernels`); with
``workers=0`` they run one after another in the calling process's warm kernels. What a
build makes and the navigation and index are in :mod:`analysis.report._pages`; a page's
downloads are moved out of it into files beside it (:mod:`analysis.report._files`). A page
is rebuilt only when its key — the notebook, its parameters and edition, the site's
navigation, and a digest of all code, data and the lock file — differs from the last
build's, so an unchanged rebuild takes seconds. Everything is built in a staging folder
and moved into place only when every page has run: a failing notebook leaves the previous
reports (and their download files) as they were.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.report._pages import (
    LANGS,
    Job,
    SiteMap,
    index_html,
    key_points_of,
    nav_html,
    page_title,
    plan,
    site_map,
)
from analysis.report.execute import KERNEL_NAME, NotebookExecutionError, notebook_paths

MANIFEST = ".build.json"


def _execute(job: Job, langs: tuple[str, ...], sitemap: SiteMap) -> dict[str, str | bytes]:
    """Run one job (in a worker process, in its warm kernel); return its pages' HTML and
    download files (bytes), by site path."""
    import nbformat

    from analysis.report._files import place_downloads
    from analysis.report.kernels import run_warm
    from analysis.report.provenance import DOWNLOADS_MARK, footer_html
    from analysis.report.render import to_html

    if job.unit_id is None:
        nb = nbformat.read(job.notebook, as_version=4)
    else:
        # papermill's own reading and injection (a cell tagged injected-parameters after
        # the cell tagged parameters); the warm kernel runs it like any other notebook
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        nb = parameterize_notebook(
            load_notebook_node(str(job.notebook)),
            {"unit_id": job.unit_id},
            kernel_name=KERNEL_NAME,
            language="python",
        )
        for cell in nb.cells:  # papermill draws the new cell's id at random: same bytes
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected-parameters"
    try:
        nb = run_warm(nb, job.notebook, job.lang)
    except NotebookExecutionError as err:
        if job.unit_id is None:
            raise
        reason = f"{err.reason} (unit {job.unit_id})"
        raise NotebookExecutionError(err.notebook, err.cell_index, err.source, reason) from None
    params = {"unit_id": job.unit_id} if job.unit_id else None
    title = page_title(job, sitemap)
    out: dict[str, str | bytes] = {}
    first = None
    for rel, show_code in job.pages().items():  # code hidden first: the twin shares its files
        page = to_html(
            nb,
            job.notebook.stem,
            show_code,
            job.lang,
            header=nav_html(job, rel, show_code, langs, sitemap),
            footer=footer_html(job.lang, show_code, params, downloads=DOWNLOADS_MARK),
            title=title,
        )
        page, files = place_downloads(page, rel, job.lang, out, twin=first)
        out.update(files)
        out[rel] = page
        first = first or rel
    return out


def _run(
    todo: list[Job], langs: tuple[str, ...], workers: int | None, sitemap: SiteMap
) -> Iterator[tuple[Job, dict[str, str | bytes]]]:
    """Execute ``todo`` and yield each job with its pages, as they finish.

    Raises
    ------
    NotebookExecutionError
        From the first job that fails; the jobs not yet started are cancelled.
    """
    # longest first, so no worker is left with a long notebook at the end; a notebook's
    # size (mostly its figures) stands in for its running time
    order = sorted(todo, key=lambda j: -j.notebook.stat().st_size)
    if workers == 0:
        for job in order:
            yield job, _execute(job, langs, sitemap)
        return
    n = workers or min(len(order), os.cpu_count() or 1)
    with ProcessPoolExecutor(n, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_execute, j, langs, sitemap): j for j in order}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:  # includes GeneratorExit: the caller stopped reading
            pool.shutdown(cancel_futures=True)
            raise


def build_site(
    out_dir: Path = REPORTS_DIR,
    paths: list[Path] | None = None,
    langs: tuple[str, ...] = LANGS,
    units: bool = True,
    force: bool = False,
    progress: bool = True,
    workers: int | None = None,
) -> list[Path]:
    """Build (or bring up to date) the report site in ``out_dir``.

    Parameters
    ----------
    out_dir
        Destination; default ``reports/``.
    paths
        Topic notebooks; default every ``notebooks/NN-*.ipynb``.
    langs
        Editions to build.
    units
        Also build the per-unit pages from ``notebooks/unit-report.ipynb``.
    force
        Rebuild every page even if its key is unchanged.
    progress
        Show a progress bar on standard error.
    workers
        Parallel notebook executions, each in a worker process; default the number of
        cores. ``0`` runs the pages one after another in this process, in its own warm
        kernels (kept for the next build: what tests and small builds want).

    Returns
    -------
    list of pathlib.Path
        Every page of the site (rebuilt or kept).

    Raises
    ------
    FileNotFoundError
        If there is no notebook to build.
    NotebookExecutionError
        If a notebook fails; it names the notebook and the cell, and no page is replaced.
    """
    from tqdm import tqdm

    from analysis.report._files import move_into_place
    from analysis.report.provenance import input_digest

    paths = notebook_paths() if paths is None else [Path(p) for p in paths]
    if not paths:
        raise FileNotFoundError(f"no notebooks to build in {NOTEBOOKS_DIR}")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    old = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    jobs = plan(paths, langs, units)
    sitemap = site_map(paths, units)
    digest = input_digest() + sitemap.signature()  # a new topic or unit changes every nav
    keys = {job: job.key(digest) for job in jobs}
    todo = [
        j
        for j in jobs
        if force
        or any(old.get(rel) != keys[j] or not (out_dir / rel).is_file() for rel in j.pages())
    ]

    staging = Path(tempfile.mkdtemp(prefix=".reports-", dir=out_dir.parent))
    try:
        if todo:
            bar = tqdm(
                total=len(todo), desc="reports", unit="page", file=sys.stderr, disable=not progress
            )
            try:
                for job, made in _run(todo, langs, workers, sitemap):
                    for rel, content in made.items():
                        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                        if isinstance(content, bytes):
                            (staging / rel).write_bytes(content)
                        else:
                            (staging / rel).write_text(content, encoding="utf-8")
                    bar.set_postfix_str(job.notebook.stem)
                    bar.update()
            finally:
                bar.close()
        indexes = [("" if lang == "zh" else f"{lang}/") + "index.html" for lang in langs]
        for lang, rel in zip(langs, indexes, strict=True):
            # the index opens with the first topic's (the overview's) key points, as built
            first = next(iter(jobs[0].pages(lang))) if jobs[0].unit_id is None else ""
            built = staging / first if (staging / first).is_file() else out_dir / first
            page = index_html(jobs, lang, key_points_of(built) if first else "")
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_text(page, encoding="utf-8")
        # every page ran: move pages and their download folders into place (renames on
        # the same filesystem)
        move_into_place(staging, out_dir, [rel for j in todo for rel in j.pages()] + indexes)
        manifest = {rel: keys[j] for j in jobs for rel in j.pages()}
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = [rel for j in jobs for rel in j.pages()]
    pages += [("" if lang == "zh" else f"{lang}/") + "index.html" for lang in langs]
    return [out_dir / rel for rel in pages]
