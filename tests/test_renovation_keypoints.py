"""The key points of the renovation page: values recomputed from the records, both editions,
tiny and empty records, and the origin of imported ledgers stated as imported."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import renovation
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.keypoints import MAX_POINTS, MIN_POINTS

HAN = re.compile(r"[\u3400-\u9fff]")
T = pd.Timestamp


@pytest.fixture(scope="module")
def shipped(renovation_tasks_df, compounds_df, units_df, consultations_df, evaluations_df):
    frames = (renovation_tasks_df, compounds_df, units_df, consultations_df, evaluations_df)
    return {lang: renovation.key_points(*frames, lang=lang) for lang in ("zh", "en")}


def test_shipped_points_state_the_recomputed_values(shipped, renovation_tasks_df):
    t = renovation_tasks_df
    as_of = T(DATA_AS_OF)
    closed = t["closed_on"].notna() & (t["closed_on"] <= as_of)
    overdue = ~closed & (t["planned_on"] < as_of)
    naive = float((t.loc[closed, "closed_on"] - t.loc[closed, "opened_on"]).dt.days.median())
    en = shipped["en"]
    v = en.values
    assert (v["checklist"]["tasks"], v["checklist"]["closed"]) == (len(t), int(closed.sum()))
    assert v["checklist"]["overdue"] == int(overdue.sum())
    assert v["time_to_close"]["closed_only"] == naive
    first = en.points[0]
    assert f"{int(closed.sum())} of the district's {len(t)} checklist tasks are closed" in first
    assert f"{int(overdue.sum())} past their planned date" in first
    assert f"{naive:g}" in en.points[1]
    zh = shipped["zh"]
    assert f"{len(t)} 项任务中 {int(closed.sum())} 项已销号" in zh.points[0]


def test_consultation_point_is_recomputed(shipped, consultations_df, compounds_df):
    mine = set(compounds_df.loc[compounds_df["unit_id"] == "zhongxinlu", "compound_id"])
    faces = consultations_df[
        consultations_df["compound_id"].isin(mine)
        & consultations_df["format"].astype(str).isin(["小板凳恳谈会", "居民议事会", "上门入户"])
    ]
    point = next(p for p in shipped["en"].points if "face-to-face" in p)
    assert f"{len(faces)} face-to-face consultations" in point
    assert f"collected {int(faces['suggestions'].sum())} suggestions" in point
    assert f"{int(faces['resolved'].sum())} problems" in point


def test_both_editions_have_three_to_six_points_in_their_language(shipped):
    for box in shipped.values():
        assert MIN_POINTS <= len(box.points) <= MAX_POINTS
    assert not HAN.search(shipped["en"].text), shipped["en"].text
    assert all(HAN.search(p) for p in shipped["zh"].points)
    assert "synthetic" in shipped["en"].text and "合成数据" in shipped["zh"].text
    html = shipped["en"]._repr_html_()
    assert html.startswith('<section class="key-points">') and html.count("<li>") >= 3


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["shangjie", "zhongxinlu"],
            "name_zh": ["上街区", "中心路街道"],
            "name_en": ["Shangjie District", "Zhongxinlu Subdistrict"],
            "kind": ["区", "街道"],
            "parent_id": [None, "shangjie"],
            "sort_order": [0, 1],
        }
    )


def _compounds() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "compound_id": ["c1"],
            "name_zh": ["东街小区"],
            "unit_id": ["zhongxinlu"],
            "party_org_id": ["p1"],
            "party_org_mode": ["单独建"],
            "resident_body": ["自管会"],
            "volunteer_groups": [1],
            "partner_unit": [None],
            "property_pilot": [False],
        }
    )


def _one_task() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task_id": ["t1"],
            "compound_id": ["c1"],
            "category": ["照明"],
            "raised_by": ["居民点单"],
            "opened_on": [T("2020-03-01")],
            "planned_on": [T("2020-05-01")],
            "closed_on": [pd.NaT],
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_task_gives_a_full_box(lang):
    box = renovation.key_points(_one_task(), _compounds(), _units(), lang=lang)
    assert MIN_POINTS <= len(box.points) <= MAX_POINTS
    assert box.values["checklist"]["overdue"] == 1
    if lang == "en":
        assert not HAN.search(box.text.replace("东街小区", ""))
        assert "None of the 1 tasks" not in box.text
        assert any("cannot be estimated" in p for p in box.points)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_records_say_what_they_do_not_show(lang):
    empty = _one_task().iloc[0:0]
    consultations = pd.DataFrame(
        columns=["compound_id", "format", "suggestions", "adopted", "resolved"]
    )
    evaluations = pd.DataFrame(columns=["round_no", "held_on", "compound_id", "score"])
    box = renovation.key_points(empty, _compounds(), _units(), consultations, evaluations, lang)
    assert len(box.points) == 5
    if lang == "en":
        assert box.points[0] == "The renovation task records hold no rows."
        assert "1 compound but no renovation task" in box.points[1]
        assert "neither how long" in box.points[2]
    nothing = renovation.key_points(empty, _compounds().iloc[0:0], _units(), lang=lang)
    assert len(nothing.points) == 3


@pytest.fixture()
def imported(ledger_folder):
    for name, frame in (("renovation_tasks", _one_task()), ("compounds", _compounds())):
        ledger_folder(name, frame)


def test_imported_ledgers_are_not_called_synthetic(imported):
    en = renovation.key_points(_one_task(), _compounds(), _units(), lang="en")
    assert "imported ledgers" in en.text
    assert "synthetic" not in en.text and "generated" not in en.text
    zh = renovation.key_points(_one_task(), _compounds(), _units(), lang="zh")
    assert "导入的台账" in zh.text and "合成" not in zh.text
