"""The renovation page's reader tables and compact charts: the page's figures described, not
ids; the whole overdue work list; progress and self-governance lists; empty 未记录 groups
dropped; the two compact charts in English and on empty records."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import renovation
from analysis.datasets.schema import DATA_AS_OF, NOT_RECORDED
from analysis.presentation import tables as display

HAN = re.compile(r"[\u3400-\u9fff]")
ID = re.compile(r"^(zxl|hb|ldj)-")


@pytest.fixture(scope="module")
def page_figures(published_figures_df):
    reconciled = analysis.reconcile()
    return reconciled[reconciled["topic"] == "楼院整治"], published_figures_df


def test_figures_are_described_in_the_edition_not_by_id(page_figures):
    rows, figures = page_figures
    en = renovation.figures_table(rows, figures, "en")
    assert list(en.columns) == list(renovation.FIGURE_COLUMNS)
    assert len(en) == len(rows)
    assert not en["figure"].str.match(ID).any()
    assert not HAN.search(" ".join(en["figure"]))
    zh = renovation.figures_table(rows, figures, "zh")
    assert zh["figure"].is_unique  # rows sharing a sentence of the page are told apart
    assert "楼院党组织覆盖率" in zh["figure"].tolist()
    own = rows.assign(figure_id=["own-figure", *rows["figure_id"].iloc[1:]])
    quote = figures.set_index("figure_id").loc[rows["figure_id"].iloc[0], "quote_zh"]
    lent = figures.assign(figure_id=["own-figure", *figures["figure_id"].iloc[1:]])
    assert renovation.figures_table(own, lent, "zh")["figure"].iloc[0] == quote
    assert en["computed"].tolist() == rows["computed"].tolist()
    assert "published_figures" in en.attrs["datasets"]
    assert "renovation_tasks" in en.attrs["datasets"]


def test_figures_table_shows_english_headers_and_words(page_figures):
    rows, figures = page_figures
    text = display.table_text(renovation.figures_table(rows, figures, "en"), "en")
    assert not HAN.search(text), text
    assert "zxl-" not in text and "subject_zh" not in text


def test_the_overdue_list_is_whole_and_recomputed(renovation_tasks_df, compounds_df):
    work = renovation.overdue_tasks(renovation_tasks_df, compounds_df)
    t = renovation_tasks_df
    as_of = pd.Timestamp(DATA_AS_OF)
    closed = t["closed_on"].notna() & (t["closed_on"] <= as_of)
    late = t[~closed & (t["planned_on"] < as_of)]
    assert len(work) == len(late) == 123
    assert set(work["task_id"]) == set(late["task_id"])
    days = (as_of - late.set_index("task_id")["planned_on"]).dt.days
    assert (work.set_index("task_id")["days_overdue"] == days.loc[work["task_id"]]).all()
    assert work["days_overdue"].is_monotonic_decreasing
    assert list(work.columns) == list(renovation.WORKLIST_COLUMNS)
    assert work.attrs["datasets"] == ["renovation_tasks", "compounds"]


def test_progress_list_keeps_every_compound_with_tasks(renovation_tasks_df, compounds_df):
    progress = renovation.compound_progress(renovation_tasks_df, compounds_df)
    table = renovation.progress_table(progress)
    assert len(table) == int((progress["tasks"] > 0).sum())
    assert "compound_id" not in table.columns
    assert (table["not_closed"] == table["tasks"] - table["closed"]).all()
    text = display.table_text(table, "en")
    assert "Gongyelu fictional compound 04" in text and not HAN.search(text)


def test_lacking_tables(compounds_df):
    lacking = renovation.compounds_lacking(compounds_df)
    listed = renovation.lacking_table(lacking, "en")
    assert len(listed) == lacking["compound_id"].nunique()
    assert set(" ".join(listed["lacks"]).replace(",", " ").split()) <= {
        "party",
        "organisation",
        "resident",
        "body",
        "volunteer",
        "team",
        "and",
    }
    counts = renovation.lacking_counts(lacking)
    by_unit = lacking.groupby(["unit_id", "lacks"], observed=True).size()
    for row in counts.itertuples():
        for body in renovation.tables.BODIES:
            assert getattr(row, body) == by_unit.get((row.unit_id, body), 0)


def test_empty_not_recorded_groups_are_dropped_but_used_ones_kept(renovation_tasks_df):
    by = renovation.tasks_by(renovation_tasks_df, ["category", "raised_by"])
    assert not (by["category"].astype(str) == NOT_RECORDED).any()
    assert NOT_RECORDED not in by["category"].cat.categories
    medians = renovation.close_medians(renovation_tasks_df, "category")
    assert NOT_RECORDED not in medians["group"].astype(str).tolist()
    slip = renovation.slippage(renovation_tasks_df, "category")
    assert NOT_RECORDED not in slip["category"].astype(str).tolist()
    some = renovation_tasks_df.head(5).copy()
    some["category"] = some["category"].astype(str)
    some.loc[some.index[0], "category"] = NOT_RECORDED
    kept = renovation.tasks_by(some, "category")
    assert kept.loc[kept["category"] == NOT_RECORDED, "tasks"].tolist() == [1]


def test_compact_charts_in_english_and_on_nothing(renovation_tasks_df, compounds_df):
    progress = renovation.compound_progress(renovation_tasks_df, compounds_df)
    work = renovation.overdue_tasks(renovation_tasks_df, compounds_df)
    for ax in (
        renovation.plot_progress_spread(progress, lang="en"),
        renovation.plot_overdue_days(work, lang="en"),
        renovation.plot_overdue_days(work.iloc[0:0], lang="en"),
        renovation.plot_progress_spread(progress.assign(tasks=0), lang="en"),
    ):
        fig = ax.get_figure(root=True)
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.findobj(plt.Text)]
        assert not any(HAN.search(t) for t in texts if "合成数据" not in t), texts
        plt.close(fig)
    ax = renovation.plot_overdue_days(work, lang="en")
    drawn = sum(p.get_height() for p in ax.patches)
    assert drawn == len(work)
    plt.close(ax.get_figure(root=True))


def test_described_charts_say_their_numbers(renovation_tasks_df, compounds_df, units_df):
    from analysis.presentation import plotkit

    progress = renovation.compound_progress(renovation_tasks_df, compounds_df)
    work = renovation.overdue_tasks(renovation_tasks_df, compounds_df)
    burn = renovation.burnup(renovation_tasks_df, compounds_df, units_df)
    medians = renovation.close_medians(renovation_tasks_df, "category")
    curves = renovation.close_curves(renovation_tasks_df, "category")
    drawn = {
        "spread": renovation.plot_progress_spread(progress, lang="en"),
        "days": renovation.plot_overdue_days(work, lang="en"),
        "burn": renovation.plot_burnup_by_unit(burn, lang="en")[0],
        "km": renovation.plot_time_to_close(curves, None, medians, lang="en")[0],
    }
    meta = {k: plotkit.chart_metadata(ax.get_figure(root=True), "en") for k, ax in drawn.items()}
    for m in meta.values():
        assert not HAN.search(m["alt"]) and not HAN.search(m["csv"]), m["alt"]
    assert f"{len(work)} overdue tasks" in meta["days"]["alt"]
    assert meta["days"]["name"].startswith("overdue-tasks")
    zxl = progress[(progress["unit_id"] == "zhongxinlu") & (progress["tasks"] > 0)]
    assert f"Zhongxinlu Subdistrict {zxl['closed_pct'].median():.0f}%" in meta["spread"]["alt"]
    assert len(meta["spread"]["csv"].strip().splitlines()) == int((progress["tasks"] > 0).sum()) + 1
    last = burn[burn["date"] == burn["date"].max()].set_index(["unit_id", "measure"])["tasks"]
    opened = int(last[("zhongxinlu", "opened")])
    assert f"Zhongxinlu Subdistrict {opened} opened" in meta["burn"]["alt"]
    assert meta["burn"]["name"].startswith("tasks-opened-and-closed")
    assert "underground pipes 116 days" in meta["km"]["alt"]
    plt.close("all")
