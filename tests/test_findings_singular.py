"""Every topic's findings on one-row frames, in English: no "1 tasks", no "1 are", no "1 have".

A ledger of one row is the smallest a researcher may import; its sentences must agree in
number like any other (the shared wording helpers of analysis.presentation.wording).
"""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest

from analysis import inspections as ins
from analysis import loans, overview, renovation
from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections import findings as fi
from analysis.presentation.findings import Findings
from analysis.rules.entities import CONSULTATION_FORMATS, SURVEY_FORMATS
from tests.test_inspections import frame, visit
from tests.test_loans_findings import sections

matplotlib.use("Agg")

#: English nouns the findings count (plural forms only).
PLURALS = (
    "tasks|compounds|communities|loans|cases|visits|records|premises types|units|days|rounds"
    "|organisations|figures|months|items|suggestions|consultations|evaluations|groups"
)
#: "1 tasks", "1 renovation tasks", "1 are", "1 have", "1 of them have", "1 of the 3 were"
#: (never "1.5", "11", "2,001", "the 1 with tasks").
DISAGREES = re.compile(
    r"(?<![\d.,])1 (?:"
    rf"(?:(?!with |of |in |on |and |for |from |to )[a-z-]+ )?(?:{PLURALS})\b"
    r"|(?:of (?:them|the|its) (?:[\w,]+ ){0,5}?)?(?:are|have|were)\b)"
)


def disagreements(found: dict[str, Findings]) -> dict[str, list[str]]:
    """Per finding, the phrases where the count 1 meets a plural."""
    out = {}
    for name, f in found.items():
        hits = [m.group(0) for s in (*f.sentences, *f.caveats) for m in DISAGREES.finditer(s)]
        if hits:
            out[name] = hits
    return out


def test_the_pattern_catches_what_it_should():
    bad = Findings(("As of x, 1 are closed.", "1 of them have 2.", "1 renovation tasks."))
    good = Findings(("1 is closed, 11 are open, 2.1 have 1 task; 1 unmanaged compound.",))
    assert disagreements({"bad": bad}) == {"bad": ["1 are", "1 of them have", "1 renovation tasks"]}
    assert disagreements({"good": good}) == {}


# --- renovation ---------------------------------------------------------------------------


def test_renovation_on_one_task(
    units_df, compounds_df, renovation_tasks_df, consultations_df, evaluations_df
):
    tasks = renovation_tasks_df[renovation_tasks_df["closed_on"].notna()].iloc[:1]
    compounds = compounds_df[compounds_df["compound_id"].isin(tasks["compound_id"])]
    unit = str(compounds["unit_id"].iloc[0])
    progress = renovation.compound_progress(tasks, compounds)
    burn = renovation.burnup(tasks, compounds, units_df)
    consultations = consultations_df.iloc[:1]
    evaluations = evaluations_df.iloc[:1]
    f = renovation.findings
    found = {
        "for_unit": f.for_unit(unit, burn, progress, "en"),
        "for_district": f.for_unit("shangjie", burn, progress, "en"),
        "checklist": f.checklist(
            burn,
            renovation.tasks_by(renovation.attach_compounds(tasks, compounds), "unit_id"),
            "en",
        ),
        "progress": f.progress(progress, renovation.pilot_comparison(progress, unit), "en"),
        "requests": f.requests(renovation.tasks_by(tasks, ["category", "raised_by"]), "en"),
        "time_to_close": f.time_to_close(
            renovation.close_medians(tasks, None),
            renovation.close_medians(tasks, "category"),
            renovation.close_curves(tasks, "category"),
            renovation.close_curves(tasks, None),
            "en",
        ),
        "slippage": f.slippage(renovation.slippage(tasks, None), "en"),
        "overdue": f.overdue(renovation.overdue_matrix(tasks, compounds), "en"),
        "participation": f.participation(
            renovation.participation_funnel(consultations, compounds, CONSULTATION_FORMATS),
            renovation.participation_funnel(consultations, compounds, ("小板凳恳谈会",)),
            renovation.participation_funnel(consultations, compounds, SURVEY_FORMATS),
            renovation.consultations_by_month(consultations, compounds),
            "en",
        ),
        "evaluation": f.evaluation(
            renovation.score_table(evaluations, compounds_df),
            renovation.rank_changes(evaluations, compounds_df),
            renovation.rank_changes(evaluations, compounds_df, span=True),
            lang="en",
        ),
    }
    assert found["for_unit"].values["tasks"] == 1 and found["for_unit"].values["closed"] == 1
    assert "1 is closed" in found["for_unit"].text
    assert disagreements(found) == {}


def test_renovation_unit_with_one_open_overdue_task(units_df, compounds_df, renovation_tasks_df):
    """One task, open and past its planned date: "1 is open", "1 task should have been"."""
    compounds = compounds_df.iloc[:1]
    task = renovation_tasks_df.iloc[:1].assign(
        compound_id=compounds["compound_id"].iloc[0],
        opened_on=pd.Timestamp("2020-03-01"),
        planned_on=pd.Timestamp("2020-05-01"),
        closed_on=pd.NaT,
    )
    unit = str(compounds["unit_id"].iloc[0])
    progress = renovation.compound_progress(task, compounds)
    found = renovation.findings.for_unit(
        unit, renovation.burnup(task, compounds, units_df), progress, "en"
    )
    assert found.values["open"] == 1 and found.values["planned"] == 1
    assert "1 is open: 1 past its planned date" in found.text
    assert "1 task should have been closed" in found.text
    assert "Only 1 task:" in found.text
    f = renovation.findings
    more = {
        "progress": f.progress(progress, renovation.pilot_comparison(progress, unit), "en"),
        "slippage": f.slippage(renovation.slippage(task, None), "en"),
    }
    assert "1 is open and overdue" in more["slippage"].text
    assert disagreements({"for_unit": found, **more}) == {}


# --- loans --------------------------------------------------------------------------------


def test_loan_sections_on_one_loan(loans_df, communities_df, units_df):
    found = sections(loans_df.iloc[:1], communities_df, units_df, "en")
    assert disagreements(found) == {}


def _one_community(source: str, loans_: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    per_unit = pd.DataFrame(
        {"unit_id": ["jiyuanlu"], "loans": [loans_], "amount_yuan": [100_000 * loans_]}
    )
    per_community = pd.DataFrame(
        {
            "community_id": ["j1"],
            "unit_id": ["jiyuanlu"],
            "name_zh": ["济1"],
            "name_en": ["J1"],
            "loans": [loans_],
            "amount_yuan": [100_000 * loans_],
        }
    )
    per_community.attrs = {"community_source": source, "unlisted": []}
    return per_unit, per_community


@pytest.mark.parametrize("source", ["ledger", "list"])
def test_loans_for_unit_with_one_community(source):
    found = loans.findings.for_unit("jiyuanlu", *_one_community(source, 1), "en")
    if source == "ledger":
        assert "The loans name 1 community here" in found.text
    else:
        assert "1 of its 1 community on the list has a loan" in found.text
        assert "1 of them has a hidden count" in found.text
    assert found.values["communities"] == 1
    assert disagreements({"for_unit": found}) == {}


# --- inspections --------------------------------------------------------------------------


def test_inspection_sections_on_one_visit():
    v = frame(visit("A", "p1", "2020-05-01", fail=("hygiene",), rectify_by="2020-05-10"))
    checked = ins.checked_visits(v)
    rates = ins.pass_rates(checked)
    cases = ins.rectification_cases(v, DATA_AS_OF)
    summary = ins.rectification_summary(cases)
    joint = ins.outcome_summary(v[v["agency"] == "联合检查"], ["inspected_on", "premises_type"])
    found = {
        "records": fi.records(v, checked, "en"),
        "items": fi.items(rates, "en"),
        "agencies": fi.agencies(ins.outcome_summary(checked, "agency", period="M"), joint, "en"),
        "units": fi.units(ins.outcome_summary(checked, "unit_id"), "en"),
        "rectification": fi.rectification(cases, summary, DATA_AS_OF, "en"),
        "repeats": fi.repeats(ins.reinspection_outcomes(v), ins.repeat_offenders(v), "en"),
        "for_unit": fi.for_unit("zhongxinlu", rates, summary, "en"),
    }
    assert disagreements(found) == {}


def test_inspections_for_unit_with_one_case_past_its_deadline():
    v = frame(
        visit("A", "p1", "2020-09-01", fail=("hygiene",), rectify_by="2020-09-10"),
        visit("B", "p1", "2020-09-08", kind="复查", prev="A", rectified_on="2020-09-08"),
    )
    rates = ins.pass_rates(ins.checked_visits(v))
    summary = ins.rectification_summary(ins.rectification_cases(v, DATA_AS_OF))
    found = fi.for_unit("zhongxinlu", rates, summary, "en")
    assert found.values["due"] == 1 and found.values["by_deadline"] == 1
    assert "Of the 1 case past its deadline, 1 (100.0%) was rectified by it" in found.text
    assert disagreements({"for_unit": found}) == {}


# --- overview -----------------------------------------------------------------------------


def test_overview_on_one_compound(published_figures_df, compounds_df, units_df):
    compounds = compounds_df.iloc[:1]
    coverage = renovation.coverage_by_unit(compounds, units_df)
    f = overview.findings
    found = {
        "coverage": f.coverage(coverage, compounds, published_figures_df, "en"),
        "governance_check": f.governance_check(
            renovation.governance_vs_published(compounds, published_figures_df), "en"
        ),
        "lacking": f.lacking(renovation.compounds_lacking(compounds), coverage, "en"),
    }
    assert disagreements(found) == {}
