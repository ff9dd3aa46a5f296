"""Shared pieces of the renovation findings: names as a reader sees them, and small formats.

Names come from the frames (a compound's ``name_zh``, a unit id) and must read in either
edition without failing on a name the reference tables do not know: an imported ledger's
own compound, community or category is shown as the ledger wrote it.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation import style
from analysis.presentation.findings import number, pick
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
#: Below this many records a share is not compared.
SMALL_N = 10


def unit_name(unit_id: object, lang: str | None = None) -> str:
    """A unit's display name; an id the units table does not know is shown as it is."""
    try:
        return style.unit_label(str(unit_id), lang)
    except KeyError:
        return str(unit_id)


def category_name(domain: str, value: object, lang: str | None = None) -> str:
    """A category as displayed; a value outside the vocabulary is shown in its own wording."""
    try:
        return style.category_label(domain, str(value), lang)
    except KeyError:
        return str(value)


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


def days(value: float | None) -> str:
    """Days as the prose states them: whole when whole (``122``), else one decimal (``99.5``)."""
    if value is None or not math.isfinite(float(value)):
        return "—"
    return number(value, 0 if float(value) == round(float(value)) else 1)


def share(part: float, whole: float) -> float:
    """``part / whole``; NaN when there is nothing to divide (the prose then words it)."""
    return float(part) / float(whole) if whole else float("nan")


def too_few(n: int, lang: str | None = None) -> str:
    """The sentence a comparison over fewer than :data:`SMALL_N` records gets instead."""
    return pick(
        lang,
        "只有 {n} 条记录，太少，不宜比较。",
        "Only {n} records: too few to compare.",
        n=n,
    )


def join(lang: str | None, *parts: str | None) -> str:
    """Clauses of one sentence joined in the edition's way (nothing / a space)."""
    sep = "" if resolve_lang(lang) == "zh" else " "
    return sep.join(p for p in parts if p)


def lang_zh(lang: str | None) -> bool:
    """True in the Chinese edition."""
    return resolve_lang(lang) == "zh"


def unit_colour(unit_id: object) -> str:
    """A unit's fixed colour; a unit the palette does not know is drawn grey."""
    return style.UNIT_COLOURS.get(str(unit_id), "0.55")


def palette(unit_ids: object) -> list[str]:
    """Colours of ``unit_ids`` in order (grey for unknown units)."""
    return [unit_colour(u) for u in unit_ids]  # type: ignore[attr-defined]


def unit_rank(unit_ids: object) -> dict[str, int]:
    """Display order of units: the palette's order, then any unknown unit by its id."""
    known = list(style.UNIT_COLOURS)
    extra = sorted({str(u) for u in unit_ids} - set(known))  # type: ignore[attr-defined]
    return {u: i for i, u in enumerate([*known, *extra])}
