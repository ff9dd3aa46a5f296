"""Small-cell protection against hand-worked tables.

Convention under test (see analysis/rules/disclosure.py): with the default threshold 3, counts
1 and 2 are hidden as "x", 0 and 3 are shown; a row, column or group left with a
single hidden cell also hides its smallest non-zero cell as "x".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis.config
from analysis.rules import disclosure


def test_default_threshold_is_three_and_named():
    assert analysis.config.settings().small_cell_threshold == 3
    assert disclosure.mask_label() == "x"


def test_small_cells_are_one_and_two_zero_and_threshold_are_shown():
    assert list(disclosure.is_small([0, 1, 2, 3, 4])) == [False, True, True, False, False]
    labels = [disclosure.count_label(n) for n in (0, 1, 2, 3, 1234)]
    assert labels == ["0", "x", "x", "3", "1,234"]


@pytest.fixture
def threshold_five():
    analysis.config.configure(small_cell_threshold=5)
    yield
    analysis.config.reset()


def test_the_configured_setting_changes_every_function(threshold_five):
    assert disclosure.count_label(4) == "x"
    assert disclosure.count_label(5) == "5"
    assert "1–4" in disclosure.rule_text("zh") and "(threshold 5," in disclosure.rule_text("en")
    # An explicit argument wins over the setting.
    assert disclosure.count_label(4, threshold=3) == "4"


def test_reset_puts_the_default_back(threshold_five):
    assert disclosure.mask_label() == "x"
    analysis.config.reset()
    assert disclosure.mask_label() == "x"


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_configure_refuses_a_bad_threshold(bad):
    with pytest.raises(ValueError, match="small_cell_threshold"):
        analysis.config.configure(small_cell_threshold=bad)
    assert disclosure.mask_label() == "x"


def test_threshold_one_hides_nothing():
    assert not disclosure.is_small([0, 1, 2], threshold=1).any()


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_invalid_threshold_is_refused(bad):
    with pytest.raises(ValueError, match="threshold"):
        disclosure.mask_label(bad)


@pytest.mark.parametrize("bad", [[1, -1], [1.5], [np.nan, 2]])
def test_invalid_counts_are_refused(bad):
    with pytest.raises(ValueError, match="counts"):
        disclosure.is_small(bad)


def test_one_way_single_hidden_cell_gets_a_complement():
    # Total 17 is known: 2 alone could be recovered, so the smallest other non-zero, 5, goes.
    counts = pd.Series([10, 2, 5, 0], index=list("abcd"))
    status = disclosure.cell_status(counts)
    assert list(status) == ["shown", "small", "complement", "shown"]
    assert list(disclosure.chart_cells(counts)["label"]) == ["10", "x", "x", "0"]


def test_two_hidden_cells_need_no_complement():
    counts = pd.Series([10, 1, 2])
    assert list(disclosure.cell_status(counts)) == ["shown", "small", "small"]


def test_zero_is_never_used_as_complement_and_a_lone_cell_stays_alone():
    # The hidden cell is the whole total: nothing can protect it, nothing else is hidden.
    counts = pd.Series([0, 2, 0])
    assert list(disclosure.cell_status(counts)) == ["shown", "small", "shown"]


def test_complementary_can_be_switched_off():
    counts = pd.Series([10, 2, 5])
    assert list(disclosure.cell_status(counts, complementary=False)) == ["shown", "small", "shown"]


def test_groups_with_known_totals_are_lines_too():
    # Group a (total 6 known) holds a single hidden 1, so its other cell 5 is hidden too;
    # the overall line then holds two hidden cells; group b is untouched.
    counts = pd.Series([5, 1, 4, 6])
    groups = pd.Series(["a", "a", "b", "b"])
    status = disclosure.cell_status(counts, within=groups)
    assert list(status) == ["complement", "small", "shown", "shown"]
    with pytest.raises(ValueError, match="same index"):
        disclosure.cell_status(counts, within=groups.set_axis(list("wxyz")))


def test_two_way_table_hides_along_rows_and_columns():
    table = pd.DataFrame(
        [[10, 1, 2], [10, 10, 10], [10, 10, 10]], index=["p", "q", "r"], columns=["u", "v", "w"]
    )
    shown = disclosure.protect_crosstab(table)
    # Row p already hides two cells; columns v and w hide one each, so the first of
    # their smallest shown cells (row q) is hidden as a complement.
    expected = [["10", "x", "x"], ["10", "x", "x"], ["10", "10", "10"]]
    assert shown.to_numpy().tolist() == expected
    assert list(shown.index) == ["p", "q", "r"] and list(shown.columns) == ["u", "v", "w"]


def test_two_way_table_with_exact_threshold_and_zeros_is_unchanged():
    table = pd.DataFrame([[3, 0], [0, 3]])
    assert disclosure.protect_crosstab(table).to_numpy().tolist() == [["3", "0"], ["0", "3"]]


def test_protect_table_hides_dependents_and_formats_the_rest():
    frame = pd.DataFrame(
        {
            "group": ["甲", "乙", "丙", "丁"],
            "loans": [10, 2, 5, 0],
            "amount_yuan": [1_000_000, 300_000, 450_000, 0],
            "share": [10 / 17, 2 / 17, 5 / 17, 0.0],
            "mean": [100_000.0, 150_000.0, 90_000.0, np.nan],
        }
    )
    out = disclosure.protect_table(
        frame, "loans", ["amount_yuan", "share", "mean"], formats={"share": "{:.0%}"}
    )
    assert list(out["group"]) == ["甲", "乙", "丙", "丁"]  # identifiers untouched
    assert list(out["loans"]) == ["10", "x", "x", "0"]
    assert list(out["amount_yuan"]) == ["1,000,000", "x", "x", "0"]
    assert list(out["share"]) == ["59%", "x", "x", "0%"]
    # An empty group keeps its row; its mean is undefined, not zero.
    assert out["mean"].iloc[3] == disclosure.UNDEFINED
    assert frame["loans"].tolist() == [10, 2, 5, 0]  # input not modified


def test_protect_table_names_missing_columns():
    frame = pd.DataFrame({"loans": [1]})
    with pytest.raises(KeyError, match="amount_yuan, unit_id"):
        disclosure.protect_table(frame, "loans", ["amount_yuan"], within="unit_id")


def test_chart_cells_draw_no_bar_for_hidden_cells():
    cells = disclosure.chart_cells(pd.Series([4, 1, 2, 0]))
    assert cells["length"].tolist() == [4.0, 0.0, 0.0, 0.0]
    assert cells["masked"].tolist() == [False, True, True, False]
    assert cells["label"].tolist() == ["4", "x", "x", "0"]


def test_rule_text_states_the_rule_in_both_languages():
    zh, en = disclosure.rule_text("zh"), disclosure.rule_text("en")
    assert "“x”" in zh and "0 照常显示" in zh and "small_cell_threshold" in zh
    assert '"x"' in en and "0 is shown" in en
    with pytest.raises(ValueError, match="language"):
        disclosure.rule_text("fr")
