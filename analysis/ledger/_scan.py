"""Patterns and normalisation behind :mod:`analysis.ledger.privacy` (private).

Every pattern is linear-time: digit groups have fixed lengths, separators are bounded
and possessive (``{0,3}+``, Python 3.11+), and the classes that follow each other are
disjoint (a separator is never a digit), so no position is tried more than a constant
number of times, whatever the cell's length.
"""

from __future__ import annotations

import re
import unicodedata

_D = r"(?<![0-9])"  # no digit before
_ND = r"(?![0-9])"  # no digit after
#: Between digit groups: a few spaces, at most one dash/dot/slash/middle dot, a few spaces
#: (138.1234.5605, 138 - 1234 - 5609, 6222 0202 …).
SEP = r"(?:\s{0,3}+[-./·_~]?+\s{0,3}+)"
_S = SEP + "?+"

#: 18-character resident ID grouped 6-8-4, 6-4-4-4, 6-8-3-1 or not at all; 15-digit old IDs.
ID_NUMBER = re.compile(
    _D + r"[0-9]{6}" + _S + r"[0-9]{4}" + _S + r"[0-9]{4}" + _S + r"[0-9]{3}" + _S
    + r"[0-9Xx]" + _ND
    + r"|" + _D + r"[0-9]{6}" + _S + r"[0-9]{6}" + _S + r"[0-9]{3}" + _ND
)  # fmt: skip
#: Mainland mobiles, optionally (+86), grouped 3-4-4, 4-3-4 or 3-8 with any separator.
MOBILE = re.compile(
    _D + r"(?:\(?\+?86\)?" + _S + r")?+1[3-9][0-9]" + _S + r"[0-9]" + _S + r"[0-9]{3}"
    + _S + r"[0-9]{4}" + _ND
)  # fmt: skip
#: Landlines need an area code (0371-…); bare 7–8 digit numbers could be amounts.
LANDLINE = re.compile(
    _D + r"\(?0[0-9]{2,3}\)?" + _S + r"[0-9]{3,4}" + _S + r"[0-9]{4}" + _ND
)  # fmt: skip
#: A number after a phone label, whatever its shape.
LABELLED_PHONE = re.compile(
    r"((?:电话|手机|联系方式|tel|Tel|TEL)[:：]?+\s*+)([0-9](?:[ ()\-.]{0,3}+[0-9])*+)"
)
_PERSON_LABELS = (
    "姓名|联系人|联络人|负责人|填表人|制表人|经办人|审核人|借款人|申请人|户主|法定代表人|"
    "法人代表|法人|经营者|担保人|店主|业主|户名|开户名|收款人|签字|签名"
)
#: A name after a personal label and a colon or a space: 联系人：张三, 联系人 张三, 店主:李四.
LABELLED_NAME = re.compile(
    r"((?:" + _PERSON_LABELS + r")(?:\s*+[:：]\s*+|\s++))([\u4e00-\u9fff·]{1,5}+)"
)
#: A bank card or account number after its label (银行卡：6222 0202 …, 账号：…), 12–19
#: digits with any separators (counted by :func:`account_spans`). Bare long digit runs are
#: left alone: they are as likely to be contract numbers.
LABELLED_ACCOUNT = re.compile(
    r"((?:银行卡号|银行卡|银行账号|银行帐号|账号|帐号|卡号|账户|帐户)[:：]?+\s*+)"
    r"([0-9](?:" + SEP + r"[0-9])*+)"
)
#: A bank card number written bare (no label): 16–19 digits, whole or in groups,
#: counted as a card only when it starts like one (62 UnionPay, 4 Visa, 5 Mastercard) and
#: its check digit is right (:func:`card_match`), since contract numbers are as long.
BARE_CARD = re.compile(_D + r"(?:62|4|5)(?:[ -]?+[0-9]){14,18}+" + _ND)
#: An ID number that Excel turned into a float (4.10106199001011E+17).
MANGLED_ID = re.compile(r"[0-9](?:\.[0-9]++)?+[eE]\+?1[4-9]")
MANGLED_ID_MASK = re.compile(r"[0-9.]++[eE]\+?1[4-9]")


def account_match(m: re.Match[str]) -> bool:
    """True if a :data:`LABELLED_ACCOUNT` match holds 12 or more digits."""
    return sum(c.isdigit() for c in m.group(2)) >= 12


def card_match(m: re.Match[str]) -> bool:
    """True if a :data:`BARE_CARD` match has 16–19 digits and a valid Luhn check digit."""
    digits = [int(c) for c in m.group(0) if c.isdigit()]
    if not 16 <= len(digits) <= 19:
        return False
    total = 0
    for position, d in enumerate(reversed(digits)):
        d = d * 2 if position % 2 else d
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _invisible() -> str:
    """Format characters (Cf: U+200B–200F, U+2060–2064, U+FEFF, soft hyphen, bidi
    controls, tags …) and variation selectors: shown as nothing, so they can hide inside
    a number."""
    # the Basic Multilingual Plane, plus the astral blocks that hold Cf (tags, musical
    # formatting, Egyptian/shorthand controls): scanning all 1.1 M code points takes 0.5 s
    codes = (
        *range(0x10000), *range(0x110BD, 0x110CE), *range(0x13430, 0x13440),
        *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), *range(0xE0000, 0xE0080),
    )  # fmt: skip
    cf = [c for c in map(chr, codes) if unicodedata.category(c) == "Cf"]
    extra = [chr(c) for c in (*range(0xFE00, 0xFE10), 0x034F, 0x180B, 0x180C, 0x180D, 0x115F)]
    return "".join(cf + extra)


INVISIBLE = _invisible()
_DROP = dict.fromkeys(map(ord, INVISIBLE))
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2500\u30fc"
_DOTS = "\u3002\uff0e\uff61\u2024\u30fb\u2027"


class _CharMap(dict[int, str]):
    """str.translate table built on demand: one NFKC per distinct character.

    Unlike NFKC over the whole string it never makes a digit from a non-digit
    (², ①, ¼ stay as written), so a mobile number followed by ² is still 11 digits;
    digits of any script (０, ٣, ३) become ASCII digits.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in INVISIBLE:
            out = ""
        elif ch in _DASHES:
            out = "-"
        elif ch in _DOTS:
            out = "."
        elif unicodedata.category(ch) == "Nd":
            out = str(unicodedata.decimal(ch))
        else:
            nfkc = unicodedata.normalize("NFKC", ch)
            out = ch if any(c.isdigit() for c in nfkc) else nfkc
        self[code] = out
        return out


_TABLE = _CharMap()


def normalise(text: str) -> str:
    """Per-character width normalisation, invisible characters dropped, dashes and
    dots unified (see :class:`_CharMap`). ASCII text is returned as is."""
    return text if text.isascii() else text.translate(_TABLE)


def cleaned(text: str) -> str:
    """The value as the importer cleans it (NFKC over the whole text, invisible
    characters dropped), the form that would be stored."""
    return unicodedata.normalize("NFKC", text).translate(_DROP).strip()


def digits_leak(raw: str, out: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """True if the digits of a number found in ``raw`` still appear, in order and
    unseparated, among the digits of ``out``."""
    kept = re.sub(r"[^0-9]", "", out)
    for pattern in patterns:
        for m in pattern.finditer(raw):
            if pattern is LABELLED_ACCOUNT and not account_match(m):
                continue
            if pattern is BARE_CARD and not card_match(m):
                continue
            found = re.sub(r"[^0-9]", "", m.group(0))
            if len(found) >= 7 and found in kept:
                return True
    return False
