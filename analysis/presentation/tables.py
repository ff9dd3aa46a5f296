"""English edition of tables: Chinese category values replaced by their English labels.

Charts take ``lang`` and label themselves; tables are plain DataFrames shown by Jupyter.
For the English edition, :func:`install_english_tables` (called by
``style.set_style("en")``) registers a display formatter so every DataFrame a notebook
shows has its category values, unit names and index/column labels translated from the
vocabulary table — the data themselves are not changed, only how they are displayed.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

#: Words that label tables rather than data (crosstab margins, totals).
TABLE_WORDS = {"合计": "total", "全部": "all", "总计": "total"}


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
            out[column] = (
                col.cat.rename_categories([word(c) for c in col.cat.categories])
                if len(set(map(word, col.cat.categories))) == len(col.cat.categories)
                else (col.astype(object).map(word))
            )
        elif col.dtype == object or pd.api.types.is_string_dtype(col):
            out[column] = col.map(word)
    out.index = (
        out.index.map(word)
        if not isinstance(out.index, pd.MultiIndex)
        else (
            pd.MultiIndex.from_tuples(
                [tuple(map(word, t)) for t in out.index], names=out.index.names
            )
        )
    )
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = pd.MultiIndex.from_tuples(
            [tuple(map(word, t)) for t in out.columns], names=out.columns.names
        )
    else:
        out.columns = [word(c) for c in out.columns]
    return out


def install_english_tables() -> bool:
    """Show every DataFrame in English in the running IPython kernel.

    Returns
    -------
    bool
        False when not running under IPython (nothing to install).
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, lambda df: english_table(df)._repr_html_())
    formatters["text/plain"].for_type(
        pd.DataFrame, lambda df, p, cycle: p.text(repr(english_table(df)))
    )
    return True
