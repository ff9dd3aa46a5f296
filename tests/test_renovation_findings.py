"""Renovation findings on the shipped data: every number printed is among the finding's
values and equals a value recomputed here; English has no Han; synthetic wording present."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
from analysis import renovation
from analysis.datasets.schema import DATA_AS_OF
from analysis.presentation.findings import count, number, percent
from analysis.presentation.wording import short_number
from analysis.renovation._stats import p_text
from analysis.rules.entities import (
    CONSULTATION_FORMATS,
    HOUSING_BUREAU,
    LABOUR_BUREAU_COMPOUND,
    SURVEY_FORMATS,
)

HAN = re.compile(r"[\u3400-\u9fff]")
#: Dates first, then numbers; a number inside a compound's name (虚构楼院22, compound 22)
#: is a name, not a figure.
TOKEN = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
NAME_NUMBER = re.compile(r"(虚构楼院|fictional compound )\d+")


def _formats(value: object) -> set[str]:
    """Every way the prose may print ``value`` (and what it contains)."""
    if isinstance(value, dict):
        return set().union(*(_formats(k) | _formats(v) for k, v in value.items()), set())
    if isinstance(value, (list, tuple)):
        return set().union(*(_formats(v) for v in value), set())
    if isinstance(value, str):
        return {value}
    if value is None or isinstance(value, bool):
        return set()
    v = float(value)  # type: ignore[arg-type]
    return {
        count(v),
        number(v, 1),
        percent(v),
        percent(v, 0),
        short_number(v),
        str(value),
        p_text(v).removeprefix("p = "),
    }


def _tokens(text: str) -> set[str]:
    out: set[str] = set()
    for piece in _formats_text(text):
        out |= set(TOKEN.findall(piece))
    return out


def _formats_text(text: str) -> list[str]:
    return [NAME_NUMBER.sub("", text)]


def assert_numbers_are_values(f) -> None:
    printed = _tokens(" ".join(f.sentences))
    allowed: set[str] = set()
    for shown in _formats(f.values):
        allowed |= set(TOKEN.findall(shown))
    missing = sorted(printed - allowed)
    assert not missing, f"numbers printed but not in values: {missing}\n{f.text}"


@pytest.fixture(scope="module")
def frames(
    units_df,
    compounds_df,
    renovation_tasks_df,
    consultations_df,
    evaluations_df,
    published_figures_df,
):
    tasks, compounds, units = renovation_tasks_df, compounds_df, units_df
    progress = renovation.compound_progress(tasks, compounds)
    zxl = compounds[compounds["unit_id"] == "zhongxinlu"]
    bureau = compounds[compounds["partner_unit"] == HOUSING_BUREAU]
    reconciled = analysis.reconcile()
    case = renovation.case_tasks(tasks, compounds, LABOUR_BUREAU_COMPOUND)
    return {
        "burn": renovation.burnup(tasks, compounds, units),
        "progress": progress,
        "by_unit": renovation.tasks_by(renovation.attach_compounds(tasks, compounds), "unit_id"),
        "comparison": renovation.pilot_comparison(progress, "zhongxinlu"),
        "reconciled": reconciled[reconciled["topic"] == "楼院整治"],
        "by_category": renovation.tasks_by(tasks, ["category", "raised_by"]),
        "overall_median": renovation.close_medians(tasks, None),
        "medians": renovation.close_medians(tasks, "category"),
        "curves": renovation.close_curves(tasks, "category"),
        "overall": renovation.close_curves(tasks, None),
        "logrank": renovation.close_logrank(tasks, "category"),
        "slip": renovation.slippage(tasks, None),
        "overdue": renovation.overdue_matrix(tasks, compounds),
        "case": case,
        "six": renovation.six_have(case),
        "profile": compounds[compounds["name_zh"] == LABOUR_BUREAU_COMPOUND],
        "published": renovation.governance_vs_published(compounds, published_figures_df),
        "modes": renovation.party_orgs_by_mode(compounds, units),
        "coverage": renovation.coverage_by_unit(compounds, units),
        "lacking": renovation.compounds_lacking(compounds),
        "face": renovation.participation_funnel(consultations_df, zxl, CONSULTATION_FORMATS),
        "bureau": renovation.participation_funnel(consultations_df, bureau, ("小板凳恳谈会",)),
        "surveys": renovation.participation_funnel(consultations_df, zxl, SURVEY_FORMATS),
        "monthly": renovation.consultations_by_month(consultations_df, zxl),
        "scores": renovation.score_table(evaluations_df, compounds),
        "changes": renovation.rank_changes(evaluations_df, compounds),
        "span": renovation.rank_changes(evaluations_df, compounds, span=True),
    }


def _all(fr: dict, lang: str) -> dict:
    f = renovation.findings
    return {
        "reconciliation": f.reconciliation(fr["reconciled"], lang),
        "checklist": f.checklist(fr["burn"], fr["by_unit"], lang),
        "progress": f.progress(fr["progress"], fr["comparison"], lang),
        "requests": f.requests(fr["by_category"], lang),
        "time_to_close": f.time_to_close(
            fr["overall_median"], fr["medians"], fr["curves"], fr["overall"], lang, fr["logrank"]
        ),
        "slippage": f.slippage(fr["slip"], lang),
        "overdue": f.overdue(fr["overdue"], lang),
        "case": f.case(fr["case"], fr["six"], fr["profile"], lang),
        "governance": f.governance(
            fr["published"], fr["modes"], fr["coverage"], fr["lacking"], lang=lang
        ),
        "participation": f.participation(
            fr["face"], fr["bureau"], fr["surveys"], fr["monthly"], lang
        ),
        "evaluation": f.evaluation(fr["scores"], fr["changes"], fr["span"], lang=lang),
        "for_unit": f.for_unit("zhongxinlu", fr["burn"], fr["progress"], lang),
        "for_district": f.for_unit("shangjie", fr["burn"], fr["progress"], lang),
    }


@pytest.fixture(scope="module")
def zh(frames):
    return _all(frames, "zh")


@pytest.fixture(scope="module")
def en(frames):
    return _all(frames, "en")


SECTIONS = (
    "reconciliation checklist progress requests time_to_close slippage overdue case "
    "governance participation evaluation for_unit for_district"
).split()


@pytest.mark.parametrize("section", SECTIONS)
def test_every_printed_number_is_a_value(zh, en, section):
    assert_numbers_are_values(zh[section])
    assert_numbers_are_values(en[section])


@pytest.mark.parametrize("section", SECTIONS)
def test_english_has_no_han_and_both_editions_say_something(zh, en, section):
    assert zh[section].sentences and en[section].sentences
    assert not HAN.search(en[section].text), en[section].text
    assert zh[section].lang == "zh" and en[section].lang == "en"


@pytest.mark.parametrize("section", SECTIONS)
def test_shipped_caveats_say_the_records_are_synthetic(zh, en, section):
    assert "合成数据" in zh[section].text
    assert "synthetic" in en[section].text


def test_checklist_counts_are_recomputed_from_the_tasks(zh, en, renovation_tasks_df):
    as_of = pd.Timestamp(DATA_AS_OF)
    t = renovation_tasks_df
    closed = (t["closed_on"].notna() & (t["closed_on"] <= as_of)).sum()
    overdue = (
        ~(t["closed_on"].notna() & (t["closed_on"] <= as_of)) & (t["planned_on"] < as_of)
    ).sum()
    v = zh["checklist"].values
    assert (v["tasks"], v["closed"], v["overdue"]) == (len(t), closed, overdue)
    assert (v["tasks"], v["closed"]) == (559, 388)
    assert "559 项任务中 388 项已销号（69.4%）" in zh["checklist"].text
    assert "388 of the district's 559 checklist tasks are closed (69.4%)" in en["checklist"].text
    assert v["planned"] == int((t["planned_on"] <= as_of).sum())


def test_kaplan_meier_median_beside_the_closed_only_one(zh, en, renovation_tasks_df):
    v = zh["time_to_close"].values
    t = renovation_tasks_df
    done = t[t["closed_on"].notna() & (t["closed_on"] <= pd.Timestamp(DATA_AS_OF))]
    naive = float((done["closed_on"] - done["opened_on"]).dt.days.median())
    assert v["closed_only"] == naive == 99.5
    assert v["km_median"] == 122.0
    assert "中位数是 122 天" in zh["time_to_close"].text and "99.5 天" in zh["time_to_close"].text
    assert "122 days" in en["time_to_close"].text and "99.5" in en["time_to_close"].text


def test_pilots_and_slippage_recomputed(zh, compounds_df, renovation_tasks_df):
    pilots = compounds_df[
        compounds_df["property_pilot"] & (compounds_df["unit_id"] == "zhongxinlu")
    ]
    mine = renovation_tasks_df[renovation_tasks_df["compound_id"].isin(pilots["compound_id"])]
    v = zh["progress"].values
    assert v["pilots_compounds"] == len(pilots) and v["pilots_tasks"] == len(mine)
    as_of = pd.Timestamp(DATA_AS_OF)
    t = renovation_tasks_df
    closed = t["closed_on"].notna() & (t["closed_on"] <= as_of)
    on_time = (closed & (t["closed_on"] <= t["planned_on"])).sum()
    assert zh["slippage"].values["on_time"] == on_time
    # selection, not effect: no causal wording about pilots
    for word in ("导致", "效果更好", "caused", "because of property management"):
        assert word not in " ".join(zh["progress"].sentences)


def test_case_governance_and_participation_recomputed(zh, compounds_df, consultations_df):
    assert zh["case"].values["tasks"] == 12
    zxl = compounds_df[compounds_df["unit_id"] == "zhongxinlu"]
    assert zh["governance"].values["party_orgs"] == zxl["party_org_id"].nunique()
    face = consultations_df[
        consultations_df["compound_id"].isin(zxl["compound_id"])
        & consultations_df["format"].isin(CONSULTATION_FORMATS)
    ]
    v = zh["participation"].values
    assert (v["face_consultations"], v["face_suggestions"]) == (
        len(face),
        face["suggestions"].sum(),
    )


def test_for_unit_matches_the_progress_table(zh, frames):
    mine = frames["progress"][frames["progress"]["unit_id"] == "zhongxinlu"]
    v = zh["for_unit"].values
    assert (v["compounds"], v["tasks"], v["closed"]) == (
        len(mine),
        mine["tasks"].sum(),
        mine["closed"].sum(),
    )
    assert zh["for_district"].values["tasks"] == 559
