"""Shared pieces of the renovation findings: compound names as a reader sees them, the as-of
date of a metric frame, clauses joined in the edition's way.

A compound name must read in either edition without failing on a name the reference tables
do not know: an imported ledger's own compound is shown as the ledger wrote it. Unit and
category names, shares and small-n wording come from :mod:`analysis.presentation.labels`
and :mod:`analysis.presentation.wording`, as in every topic.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.labels import place_name
from analysis.presentation.text import Catalogue
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND

NAMES = Catalogue(
    __name__,
    {
        "labour_bureau": ("劳动局家属院", "the Labour Bureau staff compound"),
    },
)


def compound_name(name_zh: object, unit_id: object = None, lang: str | None = None) -> str:
    """A compound's name in the edition, as tables show it: the page's one named compound
    by its English name, any other in pinyin with "fictional" where the name says 虚构
    (:func:`analysis.presentation.labels.place_name`: ``工业路虚构楼院01`` → ``Gongyelu
    fictional compound 01``). ``unit_id`` is accepted for older callers and not read."""
    lang = resolve_lang(lang)
    name = str(name_zh)
    if lang != "zh" and name == LABOUR_BUREAU_COMPOUND:
        return NAMES.text("labour_bureau", lang)
    return place_name(name, lang)


def compound_label(name_zh: object, lang: str | None = None) -> str:
    """A compound's name as a chart or a list labels it: :func:`compound_name` without a
    leading article, capitalised (``Labour Bureau staff compound``)."""
    name = compound_name(name_zh, None, lang).removeprefix("the ")
    return name[:1].upper() + name[1:]


def as_of_of(frame: pd.DataFrame) -> str:
    """The as-of date a metric frame was computed for (its ``attrs``), else the default."""
    return str(frame.attrs.get("as_of") or pd.Timestamp(DATA_AS_OF).strftime("%Y-%m-%d"))


def join(lang: str | None, *parts: str | None) -> str:
    """Clauses of one sentence joined in the edition's way (nothing / a space)."""
    sep = "" if resolve_lang(lang) == "zh" else " "
    return sep.join(p for p in parts if p)
