"""Realistic ledgers (台账) of every importable kind, for the end-to-end test of the real-data path.

They look like what a district office keeps: Chinese headers in the office's own words, real-
looking community and compound names that the shipped reference tables do not know, no
repayment column in the loan issuance ledger, amounts in 万元, personal columns (fake and
impossible: region code 99xxxx, names 张三 …, phones 139000000NN), and a few bad rows that
the importer must reject with a reason. Same seed, same bytes.

:func:`write_all` writes one CSV per kind and returns, per kind, what the good rows are, so a
test can recompute every figure a page states from them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from ledgers.corpus_fakes import (
    NAMES,
    fake_id,
    fake_mobile,
)  # tests/ledgers (pytest puts tests/ on the path)

SEED = 20201001
#: Real-looking places, none of them in data/synthetic/communities.csv.
COMMUNITIES = {
    "中心路街道": ("东街社区", "西街社区", "安阳路社区"),
    "济源路街道": ("金华社区", "银河社区"),
    "新安路街道": ("新苑社区",),
    "峡窝镇": ("马固村",),
}
UNIT_IDS = {
    "中心路街道": "zhongxinlu",
    "济源路街道": "jiyuanlu",
    "新安路街道": "xinanlu",
    "峡窝镇": "xiawo",
}
GROUPS = ("城镇登记失业人员", "高校毕业生", "返乡创业农民工", "网络商户", "就业困难人员")
SECTORS = ("餐饮", "批发零售", "电商", "养殖", "维修服务")
COMPOUNDS = ("铝厂家属院", "电厂老院", "粮站家属楼", "供销社家属院", "邮电局家属院", "二中家属院")


@dataclass
class Ledger:
    """One written ledger: its kind, file, and the good rows as the importer should keep them."""

    kind: str
    path: Path
    good: list[dict[str, object]] = field(default_factory=list)
    bad: int = 0


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def loans(folder: Path, rng: np.random.Generator, n_good: int = 40) -> Ledger:
    """An issuance ledger (发放台账): no repayment status; amounts in 万元; 3 bad rows."""
    header = [
        "序号", "姓名", "性别", "身份证号码", "联系电话", "所属街道（镇）", "社区", "人员类别",
        "经营项目", "贷款金额（万元）", "贷款期限（月）", "放款日期", "经办银行", "带动就业人数",
    ]  # fmt: skip
    ledger = Ledger("loans", folder / "发放台账.csv")
    rows: list[list[object]] = []
    units = list(COMMUNITIES)
    for i in range(1, n_good + 1):
        unit = units[int(rng.integers(len(units)))]
        community = rng.choice(COMMUNITIES[unit])
        wan = float(rng.choice([5, 8, 10, 12, 15, 20]))
        month, day = int(rng.integers(1, 9)), int(rng.integers(1, 28))
        issued = f"2020-{month:02d}-{day:02d}"
        jobs = int(rng.integers(1, 6))
        group, sector = rng.choice(GROUPS), rng.choice(SECTORS)
        gender = rng.choice(["男", "女"])
        rows.append(
            [i, NAMES[i % len(NAMES)], gender, fake_id(i), fake_mobile(i), unit, community,
             group, sector, f"{wan:g}", 24, issued, "郑州银行上街支行", jobs]
        )  # fmt: skip
        ledger.good.append(
            {
                "unit_id": UNIT_IDS[unit],
                "community_id": str(community),
                "amount_yuan": int(round(wan * 10_000)),
                "issued_on": issued,
                "jobs_created": jobs,
                "borrower_category": str(group),
                "sector": str(sector),
            }
        )
    # Bad rows: an impossible date, an amount in words, a missing amount.
    base = [NAMES[0], "男", fake_id(90), fake_mobile(90), "中心路街道", "东街社区", GROUPS[0]]
    rows.append([n_good + 1, *base, "餐饮", "10", 24, "2020-02-30", "郑州银行", 2])
    rows.append([n_good + 2, *base, "餐饮", "十万", 24, "2020-03-02", "郑州银行", 2])
    rows.append([n_good + 3, *base, "餐饮", "", 24, "2020-03-03", "郑州银行", 2])
    ledger.bad = 3
    _write(ledger.path, header, rows)
    return ledger


def compounds(folder: Path, rng: np.random.Generator) -> Ledger:
    """A compound register with real-looking names in 中心路街道; one row with no name."""
    header = ["序号", "楼院名称", "所属街道（镇）", "所属社区", "建成年份", "户数",
              "党组织", "组建方式", "自治组织", "志愿服务队数", "物业试点"]  # fmt: skip
    ledger = Ledger("compounds", folder / "楼院台账.csv")
    rows: list[list[object]] = []
    for i, name in enumerate(COMPOUNDS, start=1):
        community = COMMUNITIES["中心路街道"][i % 3]
        year = int(rng.integers(1985, 2000))
        households = int(rng.integers(20, 90))
        rows.append(
            [i, name, "中心路街道", community, year, households, f"{name}临时党支部",
             "单独建", "自管会", int(rng.integers(0, 3)), "否"]
        )  # fmt: skip
        ledger.good.append({"compound_id": str(i), "name_zh": name, "households": households})
    rows.append([len(COMPOUNDS) + 1, "", "中心路街道", "东街社区", "1990", "x", "", "", "", "", ""])
    ledger.bad = 1
    _write(ledger.path, header, rows)
    return ledger


def renovation_tasks(folder: Path, rng: np.random.Generator) -> Ledger:
    """A checklist (清单) of tasks per compound: some closed, some open; one bad date."""
    header = [
        "任务编号",
        "楼院编号",
        "任务类别",
        "任务来源",
        "立项日期",
        "计划完成日期",
        "销号日期",
    ]
    ledger = Ledger("renovation_tasks", folder / "整治清单.csv")
    categories = ("环境卫生", "绿化", "道路硬化", "线缆整治", "安防监控")
    rows: list[list[object]] = []
    n = 0
    for compound in range(1, len(COMPOUNDS) + 1):
        for _ in range(int(rng.integers(2, 5))):
            n += 1
            opened = f"2020-0{int(rng.integers(1, 5))}-1{int(rng.integers(0, 9))}"
            planned = f"2020-0{int(rng.integers(6, 9))}-20"
            closed = f"2020-0{int(rng.integers(5, 9))}-0{int(rng.integers(1, 9))}"
            closed = closed if rng.random() < 0.6 else ""
            rows.append([f"T{n:03d}", compound, rng.choice(categories), "居民提出", opened,
                         planned, closed])  # fmt: skip
            ledger.good.append({"task_id": f"T{n:03d}", "closed": bool(closed)})
    rows.append(["T999", 1, "绿化", "居民提出", "2020-13-01", "2020-08-01", ""])
    ledger.bad = 1
    _write(ledger.path, header, rows)
    return ledger


def consultations(folder: Path, rng: np.random.Generator) -> Ledger:
    """Resident consultations (议事) per compound; one count written in words."""
    header = ["活动编号", "楼院编号", "活动形式", "活动日期", "参与人数", "参与户数",
              "党员干部人数", "意见建议数", "采纳数", "解决问题数"]  # fmt: skip
    ledger = Ledger("consultations", folder / "议事台账.csv")
    rows: list[list[object]] = []
    for i in range(1, 13):
        compound = 1 + (i % len(COMPOUNDS))
        suggestions = int(rng.integers(1, 8))
        adopted = int(rng.integers(0, suggestions + 1))
        resolved = int(rng.integers(0, adopted + 1))
        rows.append([f"C{i:03d}", compound, rng.choice(["小板凳恳谈会", "居民议事会"]),
                     f"2020-0{int(rng.integers(3, 9))}-15", int(rng.integers(5, 30)),
                     int(rng.integers(5, 20)), int(rng.integers(0, 4)), suggestions,
                     adopted, resolved])  # fmt: skip
        ledger.good.append({"consultation_id": f"C{i:03d}", "suggestions": suggestions})
    rows.append(["C099", 1, "居民议事会", "2020-05-15", "若干", 10, 2, 3, 1, 1])
    ledger.bad = 1
    _write(ledger.path, header, rows)
    return ledger


def inspections(folder: Path, rng: np.random.Generator) -> Ledger:
    """First inspections of 六小 premises (one failing item each time it fails)."""
    header = ["检查编号", "场所编号", "场所类型", "所属街道（镇）", "检查单位", "专项行动",
              "检查日期", "检查性质", "资质", "制度", "场所卫生", "健康证", "扫码及测体温",
              "检查结果", "意见建议数", "整改期限", "整改完成日期"]  # fmt: skip
    ledger = Ledger("inspections", folder / "检查台账.csv")
    rows: list[list[object]] = []
    for i in range(1, 31):
        failed = rng.random() < 0.25
        hygiene = "不合格" if failed else "合格"
        unit = list(UNIT_IDS)[i % len(UNIT_IDS)]
        rows.append([f"J{i:03d}", f"P{i:03d}", rng.choice(["小餐饮店", "小超市"]), unit,
                     "区卫健委", "六小督导检查", f"2020-0{int(rng.integers(6, 9))}-1{i % 9}",
                     "初查", "合格", "合格", hygiene, "合格", "合格",
                     "限期整改" if failed else "合格", 0, "", ""])  # fmt: skip
        ledger.good.append({"inspection_id": f"J{i:03d}", "failed": failed})
    rows.append(["J999", "P999", "小餐饮店", "中心路街道", "区卫健委", "六小督导检查",
                 "2020/9/31", "初查", "合格", "合格", "合格", "合格", "合格", "合格", 0, "",
                 ""])  # fmt: skip
    ledger.bad = 1
    _write(ledger.path, header, rows)
    return ledger


def write_all(folder: Path, seed: int = SEED) -> dict[str, Ledger]:
    """Write a ledger of every importable kind into ``folder``; return them by kind."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    made = [
        loans(folder, rng),
        compounds(folder, rng),
        renovation_tasks(folder, rng),
        consultations(folder, rng),
        inspections(folder, rng),
    ]
    return {ledger.kind: ledger for ledger in made}


if __name__ == "__main__":  # python tests/realistic_ledgers.py FOLDER: sample ledgers to try
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "sample-ledgers")
    for kind, ledger in write_all(target).items():
        print(f"{kind:17} {ledger.path}  ({len(ledger.good)} good rows, {ledger.bad} bad)")
