"""Shared pieces of the renovation findings: compound names as a reader sees them, the as-of
date of a metric frame, clauses joined in the edition's way.

A compound name must read in either edition without failing on a name the reference tables
do not know: an imported ledger's own compound is shown as the ledger wrote it. Unit and
category names, shares and small-n wording come from :mod:`analysis.presentation.labels`
and :mod:`analysis.presentation.wording`, as in every topic.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.labels import unit_name
from analysis.presentation.text import Catalogue
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND

NAMES = Catalogue(
    __name__,
    {
        "labour_bureau": ("劳动局家属院", "the Labour Bureau staff compound"),
        "fictional": ("{place}虚构楼院{no}", "fictional {place} compound {no}"),
    },
)

#: The generator's compound names: ``<place>虚构楼院<NN>``.
_FICTIONAL = re.compile(r"^(?P<place>.+?)虚构楼院(?P<no>\d+)$")
#: What follows a unit's place name in its English label.
_KINDS_EN = (" Subdistrict", " Town", " District")


def compound_name(name_zh: object, unit_id: object = None, lang: str | None = None) -> str:
    """A compound's name in the edition: the page's one named compound and the generator's
    invented names have English forms; any other (a ledger's real name) is shown as is."""
    lang = resolve_lang(lang)
    name = str(name_zh)
    if lang == "zh":
        return name
    if name == LABOUR_BUREAU_COMPOUND:
        return NAMES.text("labour_bureau", lang)
    match = _FICTIONAL.match(name)
    if match and unit_id is not None:
        place = unit_name(unit_id, "en")
        for kind in _KINDS_EN:
            place = place.removesuffix(kind)
        if not re.search(r"[\u3400-\u9fff]", place):
            return NAMES.text("fictional", lang).format(place=place, no=match["no"])
    return name


def as_of_of(frame: pd.DataFrame) -> str:
    """The as-of date a metric frame was computed for (its ``attrs``), else the default."""
    return str(frame.attrs.get("as_of") or pd.Timestamp(DATA_AS_OF).strftime("%Y-%m-%d"))


def join(lang: str | None, *parts: str | None) -> str:
    """Clauses of one sentence joined in the edition's way (nothing / a space)."""
    sep = "" if resolve_lang(lang) == "zh" else " "
    return sep.join(p for p in parts if p)
