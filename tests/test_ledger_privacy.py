"""Personal data: found in headers and free text, masked, pseudonymised with a secret salt.

Every ID and phone number here is built by code from impossible parts (region code 99…,
numbers 139000000NN), so no such string sits in the repository.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.ledger.privacy import (
    MIN_SALT_LENGTH,
    SALT_ENV,
    find_personal,
    mask_text,
    personal_header_kind,
    pseudonym,
    resolve_salt,
)

ID = "99" + "0101" + "19850312" + "123" + "X"
MOBILE = "139" + "0000" + "1234"
SALT = "s" * MIN_SALT_LENGTH  # tests only: real salts come from the environment
ID_RE, MOBILE_RE = re.compile(r"\d{17}[\dXx]"), re.compile(r"1[3-9]\d{9}")


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("借款人姓名", "name"),
        ("姓名", "name"),
        ("借款人", "name"),
        ("联系人", "name"),
        ("楼院长姓名", "name"),
        ("身份证号码", "id_number"),
        ("证件号码", "id_number"),
        ("联系电话", "phone"),
        ("联系电话(手机)", "phone"),
        ("手机号", "phone"),
        ("家庭住址", "address"),
        ("还款账号", "account"),
        ("银行卡号", "account"),
        ("借款人类别", None),  # a category of borrower, not a person
        ("楼院名称", None),
        ("贷款金额(万元)", None),
        ("所属社区", None),
    ],
)
def test_personal_headers(header, kind):
    assert personal_header_kind(header) == kind


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (ID, {"id_number"}),
        (ID.lower(), {"id_number"}),
        (f"{ID[:6]} {ID[6:14]} {ID[14:]}", {"id_number"}),
        ("".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ID), {"id_number"}),
        (ID[:15].replace("X", "1"), {"id_number"}),  # 15-digit old ID numbers
        ("4.10106199001011E+17", {"id_number"}),  # Excel turned it into a float
        (MOBILE, {"phone"}),
        (f"+86 {MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}", {"phone"}),
        ("0371-68001234", {"phone"}),
        ("(0371)68001234", {"phone"}),
        ("电话：68001234", {"phone"}),
        ("联系人：张三", {"name"}),
        (f"填表人:李四 手机{MOBILE}", {"name", "phone"}),
        ("13900000", set()),  # an amount, 8 digits
        ("20200923", set()),  # a date
        ("L-2020-0001", set()),
        ("1390万元", set()),
        ("劳动局家属院", set()),
        ("4101062020000123", set()),  # 16 digits: a contract number, not a phone or ID
        ("还款账号：6222020200112233445", {"account"}),
    ],
)
def test_personal_data_in_free_text(text, kinds):
    assert find_personal(text) == kinds


def test_masking_keeps_the_rest_of_the_text():
    text = f"新苑社区（联系人：张三 {MOBILE}）身份证{ID}"
    masked = mask_text(text)
    assert "新苑社区" in masked and "张三" not in masked
    assert not ID_RE.search(masked) and not MOBILE_RE.search(masked)
    assert mask_text("劳动局家属院（交通）") == "劳动局家属院（交通）"  # untouched, not even NFKC


#: Text around a number, without digits: a longer run of digits is not a phone or ID
#: number (it may be a contract number), and the detector deliberately leaves it alone.
around = st.text(alphabet=st.characters(exclude_categories=("Nd",)), max_size=20)


@given(around, around, st.integers(0, 10**8 - 1), st.booleans())
def test_masked_text_never_holds_an_id_or_mobile_number(before, after, n, id_number):
    secret = f"99{n:08d}19850312"[:17] + "X" if id_number else f"139{n:08d}"
    masked = mask_text(before + secret + after)
    assert not ID_RE.search(masked) and not MOBILE_RE.search(masked)
    assert find_personal(before + secret + after)


def test_pseudonyms_are_stable_salted_and_never_look_like_numbers():
    a = pseudonym(SALT, "phone", MOBILE)
    assert a == pseudonym(SALT, "phone", f"+86 {MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}")
    assert a != pseudonym("t" * MIN_SALT_LENGTH, "phone", MOBILE)
    assert a != pseudonym(SALT, "name", MOBILE)  # kinds are kept apart
    assert pseudonym(SALT, "id_number", ID) == pseudonym(SALT, "id_number", ID.lower())
    assert re.fullmatch(r"[a-z2-7]{16}", a)  # base32: no 0, 1, 8 or 9
    assert pseudonym(SALT, "name", "  ") == ""


def test_salt_comes_from_the_argument_or_the_environment(monkeypatch):
    monkeypatch.delenv(SALT_ENV, raising=False)
    assert resolve_salt(None) is None  # no salt: personal columns are dropped
    monkeypatch.setenv(SALT_ENV, "e" * 20)
    assert resolve_salt(None) == "e" * 20
    assert resolve_salt("a" * 20) == "a" * 20


def test_short_salt_is_refused_without_showing_it():
    with pytest.raises(ValueError) as err:
        resolve_salt("hunter2")
    assert "hunter2" not in str(err.value) and str(MIN_SALT_LENGTH) in str(err.value)
