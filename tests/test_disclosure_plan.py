"""One suppression pattern per dataset, over every breakdown together (issue 16).

Hand-built records; the expected pattern is worked out in each docstring.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.rules import disclosure


def _labels(**columns: list[str]) -> dict[str, pd.Series]:
    return {k: pd.Series(v, dtype=object) for k, v in columns.items()}


def test_identical_records_in_two_tables_are_one_cell():
    """Gender 不适用 holds exactly the business loans: hiding one and showing the other
    would give it away, so both share one status. Gender 未记录 (2) is small; its
    complement must not be 不适用 = 小微企业 (6, shown in the group table), so 女 is
    hidden (or both 不适用 and 小微企业 are, with a second group cell)."""
    gender = ["女"] * 10 + ["男"] * 12 + ["不适用"] * 6 + ["未记录"] * 2
    group = ["个人"] * 22 + ["小微企业"] * 6 + ["个人"] * 2
    plan = disclosure.plan(_labels(gender=gender, group=group), [("gender",), ("group",)], 3)
    g, b = plan.cells[("gender",)], plan.cells[("group",)]
    assert g[("未记录",)] == "small"
    assert g[("不适用",)] == b[("小微企业",)]
    assert (g != "shown").sum() >= 2
    if b[("小微企业",)] != "shown":
        assert (b != "shown").sum() >= 2


def test_unit_totals_do_not_pin_two_hidden_communities():
    """Unit u: 3 + 2 + 2 + 5 = 12. The two 2s are hidden; with one mark ("x" = any count
    of at least 1) their sum 4 leaves each anywhere in 1..3: nothing more to hide."""
    community = ["a"] * 3 + ["b"] * 2 + ["c"] * 2 + ["d"] * 5
    plan = disclosure.plan(
        _labels(unit=["u"] * 12, community=community), [("unit",), ("unit", "community")], 3
    )
    cells = plan.cells[("unit", "community")]
    assert list(cells.values) == ["shown", "small", "small", "shown"]


def test_a_single_hidden_community_gets_a_complement_and_the_frame_reads_it():
    """u: 1 + 4 + 6 = 11 and v: 5 (totals 11, 5, 16 shown): community a (1) is pinned by
    u's total unless b (the smallest shown sibling, 4) is hidden too. A frame carrying the
    plan gets that status from cell_status; the same counts without it fall back."""
    community = ["a"] + ["b"] * 4 + ["c"] * 6 + ["d"] * 5
    unit = ["u"] * 11 + ["v"] * 5
    plan = disclosure.plan(
        _labels(unit=unit, community=community), [("unit",), ("unit", "community")], 3
    )
    assert plan.cells[("unit", "community")][("u", "b")] == "complement"
    frame = pd.DataFrame(
        {"unit": ["u", "u", "u", "v"], "community": list("abcd"), "loans": [1, 4, 6, 5]}
    )
    from analysis.rules._disclosure_plan import decide

    frame.attrs["disclosure"] = decide(
        plan, frame, ("unit", "community"), ("unit", "community"), "loans"
    )
    assert list(disclosure.protect_table(frame, "loans")["loans"]) == ["x", "x", "6", "5"]
    changed = frame.assign(loans=[1, 4, 6, 6])  # another population: not the plan's cells
    assert list(disclosure.cell_status(changed["loans"])) == [
        "small",
        "complement",
        "shown",
        "shown",
    ]


def test_bad_labels_are_refused():
    with pytest.raises(ValueError, match="one label per record"):
        disclosure.plan(_labels(a=["1", "2"], b=["1"]), [("a",)], 3)
    with pytest.raises(KeyError, match="c"):
        disclosure.plan(_labels(a=["1"]), [("c",)], 3)
