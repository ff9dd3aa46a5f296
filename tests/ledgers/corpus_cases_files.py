"""Corpus cases, part 1: encodings, file formats, workbooks, headers (loans ledgers).

Expected outcomes are in ``manifest.csv``; see ``make_corpus.py``.
"""

from __future__ import annotations

import random
from datetime import datetime

from corpus_fakes import (
    LOAN_COLUMNS,
    NAMES,
    case,
    csv_bytes,
    fake_mobile,
    loan,
    loans,
    table,
    xlsx_bytes,
)


# ---------------------------------------------------------------- encodings
@case("loans_utf8.csv")
def _() -> bytes:
    return csv_bytes(table(LOAN_COLUMNS, loans(8)))


@case("loans_utf8_bom.csv")
def _() -> bytes:
    return csv_bytes(table(LOAN_COLUMNS, loans(8)), "utf-8-sig")


@case("loans_gbk.csv")
def _() -> bytes:
    return csv_bytes(table(LOAN_COLUMNS, loans(8)), "gbk")


@case("loans_gb18030.csv")
def _() -> bytes:  # 𠮷 is outside GBK: only GB18030 (4-byte) can hold this name
    rows = loans(8)
    rows[2]["name"] = "王𠮷"
    return csv_bytes(table(LOAN_COLUMNS, rows), "gb18030")


@case("loans_tab.tsv")
def _() -> bytes:
    return csv_bytes(table(LOAN_COLUMNS, loans(5)), "utf-8", delimiter="\t")


@case("loans_garbage_bytes.csv")
def _() -> bytes:  # one row damaged in transit: it is rejected, the other six are not
    lines = csv_bytes(table(LOAN_COLUMNS, loans(7))).split(b"\r\n")
    lines[4] = lines[4].replace("虚构社区".encode(), b"\xff\xfe\x80\x81", 1)
    return b"\r\n".join(lines)


@case("binary.csv")
def _() -> bytes:
    return random.Random(20200923).randbytes(4000)


@case("empty.csv")
def _() -> bytes:
    return b""


@case("whitespace_only.csv")
def _() -> bytes:
    return b"\xef\xbb\xbf\r\n   \r\n"


@case("header_only.csv")
def _() -> bytes:
    return csv_bytes(table(LOAN_COLUMNS, []))


@case("prose.txt")
def _() -> bytes:
    text = "上街区创业担保贷款工作总结\n\n今年以来，全区共发放创业担保贷款，效果良好。\n"
    return text.encode("utf-8")


@case("old_excel.xls")
def _() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


# ---------------------------------------------------------------- workbooks
TITLE = "上街区2020年创业担保贷款发放台账"


@case("loans_title_rows.xlsx")
def _() -> bytes:  # 2 title rows, a blank row, a 合计 row, formatted empty rows below
    body = table(LOAN_COLUMNS, loans(8))
    cells = [[TITLE], ["填报单位：区人社局    单位：万元"], *body[:5], [], *body[5:]]
    cells.append(["合计", "", "", "", "", "", "88", "", "", "", "", "", "", ""])

    def formatted_tail(wb) -> None:
        wb.active["A40"].number_format = "0.00"  # Excel keeps such rows; they are not data

    return xlsx_bytes({"台账": cells}, {"台账": ["A1:N1", "A2:N2"]}, formatted_tail)


@case("loans_merged_header.xlsx")
def _() -> bytes:  # two header rows, group cells merged across, 序号 merged down
    cols = LOAN_COLUMNS
    top = ["序号", "借款人信息", "", "", "所属街道", "所属社区", "贷款信息", "", "", "人员类别",
           "行业", "性别", "带动就业人数", "还款状态"]  # fmt: skip
    sub = ["", "姓名", "身份证号码", "联系电话", "", "", "金额（万元）", "期限（月）", "放款日期",
           "", "", "", "", ""]  # fmt: skip
    rows = loans(6)
    for r in rows[1:3]:
        r["unit"] = ""  # the block of three shares one merged 街道 cell
    rows[0]["unit"] = "中心路街道"
    cells = [top, sub, *table(cols, rows, header=False)]
    merges = ["A1:A2", "B1:D1", "E1:E2", "F1:F2", "G1:I1", *(f"{c}1:{c}2" for c in "JKLMN")]
    return xlsx_bytes({"Sheet1": cells}, {"Sheet1": [*merges, "E3:E5"]})


def _guide_sheet() -> list[list[object]]:
    return [["填表说明"], ["1. 金额单位为万元"], ["2. 联系人：" + NAMES[0] + " " + fake_mobile(0)]]


@case("loans_several_sheets.xlsx")
def _() -> bytes:  # the ledger is the one sheet with a loans header
    lists = [["人员类别", "行业"], ["高校毕业生", "餐饮"], ["退役军人", "批发零售"]]
    sheets = {
        "填表说明": _guide_sheet(),
        "2020年台账": table(LOAN_COLUMNS, loans(6)),
        "字典": lists,
    }
    return xlsx_bytes(sheets)


@case("loans_two_ledgers.xlsx")
def _() -> bytes:  # two years, two ledgers: which one is meant must be said
    y2019 = loans(4, date="2019年5月6日")
    return xlsx_bytes(
        {"2019年": table(LOAN_COLUMNS, y2019), "2020年": table(LOAN_COLUMNS, loans(7, 10))}
    )


@case("loans_excel_serials.xlsx")
def _() -> bytes:  # date cells, serial numbers, serial text, and a bare year
    rows = loans(6)
    dates: list[object] = [
        datetime(2020, 9, 1), 44076, 44077.0, "44078", "2020/9/5", 2020,
    ]  # fmt: skip
    cells = table(LOAN_COLUMNS, rows)
    at = [h for _, h in LOAN_COLUMNS].index("放款日期")
    for row, d in zip(cells[1:], dates, strict=True):
        row[at] = d
    return xlsx_bytes({"Sheet1": cells})


@case("loans_numbers_as_numbers.xlsx")
def _() -> bytes:  # Excel turned ID and phone numbers into numbers
    cells = table(LOAN_COLUMNS, loans(5))
    for row in cells[1:]:
        row[2], row[3] = float(row[2].replace("X", "0")), int(row[3])
        row[6], row[12] = float(row[6]), int(row[12])
    return xlsx_bytes({"Sheet1": cells})


@case("loans_workbook_named.csv")
def _() -> bytes:  # a workbook saved with a .csv name: content decides
    return xlsx_bytes({"Sheet1": table(LOAN_COLUMNS, loans(5))})


# ---------------------------------------------------------------- headers
VARIANT_COLUMNS = (
    ("seq", "序 号"),
    ("name", "借款人\n姓名"),
    ("unit", "所属街道(镇)"),
    ("community", "社区"),
    ("date", " 放款日期 "),
    ("amount", "发放金额（元）"),
    ("term", "贷款期限【月】"),
    ("category", "人员 类别"),
    ("sector", "所属行业"),
    ("gender", "性别*"),
    ("jobs", "带动就业（人）"),
    ("status", "还款情况"),
)


@case("loans_header_variants.csv")
def _() -> bytes:
    rows = loans(6)
    for r in rows:
        r["amount"] = str(int(float(r["amount"]) * 10000))
    return csv_bytes(table(VARIANT_COLUMNS, rows))


SYNONYM_COLUMNS = (
    ("seq", "合同编号"),
    ("date", "发放日期"),
    ("unit", "乡镇街道"),
    ("community", "所在社区"),
    ("amount", "贷款金额(元)"),
    ("term", "借款期限"),
    ("category", "借款人类别"),
    ("sector", "经营行业"),
    ("gender", "性别"),
    ("jobs", "吸纳就业人数"),
    ("status", "贷款状态"),
    ("phone", "联系方式"),
    ("note", "备注"),
)


@case("loans_synonyms.csv")
def _() -> bytes:
    rows = loans(6)
    for r in rows:
        r["seq"] = f"HT2020{int(r['seq']):04d}"
        r["amount"] = f"{int(float(r['amount']) * 10000):,}"
        r["note"] = f"联系人：{r['name']}，电话{r['phone']}"
    return csv_bytes(table(SYNONYM_COLUMNS, rows))


@case("loans_two_row_header.csv")
def _() -> bytes:  # a merged group row, exported to CSV: label in the first cell only
    top = ["", "借款人信息", "", "", "", "", "贷款信息", "", "", "", "", "", "", ""]
    sub = ["序号", "姓名", "身份证号", "手机", "所属街道", "所属社区", "金额（万元）", "期限（月）",
           "放款日期", "人员类别", "行业", "性别", "带动就业人数", "还款状态"]  # fmt: skip
    return csv_bytes([top, sub, *table(LOAN_COLUMNS, loans(5), header=False)])


@case("loans_years_term.csv")
def _() -> bytes:
    cols = [(k, "贷款期限（年）" if k == "term" else h) for k, h in LOAN_COLUMNS]
    terms = ["3", "2", "2.5", "36个月", "1.25", "2.55"]  # last: 30.6 months
    return csv_bytes(table(cols, [loan(i, term=t) for i, t in enumerate(terms, 1)]))


@case("loans_dollars.csv")
def _() -> bytes:
    cols = [(k, "贷款金额（美元）" if k == "amount" else h) for k, h in LOAN_COLUMNS]
    return csv_bytes(table(cols, loans(3)))


@case("loans_no_date_column.csv")
def _() -> bytes:
    cols = [c for c in LOAN_COLUMNS if c[0] != "date"]
    return csv_bytes(table(cols, loans(3)))


@case("loans_pasted_exports.csv")
def _() -> bytes:  # two exports pasted one under the other: the second header is no record
    first, second = table(LOAN_COLUMNS, loans(3)), table(LOAN_COLUMNS, loans(3, 4))
    return csv_bytes(first + second)


@case("loans_unsaved_formulas.xlsx")
def _() -> bytes:  # written by a program that saves formulas but not their values
    cells = table(LOAN_COLUMNS, loans(4))
    at = [h for _, h in LOAN_COLUMNS].index("贷款金额（万元）")
    cells[4][at] = "=5+5"  # no saved value: shown as the formula, and rejected
    total = [""] * len(LOAN_COLUMNS)
    total[0], total[at] = "合计", "=SUM(G2:G5)"
    return xlsx_bytes({"Sheet1": [*cells, total]})
