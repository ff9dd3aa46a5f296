"""Shared wording of the loan findings: names, hidden counts, and the caveats by origin.

Small-cell protection holds in the prose as in the tables: a count a table hides is never
written; it reads "a hidden number (x)" whichever rule hid it (the dataset's one pattern,
:mod:`analysis.loans._protection`).
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.origin import origin
from analysis.loans._groups import NOT_RECORDED
from analysis.loans._places import FROM_LEDGER
from analysis.presentation import labels
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import count, pick, plural
from analysis.rules import disclosure

#: Fewer records than this and a rate is "too few to compare".
FEW_TO_COMPARE = 10


def threshold() -> int:
    """The small-cell threshold in force (:func:`analysis.rules.disclosure.resolve_threshold`)."""
    return disclosure.resolve_threshold()


def status(counts: pd.Series, within: pd.Series | None = None) -> pd.Series:
    """Per cell: shown, small or complement, exactly as the section's table decides."""
    if counts.empty:
        return pd.Series([], index=counts.index, dtype=object)
    return disclosure.cell_status(counts.astype("int64"), within=within)


def loans_text(n: int, lang: str | None) -> str:
    """``87 笔`` / ``87 loans``."""
    return f"{count(n)} 笔" if resolve_lang(lang) == "zh" else plural(n, "loan")


def few(lang: str | None, zh: str = "笔", en: str = "loans") -> str:
    """``若干笔（隐去，x）`` / ``a hidden number of loans (x)``: how any hidden count is written.

    The same words whichever rule hid it (a small count or its complement): saying
    "fewer than 3" would tell which hidden cells are small, and pin their neighbours.
    """
    en = en.strip() or "records"
    return pick(
        lang, "若干{a}（隐去，{x}）", "a hidden number of {b} ({x})", a=zh, b=en, x=disclosure.MARK
    )


def shown_count(n: int, cell: str, lang: str | None, zh: str = "笔", en: str = "loans") -> str:
    """A count as its cell allows: the number, "fewer than 3", or "a hidden number"."""
    if cell == disclosure.SHOWN:
        return pick(lang, "{n} {a}", "{n} {b}", n=count(n), a=zh, b=en)
    return few(lang, zh, en)


def unit_name(unit_id: str, lang: str | None, names: pd.DataFrame | None = None) -> str:
    """A unit's display name; a unit the reference table lacks by its own name or id."""
    lang = resolve_lang(lang)
    if unit_id == NOT_RECORDED:
        return pick(lang, "未记录街道（镇）的", "no unit recorded")
    name = labels.unit_name(unit_id, lang)
    if name == str(unit_id) and names is not None and "unit_id" in names:  # not in units.csv
        row = names[names["unit_id"].astype(str) == str(unit_id)]
        column = "name_zh" if lang == "zh" else "name_en"
        if len(row) and column in row:
            return str(row[column].iloc[0])
    return name


def community_names(frame: pd.DataFrame, lang: str | None) -> list[str]:
    """The rows' community names in the edition: Chinese as written; English from the list's
    ``name_en``, else (a name only a ledger gives) in pinyin (:func:`labels.place_name`)."""
    lang = resolve_lang(lang)
    chinese = frame["name_zh"] if "name_zh" in frame else frame["community_id"]
    if lang == "zh":
        return [str(v) for v in chinese]
    english = frame["name_en"] if "name_en" in frame else chinese
    return [
        str(en)
        if isinstance(en, str) and en and not labels.has_han(en)
        else labels.place_name(zh, lang)
        for zh, en in zip(chinese, english, strict=True)
    ]


def place_datasets(frame: pd.DataFrame) -> list[str]:
    """The datasets a per-place frame stands on: the community list only when it was used."""
    if frame.attrs.get("community_source") == FROM_LEDGER:
        return ["loans"]
    return ["loans", "communities"]


def caveats(
    datasets: list[str],
    lang: str | None,
    synthetic: tuple[str, str] | None = None,
    imported: tuple[str, str] | None = None,
) -> list[str]:
    """:func:`analysis.presentation.caveats.origin_caveats` for the loan datasets."""
    return origin_caveats(datasets, lang, synthetic=synthetic, imported=imported)


def loans_synthetic() -> bool:
    """True when the loans are the shipped synthetic records."""
    return origin("loans") == "synthetic"


MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_text(day: pd.Timestamp, lang: str | None) -> str:
    """``2020年4月15日`` / ``15 April 2020``."""
    day = pd.Timestamp(day)
    if resolve_lang(lang) == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def month_text(month: pd.Timestamp, lang: str | None) -> str:
    """``2020年2月`` / ``February 2020``."""
    month = pd.Timestamp(month)
    if resolve_lang(lang) == "zh":
        return f"{month.year}年{month.month}月"
    return f"{MONTHS_EN[month.month - 1]} {month.year}"


def ranked(frame: pd.DataFrame, by: str, key: str, largest: bool = True) -> list[str]:
    """The ``key`` values of the rows holding the largest (or smallest) ``by``: ties kept."""
    if frame.empty:
        return []
    best = frame[by].max() if largest else frame[by].min()
    return [str(v) for v in frame.loc[frame[by] == best, key]]


def tied(names: list[str], lang: str | None) -> str:
    """``A`` or ``A和B（并列）`` / ``A and B (tied)``."""
    from analysis.presentation.findings import listing

    if len(names) <= 1:
        return names[0] if names else ""
    return pick(lang, "{x}（并列）", "{x} (tied)", x=listing(names, lang))


def capital(sentence: str) -> str:
    """The sentence with its first letter upper-case (a no-op in Chinese)."""
    return sentence[:1].upper() + sentence[1:]
