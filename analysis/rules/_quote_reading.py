"""How the page wrote a figure, read from its verbatim quote: the values it allows.

A published number is compared with the records as the page *wrote* it, not as a bare
value. The quote is searched for the written number that gives the figure's value
(``1390万`` for 13,900,000, ``半`` for 0.5, ``两`` for 2) and the words around it decide:

- ``近4000余``: 近 (nearly) and 余 (more than) on one number contradict each other —
  reported as contradictory wording, never silently coded as one of them;
- ``至少`` / ``不少于`` before it: a lower bound, ``x ≥ v`` (每周至少半天);
- ``超过`` before it: ``x > v``;
- ``余`` / ``多`` after it: ``v ≤ x < v + step``, the step being the place of the
  written number's last non-zero digit (2400余 → 2,400–2,499);
- ``近`` before it: ``v − step < x ≤ v``;
- ``约`` before it: within 5 % (within 2 for a year);
- a number written in 万 or 亿 without such a word is a rounding to its last written
  digit: 1390万元 is 13,895,000 ≤ x < 13,905,000 (12.5万 would be to the thousand);
- otherwise the number is exact.

When no written number gives the value (上世纪90年代中期 for 1995, 全覆盖 for 100 %),
the figure's ``qualifier`` column decides, as before.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

#: How a figure is read; the kinds of :class:`Reading`.
KINDS = ("exact", "rounded", "more_than", "nearly", "about", "at_least", "above", "contradictory")
_MAGNITUDE = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_HAN_DIGITS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_HAN = "一二两三四五六七八九十半"
_TOKEN = re.compile(
    r"(?P<pre>近|约|大约|至少|不少于|不低于|超过|逾)?"
    r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|[一二两三四五六七八九十半]+)"
    r"(?P<mag>万|亿)?(?P<post>余|多)?"
)


@dataclass(frozen=True)
class Reading:
    """The computed values a published figure allows, and why.

    ``low``/``high`` are None where the range is open (a lower bound has no ``high``);
    a contradictory reading allows nothing.
    """

    kind: str
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    written: str = ""  # the number as the quote writes it, with its words

    def allows(self, x: float) -> bool:
        """True when ``x`` is a value the page's wording allows."""
        if self.kind == "contradictory":
            return False
        if self.low is not None and not (x >= self.low if self.low_inclusive else x > self.low):
            return False
        if self.high is not None:
            return x <= self.high if self.high_inclusive else x < self.high
        return True

    def rule(self, year: bool = False) -> str:
        """The range in symbols: ``= 87``, ``13,895,000 ≤ x < 13,905,000``, ``x ≥ 0.5``."""
        if self.kind == "contradictory":
            return f"contradictory: {self.written}"
        fmt = "{:.10g}" if year else "{:,.10g}"
        low = None if self.low is None else fmt.format(self.low)
        high = None if self.high is None else fmt.format(self.high)
        if low is not None and low == high:
            return f"= {low}"
        lt_low = "≤" if self.low_inclusive else "<"
        lt_high = "≤" if self.high_inclusive else "<"
        if high is None:
            return f"x {'≥' if self.low_inclusive else '>'} {low}"
        if low is None:
            return f"x {lt_high} {high}"
        return f"{low} {lt_low} x {lt_high} {high}"


def _han_number(text: str) -> Decimal | None:
    """半 → 0.5, 两 → 2, 十二 → 12, 二十 → 20; None for anything longer or stranger."""
    if text == "半":
        return Decimal("0.5")
    if text in _HAN_DIGITS:
        return Decimal(_HAN_DIGITS[text])
    if m := re.fullmatch(r"([一二两三四五六七八九])?十([一二三四五六七八九])?", text):
        tens = _HAN_DIGITS[m.group(1)] if m.group(1) else 1
        return Decimal(10 * tens + (_HAN_DIGITS[m.group(2)] if m.group(2) else 0))
    return None


def _number(raw: str) -> Decimal | None:
    """A written number (digits, or a short Chinese numeral) as a Decimal."""
    return _han_number(raw) if raw[0] in _HAN else Decimal(raw.replace(",", ""))


def _step(number: Decimal) -> Decimal:
    """The place of the last non-zero digit as written: 2400 → 100, 12.5 → 0.1, 87 → 1."""
    exponent = number.normalize().as_tuple().exponent
    return Decimal(10) ** exponent if isinstance(exponent, int) else Decimal(1)


def _written_place(number: str) -> Decimal:
    """The place of the last digit written, zeros included: 1390 → 1, 12.5 → 0.1."""
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Decimal(10) ** -decimals


def _find(value: float, quote: str) -> re.Match[str] | None:
    """The written number in ``quote`` that gives ``value`` (the first, if several do)."""
    for m in _TOKEN.finditer(quote):
        number = _number(m.group("num"))
        if number is None:
            continue
        scaled = number * _MAGNITUDE.get(m.group("mag") or "", Decimal(1))
        if math.isclose(float(scaled), value, rel_tol=1e-12, abs_tol=1e-12):
            return m
    return None


def _about(value: float, year: bool) -> Reading:
    tol = 2.0 if year else 0.05 * abs(value)
    return Reading("about", value - tol, value + tol)


def read_quote(value: float, qualifier: str, unit_of_measure: str, quote: str) -> Reading:
    """Read a published figure as the page wrote it.

    Raises
    ------
    ValueError
        If the quote gives no reading and the qualifier is not 确数, 余, 近 or 约.
    """
    year = unit_of_measure == "年"
    m = _find(value, quote or "")
    if m is None:
        return from_qualifier(value, qualifier, unit_of_measure)
    pre, post, mag = m.group("pre"), m.group("post"), m.group("mag")
    written = m.group(0)
    raw = m.group("num")
    scale = _MAGNITUDE.get(mag or "", Decimal(1))
    number = _number(raw)
    step = float(_step(number or Decimal(1)) * scale)
    if pre in ("近",) and post:
        return Reading("contradictory", None, None, written=written)
    if pre in ("至少", "不少于", "不低于"):
        return Reading("at_least", value, None, written=written)
    if pre in ("超过", "逾"):
        return Reading("above", value, None, low_inclusive=False, written=written)
    if post:
        return Reading("more_than", value, value + step, True, False, written)
    if pre == "近":
        return Reading("nearly", value - step, value, False, True, written)
    if pre in ("约", "大约"):
        reading = _about(value, year)
        return Reading(reading.kind, reading.low, reading.high, written=written)
    if mag:
        half = float(_written_place(raw) * scale) / 2
        return Reading("rounded", value - half, value + half, True, False, written)
    return Reading("exact", value, value, written=written)


def from_qualifier(value: float, qualifier: str, unit_of_measure: str) -> Reading:
    """The reading of the ``qualifier`` column alone (确数, 余, 近, 约).

    Raises
    ------
    ValueError
        If the qualifier is not 确数, 余, 近 or 约.
    """
    step = float(_step(Decimal(repr(float(value)))))
    if qualifier == "确数":
        return Reading("exact", value, value)
    if qualifier == "余":
        return Reading("more_than", value, value + step, True, False)
    if qualifier == "近":
        return Reading("nearly", value - step, value, False, True)
    if qualifier == "约":
        return _about(value, unit_of_measure == "年")
    raise ValueError(f"unknown qualifier {qualifier!r}; expected 确数, 余, 近 or 约")
