"""The vectorised metrics against small, obviously correct references, and row-order checks.

The metrics follow re-inspection chains and premises histories with whole-column numpy
operations. Here the same quantities are computed the slow, plain way (a loop per visit,
dictionaries keyed by id) on small generated ledgers, with multi-step chains, visits on
the same day, several re-visits of one visit, links to visits that are not there and ids
in and out of key order; and every metric is checked not to depend on the order of the
rows of a scaled ledger. No timing here: ``make bench`` measures speed.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from risk_oracle import premises_features, training_rows
from test_inspections import frame, visit

from analysis.datasets.schema import CHECK_ITEMS
from analysis.inspections import _risk_groups as risk_groups
from analysis.inspections import metrics as ins
from analysis.inspections import risk
from analysis.loans import metrics as loan_metrics

AS_OF = "2020-09-23"
ITEMS = tuple(k[5:] for k in CHECK_ITEMS)  # "licence", ... as visit() takes them
FAILED, PASSED, AGAIN = "限期整改", "合格", "复查"


# --- references: a loop per visit ------------------------------------------------------


def first_links(f: pd.DataFrame) -> dict:
    """Visit id -> its first re-visit (by date, then id): the row that continues a chain."""
    revisits = f[f["previous_inspection_id"].notna()]
    revisits = revisits.sort_values(["inspected_on", "inspection_id"], kind="stable")
    out: dict = {}
    for row in revisits.itertuples(index=False):
        out.setdefault(row.previous_inspection_id, row)
    return out


def chain_ends(f: pd.DataFrame) -> dict:
    """Case id -> (resolved rectified_on, re-visits in its chain)."""
    links, fixed = first_links(f), dict(zip(f["inspection_id"], f["rectified_on"], strict=True))
    out = {}
    for row in f.itertuples(index=False):
        if row.outcome != FAILED or row.visit_kind == AGAIN:
            continue
        end, n, link = row.rectified_on, 0, links.get(row.inspection_id)
        while link is not None:
            n += 1
            if pd.isna(end):
                end = link.inspected_on if link.outcome == PASSED else fixed[link.inspection_id]
            link = links.get(link.inspection_id)
        out[row.inspection_id] = (end, n)
    return out


def rounds(f: pd.DataFrame) -> dict:
    """Re-visit id -> round, following the re-visits in (date, id) order."""
    revisits = f[f["previous_inspection_id"].notna()]
    revisits = revisits.sort_values(["inspected_on", "inspection_id"], kind="stable")
    depth: dict = {}
    for row in revisits.itertuples(index=False):
        depth[row.inspection_id] = depth.get(row.previous_inspection_id, 0) + 1
    return depth


def failures_by_item(f: pd.DataFrame) -> Counter:
    """(premises, item) -> [failures, failures at a re-visit of a visit failing it too]."""
    failed = {
        (row.inspection_id, item)
        for row in f.itertuples(index=False)
        for item in CHECK_ITEMS
        if getattr(row, item) == "不合格"
    }
    follows = dict(zip(f["inspection_id"], f["previous_inspection_id"], strict=True))
    premises = dict(zip(f["inspection_id"], f["premises_id"], strict=True))
    out: Counter = Counter()
    for visit_id, item in failed:
        out[(premises[visit_id], item, "failures")] += 1
        out[(premises[visit_id], item, "not_fixed")] += (follows[visit_id], item) in failed
    return out


def earlier(f: pd.DataFrame) -> list[tuple]:
    """Per checked first-round visit: (id, failures of its premises on earlier days, days
    since its premises' last earlier visit or None), counting every checked visit."""
    checked = f[(f[list(CHECK_ITEMS)] != "不适用").any(axis=1)]
    out = []
    for row in checked.itertuples(index=False):
        if row.visit_kind == AGAIN:
            continue
        before = checked[
            (checked["premises_id"] == row.premises_id)
            & (checked["inspected_on"] < row.inspected_on)
        ]
        days = (row.inspected_on - before["inspected_on"].max()).days if len(before) else None
        out.append((row.inspection_id, int((before["outcome"] == FAILED).sum()), days))
    return out


# --- generated ledgers -------------------------------------------------------------------


@st.composite
def ledgers(draw) -> pd.DataFrame:
    """A few premises' visits over a week; re-visits link to any earlier-drawn visit (so
    sometimes to a later date), to a visit that is not in the ledger, or to none."""
    n = draw(st.integers(min_value=2, max_value=14))
    if draw(st.booleans()):  # ids in key order, all of one width
        ids = [f"I-{i:03d}" for i in range(n)]
    else:
        names = st.text("xyzab", min_size=1, max_size=3)
        ids = draw(st.lists(names, min_size=n, max_size=n, unique=True))
    rows = []
    for i, vid in enumerate(ids):
        day = pd.Timestamp("2020-09-01") + pd.Timedelta(days=draw(st.integers(0, 4)))
        link = draw(st.integers(0, 9))  # 0: to a missing visit; 1-3: none; else an earlier
        prev = ids[draw(st.integers(0, i - 1))] if link > 3 and i else None
        prev = "missing" if link == 0 else prev
        fail = tuple(draw(st.lists(st.sampled_from(ITEMS), max_size=2, unique=True)))
        skipped = ITEMS if draw(st.integers(0, 5)) == 0 else ("scan_temp",)  # nothing checked
        fixed = draw(st.sampled_from([None, 0, 2]))
        fixed_on = None if fixed is None else str((day + pd.Timedelta(days=fixed)).date())
        rows.append(
            visit(
                vid,
                draw(st.sampled_from("PQ")),
                str(day.date()),
                fail,
                na=skipped if not fail and draw(st.booleans()) else (),
                kind=AGAIN if prev and draw(st.integers(0, 3)) else "初查",
                prev=prev,
                rectify_by=str((day + pd.Timedelta(days=3)).date()) if fail else None,
                rectified_on=fixed_on,
            )
        )
    return frame(*rows)


PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(ledgers())
def test_chain_ends_and_lengths_match_walking_each_chain(f):
    expected = chain_ends(f)
    starts = {k: v[0] for k, v in expected.items() if pd.notna(v[0])}
    on = f.set_index("inspection_id")["inspected_on"]
    if any(end < on[k] for k, end in starts.items()):  # closed before it was found
        with pytest.raises(ValueError, match="before their start"):
            ins.rectification_cases(f, AS_OF)
        return
    cases = ins.rectification_cases(f, AS_OF).set_index("inspection_id")
    assert list(cases.index) == list(expected)  # frame order
    for case, (end, n) in expected.items():
        assert cases.loc[case, "reinspections"] == n
        got = cases.loc[case, "rectified_on"]
        assert (pd.isna(got) and pd.isna(end)) or got == end


@PROPERTY
@given(ledgers())
def test_rounds_match_following_the_revisits_in_order(f):
    if f["previous_inspection_id"].eq("missing").any():
        with pytest.raises(ValueError, match="unknown visit.*missing"):
            ins.reinspection_outcomes(f)
        prev = f["previous_inspection_id"]
        f = f.assign(previous_inspection_id=prev.where(prev.ne("missing")))  # unlinked
    depth = rounds(f)
    by_id = f.set_index("inspection_id")
    table: Counter = Counter()
    for visit_id, level in depth.items():
        row = by_id.loc[visit_id]
        table[(level, "reinspections")] += 1
        table[(level, "passed")] += row["outcome"] == PASSED
        table[(level, "after_deadline")] += bool(
            row["inspected_on"] > by_id.loc[row["previous_inspection_id"], "rectify_by"]
        )
    out = ins.reinspection_outcomes(f).set_index("round")
    assert list(out.index) == sorted(set(depth.values()))
    for level in out.index:
        for column in ("reinspections", "passed", "after_deadline"):
            assert out.loc[level, column] == table[(level, column)]


@PROPERTY
@given(ledgers())
def test_not_fixed_matches_the_set_of_failed_items(f):
    expected = failures_by_item(f)
    out = ins.repeat_offenders(f, min_failures=1)
    got = Counter()
    for row in out.itertuples(index=False):
        got[(row.premises_id, str(row.item), "failures")] += row.failures
        got[(row.premises_id, str(row.item), "not_fixed")] += row.not_fixed
    assert +got == +expected  # "+" drops the zero counts


@PROPERTY
@given(ledgers())
def test_training_rows_see_only_earlier_days(f):
    rows = training_rows(f)
    expected = earlier(f)
    assert list(rows["inspection_id"]) == [e[0] for e in expected]
    for (_, prior, days), level, since in zip(
        expected, rows["prior_failures"].astype(str), rows["since_last"].astype(str), strict=True
    ):
        assert level == ("2+" if prior >= 2 else str(prior))
        cut = "未检查过" if days is None else "≤30天" if days <= 30 else "31–90天"
        assert since == cut


def test_hand_built_chains_same_day_visits_and_missing_links():
    f = frame(
        # A: fails, re-visit fails, a second re-visit the same day as the first (later id)
        # is not the chain's; the chain's next visit passes on 09-09.
        visit("a", "A", "2020-09-01", ("rules",), rectify_by="2020-09-05"),
        visit("a1", "A", "2020-09-04", ("rules",), kind=AGAIN, prev="a", rectify_by="2020-09-08"),
        visit("a2", "A", "2020-09-04", ("rules",), kind=AGAIN, prev="a", rectify_by="2020-09-08"),
        visit("a3", "A", "2020-09-09", kind=AGAIN, prev="a1"),
        # B: its re-visit names a visit that is not in the ledger: no chain, case open.
        visit("b", "B", "2020-09-02", ("hygiene",), rectify_by="2020-09-06"),
        visit("b1", "B", "2020-09-03", ("hygiene",), kind=AGAIN, prev="zz"),
        # C: a re-visit dated before the visit it follows (a ledger slip) is round 1.
        visit("c", "C", "2020-09-05", ("licence",), rectify_by="2020-09-09"),
        visit("c1", "C", "2020-09-03", ("licence",), kind=AGAIN, prev="c", rectified_on="2020-09-06"),  # noqa: E501
    )  # fmt: skip
    cases = ins.rectification_cases(f, AS_OF).set_index("inspection_id")
    assert cases["reinspections"].to_dict() == {"a": 2, "b": 0, "c": 1}
    assert cases.loc["a", "rectified_on"] == pd.Timestamp("2020-09-09")  # a1, then a3 passes
    assert pd.isna(cases.loc["b", "rectified_on"])
    assert cases.loc["c", "rectified_on"] == pd.Timestamp("2020-09-06")  # c1's confirmed fix
    repeats = ins.repeat_offenders(f).set_index(["premises_id", "item"])
    columns = ["failures", "not_fixed", "relapses"]
    assert repeats.loc[("A", "item_rules"), columns].tolist() == [3, 2, 0]
    assert repeats.loc[("B", "item_hygiene"), "not_fixed"] == 0  # follows a missing visit
    known = f[f["inspection_id"] != "b1"]
    out = ins.reinspection_outcomes(known).set_index("round")
    assert out["reinspections"].to_dict() == {1: 3, 2: 1}  # a1, a2, c1; then a3


def test_links_that_loop_back_to_a_case_raise_instead_of_hanging():
    f = frame(
        visit("a", "A", "2020-09-01", ("rules",), prev="b", rectify_by="2020-09-05"),
        visit("b", "A", "2020-09-01", ("rules",), kind=AGAIN, prev="a"),
    )
    with pytest.raises(ValueError, match="cycle"):
        ins.rectification_cases(f, AS_OF)


def test_a_changed_premises_column_is_numbered_afresh(inspections_df):
    f = inspections_df.copy()
    risk.rank_premises(f)  # numbers (and remembers) this column's premises
    f.loc[f.index[:40], "premises_id"] = "P-new"
    ranking, _ = risk.rank_premises(f)
    fresh, _ = risk.rank_premises(f.astype({"premises_id": object}))  # never remembered
    pd.testing.assert_frame_equal(ranking, fresh, check_dtype=False)
    assert "P-new" in set(ranking["premises_id"])
    assert len(risk_groups._MEMO) <= risk_groups._MEMO_SIZE


# --- row order -------------------------------------------------------------------------------


def _scale():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "scale.py"
    spec = importlib.util.spec_from_file_location("bench_scale", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scaled(inspections_df, loans_df) -> dict[str, pd.DataFrame]:
    scale = _scale()
    return {
        "inspections": scale.scale("inspections", inspections_df, 20_000),
        "loans": scale.scale("loans", loans_df, 20_000),
    }


def by_id(out: pd.DataFrame) -> pd.DataFrame:
    """Rows in id order: for outputs that keep the input's row order."""
    return out.sort_values("inspection_id").reset_index(drop=True)


INSPECTION_METRICS = {
    "checked_visits": lambda f: ins.checked_visits(f).sort_values("inspection_id"),
    "pass_rates": lambda f: ins.pass_rates(ins.checked_visits(f)),
    "outcome_by_month": lambda f: ins.outcome_summary(f, "agency", period="M"),
    "outcome_by_unit_agency": lambda f: ins.outcome_summary(f, ["unit_id", "agency"]),
    "cases": lambda f: by_id(ins.rectification_cases(f, AS_OF)),
    "rectification_summary": lambda f: ins.rectification_summary(ins.rectification_cases(f)),
    "overdue_cases": lambda f: ins.overdue_cases(ins.rectification_cases(f)),
    "reinspection_outcomes": ins.reinspection_outcomes,
    "repeat_offenders": ins.repeat_offenders,
    "validate": lambda f: risk.validate(f, "2020-07-01", until=AS_OF),
    "rank_premises": lambda f: risk.rank_premises(f, as_of=AS_OF),
    "training_rows": lambda f: by_id(training_rows(f)),
    "premises_features": lambda f: premises_features(f, AS_OF),
}


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    elif not isinstance(a, tuple | list):  # e.g. Validation.problem: None or a reason
        assert a == b
    else:
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)


@pytest.mark.parametrize("metric", sorted(INSPECTION_METRICS))
def test_inspection_metrics_do_not_depend_on_row_order(scaled, metric):
    f = scaled["inspections"]
    shuffled = f.sample(frac=1, random_state=7)
    _same(INSPECTION_METRICS[metric](f), INSPECTION_METRICS[metric](shuffled))


@pytest.mark.parametrize(
    "metric",
    ["summary", "cap_usage", "group_shares", "by_unit", "by_community", "concentration"]
    + ["monthly_timeline", "jobs_by_group", "status_by_group"],
)
def test_loan_metrics_do_not_depend_on_row_order(scaled, metric, communities_df, units_df):
    m = loan_metrics
    calls = {
        "summary": m.summary,
        "cap_usage": m.cap_usage,
        "group_shares": lambda f: [m.group_shares(f, by) for by in ("sector", "status")],
        "by_unit": lambda f: m.by_unit(f, units_df, communities_df),
        "by_community": lambda f: m.by_community(f, communities_df),
        "concentration": lambda f: m.concentration(f, communities_df),
        "monthly_timeline": m.monthly_timeline,
        "jobs_by_group": lambda f: m.jobs_by_group(f, "borrower_category"),
        "status_by_group": lambda f: m.status_by_group(f, "gender"),
    }
    f = scaled["loans"]
    _same(calls[metric](f), calls[metric](f.sample(frac=1, random_state=7)))


def test_a_shuffled_ledger_takes_the_hash_look_up_and_agrees(scaled):
    # Ids in key order are binary-searched; shuffled, they are hashed: the same answers.
    f = scaled["inspections"]
    assert f["inspection_id"].is_monotonic_increasing
    shuffled = f.sample(frac=1, random_state=3)
    _same(ins.reinspection_outcomes(f), ins.reinspection_outcomes(shuffled))
    _same(by_id(ins.rectification_cases(f)), by_id(ins.rectification_cases(shuffled)))
    _same(ins.repeat_offenders(f), ins.repeat_offenders(shuffled))
