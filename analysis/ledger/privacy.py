"""Personal data in ledgers: find it, mask it, drop it or replace it by a salted pseudonym.

Real 台账 carry borrowers' names, ID numbers (身份证号) and phone numbers. None of the
canonical datasets has a column for them, so the importer keeps *only* the columns the
schema needs; everything else, personal or not, is dropped before anything is stored.
This module adds three safeguards on top of that minimisation:

1. **Personal columns** (姓名, 借款人, 联系人, 身份证号, 联系电话 …) are recognised by their
   header and never matched to a canonical column. With a salt they become pseudonyms
   (HMAC-SHA256), so a researcher can see that two rows name the same person without
   seeing who; without a salt they are simply dropped.
2. **Free text** in every kept cell is scanned for ID numbers, mobile and landline numbers
   and names written after a label (联系人：张三); a hit is masked, and the row is rejected
   because its value would otherwise carry personal data into the accepted records.
3. Every string the importer outputs (cells, reasons, fixes) passes :func:`mask_text`.

The salt is a secret: pass it as ``salt=`` or set :data:`SALT_ENV`. There is no default
salt, because a pseudonym made with a salt that is in the code can be reversed by anyone
who hashes a list of names or phone numbers. Names written without a label in free text
cannot be detected; that is why unmapped columns are dropped rather than scanned.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata

import pandas as pd

from analysis.config import SALT_ENV
from analysis.ledger._scan import (
    BARE_CARD,
    ID_NUMBER,
    LABELLED_ACCOUNT,
    LABELLED_NAME,
    LABELLED_PHONE,
    LANDLINE,
    MANGLED_ID,
    MANGLED_ID_MASK,
    MOBILE,
    account_match,
    card_match,
    cleaned,
    digits_leak,
    normalise,
)

#: Shorter salts make pseudonyms of phone numbers (10^8 candidates) cheap to brute-force.
MIN_SALT_LENGTH = 16

#: Placeholder text for each kind of personal data.
MASKS = {"id_number": "<ID号>", "phone": "<电话>", "name": "<姓名>", "account": "<账号>"}

#: Headers of personal columns, matched whole against the normalised header.
_PERSONAL_HEADERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r".*(身份证|证件号|证件号码|公民身份号码).*"), "id_number"),
    (re.compile(r".*(电话|手机|联系方式|微信|qq|邮箱|e-?mail).*"), "phone"),
    (re.compile(r".*(姓名|名字)"), "name"),
    (
        re.compile(
            r"(借款人|贷款人|申请人|联系人|负责人|户主|法人|法定代表人|法人代表|经营者|"
            r"担保人|经办人|填表人|业主|创业者|店主|主持人|签名|签字)"
        ),
        "name",
    ),
    (re.compile(r".*(住址|家庭地址|户籍地|居住地)"), "address"),
    (re.compile(r".*(账号|卡号|账户|帐号)"), "account"),
)


def personal_header_kind(header: str) -> str | None:
    """Return the kind of personal data a (normalised) header announces, or None.

    Parameters
    ----------
    header
        A header already normalised by :func:`analysis.ledger.headers.normalise_header`.

    Returns
    -------
    str or None
        ``"id_number"``, ``"phone"``, ``"name"``, ``"address"`` or ``"account"``.
    """
    # 联系电话(手机) → 联系电话; [^()]* cannot run past a parenthesis, so this is linear
    # in the header's length even for a 1 MB cell full of "(" (.*? was quadratic)
    base = re.sub(r"\([^()]*\)", "", header)
    for pattern, kind in _PERSONAL_HEADERS:
        if pattern.fullmatch(base):
            return kind
    return None


def _kinds(s: str) -> set[str]:
    found = set()
    if ID_NUMBER.search(s) or MANGLED_ID.search(s):
        found.add("id_number")
    if MOBILE.search(s) or LANDLINE.search(s) or LABELLED_PHONE.search(s):
        found.add("phone")
    if LABELLED_NAME.search(s):
        found.add("name")
    if any(account_match(m) for m in LABELLED_ACCOUNT.finditer(s)) or any(
        card_match(m) for m in BARE_CARD.finditer(s)
    ):
        found.add("account")
    return found


#: What every pattern needs in ASCII text: 7+ digits (the shortest, a landline), the
#: ``tel`` label, or Excel's mangled ID (4.1E+17). Text with none is skipped — most cells
#: (ids such as DK000001, amounts, short codes) — as ASCII is never cleaned or normalised.
_ASCII_MAY_HOLD = re.compile(r"(?:[0-9][^0-9]*+){7}|[eE]\+?1[4-9]|tel", re.IGNORECASE)


def find_personal(text: str) -> set[str]:
    """Return the kinds of personal data found in a cell (empty set if none).

    The text is searched three times: as written; as the importer cleans it (NFKC, zero-
    width and other format characters dropped: the value that would be stored); and
    normalised per character (:func:`analysis.ledger._scan.normalise`: digits of any
    width or script made ASCII, invisible characters dropped, dashes and dots unified,
    but never a digit made from a non-digit such as ² or ①).
    """
    if not text or (text.isascii() and _ASCII_MAY_HOLD.search(text) is None):
        return set()
    found = _kinds(text)
    if not text.isascii():
        found |= _kinds(cleaned(text)) | _kinds(normalise(text))
    return found


def _mask(s: str) -> str:
    s = LABELLED_NAME.sub(lambda m: m.group(1) + MASKS["name"], s)
    s = LABELLED_PHONE.sub(lambda m: m.group(1) + MASKS["phone"], s)
    s = LABELLED_ACCOUNT.sub(
        lambda m: m.group(1) + MASKS["account"] if account_match(m) else m.group(0), s
    )
    s = BARE_CARD.sub(lambda m: MASKS["account"] if card_match(m) else m.group(0), s)
    s = ID_NUMBER.sub(MASKS["id_number"], s)
    s = MANGLED_ID_MASK.sub(MASKS["id_number"], s)
    s = MOBILE.sub(MASKS["phone"], s)
    return LANDLINE.sub(MASKS["phone"], s)


_NUMBERS = (ID_NUMBER, MOBILE, LANDLINE, LABELLED_PHONE, LABELLED_ACCOUNT, BARE_CARD)


def mask_text(text: str) -> str:
    """Return ``text`` with ID, phone and account numbers and labelled names masked.

    Text without personal data is returned unchanged (not even width-normalised), so
    what a researcher sees in ``.rejected`` is what the ledger says. Text with some is
    normalised (see :func:`find_personal`) and masked. If a number found in the raw or
    cleaned text still shows among the digits of the result (an invisible character that
    joined two numbers), the raw text is masked first; if even that leaves one, every
    digit is masked. Whatever the text, :func:`find_personal` finds nothing in the result.
    """
    if not find_personal(text):
        return text
    out = _mask(normalise(text))
    for source in (text, cleaned(text)):
        if digits_leak(source, out, _NUMBERS):
            out = _mask(normalise(_mask(source)))
    for source in (text, cleaned(text)):
        if digits_leak(source, out, _NUMBERS) or find_personal(out):
            out = re.sub(r"[0-9]", "*", normalise(out))
    return out


def mask_all(value: object) -> object:
    """Mask every string in a JSON-like value (dict keys and values, lists), recursively.

    Used on ``import.json``: header texts, notes and kept wordings come from the ledger,
    and a title row or header cell may hold a name or a number.
    """
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {mask_all(k): mask_all(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_all(v) for v in value]
    return value


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell masked (numbers, dates, NA left alone).

    The last safeguard before a CSV is written: cells were scanned when read, and a row
    with personal data rejected, so this changes nothing unless a check upstream missed.
    """
    out = frame.copy()
    for column in out.columns:
        col = out[column]
        if col.dtype == object or pd.api.types.is_string_dtype(col):
            # each distinct text once (ledgers repeat units, dates, categories), and the
            # column rewritten only if a text changed: a clean 100 k-row ledger costs ~1 s
            texts = (v for v in pd.unique(col.dropna()) if isinstance(v, str))
            changed = {v: masked for v in texts if (masked := mask_text(v)) != v}
            if changed:
                out[column] = col.map(lambda v, c=changed: c.get(v, v) if isinstance(v, str) else v)
    return out


def resolve_salt(salt: str | None, env: str = SALT_ENV) -> str | None:
    """Return the salt to use: ``salt`` if given, else the environment variable, else None.

    Raises
    ------
    ValueError
        If the salt is shorter than :data:`MIN_SALT_LENGTH` characters. The message never
        contains the salt.
    """
    value = salt if salt is not None else os.environ.get(env) or None
    if value is not None and len(value) < MIN_SALT_LENGTH:
        raise ValueError(
            f"the pseudonym salt is {len(value)} characters, too short to be secret. Fix: use "
            f"at least {MIN_SALT_LENGTH} random characters (python -c 'import secrets; "
            "print(secrets.token_hex(16))')"
        )
    return value


def _canonical_person_value(kind: str, value: str) -> str:
    """The form hashed: the same person written two ways gets the same pseudonym."""
    s = unicodedata.normalize("NFKC", value).strip()
    if kind == "id_number":
        return re.sub(r"[\s-]", "", s).upper()
    if kind == "phone":
        digits = re.sub(r"[^0-9]", "", s)
        return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    return re.sub(r"\s+", "", s)


def pseudonym(salt: str, kind: str, value: str) -> str:
    """Return the salted pseudonym of one personal value ('' for an empty value).

    HMAC-SHA256 keyed with the salt, over the kind and the normalised value; the first
    80 bits in lower-case base32. Base32 has no 0, 1, 8 or 9, so a pseudonym can never
    look like a phone or ID number.
    """
    norm = _canonical_person_value(kind, value)
    if not norm:
        return ""
    digest = hmac.new(salt.encode(), f"{kind}\x1f{norm}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode().lower()


def pseudonym_table(
    salt: str,
    personal: list[tuple[int, str, str]],
    cells: dict[tuple[int, int], str],
    numbers: list[int],
) -> pd.DataFrame:
    """One pseudonym column per personal column (``name_pseudonym``, …), by source row.

    ``personal`` lists (column index, header, kind); ``cells`` maps (row, column index)
    to the cell text; ``numbers`` are the rows' spreadsheet numbers.
    """
    out: dict[str, list[object]] = {"source_row": list(numbers)}
    for index, _, what in personal:
        name = f"{what}_pseudonym"
        if name in out:  # two name columns (借款人, 联系人): name_pseudonym_2
            name += f"_{sum(c.startswith(name) for c in out) + 1}"
        out[name] = [pseudonym(salt, what, cells[i, index]) for i in range(len(numbers))]
    return pd.DataFrame(out)
