"""Overview coverage shares are set beside 中心路街道's with 95 % Wilson intervals: "below"
only when the intervals do not overlap, small units never compared (hand-computed)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from scipy.stats import binomtest

from analysis import overview, renovation
from analysis.overview._intervals import versus_focus
from analysis.rules.intervals import wilson

HAN = re.compile(r"[\u3400-\u9fff]")


def _row(unit: str, n: int, party: int, body: int) -> dict:
    return {"unit_id": unit, "compounds": n, "with_party_org": party, "with_resident_body": body}


def test_wilson_of_34_in_34_is_the_closed_form():
    # p = 1: the lower bound is n / (n + z^2)
    z = 1.959963984540054
    assert wilson(34, 34) == pytest.approx((34 / (34 + z * z), 1.0))
    assert all(math.isnan(x) for x in wilson(0, 0))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_below_only_when_the_intervals_are_apart(lang):
    focus = pd.Series(_row("zhongxinlu", 34, 34, 34))
    others = pd.DataFrame([_row("jiyuanlu", 10, 8, 4), _row("xiawo", 7, 1, 1)])
    sentences, values = versus_focus(focus, others, lang)
    text = " ".join(sentences)
    # 8/10: (0.49, 0.94) overlaps (0.90, 1.00); 4/10: (0.17, 0.69) does not
    assert values["compared"]["jiyuanlu:with_party_org"][-1] is False
    assert values["compared"]["jiyuanlu:with_resident_body"][-1] is True
    lo, hi = binomtest(4, 10).proportion_ci(method="wilson")
    assert values["compared"]["jiyuanlu:with_resident_body"][1:3] == pytest.approx((lo, hi))
    assert "xiawo" not in str(values["compared"])  # 7 compounds: too few to compare
    if lang == "en":
        assert "is below Zhongxinlu Subdistrict's" in text and "do not tell them apart" in text
        assert "Xiawo" not in text and not HAN.search(text)
    else:
        assert "低于中心路街道" in text and "记录不足以区分两者" in text


def test_nothing_compared_without_a_unit_of_ten():
    focus = pd.Series(_row("zhongxinlu", 34, 34, 34))
    assert versus_focus(focus, pd.DataFrame([_row("xiawo", 7, 1, 1)]), "en") == ([], {})


def test_shipped_coverage_intervals_recomputed(compounds_df, units_df, published_figures_df):
    coverage = renovation.coverage_by_unit(compounds_df, units_df)
    found = overview.findings.coverage(coverage, compounds_df, published_figures_df, "en")
    big = coverage[
        ~coverage["unit_id"].isin(["shangjie", "zhongxinlu"]) & (coverage["compounds"] >= 10)
    ]
    for row in big.itertuples():
        k, n = int(row.with_resident_body), int(row.compounds)
        ci = binomtest(k, n).proportion_ci(method="wilson")
        got = found.values["compared"][f"{row.unit_id}:with_resident_body"]
        assert got[:3] == pytest.approx((k / n, ci.low, ci.high))
    assert "95% CI" in found.text and not HAN.search(found.text)
