"""Renovation findings on tiny hand-built frames: hand-computed values, edge cases (nothing
closed, nothing open, one unit, no rows, names outside the reference tables) and the
caveats of imported ledgers (no synthetic wording)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import renovation
from analysis.renovation import findings as rf

HAN = re.compile(r"[\u3400-\u9fff]")
T = pd.Timestamp


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["shangjie", "zhongxinlu", "xiawo"],
            "name_zh": ["上街区", "中心路街道", "峡窝镇"],
            "name_en": ["Shangjie District", "Zhongxinlu Subdistrict", "Xiawo Town"],
            "kind": ["区", "街道", "镇"],
            "parent_id": [None, "shangjie", "shangjie"],
            "sort_order": [0, 1, 2],
        }
    )


def _compounds(names=("东街小区", "西街小区"), unit="zhongxinlu") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "compound_id": ["c1", "c2"],
            "name_zh": list(names),
            "unit_id": [unit, unit],
            "party_org_id": ["p1", None],
            "party_org_mode": ["单独建", None],
            "resident_body": ["自管会", None],
            "volunteer_groups": [1, 0],
            "partner_unit": [None, None],
            "property_pilot": [True, False],
        }
    )


def _tasks(closed=("2020-03-20", "2020-06-30", None), category="路面硬化") -> pd.DataFrame:
    # c1: closed on time (planned 04-01), closed late (planned 05-01, 60 days late);
    # c2: open and overdue (planned 08-01)
    return pd.DataFrame(
        {
            "task_id": ["t1", "t2", "t3"],
            "compound_id": ["c1", "c1", "c2"],
            "category": ["地下管网", category, "照明"],
            "raised_by": ["居民点单", "居民点单", "街道"],
            "opened_on": [T("2020-01-02"), T("2020-02-01"), T("2020-03-01")],
            "planned_on": [T("2020-04-01"), T("2020-05-01"), T("2020-08-01")],
            "closed_on": [T(c) if c else pd.NaT for c in closed],
        }
    )


def test_for_unit_hand_computed():
    tasks, compounds = _tasks(), _compounds()
    burn = renovation.burnup(tasks, compounds, _units())
    progress = renovation.compound_progress(tasks, compounds)
    f = rf.for_unit("zhongxinlu", burn, progress, "en")
    v = f.values
    assert (v["compounds"], v["tasks"], v["closed"], v["overdue"], v["not_due"]) == (2, 3, 2, 1, 0)
    assert v["planned"] == 3 and v["plan_gap"] == 1  # all three planned by 09-23
    assert "2 of the 2 with tasks" not in f.text  # c2 has closed nothing
    assert "2 of 3 tasks" not in f.text
    assert "66.7%" in f.text and "Only 3 tasks" in f.text
    assert not HAN.search(" ".join(f.sentences).replace("西街小区", "").replace("东街小区", ""))


def test_for_unit_with_no_compounds_reads_sensibly():
    tasks, compounds = _tasks(), _compounds()
    burn = renovation.burnup(tasks, compounds, _units())
    progress = renovation.compound_progress(tasks, compounds)
    en = rf.for_unit("xiawo", burn, progress, "en")
    assert en.sentences[0].startswith("No unmanaged compounds are recorded for Xiawo Town")
    zh = rf.for_unit("xiawo", burn, progress, "zh")
    assert "峡窝镇没有无主管楼院的记录" in zh.text


def test_unit_and_category_outside_the_reference_tables():
    tasks = _tasks(category="电梯加装")  # a ledger's own wording
    compounds = _compounds(unit="dongjie")  # a unit the units table does not know
    progress = renovation.compound_progress(tasks, compounds)
    f = rf.for_unit(
        "dongjie", pd.DataFrame(columns=["unit_id", "date", "measure", "tasks"]), progress, "en"
    )
    assert "dongjie records 2 unmanaged compounds" in f.text
    r = rf.requests(renovation.tasks_by(tasks, ["category", "raised_by"]), "en")
    # a value with no English label is shown in the ledger's own wording, never a KeyError
    assert r.values["tasks"] == 3 and "电梯加装 (1)" in r.text
    assert "2 of all tasks (67%) were residents' requests" in r.text


def test_slippage_and_time_to_close_hand_computed():
    tasks = _tasks()
    s = rf.slippage(renovation.slippage(tasks, None), "en")
    assert (s.values["on_time"], s.values["late"], s.values["overdue"]) == (1, 1, 1)
    assert s.values["median_late_days"] == 60
    # Wilson 95 % interval of 1 in 3: (0.0615, 0.7923), by the closed form
    assert "1 (33%, 95% CI 6–79%)" in s.text and "median 60 days late" in s.text
    assert s.values["on_time_interval"] == pytest.approx((0.0615, 0.7923), abs=1e-4)
    t = rf.time_to_close(
        renovation.close_medians(tasks, None),
        renovation.close_medians(tasks, "category"),
        renovation.close_curves(tasks, "category"),
        renovation.close_curves(tasks, None),
        "en",
    )
    # closed after 78 and 150 days; the open one censored at 206: KM median 150
    assert t.values["km_median"] == 150 and t.values["closed_only"] == 114
    assert "150 days" in t.text and "114" in t.text


def test_nothing_closed_and_nothing_open():
    none_closed = _tasks(closed=(None, None, None))
    t = rf.time_to_close(
        renovation.close_medians(none_closed, None),
        renovation.close_medians(none_closed, "category"),
        renovation.close_curves(none_closed, "category"),
        renovation.close_curves(none_closed, None),
        "en",
    )
    assert "cannot be estimated" in t.text
    all_closed = _tasks(closed=("2020-03-20", "2020-04-20", "2020-07-01"))
    compounds = _compounds()
    burn = renovation.burnup(all_closed, compounds, _units())
    by_unit = renovation.tasks_by(renovation.attach_compounds(all_closed, compounds), "unit_id")
    c = rf.checklist(burn, by_unit, "en")
    assert "none is open" in c.text and c.values["closed_share"] == 1
    assert "Only Zhongxinlu Subdistrict has tasks" in c.text
    o = rf.overdue(renovation.overdue_matrix(all_closed, compounds), "en")
    assert "none of the 2 compounds has an overdue task" in o.text


def test_empty_task_list():
    tasks, compounds = _tasks().iloc[0:0], _compounds()
    burn = renovation.burnup(tasks, compounds, _units())
    by_unit = renovation.tasks_by(renovation.attach_compounds(tasks, compounds), "unit_id")
    assert "no renovation tasks" in rf.checklist(burn, by_unit, "en").text
    progress = renovation.compound_progress(tasks, compounds)
    assert "but no renovation tasks" in rf.for_unit("zhongxinlu", burn, progress, "en").text
    cmp_ = renovation.pilot_comparison(progress, "zhongxinlu")
    assert "No compound has renovation tasks" in rf.progress(progress, cmp_, "en").text


def test_case_compound_not_in_the_ledger_says_so():
    tasks, compounds = _tasks(), _compounds()
    case = renovation.case_tasks(tasks, compounds)
    assert case.empty and case.attrs["found"] is False
    f = rf.case(case, renovation.six_have(case), compounds.iloc[0:0], "en")
    assert "is not in the compound records" in f.text
    ax = renovation.plot_case_gantt(case, lang="en")
    assert any(t.get_text() == "no data" for t in ax.texts)
    plt.close("all")


def test_no_consultations_and_no_evaluations():
    compounds = _compounds()
    consultations = pd.DataFrame(
        columns=[
            "compound_id",
            "held_on",
            "format",
            "participants",
            "suggestions",
            "adopted",
            "resolved",
        ]
    ).astype({"held_on": "datetime64[ns]"})
    funnel = renovation.participation_funnel(consultations, compounds)
    monthly = renovation.consultations_by_month(consultations, compounds)
    p = rf.participation(funnel, funnel, funnel, monthly, "en")
    assert "none recorded" in p.text
    evaluations = pd.DataFrame(columns=["round_no", "held_on", "compound_id", "score"])
    scores = renovation.score_table(evaluations, compounds)
    changes = renovation.rank_changes(evaluations, compounds)
    e = rf.evaluation(
        scores, changes, renovation.rank_changes(evaluations, compounds, span=True), lang="en"
    )
    assert "No evaluation is on record" in e.text


def test_governance_with_a_gap_hand_computed():
    compounds = _compounds()
    units = _units()
    lacking = renovation.compounds_lacking(compounds)
    g = rf.governance(
        pd.DataFrame(columns=["status"]),
        renovation.party_orgs_by_mode(compounds, units),
        renovation.coverage_by_unit(compounds, units),
        lacking,
        lang="en",
    )
    assert g.values["focus_lacking_core"] == 1 and g.values["focus_no_team"] == 1
    assert "1 compounds lack a party organisation" in g.text


@pytest.fixture()
def imported(ledger_folder):
    for name, frame in (("renovation_tasks", _tasks()), ("compounds", _compounds())):
        folder = ledger_folder(name, frame)
    return folder.parent


def test_imported_ledgers_get_no_synthetic_wording(imported):
    tasks, compounds, units = _tasks(), _compounds(), _units()
    burn = renovation.burnup(tasks, compounds, units)
    progress = renovation.compound_progress(tasks, compounds)
    by_unit = renovation.tasks_by(renovation.attach_compounds(tasks, compounds), "unit_id")
    case = renovation.case_tasks(tasks, compounds)
    for lang, banned in (
        ("zh", ("合成", "生成器", "虚构")),
        ("en", ("synthetic", "generator", "invented")),
    ):
        out = [
            rf.for_unit("zhongxinlu", burn, progress, lang),
            rf.checklist(burn, by_unit, lang),
            rf.progress(progress, renovation.pilot_comparison(progress, "zhongxinlu"), lang),
            rf.requests(renovation.tasks_by(tasks, ["category", "raised_by"]), lang),
            rf.slippage(renovation.slippage(tasks, None), lang),
            rf.overdue(renovation.overdue_matrix(tasks, compounds), lang),
            rf.case(case, renovation.six_have(case), compounds.iloc[0:0], lang),
            rf.governance(
                pd.DataFrame(columns=["status"]),
                renovation.party_orgs_by_mode(compounds, units),
                renovation.coverage_by_unit(compounds, units),
                renovation.compounds_lacking(compounds),
                lang=lang,
            ),
        ]
        for f in out:
            assert not any(word in f.text for word in banned), f.text
            assert "x.xlsx" in f.text and "bad-date" in f.text


def test_charts_with_nothing_to_draw_say_so_and_unknown_names_do_not_crash():
    compounds = _compounds(unit="dongjie")
    empty = _tasks().iloc[0:0]
    evaluations = pd.DataFrame(columns=["round_no", "held_on", "compound_id", "score"])
    drawn = [
        renovation.plot_score_heatmap(renovation.score_table(evaluations, compounds), lang="en"),
        renovation.plot_rank_changes(renovation.rank_changes(evaluations, compounds), lang="en"),
        renovation.plot_slippage(renovation.slippage(empty, "category"), lang="en"),
        renovation.plot_tasks_by_category(
            renovation.tasks_by(empty, ["category", "raised_by"]), lang="en"
        ),
    ]
    for ax in drawn:
        assert any(t.get_text() == "no data" for t in ax.texts)
    # a unit and a category the reference tables do not know are drawn, not refused
    tasks = _tasks(category="电梯加装")
    renovation.plot_overdue_heatmap(renovation.overdue_matrix(tasks, compounds), lang="en")
    renovation.plot_lacking(renovation.compounds_lacking(compounds), lang="en")
    coverage = renovation.coverage_by_unit(compounds, _units())
    assert coverage.set_index("unit_id").loc["dongjie", "compounds"] == 2
    assert coverage.set_index("unit_id").loc["shangjie", "compounds"] == 2
    plt.close("all")
