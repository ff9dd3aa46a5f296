"""The inspection page's key points: numbers recomputed from the frames, English without
Chinese, and on empty, tiny and imported records."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
from analysis import inspections as ins
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.keypoints import KeyPoints
from analysis.rules.intervals import wilson
from tests.test_inspections import frame, visit

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return analysis.load_inspections()


@pytest.fixture(scope="module")
def boxes(shipped: pd.DataFrame) -> dict[str, KeyPoints]:
    return {lang: ins.key_points(shipped, lang=lang) for lang in ("zh", "en")}


def test_values_are_recomputed_from_the_frames(shipped, boxes) -> None:
    en = boxes["en"]
    assert 3 <= len(en.points) <= 6
    checked = ins.checked_visits(shipped)
    assert en.values["visits"] == len(shipped) and en.values["checked"] == len(checked)
    assert en.values["premises"] == shipped["premises_id"].nunique()
    ordered = int((checked["outcome"] == "限期整改").sum())
    assert en.values["ordered"] == ordered
    low, high = (100 * b for b in wilson(ordered, len(checked)))
    assert f"{100 * ordered / len(checked):.1f}%" in en.points[2]
    assert f"{low:.1f}–{high:.1f}%" in en.points[2]
    # the weakest item: the lowest pass rate of the all-types row
    rates = ins.pass_rates(checked)
    whole = rates[rates["premises_type"] == "全部"].sort_values(["pass_rate_pct", "item"])
    assert en.values["worst_item"] == whole["item"].iloc[0]
    assert en.values["worst_item_pass_pct"] == pytest.approx(whole["pass_rate_pct"].iloc[0])
    # rectification: the total row of the summary the section shows
    summary = ins.rectification_summary(ins.rectification_cases(shipped, DATA_AS_OF))
    total = summary[summary["group"] == "全部"].iloc[0]
    assert en.values["cases"] == total["n"] and en.values["median_days"] == total["median_days"]
    assert f"{int(total['n']):,} rectification cases" in en.points[3]
    assert en.values["overdue"] == total["overdue"]
    # the ranking: the lift the validation section reports at the declared cut-off
    result = ins.risk.validate(shipped, ins.declared_cutoff(DATA_AS_OF), until=DATA_AS_OF)
    at = ins.risk.capture_at(result.curve, [0.2])
    assert en.values["lift"] == pytest.approx(float(at["lift"].iloc[0]))
    assert boxes["zh"].values == en.values


def test_english_is_english_and_the_origin_is_stated(boxes) -> None:
    en, zh = boxes["en"], boxes["zh"]
    assert not HAN.search(en.text), [p for p in en.points if HAN.search(p)]
    assert "synthetic" in " ".join(en.origin)
    assert "合成数据" in " ".join(zh.origin)
    assert 'class="key-points"' in en._repr_html_()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_and_tiny_records(shipped, lang) -> None:
    empty = ins.key_points(shipped.iloc[:0], lang=lang)
    assert len(empty.points) == 3
    one = ins.key_points(shipped.iloc[:1], lang=lang)
    assert 3 <= len(one.points) <= 6
    canteens = shipped[shipped["campaign"] == "制止餐饮浪费专项监督"]  # no item checked
    box = ins.key_points(canteens, lang=lang)
    assert any(("no pass rate" in p) or ("无法给出合格率" in p) for p in box.points)
    if lang == "en":
        for b in (empty, one, box):
            assert not HAN.search(b.text)
    assert "1 visits" not in one.text and "1 first visits" not in one.text


def test_hand_built_records() -> None:
    visits = frame(
        visit("A", "p1", "2020-06-01", fail=("hygiene",), rectify_by="2020-06-10"),
        visit("B", "p1", "2020-06-08", kind="复查", prev="A", rectified_on="2020-06-08"),
        visit("C", "p2", "2020-06-02"),
        visit("D", "p3", "2020-08-03", fail=("rules",), rectify_by="2020-08-10"),
    ).assign(campaign="日常监督")
    box = ins.key_points(visits, lang="en")
    assert box.values["visits"] == 4 and box.values["checked"] == 3 and box.values["cases"] == 2
    assert "4 visits to 3 premises (2020-06-01 to 2020-08-03)" in box.points[0]
    assert box.values["median_days"] == 7  # A: found 06-01, confirmed at B on 06-08
    assert box.values["overdue"] == 1  # D: deadline 08-10 passed, never rectified


def test_imported_records_are_not_called_synthetic(shipped, ledger_folder) -> None:
    part = shipped[shipped["unit_id"] == "xiawo"].copy()
    ledger_folder("inspections", part)
    loaded = analysis.load_inspections()
    for lang in ("zh", "en"):
        box = ins.key_points(loaded, lang=lang)
        text = box.text
        for word in ("合成", "synthetic", "虚构", "fictional"):
            assert word not in text, (lang, word)
        assert any(w in " ".join(box.origin) for w in ("导入的台账", "imported ledgers"))
