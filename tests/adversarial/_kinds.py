"""Good ledger rows of every kind, fake personal values, and the file writers (private).

The rows are written the way district offices write them (Chinese headers, 万元, 2020年9月1日,
中心路街道) and each is valid on its own, so a case changes one thing and knows what the
importer must make of it. Personal values are fake and built by code (ID numbers with the
impossible region code 99xxxx, mobiles 139000000NN, UnionPay-shaped card numbers with a valid
check digit), so no file in the repository holds an ID- or phone-shaped string.
"""

from __future__ import annotations

import sys
from pathlib import Path

LEDGERS = Path(__file__).resolve().parents[1] / "ledgers"
sys.path.insert(0, str(LEDGERS))
from corpus_fakes import csv_bytes, fake_id, fake_mobile, xlsx_bytes  # noqa: E402

sys.path.remove(str(LEDGERS))

__all__ = ["HEADERS", "card", "csv_bytes", "fake_id", "fake_mobile", "good", "xlsx_bytes"]

NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十")
UNITS = ("中心路街道", "济源路街道", "新安路街道", "工业路街道", "矿山街道", "峡窝镇")

#: kind → (key, header) in the order a ledger of that kind has them.
HEADERS: dict[str, tuple[tuple[str, str], ...]] = {
    "loans": (
        ("seq", "序号"), ("unit", "所属街道"), ("community", "所属社区"),
        ("amount", "贷款金额（万元）"), ("term", "贷款期限（月）"), ("date", "放款日期"),
        ("category", "人员类别"), ("sector", "行业"), ("gender", "性别"),
        ("jobs", "带动就业人数"), ("status", "还款状态"),
    ),
    "compounds": (
        ("seq", "楼院编号"), ("name", "楼院名称"), ("unit", "所属街道"), ("community", "所属社区"),
        ("built", "建成年代"), ("households", "户数"), ("party", "党组织"), ("mode", "组建方式"),
        ("body", "自治组织"), ("volunteers", "志愿服务队"), ("partner", "联建单位"),
        ("pilot", "物业试点"),
    ),
    "renovation_tasks": (
        ("seq", "任务编号"), ("compound", "楼院编号"), ("category", "任务类别"),
        ("source", "任务来源"), ("opened", "立项日期"), ("planned", "计划完成日期"),
        ("closed", "销号日期"),
    ),
    "consultations": (
        ("seq", "活动编号"), ("compound", "楼院编号"), ("date", "活动日期"), ("format", "活动形式"),
        ("participants", "参与人数"), ("households", "户数"), ("cadres", "党员干部人数"),
        ("suggestions", "意见建议数"), ("adopted", "采纳数"), ("resolved", "解决问题数"),
    ),
    "inspections": (
        ("seq", "检查编号"), ("premises", "场所编号"), ("type", "场所类型"), ("unit", "所属街道"),
        ("agency", "检查单位"), ("campaign", "专项行动"), ("date", "检查日期"),
        ("visit", "检查性质"), ("licence", "资质"), ("rules", "制度"), ("hygiene", "卫生"),
        ("cert", "健康证"), ("scan", "扫码测温"), ("outcome", "检查结果"),
        ("suggestions", "建议数"), ("by", "整改期限"), ("done", "整改完成日期"),
    ),
    "communities": (("seq", "社区编码"), ("unit", "所属街道"), ("name", "社区名称")),
}  # fmt: skip

_CATEGORIES = ("城镇登记失业人员", "高校毕业生", "返乡创业农民工", "退役军人", "就业困难人员")
_SECTORS = ("餐饮", "批发零售", "居民服务", "加工制造")
_TASKS = ("绿化", "照明", "路面硬化", "环境卫生", "停车")
_FORMATS = ("居民议事会", "小板凳恳谈会", "上门入户")
_PREMISES = ("小餐饮店", "小食品店", "小美容美发店", "机关食堂")


def _good(kind: str, i: int) -> dict[str, str]:
    """Row ``i`` (1-based) of a good ledger of ``kind``, as the office writes it."""
    month, day = 1 + i % 8, 1 + i % 27
    if kind == "loans":
        return {
            "seq": f"DK{i:03d}", "unit": UNITS[i % 6], "community": f"虚构社区{i % 5 + 1:02d}",
            "amount": ("5", "8", "10", "12.5", "15", "20")[i % 6], "term": "24",
            "date": f"2020年{month}月{day}日", "category": _CATEGORIES[i % 5],
            "sector": _SECTORS[i % 4], "gender": "女" if i % 2 else "男",
            "jobs": str(1 + i % 4), "status": "正常还款",
        }  # fmt: skip
    if kind == "compounds":
        return {
            "seq": f"LY{i:03d}", "name": f"虚构楼院{i:02d}", "unit": UNITS[i % 6],
            "community": f"虚构社区{i % 5 + 1:02d}", "built": str(1980 + i % 30),
            "households": str(20 + i), "party": f"po-{i:03d}", "mode": "单独建",
            "body": "居民议事会", "volunteers": str(i % 3), "partner": f"虚构联建单位{i % 4}",
            "pilot": "否",
        }  # fmt: skip
    if kind == "renovation_tasks":
        return {
            "seq": f"RW{i:03d}", "compound": f"cp-zhongxinlu-{1 + i % 9:02d}",
            "category": _TASKS[i % 5], "source": "居民点单", "opened": f"2020年{month}月{day}日",
            "planned": f"2020年{month + 2}月{day}日", "closed": "",
        }  # fmt: skip
    if kind == "consultations":
        return {
            "seq": f"YS{i:03d}", "compound": f"cp-zhongxinlu-{1 + i % 9:02d}",
            "date": f"2020年{month}月{day}日", "format": _FORMATS[i % 3],
            "participants": str(10 + i), "households": str(5 + i), "cadres": "2",
            "suggestions": "4", "adopted": "3", "resolved": "2",
        }  # fmt: skip
    if kind == "inspections":
        return {
            "seq": f"JC{i:03d}", "premises": f"P-{i:04d}", "type": _PREMISES[i % 4],
            "unit": UNITS[i % 6], "agency": "区市场监管局", "campaign": "日常监督",
            "date": f"2020年{month}月{day}日", "visit": "初查", "licence": "合格",
            "rules": "合格", "hygiene": "合格", "cert": "合格", "scan": "合格",
            "outcome": "合格", "suggestions": "1", "by": "", "done": "",
        }  # fmt: skip
    if kind == "communities":
        return {"seq": f"sq-{i:03d}", "unit": UNITS[i % 6], "name": f"虚构社区{i:02d}"}
    raise ValueError(f"no rows for kind {kind!r}")


def good(kind: str, i: int, **override: str) -> dict[str, str]:
    """A good row of ``kind`` with ``override`` applied (keys of :data:`HEADERS`)."""
    return {**_good(kind, i), **override}


def cells(
    kind: str,
    n: int,
    bad: dict[int, dict[str, str]] | None = None,
    extra: tuple[tuple[str, str], ...] = (),
    header: bool = True,
    start: int = 1,
) -> list[list[object]]:
    """Header and ``n`` rows of ``kind``; ``bad`` maps a 1-based row to its overrides;
    ``extra`` adds (key, header) columns (the row dicts supply their values, else "");
    rows are numbered from ``start``."""
    columns = (*HEADERS[kind], *extra)
    rows = [good(kind, i, **(bad or {}).get(i, {})) for i in range(start, start + n)]
    out: list[list[object]] = [[h for _, h in columns]] if header else []
    return out + [[r.get(k, "") for k, _ in columns] for r in rows]


def card(i: int, length: int = 19) -> str:
    """A UnionPay-shaped card number (62…) of ``length`` digits with a valid Luhn digit."""
    body = f"62{i:0{length - 3}d}"
    total = 0
    for pos, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if pos % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def phone_groups(i: int, sep: str, groups: tuple[int, ...] = (3, 4, 4)) -> str:
    """Fake mobile ``i`` written in groups joined by ``sep`` (138.1234.5605 style)."""
    digits, parts, at = fake_mobile(i), [], 0
    for g in groups:
        parts.append(digits[at : at + g])
        at += g
    return sep.join(parts)


def id_groups(i: int, sep: str, groups: tuple[int, ...] = (6, 4, 4, 4)) -> str:
    """Fake ID ``i`` written in groups joined by ``sep``."""
    digits, parts, at = fake_id(i), [], 0
    for g in groups:
        parts.append(digits[at : at + g])
        at += g
    return sep.join(parts)


def ledger(
    kind: str,
    n: int = 6,
    bad: dict[int, dict[str, str]] | None = None,
    extra: tuple[tuple[str, str], ...] = (),
    fmt: str = "csv",
    above: tuple[list[object], ...] = (),
    below: tuple[list[object], ...] = (),
    encoding: str = "utf-8",
    merges: list[str] | None = None,
    style: object = None,
) -> bytes:
    """A ledger of ``kind`` as CSV or XLSX (sheet 台账): rows ``above`` the header (titles),
    the header, ``n`` rows (``bad`` overrides), rows ``below``."""
    rows = [*above, *cells(kind, n, bad, extra), *below]
    if fmt == "csv":
        return csv_bytes(rows, encoding)
    return xlsx_bytes({"台账": rows}, merges={"台账": merges or []}, extra=style)


def raw_csv(rows: list[list[object]], delimiter: str = ",") -> bytes:
    """CSV written without any quoting (a stray quote stays a stray quote), UTF-8, CRLF."""
    return "".join(delimiter.join(map(str, r)) + "\r\n" for r in rows).encode()
