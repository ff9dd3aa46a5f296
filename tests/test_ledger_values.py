"""Ledger notation → canonical strings: headers, numbers, amounts, dates, units, yes/no."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.ledger.headers import normalise_header, split_unit
from analysis.ledger.reading import cell_text
from analysis.ledger.values import (
    MONEY_SCALES,
    MONTH_SCALES,
    normalise_bool,
    normalise_date,
    normalise_int,
    parse_decimal,
    scale_amount,
    to_wan,
    unit_names,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("贷款金额（万元）", "贷款金额(万元)"),
        ("贷款金额(万元)", "贷款金额(万元)"),
        ("贷款金额 【万元】", "贷款金额(万元)"),
        (" 放 款\n日期 ", "放款日期"),
        ("性别*", "性别"),
        ("所属街道（镇）", "所属街道(镇)"),
        ("Loan_ID", "loan_id"),
    ],
)
def test_headers_are_normalised(header, expected):
    assert normalise_header(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("贷款金额(万元)", ("贷款金额", "万元")),
        ("贷款金额(单位:元)", ("贷款金额", "元")),
        ("贷款金额/万元", ("贷款金额", "万元")),
        ("贷款金额万元", ("贷款金额", "万元")),
        ("贷款期限(年)", ("贷款期限", "年")),
        ("所属街道(镇)", ("所属街道(镇)", None)),  # (镇) is part of the name, not a unit
        ("放款日期", ("放款日期", None)),
    ],
)
def test_units_are_split_from_headers(header, expected):
    assert split_unit(header) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２，５００", "12500"),
        ("12,500.50", "12500.50"),
        ("¥1,200", "1200"),
        (" ８８ ", "88"),
        ("1,2000", None),  # mis-grouped: a typo, not twelve thousand
        ("12,50", None),
        ("abc", None),
        ("NaN", None),
    ],
)
def test_numbers_as_ledgers_write_them(text, expected):
    value = parse_decimal(text)
    assert (None if value is None else f"{value:f}") == expected


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [
        ("12.5", "万元", "125000"),
        ("０.５", "万元", "5000"),
        ("10万", "元", "100000"),  # a unit in the cell wins over the header's
        ("150000元", "万元", "150000"),
        ("88", "千元", "88000"),
        ("-3", "万元", "-30000"),  # sign kept: the schema's minimum rejects it
    ],
)
def test_amounts_scale_exactly(cell, unit, expected):
    assert scale_amount(cell, unit, MONEY_SCALES) == (expected, None)


def test_non_integral_yuan_is_an_issue_not_a_rounding():
    value, issue = scale_amount("12.34567", "万元", MONEY_SCALES)
    assert issue is not None and issue.code == "not_whole"
    assert "123456.7 元" in issue.reason


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [("3", "年", "36"), ("2.5", "年", "30"), ("36个月", "年", "36"), ("24", "月", "24")],
)
def test_terms_scale_to_months(cell, unit, expected):
    assert scale_amount(cell, unit, MONTH_SCALES) == (expected, None)


def test_to_wan_is_exact():
    assert [to_wan(n) for n in (125000, 5000, 13900000, 1, 0)] == [
        "12.5",
        "0.5",
        "1390",
        "0.0001",
        "0",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("120户", "120"),
        ("1995年", "1995"),
        ("３", "3"),
        ("1,234", "1234"),
        ("12.0", "12"),
        ("12.5", "12.5"),  # passed on: the canonical parser says it is not whole
        ("很多", "很多"),
    ],
)
def test_counts(cell, expected):
    assert normalise_int(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2020年9月23日", "2020-09-23"),
        ("2020 年 9 月 23 日", "2020-09-23"),
        ("2020.9.23", "2020-09-23"),
        ("2020/9/23", "2020-09-23"),
        ("2020-9-23", "2020-09-23"),
        ("20200923", "2020-09-23"),
        ("２０２０年９月２３号", "2020-09-23"),
        ("2020-09-23 14:30:00", "2020-09-23"),
        ("44097", "2020-09-23"),  # Excel serial (1900 system)
        ("44097.75", "2020-09-23"),  # a serial with a time of day
        ("2020年2月30日", "2020-02-30"),  # ISO-shaped; the canonical parser rejects the day
        ("2020", "2020"),  # a bare year is not a serial: passed on, then rejected
        ("2020年9月", "2020年9月"),
        ("九月一日", "九月一日"),
    ],
)
def test_dates(cell, expected):
    assert normalise_date(cell) == expected


def test_serials_follow_the_workbook_epoch():
    assert normalise_date("42635", date(1904, 1, 1)) == "2020-09-23"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("是", "true"), ("√", "true"), ("Y", "true"), ("否", "false"), ("×", "false"), ("?", "?")],
)
def test_yes_no(cell, expected):
    assert normalise_bool(cell) == expected


@pytest.mark.parametrize(
    "name",
    [
        "中心路",
        "中心路街道",
        "中心路街道办事处",
        "中心路办事处",
        "中心路街办",
        "上街区中心路街道",
        "郑州市上街区中心路街道办事处",
        "中心路 街道",
        "Zhongxinlu",
        "zhongxinlu",
    ],
)
def test_unit_names_old_and_short(name):
    assert unit_names().lookup(name) == ("zhongxinlu", None)


def test_town_and_district():
    units = unit_names()
    assert units.lookup("峡窝镇人民政府")[0] == "xiawo"
    assert units.lookup("峡窝")[0] == "xiawo"
    assert units.lookup("上街区")[0] == "shangjie"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("中新路", "中心路街道"), ("新安", "新安路街道"), ("矿山路", "矿山街道"), ("西城区", None)],
)
def test_unknown_units_get_the_closest_name(name, suggestion):
    value, issue = unit_names().lookup(name)
    assert value == name and issue is not None and issue.code == "unknown_unit"
    assert (f"did you mean {suggestion}" in issue.fix) == (suggestion is not None)
    assert "中心路街道" in issue.fix  # the list of known names is always there


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (12.0, "12"),
        (12.5, "12.5"),
        (0.1 + 0.2, "0.3"),  # what Excel shows (15 significant digits), not float noise
        (44097, "44097"),
        (True, "true"),
        (4.10106199001011e17, "4.10106199001011e+17"),  # a mangled ID number stays visible
    ],
)
def test_workbook_cells_as_text(value, expected):
    assert cell_text(value) == expected
