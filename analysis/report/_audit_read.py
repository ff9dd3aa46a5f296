"""Read a built site as an attacker would: every HTML table and every CSV file, as text.

Only the standard library is used (``html.parser``, ``csv``): the audit must run on any
built site without a browser or lxml, and quickly (the whole site in a second or two).
A table comes back as its header rows and body rows of cell strings, with the page,
its position on the page and a caption (the ``<caption>``, else the nearest heading
above it) so that a reader of the audit can find it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: Content of these elements is never a table cell nor a caption.
_SKIP = {"script", "style", "noscript", "template"}


@dataclass
class RawTable:
    """One released table as text: header rows, body rows, where it was found."""

    page: str
    index: int
    caption: str
    header: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)
    #: For each body row, how many leading cells were ``<th>`` (the row labels).
    row_label_cells: list[int] = field(default_factory=list)

    @property
    def where(self) -> str:
        """``page › table N (caption)``, how the audit names this table."""
        name = f"table {self.index}"
        return f"{self.page} › {name}" + (f" ({self.caption})" if self.caption else "")


class _TableParser(HTMLParser):
    """Collect every ``<table>`` of a page (nested tables are read as their own)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.tables: list[RawTable] = []
        self._stack: list[dict] = []  # open tables (innermost last)
        self._skip = 0
        self._heading: list[str] | None = None
        self._last_heading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if tag in _HEADINGS:
            self._heading = []
        elif tag == "table":
            self._stack.append(
                {"rows": [], "row": None, "cell": None, "caption": None, "in_head": False}
            )
        elif not self._stack:
            return
        table = self._stack[-1] if self._stack else None
        if table is None:
            return
        if tag == "thead":
            table["in_head"] = True
        elif tag == "tbody":
            table["in_head"] = False
        elif tag == "caption":
            table["caption"] = []
        elif tag == "tr":
            table["row"] = {"cells": [], "kinds": [], "head": table["in_head"]}
        elif tag in ("td", "th") and table["row"] is not None:
            found = dict(attrs)
            span = found.get("colspan") or "1"
            table["cell"] = {
                "text": [],
                "kind": tag,
                "span": int(span) if span.isdigit() else 1,
                # a publication table names each column in data-col: the same raw name in
                # both editions, whatever the label shown
                "col": found.get("data-col") if tag == "th" else None,
            }

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _HEADINGS and self._heading is not None:
            text = " ".join("".join(self._heading).split())
            self._last_heading = text.removesuffix("¶").strip()
            self._heading = None
            return
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "caption" and table["caption"] is not None:
            table["caption"] = " ".join("".join(table["caption"]).split()) or None
        elif tag in ("td", "th") and table["cell"] is not None and table["row"] is not None:
            cell = table["cell"]
            text = cell.get("col") or " ".join("".join(cell["text"]).split())
            # A spanning header cell covers several columns: repeat it so columns line up.
            table["row"]["cells"].extend([text] * max(1, cell["span"]))
            table["row"]["kinds"].extend([cell["kind"]] * max(1, cell["span"]))
            table["cell"] = None
        elif tag == "tr" and table["row"] is not None:
            table["rows"].append(table["row"])
            table["row"] = None
        elif tag == "table":
            self._stack.pop()
            self._finish(table)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        if not self._stack:
            return
        table = self._stack[-1]
        if table["cell"] is not None:
            table["cell"]["text"].append(data)
        elif isinstance(table["caption"], list):
            table["caption"].append(data)

    def _finish(self, table: dict) -> None:
        rows = table["rows"]
        if not rows:
            return
        raw = RawTable(self.page, len(self.tables) + 1, table["caption"] or self._last_heading)
        for row in rows:
            # A row in <thead>, or made only of <th> before any body row, is a header row.
            only_th = all(kind == "th" for kind in row["kinds"])
            if row["head"] or (only_th and not raw.body):
                raw.header.append(row["cells"])
            else:
                raw.body.append(row["cells"])
                leading = 0
                for kind in row["kinds"]:
                    if kind != "th":
                        break
                    leading += 1
                raw.row_label_cells.append(leading)
        self.tables.append(raw)


def read_html_tables(text: str, page: str) -> list[RawTable]:
    """Return every table of one HTML page.

    Raises
    ------
    ValueError
        If the HTML cannot be parsed at all (the parser is lenient; this is rare).
    """
    parser = _TableParser(page)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as error:  # html.parser signals hopeless markup this way
        raise ValueError(f"unreadable HTML: {error}") from error
    return parser.tables


@lru_cache(maxsize=1)
def column_names() -> dict[str, str]:
    """Column label (either edition) → column name, from the column catalogue; a label
    two columns share is left out (it names neither)."""
    from analysis.presentation.columns import COLUMNS

    seen: dict[str, set[str]] = {}
    for key, labels in COLUMNS.items():
        for label in labels:
            seen.setdefault(label, set()).add(key)
    return {label: next(iter(keys)) for label, keys in seen.items() if len(keys) == 1}


def read_csv_table(text: str, page: str) -> list[RawTable]:
    """Return a CSV download as one table (first row the header).

    Raises
    ------
    ValueError
        If the text is not CSV (e.g. inconsistent quoting).
    """
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    except csv.Error as error:
        raise ValueError(f"unreadable CSV: {error}") from error
    if not rows:
        return []
    # a download's headers are the labels shown on the page: back to the column names
    names = column_names()
    header = [names.get(h.strip(), h) for h in rows[0]]
    table = RawTable(page, 1, Path(page).name, header=[header], body=rows[1:])
    table.row_label_cells = [0] * len(table.body)
    return [table]


def site_files(site: Path) -> list[Path]:
    """Every HTML page and CSV file under ``site``, in a stable order.

    Pages under ``code/`` (the analysts' edition with code shown) are read too: they
    release the same outputs, and an attacker reads everything.
    """
    files = [p for p in site.rglob("*") if p.suffix.lower() in {".html", ".htm", ".csv"}]
    return sorted(p for p in files if p.is_file())


def read_site(site: Path) -> tuple[list[RawTable], list[str]]:
    """Read every table under ``site``; return the tables and one problem line per bad file.

    Raises
    ------
    FileNotFoundError
        If ``site`` is not a directory.
    """
    if not site.is_dir():
        raise FileNotFoundError(f"no site at {site}")
    tables: list[RawTable] = []
    problems: list[str] = []
    for path in site_files(site):
        page = path.relative_to(site).as_posix()
        try:
            text = path.read_text(encoding="utf-8-sig")
            reader = read_csv_table if path.suffix.lower() == ".csv" else read_html_tables
            tables.extend(reader(text, page))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            problems.append(f"unreadable: {page}: {type(error).__name__}: {error}")
    return tables, problems
