"""English edition of tables: categories translated for display, data untouched."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.tables import english_labels, english_table, install_english_tables


def test_categories_units_and_labels_are_translated():
    frame = pd.DataFrame(
        {
            "loan_id": ["L-1", "L-2"],
            "status": pd.Categorical(["逾期", "正常还款"], ["正常还款", "逾期", "已结清"]),
            "unit": ["中心路街道", "峡窝镇"],
            "amount_yuan": [100_000, 50_000],
            "note": ["自由文本", "不适用"],
        },
        index=pd.Index(["合计", "x"], name="row"),
    )
    out = english_table(frame)
    assert out["status"].tolist() == ["overdue", "current"]
    assert out["unit"].tolist() == ["Zhongxinlu Subdistrict", "Xiawo Town"]
    assert out["loan_id"].tolist() == ["L-1", "L-2"]  # ids stay
    assert out["amount_yuan"].tolist() == [100_000, 50_000]  # numbers stay
    assert out["note"].tolist() == ["自由文本", "not applicable"]  # only whole-cell categories
    assert out.index.tolist() == ["total", "x"]
    assert frame["status"].tolist() == ["逾期", "正常还款"]  # the input is not changed


def test_shared_values_take_the_label_that_fits_every_domain():
    assert english_labels()["不适用"] == "not applicable"
    assert english_labels()["合格"] == "pass"


def test_crosstab_columns_are_translated():
    table = pd.crosstab(pd.Series(["初查", "复查"], name="kind"), pd.Series(["合格", "不合格"]))
    out = english_table(table)
    assert set(out.columns) == {"pass", "fail"} and set(out.index) == {
        "first visit",
        "re-inspection",
    }


def test_nothing_to_install_outside_ipython():
    assert install_english_tables() is False
