"""One edition of a notebook: the cells of its language, its title and its one-line summary.

A bilingual notebook keeps both languages in one source: a narrative cell is written twice,
once tagged ``lang-zh`` (Chinese only) and once tagged ``lang-en`` (English only); an untagged
cell shows in both editions. JupyterLab shows every cell; the report of an edition drops the
cells tagged for the other one (:func:`for_edition`), markdown and code alike.

The functions here read plain cell dictionaries as well as :class:`nbformat.NotebookNode`,
so the index can read a notebook as plain JSON (loading nbformat and its schema validator
costs a second per build).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbformat import NotebookNode

#: Tag of a cell that belongs to one edition only: ``lang-zh``, ``lang-en``.
TAG_PREFIX = "lang-"
#: Markdown emphasis and code marks, dropped from plain-text titles and summaries.
_MARKS = re.compile(r"[*_`]+")
#: An HTML tag inside markdown (e.g. an ``<a id>``): not part of a title.
_TAG = re.compile(r"<[^>]+>")


def cell_lang(cell: Mapping[str, Any]) -> str | None:
    """The edition a cell is tagged for (``"zh"``, ``"en"``), or None when untagged.

    Raises
    ------
    ValueError
        If a cell is tagged for two editions (it would show in neither or both: a typo).
    """
    tags = cell.get("metadata", {}).get("tags", []) or []
    langs = [t[len(TAG_PREFIX) :] for t in tags if t.startswith(TAG_PREFIX)]
    if len(langs) > 1:
        raise ValueError(f"a cell is tagged for more than one edition: {sorted(tags)}")
    return langs[0] if langs else None


def in_edition(cell: Mapping[str, Any], lang: str) -> bool:
    """Whether ``cell`` shows in edition ``lang`` (untagged cells show in every edition).

    Raises
    ------
    ValueError
        As :func:`cell_lang`.
    """
    tagged = cell_lang(cell)
    return tagged is None or tagged == lang


def for_edition(nb: NotebookNode, lang: str) -> NotebookNode:
    """A shallow copy of ``nb`` without the cells tagged for another edition.

    The cells themselves are shared with ``nb`` (nothing is copied but the list), so this
    costs microseconds on a notebook holding megabytes of figures.

    Raises
    ------
    ValueError
        As :func:`cell_lang`.
    """
    from nbformat import NotebookNode

    copy = NotebookNode(dict(nb))
    copy.metadata = NotebookNode(dict(nb.get("metadata", {})))
    copy.cells = [c for c in nb.cells if in_edition(c, lang)]
    return copy


def source(cell: Mapping[str, Any]) -> str:
    """A cell's source as one string (notebook JSON may store it as a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def plain(markdown: str) -> str:
    """One line of markdown as plain text: emphasis, code marks and inline tags dropped."""
    return " ".join(_MARKS.sub("", _TAG.sub("", markdown)).split())


def title(cells: Iterable[Mapping[str, Any]], lang: str) -> str | None:
    """The first ``#`` heading among the markdown cells of edition ``lang``, as plain text.

    Raises
    ------
    ValueError
        As :func:`cell_lang`.
    """
    for cell in cells:
        if cell.get("cell_type") != "markdown" or not in_edition(cell, lang):
            continue
        for line in source(cell).splitlines():
            if line.startswith("# "):
                return plain(line[2:]) or None
    return None


def summary(cells: Iterable[Mapping[str, Any]], lang: str) -> str:
    """The first paragraph of the notebook's introduction in edition ``lang``, as plain text.

    The introduction is the first markdown cell tagged for ``lang``; a notebook not yet
    split into editions uses its first markdown cell. Headings are skipped; a paragraph
    ends at an empty line.

    Raises
    ------
    ValueError
        As :func:`cell_lang`.
    """
    markdown = [c for c in cells if c.get("cell_type") == "markdown"]
    tagged = [c for c in markdown if cell_lang(c) == lang]
    chosen = tagged or [c for c in markdown if in_edition(c, lang)][:1]
    for cell in chosen[:1]:
        paragraph: list[str] = []
        for line in source(cell).splitlines():
            if line.startswith("#") or not line.strip():
                if paragraph:
                    break
                continue
            paragraph.append(line)
        return _first_sentence(plain(" ".join(paragraph)))
    return ""


#: The end of a sentence: Chinese full stop, or a Latin one before a space.
_SENTENCE_END = re.compile(r"(?<=。)|(?<=[.!?])\s")
#: A summary longer than this is cut after its first sentence (the index shows one line).
SUMMARY_CHARS = 160


def _first_sentence(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    return first or text
