"""The reader-page checks of the browser test (``tests/browser.py``) on hand-made inputs:
the Han share of an edition, alt text, column headers and titles (no browser needed)."""

from __future__ import annotations

import pytest
from browser import (
    MAX_HAN_EN,
    MIN_HAN_ZH,
    alt_problems,
    edition_problem,
    han_share,
    is_reader_page,
    snake_case_headers,
    title_problem,
)


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("", 0.0),
        ("1,234 — 56 %", 0.0),  # no letters at all
        ("上街区", 1.0),
        ("上街区 ab", 0.6),
        ("Shangjie 上", 1 / 9),
        ("𠀀 a", 0.5),  # extension B counts as Han
    ],
)
def test_han_share_counts_letters_only(text, share):
    assert han_share(text) == pytest.approx(share)


def test_edition_thresholds():
    english = "The records show 24 of 34 figures reproduced. " * 10
    assert edition_problem("en", english) is None
    assert edition_problem("en", english + "上街区" * 3) is None  # a quoted name: under 3 %
    assert "at most" in edition_problem("en", english + "中心路街道" * 20)
    chinese = "记录重现了版面上的 24 个数字。" * 5
    assert edition_problem("zh", chinese + " Zhongxinlu data/loans.csv") is None
    assert "at least" in edition_problem("zh", "Kaplan–Meier median 中位数 " * 5)
    assert MAX_HAN_EN == 0.03 and MIN_HAN_ZH == 0.45


def test_alt_text_must_describe_the_chart():
    images = [
        {"alt": "Loans per unit: Jiyuanlu 12, Zhongxinlu 30"},
        {"alt": "No description has been provided for this image"},
        {"alt": ""},
        {"alt": None},
        {"alt": "chart-01.png"},
        {"alt": "图"},
    ]
    assert alt_problems(images) == [
        "image 2: nbconvert's placeholder alt text",
        "image 3: no alt text",
        "image 4: no alt text",
        "image 5: alt text 'chart-01.png' describes nothing",
        "image 6: alt text '图' describes nothing",
    ]


def test_snake_case_headers():
    headers = ["closed_pct", "name_zh", "Closed (%)", "tasks", "单位", "closed_pct", "x_1"]
    assert snake_case_headers(headers) == ["closed_pct", "name_zh", "x_1"]


@pytest.mark.parametrize(
    ("title", "path", "ok"),
    [
        ("unit-report", "units/zhongxinlu.html", False),
        ("00-district-overview", "00-district-overview.html", False),
        ("", "index.html", False),
        ("中心路街道 · 街道（镇）概况", "units/zhongxinlu.html", True),
        ("Zhongxinlu Subdistrict · Unit report", "en/units/zhongxinlu.html", True),
    ],
)
def test_titles(title, path, ok):
    assert (title_problem(title, path) is None) is ok


def test_reader_pages_are_not_the_code_twins():
    assert is_reader_page("index.html") and is_reader_page("en/units/u1.html")
    assert not is_reader_page("code/01-x.html") and not is_reader_page("en/code/01-x.html")
