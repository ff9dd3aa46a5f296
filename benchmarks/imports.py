"""Section "imports" of ``make bench`` (issue 17): importing large ledgers.

Generates a loans ledger of ``BENCH_IMPORT_ROWS`` rows (default 100,000) the way an office
keeps one — Chinese headers, amounts in 万元, a borrower's name and phone (dropped by the
importer), a notes column — once as CSV (UTF-8) and once as XLSX, then times
``python -m analysis import-ledger loans FILE --out DIR`` on each in a fresh process: wall
time, peak resident memory of that process (``wait4``), rows per second. Targets of
issue 17 for the XLSX ledger: ≥ 10,000 rows/s and < 1 GB.

It also times the two ways the importer reads a workbook, each in a fresh process:
python-calamine (used when a scan of the sheet XML shows it is safe) and openpyxl's
streaming parser (the fallback), and checks that both give the same rows.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
TARGET_ROWS_S = 10_000
TARGET_BYTES = 1024**3
HEADER = ["序号", "借款人姓名", "联系电话", "所属街道", "所属社区", "贷款金额（万元）",
          "贷款期限（月）", "放款日期", "人员类别", "行业", "性别", "带动就业人数", "还款状态",
          "备注"]  # fmt: skip
_UNITS = ("中心路街道", "济源路街道", "新安路街道", "工业路街道", "矿山街道", "峡窝镇")
_GROUPS = ("城镇登记失业人员", "高校毕业生", "返乡创业农民工", "退役军人", "就业困难人员")
_SECTORS = ("餐饮", "批发零售", "居民服务", "加工制造")
_COUNTS = re.compile(r"rows read (\d+): accepted (\d+), rejected (\d+)")


def _row(i: int) -> list[object]:
    """Ledger row ``i``: fake person (impossible phone prefix 1390000), real-looking rest."""
    return [
        f"DK{i:06d}", "张三", f"139{i:08d}", _UNITS[i % 6], f"虚构社区{i % 5 + 1:02d}",
        (5, 8, 10, 12.5, 15, 20)[i % 6], 24, f"20{15 + i % 5}-{1 + i % 12:02d}-{1 + i % 27:02d}",
        _GROUPS[i % 5], _SECTORS[i % 4], "女" if i % 2 else "男", 1 + i % 4, "正常还款",
        "按时还款" if i % 3 else "",
    ]  # fmt: skip


def make_ledgers(folder: Path, rows: int = ROWS) -> dict[str, Path]:
    """Write the CSV and XLSX ledgers into ``folder``; return format → path."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    paths = {"CSV": folder / f"loans-{rows}.csv", "XLSX": folder / f"loans-{rows}.xlsx"}
    with paths["CSV"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(_row(i) for i in range(1, rows + 1))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("发放台账")
    sheet.append(HEADER)
    for i in range(1, rows + 1):
        sheet.append(_row(i))
    book.save(paths["XLSX"])
    return paths


def _run_import(path: Path, out: Path, timeout: float) -> dict:
    """``python -m analysis import-ledger loans PATH --out OUT`` in a fresh process: wall
    time, that process's own peak RSS (``os.wait4``) and the counts it printed."""
    argv = [sys.executable, "-m", "analysis", "import-ledger", "loans", str(path), "--out",
            str(out)]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHANGJIE_LEDGER")}
    with tempfile.TemporaryFile() as printed:
        started = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=printed, stderr=printed)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)  # reaps it: its own rusage
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)
        printed.seek(0)
        text = printed.read().decode("utf-8", errors="replace")
    if code != 0:
        last = (text.strip().splitlines() or [""])[-1][:80]
        return {"error": f"timeout after {timeout:.0f} s" if code < 0 else f"exit {code}: {last}"}
    m = _COUNTS.search(text)
    counts = tuple(map(int, m.groups())) if m else None
    return {"seconds": seconds, "peak": usage.ru_maxrss * 1024, "counts": counts}


_READ = """
import hashlib, json, resource, sys, time
from analysis.ledger import _calamine
from analysis.ledger.reading import read_source
if sys.argv[1] == "openpyxl":
    _calamine.usable = lambda data: False
elif not _calamine.usable(open(sys.argv[2], "rb").read()):
    raise SystemExit("calamine would not be used for this workbook")
start = time.perf_counter()
rows = read_source(sys.argv[2]).sheets[0].rows
seconds = time.perf_counter() - start
digest = hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "rows": len(rows), "digest": digest}))
"""


def _read(reader: str, path: Path, timeout: float) -> dict:
    """Read the workbook with one reader in a fresh process (time of the read alone)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _READ, reader, str(path)], cwd=ROOT, capture_output=True,
            text=True, timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:80]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def section(cfg: dict, tmp: Path, summary: list, helpers: dict[str, Callable]) -> None:
    """Print the section's tables and add its targets to ``summary``.

    ``helpers`` are run.py's ``table``, ``status``, ``fmt_s`` and ``fmt_mb``.
    """
    table, status, fmt_s, fmt_mb = (helpers[k] for k in ("table", "status", "fmt_s", "fmt_mb"))
    log = helpers.get("log", lambda message: None)
    log(f"imports: writing {ROWS:,}-row CSV and XLSX ledgers")
    paths = make_ledgers(tmp / "imports", ROWS)
    rows, notes = [], []
    for fmt, path in paths.items():
        log(f"imports: import-ledger {fmt}")
        r = _run_import(path, tmp / "imports" / f"out-{fmt}", cfg["timeout"])
        rate = ROWS / r["seconds"] if "seconds" in r else None
        judged = fmt == "XLSX"
        ok = None
        if judged and rate is not None:
            ok = rate >= TARGET_ROWS_S and r["peak"] < TARGET_BYTES
        counts = r.get("counts")
        read_ok = counts is not None and counts[0] == ROWS and counts[1] == ROWS
        rows.append([
            fmt, f"{ROWS:,}", fmt_mb(path.stat().st_size), r.get("error", fmt_s(r.get("seconds"))),
            fmt_mb(r.get("peak")), "—" if rate is None else f"{rate:,.0f}",
            "yes" if read_ok else "NO", f"≥ {TARGET_ROWS_S:,} rows/s, < 1 GB" if judged else "—",
            status(ok) if judged else "",
        ])  # fmt: skip
        if judged:
            shown = r.get("error") or f"{rate:,.0f} rows/s, {fmt_mb(r['peak'])}"
            summary.append([f"import a {ROWS:,}-row XLSX ledger ≥ 10,000 rows/s, < 1 GB", shown,
                            status(ok)])  # fmt: skip
    table(
        "6. Importing ledgers (python -m analysis import-ledger loans FILE)",
        ["format", "rows", "file", "time", "peak RSS", "rows/s", "all accepted", "target",
         "status"], rows,
        ["one fresh process per import, the whole command: read, header, personal-data scan, "
         "translation, validation, outputs, summary; peak RSS of that process (wait4)."],
    )  # fmt: skip
    log("imports: XLSX readers")
    readers = {
        name: _read(name, paths["XLSX"], cfg["timeout"]) for name in ("calamine", "openpyxl")
    }
    same = len({r.get("digest") for r in readers.values()}) == 1 and "error" not in str(readers)
    lines = [
        [name, r.get("error", fmt_s(r.get("seconds"))), fmt_mb(r.get("peak")),
         "—" if "seconds" not in r else f"{ROWS / r['seconds']:,.0f}"]
        for name, r in readers.items()
    ]  # fmt: skip
    notes = [f"the same rows from both readers: {'yes' if same else 'NO'} (sha256 of the rows)"]
    table("6b. Reading the XLSX ledger: calamine (used when safe) vs openpyxl streaming",
          ["reader", "time", "peak RSS", "rows/s"], lines, notes)  # fmt: skip
