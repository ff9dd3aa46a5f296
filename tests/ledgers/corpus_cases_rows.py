"""Corpus cases, part 2: values, rows, personal data, and the other four datasets.

Expected outcomes are in ``manifest.csv``; see ``make_corpus.py``.
"""

from __future__ import annotations

from datetime import datetime

from corpus_fakes import (
    LOAN_COLUMNS,
    NAMES,
    case,
    csv_bytes,
    fake_id,
    fake_landline,
    fake_mobile,
    loan,
    loans,
    table,
    xlsx_bytes,
)

YUAN_COLUMNS = tuple((k, "贷款金额（元）" if k == "amount" else h) for k, h in LOAN_COLUMNS)


# ---------------------------------------------------------------- values
@case("loans_wan_yuan.csv")
def _() -> bytes:  # 万元 with decimals; a unit in the cell wins; 12.34567 万元 is not whole yuan
    amounts = ["12.5", "８.８", "12.34567", "10万", "150000元", "1.5"]
    return csv_bytes(table(LOAN_COLUMNS, [loan(i, amount=a) for i, a in enumerate(amounts, 1)]))


@case("loans_fullwidth.csv")
def _() -> bytes:  # full-width digits and commas; 1,2000 is a typo, not a number
    amounts = ["１２０，０００", "８０,０００", "１０００００", "1,2000", "50,000.00"]
    rows = [loan(i, amount=a) for i, a in enumerate(amounts, 1)]
    rows[0].update(date="２０２０年９月１日", jobs="３")
    rows[1]["seq"] = "２"
    return csv_bytes(table(YUAN_COLUMNS, rows))


@case("loans_chinese_dates.csv")
def _() -> bytes:
    good = ["2020年9月1日", "2020.9.2", "2020/9/3", "20200904", "2020-9-5", "2020年9月6号",
            "2020-09-07 00:00:00"]  # fmt: skip
    dates = [*good, "2020年13月1日", "2020年2月30日", "九月一日", "2020年9月"]
    return csv_bytes(table(LOAN_COLUMNS, [loan(i, date=d) for i, d in enumerate(dates, 1)]))


@case("loans_units.csv")
def _() -> bytes:  # short, old and English unit names; a typo; another city; none
    units = ["中心路", "中心路街道", "中心路街道办事处", "上街区中心路街道", "峡窝镇人民政府",
             "Zhongxinlu", "中新路", "西城区", ""]  # fmt: skip
    return csv_bytes(table(LOAN_COLUMNS, [loan(i, unit=u) for i, u in enumerate(units, 1)]))


@case("loans_categories.csv")
def _() -> bytes:  # category synonyms; no 行业 column at all; an empty gender; 坏账
    cols = [c for c in LOAN_COLUMNS if c[0] != "sector"]
    rows = loans(6)
    rows[0].update(status="正常", gender="女性")
    rows[1].update(status="结清", category="大学生")
    rows[2].update(status="逾期未还", gender="企业", category="小微企业主")
    rows[3].update(category="退役士兵", gender="")
    rows[4].update(status="坏账")
    return csv_bytes(table(cols, rows))


# ---------------------------------------------------------------- rows
def _total(label: str, amount: str) -> dict[str, str]:
    return {"seq": label, "amount": amount}


@case("loans_totals.csv")
def _() -> bytes:  # a 小计 in the middle, 合计 and 总 计 at the end
    r = loans(5)
    rows = [*r[:3], _total("小计", "27.5"), *r[3:], _total("合计", "60.5"), _total("总 计", "60.5")]
    return csv_bytes(table(LOAN_COLUMNS, rows))


@case("loans_blank_rows.csv")
def _() -> bytes:  # blank rows inside the table count; blank lines after it do not
    cells = table(LOAN_COLUMNS, loans(5))
    blank = [""] * len(LOAN_COLUMNS)
    return csv_bytes([*cells[:3], blank, cells[3], [], *cells[4:], [], blank, []])


@case("loans_duplicate_ids.csv")
def _() -> bytes:  # 序号 2 twice with different amounts; row 4 pasted twice
    rows = [*loans(5), loan(2, amount="15"), loan(4)]
    return csv_bytes(table(LOAN_COLUMNS, rows))


@case("loans_negative_absurd.csv")
def _() -> bytes:
    overrides = [
        {"amount": "100000"},
        {"amount": "-50000"},
        {"amount": "0"},
        {"amount": "500000000"},  # 5亿: above any guarantee-loan cap
        {"amount": "15"},  # 15 元: 万元 in a 元 column
        {"amount": "80000", "term": "48"},
        {"amount": "80000", "jobs": "-1"},
        {"amount": "200000"},
    ]
    rows = [loan(i, **o) for i, o in enumerate(overrides, 1)]
    return csv_bytes(table(YUAN_COLUMNS, rows))


@case("loans_future_dates.csv")
def _() -> bytes:  # the as-of date itself is fine; the day after is not
    rows = [*loans(4), loan(5, date="2020年9月24日"), loan(6, date="2021年3月1日"),
            loan(7, date="1999年5月1日"), loan(8, date="2020年9月23日")]  # fmt: skip
    return csv_bytes(table(LOAN_COLUMNS, rows))


@case("loans_personal_free_text.csv")
def _() -> bytes:  # personal data where it does not belong, and a 填表人 line below
    cols = (*LOAN_COLUMNS, ("note", "备注"))
    rows = loans(4)
    for r in rows:
        r["note"] = f"已电话回访 {fake_mobile(int(r['seq']))}"  # 备注 is not kept at all
    rows.append(loan(5, community=f"虚构社区01（联系人：{NAMES[0]} {fake_mobile(5)}）"))
    rows.append(loan(6, seq=fake_id(6)))
    rows.append({"seq": f"填表人：{NAMES[1]}  联系电话：{fake_landline(7)}"})
    return csv_bytes(table(cols, rows))


# ---------------------------------------------------------------- other datasets
COMPOUND_HEADER = ["楼院编号", "楼院名称", "所属街道", "所属社区", "建成年代", "户数", "党组织",
                   "组建方式", "自治组织", "志愿服务队数", "联建单位", "是否物业试点",
                   "楼院长姓名", "联系电话"]  # fmt: skip


@case("compounds_gbk.csv")
def _() -> bytes:
    rows = [
        ["CP-01", "劳动局家属院", "中心路街道", "虚构社区01", "1995年", "120户", "临时党支部01",
         "单独组建", "自管会", "2", "区住建局（交通）局", "是"],
        ["CP-02", "虚构楼院02", "中心路", "虚构社区02", "1988", "60", "临时党支部02", "联合建",
         "业委会", "1", "区住建局（交通）局", "否"],
        ["CP-03", "虚构楼院03", "中心路街道办事处", "虚构社区03", "1990", "45", "", "", "", "0",
         "虚构联建单位A", "否"],
        ["CP-04", "虚构楼院04", "济源路街道", "虚构社区04", "2023", "80", "临时党支部04",
         "单独建", "楼院理事会", "3", "虚构联建单位B", "否"],  # built after 2020: out of range
        ["CP-05", "虚构楼院05", "工业路", "虚构社区05", "1985", "100", "临时党支部05", "单独建",
         "居民议事会", "1", "虚构联建单位C", "√"],
    ]  # fmt: skip
    for i, r in enumerate(rows):
        r += [NAMES[i], fake_mobile(100 + i)]
    return csv_bytes([COMPOUND_HEADER, *rows], "gbk")


def _d(month: int, day: int, year: int = 2020) -> datetime:
    return datetime(year, month, day)


@case("renovation_tasks.xlsx")
def _() -> bytes:
    header = ["序号", "楼院名称", "类别", "任务来源", "立项日期", "计划完成日期", "销号日期",
              "负责人", "联系电话"]  # fmt: skip
    ldj = "劳动局家属院"
    rows = [
        [1, ldj, "地下管网", "居民点单", _d(3, 1), _d(6, 30), _d(6, 20)],
        [2, ldj, "路面硬化", "居民", _d(4, 1), _d(10, 31), "未销号"],  # plan after as-of: fine
        [3, ldj, "照明", "社区", _d(5, 1), _d(7, 1), _d(4, 15)],  # closed before opened
        [4, ldj, "绿化", "街道", _d(10, 8), _d(12, 1), ""],  # opened after the as-of date
        [5, ldj, "停车", "联建单位", "2020年6月1日", "2020.8.1", "2020/7/30"],
        [6, "虚构楼院02", "照明", "居民自治组织", 44000, "2020-08-01", ""],  # serial 2020-06-18
    ]
    for i, r in enumerate(rows):
        r += [NAMES[i], fake_mobile(200 + i)]
    return xlsx_bytes({"销号清单": [header, *rows]})


@case("consultations_bom.csv")
def _() -> bytes:
    header = ["编号", "楼院", "活动日期", "活动形式", "参与人数", "户数", "党员干部人数",
              "意见建议数", "采纳数", "解决问题数", "主持人", "联系电话"]  # fmt: skip
    rows = [
        ["C1", "劳动局家属院", "2020年3月5日", "恳谈会", "20", "", "3", "5", "3", "2"],
        ["C2", "劳动局家属院", "2020.4.6", "线上问卷", "150", "120", "0", "30", "10", "5"],
        ["C3", "虚构楼院02", "2020/5/7", "入户走访", "8", "", "2", "4", "5", "1"],  # 5 > 4
        ["C4", "虚构楼院02", "2020-06-08", "主题活动", "40", "", "12", "0", "0", "0"],
        ["C5", "虚构楼院03", "2020年7月9日", "议事会", "15", "", "2", "6", "4", "6"],  # 6 > 4
        ["C6", "虚构楼院03", "2020年8月10日", "小板凳恳谈会", "12", "", "1", "3", "2", "1"],
    ]  # fmt: skip
    for i, r in enumerate(rows):
        r += [NAMES[i], fake_landline(300 + i)]
    return csv_bytes([header, *rows], "utf-8-sig")


@case("inspections.xlsx")
def _() -> bytes:
    header = ["检查编号", "场所编号", "场所类型", "所属街道", "检查单位", "专项行动",
              "检查日期", "检查性质", "原检查编号", "资质", "制度", "场所卫生", "健康证",
              "扫码测温", "检查结果", "意见建议数", "整改期限", "整改完成日期", "店主姓名",
              "联系电话"]  # fmt: skip
    ok5 = ["√"] * 5
    rows = [
        ["I-1", "P-1", "小餐饮店", "中心路", "市场监管局", "日常监督", _d(9, 1), "初查", "",
         *ok5, "合格", 0, "", ""],
        ["I-2", "P-2", "小食品店", "中心路街道", "联合", "六小督导检查", _d(9, 23), "初检", "",
         "√", "×", "√", "√", "√", "责令整改", 1, _d(10, 10), ""],  # deadline after as-of: fine
        ["I-3", "P-2", "小食品店", "中心路街道", "联合", "六小督导检查", _d(9, 23), "复查", "I-2",
         "√", "√", "√", "√", "/", "合格", 0, "", ""],
        ["I-4", "P-3", "机关食堂", "济源路", "纪委监委", "制止餐饮浪费专项监督", _d(9, 10), "初查",
         "", "√", "√", "×", "√", "√", "限期整改", 2, _d(9, 15), _d(9, 30)],  # rectified later
        ["I-5", "P-4", "小美容美发店", "峡窝镇", "卫健委", "日常监督", "2020.8.8", "初查", "",
         *ok5, "合格", 0, "", ""],
    ]  # fmt: skip
    for i, r in enumerate(rows):
        r += [NAMES[i], fake_mobile(400 + i)]
    return xlsx_bytes({"检查记录": [header, *rows]})
