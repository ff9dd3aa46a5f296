"""Corpus cases: personal data disguised the ways the scan used to miss.

Zero-width characters inside an ID, phones written ``138.1234.5605`` or ``138 - 1234 -
5609``, IDs grouped 6-4-4-4 or dotted, names after 联系人 / 担保人： / 店主：, accounts after
银行卡：, bare card numbers, a 填表人 title row with a phone, an alias that maps 身份证号
to an id column, names in a column of their own. A kept cell holding any of them rejects
its row (``personal_data``); a personal column is dropped and its rows kept. Every planted
value is listed, and the runner looks for it in every output.
"""

from __future__ import annotations

from pathlib import Path

from _kinds import NAMES, card, fake_id, fake_mobile, id_groups, ledger, phone_groups
from corpus import Case, Expect, add

ZW = ("\u200b", "\u200c", "\u200d", "\ufeff", "\u2060")
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def _rejects(n: int, k: int) -> Expect:
    return Expect(accepted=n - k, rejected=k, reasons={"personal_data": k})


def _hidden(value: str, mark: str) -> str:
    """``value`` with an invisible ``mark`` after every third character."""
    return mark.join(value[i : i + 3] for i in range(0, len(value), 3))


# (kind, column kept by the importer, how the value is written, planted value)
_IN_KEPT: list[tuple[str, str, str, str]] = []
for n, mark in enumerate(ZW):
    kind, column = (("compounds", "partner"), ("loans", "community"), ("inspections", "premises"),
                    ("consultations", "compound"), ("communities", "name"))[n]  # fmt: skip
    the_id = fake_id(40 + n)
    _IN_KEPT.append((kind, column, f"联建 {_hidden(the_id, mark)}", the_id))
    phone = fake_mobile(50 + n)
    _IN_KEPT.append((kind, column, _hidden(phone, mark), phone))
for n, (sep, groups) in enumerate((
    (".", (3, 4, 4)), (" - ", (3, 4, 4)), (" ", (3, 4, 4)), ("-", (3, 8)), ("－", (4, 3, 4)),
    ("·", (3, 4, 4)), ("  ", (3, 4, 4)),
)):  # fmt: skip
    kind, column = (("compounds", "partner"), ("consultations", "compound"),
                    ("loans", "sector"), ("inspections", "premises"),
                    ("renovation_tasks", "compound"), ("compounds", "name"),
                    ("loans", "community"))[n]  # fmt: skip
    _IN_KEPT.append((kind, column, "电话 " * (n % 2) + phone_groups(60 + n, sep, groups),
                     fake_mobile(60 + n)))  # fmt: skip
for n, (sep, groups) in enumerate((
    (" ", (6, 4, 4, 4)), (".", (6, 4, 4, 4)), ("-", (6, 8, 4)), (" ", (6, 8, 3, 1)),
    ("", (18,)),
)):  # fmt: skip
    kind, column = (("loans", "sector"), ("compounds", "name"), ("renovation_tasks", "compound"),
                    ("inspections", "premises"), ("consultations", "seq"))[n]  # fmt: skip
    written = id_groups(70 + n, sep, groups)
    _IN_KEPT.append((kind, column, written.translate(WIDE) if n == 4 else written,
                     fake_id(70 + n)))  # fmt: skip
for n, label in enumerate(("联系人 ", "担保人：", "店主：", "联系人：", "负责人:", "户主 ")):
    kind, column = (("compounds", "partner"), ("loans", "sector"), ("inspections", "premises"),
                    ("renovation_tasks", "compound"), ("communities", "name"),
                    ("consultations", "compound"))[n]  # fmt: skip
    _IN_KEPT.append((kind, column, f"x {label}{NAMES[n]}", NAMES[n]))
_ACCOUNTS = (("银行卡：", " ", 19), ("账号:", "", 16), ("卡号 ", "-", 19), ("银行卡号：", " ", 16))
for n, (label, sep, length) in enumerate(_ACCOUNTS):
    number = card(n + 1, length)
    written = sep.join(number[i : i + 4] for i in range(0, length, 4))
    kind, column = (("loans", "community"), ("compounds", "partner"), ("inspections", "premises"),
                    ("consultations", "compound"))[n]  # fmt: skip
    _IN_KEPT.append((kind, column, label + written, number))
for n, length in enumerate((16, 17, 19)):  # bare card numbers, no label
    number = card(10 + n, length)
    kind, column = (("loans", "seq"), ("compounds", "partner"), ("inspections", "premises"))[n]
    _IN_KEPT.append((kind, column, ("工行 " if n == 1 else "") + number, number))

for n, (kind, column, written, planted) in enumerate(_IN_KEPT):
    fmt = "xlsx" if n % 4 == 3 else "csv"
    add(Case(
        f"personal_{n:02d}_{kind}.{fmt}", "personal",
        ledger(kind, 5, {2 + n % 3: {column: written}}, fmt=fmt), _rejects(5, 1), kind=kind,
        planted=(planted,),
    ))  # fmt: skip

# ---------------------------------------------------------------- around the table
_TITLE = f"2020年创业贷款台账 填表人：{NAMES[6]} 电话 {phone_groups(90, '.')}"
for kind, fmt in (("loans", "csv"), ("compounds", "xlsx"), ("inspections", "csv")):
    add(Case(
        f"{kind}_title_row_phone.{fmt}", "personal",
        ledger(kind, 5, above=([_TITLE],), fmt=fmt), Expect(accepted=5), kind=kind,
        planted=(NAMES[6], fake_mobile(90)),
    ))  # fmt: skip
add(Case(
    "loans_header_cell_phone.csv", "personal",
    ledger("loans", 4, extra=(("note", f"备注 {phone_groups(91, ' ')}"),)), Expect(accepted=4),
    planted=(fake_mobile(91),),
))  # fmt: skip
_FOOTER = [f"填表人：{NAMES[7]} 审核人：{NAMES[5]} {fake_mobile(92)}"]
add(Case(
    "loans_footer_signature.xlsx", "personal", ledger("loans", 4, below=([], _FOOTER), fmt="xlsx"),
    Expect(accepted=4, rejected=2, reasons={"blank_row": 1}),
    planted=(NAMES[7], NAMES[5], fake_mobile(92)),
))  # fmt: skip
add(Case(
    "compounds_total_row_name.csv", "personal",
    ledger("compounds", 4, below=([f"合计 制表人：{NAMES[4]}", "", "", "", "", "99"],)),
    Expect(accepted=4, rejected=1), kind="compounds",
    planted=(NAMES[4],),
))  # fmt: skip


# ---------------------------------------------------------------- personal columns
def _personal_columns(kind: str, columns: tuple[tuple[str, str], ...], fmt: str = "") -> bytes:
    bad = {i: {key: value(i) for key, value in _VALUES.items()} for i in range(1, 6)}
    fmt = fmt or ("xlsx" if kind == "inspections" else "csv")
    return ledger(kind, 5, bad, extra=columns, fmt=fmt)


_VALUES = {
    "p_name": lambda i: NAMES[i % len(NAMES)],
    "p_id": lambda i: fake_id(100 + i),
    "p_phone": lambda i: fake_mobile(100 + i),
    "p_card": lambda i: card(100 + i),
}
_PLANTED = tuple(v(i) for v in _VALUES.values() for i in range(1, 6))
for kind, header in (
    ("loans", "借款人"), ("loans", "户主"), ("compounds", "联系人"), ("inspections", "经营者"),
    ("inspections", "负责人"), ("consultations", "主持人"), ("renovation_tasks", "联系人姓名"),
    ("communities", "负责人（书记）"), ("loans", "借款人（姓名）"), ("compounds", "业主"),
):  # fmt: skip
    add(Case(
        f"{kind}_name_column_{header}.csv", "personal",
        _personal_columns(kind, (("p_name", header),)), Expect(accepted=5), kind=kind,
        planted=tuple(NAMES[i % len(NAMES)] for i in range(1, 6)),
    ))  # fmt: skip
_ALL = (("p_name", "姓名"), ("p_id", "身份证号"), ("p_phone", "联系电话"), ("p_card", "银行卡号"))
for kind in ("loans", "inspections"):
    add(Case(
        f"{kind}_personal_columns_salted.csv", "personal", _personal_columns(kind, _ALL),
        Expect(accepted=5), kind=kind, env={"SHANGJIE_LEDGER_SALT": "s3cret-s4lt-0f-16-chars"},
        planted=_PLANTED,
    ))  # fmt: skip


def _aliased(kind: str, column: str, header: str):
    """A ledger whose only id column is 身份证号, and an alias table mapping it to ``column``."""

    def write(path: Path) -> None:
        data = _personal_columns(kind, (("p_id", header), ("p_phone", "联系电话")), "csv")
        # drop the ledger's own id column: the alias is the only candidate
        lines = data.decode().split("\r\n")
        path.write_text("\r\n".join(line.split(",", 1)[-1] for line in lines), encoding="utf-8")
        (path.parent / "aliases.csv").write_text(
            "kind,target,column,alias,value,note\n"
            f"{kind},header,{column},{header},,the id column\n"
            f"{kind},header,{column},联系电话,,a phone as the id\n",
            encoding="utf-8",
        )

    return write


_ID_ALIASES = (("loans", "loan_id", "身份证号"), ("consultations", "consultation_id", "身份证号码"),
               ("inspections", "inspection_id", "证件号码"))  # fmt: skip
for kind, column, header in _ID_ALIASES:
    add(Case(
        f"{kind}_alias_maps_id_number.csv", "personal", _aliased(kind, column, header),
        Expect(accepted=5), kind=kind,
        args=("import-ledger", "{kind}", "{file}", "--out", "{out}", "--aliases",
              "{dir}/aliases.csv"),
        planted=tuple(_VALUES[k](i) for k in ("p_id", "p_phone") for i in range(1, 6)),
    ))  # fmt: skip
