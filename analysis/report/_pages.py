"""The pages of the report site, and the parts every page shares.

What a build makes (:class:`Job`: a notebook in one edition, for the district or one unit,
yielding one or two pages), what links them (:class:`SiteMap`: the topics in order with
their titles, the units with their names), the site's words (:data:`WORDS`), and the two
parts rendered from ``templates/site`` here: the navigation bar of a page (:func:`nav_html`:
index, previous and next topic, other edition, code twin, every unit) and the index of an
edition (:func:`index_html`). :mod:`analysis.report.site` executes the jobs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.config import NOTEBOOKS_DIR
from analysis.presentation.text import Catalogue
from analysis.report import _edition

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
        "prev": ("← 上一篇：{t}", "← Previous: {t}"),
        "next": ("下一篇：{t} →", "Next: {t} →"),
        "by_unit": ("各街道（镇）：", "By subdistrict / town:"),
        "unit_title": ("{name} · 街道（镇）概况", "{name} · Unit report"),
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


@dataclass(frozen=True)
class SiteMap:
    """What links the pages of a build: topics in order with titles, units with names.

    Built once in the building process (:func:`site_map`) and handed to the workers, so a
    worker needs neither the units table nor the other notebooks to draw its navigation.
    """

    topics: tuple[tuple[str, str, str], ...] = ()  # (stem, title zh, title en)
    units: tuple[tuple[str, str, str], ...] = ()  # (unit_id, name zh, name en)

    def topic_title(self, stem: str, lang: str) -> str:
        return next((t[1 if lang == "zh" else 2] for t in self.topics if t[0] == stem), stem)

    def unit_name(self, unit_id: str, lang: str) -> str:
        return next((u[1 if lang == "zh" else 2] for u in self.units if u[0] == unit_id), unit_id)

    def signature(self) -> str:
        """A digest of everything the navigation shows: part of every page's build key."""
        return hashlib.sha256(repr((self.topics, self.units)).encode()).hexdigest()


def notebook_cells(path: Path) -> list[dict]:
    """A notebook's cells as plain JSON (nbformat and its validator cost a second to load)."""
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def site_map(paths: list[Path], units: bool) -> SiteMap:
    """The :class:`SiteMap` of a build of ``paths`` (and the unit pages when ``units``).

    Raises
    ------
    ValueError
        If a notebook's cell is tagged for two editions.
    """
    topics = []
    for path in paths:
        cells = notebook_cells(path)
        zh, en = (_edition.title(cells, lang) or path.stem for lang in LANGS)
        topics.append((path.stem, zh, en))
    named: list[tuple[str, str, str]] = []
    if units and UNIT_NOTEBOOK.is_file():
        named = [(u, _unit_name(u, "zh"), _unit_name(u, "en")) for u in unit_ids()]
    return SiteMap(tuple(topics), tuple(named))


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


def page_title(job: Job, sitemap: SiteMap) -> str:
    """The ``<title>`` of a job's pages: the topic's title, or the unit's name and report."""
    if job.unit_id is None:
        return sitemap.topic_title(job.notebook.stem, job.lang)
    name = sitemap.unit_name(job.unit_id, job.lang)
    return WORDS.text("unit_title", job.lang).format(name=name)


def nav_html(
    job: Job, rel: str, show_code: bool, langs: tuple[str, ...], sitemap: SiteMap | None = None
) -> str:
    """Links from a page: index, previous and next topic, other edition, code twin, units.

    Previous and next follow the topics' order and stay on the same side (code shown or
    hidden); every unit page is linked from every topic and unit page.
    """
    from analysis.report.render import render

    sitemap = sitemap or SiteMap()
    w = WORDS.edition(job.lang)
    up = _up(rel)
    p = job.prefix()
    code = "code/" if show_code else ""
    links = [(f"{up}{p}index.html", None, w["index"])]
    stems = [t[0] for t in sitemap.topics]
    if job.unit_id is None and job.notebook.stem in stems:
        at = stems.index(job.notebook.stem)
        if at > 0:
            title = sitemap.topic_title(stems[at - 1], job.lang)
            links.append((f"{up}{p}{code}{stems[at - 1]}.html", None, w["prev"].format(t=title)))
        if at + 1 < len(stems):
            title = sitemap.topic_title(stems[at + 1], job.lang)
            links.append((f"{up}{p}{code}{stems[at + 1]}.html", None, w["next"].format(t=title)))
    for other in langs:
        if other != job.lang:
            twin = [r for r, c in job.pages(other).items() if c == show_code][0]
            links.append((f"{up}{twin}", other, w["other"]))
    if job.unit_id is None:
        twin = [r for r, c in job.pages().items() if c != show_code][0]
        links.append((f"{up}{twin}", None, w["no_code" if show_code else "code"]))
    units = [
        (f"{up}{p}units/{u}.html", sitemap.unit_name(u, job.lang), u == job.unit_id)
        for u, _, _ in sitemap.units
    ]
    return render("nav.html.j2", links=links, units=units, by_unit=w["by_unit"])


def notebook_summary(path: Path, lang: str = "zh") -> tuple[str, str]:
    """Title (the edition's first ``#`` heading) and one-line summary of a notebook.

    The summary is the first paragraph of the edition's introduction
    (:func:`analysis.report._edition.summary`), cut after its first sentence when long.

    Raises
    ------
    ValueError
        If a cell is tagged for two editions.
    """
    cells = notebook_cells(path)
    return _edition.title(cells, lang) or path.stem, _edition.summary(cells, lang)


def index_key_points(lang: str) -> str:
    """The index's key-points box: ``analysis.overview.key_points`` when the overview has it.

    Called with the frames page 00 gives it (the data layers, the published figures, the
    reconciliation table, the compounds), loaded here. Empty while the overview package
    has no ``key_points``, so the index builds either way.

    Raises
    ------
    KeyError, ValueError
        As ``analysis.overview.key_points``.
    """
    from analysis import overview

    if not hasattr(overview, "key_points"):
        return ""
    import analysis
    from analysis.datasets.metadata import read_datapackage

    box = overview.key_points(
        overview.data_layers(read_datapackage()),
        analysis.load_published_figures(),
        analysis.reconcile(),
        analysis.load_compounds(),
        lang=lang,
    )
    return box._repr_html_()


#: The key-points box of a built page (its anchor given by analysis.report._anchors).
KEY_POINTS_BOX = re.compile(r'<section class="key-points" id="key-points">.*?</section>', re.S)


def key_points_of(page: Path) -> str:
    """The key-points box of a built page, or "" (no such page, or no box on it)."""
    if not page.is_file():
        return ""
    found = KEY_POINTS_BOX.search(page.read_text(encoding="utf-8"))
    return found[0] if found else ""


def index_html(jobs: list[Job], lang: str, key_points: str | None = None) -> str:
    """The index page of one edition (``templates/site/index.html.j2``).

    ``key_points`` is the box the index opens with, taken from the overview's built page
    by the site build (same numbers, no second computation); when ``None`` or empty the
    overview computes it (:func:`index_key_points`).

    Raises
    ------
    KeyError, ValueError
        As :func:`index_key_points`.
    """
    from markupsafe import Markup

    from analysis.report.provenance import build_date, footer_html, git_commit, input_digest
    from analysis.report.render import render

    reports = []
    for job in (j for j in jobs if j.lang == lang and j.unit_id is None):
        title, summary = notebook_summary(job.notebook, lang)
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
        other_lang=other,
        reports=reports,
        units=units,
        # both our own pages' markup and the lead's KeyPoints escape their text
        key_points=Markup(key_points or index_key_points(lang)),
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
