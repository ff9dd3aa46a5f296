"""Tests of the seeded synthetic generator (analysis.synth).

Determinism (same seed, same frames and bytes; shipped files are the generator's
output), round trips through the loaders, reconciliation with the published figures
(also for another seed and for changed figures), and plausibility of the records.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
import analysis.synth as synth
from analysis.config import SYNTHETIC_DIR
from analysis.datasets.integrity import check_references
from analysis.datasets.metadata import read_datapackage
from analysis.datasets.schema import CHECK_ITEMS, DATA_AS_OF, DATASETS
from analysis.rules import policy
from analysis.rules.entities import HOUSING_BUREAU, LABOUR_BUREAU_COMPOUND
from analysis.rules.reconciliation import COMPUTATIONS, MATCH_BY_CONSTRUCTION, reconcile
from analysis.synth.calibration import allocate, load_targets
from analysis.synth.frames import LOCKDOWN, PROGRAM_START, typed_frame
from analysis.synth.loans import generate_loans
from analysis.synth.renovation import LDJ_DONE

AS_OF = pd.Timestamp(DATA_AS_OF)
ZXL = "zhongxinlu"
#: Columns holding things that happened; plans and deadlines may lie after the as-of date.
EVENT_DATES = {
    "renovation_tasks": ("opened_on", "closed_on"),
    "consultations": ("held_on",),
    "evaluations": ("held_on",),
    "loans": ("issued_on",),
    "inspections": ("inspected_on", "rectified_on"),
}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return synth.generate()


def _statuses(result: pd.DataFrame) -> dict[str, str]:
    return dict(zip(result["figure_id"], result["status"].astype(str), strict=True))


# --- determinism -------------------------------------------------------------------------


def test_public_constants() -> None:
    assert synth.SEED == 20200923
    assert re.fullmatch(r"\d+\.\d+\.\d+", synth.GENERATOR_VERSION)
    shipped = {r["name"]: r for r in read_datapackage()["resources"]}
    assert shipped["loans"]["generator"]["version"] == synth.GENERATOR_VERSION
    assert set(synth.DATASET_NAMES) == {n for n, d in DATASETS.items() if d.synthetic}


def test_generate_is_deterministic(frames: dict[str, pd.DataFrame]) -> None:
    again = synth.generate()
    assert list(again) == list(synth.DATASET_NAMES)
    for name in synth.DATASET_NAMES:
        pd.testing.assert_frame_equal(again[name], frames[name])


def test_write_all_gives_identical_bytes(frames, tmp_path) -> None:
    a = synth.write_all(frames, tmp_path / "a")
    b = synth.write_all(frames, tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b] == [f"{n}.csv" for n in synth.DATASET_NAMES]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes()


def test_shipped_files_are_the_generator_output(frames) -> None:
    for name in synth.DATASET_NAMES:
        shipped = (SYNTHETIC_DIR / f"{name}.csv").read_bytes()
        assert shipped == synth.to_csv_text(frames[name], name).encode("utf-8"), (
            f"data/synthetic/{name}.csv is stale: regenerate with write_all(generate(), ...)"
        )


def test_streams_are_independent_per_dataset(frames) -> None:
    # the loans stream alone reproduces the loans: no other dataset's draws shift it
    rng = synth.streams(synth.SEED)["loans"]
    alone = generate_loans(rng, frames["communities"], load_targets())
    pd.testing.assert_frame_equal(alone, frames["loans"])


# --- files ------------------------------------------------------------------------------


def test_round_trip_through_loaders(frames, tmp_path) -> None:
    for path in synth.write_all(frames, tmp_path):
        name = path.stem
        loaded = analysis.load(name, path)
        pd.testing.assert_frame_equal(loaded, frames[name])


def test_canonical_csv_format(frames) -> None:
    for name in synth.DATASET_NAMES:
        raw = synth.to_csv_text(frames[name], name).encode("utf-8")
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
        header = raw.decode().split("\n", 1)[0].split(",")
        assert header == [f.name for f in DATASETS[name].fields]
    text = synth.to_csv_text(frames["evaluations"], "evaluations")
    assert all(re.fullmatch(r"\d+\.\d", line.split(",")[3]) for line in text.splitlines()[1:])
    text = synth.to_csv_text(frames["compounds"], "compounds")
    assert ".0," not in text and ",true," in text and ",false," in text


def test_writer_rejects_non_synthetic_and_bad_frames(frames, tmp_path) -> None:
    with pytest.raises(ValueError, match="only synthetic"):
        synth.write_all({"units": analysis.load_units()}, tmp_path)
    with pytest.raises(ValueError, match="columns"):
        synth.to_csv_text(frames["loans"].drop(columns="status"), "loans")
    with pytest.raises(ValueError, match="duplicate"):
        synth.to_csv_text(pd.concat([frames["loans"], frames["loans"].head(1)]), "loans")


# --- calibration ------------------------------------------------------------------------


def test_every_computable_figure_matches(frames) -> None:
    status = _statuses(reconcile(frames))
    assert "mismatch" not in status.values()
    # Synthetic records match because the generator was calibrated to the page.
    assert {f: status[f] for f in COMPUTATIONS} == dict.fromkeys(
        COMPUTATIONS, MATCH_BY_CONSTRUCTION
    )


def test_other_seed_differs_but_still_reconciles(frames) -> None:
    other = synth.generate(synth.SEED + 1)
    assert not other["loans"]["amount_yuan"].equals(frames["loans"]["amount_yuan"])
    assert not other["inspections"].equals(frames["inspections"])
    status = _statuses(reconcile(other))
    # Synthetic records match because the generator was calibrated to the page.
    assert {f: status[f] for f in COMPUTATIONS} == dict.fromkeys(
        COMPUTATIONS, MATCH_BY_CONSTRUCTION
    )


def test_targets_come_from_the_published_table(monkeypatch) -> None:
    figures = analysis.load_published_figures().set_index("figure_id")
    changed = {
        "loans-count": 90,
        "loans-amount": 14_500_000,
        "zxl-compounds": 36,
        "hb-suggestions": 20,
        "cdi-suggestions": 6,
        "ldj-tasks": 11,
    }
    for fid, value in changed.items():
        figures.loc[fid, "value"] = value
    figures = figures.reset_index()
    monkeypatch.setattr("analysis.datasets.loaders.load_published_figures", lambda: figures)
    out = synth.generate()
    assert len(out["loans"]) == 90 and out["loans"]["amount_yuan"].sum() == 14_500_000
    assert (out["compounds"]["unit_id"] == ZXL).sum() == 36
    status = _statuses(reconcile(out, figures))
    # Synthetic records match because the generator was calibrated to the page.
    assert {f: status[f] for f in COMPUTATIONS} == dict.fromkeys(
        COMPUTATIONS, MATCH_BY_CONSTRUCTION
    )


def test_impossible_figures_raise(monkeypatch) -> None:
    figures = analysis.load_published_figures()
    figures.loc[figures["figure_id"] == "zxl-owners-committees", "value"] = 40.0
    monkeypatch.setattr("analysis.datasets.loaders.load_published_figures", lambda: figures)
    with pytest.raises(ValueError):
        synth.generate()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0.0, 10.0), min_size=1, max_size=12),
    st.integers(0, 200),
    st.integers(0, 3),
)
def test_allocate_meets_total_within_caps(weights, total, minimum) -> None:
    caps = [minimum + 20] * len(weights)
    if not minimum * len(weights) <= total <= sum(caps):
        with pytest.raises(ValueError):
            allocate(total, weights, caps, minimum)
        return
    out = allocate(total, weights, caps, minimum)
    assert out.sum() == total and (out >= minimum).all() and (out <= np.array(caps)).all()


def test_typed_frame_rejects_unknown_category() -> None:
    row = {"community_id": "x-c01", "unit_id": "atlantis", "name_zh": "虚构", "name_en": "x"}
    with pytest.raises(ValueError, match="not in domain"):
        typed_frame("communities", [row])


# --- plausibility -----------------------------------------------------------------------


def test_event_dates_on_or_before_as_of(frames) -> None:
    for name, columns in EVENT_DATES.items():
        for col in columns:
            assert (frames[name][col].dropna() <= AS_OF).all(), f"{name}.{col}"


def test_names_are_fictional_except_the_named_compound(frames) -> None:
    assert frames["communities"]["name_zh"].str.contains("虚构").all()
    assert frames["communities"]["name_en"].str.contains("fictional").all()
    cp = frames["compounds"]
    named = cp[cp["named_in_source"]]
    assert named["name_zh"].tolist() == [LABOUR_BUREAU_COMPOUND]
    assert cp.loc[~cp["named_in_source"], "name_zh"].str.contains("虚构楼院").all()
    real = {"区人社局", "区检察院", HOUSING_BUREAU}
    assert (cp["partner_unit"].isin(real) | cp["partner_unit"].str.startswith("虚构")).all()
    assert frames["inspections"]["premises_id"].str.fullmatch(r"P-[a-z]+-\d{4}").all()


def test_foreign_keys_resolve(frames) -> None:
    check_references(frames)  # raises DataValidationError listing dangling references


def test_communities_belong_to_the_unit(frames) -> None:
    unit_of = frames["communities"].set_index("community_id")["unit_id"].astype(str)
    for name in ("compounds", "loans"):
        f = frames[name]
        assert (f["community_id"].map(unit_of) == f["unit_id"].astype(str)).all(), name
    assert len(frames["communities"]) == 36


def test_compounds_governance(frames) -> None:
    cp = frames["compounds"]
    zxl, other = cp[cp["unit_id"] == ZXL], cp[cp["unit_id"] != ZXL]
    assert zxl["party_org_id"].notna().all() and zxl["resident_body"].notna().all()
    sizes = zxl.groupby("party_org_id")["compound_id"].transform("size")
    assert ((sizes > 1) == (zxl["party_org_mode"] == "联合建")).all()
    assert (zxl["resident_body"].value_counts().loc[["楼院理事会", "居民议事会"]].sum()) == 2
    assert not other["property_pilot"].any()
    assert other["party_org_id"].isna().any() and other["resident_body"].isna().any()
    hb = cp[cp["partner_unit"] == HOUSING_BUREAU]
    assert len(hb) == 5 and (hb["unit_id"] != ZXL).all() and hb["party_org_id"].notna().all()
    assert cp["households"].between(20, 200).all()
    ldj = cp[cp["named_in_source"]].iloc[0]
    assert (ldj["unit_id"], ldj["built_year"], ldj["partner_unit"]) == (ZXL, 1995, "区人社局")


def test_renovation_tasks(frames) -> None:
    t, cp = frames["renovation_tasks"], frames["compounds"]
    per = t.groupby("compound_id").size()
    assert set(per.index) == set(cp["compound_id"]) and per.between(4, 12).all()
    venues = t[t["category"] == "议事场所"].groupby("compound_id").size()
    assert (venues == 1).all() and len(venues) == len(cp)
    ldj = cp.loc[cp["named_in_source"], "compound_id"].iloc[0]
    cats = set(t.loc[t["compound_id"] == ldj, "category"])
    assert {"地下管网", "路面硬化", "线缆整治", "配套设施", "议事场所"} <= cats
    assert (t["opened_on"] >= pd.Timestamp(PROGRAM_START)).all()
    assert ((t["planned_on"] - t["opened_on"]).dt.days.between(30, 150)).all()
    closed = t["closed_on"].notna()
    assert 0.6 <= closed.mean() <= 0.8
    assert (t.loc[closed, "closed_on"] > t.loc[closed, "planned_on"]).any()  # slippage
    overdue = ~closed & (t["planned_on"] < AS_OF)
    assert 0 < overdue.sum() < (~closed).sum()
    assert (t["raised_by"] == "居民点单").mean() > 0.5


def test_renovation_closures_run_to_the_as_of_date(frames) -> None:
    t, cp = frames["renovation_tasks"], frames["compounds"]
    closed = t[t["closed_on"].notna()]
    months = set(closed["closed_on"].dt.to_period("M").astype(str))
    assert {f"2020-{m:02d}" for m in range(4, 10)} <= months  # no cut-off before the as-of date
    assert (closed["closed_on"] >= closed["opened_on"]).all()
    assert not closed["closed_on"].between(*map(pd.Timestamp, LOCKDOWN)).any()
    ldj = t[t["compound_id"] == cp.loc[cp["named_in_source"], "compound_id"].iloc[0]]
    assert len(ldj) == 12
    assert ldj.loc[ldj["category"].isin(LDJ_DONE), "closed_on"].notna().all()
    still_open = ldj[ldj["closed_on"].isna()]
    assert ((AS_OF - still_open["planned_on"]).dt.days <= 30).all()  # no long-forgotten task


def test_consultations(frames) -> None:
    c, cp = frames["consultations"], frames["compounds"]
    survey = c["format"].isin(["线上问卷", "线下问卷"])
    assert c.loc[survey, "households"].notna().all() and c.loc[~survey, "households"].isna().all()
    reached = c[survey].groupby("compound_id")["households"].sum()
    size = cp.set_index("compound_id")["households"]
    assert (reached <= size.loc[reached.index]).all()
    assert set(c.loc[survey, "compound_id"]) <= set(cp.loc[cp["unit_id"] == ZXL, "compound_id"])
    assert ((c["adopted"] <= c["suggestions"]) & (c["resolved"] <= c["adopted"])).all()
    assert set(cp["compound_id"]) <= set(c["compound_id"])


def test_evaluations(frames) -> None:
    e, cp = frames["evaluations"], frames["compounds"]
    zxl = set(cp.loc[cp["unit_id"] == ZXL, "compound_id"])
    assert set(e["compound_id"]) == zxl
    assert e["raters"].between(1, len(zxl) - 1).all()
    assert e.groupby("round_no")["held_on"].nunique().eq(1).all()
    means = e.groupby("round_no")["score"].mean()
    assert means.iloc[-1] > means.iloc[0]
    wide = e.pivot(index="compound_id", columns="round_no", values="score")
    assert (wide.diff(axis=1) < 0).to_numpy().any()  # some compounds fall back


def test_loans_respect_policy(frames) -> None:
    loans = frames["loans"]
    assert (loans["amount_yuan"] % 10_000 == 0).all()
    biz = loans["borrower_category"] == policy.SMALL_BUSINESS_CATEGORY
    caps = loans["issued_on"].map(lambda d: policy.individual_loan_cap(d.date()))
    assert (loans.loc[~biz, "amount_yuan"] <= caps[~biz]).all()
    assert (loans.loc[biz, "amount_yuan"] > policy.INDIVIDUAL_LOAN_CAP_YUAN).all()
    assert (loans.loc[biz, "amount_yuan"] <= policy.SMALL_BUSINESS_LOAN_CAP_YUAN).all()
    assert (loans.loc[biz, "term_months"] <= policy.SMALL_BUSINESS_MAX_TERM_MONTHS).all()
    assert (loans["term_months"] <= policy.INDIVIDUAL_MAX_TERM_MONTHS).all()
    assert ((loans["gender"] == "不适用") == biz).all() and 3 <= biz.sum() <= 6
    assert loans.loc[~biz, "jobs_created"].between(1, 6).all()
    assert loans.loc[biz, "jobs_created"].between(5, 40).all()
    assert loans["issued_on"].min() >= pd.Timestamp(2019, 1, 2)
    assert 0.02 <= (loans["status"] == "逾期").mean() <= 0.05
    settled = loans[loans["status"] == "已结清"]
    ends = [
        d + pd.DateOffset(months=int(m))
        for d, m in zip(settled["issued_on"], settled["term_months"], strict=True)
    ]
    assert all(e <= AS_OF for e in ends)
    assert loans["loan_id"].str.fullmatch(r"L-20(19|20)-\d{4}").all()
    assert (loans["loan_id"].str[2:6].astype(int) == loans["issued_on"].dt.year).all()


def test_inspections(frames) -> None:
    i = frames["inspections"]
    assert 1000 <= len(i) <= 2000
    joint = i["agency"] == "联合检查"
    assert ((i["campaign"] == "六小督导检查") == joint).all()
    assert (i.loc[joint, "inspected_on"] == AS_OF).all()
    cdi = i["campaign"] == "制止餐饮浪费专项监督"
    assert (i.loc[cdi, "agency"] == "区纪委监委").all()
    assert (i.loc[cdi, "premises_type"] == "机关食堂").all()
    assert (i.loc[cdi, list(CHECK_ITEMS)] == "不适用").all().all()
    routine = i[i["campaign"] == "日常监督"]
    assert set(routine["agency"]) <= {"区卫健委", "区市场监管局", "区爱卫中心"}
    assert routine["inspected_on"].min() >= pd.Timestamp(2020, 3, 1)
    failed = (i[list(CHECK_ITEMS)] == "不合格").any(axis=1)
    assert ((i["outcome"] == "限期整改") == failed).all()
    assert (i["rectify_by"].notna() == failed).all()
    lag = (i.loc[failed, "rectify_by"] - i.loc[failed, "inspected_on"]).dt.days
    assert lag.between(7, 30).all()
    f = i[failed & (i["campaign"] == "日常监督")]
    assert f["rectified_on"].notna().mean() > 0.6 and f["rectified_on"].isna().any()
    assert (f["rectified_on"] > f["rectify_by"]).any()  # some late
    assert i.loc[~cdi, "suggestions"].between(0, 3).all()


def test_reinspections_follow_failed_visits(frames) -> None:
    i = frames["inspections"]
    by_id = i.set_index("inspection_id")
    re_ = i[i["visit_kind"] == "复查"]
    assert len(re_) and ((i["visit_kind"] == "复查") == i["previous_inspection_id"].notna()).all()
    prev = by_id.loc[re_["previous_inspection_id"]]
    assert (prev["outcome"].to_numpy() == "限期整改").all()
    assert (prev["premises_id"].to_numpy() == re_["premises_id"].to_numpy()).all()
    assert (prev["inspected_on"].to_numpy() < re_["inspected_on"].to_numpy()).all()
    again = (
        (prev[list(CHECK_ITEMS)].to_numpy() == "不合格")
        & (re_[list(CHECK_ITEMS)].to_numpy() == "不合格")
    ).any(axis=1)
    assert 0 < again.sum() < len(re_)  # some repeat offenders fail the same item


def test_policy_cap_switches_on_the_2020_notice() -> None:
    assert policy.individual_loan_cap(date(2020, 4, 14)) == 150_000
    assert policy.individual_loan_cap(policy.LOAN_POLICY_2020_ISSUED) == 200_000
