"""Render HTML: report pages from executed notebooks, and the site's own parts from templates.

All markup lives in ``analysis/report/templates/`` — none is written in Python:

- ``offline/`` — the nbconvert template of a report page (extends nbconvert's ``lab``; no
  CDN scripts, a CJK font stack, code hidden unless asked for), used by :func:`to_html`;
- ``site/`` — Jinja2 templates of the navigation bar, the provenance footer and the index
  page, rendered by :func:`render` with autoescaping on, so a notebook title or a ledger's
  file name can never inject markup.

The callers (:mod:`analysis.report.site`, :mod:`analysis.report.provenance`) gather what a
part shows, texts from their :class:`~analysis.presentation.text.Catalogue` in one edition,
and pass it here. A report page is rendered from one edition of its notebook
(:mod:`~analysis.report._edition`), its charts prepared for the template
(:mod:`~analysis.report._downloads`), and its sections given short anchors and a contents
list (:mod:`~analysis.report._anchors`); of :mod:`analysis.report` this module imports only
those private helpers.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from analysis.config import TEMPLATES_DIR
from analysis.presentation.text import Catalogue
from analysis.report import _anchors, _downloads, _edition

if TYPE_CHECKING:  # jinja2 and nbconvert load only when a page is rendered
    from jinja2 import Environment
    from markupsafe import Markup
    from nbformat import NotebookNode

#: The nbconvert template of report pages (``templates/offline``).
TEMPLATE_NAME = "offline"
#: The templates of the site's own parts: navigation, footer, index.
SITE_TEMPLATES = TEMPLATES_DIR / "site"
#: Words of a report page's own parts (the template's script, the contents list).
PAGE_WORDS = Catalogue(
    __name__ + ".page_words",
    {
        "contents": ("本页内容", "On this page"),
        "filter": ("筛选表格…", "Filter this table…"),
        "sort": ("点击排序", "Click to sort"),
    },
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of ``templates/site``: autoescaped, strict about unknown names.

    Raises
    ------
    ImportError
        If jinja2 is not installed (it comes with nbconvert).
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(SITE_TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt name fails the build, not the page
        keep_trailing_newline=True,
    )


def render(name: str, **context: Any) -> Markup:
    """Render ``templates/site/<name>`` with ``context``; the result is safe markup.

    Being :class:`markupsafe.Markup`, it can be passed into another template (the footer
    into the index) without being escaped twice.

    Raises
    ------
    jinja2.TemplateNotFound
        If there is no such template.
    jinja2.UndefinedError
        If the template uses a name ``context`` lacks.
    """
    from markupsafe import Markup

    return Markup(environment().get_template(name).render(**context))


@cache  # one per edition
def _exporter(lang: str) -> Any:
    """The page exporter of an edition, kept: its Jinja environment compiles the offline
    template once per process (about 0.3 s) instead of once per page."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,  # ISO 639-1; lets browsers pick Chinese glyph forms
    )


def to_html(
    nb: NotebookNode,
    name: str,
    show_code: bool = False,
    lang: str = "zh",
    header: str = "",
    footer: str = "",
    title: str | None = None,
) -> str:
    """Render one edition of an executed notebook with the offline template.

    The cells tagged for the other edition are dropped; each section heading gets a short
    anchor and the page a contents list; each chart a figure with its alt text and
    downloads (as ``data:`` URLs: the page stands alone until the site build moves them
    into files).

    Parameters
    ----------
    nb
        The executed notebook.
    name
        Its file stem, used as the page title when the notebook has none.
    show_code
        Show code cells (hidden by default; a cell tagged ``show-input`` always shows).
    lang
        The edition (``<html lang>``; the cells tagged ``lang-<other>`` are left out).
    header, footer
        HTML placed before the first cell (navigation) and after the last (provenance),
        as :func:`render` makes it.
    title
        The page's ``<title>``; default the edition's first ``#`` heading, else the
        notebook's ``title`` metadata, else ``name``.

    Raises
    ------
    jinja2.TemplateNotFound
        If analysis/report/templates/offline is missing.
    ValueError
        If a cell is tagged for two editions.
    """
    exporter = _exporter(lang)
    words = PAGE_WORDS.edition(lang)
    edition = _edition.for_edition(nb, lang)
    edition.metadata["title"] = (
        title or _edition.title(nb.cells, lang) or nb.metadata.get("title") or name
    )
    _anchors.mark_toc(edition)
    _downloads.prepare_charts(edition, lang)
    resources = {
        "metadata": {"name": name},
        "show_code": show_code,
        "page_header": header,
        "page_footer": footer,
        "words": {"filter": words["filter"], "sort": words["sort"]},
    }
    body, _ = exporter.from_notebook_node(edition, resources=resources)
    body, _ = _anchors.add_anchors(body, words["contents"], _anchors.english_pairs(nb.cells))
    return body
