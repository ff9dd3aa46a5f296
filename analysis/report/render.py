"""Render HTML: report pages from executed notebooks, and the site's own parts from templates.

All markup lives in ``analysis/report/templates/`` — none is written in Python:

- ``offline/`` — the nbconvert template of a report page (extends nbconvert's ``lab``; no
  CDN scripts, a CJK font stack, code hidden unless asked for), used by :func:`to_html`;
- ``site/`` — Jinja2 templates of the navigation bar, the provenance footer and the index
  page, rendered by :func:`render` with autoescaping on, so a notebook title or a ledger's
  file name can never inject markup.

The callers (:mod:`analysis.report.site`, :mod:`analysis.report.provenance`) gather what a
part shows, texts from their :class:`~analysis.presentation.text.Catalogue` in one edition,
and pass it here. This module imports nothing else of :mod:`analysis.report`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from analysis.config import TEMPLATES_DIR

if TYPE_CHECKING:  # jinja2 and nbconvert load only when a page is rendered
    from jinja2 import Environment
    from markupsafe import Markup
    from nbformat import NotebookNode

#: The nbconvert template of report pages (``templates/offline``).
TEMPLATE_NAME = "offline"
#: The templates of the site's own parts: navigation, footer, index.
SITE_TEMPLATES = TEMPLATES_DIR / "site"


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


def to_html(
    nb: NotebookNode,
    name: str,
    show_code: bool = False,
    lang: str = "zh",
    header: str = "",
    footer: str = "",
) -> str:
    """Render an executed notebook with the offline template.

    Parameters
    ----------
    nb
        The executed notebook.
    name
        Its file stem, used as the page title when the notebook has none.
    show_code
        Show code cells (hidden by default; a cell tagged ``show-input`` always shows).
    lang
        Language of the page (``<html lang>``).
    header, footer
        HTML placed before the first cell (navigation) and after the last (provenance),
        as :func:`render` makes it.

    Raises
    ------
    jinja2.TemplateNotFound
        If analysis/report/templates/offline is missing.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,  # ISO 639-1; lets browsers pick Chinese glyph forms
    )
    resources = {
        "metadata": {"name": name},
        "show_code": show_code,
        "page_header": header,
        "page_footer": footer,
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body
