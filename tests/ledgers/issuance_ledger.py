"""An ordinary loan issuance ledger (创业担保贷款发放台账), as a district office keeps one.

    python tests/ledgers/issuance_ledger.py OUTDIR     # write the CSV and XLSX, to look at them

The headers are those of a real issuance ledger — 序号, 姓名, 性别, 身份证号码, 联系电话,
所属街道（镇）, 社区, 人员类别, 经营项目, 贷款金额（万元）, 贷款期限（月）, 放款日期, 经办银行,
带动就业人数 — with no repayment column (an issuance ledger does not record repayment).
Community names are real-looking (东街社区 …) and not in the synthetic reference list; the
borrower groups are worded as the loan notices word them (就业困难人员（含残疾人）,
复员转业退役军人 …); the business is the ledger's own wording (电商, 养殖, 维修服务 …).

:data:`N_GOOD` good rows, then :data:`BAD` rows the importer must reject, each for one
reason. The personal data is fake *and cannot be real* (region code 99xxxx, placeholder
names, 139000000NN phones; see ``corpus_fakes``). Deterministic: same bytes every run.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from corpus_fakes import NAMES, csv_bytes, fake_id, fake_mobile, write, xlsx_bytes

HEADER = (
    "序号", "姓名", "性别", "身份证号码", "联系电话", "所属街道（镇）", "社区", "人员类别",
    "经营项目", "贷款金额（万元）", "贷款期限（月）", "放款日期", "经办银行", "带动就业人数",
)  # fmt: skip
#: unit as the ledger writes it, its unit_id, and communities of it (none in the shipped list)
PLACES = (
    ("中心路街道", "zhongxinlu", ("东街社区", "西街社区", "安阳路社区")),
    ("济源路街道", "jiyuanlu", ("金华社区", "银河社区")),
    ("新安路街道", "xinanlu", ("新苑社区",)),
    ("工业路街道", "gongyelu", ("工业路社区",)),
    ("矿山街道", "kuangshan", ("矿山社区",)),
    ("峡窝镇", "xiawo", ("马固村", "峡窝村")),
)
#: borrower group as written → as the vocabulary reads it (None: kept as written)
GROUPS = (
    ("城镇登记失业人员", "城镇登记失业人员"),
    ("就业困难人员（含残疾人）", "就业困难人员"),
    ("复员转业退役军人", "退役军人"),
    ("高校毕业生", "高校毕业生"),
    ("返乡创业农民工", "返乡创业农民工"),
    ("网络商户", "网络商户"),
    ("建档立卡贫困人口", "建档立卡贫困人口"),
    ("刑满释放人员", "刑满释放人员"),
)
#: business as written → as read (养殖 via the alias table; 电商 … kept in their own wording)
SECTORS = (
    ("餐饮", "餐饮"),
    ("电商", "电商"),
    ("养殖", "种植养殖"),
    ("维修服务", "维修服务"),
    ("超市", "批发零售"),
    ("服装加工", "服装加工"),
)
AMOUNTS_WAN = ("10", "15", "20", "12.5", "8", "5", "30")
TERMS = ("24", "36", "36", "24", "12")
BANKS = ("郑州银行上街支行", "中原银行上街支行", "邮储银行上街支行")
N_GOOD = 40
#: A community of the community list that no loan names: (name, unit as written, unit_id).
ZERO_LOAN_COMMUNITY = ("南苑社区", "新安路街道", "xinanlu")
#: source row (spreadsheet) → reason code the importer must give it.
BAD = {
    N_GOOD + 2: "bad_date",  # 放款日期 2020年13月5日: no such month
    N_GOOD + 3: "not_whole",  # 贷款金额 written 拾万: not digits
    N_GOOD + 4: "missing_value",  # 贷款金额 left empty
}


@dataclass(frozen=True)
class Loan:
    """A good row as the importer must read it."""

    loan_id: str
    issued_on: str
    unit_id: str
    community_id: str
    amount_yuan: int
    term_months: int
    borrower_category: str
    sector: str
    gender: str
    jobs_created: int


def _good(i: int) -> tuple[list[str], Loan]:
    unit, unit_id, communities = PLACES[i % len(PLACES)]
    community = communities[(i // len(PLACES)) % len(communities)]
    group, group_read = GROUPS[(i * 3) % len(GROUPS)]
    sector, sector_read = SECTORS[(i * 5) % len(SECTORS)]
    amount = AMOUNTS_WAN[(i * 2) % len(AMOUNTS_WAN)]
    term = TERMS[i % len(TERMS)]
    month, day = 1 + i % 9, 1 + (i * 7) % 28
    gender = "女" if i % 3 == 0 else "男"
    jobs = 1 + i % 5
    cells = [
        str(i), NAMES[i % len(NAMES)], gender, fake_id(i), fake_mobile(i), unit, community,
        group, sector, amount, term, f"2020年{month}月{day}日", BANKS[i % len(BANKS)], str(jobs),
    ]  # fmt: skip
    loan = Loan(
        str(i), f"2020-{month:02d}-{day:02d}", unit_id, community,
        int(Decimal(amount) * 10_000), int(term), group_read, sector_read, gender, jobs,
    )  # fmt: skip
    return cells, loan


def rows() -> tuple[list[list[str]], list[Loan]]:
    """Every data row (good ones first, then :data:`BAD`) and the good rows as read."""
    cells, good = [], []
    for i in range(1, N_GOOD + 1):
        row, loan = _good(i)
        cells.append(row)
        good.append(loan)
    for n, (source_row, code) in enumerate(BAD.items(), start=N_GOOD + 1):
        row = _good(n)[0]
        if code == "bad_date":
            row[11] = "2020年13月5日"
        elif code == "not_whole":
            row[9] = "拾万"
        else:
            row[9] = ""
        assert source_row == n + 1  # header on row 1
        cells.append(row)
    return cells, good


def issuance_csv() -> bytes:
    """The ledger as a CSV (UTF-8 with BOM, as Excel on Chinese Windows saves it)."""
    cells, _ = rows()
    return csv_bytes([list(HEADER), *cells], encoding="utf-8-sig")


def issuance_xlsx() -> bytes:
    """The ledger as a workbook: a title row above the header, as offices print them."""
    cells, _ = rows()
    title = ["上街区2020年创业担保贷款发放台账"] + [""] * (len(HEADER) - 1)
    # 序号 and 带动就业人数 are numbers in a workbook, the rest text as typed
    typed = [
        [int(c) if j in (0, 13) and c.isdigit() else c for j, c in enumerate(r)] for r in cells
    ]
    return xlsx_bytes({"发放台账": [title, list(HEADER), *typed]}, merges={"发放台账": ["A1:N1"]})


def communities_csv() -> bytes:
    """A researcher's community list: 社区名称 and 所属街道（镇）, every community the loans
    name plus :data:`ZERO_LOAN_COMMUNITY`, which no loan names (kept with zero loans)."""
    cells = [["社区名称", "所属街道（镇）"]]
    for unit, _, communities in PLACES:
        cells += [[name, unit] for name in communities]
    cells.append([ZERO_LOAN_COMMUNITY[0], ZERO_LOAN_COMMUNITY[1]])
    return csv_bytes(cells, encoding="utf-8")


def write_all(out_dir: str | Path) -> dict[str, Path]:
    """Write 发放台账.csv, 发放台账.xlsx and 社区名单.csv into ``out_dir``."""
    out = Path(out_dir)
    return {
        "csv": write(out / "发放台账.csv", issuance_csv()),
        "xlsx": write(out / "发放台账.xlsx", issuance_xlsx()),
        "communities": write(out / "社区名单.csv", communities_csv()),
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in write_all(sys.argv[1]).values():
        print(path)
