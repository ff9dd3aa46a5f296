"""Inspection findings: hand-built frames, the shipped data, edge cases, imported origin."""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest

from analysis import inspections as ins
from analysis.datasets.schema import DATA_AS_OF
from analysis.inspections import findings as fi
from tests.test_inspections import frame, visit

matplotlib.use("Agg")
HAN = re.compile(r"[\u4e00-\u9fff]")
DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
CUTOFF = "2020-07-01"


def flat(value: object) -> list[object]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in flat(v)]
    if isinstance(value, list | tuple):
        return [x for v in value for x in flat(v)]
    return [value]


def formats(value: object) -> set[str]:
    """Every way a findings text may print ``value``."""
    if isinstance(value, str):
        return set(NUMBER.findall(value))
    number = float(value)  # type: ignore[arg-type]
    number = abs(number)  # a negative bound is printed with a minus sign (−), not a hyphen
    out = {f"{number:,.0f}", f"{number:,.1f}", f"{number:,.2f}", f"{number:,.3f}"}
    return out | {f"{number / 100:.0%}"[:-1]}


def assert_numbers_in_values(f: fi.Findings) -> None:
    """Every number in the sentences (dates and the thresholds aside) is among ``values``."""
    # section numbers, thresholds, the 95 % of every interval
    allowed = {"1", "2", "3", "4", "5", "6", "10", "20", "0", "95"}
    known = set().union(*[formats(v) for v in flat(f.values)]) if f.values else set()
    text = DATE.sub("", " ".join(f.sentences))
    for token in NUMBER.findall(text):
        assert token in known | allowed, f"{token!r} not among the values of {f.text!r}"


@pytest.fixture(scope="module")
def shipped(inspections_df: pd.DataFrame) -> dict[str, fi.Findings]:
    import analysis

    v = inspections_df
    checked = ins.checked_visits(v)
    rates = ins.pass_rates(checked)
    monthly = ins.outcome_summary(checked, "agency", period="M")
    joint = ins.outcome_summary(v[v["agency"] == "联合检查"], ["inspected_on", "premises_type"])
    cases = ins.rectification_cases(v, DATA_AS_OF)
    summary = ins.rectification_summary(cases)
    result = ins.risk.validate(v, CUTOFF, until=DATA_AS_OF, strict=False)
    cuts = ins.capture_by_cutoff(v, ["2020-06-01", CUTOFF, "2020-08-01"])
    ranking, rules = ins.risk.rank_premises(v, as_of=DATA_AS_OF, strict=False)
    table = analysis.reconcile()
    page = table[table["figure_id"].str.startswith("cdi-")]
    canteens = v[v["campaign"] == "制止餐饮浪费专项监督"]
    out = {}
    for lang in ("zh", "en"):
        out[f"records-{lang}"] = fi.records(v, checked, lang)
        out[f"items-{lang}"] = fi.items(rates, lang)
        out[f"agencies-{lang}"] = fi.agencies(monthly, joint, lang)
        out[f"units-{lang}"] = fi.units(ins.outcome_summary(checked, "unit_id"), lang)
        out[f"rect-{lang}"] = fi.rectification(cases, summary, DATA_AS_OF, lang)
        out[f"repeats-{lang}"] = fi.repeats(
            ins.reinspection_outcomes(v), ins.repeat_offenders(v), lang
        )
        out[f"validation-{lang}"] = fi.validation(result, cuts, CUTOFF, DATA_AS_OF, lang)
        out[f"ranking-{lang}"] = fi.ranking(ranking, rules, cases, lang)
        out[f"canteens-{lang}"] = fi.canteens(canteens, page, lang)
    return out


def test_shipped_numbers_are_values_and_english_has_no_han(shipped: dict) -> None:
    for name, f in shipped.items():
        assert_numbers_in_values(f)
        if name.endswith("-en"):
            assert not HAN.search(f.text), name
        assert "合成数据" in f.text or "synthetic" in f.text, name


def test_shipped_pass_rates(shipped: dict, inspections_df: pd.DataFrame) -> None:
    f = shipped["items-zh"]
    rates = ins.pass_rates(ins.checked_visits(inspections_df))
    # The lowest pass rate among cells with at least 10 checks, recomputed from the records.
    cell = rates[rates["checked"] >= 10].sort_values(["pass_rate_pct", "checked"]).iloc[0]
    assert (cell["premises_type"], cell["item"]) == ("小餐饮店", "item_hygiene")
    assert f.values["lowest_cell_pass_pct"] == pytest.approx(cell["pass_rate_pct"])
    assert f.values["lowest_cell_checked"] == cell["checked"]
    expected = f"小餐饮店的场所卫生 {cell['pass_rate_pct']:.1f}%（95% 区间"
    assert expected in f.text and f"n={cell['checked']}）" in f.text
    assert "生成器的设定" in f.text  # a synthetic-only sentence


def test_shipped_rectification_and_capture(shipped: dict, inspections_df: pd.DataFrame) -> None:
    from analysis.datasets.schema import DATA_AS_OF

    rect = shipped["rect-en"]
    cases = ins.rectification_cases(inspections_df, DATA_AS_OF)
    assert rect.values["cases"] == len(cases)
    assert f"{rect.values['median_days']:g} days" in rect.text
    val = shipped["validation-en"]
    assert val.values["random20_pct"] == 20
    # capture to whole percent and the lift to one decimal: what 109 failing premises support
    assert f"{val.values['found20_pct']:.0f}%" in val.text and "20% expected at random" in val.text
    assert f"{val.values['lift']:.1f}×" in val.text
    # the lowest level of time since the last visit is stated, not called "no signal"
    low = min(
        r.multiplier
        for r in ins.risk.validate(inspections_df, "2020-07-01").rules.itertuples()
        if r.factor == "since_last"
    )
    assert f"{low:.1f}×" in val.text and "no signal" not in val.text


def test_shipped_canteens_reconcile(shipped: dict) -> None:
    f = shipped["canteens-en"]
    assert f.values["canteens"] == 12 and f.values["suggestions"] == 5
    assert "10-odd" in f.text and "by construction" in f.text


# --- hand-built frames -------------------------------------------------------------


def small() -> pd.DataFrame:
    return frame(
        visit("A", "p1", "2020-05-01", fail=("hygiene",), rectify_by="2020-05-10"),
        visit("B", "p1", "2020-05-12", kind="复查", prev="A", rectified_on="2020-05-12"),
        visit("C", "p2", "2020-05-02", ptype="小食品店", na=("scan_temp",)),
        visit("D", "p3", "2020-08-03", fail=("rules",), rectify_by="2020-08-13"),
        visit("E", "p2", "2020-08-04", ptype="小食品店", na=("scan_temp",)),
    )


def test_items_hand_built() -> None:
    rates = ins.pass_rates(ins.checked_visits(small()))
    f = fi.items(rates, "en")
    # hygiene: 3 of 4 first visits passed; rules 3 of 4 as well: a tie
    assert f.values["worst_item_pass_pct"] == 75
    assert "tied with rules posted and kept" in f.text and "too few to compare" in f.text
    assert "code scan and temperature in small food shop" in f.text  # all n/a
    assert_numbers_in_values(f)


def test_rectification_and_repeats_hand_built() -> None:
    v = small()
    cases = ins.rectification_cases(v, DATA_AS_OF)
    f = fi.rectification(cases, ins.rectification_summary(cases), DATA_AS_OF, "en")
    # A: 11 days, rectified after its deadline (2 days late); D: open and overdue since 08-13
    assert f.values["cases"] == 2 and f.values["rectified"] == 1 and f.values["overdue"] == 1
    assert f.values["overdue_longest"] == 41 and f.values["late_near"] == 1
    assert "Fewer than half" not in f.text and "too few" in f.text
    r = fi.repeats(ins.reinspection_outcomes(v), ins.repeat_offenders(v), "en")
    assert r.values["round1"] == 1 and r.values["round1_pct"] == 100
    assert "No premises failed the same item more than once" in r.text


def test_units_agencies_one_unit_only() -> None:
    v = small()
    checked = ins.checked_visits(v)
    f = fi.units(ins.outcome_summary(checked, "unit_id"), "en")
    assert "Only one unit" in f.text or "fewer than 10 visits" in f.text
    joint = ins.outcome_summary(v[v["agency"] == "联合检查"], ["inspected_on", "premises_type"])
    a = fi.agencies(ins.outcome_summary(checked, "agency", period="M"), joint, "en")
    assert "No joint inspection is recorded" in a.text
    assert_numbers_in_values(a)


EMPTY_CASES = {
    "empty": lambda v: v.iloc[:0],
    "one": lambda v: v.iloc[[2]],
    # re-inspections go with the failures they follow (an orphaned link is a data error)
    "no failure": lambda v: v[(v["outcome"] == "合格") & (v["visit_kind"] != "复查")],
    "all n/a": lambda v: v.assign(
        **{c: "不适用" for c in ("item_licence", "item_rules", "item_hygiene")},
        item_health_cert="不适用",
        item_scan_temp="不适用",
    ),
}


@pytest.mark.parametrize("case", list(EMPTY_CASES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_edge_cases_never_raise(case: str, lang: str) -> None:
    v = EMPTY_CASES[case](small().assign(campaign="日常监督", suggestions=0))
    checked = ins.checked_visits(v)
    rates = ins.pass_rates(checked)
    cases = ins.rectification_cases(v, DATA_AS_OF)
    summary = ins.rectification_summary(cases)
    result = ins.risk.validate(v, CUTOFF, strict=False)
    ranking, rules = ins.risk.rank_premises(v, strict=False)
    joint = ins.outcome_summary(v[v["agency"] == "联合检查"], ["inspected_on", "premises_type"])
    texts = [
        fi.records(v, checked, lang),
        fi.items(rates, lang),
        fi.agencies(ins.outcome_summary(checked, "agency", period="M"), joint, lang),
        fi.units(ins.outcome_summary(checked, "unit_id"), lang),
        fi.rectification(cases, summary, DATA_AS_OF, lang),
        fi.repeats(ins.reinspection_outcomes(v), ins.repeat_offenders(v), lang),
        fi.validation(result, ins.capture_by_cutoff(v, ["2020-06-01"]), CUTOFF, lang=lang),
        fi.ranking(ranking, rules, cases, lang),
        fi.canteens(v[v["campaign"] == "制止餐饮浪费专项监督"], pd.DataFrame(), lang),
    ]
    for f in texts:
        assert f.sentences
        if lang == "en":
            assert not HAN.search(f.text)
    assert result.problem is not None
    if lang == "en":
        assert "cannot be judged" in texts[6].text
    for draw in (  # each draws, or says inside the axes that there is nothing to draw
        lambda: ins.plot_pass_rate_heatmap(rates, lang=lang),
        lambda: ins.plot_rectification_curves(cases, lang=lang),
        lambda: ins.plot_risk_multipliers(rules, lang=lang),
        lambda: ins.plot_fail_rate_by_unit(ins.outcome_summary(checked, "unit_id"), lang=lang),
    ):
        draw()
    empty = ins.plot_capture_curve(result.curve, CUTOFF, lang="en")
    assert any("no data" in t.get_text() for t in empty.texts)
    import matplotlib.pyplot as plt

    plt.close("all")


def test_unknown_type_and_unit_are_shown_as_they_are() -> None:
    v = small()
    v["premises_type"] = v["premises_type"].replace({"小食品店": "农家乐"})
    v["unit_id"] = "dongjie"
    rates = ins.pass_rates(ins.checked_visits(v))
    f = fi.items(rates, "en")
    assert "农家乐" in f.text  # a ledger's own wording, shown as it is
    u = fi.for_unit("dongjie", rates, ins.rectification_summary(ins.rectification_cases(v)), "en")
    assert "dongjie" in u.text


def test_imported_origin_has_no_synthetic_wording(ledger_folder) -> None:
    ledger_folder("inspections", small())
    v = small()
    checked = ins.checked_visits(v)
    cases = ins.rectification_cases(v, DATA_AS_OF)
    for lang in ("zh", "en"):
        found = [
            fi.records(v, checked, lang),
            fi.items(ins.pass_rates(checked), lang),
            fi.rectification(cases, ins.rectification_summary(cases), DATA_AS_OF, lang),
            fi.repeats(ins.reinspection_outcomes(v), ins.repeat_offenders(v), lang),
            fi.canteens(v.iloc[:0], pd.DataFrame(), lang),
        ]
        for f in found:
            text = f.text
            assert "合成" not in text and "synthetic" not in text.lower()
            assert "生成器" not in text and "generator" not in text
            assert "x.xlsx" in text and ("bad-date" in text)
