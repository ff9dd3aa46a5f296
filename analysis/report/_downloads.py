"""Charts with their alt text and downloads, and the downloads moved out of a page into files.

Two steps, one on each side of the render:

1. :func:`prepare_charts` (before the render) gives every PNG output of a notebook what the
   offline template needs to draw it as ``<figure class="chart">``: the alt text and the
   CSV of the numbers drawn from the output's metadata (``metadata["shangjie"]``, or nested
   under ``metadata["image/png"]`` as IPython does for a formatter's metadata), else the
   heading the chart sits under as its alt text (never nbconvert's placeholder).
2. :func:`extract` (after the render, in the site build) writes every download a page
   carries as a ``data:`` URL — the charts' CSV and PNG, the tables' CSV — to a file beside
   the page, ``<stem>_files/chart-01.csv``, ``chart-01.png``, ``table-01.csv``, and points the
   links there. The picture itself stays embedded (a page still opens on its own); its
   *enlarge* link opens the PNG file.

Both steps read only our own markup (the offline template's and the tables' contract
markup), with regular expressions, and number the files in page order, so the same page
always gives the same files.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.presentation.text import Catalogue
from analysis.report._edition import plain

if TYPE_CHECKING:
    from nbformat import NotebookNode

WORDS = Catalogue(
    __name__,
    {
        "chart_alt": ("图表：{heading}", "Chart: {heading}"),
        "chart_n": ("图表 {n}", "Chart {n}"),
        "csv": ("下载 CSV", "Download CSV"),
        "png": ("下载图片（PNG）", "Download image (PNG)"),
        "enlarge": ("点击放大", "Tap to enlarge"),
        "chart_csv": ("图表数据（CSV）", "Chart data (CSV)"),
        "chart_png": ("图表图片（PNG）", "Chart image (PNG)"),
        "table_csv": ("表格数据（CSV）", "Table data (CSV)"),
        "file": ("下载文件", "Download"),
    },
)
#: Key of the chart metadata (contract C), at the top of an output's metadata or under its
#: MIME type.
META_KEY = "shangjie"
#: Where :func:`prepare_charts` leaves what the template draws.
VIEW_KEY = "shangjie_view"
#: Excel reads a UTF-8 CSV without a byte-order mark as the local code page (GBK on a
#: Chinese Windows): the mark makes Chinese headers open correctly.
BOM = "\ufeff"

_HEADING = re.compile(r"^#{1,3} +(.+)$", re.M)
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def chart_meta(output: Mapping[str, Any]) -> Mapping[str, Any]:
    """The chart metadata of an image output (contract C), wherever IPython put it; ``{}``."""
    meta = output.get("metadata") or {}
    found = meta.get(META_KEY)
    if found is None:
        found = (meta.get("image/png") or {}).get(META_KEY)
    return found if isinstance(found, Mapping) else {}


def csv_data_url(text: str) -> str:
    """A CSV text as a ``data:`` URL (UTF-8 with a byte-order mark, base64)."""
    data = (text if text.startswith(BOM) else BOM + text).encode("utf-8")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")


def _file_name(name: str, suffix: str, n: int) -> str:
    stem = _SLUG.sub("-", name.rsplit(".", 1)[0]).strip("-.") if name else ""
    return f"{stem or f'chart-{n:02d}'}{suffix}"


def prepare_charts(nb: NotebookNode, lang: str) -> None:
    """Attach to every PNG output of ``nb`` the view the offline template draws.

    ``nb`` is an edition copy (:func:`analysis.report._edition.for_edition`): a cell with a
    chart is replaced by a copy whose chart outputs carry ``metadata["shangjie_view"]``;
    the caller's cells and outputs are left as they were.
    """
    from nbformat import NotebookNode

    w = WORDS.edition(lang)
    heading = ""
    n = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found = _HEADING.findall(cell.source)
            heading = plain(found[-1]) if found else heading
            continue
        outputs = cell.get("outputs", [])
        if not any("image/png" in o.get("data", {}) for o in outputs):
            for o in outputs:  # a computed heading (a text/markdown output) counts too
                md = o.get("data", {}).get("text/markdown")
                if md and "text/html" not in o.get("data", {}):
                    found = _HEADING.findall("".join(md) if isinstance(md, list) else md)
                    heading = plain(found[-1]) if found else heading
            continue
        new_outputs = []
        for output in outputs:
            if "image/png" not in output.get("data", {}):
                new_outputs.append(output)
                continue
            n += 1
            meta = chart_meta(output)
            alt = str(meta.get("alt") or "").strip()
            if not alt:  # the heading the chart sits under, never nbconvert's placeholder
                alt = w["chart_alt"].format(heading=heading) if heading else ""
                alt = alt or w["chart_n"].format(n=n)
            csv = meta.get("csv")
            name = str(meta.get("name") or "")
            view = {
                "alt": alt,
                "csv_url": csv_data_url(csv) if isinstance(csv, str) and csv else "",
                "csv_name": _file_name(name, ".csv", n),
                "png_name": _file_name(name, ".png", n),
                "csv_label": w["csv"],
                "png_label": w["png"],
                "enlarge": w["enlarge"],
            }
            metadata = NotebookNode(dict(output.get("metadata") or {}))
            metadata[VIEW_KEY] = view
            new_outputs.append(NotebookNode(dict(output, metadata=metadata)))
        nb.cells[index] = NotebookNode(dict(cell, outputs=new_outputs))


# --- the site build: data: URLs out of the page, into files ------------------------------------


@dataclass(frozen=True)
class Download:
    """One file written beside a page."""

    href: str  # from the page, POSIX: "01-x_files/chart-01.csv", "../01-x_files/chart-01.csv"
    data: bytes
    kind: str  # "chart_csv", "chart_png" or "table_csv"
    name: str  # the name the browser saves it under (the link's download attribute)


_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.S)
_ATTR = re.compile(r'\s(?P<name>[a-zA-Z-]+)(?:="(?P<value>[^"]*)")?')
_DATA_URL = re.compile(r"data:(?P<mime>[^;,]*)(?P<params>(?:;[^;,]*)*?),(?P<data>.*)", re.S)
#: Our own markup, found with str.find: a regular expression stepping through the
#: megabytes of base64 between the tags costs ten times as much.
FIGURE_OPEN, FIGURE_CLOSE = '<figure class="chart">', "</figure>"
DOWNLOAD_CLASS = 'class="download"'
PNG_SRC = 'src="data:image/png;base64,'


def _attrs(tag_attrs: str) -> dict[str, str]:
    return {m["name"]: html.unescape(m["value"] or "") for m in _ATTR.finditer(tag_attrs)}


def _decode(url: str) -> bytes | None:
    """The bytes of a ``data:`` URL (base64 or percent-encoded), None if it is not one."""
    from urllib.parse import unquote_to_bytes

    m = _DATA_URL.fullmatch(url)
    if m is None:
        return None
    if m["params"].endswith(";base64"):
        try:
            return base64.b64decode(m["data"], validate=True)
        except binascii.Error:
            return None
    return unquote_to_bytes(m["data"])


def _set_href(tag: str, href: str) -> str:
    """``tag`` (an ``<a …>`` start tag) with its href replaced by, or given, ``href``."""
    if re.search(r'\shref="[^"]*"', tag):
        return re.sub(r'\shref="[^"]*"', f' href="{html.escape(href)}"', tag, count=1)
    return tag[:-1] + f' href="{html.escape(href)}">'


def extract(page: str, folder: str) -> tuple[str, list[Download]]:
    """Move the downloads of a rendered page into files under ``folder``.

    Parameters
    ----------
    page
        The page's HTML.
    folder
        The files' folder as a link from the page: ``"01-x_files"``, or ``"../01-x_files"``
        for a page sharing the files of a page one folder up (the code-shown twin).

    Returns
    -------
    str, list of Download
        The page with its links pointing at the files, and the files, in page order.
    """
    files: list[Download] = []
    counters = {"chart": 0, "table": 0}

    def _file(kind: str, n: int, ext: str, data: bytes, name: str, what: str) -> str:
        href = f"{folder}/{kind}-{n:02d}.{ext}"
        files.append(Download(href, data, what, name))
        return href

    def _figure(block: str) -> str:
        counters["chart"] += 1
        n = counters["chart"]
        # the picture's base64 stays in the page: only the links around it are rewritten
        at = block.find(PNG_SRC)
        until = block.find('"', at + len(PNG_SRC)) if at >= 0 else -1
        head, b64, tail = (
            (block[: at + len(PNG_SRC)], block[at + len(PNG_SRC) : until], block[until:])
            if until >= 0
            else (block, "", "")
        )
        png_href = None
        data = _decode("data:image/png;base64," + b64) if b64 else None
        if data is not None:
            png_name = next(
                (
                    _attrs(m["attrs"]).get("download", "")
                    for m in _LINK.finditer(tail)
                    if _attrs(m["attrs"]).get("data-chart") == "png"
                ),
                "",
            )
            png_href = _file("chart", n, "png", data, png_name or f"chart-{n:02d}.png", "chart_png")

        def _link(m: re.Match[str]) -> str:
            attrs = _attrs(m["attrs"])
            tag = m[0]
            if attrs.get("class") == "enlarge" or attrs.get("data-chart") == "png":
                return _set_href(tag, png_href) if png_href else tag
            if attrs.get("class") == "download" and attrs.get("href", "").startswith("data:"):
                data = _decode(attrs["href"])
                if data is not None:
                    name = attrs.get("download") or f"chart-{n:02d}.csv"
                    return _set_href(tag, _file("chart", n, "csv", data, name, "chart_csv"))
            return tag

        return _LINK.sub(_link, head) + b64 + _LINK.sub(_link, tail)

    def _table_link(tag: str) -> str:
        attrs = _attrs(tag[2:-1])
        href = attrs.get("href", "")
        data = _decode(href) if href.startswith("data:") else None
        if data is None:
            return tag
        counters["table"] += 1
        ext = "csv" if href.startswith("data:text/csv") else "bin"
        name = attrs.get("download") or f"table-{counters['table']:02d}.{ext}"
        return _set_href(tag, _file("table", counters["table"], ext, data, name, "table_csv"))

    parts: list[str] = []
    pos = 0
    while True:
        figure, link = page.find(FIGURE_OPEN, pos), page.find(DOWNLOAD_CLASS, pos)
        if figure < 0 and link < 0:
            break
        if figure >= 0 and (link < 0 or figure < link):  # a chart (its links included)
            end = page.find(FIGURE_CLOSE, figure)
            end = len(page) if end < 0 else end + len(FIGURE_CLOSE)
            parts += [page[pos:figure], _figure(page[figure:end])]
            pos = end
            continue
        start, close = page.rfind("<", pos, link), page.find(">", link)
        if start < 0 or close < 0 or not _LINK.match(page, start, close + 1):
            parts.append(page[pos : link + len(DOWNLOAD_CLASS)])  # the words, not a link
            pos = link + len(DOWNLOAD_CLASS)
            continue
        parts += [page[pos:start], _table_link(page[start : close + 1])]
        pos = close + 1
    parts.append(page[pos:])
    return "".join(parts), files
