"""Small wordings every topic's findings share: shares, counted nouns, short lists, small n.

The number formats themselves (:func:`~analysis.presentation.findings.count`,
:func:`~analysis.presentation.findings.percent`, …) live in
:mod:`analysis.presentation.findings`; what is here builds on them so that every topic says
the same thing the same way: ``1 task`` but ``2 tasks``, ``1 has`` but ``2 have``, ``99.5``
but ``122``, "only 4 records, too few to compare", "a, b, c and 3 more".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from analysis.config import resolve_lang
from analysis.presentation.findings import count, listing, number, percent, pick, plural
from analysis.presentation.text import Catalogue

#: Below this many records a share or a rate is not compared: its count is named instead.
FEW = 10
#: How many items a list in a sentence names before "and N more".
LIST_LIMIT = 6

WORDS = Catalogue(
    __name__,
    {
        "too_few": ("只有 {n} 条记录，太少，不宜比较", "only {n} {records}, too few to compare"),
        "too_few_sentence": (
            "只有 {n} 条记录，太少，不宜比较。",
            "Only {n} {records}: too few to compare.",
        ),
        "more": ("另 {n} 个", "{n} more"),
        "days": ("{d} 天", "{d} {days}"),
    },
)


def is_zh(lang: str | None) -> bool:
    """True in the Chinese edition.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    return resolve_lang(lang) == "zh"


def share(part: float, whole: float) -> float:
    """``part / whole``; NaN when there is nothing to divide (the prose then words it).

    Raises
    ------
    TypeError, ValueError
        If a value is not a number.
    """
    return float(part) / float(whole) if whole else float("nan")


def pct(value_pct: float | None, digits: int = 1) -> str:
    """A percentage held in 0–100 (as the metric frames hold them): ``89.7%``; ``—`` if none.

    Raises
    ------
    Nothing: a missing value is ``—``.
    """
    if value_pct is None or (isinstance(value_pct, float) and math.isnan(value_pct)):
        return percent(None)
    return percent(float(value_pct) / 100, digits)


def short_number(value: object) -> str:
    """A number as the prose states it: whole when whole (``122``), else one decimal (``99.5``).

    Text (a displayed value such as ``13,900,000``) is read first; text that is no number is
    shown as it is; a missing or infinite value is ``—``.

    Raises
    ------
    Nothing: any value gets a wording.
    """
    if isinstance(value, str):
        try:
            x = float(value.replace(",", ""))
        except ValueError:
            return value or "—"
    else:
        try:
            x = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return "—"
    if not math.isfinite(x):
        return "—"
    return number(x, 0 if x == round(x) else 1)


def agree(n: float, singular: str, plural_form: str) -> str:
    """The English word that agrees with a count: ``has``/``have``, ``is``/``are``.

    Raises
    ------
    Nothing.
    """
    return singular if n == 1 else plural_form


def counted(n: float, lang: str | None, en: str, zh: str = "", en_plural: str | None = None) -> str:
    """A count and its noun: ``3 项`` (or just ``3``) / ``1 task``, ``3 tasks``.

    Parameters
    ----------
    n
        The count.
    lang
        Edition.
    en
        The English noun, singular (the plural adds ``s`` unless ``en_plural`` is given).
    zh
        The Chinese measure word after the number, if the sentence wants one.
    en_plural
        The English plural when it is not ``en + "s"``.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    if is_zh(lang):
        return f"{count(n)} {zh}" if zh else count(n)
    return plural(n, en, en_plural)


def days(value: float | None, lang: str | None) -> str:
    """``21 天`` / ``1 day``, ``99.5 days``; the number as :func:`short_number` states it.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    number = short_number(value)
    return pick(lang, *WORDS["days"], d=number, days=agree(_value(value), "day", "days"))


def too_few(n: float, lang: str | None, sentence: bool = False) -> str:
    """What a comparison over fewer than :data:`FEW` records says instead.

    A clause (``only 4 records, too few to compare``) or, with ``sentence``, a sentence
    (``Only 4 records: too few to compare.``); ``1 record`` in the singular.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    key = "too_few_sentence" if sentence else "too_few"
    return pick(lang, *WORDS[key], n=count(n), records=agree(n, "record", "records"))


def some(items: Sequence[str], lang: str | None, limit: int = LIST_LIMIT) -> str:
    """``a、b和c`` for a short list; the first ``limit`` and "N more" for a long one.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    items = [str(i) for i in items]
    if len(items) <= limit:
        return listing(items, lang)
    rest = pick(lang, *WORDS["more"], n=count(len(items) - limit))
    return listing([*items[:limit], rest], lang)


def _value(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
