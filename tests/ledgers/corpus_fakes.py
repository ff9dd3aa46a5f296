"""Fake ledger rows and deterministic CSV/XLSX writers for the ledger corpus.

The personal data here is fake *and cannot be real*: ID numbers start with region code
99xxxx, which no place in China has; names are the Chinese placeholders 张三, 李四 …;
phone numbers are 139000000NN. They are built by code, so no file in the repository
holds an ID- or phone-shaped string for a leak scanner to trip on.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十")
UNITS = ("中心路街道", "济源路街道", "新安路街道", "工业路街道", "矿山街道", "峡窝镇")
UNIT_IDS = ("zhongxinlu", "jiyuanlu", "xinanlu", "gongyelu", "kuangshan", "xiawo")
CATEGORIES = ("城镇登记失业人员", "高校毕业生", "返乡创业农民工", "退役军人", "就业困难人员")
SECTORS = ("餐饮", "批发零售", "居民服务", "加工制造")
AMOUNTS_WAN = ("5", "8", "10", "12.5", "15", "20")
#: Workbook timestamps and zip entry times, fixed so the same corpus has the same bytes.
FIXED_TIME = datetime(2020, 9, 23, 8, 0, 0)
_ZIP_TIME = (2020, 9, 23, 8, 0, 0)

#: file name → function returning the file's bytes; filled by @case in cases_*.py.
CASES: dict[str, Callable[[], bytes]] = {}


def case(filename: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    """Register a corpus case building the file ``filename``."""

    def register(build: Callable[[], bytes]) -> Callable[[], bytes]:
        if filename in CASES:
            raise ValueError(f"two cases write {filename}")
        CASES[filename] = build
        return build

    return register


def fake_id(i: int) -> str:
    """An 18-character ID-number shape with the impossible region code 99xxxx."""
    birth = f"198{i % 10}{1 + i % 9:02d}{10 + i % 18:02d}"
    return f"99{i:04d}{birth}{i % 1000:03d}{'X' if i % 2 else i % 10}"


def fake_mobile(i: int) -> str:
    """An 11-digit mobile-number shape."""
    return f"139{i:08d}"


def fake_landline(i: int) -> str:
    """A Zhengzhou landline shape (area code 0371)."""
    return f"0371-6{i:07d}"


#: (key, header) of the usual loans ledger, personal columns included.
LOAN_COLUMNS = (
    ("seq", "序号"),
    ("name", "借款人姓名"),
    ("id_no", "身份证号码"),
    ("phone", "联系电话"),
    ("unit", "所属街道"),
    ("community", "所属社区"),
    ("amount", "贷款金额（万元）"),
    ("term", "贷款期限（月）"),
    ("date", "放款日期"),
    ("category", "人员类别"),
    ("sector", "行业"),
    ("gender", "性别"),
    ("jobs", "带动就业人数"),
    ("status", "还款状态"),
)


def loan(i: int, **override: str) -> dict[str, str]:
    """A good loan row (spreadsheet notation), with ``override`` applied."""
    row = {
        "seq": str(i),
        "name": NAMES[i % len(NAMES)],
        "id_no": fake_id(i),
        "phone": fake_mobile(i),
        "unit": UNITS[i % len(UNITS)],
        "community": f"虚构社区{i % 5 + 1:02d}",
        "amount": AMOUNTS_WAN[i % len(AMOUNTS_WAN)],
        "term": "24" if i % 3 == 0 else "36",
        "date": f"2020年{1 + i % 8}月{1 + i % 27}日",
        "category": CATEGORIES[i % len(CATEGORIES)],
        "sector": SECTORS[i % len(SECTORS)],
        "gender": "女" if i % 2 else "男",
        "jobs": str(1 + i % 4),
        "status": "正常还款",
        "note": "",
    }
    row.update(override)
    return row


def loans(n: int, start: int = 1, **override: str) -> list[dict[str, str]]:
    """``n`` good loan rows numbered from ``start``."""
    return [loan(i, **override) for i in range(start, start + n)]


def table(columns, rows: list[dict[str, str]], header: bool = True) -> list[list[object]]:
    """Rows of cells in the order of ``columns`` ((key, header) pairs), header first."""
    out: list[list[object]] = [[h for _, h in columns]] if header else []
    return out + [[r.get(k, "") for k, _ in columns] for r in rows]


def csv_bytes(cells: list[list[object]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """CSV as Excel writes it (CRLF line ends) in ``encoding`` (utf-8-sig for a BOM)."""
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(cells)
    return buf.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]], merges=None, extra=None) -> bytes:
    """A workbook with one sheet per entry; ``merges`` maps a sheet to ranges ("A1:D1").

    ``extra(workbook)`` may style cells. The bytes are the same on every run: openpyxl's
    ``save_workbook`` stamps the current time, so the writer is driven directly with
    fixed document properties, and the zip entries are rewritten with a fixed time.
    """
    wb = Workbook()
    wb.remove(wb.active)
    for name, cells in sheets.items():
        ws = wb.create_sheet(name)
        for row in cells:
            ws.append([None if v == "" else v for v in row])
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    if extra is not None:
        extra(wb)
    wb.properties.creator = "tests/ledgers/make_corpus.py"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            dst.writestr(entry, src.read(info.filename), zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def write(path: Path, data: bytes) -> Path:
    """Write bytes, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
