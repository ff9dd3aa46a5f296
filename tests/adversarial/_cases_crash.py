"""Corpus cases: what made tracebacks, and one bad cell that refused a whole file.

Every problem of one cell must reject its row, with a reason code, and nothing else:
counts written in words, dates pandas cannot hold, integers over 18 digits, one row in
another encoding, one NUL byte, one enormous cell, a quoted note full of semicolons.
"""

from __future__ import annotations

from pathlib import Path

from _kinds import ledger
from corpus import Case, Expect, add

ROOT = Path(__file__).resolve().parents[2]
API = ("api",)


def _ok(n: int) -> Expect:
    return Expect(accepted=n)


def _one_bad(n: int, code: str | None = None) -> Expect:
    return Expect(accepted=n - 1, rejected=1, reasons={code: 1} if code else {})


# ---------------------------------------------------------------- counts in words
for fmt in ("csv", "xlsx"):
    for column, word, code in (
        ("suggestions", "若干", "not_whole"),
        ("participants", "若干", "not_whole"),
        ("households", "约20户", "not_whole"),
        ("resolved", "全部", "not_whole"),
    ):
        add(Case(
            f"consult_{column}_{word}.{fmt}", "traceback",
            ledger("consultations", 6, {3: {column: word}}, fmt=fmt), _one_bad(6, code),
            kind="consultations",
        ))  # fmt: skip
    # a dash is how offices write "none": an empty count, the row kept
    add(Case(
        f"consult_dash_count.{fmt}", "traceback",
        ledger("consultations", 6, {2: {"suggestions": "—"}, 4: {"adopted": "—"}}, fmt=fmt),
        _ok(6), kind="consultations",
    ))  # fmt: skip
add(Case(
    "compounds_households_words.csv", "traceback",
    ledger("compounds", 5, {2: {"households": "若干"}, 4: {"volunteers": "—"}}),
    _one_bad(5, "not_whole"), kind="compounds",
))  # fmt: skip
add(Case(
    "inspections_suggestions_words.csv", "traceback",
    ledger("inspections", 6, {5: {"suggestions": "多条"}}), _one_bad(6, "not_whole"),
    kind="inspections",
))  # fmt: skip

# ---------------------------------------------------------------- dates pandas cannot hold
_FAR_DATES = (
    ("loans", "date", "3020-09-23"),
    ("loans", "date", "9999-12-31"),
    ("loans", "date", "0202年9月23日"),
    ("consultations", "date", "0202年9月23日"),
    ("renovation_tasks", "planned", "9999-12-31"),
    ("renovation_tasks", "closed", "3020-09-23"),
    ("renovation_tasks", "opened", "1600年1月1日"),
    ("inspections", "by", "9999-12-31"),
    ("inspections", "done", "2999/12/31"),
)
for n, (kind, column, written) in enumerate(_FAR_DATES):
    for fmt in ("csv", "xlsx") if n % 3 == 0 else ("csv",):
        over = {column: written}
        if kind == "inspections":
            over |= {"outcome": "限期整改", "hygiene": "不合格"}
        add(Case(
            f"{kind}_far_date_{n}.{fmt}", "traceback",
            ledger(kind, 6, {4: over}, fmt=fmt), _one_bad(6, "bad_date"), kind=kind,
        ))  # fmt: skip
add(Case(
    "loans_excel_serial_far.xlsx", "traceback",  # serial 2958465 is 9999-12-31
    ledger("loans", 5, {2: {"date": 2958465}}, fmt="xlsx"), _one_bad(5, "bad_date"),
))  # fmt: skip

# ---------------------------------------------------------------- integers over 18 digits
for kind, column, fmt in (
    ("loans", "jobs", "csv"),
    ("loans", "jobs", "xlsx"),
    ("compounds", "households", "csv"),
    ("consultations", "participants", "csv"),
    ("inspections", "suggestions", "xlsx"),
):
    value: object = "1E+20" if fmt == "csv" else 1e20
    add(Case(
        f"{kind}_{column}_1e20.{fmt}", "traceback",
        ledger(kind, 5, {3: {column: value}}, fmt=fmt), _one_bad(5), kind=kind,
    ))  # fmt: skip
add(Case(
    "consult_twenty_digits.csv", "traceback",
    ledger("consultations", 5, {5: {"households": "9" * 20}}), _one_bad(5), kind="consultations",
))  # fmt: skip


# ---------------------------------------------------------------- canonical CSV, trailing commas
def _canonical(kind: str, rows: int, comma_header: bool = False) -> bytes:
    lines = (ROOT / f"data/synthetic/{kind}.csv").read_text(encoding="utf-8").splitlines()
    head = lines[0] + ("," if comma_header else "")
    return ("\n".join([head, *(line + "," for line in lines[1 : rows + 1])]) + "\n").encode()


for kind in ("loans", "consultations", "inspections"):
    add(Case(f"canonical_{kind}_commas.csv", "traceback", _canonical(kind, 8), _ok(8), kind=kind))
    add(Case(
        f"canonical_{kind}_commas_load.csv", "traceback", _canonical(kind, 8),
        Expect(refused="trailing commas"), kind=kind, args=(*API, "load", "{kind}", "{file}"),
    ))  # fmt: skip
add(Case(
    "canonical_loans_commas_header_load.csv", "traceback", _canonical("loans", 4, True),
    Expect(refused="loans"), args=(*API, "load", "loans", "{file}"),
))  # fmt: skip
for kind in ("loans", "inspections", "consultations"):
    add(Case(
        f"reconcile_empty_{kind}.txt", "traceback", b"", Expect(refused="lacks column"),
        kind=kind, args=(*API, "reconcile-empty", "{kind}"), names=kind,
    ))  # fmt: skip


# ---------------------------------------------------------------- SHANGJIE_LEDGER_DIR, bad file
def _imported(kind: str, text: str):
    def write(path: Path) -> None:
        path.write_text("see the folder imported/", encoding="utf-8")
        (path.parent / "imported" / kind).mkdir(parents=True)
        (path.parent / "imported" / kind / "accepted.csv").write_text(text, encoding="utf-8")

    return write


for command in ("reconcile", "verify"):
    for kind, text, label in (
        ("loans", "", "empty"),
        ("loans", "loan_id\nx\n", "invalid"),
        ("compounds", "compound_id,name_zh\n1,\n", "invalid"),
    ):
        add(Case(
            f"ledger_dir_{label}_{kind}_{command}.txt", "traceback", _imported(kind, text),
            Expect(refused="accepted.csv"), kind=kind, args=(command,),
            env={"SHANGJIE_LEDGER_DIR": "{dir}/imported"}, names="accepted.csv",
        ))  # fmt: skip

# ---------------------------------------------------------------- consoles that lack a character
_GBK = {"PYTHONIOENCODING": "gbk"}
add(Case(
    "loans_emoji_header.csv", "traceback",
    ledger("loans", 4, extra=(("note", "备注😀"),)), _ok(4), env=_GBK,
))  # fmt: skip
add(Case(
    "compounds_emoji_cell.csv", "traceback",
    ledger("compounds", 4, {2: {"name": "幸福楼院😀"}}), _ok(4), kind="compounds", env=_GBK,
))  # fmt: skip
add(Case(
    "consult_emoji_header.xlsx", "traceback",
    ledger("consultations", 4, extra=(("note", "备注🏠"),), fmt="xlsx"), _ok(4),
    kind="consultations", env=_GBK,
))  # fmt: skip
add(Case(
    "loans_emoji_file_😀.csv", "traceback", ledger("loans", 3), _ok(3),
    env={"PYTHONIOENCODING": "ascii"},
))  # fmt: skip


# ---------------------------------------------------------------- one odd byte or cell
def _with_line(kind: str, n: int, at: int, mutate) -> bytes:
    data = ledger(kind, n)
    lines = data.split(b"\r\n")
    lines[at] = mutate(lines[at])
    return b"\r\n".join(lines)


for kind in ("loans", "inspections", "renovation_tasks"):
    add(Case(
        f"{kind}_one_gbk_row.csv", "refusal",
        _with_line(kind, 8, 4, lambda b: b.decode().encode("gbk")), _one_bad(8, "undecodable"),
        kind=kind,
    ))  # fmt: skip
    add(Case(
        f"{kind}_one_nul.csv", "refusal",
        _with_line(kind, 8, 5, lambda b: b.replace(b",", b",\x00", 1)), _one_bad(8, "undecodable"),
        kind=kind,
    ))  # fmt: skip
for kind, note in (
    ("loans", "附件说明" * 33_000),  # 132,000 characters in one cell
    ("compounds", "（见附件）" * 30_000),
    ("consultations", "x" * 140_000),
):
    add(Case(
        f"{kind}_huge_cell.csv", "refusal",
        ledger(kind, 5, {2: {"note": note}}, extra=(("note", "备注"),)), _ok(5), kind=kind,
    ))  # fmt: skip
for kind in ("loans", "inspections"):
    note = "；".join(["意见"] * 300) + ";" * 400
    add(Case(
        f"{kind}_semicolon_note.csv", "refusal",
        ledger(kind, 4, {1: {"note": note}, 3: {"note": "a;b;c;d;e;f"}}, extra=(("note", "备注"),)),
        _ok(4), kind=kind,
    ))  # fmt: skip
add(Case(
    "loans_semicolon_tab.csv", "refusal",  # tab-separated, with semicolons in a note
    ledger("loans", 4, {2: {"note": ";" * 200}}, extra=(("note", "备注"),)).replace(b",", b"\t"),
    _ok(4),
))  # fmt: skip
add(Case(
    "loans_api_far_date.csv", "traceback", ledger("loans", 4, {2: {"date": "9999-12-31"}}),
    Expect(refused=None, accepted=3, rejected=1), args=(*API, "import", "loans", "{file}"),
))  # fmt: skip
