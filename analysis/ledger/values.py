"""Cell values as ledgers write them → the canonical strings the loaders parse.

This module only *translates notation*: full-width digits and commas, amounts in 万元,
Chinese and dotted dates, Excel serial dates, 是/否, short or old unit names, value
aliases. It does not decide whether a value is valid — the canonical parser in
:mod:`analysis.datasets.validation` does that on the translated strings, so a ledger and a
canonical CSV are judged by the same rules. A cell this module cannot translate is passed
on cleaned but otherwise unchanged, and the canonical parser rejects it.

The exceptions are problems only visible here: an amount that is not a whole number of
yuan *after* converting from 万元, and a unit name that matches no unit (with the closest
known name as a suggestion).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from analysis.datasets.schema import Field

#: Scale of each unit a header may give an amount or a term in.
MONEY_SCALES: dict[str, Decimal] = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}
MONTH_SCALES: dict[str, Decimal] = {"月": Decimal(1), "个月": Decimal(1), "年": Decimal(12)}
#: Canonical columns whose header unit scales the value, with the unit assumed if none.
QUANTITIES: dict[str, tuple[dict[str, Decimal], str]] = {
    "amount_yuan": (MONEY_SCALES, "元"),
    "term_months": (MONTH_SCALES, "月"),
}
#: Counting words a cell may end with (120户, 5人, 3个); they carry no scale.
COUNT_SUFFIX = re.compile(r"(人次|个月|户|人|个|条|次|支|家|项|笔|名|年|月)$")
#: Cells that mean "nothing here" in ledgers.
EMPTY_TOKENS = frozenset({"-", "--", "—", "——", "/", "无", "暂无", "空", "n/a", "na", "null"})
#: In date columns these mean "not yet" (a task not closed, a rectification pending).
NOT_YET = frozenset({"未销号", "未完成", "进行中", "未整改", "整改中", "待定"})
TRUE_WORDS = frozenset({"true", "是", "√", "✓", "✔", "y", "yes", "1", "有", "对"})
FALSE_WORDS = frozenset({"false", "否", "×", "✗", "✘", "n", "no", "0", "无", "不是"})

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_GROUPED = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_DATE = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[日号]?"
    r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
_COMPACT_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
#: Excel serials are read only as 5-digit numbers (1927–2173): a bare 2020 is not a date.
_SERIAL = re.compile(r"[0-9]{5}(\.[0-9]+)?")
EXCEL_EPOCH_1900 = date(1899, 12, 30)  # serial 1 = 1900-01-01, past Excel's fake 1900-02-29


@dataclass(frozen=True)
class Issue:
    """A problem found while translating a cell (code from :data:`problems.CODES`)."""

    code: str
    reason: str
    fix: str


def clean(text: str) -> str:
    """Width-normalise (NFKC), drop zero-width characters and surrounding space."""
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).strip()


def parse_decimal(text: str) -> Decimal | None:
    """Read a number as ledgers write it (１２，５００.５, ¥1,200); None if it is not one."""
    s = clean(text).lstrip("¥￥").replace(" ", "")
    if "," in s:
        if not _GROUPED.fullmatch(s):  # 1,2 or 12,50 are typos, not thousands
            return None
        s = s.replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def scale_amount(text: str, unit: str, scales: dict[str, Decimal]) -> tuple[str, Issue | None]:
    """Translate a quantity written in ``unit`` to the canonical unit, exactly.

    A unit written in the cell itself (``12.5万``, ``3年``) is more specific than the
    header's and wins.
    """
    s = clean(text).replace(" ", "")
    cell_unit = next((u for u in sorted(scales, key=len, reverse=True) if s.endswith(u)), None)
    if cell_unit is None and "万元" in scales and s.endswith("万"):
        s, cell_unit = s + "元", "万元"
    if cell_unit is not None:
        s, unit = s.removesuffix(cell_unit), cell_unit
    value = parse_decimal(s)
    if value is None:
        return s, None  # the canonical parser reports it
    scaled = value * scales[unit]  # Decimal: 12.5 万元 is exactly 125000 元
    if scaled != scaled.to_integral_value():
        canonical = next(u for u, factor in scales.items() if factor == 1)
        return s, Issue(
            "not_whole",
            f"{value} {unit} is {scaled.normalize():f} {canonical}, not a whole number",
            "check the digits; amounts are whole yuan and terms whole months",
        )
    return str(int(scaled)), None


def to_wan(yuan: int) -> str:
    """Write a whole number of yuan in 万元 exactly (125000 → '12.5'); inverse of scaling."""
    return f"{(Decimal(yuan) / 10000).normalize():f}"


def normalise_int(text: str) -> str:
    """Translate a count: full-width digits, thousands commas, a trailing counting word."""
    s = COUNT_SUFFIX.sub("", clean(text).replace(" ", ""))
    value = parse_decimal(s)
    if value is None or value != value.to_integral_value():
        return s  # the canonical parser reports it as not a whole number
    return str(int(value))


def normalise_date(text: str, epoch: date = EXCEL_EPOCH_1900) -> str:
    """Translate 2020年9月23日, 2020.9.23, 2020/9/23, 20200923 or an Excel serial to ISO.

    Impossible days (2020年2月30日) become an ISO-shaped string the canonical parser
    rejects as "not a calendar date"; text that is no date is passed on unchanged.
    """
    s = clean(text)
    if m := _DATE.fullmatch(s) or _COMPACT_DATE.fullmatch(s):
        y, mo, d = m.groups()[:3]
        return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if _SERIAL.fullmatch(s):
        return (epoch + timedelta(days=int(Decimal(s)))).isoformat()
    return s


def normalise_bool(text: str) -> str:
    """Translate 是/否, √/×, yes/no, 1/0 to true/false; anything else passes unchanged."""
    s = clean(text).lower()
    if s in TRUE_WORDS:
        return "true"
    if s in FALSE_WORDS:
        return "false"
    return s


@dataclass
class UnitNames:
    """Every way a ledger names an administrative unit, from ``data/reference/units.csv``.

    中心路, 中心路街道, 中心路街道办事处, 上街区中心路街道, Zhongxinlu and zhongxinlu all
    mean ``zhongxinlu``.
    """

    units: list[tuple[str, str, str]]  # (unit_id, name_zh, name_en)
    names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = {}
        for unit_id, zh, en in self.units:
            short = re.sub(r"(街道|镇|区)$", "", zh)
            for key in (unit_id, zh, short, en, en.split()[0]):
                self.names[self._key(key)] = unit_id

    @staticmethod
    def _key(text: str) -> str:
        s = re.sub(r"\s+", "", clean(text)).lower()
        for prefix in ("河南省", "郑州市", "上街区"):
            s = s.removeprefix(prefix) or s  # 上街区 alone is the district itself
        for suffix in ("街道办事处", "办事处", "人民政府", "街道办", "街办", "政府"):
            s = s.removesuffix(suffix) or s
        return s

    def lookup(self, text: str) -> tuple[str, Issue | None]:
        """Return the unit_id a name means, or the cleaned text and an issue with a hint."""
        s = clean(text)
        if not s:
            return "", None
        if (unit_id := self.names.get(self._key(s))) is not None:
            return unit_id, None
        zh = {zh: unit_id for unit_id, zh, _ in self.units}
        close = self.closest(s)
        hint = f"did you mean {close} ({zh[close]})? " if close else ""
        return s, Issue(
            "unknown_unit",
            f"unknown administrative unit {s!r}",
            f"{hint}use one of {', '.join(zh)}",
        )

    def closest(self, text: str) -> str | None:
        """The official name most like ``text`` (difflib), or None if none is close.

        Short names are compared too (中新路 ~ 中心路), and ties go to the name sharing
        the first character: a typo rarely hits the first character of a place name.
        """
        key = self._key(text)
        best, best_score = None, (0.4, 0)
        for _, zh, _ in self.units:
            short = re.sub(r"(街道|镇|区)$", "", zh)
            ratio = max(difflib.SequenceMatcher(None, key, n).ratio() for n in (zh, short))
            score = (ratio, int(key[:1] == zh[:1]))
            if score > best_score:
                best, best_score = zh, score
        return best


def translator(
    fld: Field, unit: str | None, value_map: dict[str, str], epoch: date
) -> Callable[[str], tuple[str, Issue | None]]:
    """Return the function translating one cell of column ``fld`` (cached: cells repeat).

    Order matters: a value alias first (``/`` means 不适用 in a check-item column, though
    it means "empty" elsewhere), then yes/no words for booleans, then empty tokens, then
    the column's kind.
    """
    units = unit_names()

    @lru_cache(maxsize=8192)
    def translate(raw: str) -> tuple[str, Issue | None]:
        s = clean(raw)
        if s in value_map:  # an alias says what the ledger means (√ → 合格)
            s = value_map[s]
        elif fld.kind == "bool":
            return normalise_bool(s), None
        elif s.lower() in EMPTY_TOKENS or (fld.kind == "date" and s in NOT_YET):
            return "", None
        if not s:
            return "", None
        if fld.name == "unit_id":
            return units.lookup(s)
        if unit is not None:
            return scale_amount(s, unit, QUANTITIES[fld.name][0])
        if fld.kind == "int":
            return normalise_int(s), None
        if fld.kind == "date":
            return normalise_date(s, epoch), None
        return s, None

    return translate


@lru_cache(maxsize=1)
def unit_names() -> UnitNames:
    """The unit names of ``data/reference/units.csv`` (loaded once)."""
    from analysis.datasets.loaders import load_units

    units = load_units()
    return UnitNames(list(units[["unit_id", "name_zh", "name_en"]].itertuples(index=False)))
