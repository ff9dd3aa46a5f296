"""Intervals and the chance benchmark of the loan findings (issue 16)."""

from __future__ import annotations

import pytest

from analysis.loans import findings as loan_findings
from analysis.loans import metrics as loans
from analysis.rules import inequality
from analysis.rules.intervals import wilson


def test_chance_allocation_by_hand():
    """Two equal loans over one place: that place holds all, Gini 0, none empty. Over
    two places each draw either splits them (Gini 0, none empty) or not (Gini 0.5, one
    empty): the mean lies strictly between, the range spans both."""
    one = inequality.chance_allocation([5.0, 5.0], 1)
    assert one["gini"] == 0.0 and one["empty"] == 0.0
    two = inequality.chance_allocation([5.0, 5.0], 2)
    assert 0.0 < two["gini"] < 0.5 and (two["gini_low"], two["gini_high"]) == (0.0, 0.5)
    assert (two["empty_low"], two["empty_high"]) == (0.0, 1.0)
    assert inequality.chance_allocation([5.0, 5.0], 2) == two  # seeded: same every run
    with pytest.raises(ValueError):
        inequality.chance_allocation([5.0], 0)


def test_wilson_matches_the_issue():
    low, high = wilson(3, 87)
    assert round(low, 3) == 0.012 and round(high, 3) == 0.097
    with pytest.raises(ValueError):
        wilson(4, 3)


def test_shipped_community_gini_is_what_chance_gives(loans_df, communities_df):
    per_community = loans.by_community(loans_df, communities_df)
    summary, _ = loans.concentration(loans_df, communities_df)
    found = loan_findings.concentration(summary, per_community, loans_df, "en")
    chance = inequality.chance_allocation(loans_df["amount_yuan"], len(per_community))
    assert found.values["chance_gini"] == pytest.approx(chance["gini"])
    observed = inequality.gini(per_community["amount_yuan"])
    inside = chance["gini_low"] <= observed <= chance["gini_high"]
    assert ("lies inside that range" in found.text) == inside
    assert inside, "issue 16 measured 0.405 against a chance range of 0.35-0.50"
    assert "mainly because" not in found.text  # no reason given for what chance gives
    low, high = inequality.gini_interval(loans_df["amount_yuan"])
    assert low < inequality.gini(loans_df["amount_yuan"]) < high
