"""Build the report site: every notebook as HTML, in two editions, plus per-unit pages.

``make report`` → :func:`build_site` writes into ``reports/``::

    index.html                    what each report is, when and from which data built
    NN-topic.html                 Chinese edition, code hidden (for policy readers)
    code/NN-topic.html            Chinese edition, code shown (for analysts)
    units/<unit_id>.html          one page per subdistrict/town (papermill-parameterised)
    en/...                        the same in English

Pages are executed in parallel worker processes, each keeping one warm kernel per
edition that is reset between notebooks (:mod:`analysis.report.kernels`). A page is
rebuilt only when its key — the notebook, its parameters and edition, and a digest of
all code, data and the lock file — differs from the last build's, so an unchanged
rebuild takes seconds. Everything is built in a staging folder and moved into place only
when every page has run: a failing notebook leaves the previous reports as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.presentation.text import Catalogue
from analysis.report.execute import KERNEL_NAME, NotebookExecutionError, notebook_paths

LANGS = ("zh", "en")
#: The parameterised per-unit notebook (no NN- prefix: it is a template, not a topic).
UNIT_NOTEBOOK = NOTEBOOKS_DIR / "unit-report.ipynb"
MANIFEST = ".build.json"

WORDS = Catalogue(
    __name__ + ".words",
    {
        "built": (
            "构建于提交 {c}，日期 {d}，输入摘要 {h}。",
            "Built from commit {c}, dated {d}; input digest {h}.",
        ),
        "index": ("目录", "Index"),
        "other": ("English", "中文"),
        "code": ("显示代码", "Show code"),
        "no_code": ("隐藏代码", "Hide code"),
        "units": ("各街道（镇）报告", "Reports per subdistrict / town"),
        "reports": ("报告", "Reports"),
        "title": ("上街区基层治理分析报告", "Grassroots governance in Shangjie District: reports"),
    },
)


@dataclass(frozen=True)
class Job:
    """One notebook execution; it yields one or two pages (code hidden / shown)."""

    notebook: Path
    lang: str
    unit_id: str | None = None

    def prefix(self, lang: str | None = None) -> str:
        return "" if (lang or self.lang) == "zh" else f"{lang or self.lang}/"

    def pages(self, lang: str | None = None) -> dict[str, bool]:
        """Relative page path → whether it shows code."""
        p = self.prefix(lang)
        if self.unit_id is not None:
            return {f"{p}units/{self.unit_id}.html": False}
        stem = self.notebook.stem
        return {f"{p}{stem}.html": False, f"{p}code/{stem}.html": True}

    def key(self, digest: str) -> str:
        h = hashlib.sha256(digest.encode())
        h.update(self.notebook.read_bytes())
        h.update(f"{self.lang}|{self.unit_id}".encode())
        return h.hexdigest()


def unit_ids() -> list[str]:
    """The subdistricts and the town, in display order (the district itself excluded)."""
    from analysis.datasets.loaders import load_units
    from analysis.rules.entities import subunits

    return subunits(load_units())["unit_id"].astype(str).tolist()


def plan(paths: list[Path], langs: tuple[str, ...], units: bool) -> list[Job]:
    """All jobs of a build, topic notebooks first."""
    jobs = [Job(p, lang) for lang in langs for p in paths]
    if units and UNIT_NOTEBOOK.is_file():
        jobs += [Job(UNIT_NOTEBOOK, lang, u) for lang in langs for u in unit_ids()]
    return jobs


def _up(rel: str) -> str:
    return "../" * rel.count("/")


def nav_html(job: Job, rel: str, show_code: bool, langs: tuple[str, ...]) -> str:
    """Links from a page to the index, its other edition and its code-shown twin."""
    from analysis.report.render import render

    w = WORDS.edition(job.lang)
    up = _up(rel)
    links = [(f"{up}{job.prefix()}index.html", None, w["index"])]
    for other in langs:
        if other != job.lang:
            twin = [r for r, c in job.pages(other).items() if c == show_code][0]
            links.append((f"{up}{twin}", other, w["other"]))
    if job.unit_id is None:
        twin = [r for r, c in job.pages().items() if c != show_code][0]
        links.append((f"{up}{twin}", None, w["no_code" if show_code else "code"]))
    return render("nav.html.j2", links=links)


def _execute(job: Job, langs: tuple[str, ...]) -> dict[str, str]:
    """Run one job (in a worker process, in its warm kernel) and return its pages' HTML."""
    import nbformat

    from analysis.report.kernels import run_warm
    from analysis.report.provenance import footer_html
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
    return {
        rel: to_html(
            nb,
            job.notebook.stem,
            show_code,
            job.lang,
            header=nav_html(job, rel, show_code, langs),
            footer=footer_html(job.lang, show_code, params),
        )
        for rel, show_code in job.pages().items()
    }


def notebook_summary(path: Path) -> tuple[str, str]:
    """Title (first ``#`` heading) and first paragraph of a notebook's first markdown cell."""
    # plain JSON: loading nbformat (and its schema validator) costs a second per build
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        source = cell["source"]
        lines = ("".join(source) if isinstance(source, list) else source).strip().splitlines()
        title = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("# ")), path.stem)
        body = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
        # plain text for the index: drop markdown emphasis and code marks
        return title, re.sub(r"[*_`]+", "", body[0]).strip() if body else ""
    return path.stem, ""


def index_html(jobs: list[Job], lang: str) -> str:
    """The index page of one edition (``templates/site/index.html.j2``)."""
    from analysis.report.provenance import build_date, footer_html, git_commit, input_digest
    from analysis.report.render import render

    reports = []
    for job in (j for j in jobs if j.lang == lang and j.unit_id is None):
        title, summary = notebook_summary(job.notebook)
        plain, code = list(job.pages())
        rel = job.prefix()
        reports.append((plain.removeprefix(rel), code.removeprefix(rel), title, summary))
    units = [
        (f"units/{j.unit_id}.html", _unit_name(j.unit_id, lang))
        for j in jobs
        if j.lang == lang and j.unit_id is not None
    ]
    other = [x for x in LANGS if x != lang][0]
    other_href = ("../" if lang != "zh" else "") + ("" if other == "zh" else f"{other}/")
    return render(
        "index.html.j2",
        lang=lang,
        w=WORDS.edition(lang),
        other_href=other_href + "index.html",
        reports=reports,
        units=units,
        commit=git_commit(),
        date=build_date(),
        digest=input_digest()[:12],
        footer=footer_html(lang, False),
    )


def _unit_name(unit_id: str, lang: str) -> str:
    from analysis.datasets.loaders import load_units

    # the units table itself, not style.unit_label: the index needs no plotting stack
    row = load_units().set_index("unit_id").loc[unit_id]
    return str(row["name_zh"] if lang == "zh" else row["name_en"])


def _run(
    todo: list[Job], langs: tuple[str, ...], workers: int | None
) -> Iterator[tuple[Job, dict[str, str]]]:
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
            yield job, _execute(job, langs)
        return
    n = workers or min(len(order), os.cpu_count() or 1)
    with ProcessPoolExecutor(n, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_execute, j, langs): j for j in order}
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

    from analysis.report.provenance import input_digest

    paths = notebook_paths() if paths is None else [Path(p) for p in paths]
    if not paths:
        raise FileNotFoundError(f"no notebooks to build in {NOTEBOOKS_DIR}")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    old = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    digest = input_digest()
    jobs = plan(paths, langs, units)
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
                for job, pages in _run(todo, langs, workers):
                    for rel, text in pages.items():
                        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                        (staging / rel).write_text(text, encoding="utf-8")
                    bar.set_postfix_str(job.notebook.stem)
                    bar.update()
            finally:
                bar.close()
        for lang in langs:
            rel = ("" if lang == "zh" else f"{lang}/") + "index.html"
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_text(index_html(jobs, lang), encoding="utf-8")
        # every page ran: move into place (renames on the same filesystem)
        for page in sorted(p for p in staging.rglob("*.html")):
            target = out_dir / page.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(page, target)
        manifest = {rel: keys[j] for j in jobs for rel in j.pages()}
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = [rel for j in jobs for rel in j.pages()]
    pages += [("" if lang == "zh" else f"{lang}/") + "index.html" for lang in langs]
    return [out_dir / rel for rel in pages]
