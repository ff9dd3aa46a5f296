"""Renovation charts: Chinese renders, titles and unit labels, unit colours, source lines."""

from __future__ import annotations

import io
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from analysis.presentation import style
from analysis.renovation import case as renovation_case
from analysis.renovation import charts as renovation_plots
from analysis.renovation import charts_governance as renovation_plots_governance
from analysis.renovation import charts_overdue as renovation_plots_overdue
from analysis.renovation import charts_participation as renovation_plots_participation
from analysis.renovation import charts_tasks as renovation_plots_tasks
from analysis.renovation import charts_timing as renovation_plots_timing
from analysis.renovation import governance
from analysis.renovation import metrics as renovation
from analysis.renovation import participation as renovation_participation
from analysis.renovation import timing as renovation_timing
from analysis.rules.entities import CONSULTATION_FORMATS, HOUSING_BUREAU, LABOUR_BUREAU_COMPOUND

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _house_style():
    style.set_style("zh")
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def frames(units_df, compounds_df, renovation_tasks_df, consultations_df, evaluations_df):
    zxl = compounds_df[compounds_df["unit_id"] == "zhongxinlu"]
    bureau = compounds_df[compounds_df["partner_unit"] == HOUSING_BUREAU]
    return {
        "burn": renovation.burnup(renovation_tasks_df, compounds_df, units_df),
        "progress": renovation.compound_progress(renovation_tasks_df, compounds_df),
        "by_cat": renovation.tasks_by(renovation_tasks_df, ["category", "raised_by"]),
        "case": renovation_case.case_tasks(renovation_tasks_df, compounds_df),
        "curves": renovation_timing.close_curves(renovation_tasks_df),
        "overall": renovation_timing.close_curves(renovation_tasks_df, None),
        "medians": renovation_timing.close_medians(renovation_tasks_df),
        "slip": renovation_timing.slippage(renovation_tasks_df),
        "matrix": renovation_timing.overdue_matrix(renovation_tasks_df, compounds_df),
        "modes": renovation_participation.party_orgs_by_mode(compounds_df, units_df),
        "lacking": governance.compounds_lacking(compounds_df),
        "funnels": {
            ("中心路街道", "Zhongxinlu"): renovation_participation.participation_funnel(
                consultations_df, zxl, CONSULTATION_FORMATS
            ),
            ("住建局分包楼院", "Housing bureau"): renovation_participation.participation_funnel(
                consultations_df, bureau, ("小板凳恳谈会",)
            ),
        },
        "monthly": renovation_participation.consultations_by_month(consultations_df, zxl),
        "scores": renovation_participation.score_table(evaluations_df, compounds_df),
        "changes": renovation_participation.rank_changes(evaluations_df, compounds_df),
    }


CHARTS = {
    "burnup": lambda f, lang: renovation_plots.plot_burnup(f["burn"], lang=lang),
    "burnup_by_unit": lambda f, lang: renovation_plots.plot_burnup_by_unit(f["burn"], lang=lang),
    "compound_progress": lambda f, lang: renovation_plots.plot_compound_progress(
        f["progress"], lang=lang
    ),
    "pilots": lambda f, lang: renovation_plots_tasks.plot_pilot_comparison(
        f["progress"], lang=lang
    ),
    "categories": lambda f, lang: renovation_plots_tasks.plot_tasks_by_category(
        f["by_cat"], lang=lang
    ),
    "gantt": lambda f, lang: renovation_plots_tasks.plot_case_gantt(f["case"], lang=lang),
    "time_to_close": lambda f, lang: renovation_plots_timing.plot_time_to_close(
        f["curves"], f["overall"], f["medians"], lang=lang
    ),
    "medians": lambda f, lang: renovation_plots_timing.plot_close_medians(f["medians"], lang=lang),
    "slippage": lambda f, lang: renovation_plots_timing.plot_slippage(f["slip"], lang=lang),
    "overdue": lambda f, lang: renovation_plots_overdue.plot_overdue_heatmap(
        f["matrix"], lang=lang
    ),
    "party_orgs": lambda f, lang: renovation_plots_governance.plot_party_org_modes(
        f["modes"], lang=lang
    ),
    "lacking": lambda f, lang: renovation_plots_governance.plot_lacking(f["lacking"], lang=lang),
    "funnels": lambda f, lang: renovation_plots_participation.plot_funnels(f["funnels"], lang=lang),
    "monthly": lambda f, lang: renovation_plots_participation.plot_consultations_by_month(
        f["monthly"], lang=lang
    ),
    "scores": lambda f, lang: renovation_plots_participation.plot_score_heatmap(
        f["scores"], LABOUR_BUREAU_COMPOUND, lang=lang
    ),
    "rank_changes": lambda f, lang: renovation_plots_participation.plot_rank_changes(
        f["changes"], lang=lang
    ),
}
#: Charts whose axes are both categories (no quantity, so no unit to state).
NO_QUANTITY_AXIS = {"lacking"}


def _figure(ax):
    first = ax.flat[0] if isinstance(ax, np.ndarray) else ax
    return first.get_figure(root=True)


def _render(fig) -> bytes:
    """Draw to PNG with every warning an error: a missing glyph is a warning."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _title(ax) -> str:
    # The house style puts titles on the left; read whichever slot holds one.
    return " ".join(t for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t)


def _labels(fig) -> list[str]:
    out = [t.get_text() for t in fig.texts]
    for sub in (fig._supxlabel, fig._supylabel, fig._suptitle):
        if sub is not None:
            out.append(sub.get_text())
    for ax in fig.axes:
        out += [_title(ax), ax.get_xlabel(), ax.get_ylabel()]
    return [s for s in out if s]


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_renders_with_title_units_and_source(frames, name, lang):
    fig = _figure(CHARTS[name](frames, lang))
    assert _render(fig).startswith(b"\x89PNG")
    titles = [_title(ax) for ax in fig.axes] + [t.get_text() for t in fig.texts]
    if fig._suptitle is not None:
        titles.append(fig._suptitle.get_text())
    assert any(len(t) > 4 for t in titles), "no title"
    texts = _labels(fig)
    assert style.synthetic_caption(lang) in texts
    source = "来源：" if lang == "zh" else "Source: "
    assert any(t.startswith(source) for t in texts)
    if name not in NO_QUANTITY_AXIS:
        unit = "（" if lang == "zh" else "("
        axis_labels = [ax.get_xlabel() for ax in fig.axes] + [ax.get_ylabel() for ax in fig.axes]
        if fig._supxlabel is not None:
            axis_labels.append(fig._supxlabel.get_text())
        assert any(unit in label for label in axis_labels), f"no unit in {axis_labels}"


@pytest.mark.parametrize("name", ["burnup", "slippage", "overdue", "compound_progress", "gantt"])
def test_charts_of_open_work_state_the_as_of_date(frames, name):
    fig = _figure(CHARTS[name](frames, "zh"))
    everything = _labels(fig) + [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("2020-09-23" in t for t in everything)


def test_english_titles_have_no_chinese(frames):
    for name in ("burnup", "categories", "slippage", "medians", "monthly", "party_orgs"):
        fig = _figure(CHARTS[name](frames, "en"))
        for ax in fig.axes:
            assert not CJK.search(_title(ax)), (name, _title(ax))
            assert not CJK.search(ax.get_xlabel()), (name, ax.get_xlabel())


def test_burnup_draws_the_unit_in_its_colour(frames):
    ax = renovation_plots.plot_burnup(frames["burn"], "zhongxinlu")
    colours = {to_hex(line.get_color()) for line in ax.get_lines()}
    assert style.UNIT_COLOURS["zhongxinlu"].lower() in colours
    assert "中心路街道" in _title(ax)


def test_burnup_by_unit_has_one_panel_per_subdistrict(frames):
    axes = renovation_plots.plot_burnup_by_unit(frames["burn"])
    assert [_title(a) for a in axes] == [
        "济源路街道",
        "中心路街道",
        "新安路街道",
        "工业路街道",
        "矿山街道",
        "峡窝镇",
    ]


def test_compound_progress_colours_every_bar_by_its_unit(frames):
    ax = renovation_plots.plot_compound_progress(frames["progress"])
    rows = frames["progress"].iloc[::-1]
    bars = ax.patches[: len(rows)]
    got = [to_hex(b.get_facecolor()) for b in bars]
    assert got == [style.UNIT_COLOURS[u].lower() for u in rows["unit_id"].astype(str)]
    stars = [t.get_text() for t in ax.get_yticklabels() if t.get_text().endswith("★")]
    assert len(stars) == 6  # the six property-management pilots


def test_gantt_has_a_bar_per_task_and_hatches_open_ones(frames):
    ax = renovation_plots_tasks.plot_case_gantt(frames["case"])
    bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.6)]
    assert len(bars) == 12
    assert sum(bool(b.get_hatch()) for b in bars) == int(
        (frames["case"]["status"] != "closed").sum()
    )


def test_time_to_close_has_a_panel_per_category(frames):
    axes = renovation_plots_timing.plot_time_to_close(frames["curves"], lang="zh")
    assert len(axes) == 12


def test_overdue_heatmap_without_overdue_work_says_so(frames):
    quiet = frames["matrix"].assign(overdue=0, days_overdue=np.nan)
    quiet.attrs = frames["matrix"].attrs
    ax = renovation_plots_overdue.plot_overdue_heatmap(quiet)
    assert [t.get_text() for t in ax.texts] == ["没有逾期未销号的任务"]


def test_funnel_titles_follow_the_language(frames):
    axes = renovation_plots_participation.plot_funnels(frames["funnels"], lang="en")
    assert [_title(a) for a in axes] == ["Zhongxinlu", "Housing bureau"]


def test_pilot_chart_has_a_dot_per_compound_with_tasks(frames):
    ax = renovation_plots_tasks.plot_pilot_comparison(frames["progress"])
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    zxl = frames["progress"][frames["progress"]["unit_id"] == "zhongxinlu"]
    assert dots == int(zxl["closed_pct"].notna().sum()) == 34


def test_missing_column_is_named(frames):
    with pytest.raises(KeyError, match="tasks"):
        renovation_plots.plot_burnup(frames["burn"].drop(columns="tasks"))
    with pytest.raises(KeyError, match="on_time"):
        renovation_plots_timing.plot_slippage(pd.DataFrame({"category": ["照明"]}))
