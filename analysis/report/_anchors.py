"""Short stable anchors for a page's sections, and its in-page contents list.

nbconvert gives each markdown heading an id made from its whole text, percent-encoded
(``#1.-%E6%80%BB%E9%87%8F…``): long, different in each edition, and changed by any edit
of the wording. Here every section heading (``<h2>``) of a rendered page gets a short id:

- ``s1``, ``s2`` … from a leading number (``## 1. Headline``), ``sa``, ``sb`` … from a
  leading letter (``## (a) …``), so both editions share the anchors of numbered sections;
- else a slug of the heading's ASCII words (``## Method notes`` → ``method-notes``), in
  the Chinese edition the slug of the English heading in the same position when the
  notebook pairs its ``lang-zh`` and ``lang-en`` headings one to one;
- else ``h`` and the heading's position on the page.

The contents list (``<nav class="toc">``) is placed where :func:`mark_toc` put its marker
into the notebook: after the cell showing the key-points box (``section.key-points``), else
after the title cell. Both steps work on our own known markup with regular expressions:
nbconvert writes every markdown heading as ``<h2 id="…">…<a class="anchor-link" href="#…">¶
</a></h2>``. A second HTML parse of a 3 MB page would cost more than the render itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from analysis.report._edition import cell_lang, plain, source

if TYPE_CHECKING:
    from nbformat import NotebookNode

#: Where the contents list goes: an HTML comment, which the markdown renderer keeps.
TOC_MARK = "<!-- shangjie:toc -->"
#: A section heading as nbconvert renders markdown (cells and text/markdown outputs).
H2 = re.compile(
    r'<h2 id="(?P<id>[^"]*)">(?P<inner>.*?)<a class="anchor-link" href="#(?P=id)">¶</a></h2>',
    re.S,
)
_NUMBERED = re.compile(r"^\s*(?:§\s*)?(\d+)[.)、．]")
_LETTERED = re.compile(r"^\s*\(([a-z])\)|^\s*([a-z])[.)]\s", re.I)
_WORD = re.compile(r"[A-Za-z0-9]+")
_TAGS = re.compile(r"<[^>]+>")
#: Words of a slug at most: enough to tell sections apart, short enough to type.
SLUG_WORDS = 5
#: The provenance footer's heading (``templates/site/footer.html.j2``): the last entry.
FOOTER_H2 = re.compile(r'<h2 id="provenance">(?P<inner>.*?)</h2>', re.S)
#: The key-points box (contract D) as the lead's KeyPoints renders it.
KEY_POINTS_OPEN = '<section class="key-points">'


def anchor_id(heading: str, position: int, english: str | None = None) -> str:
    """The short id of a section heading (plain text) at ``position`` (1-based) on its page.

    ``english`` is the English heading paired with a Chinese one, used for its slug.
    """
    number = _NUMBERED.match(heading)
    if number:
        return f"s{int(number[1])}"
    letter = _LETTERED.match(heading)
    if letter:
        return f"s{(letter[1] or letter[2]).lower()}"
    for text in (heading, english or ""):
        words = _WORD.findall(text)
        if words:
            return "-".join(w.lower() for w in words[:SLUG_WORDS])
    return f"h{position}"


def _h2_lines(cells: Sequence[Mapping[str, Any]], lang: str) -> list[str]:
    return [
        plain(line[3:])
        for cell in cells
        if cell.get("cell_type") == "markdown" and cell_lang(cell) == lang
        for line in source(cell).splitlines()
        if line.startswith("## ")
    ]


def english_pairs(cells: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Chinese section heading → the English heading in the same position.

    Pairs the k-th ``##`` heading of the ``lang-zh`` cells with the k-th of the ``lang-en``
    cells, only when both editions have as many (else the pairing would be a guess).
    """
    zh, en = _h2_lines(cells, "zh"), _h2_lines(cells, "en")
    return dict(zip(zh, en, strict=True)) if len(zh) == len(en) else {}


def mark_toc(nb: NotebookNode) -> None:
    """Insert the contents marker cell into ``nb``: after the key-points cell, else the title.

    ``nb`` is an edition copy (:func:`analysis.report._edition.for_edition`): its cell
    list may be changed, the cells themselves are not.
    """
    from nbformat.v4 import new_markdown_cell

    at = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(
            KEY_POINTS_OPEN in _html_of(output) for output in cell.get("outputs", [])
        ):
            at = index + 1
            break
    else:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "markdown" and re.search(r"^# ", cell.source, re.M):
                at = index + 1
                break
    nb.cells.insert(at, new_markdown_cell(TOC_MARK, id="shangjie-toc"))


def _html_of(output: Mapping[str, Any]) -> str:
    value = output.get("data", {}).get("text/html", "")
    return "".join(value) if isinstance(value, list) else value


def add_anchors(
    page: str, label: str, pairs: Mapping[str, str] | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """Give every section heading of ``page`` its short id and fill in the contents list.

    Parameters
    ----------
    page
        A page rendered by :func:`analysis.report.render.to_html` (before this step).
    label
        The contents list's heading in the page's edition.
    pairs
        :func:`english_pairs` of the notebook, for the slugs of Chinese headings.

    Returns
    -------
    str, list of (id, text)
        The page, and its sections in order.
    """
    pairs = pairs or {}
    used: set[str] = set()
    sections: list[tuple[str, str]] = []

    def _replace(match: re.Match[str]) -> str:
        text = " ".join(html.unescape(_TAGS.sub("", match["inner"])).split())
        new = anchor_id(text, len(sections) + 1, pairs.get(text))
        base, n = new, 2
        while new in used:  # two sections named alike: the second is name-2
            new, n = f"{base}-{n}", n + 1
        used.add(new)
        sections.append((new, text))
        return f'<h2 id="{new}">{match["inner"]}<a class="anchor-link" href="#{new}">¶</a></h2>'

    page = H2.sub(_replace, page)
    footer = FOOTER_H2.search(page)
    if footer is not None:
        sections.append(("provenance", " ".join(html.unescape(footer["inner"]).split())))
    page = page.replace(KEY_POINTS_OPEN, '<section class="key-points" id="key-points">', 1)
    toc = toc_html(sections, label) if sections else ""
    return page.replace(TOC_MARK, toc, 1), sections


def toc_html(sections: Sequence[tuple[str, str]], label: str) -> str:
    """The contents list: ``<nav class="toc">`` with one link per section."""
    items = "".join(
        f'<li><a href="#{html.escape(i)}">{html.escape(text)}</a></li>' for i, text in sections
    )
    return (
        f'<nav class="toc" aria-label="{html.escape(label)}">'
        f'<p class="toc-title">{html.escape(label)}</p><ol>{items}</ol></nav>'
    )
