"""Property tests for the cell parsers: what parses is exact, what doesn't is reported."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.datasets.schema import Field
from analysis.datasets.validation import FIRST_DATA_ROW, parse_column

INT = Field("n", "int", "a count")
DATE = Field("d", "date", "a day")
CAT = Field("c", "category", "a colour", domain="colour")
COLOURS = ["红", "绿", "蓝"]


@given(st.lists(st.integers(min_value=-(10**12), max_value=10**12), min_size=1, max_size=50))
def test_integers_round_trip(values):
    out, problems = parse_column(pd.Series([str(v) for v in values]), INT, None, "f.csv")
    assert problems == []
    assert out.tolist() == values


@given(st.lists(st.one_of(st.integers(0, 999).map(str), st.text(max_size=6)), max_size=40))
def test_every_bad_integer_is_reported_on_its_row(cells):
    out, problems = parse_column(pd.Series(cells, dtype=object), INT, None, "f.csv")
    bad_rows = {
        i + FIRST_DATA_ROW
        for i, c in enumerate(cells)
        if not (c.isascii() and c.lstrip("-").isdigit() and c[:1] != "+")
    }
    assert {p.row for p in problems} == bad_rows
    # nothing coerced: good cells keep their value, bad ones are missing, never invented
    for i, c in enumerate(cells):
        if i + FIRST_DATA_ROW not in bad_rows:
            assert out.iloc[i] == int(c)
        else:
            assert pd.isna(out.iloc[i])


@given(st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), min_size=1, max_size=30))
def test_iso_dates_round_trip(days):
    out, problems = parse_column(pd.Series([d.isoformat() for d in days]), DATE, None, "f.csv")
    assert problems == []
    assert [ts.date() for ts in out] == days


@given(st.lists(st.one_of(st.sampled_from(COLOURS), st.text(max_size=3)), max_size=30))
def test_unknown_categories_are_reported(cells):
    out, problems = parse_column(pd.Series(cells, dtype=object), CAT, COLOURS, "f.csv")
    expected = {i + FIRST_DATA_ROW for i, c in enumerate(cells) if c not in COLOURS}
    assert {p.row for p in problems} == expected
    assert list(out.cat.categories) == COLOURS and out.cat.ordered
