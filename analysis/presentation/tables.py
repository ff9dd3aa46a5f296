"""Every DataFrame a notebook shows, as a publication table in the edition's language.

:func:`install_tables` (called by ``style.set_style()``, in both editions) registers IPython
display formatters for :class:`pandas.DataFrame`:

- ``text/html``: :func:`table_html` — headers from :data:`analysis.presentation.columns.COLUMNS`,
  no index column (a meaningful index becomes the first columns), thousands separators,
  shares as %, ``—`` for missing, small-cell marks kept, categories, units and place names
  in the edition's language; under it the origin of its records and a CSV download::

      <div class="table-block"><table class="data-table[ sortable]">…</table>
      <p class="table-note">Synthetic records (not real data): loan records</p>
      <a class="download" download="….csv" href="data:text/csv;…">Download CSV</a></div>

- ``text/plain``: the same labelled table as pandas prints it (what nbval compares).

The data are never changed, only how they are shown. The origin of a table is
``frame.attrs["datasets"]`` when the function that made it says (loan metrics do), else the
dataset the frame was loaded as (``attrs["dataset"]``), else every record dataset loaded on
this page (:func:`analysis.datasets.origin.loaded`).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.csv_safe import to_csv_text
from analysis.datasets.origin import forget_loaded, loaded, origin
from analysis.presentation import _table_html as th
from analysis.presentation._table_values import (
    english_labels,
    english_table,
    prepare,
)
from analysis.presentation._table_words import value_label
from analysis.presentation.caveats import dataset_name
from analysis.presentation.findings import listing
from analysis.presentation.text import Catalogue

__all__ = [
    "SORTABLE_ROWS",
    "english_labels",
    "english_table",
    "install_tables",
    "table_csv",
    "table_html",
    "table_origin",
    "table_text",
    "value_label",
]

WORDS = Catalogue(
    __name__,
    {
        "synthetic": ("合成记录（非真实数据）", "Synthetic records (not real data)"),
        "imported": ("导入的台账", "Imported ledger"),
        "published": ("公开来源", "Published source"),
        "colon": ("：", ": "),
        "sep": ("；", "; "),
        "download": ("下载 CSV", "Download CSV"),
        "empty": ("无数据", "No rows"),
        "cut": ("只显示前 {shown} 行（共 {rows} 行）", "First {shown} of {rows} rows shown"),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
    },
)
#: Tables with more rows than this are sortable and filterable on the page.
SORTABLE_ROWS = 8
#: At most this many rows are drawn (and put in the CSV); the note says when rows are cut.
MAX_ROWS = 500
#: Datasets that label other tables (names, categories) rather than hold a table's records:
#: left out of an origin taken from the page's loads.
_LABELLING = frozenset({"units", "vocabulary", "ledger_aliases"})
_SLUG = re.compile(r"[^a-z0-9]+")
_KIND_OF_ORIGIN = {
    "synthetic": "synthetic",
    "imported": "imported",
    "published": "published",
    "reference": "published",
}


def _bool_word(lang: str) -> Callable[[object], str]:
    """``是``/``否`` or ``yes``/``no``: how a true or false cell reads in the edition."""
    return lambda value: WORDS.text("yes" if value else "no", lang)


def datasets_of(frame: pd.DataFrame) -> list[str]:
    """The datasets a table's records come from (see the module docstring).

    Raises
    ------
    Nothing.
    """
    named = frame.attrs.get("datasets") or frame.attrs.get("dataset")
    if named:
        return [named] if isinstance(named, str) else [str(n) for n in named]
    return [n for n in loaded() if n not in _LABELLING]


def table_origin(frame: pd.DataFrame, lang: str | None = None) -> str:
    """``合成记录（非真实数据）：贷款记录`` / ``Synthetic records (not real data): loan records``:
    what the table's records are, by origin; ``""`` when no dataset is known.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    groups: dict[str, list[str]] = {}
    for name in dict.fromkeys(datasets_of(frame)):
        try:
            kind = _KIND_OF_ORIGIN[origin(name)]
        except KeyError:  # not a dataset of the schema: nothing honest to say about it
            continue
        groups.setdefault(kind, []).append(dataset_name(name, lang))
    parts = [
        WORDS.text(kind, lang) + WORDS.text("colon", lang) + listing(groups[kind], lang)
        for kind in ("synthetic", "imported", "published")
        if kind in groups
    ]
    return WORDS.text("sep", lang).join(parts)


def _cut(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.head(MAX_ROWS) if len(frame) > MAX_ROWS else frame


def table_csv(frame: pd.DataFrame, lang: str | None = None) -> str:
    """The CSV of exactly what :func:`table_html` shows: labelled headers, raw numbers (a
    number formatted as text, ``1,234``, back to ``1234``), ``x`` where a cell is hidden;
    text cells a spreadsheet would run as a formula neutralised.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    table = prepare(_cut(frame), resolve_lang(lang))
    out = table.frame.copy()
    out.columns = range(out.shape[1])
    for i, kind in enumerate(table.kinds):
        if kind == "numtext":
            out[i] = out[i].map(lambda v: v.replace(",", "") if isinstance(v, str) else v)
        elif kind == "bool":
            out[i] = out[i].map(_bool_word(table.lang))
        elif kind == "delta":
            out[i] = out[i].map(lambda v: None if pd.isna(v) else pd.Timedelta(v).days)
        elif kind in ("date", "month"):  # as shown; a spreadsheet reads ISO dates
            show = th.formatter(kind, out[i], _bool_word(table.lang))
            out[i] = out[i].map(lambda v, show=show: "" if pd.isna(v) else show(v))
    out.columns = _unique(table.labels)
    return to_csv_text(out)


def _unique(labels: list[str]) -> list[str]:
    """``["Loans", "Loans"]`` → ``["Loans", "Loans (2)"]``: CSV headers a reader can tell apart."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _slug(keys: list[str]) -> str:
    slug = _SLUG.sub("-", "-".join(keys[:3]).lower()).strip("-")[:60].strip("-")
    return (slug or "table") + ".csv"


def table_html(frame: pd.DataFrame, lang: str | None = None) -> str:
    """The publication table of ``frame`` with its origin note and CSV download (see the
    module docstring).

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    shown = _cut(frame)
    table = prepare(shown, lang)
    classes = "data-table" + (" sortable" if len(shown) > SORTABLE_ROWS else "")
    markup = th.render(
        table.frame,
        table.keys,
        table.labels,
        table.kinds,
        _bool_word(lang),
        classes,
        WORDS.text("empty", lang),
    )
    notes = [table_origin(frame, lang)]
    if len(shown) < len(frame):
        notes.append(WORDS.text("cut", lang).format(shown=len(shown), rows=f"{len(frame):,}"))
    note = WORDS.text("sep", lang).join(n for n in notes if n)
    data = base64.b64encode(("\ufeff" + table_csv(shown, lang)).encode("utf-8")).decode("ascii")
    link = (
        f'<a class="download" download="{html.escape(_slug(table.keys))}" '
        f'href="data:text/csv;charset=utf-8;base64,{data}">{WORDS.text("download", lang)}</a>'
    )
    note_html = f'<p class="table-note">{html.escape(note)}</p>\n' if note else ""
    return f'<div class="table-block">{markup.strip()}\n{note_html}{link}</div>'


def table_text(frame: pd.DataFrame, lang: str | None = None) -> str:
    """The labelled table as pandas prints it, without the index (what nbval compares).

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    table = prepare(frame, resolve_lang(lang))
    shown = th.display_strings(table.frame, table.kinds, _bool_word(table.lang))
    shown.columns = table.labels
    return shown.to_string(
        index=False,
        max_rows=pd.get_option("display.max_rows"),
        min_rows=pd.get_option("display.min_rows"),
        max_cols=pd.get_option("display.max_columns"),
        line_width=pd.get_option("display.width"),
    )


def install_tables() -> bool:
    """Show every DataFrame as a publication table in the running IPython kernel.

    Also starts a new page for :func:`analysis.datasets.origin.loaded` (every notebook
    calls ``style.set_style()`` first), so a warm kernel never cites one page's data under
    another page's tables.

    Returns
    -------
    bool
        False when not running under IPython (nothing to install).

    Raises
    ------
    Nothing.
    """
    forget_loaded()
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, lambda df: table_html(df))
    formatters["text/plain"].for_type(pd.DataFrame, lambda df, p, cycle: p.text(table_text(df)))
    return True


#: The former name (English edition only); both editions now get the tables.
install_english_tables = install_tables
