"""Run the adversarial corpus through the real command line and print issue 17's figures.

    .venv/bin/python tests/adversarial/run.py [--out DIR] [--jobs N] [--only TEXT] [-v]

Each case (``corpus.py``) is written into its own folder and run in a fresh subprocess —
``python -m analysis import-ledger KIND FILE --out DIR`` unless the case names another
command — with a 60 s timeout. From what the command printed and wrote the runner counts,
per class of the issue and in total:

- tracebacks (in stdout or stderr);
- runs over 60 s;
- silent row losses: rows read ≠ accepted + rejected, rows read fewer than the case holds,
  or ``accepted.csv`` / ``rejected.csv`` holding another number of rows than reported;
- personal values found in any output (stdout, stderr, ``import.json``, every CSV written),
  as written or with separators and invisible characters between their characters;
- whole-file refusals over row-level problems (exit 2 where rows were to be judged);
- unclear errors: an error that is not one line naming the file (or option, or setting)
  and a fix;
- formula cells in output CSVs (a cell a spreadsheet would run, per
  :func:`analysis.datasets.csv_safe.defuse_text`);
- mismatches between the expected and the actual outcome.

Exit status 0 when every figure is 0. ``--out DIR`` keeps the cases' folders there
(default: a temporary folder, removed).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from corpus import CLASSES, Case, cases  # noqa: E402

from analysis.datasets.csv_safe import defuse_text  # noqa: E402

TIMEOUT_S = 60
csv.field_size_limit(sys.maxsize)  # outputs may hold a 1 MB cell
#: The figures of issue 17's "Done when", in its order, and how the table heads them.
FIGURES = {
    "tracebacks": "tracebacks",
    "slow": "runs > 60 s",
    "row_losses": "silent row losses",
    "personal": "personal values",
    "refusals": "file refused for rows",
    "unclear": "unclear errors",
    "formulas": "formula cells",
    "mismatches": "expected ≠ actual",
}
_SEPARATORS = re.compile(r"[\s\-.·_/~()+，,:：]")
_COUNTS = re.compile(r"rows read (\d+): accepted (\d+), rejected (\d+)")


@dataclass
class Outcome:
    """What running one case gave, and what is wrong with it (one list per figure)."""

    case: Case
    code: int | None = None
    seconds: float = 0.0
    stdout: str = ""
    stderr: str = ""
    counts: dict[str, object] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def flag(self, figure: str, detail: str) -> None:
        self.problems.setdefault(figure, []).append(detail)


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def command(case: Case, path: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """The argument list and environment of a case's subprocess."""
    values = {"kind": case.kind, "file": str(path), "out": str(out), "dir": str(path.parent)}
    args = [_fill(a, values) for a in case.args]
    if args[0] == "api":
        argv = [sys.executable, str(HERE / "_api.py"), *args[1:]]
    else:
        argv = [sys.executable, "-m", "analysis", *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHANGJIE_")}
    env["SHANGJIE_LEDGER_DIR"] = ""  # the shipped data, whatever the caller's setting
    env["SHANGJIE_CACHE_DIR"] = str(path.parent / ".cache")
    env["PYTHONIOENCODING"] = "utf-8"
    env.update({k: _fill(v, values) for k, v in case.env.items()})
    return argv, env


def run_case(case: Case, folder: Path, verbose: bool = False) -> Outcome:
    """Build ``case`` in ``folder``, run it, and judge what it gave."""
    path = case.build(folder)
    out = folder / "out"
    argv, env = command(case, path, out)
    outcome = Outcome(case)
    started = time.perf_counter()
    try:
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, timeout=TIMEOUT_S)
        outcome.code = done.returncode
        encoding = env.get("PYTHONIOENCODING") or "utf-8"
        outcome.stdout = done.stdout.decode(encoding, errors="replace")
        outcome.stderr = done.stderr.decode(encoding, errors="replace")
    except subprocess.TimeoutExpired:
        outcome.flag("slow", f"no answer in {TIMEOUT_S} s")
    outcome.seconds = time.perf_counter() - started
    judge(outcome, path, out)
    if verbose:
        print(f"{case.name}: exit {outcome.code}, {outcome.seconds:.1f} s", file=sys.stderr)
    return outcome


def _read_counts(outcome: Outcome, out: Path) -> None:
    report = out / "import.json"
    if report.is_file():
        meta = json.loads(report.read_text(encoding="utf-8"))
        outcome.counts = {k: meta[k] for k in ("rows_read", "accepted", "rejected")}
        outcome.counts["reasons"] = meta.get("rejected_by_reason", {})
    elif m := _COUNTS.search(outcome.stdout):
        read, accepted, rejected = map(int, m.groups())
        outcome.counts = {"rows_read": read, "accepted": accepted, "rejected": rejected}
        reasons = re.findall(r"^\s+(\d+)\s+([a-z_]+)\s", outcome.stdout, re.M)
        outcome.counts["reasons"] = {code: int(n) for n, code in reasons}


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _squeeze(text: str) -> str:
    """Text with invisible characters, widths and separators gone: 138.1234.5605 → 13812345605."""
    text = "".join(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf"
    )
    return _SEPARATORS.sub("", text).upper()


def _leaks(planted: Iterable[str], texts: dict[str, str]) -> list[str]:
    found = []
    squeezed = {where: _squeeze(text) for where, text in texts.items()}
    for value in planted:
        key = _squeeze(value)
        if key[:-1].isdigit() and len(key) > 12:  # an ID's check character may be masked alone
            key = key[:-1]
        found += [f"{value[:4]}… in {where}" for where, text in squeezed.items() if key in text]
    return found


def judge(outcome: Outcome, path: Path, out: Path) -> None:
    """Fill ``outcome.problems`` from what the case's command printed and wrote."""
    case, expect = outcome.case, outcome.case.expect
    both = outcome.stdout + outcome.stderr
    if "Traceback (most recent call last)" in both:
        outcome.flag("tracebacks", both[both.index("Traceback") :].strip().splitlines()[-1][:160])
    if outcome.code is None:
        return
    _read_counts(outcome, out)
    texts = {"stdout": outcome.stdout, "stderr": outcome.stderr}
    written = sorted(out.glob("*")) if out.is_dir() else []
    for file in written:
        if file.suffix in (".csv", ".json"):
            texts[file.name] = file.read_text(encoding="utf-8-sig", errors="replace")
    for leak in _leaks(case.planted, texts):
        outcome.flag("personal", leak)
    for file in written:
        if file.suffix == ".csv" and file.name != "aliases.csv":
            for row in _csv_rows(file):
                bad = [c for c in row if defuse_text(c) != c]
                if bad:
                    outcome.flag("formulas", f"{file.name}: {bad[0][:40]!r}")
    counts = outcome.counts
    if outcome.code == 0 and counts:
        read, accepted, rejected = counts["rows_read"], counts["accepted"], counts["rejected"]
        if read != accepted + rejected:
            outcome.flag("row_losses", f"rows read {read} ≠ {accepted} + {rejected}")
        if expect.refused is None and read < expect.rows:
            outcome.flag("row_losses", f"rows read {read} < the {expect.rows} the file holds")
        for name, n in (("accepted.csv", accepted), ("rejected.csv", rejected)):
            if (out / name).is_file() and len(_csv_rows(out / name)) - 1 != n:
                outcome.flag("row_losses", f"{name} holds {len(_csv_rows(out / name)) - 1} ≠ {n}")
    if outcome.code != 0:
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        named = case.names or path.name
        if expect.refused is None:
            outcome.flag("refusals", (lines or ["(no message)"])[-1][:160])
        if len(lines) != 1 or named not in lines[0] or "fix" not in lines[0].lower():
            outcome.flag("unclear", " / ".join(lines)[:200] or "(no message)")
    _compare(outcome, out)


def _compare(outcome: Outcome, out: Path) -> None:
    expect, counts = outcome.case.expect, outcome.counts
    wrong = []
    if expect.refused is not None:
        if outcome.code != 2 or expect.refused not in outcome.stderr:
            wrong.append(f"expected refusal '{expect.refused}', got exit {outcome.code}")
    elif outcome.code != 0:
        wrong.append(f"expected rows judged, got exit {outcome.code}")
    elif counts:
        if expect.accepted is not None and counts["accepted"] != expect.accepted:
            wrong.append(f"accepted {counts['accepted']}, expected {expect.accepted}")
        if counts["rejected"] != expect.rejected:
            wrong.append(f"rejected {counts['rejected']}, expected {expect.rejected}")
        for code, n in expect.reasons.items():
            if counts["reasons"].get(code, 0) != n:
                wrong.append(f"{code} {counts['reasons'].get(code, 0)}, expected {n}")
    elif expect.accepted is not None:
        wrong.append("no counts printed or written")
    wrong += [
        f"{name} left in the output folder" for name in expect.absent if (out / name).exists()
    ]
    for item in wrong:
        outcome.flag("mismatches", item)


def run_all(chosen: list[Case], work: Path, jobs: int = 2, verbose: bool = False) -> list[Outcome]:
    """Run every case (``jobs`` at a time), each in its own folder under ``work``."""
    folders = [work / f"{i:03d}" for i in range(len(chosen))]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(run_case, chosen, folders, [verbose] * len(chosen)))


def figures(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    """Per class (and ``all``): cases, and cases with each problem of :data:`FIGURES`."""
    table: dict[str, dict[str, int]] = {}
    for cls in (*CLASSES, "all"):
        chosen = [o for o in outcomes if cls in ("all", o.case.cls)]
        row = {"cases": len(chosen)}
        row |= {f: sum(bool(o.problems.get(f)) for o in chosen) for f in FIGURES}
        table[cls] = row
    return table


def print_report(outcomes: list[Outcome], verbose: bool = False) -> None:
    """The figures table, then every case with a problem (all cases with ``verbose``)."""
    table = figures(outcomes)
    head = ["class", "cases", *FIGURES.values()]
    widths = [max(len(h), 8) for h in head]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    for cls, row in table.items():
        cells = [cls, *(str(v) for v in row.values())]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    slowest = max(outcomes, key=lambda o: o.seconds, default=None)
    if slowest is not None:
        print(f"slowest case: {slowest.case.name} {slowest.seconds:.1f} s")
    for o in outcomes:
        if o.problems or verbose:
            print(f"\n{o.case.name} [{o.case.cls}] exit {o.code} {o.seconds:.1f} s {o.counts}")
            for figure, details in o.problems.items():
                for detail in details:
                    print(f"  {FIGURES[figure]}: {detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="keep the cases' folders here")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    parser.add_argument("--only", help="run the cases whose name holds one of these (a,b,…)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case")
    args = parser.parse_args(argv)
    only = [o for o in (args.only or "").split(",") if o]
    chosen = [c for c in cases() if not only or any(o in c.name for o in only)]
    work = args.out or Path(tempfile.mkdtemp(prefix="adversarial-"))
    if args.out is not None and work.exists():
        shutil.rmtree(work)
    try:
        outcomes = run_all(chosen, work, args.jobs, args.verbose)
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"adversarial corpus: {len(chosen)} cases (tests/adversarial/corpus.py)")
    print_report(outcomes, args.verbose)
    return 0 if all(not o.problems for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
