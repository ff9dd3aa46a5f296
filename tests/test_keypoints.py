"""The key-points box: 3–6 computed points, the origin stated in the box, three renderings."""

from __future__ import annotations

import re

import pytest

from analysis.presentation.keypoints import MAX_POINTS, KeyPoints, key_points, origin_sentences

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_box_holds_points_and_origin_in_three_renderings():
    box = key_points(["A <b>", "B", None, "", "C"], ["loans"], "en", n=3)
    assert isinstance(box, KeyPoints)
    assert box.points == ("A <b>", "B", "C")
    html = box._repr_html_()
    assert html.startswith('<section class="key-points">')
    assert html.count("<li>") == 3
    assert "A &lt;b&gt;" in html  # escaped, never markup from data
    assert "synthetic" in html  # shipped loans are synthetic: the box says so
    assert box.text.splitlines()[1] == "- A <b>"
    assert "- C" in box._repr_markdown_()
    assert box.values == {"n": 3}


def test_too_few_points_is_an_error_not_a_thin_box():
    with pytest.raises(ValueError, match="at least 3"):
        key_points(["only", None], ["loans"], "zh")


def test_at_most_six_points_are_kept():
    box = key_points([f"p{i}" for i in range(9)], ["loans"], "en")
    assert len(box.points) == MAX_POINTS


def test_missing_values_never_printed():
    with pytest.raises(ValueError, match="missing value"):
        key_points(["a", "b", "rate nan"], ["loans"], "en")


def test_origin_by_kind_and_edition(monkeypatch, tmp_path):
    zh = origin_sentences(["loans", "published_figures", "units"], "zh")
    en = origin_sentences(["loans", "published_figures", "units"], "en")
    assert len(zh) == len(en) == 2  # synthetic + published; a reference table is not named
    assert "合成数据" in zh[0] and "版面" in zh[1]
    assert not any(HAN.search(s) for s in en)
    # an imported ledger is never called synthetic
    folder = tmp_path / "ledgers" / "loans"
    folder.mkdir(parents=True)
    (folder / "accepted.csv").write_text("x\n", encoding="utf-8")
    monkeypatch.setenv("SHANGJIE_LEDGER_DIR", str(tmp_path / "ledgers"))
    en = origin_sentences(["loans"], "en")
    assert len(en) == 1 and "imported" in en[0] and "synthetic" not in en[0]
