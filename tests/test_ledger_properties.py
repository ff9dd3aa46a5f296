"""Property tests: every generated ledger row is accounted for; 元 ↔ 万元 is exact."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ledger import import_ledger
from analysis.ledger.values import MONEY_SCALES, scale_amount, to_wan

HEADER = ["序号", "放款日期", "所属街道", "所属社区", "贷款金额", "贷款期限（月）", "人员类别",
          "行业", "性别", "带动就业人数", "还款状态", "联系电话"]  # fmt: skip
UNITS = ["中心路街道", "中心路", "济源路街道办事处", "峡窝镇", "中新路", ""]
DATES = ["2020年3月{d}日", "2020.4.{d}", "2020/5/{d}", "2020-06-{d:02d}", "2021年1月{d}日",
         "2020年2月3{d}日", "{d}月"]  # fmt: skip

#: yuan amounts a ledger might hold: whole 万, round 千, odd yuan, and nonsense
yuan = st.one_of(
    st.integers(1, 300).map(lambda w: w * 10_000),
    st.integers(1, 3000).map(lambda k: k * 1_000),
    st.integers(-5, 5_000_000),
)


@st.composite
def ledger_rows(draw):
    """A row: a record (some good, some bad), a blank row, a total row or a note row."""
    shape = draw(st.sampled_from(["record"] * 6 + ["blank", "total", "note"]))
    if shape == "blank":
        return shape, [""] * len(HEADER), None
    if shape == "total":
        return shape, [draw(st.sampled_from(["合计", "总计", "小 计"]))] + [""] * 11, None
    if shape == "note":
        return shape, ["注：本表由社区填报"] + [""] * 11, None
    amount = draw(yuan)
    day = draw(st.integers(1, 9))
    row = [
        str(draw(st.integers(1, 40))),  # duplicates happen
        draw(st.sampled_from(DATES)).format(d=day),
        draw(st.sampled_from(UNITS)),
        "虚构社区01",
        str(amount),
        draw(st.sampled_from(["12", "24", "36", "48"])),
        draw(st.sampled_from(["高校毕业生", "退役军人", "大学生", "外星人"])),
        "餐饮",
        draw(st.sampled_from(["女", "男", ""])),
        str(draw(st.integers(0, 5))),
        "正常还款",
        f"139{draw(st.integers(0, 10**8 - 1)):08d}",
    ]
    return shape, row, amount


@st.composite
def ledgers(draw):
    rows = draw(st.lists(ledger_rows(), min_size=0, max_size=25))
    unit = draw(st.sampled_from(["元", "万元"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    return rows, unit, encoding


def _cell(amount: str, unit: str) -> str:
    return amount if unit == "元" else to_wan(int(amount))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_accepted_plus_rejected_is_every_row(ledger):
    rows, unit, encoding = ledger
    header = [h if h != "贷款金额" else f"贷款金额（{unit}）" for h in HEADER]
    cells = [
        r if shape != "record" else [*r[:4], _cell(r[4], unit), *r[5:]] for shape, r, _ in rows
    ]
    text = "\n".join(",".join(r) for r in [header, *cells]) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.csv"
        path.write_bytes(text.encode(encoding))
        result = import_ledger(path, "loans")
    # trailing blank rows are formatting, not rows of the table
    last = max((i for i, (_, r, _) in enumerate(rows) if any(r)), default=-1)
    assert result.rows_read == last + 1
    assert len(result.accepted) + len(result.rejected) == last + 1
    seen = sorted(result.accepted_rows + result.rejected["source_row"].tolist())
    assert seen == list(range(2, last + 3))
    for shape, code in (("blank", "blank_row"), ("total", "total_row")):
        expected = sum(s == shape for s, _, _ in rows[: last + 1])
        assert result.rejected["codes"].eq(code).sum() == expected
    amounts = {r: rows[r - 2][2] for r in result.accepted_rows}
    assert result.accepted["amount_yuan"].tolist() == [amounts[r] for r in result.accepted_rows]
    assert (
        not result.rejected.astype(str).apply(lambda c: c.str.contains(r"1[3-9]\d{9}")).any().any()
    )


@given(st.integers(0, 10**15))
def test_yuan_to_wan_and_back_is_exact(n):
    assert scale_amount(to_wan(n), "万元", MONEY_SCALES) == (str(n), None)
    assert Decimal(to_wan(n)) * 10_000 == n


@given(st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False))
def test_wan_amounts_are_whole_yuan_or_rejected(wan):
    value, issue = scale_amount(f"{wan:f}", "万元", MONEY_SCALES)
    yuan = wan * 10_000
    if yuan == yuan.to_integral_value():
        assert issue is None and value == str(int(yuan))
    else:  # never rounded: 12.34567 万元 is not a number of yuan
        assert issue is not None and issue.code == "not_whole"
