"""What a shown table holds: its columns, headers and cell words in the edition's language.

:func:`prepare` turns any DataFrame into the table a reader sees, without changing the
data: a meaningful index becomes the first columns (an unnamed integer index, left over from
filtering or sorting, is dropped); column levels are joined with `` · ``; of a pair
``x_zh`` / ``x_en`` only the edition's is kept; headers come from
:data:`~analysis.presentation.columns.COLUMNS`; unit ids become unit names; table words
(:data:`~analysis.presentation.columns.VALUES`), check items and, in English, vocabulary
categories and place names (:func:`~analysis.presentation.labels.place_name`) are put in
the edition's words. Verbatim source text (a quote, a byline) stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.config import LANGS
from analysis.datasets.schema import CHECK_ITEMS, DATASETS, get_dataset
from analysis.presentation import _table_html as th
from analysis.presentation._place_names import has_han, place_name
from analysis.presentation._table_words import value_label
from analysis.presentation.caveats import DATASET_NAMES, dataset_name
from analysis.presentation.columns import COLUMNS, column_label, humanise

#: Words that label tables rather than data (crosstab margins, totals).
TABLE_WORDS = {"合计": "total", "全部": "all", "总计": "total"}
#: Source text quoted as written, never put into pinyin.
VERBATIM = frozenset({"quote_zh", "quote", "article_title", "byline", "written", "note"})
#: Columns of names (``name_zh``, ``compound``, ``partner_unit`` …): always a place name.
_PLACE = re.compile(r"(^|_)(name|compound|community|partner_unit|subject)(_|$)")
#: A word of English in a cell: the cell is English text, perhaps with a Chinese gloss.
_ENGLISH = re.compile(r"[A-Za-z]{2,}")
#: Columns whose cells name other columns (``factor`` = ``premises_type``).
NAMING_COLUMNS = frozenset({"factor", "by", "lacks", "measure"})
#: Join of the levels of a column MultiIndex.
LEVEL_JOIN = " · "
#: How a list of categories is written in one cell.
_LIST_SEP = ("、", ", ")


@dataclass(frozen=True)
class Prepared:
    """A table as shown: cells translated, index dropped, one header per column."""

    frame: pd.DataFrame
    keys: list[str]  # column names as the analysis wrote them (levels joined)
    labels: list[str]  # headers in the edition's language
    kinds: list[str]  # how each column's cells are formatted (_table_html.column_kind)
    lang: str


@lru_cache(maxsize=1)
def english_labels() -> dict[str, str]:
    """Chinese value → English label, from the vocabulary and the units table.

    A value used in several domains with different labels (不适用) takes the shortest
    label, the one that reads right in every domain.
    """
    from analysis.datasets.loaders import load_units, load_vocabulary

    vocab, units = load_vocabulary(), load_units()
    labels: dict[str, str] = {}
    for value, label in zip(vocab["value_zh"], vocab["label_en"], strict=True):
        if value not in labels or len(label) < len(labels[value]):
            labels[value] = label
    labels.update(zip(units["name_zh"], units["name_en"], strict=True))
    labels.update(TABLE_WORDS)
    return labels


@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    """Column name → vocabulary domain, from the schema (first dataset wins)."""
    out: dict[str, str] = {}
    for dataset in DATASETS.values():
        for field in dataset.fields:
            if field.kind == "category" and field.domain:
                out.setdefault(field.name, field.domain)
    return out


@lru_cache(maxsize=1)
def _reference() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    """Unit id → (Chinese, English) name; (domain, value) → English label.

    Read here rather than through :mod:`analysis.presentation.style`, which installs the
    table display and so must not be imported by it.
    """
    from analysis.datasets.loaders import load_units, load_vocabulary

    units, vocab = load_units(), load_vocabulary()
    names = dict(
        zip(units["unit_id"], zip(units["name_zh"], units["name_en"], strict=True), strict=True)
    )
    domain = vocab.set_index(["domain", "value_zh"])["label_en"].to_dict()
    return names, domain


def _item(item: str, lang: str) -> str:
    # The schema describes each check item as "资质: licences": one place for both names.
    zh, en = get_dataset("inspections").field(item).description.split(": ", 1)
    return zh if lang == "zh" else en[:1].upper() + en[1:]


def cell_word(value: object, key: str, lang: str) -> object:
    """One text cell in the edition's words; anything else (numbers, ids) as it is.

    Raises
    ------
    Nothing.
    """
    if not isinstance(value, str):
        return value
    units, domains = _reference()
    if value in units:
        return units[value][LANGS.index(lang)]
    word = value_label(value, key, lang)
    if word is not None:
        return word
    if value in CHECK_ITEMS:
        return _item(value, lang)
    if key in NAMING_COLUMNS and value in COLUMNS:
        return column_label(value, lang)
    if key in ("name", "dataset") and value in DATASET_NAMES:
        return dataset_name(value, lang)
    if lang == "zh" or not has_han(value):
        return value
    label = domains.get((_domains().get(key, ""), value))
    if label is not None:
        return label
    labels = english_labels()
    if value in labels:
        return labels[value]
    parts = value.split(_LIST_SEP[0])
    if len(parts) > 1 and all(p in labels for p in parts):
        return _LIST_SEP[1].join(labels[p] for p in parts)
    if not _PLACE.search(key) and (key in VERBATIM or _ENGLISH.search(value)):
        return value  # a quote, or English text glossing a Chinese term
    return place_name(value, lang)


def _translator(key: str, lang: str) -> Callable[[object], object]:
    """:func:`cell_word` for one column, each distinct value translated once."""
    done: dict[object, object] = {}

    def word(value: object) -> object:
        try:
            if value not in done:
                done[value] = cell_word(value, key, lang)
            return done[value]
        except TypeError:  # a list or a dict in a cell: shown as it is
            return value

    return word


def header_label(name: object, lang: str) -> str:
    """A column header in the edition (see the module docstring).

    Raises
    ------
    Nothing.
    """
    if isinstance(name, pd.Timestamp):
        return name.strftime("%Y-%m-%d")
    key = str(name)
    if key in COLUMNS:
        return column_label(key, lang)
    word = cell_word(key, "", lang)
    if word != key:
        return str(word)[:1].upper() + str(word)[1:]
    return humanise(key)


def _meaningful(index: pd.Index) -> bool:
    """False for pandas' row positions (also after filtering or sorting); True otherwise."""
    if isinstance(index, pd.MultiIndex) or any(n is not None for n in index.names):
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


def _flat(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[list[str]]]:
    """``frame`` with its index in columns (or dropped) and each column's name parts."""
    if _meaningful(frame.index):
        out = frame.copy()
        out.index = out.index.set_names([n if n is not None else "" for n in out.index.names])
        out = out.reset_index(allow_duplicates=True)
    else:
        out = frame.reset_index(drop=True)
    parts = []
    for column in out.columns:
        levels = column if isinstance(column, tuple) else (column,)
        parts.append([p for p in levels if str(p) != ""] or [""])
    return out, parts


def _pairs(keys: list[str], lang: str) -> list[int]:
    """Positions to keep: of ``x_zh`` and ``x_en`` both shown, only the edition's."""
    other = "_en" if lang == "zh" else "_zh"
    mine = "_zh" if lang == "zh" else "_en"
    return [
        i
        for i, key in enumerate(keys)
        if not (key.endswith(other) and key.removesuffix(other) + mine in keys)
    ]


def prepare(frame: pd.DataFrame, lang: str) -> Prepared:
    """The table ``frame`` is shown as, in edition ``lang``.

    Raises
    ------
    Nothing for any DataFrame.
    """
    flat, parts = _flat(frame)
    keys = [LEVEL_JOIN.join(str(p) for p in ps) for ps in parts]
    keep = _pairs(keys, lang)
    flat = flat.iloc[:, keep]
    parts, keys = [parts[i] for i in keep], [keys[i] for i in keep]
    labels = [LEVEL_JOIN.join(header_label(p, lang) for p in ps) for ps in parts]
    # the kept one of a pair is headed by its stem, when the catalogue has it
    for i, key in enumerate(keys):
        stem = key.rsplit("_", 1)[0]
        if key.endswith(("_zh", "_en")) and stem in COLUMNS and key != "name_zh":
            labels[i] = column_label(stem, lang)
    out = flat.copy()
    out.columns = range(out.shape[1])
    kinds = []
    for i, key in enumerate(keys):
        column = out[i]
        if isinstance(column.dtype, pd.CategoricalDtype) or not (
            pd.api.types.is_numeric_dtype(column.dtype)
            or pd.api.types.is_datetime64_any_dtype(column.dtype)
            or pd.api.types.is_timedelta64_dtype(column.dtype)
        ):
            column = column.astype(object).map(_translator(key, lang))
            out[i] = column
        kinds.append(th.column_kind(key, column))
    return Prepared(out, keys, labels, kinds, lang)


def english_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` for display in English: whole-cell Chinese categories,
    unit names and index/column labels replaced by their English labels; anything else
    (numbers, ids, free text) unchanged."""
    labels = english_labels()

    def word(value: object) -> object:
        return labels.get(value, value) if isinstance(value, str) else value

    out = frame.copy()
    for column in out.columns:
        col = out[column]
        if isinstance(col.dtype, pd.CategoricalDtype):
            new = [word(c) for c in col.cat.categories]
            out[column] = (
                col.cat.rename_categories(new)
                if len(set(new)) == len(new)
                else col.astype(object).map(word)
            )
        elif col.dtype == object or pd.api.types.is_string_dtype(col):
            out[column] = col.map(word)
    if isinstance(out.index, pd.MultiIndex):
        out.index = pd.MultiIndex.from_tuples(
            [tuple(map(word, t)) for t in out.index], names=out.index.names
        )
    else:
        out.index = out.index.map(word)
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = pd.MultiIndex.from_tuples(
            [tuple(map(word, t)) for t in out.columns], names=out.columns.names
        )
    else:
        out.columns = [word(c) for c in out.columns]
    return out
