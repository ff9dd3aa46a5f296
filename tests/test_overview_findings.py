"""Notebook 00's computed findings: numbers recomputed from the frames, wording by origin.

Shipped data: every number a findings text prints is among its ``values`` and equals a
value recomputed here from the same frames. Tiny hand-built frames cover the edge cases
(no rows, one unit, a mismatch, a status the overview does not know, names the reference
tables lack), and a ledger folder makes a dataset imported to check the caveats follow.
"""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest

import analysis
from analysis import overview, renovation
from analysis.datasets.metadata import read_datapackage
from analysis.presentation.findings import Findings, count, number, percent
from analysis.rules.reconciliation import MATCH, MISMATCH, NOT_COMPUTABLE

matplotlib.use("Agg")

HAN = re.compile(r"[\u3400-\u9fff]")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _forms(value: object) -> set[str]:
    """Every way the prose may print ``value`` (and the numbers inside a string value)."""
    if isinstance(value, dict):
        return set().union(*(_forms(k) | _forms(v) for k, v in value.items())) if value else set()
    if isinstance(value, list | tuple | set):
        return set().union(*(_forms(v) for v in value)) if value else set()
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, int | float):
        v = float(value)
        out = {count(v), number(v, 1), f"{v:g}"}
        if 0 <= v <= 1:
            out |= {percent(v).rstrip("%"), percent(v, 0).rstrip("%")}
        return out
    return set(NUMBER.findall(str(value)))


def assert_numbers_in_values(f: Findings) -> None:
    """Every number in the text is one of the values, formatted as the prose formats it."""
    allowed = _forms(f.values)
    printed = set(NUMBER.findall(f.text))
    assert printed <= allowed, f"numbers not among values: {sorted(printed - allowed)}"


@pytest.fixture(scope="module")
def frames(
    published_figures_df: pd.DataFrame, compounds_df: pd.DataFrame, units_df: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The frames of notebook 00, built as the notebook builds them."""
    coverage = renovation.coverage_by_unit(compounds_df, units_df)
    return {
        "layers": overview.data_layers(read_datapackage()),
        "figures": published_figures_df,
        "table": analysis.reconcile(),
        "compounds": compounds_df,
        "coverage": coverage,
        "vs": renovation.governance_vs_published(compounds_df, published_figures_df),
        "lacking": renovation.compounds_lacking(compounds_df),
    }


def _all(frames: dict[str, pd.DataFrame], lang: str) -> dict[str, Findings]:
    f = overview.findings
    return {
        "layers": f.layers(frames["layers"], lang),
        "published": f.published(frames["figures"], lang),
        "reconciliation": f.reconciliation(frames["table"], lang),
        "coverage": f.coverage(frames["coverage"], frames["compounds"], frames["figures"], lang),
        "governance_check": f.governance_check(frames["vs"], lang),
        "lacking": f.lacking(frames["lacking"], frames["coverage"], lang),
        "unit_page": f.unit_page("jiyuanlu", lang),
    }


# --- shipped data ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_printed_number_is_a_value(frames, lang):
    for name, found in _all(frames, lang).items():
        assert found.sentences or name == "unit_page", name
        assert_numbers_in_values(found)


def test_english_has_no_han(frames):
    for name, found in _all(frames, "en").items():
        assert not HAN.search(found.text), (name, HAN.findall(found.text))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_are_named_not_given_by_id(frames, lang):
    text = _all(frames, lang)["reconciliation"].text
    assert not re.search(r"\b(zxl|hrss|xw|psb)-", text), text
    name = "年度薪级晋升涉及人数" if lang == "zh" else "Staff in the annual salary promotion"
    assert name in text  # the figure whose wording contradicts itself


def test_published_counts_recomputed(frames):
    figures = frames["figures"]
    v = overview.findings.published(figures, "en").values
    dated = figures["event_date"].notna()
    assert v["figures"] == len(figures) == 34
    assert v["dates"] == int(dated.sum())
    assert v["exact"] == int((~dated & (figures["qualifier"] == "确数")).sum())
    assert v["exact"] + v["rounded"] + v["dates"] == v["figures"]
    top = figures["topic"].value_counts()
    assert v["top_topics"] == ["楼院整治"] and v["top_count"] == int(top.max())


def test_reconciliation_counts_the_dots_the_chart_draws(frames):
    table = frames["table"]
    found = overview.findings.reconciliation(table, "en")
    v = found.values
    has_rule = table["computed_from"].astype(str).str.len() > 0
    assert v["computable"] == int(has_rule.sum()) == 24
    assert v["computable"] + v["not_computable"] == len(table)
    ax = overview.plot_reconciliation(table, lang="en")
    assert v["plotted"] == len(ax.get_yticks()) == 23  # the date is in the table only
    assert "23 dots" in found.text and "24 dots" not in found.text
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "Cadres assigned to compounds" not in ticks  # not computable: not drawn
    assert "Guarantee loan amount" in ticks
    assert not any(re.fullmatch(r"[a-z0-9-]+", t) for t in ticks)  # no figure id
    statuses = table.loc[has_rule, "status"].astype(str).value_counts()
    assert sum(v["statuses"][s] for s in statuses.index) == v["computable"]
    matplotlib.pyplot.close("all")


def test_reconciliation_on_shipped_data_says_synthetic(frames):
    found = overview.findings.reconciliation(frames["table"], "en")
    assert "by construction" in " ".join(found.caveats)
    assert found.values["imported_rows"] == [] and len(found.values["synthetic_rows"]) == 24


def test_coverage_states_alone_and_joint_from_the_records(frames):
    compounds = frames["compounds"]
    found = overview.findings.coverage(frames["coverage"], compounds, frames["figures"], "en")
    sizes = compounds.loc[compounds["unit_id"] == "zhongxinlu", "party_org_id"].value_counts()
    assert found.values["orgs_alone"] == int((sizes == 1).sum()) == 11
    assert found.values["orgs_joint"] == int((sizes > 1).sum()) == 8
    assert found.values["joint_compounds"] == int(sizes[sizes > 1].sum())
    assert "most were built jointly" not in found.text
    zh = overview.findings.coverage(frames["coverage"], compounds, frames["figures"], "zh")
    assert "说明多数党组织是几个楼院联合建立的" not in zh.text
    zxl = compounds[(compounds["unit_id"] == "zhongxinlu") & compounds["party_org_id"].notna()]
    by_mode = zxl.groupby("party_org_mode", observed=True)["party_org_id"].nunique()
    assert (by_mode["单独建"], by_mode["联合建"]) == (11, 8)
    assert "11 were built alone and 8 jointly, by 23 compounds" in found.text
    assert "11 个单独建，8 个由 23 个楼院联合建" in zh.text
    assert "must have" not in found.text and "必定" not in zh.text


def test_coverage_small_units_get_counts_not_shares(frames):
    found = overview.findings.coverage(
        frames["coverage"], frames["compounds"], frames["figures"], "en"
    )
    small = frames["coverage"].query("unit_id not in ['shangjie', 'zhongxinlu']")
    small = small[small["compounds"] < 10]
    assert found.values["small_units"] == len(small) == 4
    assert "4/6" in found.text and "4/6 (" not in found.text  # Kuangshan: 6 compounds


def test_lacking_counts_recomputed(frames):
    lacking = frames["lacking"]
    v = overview.findings.lacking(lacking, frames["coverage"], "en").values
    assert v["lacking_any"] == lacking["compound_id"].nunique()
    zxl = lacking[lacking["unit_id"] == "zhongxinlu"]
    assert v["focus"] == {"volunteer_groups": int(zxl["compound_id"].nunique())}


# --- edge cases -----------------------------------------------------------------------


def _table(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """A reconciliation table: (figure_id, published, computed, computed_from, status)."""
    return pd.DataFrame(
        [
            {
                "figure_id": f,
                "published": p,
                "computed": c,
                "computed_from": src,
                "status": s,
                "qualifier": "确数",
                "unit_of_measure": "个",
                "rule": f"= {p}" if c else "",
                "datasets": "compounds" if src else "",
            }
            for f, p, c, src, s in rows
        ]
    )


def test_a_mismatch_is_reported_with_both_values(published_figures_df):
    figures = published_figures_df.copy()
    figures.loc[figures["figure_id"] == "zxl-compounds", "value"] = 35.0
    found = overview.findings.reconciliation(analysis.reconcile(figures=figures), "en")
    assert "zxl-compounds" in found.values["not_reproduced"]
    assert found.values["not_reproduced"]["zxl-compounds"][:2] == ("35", "34")
    assert "Unmanaged compounds in Zhongxinlu (page 35, records 34" in found.text
    assert "zxl-" not in found.text  # figures are named for readers, not by their id
    assert "1 lie outside it" in found.text
    assert_numbers_in_values(found)


def test_an_unknown_status_is_reported_not_dropped():
    table = _table(
        [
            ("a", "3", "3", "x", MATCH),
            ("b", "4", "5", "x", MISMATCH),
            ("c", "6", "7", "x", "disputed"),
            ("d", "1", "", "", NOT_COMPUTABLE),
        ]
    )
    found = overview.findings.reconciliation(table, "en")
    assert "1 disputed" in found.text and "1 mismatch" in found.text
    assert found.values["statuses"]["disputed"] == 1
    assert "b (page 4, records 5" in found.text and "c (page 6, records 7" in found.text


def test_empty_and_uncomputable_tables():
    empty = _table([])
    empty["status"] = pd.Series(dtype=object)
    for lang in ("zh", "en"):
        assert overview.findings.reconciliation(empty, lang).values["figures"] == 0
    none = _table([("d", "1", "", "", NOT_COMPUTABLE)])
    found = overview.findings.reconciliation(none, "en")
    assert found.values["computable"] == 0 and "1 cannot be computed" in found.text
    ax = overview.plot_reconciliation(none, lang="en")
    assert any(t.get_text() == "no data" for t in ax.texts)
    matplotlib.pyplot.close("all")


def test_a_row_with_no_computed_value_is_not_drawn():
    table = _table([("a", "3", "3", "x", MATCH), ("b", "4", "", "x", MISMATCH)])
    found = overview.findings.reconciliation(table, "en")
    assert found.values["plotted"] == 1
    assert "b (nothing in the records to compute it from)" in found.text
    assert "1 with no computed value" in found.text


def _coverage(rows: list[tuple[str, int, int, int]]) -> pd.DataFrame:
    """A coverage frame: (unit_id, compounds, with_party_org, with_resident_body)."""
    return pd.DataFrame(
        [
            {
                "unit_id": u,
                "compounds": n,
                "with_party_org": p,
                "party_orgs": p,
                "with_resident_body": r,
                "自管会": r,
                "volunteer_groups": n,
                "pilots": 0,
                "lacking_any": n - min(p, r),
            }
            for u, n, p, r in rows
        ]
    )


def test_coverage_without_the_focus_unit_and_with_unknown_units(published_figures_df):
    coverage = _coverage([("shangjie", 3, 2, 3), ("东街", 3, 2, 3), ("xiawo", 0, 0, 0)])
    compounds = pd.DataFrame({"unit_id": ["东街"] * 3, "party_org_id": ["a", "a", None]})
    for lang in ("zh", "en"):
        found = overview.findings.coverage(coverage, compounds, published_figures_df, lang)
        assert "东街 2/3" in found.text  # a unit the table lacks, named as it is
        assert_numbers_in_values(found)
    assert "The records hold no compound of Zhongxinlu" in found.text
    assert "Units with no compound in the records: Xiawo Town" in found.text
    assert "%" not in found.sentences[1]  # 3 compounds: counts, no shares


def test_coverage_all_alone(published_figures_df):
    coverage = _coverage([("shangjie", 2, 2, 2), ("zhongxinlu", 2, 2, 2)])
    compounds = pd.DataFrame({"unit_id": ["zhongxinlu"] * 2, "party_org_id": ["a", "b"]})
    found = overview.findings.coverage(coverage, compounds, published_figures_df, "en")
    assert "Each of the 2 party organisations in its records serves one compound" in found.text
    assert "All 2 compounds of Zhongxinlu Subdistrict have both" in found.text


def test_lacking_nothing_and_no_compounds():
    coverage = _coverage([("shangjie", 2, 2, 2), ("zhongxinlu", 2, 2, 2)])
    none = pd.DataFrame(columns=["compound_id", "name_zh", "unit_id", "lacks"])
    found = overview.findings.lacking(none, coverage, "en")
    assert "All 2 compounds in the records have" in found.text
    assert "No compound of Zhongxinlu Subdistrict lacks any body" in found.text
    one = overview.findings.lacking(none, _coverage([("shangjie", 1, 1, 1)]), "en")
    assert one.sentences[0].startswith("The one compound in the records has")
    empty = overview.findings.lacking(none, _coverage([("shangjie", 0, 0, 0)]), "zh")
    assert empty.sentences == ("记录中没有楼院。",)


def test_governance_check_names_what_does_not_add_up():
    vs = pd.DataFrame(
        {
            "figure_id": ["zxl-compounds", "zxl-party-org-coverage"],
            "published": [34.0, 100.0],
            "computed": [3.0, 200 / 3],
            "unit_of_measure": ["个", "%"],
            "status": [MISMATCH, MISMATCH],
        }
    )
    found = overview.findings.governance_check(vs, "en")
    assert "Party organisation coverage (page 100, records 66.7)" in found.text
    assert "None of the 2 governance figures agrees with the records" in found.text
    assert_numbers_in_values(found)
    empty = overview.findings.governance_check(vs.iloc[:0], "en")
    assert empty.values["figures"] == 0


# --- imported ledgers -----------------------------------------------------------------


@pytest.fixture
def imported_compounds(ledger_folder, compounds_df):
    """Three 中心路街道 compounds imported (one without a party organisation)."""
    small = compounds_df[compounds_df["unit_id"] == "zhongxinlu"].head(3).copy()
    small["name_zh"] = ["东街一号院", "东街二号院", "东街三号院"]
    small.loc[small.index[0], "party_org_id"] = None
    ledger_folder("compounds", small)
    return analysis.load_compounds()


def test_imported_compounds_are_worded_as_imported(imported_compounds, published_figures_df):
    compounds = imported_compounds
    assert len(compounds) == 3
    units = analysis.load_units()
    coverage = renovation.coverage_by_unit(compounds, units)
    vs = renovation.governance_vs_published(compounds, published_figures_df)
    for lang, synthetic, imported in (
        ("en", "synthetic", "imported ledger"),
        ("zh", "合成数据", "导入的台账"),
    ):
        check = overview.findings.governance_check(vs, lang)
        cov = overview.findings.coverage(coverage, compounds, published_figures_df, lang)
        for found in (check, cov):
            caveats = " ".join(found.caveats)
            assert imported in caveats and synthetic not in caveats
            assert_numbers_in_values(found)
    assert check.values["not_reproduced"]["zxl-compounds"] == ("34", "3")
    assert (
        "generator"
        not in overview.findings.coverage(coverage, compounds, published_figures_df, "en").text
    )


def test_reconciliation_rows_say_their_own_origin(imported_compounds):
    table = analysis.reconcile()
    found = overview.findings.reconciliation(table, "en")
    v = found.values
    assert "zxl-compounds" in v["imported_rows"]
    assert "loans-count" in v["synthetic_rows"]  # loans were not imported: still synthetic
    assert "ldj-tasks" in v["mixed_rows"]  # imported compounds, synthetic tasks
    assert "computed from imported ledgers" in found.text
    caveats = " ".join(found.caveats)
    assert "loan records" in caveats and "compound records come from an imported" in caveats
    assert_numbers_in_values(found)


def test_layers_and_unit_page_follow_the_origin(ledger_folder, loans_df):
    shipped = overview.findings.unit_page("jiyuanlu", "en")
    assert "loan records" in shipped.caveats[0] and "invented" in shipped.text
    for name in ("compounds", "renovation_tasks", "loans", "communities", "inspections"):
        ledger_folder(name, analysis.load(name).head(2))
    page = overview.findings.unit_page("jiyuanlu", "en")
    assert "synthetic" not in page.text and "invented" not in page.text
    assert "imported ledger (x.xlsx)" in page.text
    layers = overview.data_layers(read_datapackage())
    assert layers.set_index("name").loc["loans", "origin"] == "imported"
    assert layers.set_index("name").loc["loans", "rows"] == 2
    found = overview.findings.layers(layers, "en")
    assert found.values["imported_datasets"] == 5
    assert "names are invented" not in found.text  # the two synthetic ones left name nothing
    assert_numbers_in_values(found)
    assert_numbers_in_values(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reconciliation_chart_csv_is_one_row_per_dot(frames, lang):
    from analysis.presentation._display import chart_metadata

    table = frames["table"]
    ax = overview.plot_reconciliation(table, lang=lang)
    meta = chart_metadata(ax.get_figure(), lang)
    rows = meta["csv"].strip().splitlines()
    plotted = overview.findings.reconciliation(table, lang).values["plotted"]
    assert len(rows) == 1 + plotted == 24  # header + the 23 dots, not their bands too
    first = "Interval between peer evaluations" if lang == "en" else "现场观摩讲评会的间隔"
    assert rows[1].startswith(first)  # top row of the chart first
    said = re.split("Source:|来源：", meta["alt"])[0]  # what the chart says, before its source
    more = plotted - len(re.findall(r" \d+%", said))
    assert f"and {more} more" in said or f"另有 {more} 项" in said
    assert f"{plotted} " in said  # how many figures the chart draws
    if lang == "en":
        assert not HAN.search(meta["alt"].split("Source:")[0])
    matplotlib.pyplot.close("all")
