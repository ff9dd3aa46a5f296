"""The pages of the report site, and the parts every page shares.

What a build makes (:class:`Job`: a notebook in one edition, for the district or one unit,
yielding one or two pages), the site's words (:data:`WORDS`), and the two parts rendered
from ``templates/site`` here: the navigation bar of a page (:func:`nav_html`) and the index
of an edition (:func:`index_html`). :mod:`analysis.report.site` executes the jobs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.config import NOTEBOOKS_DIR
from analysis.presentation.text import Catalogue

LANGS = ("zh", "en")
#: The parameterised per-unit notebook (no NN- prefix: it is a template, not a topic).
UNIT_NOTEBOOK = NOTEBOOKS_DIR / "unit-report.ipynb"

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
