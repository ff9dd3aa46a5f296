"""Every DataFrame a notebook shows is a publication table (contract B of issue 15)."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import inspections, loans, renovation
from analysis.config import NOTEBOOKS_DIR
from analysis.datasets import origin
from analysis.presentation import tables
from analysis.presentation._table_values import TABLE_WORDS
from analysis.presentation._table_words import VALUES
from analysis.presentation.columns import COLUMNS, column_label
from analysis.rules import disclosure

HAN = re.compile(r"[\u3400-\u9fff]")
BLOCK = re.compile(
    r'^<div class="table-block"><table class="data-table( sortable)?">.*</table>\n'
    r'(<p class="table-note">[^<]*</p>\n)?'
    r'<a class="download" download="[a-z0-9-]+\.csv" '
    r'href="data:text/csv;charset=utf-8;base64,(?P<csv>[A-Za-z0-9+/=]+)">[^<]+</a></div>$',
    re.S,
)


def cells(markup: str, tag: str = "td") -> list[str]:
    return [html.unescape(c) for c in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", markup, re.S)]


def csv_rows(markup: str) -> list[list[str]]:
    match = BLOCK.match(markup)
    assert match, markup[:300]
    text = base64.b64decode(match["csv"]).decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def visible_text(markup: str) -> str:
    """What a reader sees: tags and the download's data dropped."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'href="[^"]*"', "", markup)))


MIXED = pd.DataFrame(
    {
        "unit_id": ["zhongxinlu", "xiawo", "gongyelu"],
        "status": pd.Categorical(["逾期", "正常还款", None], ["正常还款", "逾期", "已结清"]),
        "loans": [1234, 5, 0],
        "amount_yuan": [13_900_000.0, 159_770.115, np.nan],
        "loan_share": [0.1234, 0.5, np.nan],
        "closed_pct": [69.44, 100.0, np.nan],
        "gini": [0.30012, 0.4051, np.inf],
        "median_days": [21.0, 16.0, np.nan],
        "opened_on": pd.to_datetime(["2020-09-23", None, "2020-01-02"]),
        "property_pilot": [True, False, True],
        "note": ["<b>&amp;", "=HYPERLINK(1)", None],
    }
)


def test_markup_headers_and_formats_in_english():
    markup = tables.table_html(MIXED, "en")
    assert BLOCK.match(markup)
    assert "sortable" not in markup  # 3 rows
    headers = cells(markup, "th")
    assert headers[:4] == ["Subdistrict / town", "Status", "Loans", "Amount (yuan)"]
    assert not [h for h in headers if "_" in h]
    first, second, third = (cells(markup)[i * 11 : (i + 1) * 11] for i in range(3))
    assert first[:8] == [
        "Zhongxinlu Subdistrict",
        "overdue",
        "1,234",
        "13,900,000",
        "12.3%",
        "69.4%",
        "0.300",
        "21",
    ]
    assert first[8:10] == ["2020-09-23", "yes"]
    assert second[3] == "159,770"  # yuan without decimals
    assert third[1] == third[3] == third[4] == third[5] == third[7] == "—"
    assert third[6] == "∞" and second[8] == "—"
    assert first[10] == "<b>&amp;"  # shown as text, not markup
    assert "<b>" not in markup and "&lt;b&gt;&amp;amp;" in markup


def test_numeric_cells_carry_their_raw_number():
    markup = tables.table_html(MIXED, "zh")
    assert 'data-v="1234"' in markup and 'data-v="159770.115"' in markup
    assert 'data-v="0.1234"' in markup
    # a missing or infinite value has no number to sort by
    row3 = re.findall(r"<tr>(.*?)</tr>", markup, re.S)[3]
    assert row3.count("data-v") == 1  # only loans = 0
    assert re.search(r'<th scope="col" data-col="amount_yuan" class="num">金额（元）</th>', markup)


def test_chinese_edition_keeps_categories_and_names_units():
    markup = tables.table_html(MIXED, "zh")
    row = cells(markup)[:11]
    assert row[:2] == ["中心路街道", "逾期"] and row[9] == "是"


def test_csv_holds_the_shown_table_with_raw_numbers_and_defused_formulas():
    rows = csv_rows(tables.table_html(MIXED, "en"))
    assert rows[0][:3] == ["Subdistrict / town", "Status", "Loans"]
    assert rows[1][2:5] == ["1234", "13900000.0", "0.1234"]
    assert rows[2][10] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    assert len(rows) == 1 + len(MIXED)


def test_protected_tables_keep_marks_and_sort_numerically(loans_df, communities_df):
    per = loans.by_community(loans_df, communities_df)
    shown = disclosure.protect_table(
        per,
        "loans",
        ["amount_yuan", "loan_share", "amount_share"],
        formats={"loan_share": "{:.1%}", "amount_share": "{:.1%}"},
        within="unit_id",
    ).drop(columns=["name_en"])
    markup = tables.table_html(shown, "en")
    assert 'class="data-table sortable"' in markup  # 36 rows
    assert '<td class="num">x</td>' in markup  # a hidden cell: its mark, no number
    assert re.search(r'<td class="num" data-v="380000">380,000</td>', markup)
    rows = csv_rows(markup)
    hidden = [r for r in rows[1:] if r[3] == "x"]
    assert hidden and all(r[4] == "x" for r in hidden)
    assert {r[4] for r in rows[1:]} - {"x"} <= {r.replace(",", "") for r in shown["amount_yuan"]}


def test_meaningful_index_becomes_columns_and_positions_are_dropped():
    frame = pd.DataFrame({"tasks": [3, 4]}, index=pd.Index(["t-1", "t-2"], name="task_id"))
    assert cells(tables.table_html(frame, "en"), "th") == ["Task ID", "Tasks"]
    shuffled = pd.DataFrame({"tasks": [3, 4]}, index=[7, 2])  # left over from sort/filter
    assert cells(tables.table_html(shuffled, "en"), "th") == ["Tasks"]
    text = tables.table_text(shuffled, "en")
    assert text.splitlines()[0].strip() == "Tasks" and "7" not in text


def test_multiindex_rows_and_columns():
    frame = pd.DataFrame(
        [[1, 2], [3, 4]],
        index=pd.MultiIndex.from_tuples(
            [("楼院整治", "a"), ("楼院整治", "b")], names=["topic", "figure_id"]
        ),
        columns=pd.MultiIndex.from_tuples([("visits", "初查"), ("visits", "复查")]),
    )
    markup = tables.table_html(frame, "en")
    assert cells(markup, "th") == [
        "Topic",
        "Figure ID",
        "Visits · First visit",
        "Visits · Re-inspection",
    ]
    assert 'data-col="visits · 初查"' in markup
    assert cells(markup)[0] == "renovation of unmanaged compounds"


def test_crosstab_with_margins():
    visits = pd.DataFrame({"campaign": ["日常监督", "日常监督"], "visit_kind": ["初查", "复查"]})
    table = pd.crosstab(visits["campaign"], visits["visit_kind"], margins=True, margins_name="合计")
    en = tables.table_html(table, "en")
    assert cells(en, "th") == ["Campaign", "First visit", "Re-inspection", "Total"]
    assert [c for c in cells(en) if not c.isdigit()] == ["routine supervision", "total"]
    assert cells(tables.table_html(table, "zh"), "th")[-1] == "合计"


def test_empty_and_one_row_frames():
    empty = pd.DataFrame({"loans": pd.Series([], dtype=int), "name_zh": pd.Series([], dtype=str)})
    markup = tables.table_html(empty, "en")
    assert BLOCK.match(markup) and 'class="empty"' in markup and "No rows" in markup
    assert csv_rows(markup) == [["Loans", "Name"]]
    assert tables.table_text(empty, "zh")  # never raises
    one = pd.DataFrame({"loans": [87], "amount_yuan": [13_900_000]})
    assert cells(tables.table_html(one, "zh")) == ["87", "13,900,000"]
    assert BLOCK.match(tables.table_html(pd.DataFrame(), "en"))


def test_paired_language_columns_show_the_editions_one():
    frame = pd.DataFrame({"goal_zh": ["有整洁环境"], "goal_en": ["clean environment"]})
    assert cells(tables.table_html(frame, "en")) == ["clean environment"]
    assert cells(tables.table_html(frame, "zh")) == ["有整洁环境"]
    assert cells(tables.table_html(frame, "en"), "th") == ["Goal"]


def test_plain_text_is_the_labelled_table_without_index():
    text = tables.table_text(MIXED[["unit_id", "loans", "loan_share"]], "en")
    lines = text.splitlines()
    assert lines[0].split() == ["Subdistrict", "/", "town", "Loans", "Share", "of", "loans"]
    assert lines[1].split()[-2:] == ["1,234", "12.3%"]
    assert "NaN" not in tables.table_text(MIXED, "en")


def test_origin_from_attrs_and_from_the_pages_loads(monkeypatch, ledger_folder, loans_df):
    frame = pd.DataFrame({"loans": [1]})
    frame.attrs["datasets"] = ["loans", "published_figures"]
    assert tables.table_origin(frame, "en") == (
        "Synthetic records (not real data): loan records; Published source: figures on the page"
    )
    assert (
        tables.table_origin(frame, "zh") == "合成记录（非真实数据）：贷款记录；公开来源：版面数字"
    )
    ledger_folder("loans", loans_df.head(3))
    assert tables.table_origin(frame, "en").startswith("Imported ledger: loan records")
    plain = pd.DataFrame({"loans": [1]})
    monkeypatch.setattr(origin, "_LOADED", {})
    assert tables.table_origin(plain, "en") == ""
    origin.record_loaded("units")
    origin.record_loaded("inspections")
    assert origin.loaded() == ("units", "inspections")
    # tables that label (units, vocabulary) are not cited when records were loaded
    assert (
        tables.table_origin(plain, "en") == "Synthetic records (not real data): inspection records"
    )
    assert "table-note" in tables.table_html(plain, "en")
    origin.forget_loaded()
    assert origin.loaded() == () and "table-note" not in tables.table_html(plain, "en")


def test_loaders_record_what_they_load():
    import analysis

    origin.forget_loaded()
    analysis.load_evaluations()
    assert "evaluations" in origin.loaded()


def test_long_tables_are_sortable_and_cut_at_the_limit(monkeypatch):
    frame = pd.DataFrame({"loans": range(12)})
    assert 'class="data-table sortable"' in tables.table_html(frame, "en")
    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    markup = tables.table_html(frame, "en")
    assert len(csv_rows(markup)) == 11 and "First 10 of 12 rows shown" in markup


def test_installed_formatter_under_ipython():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert tables.install_tables() is True
        data, _ = shell.display_formatter.format(MIXED)
        assert data["text/html"].startswith('<div class="table-block">')
        assert "Subdistrict" in data["text/plain"] or "街道" in data["text/plain"]
    finally:
        InteractiveShell.clear_instance()


def shipped_frames(loans_df, communities_df, units_df, compounds_df, renovation_tasks_df):
    per_unit = loans.by_unit(loans_df, units_df, communities_df)
    per_community = loans.by_community(loans_df, communities_df)
    protect = {"formats": {"loan_share": "{:.1%}", "amount_share": "{:.1%}"}}
    yield communities_df
    yield compounds_df
    yield per_unit
    yield per_community
    yield disclosure.protect_table(
        per_community, "loans", ["amount_yuan"], within="unit_id", **protect
    )
    yield renovation.compound_progress(renovation_tasks_df, compounds_df)
    yield loans.group_shares(loans_df, "borrower_category")


def test_english_tables_of_shipped_data_have_no_han(
    loans_df, communities_df, units_df, compounds_df, renovation_tasks_df, inspections_df
):
    frames = list(
        shipped_frames(loans_df, communities_df, units_df, compounds_df, renovation_tasks_df)
    )
    cases = inspections.rectification_cases(inspections_df, "2020-09-30")
    frames.append(inspections.rectification_summary(cases))
    for frame in frames:
        markup = tables.table_html(frame, "en")
        assert not HAN.findall(visible_text(markup)), visible_text(markup)[:500]
        assert not any(HAN.search(c) for row in csv_rows(markup) for c in row)
        assert not HAN.search(tables.table_text(frame, "en"))


def test_catalogue_labels_have_both_languages_and_no_underscore():
    for key, (zh, en) in {**COLUMNS, **VALUES}.items():
        assert zh.strip() and en.strip(), key
        assert "_" not in zh and "_" not in en, key
    assert column_label("some_new_column", "en") == "Some new column"


def _shown_columns(path: Path) -> set[str]:
    """Column names of every table a committed notebook shows (data-col, else pandas' <th>)."""
    from analysis.report._audit_read import read_html_tables

    names: set[str] = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            markup = "".join(output.get("data", {}).get("text/html", ""))
            if "<table" not in markup:
                continue
            if "data-col=" in markup:
                for key in re.findall(r'data-col="([^"]*)"', markup):
                    names.update(html.unescape(key).split(" · "))
                continue
            for table in read_html_tables(markup, path.name):
                for row in table.header:
                    names.update(row)
    return names


def test_every_column_the_notebooks_show_has_a_catalogue_entry(vocabulary_df, units_df):
    categories = set(vocabulary_df["value_zh"]) | set(units_df["unit_id"]) | set(TABLE_WORDS)
    shown: set[str] = set()
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        shown |= _shown_columns(path)
    assert len(shown) > 100  # the notebooks were read
    missing = sorted(n for n in shown - categories - {""} if n not in COLUMNS)
    assert not missing, f"add to analysis/presentation/columns.py COLUMNS: {missing}"


def test_years_without_separators_and_months_as_months():
    frame = pd.DataFrame({"built_year": [1995], "period": pd.to_datetime(["2020-03-01"])})
    markup = tables.table_html(frame, "en")
    assert cells(markup) == ["1995", "2020-03"]
    assert csv_rows(markup)[1] == ["1995", "2020-03"]


def test_odd_cells_and_duplicate_names_never_raise():
    frame = pd.DataFrame(
        {
            "a": [[1, 2]],
            "b": [{"x": 1}],
            "days": [pd.Timedelta(days=3)],
            "loans": pd.array([pd.NA], dtype="Int64"),
            "property_pilot": pd.array([True], dtype="boolean"),
        }
    )
    markup = tables.table_html(frame, "zh")
    assert cells(markup) == ["[1, 2]", "{'x': 1}", "3", "—", "是"]
    assert csv_rows(markup)[1] == ["[1, 2]", "{'x': 1}", "3", "", "是"]
    twice = pd.DataFrame([[1, 2]], columns=["loans", "loans"])
    assert cells(tables.table_html(twice, "en"), "th") == ["Loans", "Loans"]
    assert csv_rows(tables.table_html(twice, "en"))[0] == ["Loans", "Loans (2)"]


@pytest.mark.parametrize(
    ("column", "shown"),
    [
        ([122.0, 99.5], ["122.0", "99.5"]),  # the small value keeps its decimal
        ([8.0, 13.6, 3.7], ["8.0", "13.6", "3.7"]),  # no "8.00"
        ([0.1234, 0.5], ["0.123", "0.500"]),
        ([159770.115, 150000.0], ["159,770", "150,000"]),  # never "159,77"
        ([0.5, 13900000.0], ["0.5", "13,900,000"]),
    ],
)
def test_decimals_follow_the_most_precise_value(column, shown):
    from analysis.presentation._table_html import _float_format

    show = _float_format(pd.Series(column))
    assert [show(x) for x in column] == shown
