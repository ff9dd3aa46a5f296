"""Place names in the English edition: pinyin with the words a reader needs in English."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.presentation.labels import has_han, place_name

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("工业路虚构楼院01", "Gongyelu fictional compound 01"),
        ("虚构联建单位G", "fictional partner unit G"),
        ("中心路虚构社区08", "Zhongxinlu fictional community 08"),
        ("新安路虚构社区03", "Xin'anlu fictional community 03"),  # pinyin's apostrophe
        ("东街社区", "Dongjie Community"),
        ("金华小区", "Jinhua Residential Compound"),
        ("镇江路社区", "Zhenjianglu Community"),  # 镇 inside a name is not "Town"
        ("中心路街道", "Zhongxinlu Subdistrict"),  # the units table's own English
        ("峡窝镇", "Xiawo Town"),
        ("上街区", "Shangjie District"),
        ("东街社区（北区）", "Dongjie Community (Beiqu)"),
    ],
)
def test_english_place_names(zh, en):
    assert place_name(zh, "en") == en


def test_chinese_edition_keeps_the_name():
    assert place_name("工业路虚构楼院01", "zh") == "工业路虚构楼院01"


@pytest.mark.parametrize("value", [None, 3.5, "", "abc-01", float("nan")])
def test_values_that_are_not_chinese_names_come_back_as_text(value):
    assert place_name(value, "en") == ("" if value is None else str(value))


def test_an_unknown_language_never_raises():
    assert place_name("东街社区", "fr") == "东街社区"


def test_shipped_compound_and_community_names_have_no_han(compounds_df, communities_df):
    names = [*compounds_df["name_zh"], *compounds_df["partner_unit"].dropna()]
    names += list(communities_df["name_zh"])
    # 劳动局家属院 is the page's one real compound: pinyin plus "Staff Compound".
    english = {n: place_name(n, "en") for n in names}
    assert not [n for n, e in english.items() if HAN.search(e)]
    # the generator's names match the communities table's own English names
    for zh, en in zip(communities_df["name_zh"], communities_df["name_en"], strict=True):
        assert place_name(zh, "en") == en


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("东西虚构楼院社区镇街道（）()·-01Ab 　"), max_size=12))
def test_never_raises_and_leaves_no_han(text):
    out = place_name(text, "en")
    assert isinstance(out, str)
    assert not has_han(out)
