"""The heading of a unit's page: its name and the date of the records, in the edition's words.

A notebook cell that ends in :func:`unit_heading` shows a level-1 heading (Markdown in
JupyterLab and on the page) and, for strict nbval, the same words as plain text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from analysis.config import resolve_lang
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.labels import unit_name
from analysis.presentation.text import Catalogue

WORDS = Catalogue(
    __name__,
    {
        "title": ("{u} · 街道（镇）概况", "{u} · Unit report"),
        "lede": (
            "截至 {d} 的记录：无主管楼院整治、创业担保贷款和公共卫生检查，每一项都与全区并列。",
            "Records as of {d}: renovation of unmanaged compounds, entrepreneurship guarantee "
            "loans and public-health inspections, each set beside the whole district.",
        ),
    },
)


@dataclass(frozen=True)
class Heading:
    """A page heading with one line under it.

    Attributes
    ----------
    title
        The heading.
    lede
        The line under it.
    """

    title: str
    lede: str

    @property
    def text(self) -> str:
        """Plain text (what strict nbval compares)."""
        return f"{self.title}\n{self.lede}"

    def _repr_markdown_(self) -> str:
        return f"# {self.title}\n\n{self.lede}"

    def _repr_html_(self) -> str:
        return f"<h1>{html.escape(self.title)}</h1>\n<p>{html.escape(self.lede)}</p>"

    def __repr__(self) -> str:
        return self.text


def unit_heading(unit_id: str, as_of: str | None = None, lang: str | None = None) -> Heading:
    """``中心路街道 · 街道（镇）概况`` / ``Zhongxinlu Subdistrict · Unit report``, and the date.

    Parameters
    ----------
    unit_id
        The unit of the page (an id the units table lacks is named as it is).
    as_of
        The date of the records (``YYYY-MM-DD``); default the data's as-of date.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    name = unit_name(unit_id, lang)
    return Heading(
        WORDS.text("title", lang).format(u=name),
        WORDS.text("lede", lang).format(d=as_of or DATA_AS_OF),
    )
