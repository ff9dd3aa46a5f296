"""One measurement in a fresh process: ``python benchmarks/child.py '<json spec>'``.

Prints one JSON line: ``seconds`` (wall time of the measured operation only) and, from
``/proc/self/status``, ``rss_before`` (resident set just before it, after imports and set-up)
and ``peak`` (high-water mark of the resident set during it, in bytes). The high-water mark
is reset after set-up (``/proc/self/clear_refs``), so set-up does not leak into the figure;
where that is not allowed the figure is the whole process's peak and ``peak_reset`` says so.
RSS, unlike tracemalloc, counts pyarrow's and numpy's buffers.

Run by :mod:`benchmarks.run`; not meant to be called by hand, but it can be, for profiling.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

#: Notebook 03's cut-off of the risk validation.
RISK_CUTOFF = "2020-07-01"
#: An earlier session's load, in its own process: it leaves the validated frame cached.
PRIME = "import sys, analysis; analysis.load(sys.argv[1], sys.argv[2])"


def _status(key: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


def _measure(operation, repeat: int = 1, setup=None) -> dict:
    """Best wall time of ``repeat`` runs (``setup()`` untimed before each), and peak RSS.

    Also the first run's wall time and the best run's CPU time split into user and system:
    on this kind of VM the system part is mostly page faults on memory the kernel handed
    back to the host, which a first call pays and a repeat call may pay again.
    """
    reset = _reset_peak()
    before = _status("VmRSS")
    best, first, cpu = float("inf"), None, (0.0, 0.0)
    for _ in range(repeat):
        if setup is not None:
            setup()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        result = operation()
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        first = seconds if first is None else first
        if seconds < best:
            best = seconds
            cpu = (after.ru_utime - usage.ru_utime, after.ru_stime - usage.ru_stime)
        del result
    return {
        "seconds": best,
        "first": first,
        "user": cpu[0],
        "system": cpu[1],
        "rss_before": before,
        "peak": _status("VmHWM"),
        "peak_reset": reset,
        **_cache_stats(),
    }


def _cache_stats() -> dict:
    """What the validated-data cache did in this process (hits, misses, digests)."""
    if "analysis.datasets.cache" not in sys.modules:
        return {}
    return {"cache": dict(sys.modules["analysis.datasets.cache"].STATS)}


def _load(spec: dict, repeat: int) -> dict:
    """``analysis.load`` of the scaled CSV, with the cache empty (cold) or holding it (cached).

    The cache folder is the one run.py names in SHANGJIE_CACHE_DIR (fresh per measurement).
    Cold: emptied before every run, so each run parses, validates, hashes and stores.
    Cached: one untimed load fills it; the timed runs read the stored frame.
    """
    import pyarrow.parquet  # noqa: F401  (the floor is warmed with its imports too)

    import analysis
    from analysis.datasets import cache

    analysis.load(spec["name"], spec["warm"])  # imports (pandera) and vocabulary cache
    if spec["cache"] == "cold":
        return _measure(lambda: analysis.load(spec["name"], spec["path"]), repeat, cache.clear)
    analysis.load(spec["name"], spec["path"])
    cache.STATS.clear()
    return _measure(lambda: analysis.load(spec["name"], spec["path"]), repeat)


def loan_metrics(communities, units):
    """The loan metrics of notebook 02, by name, each a function of the loans frame."""
    from analysis.loans import metrics as loans

    return {
        "summary": loans.summary,
        "cap_usage": loans.cap_usage,
        "group_shares x4": lambda f: [
            loans.group_shares(f, by) for by in ("borrower_category", "sector", "gender", "status")
        ],
        "by_unit": lambda f: loans.by_unit(f, units, communities),
        "by_community": lambda f: loans.by_community(f, communities),
        "concentration": lambda f: loans.concentration(f, communities),
        "monthly_timeline": loans.monthly_timeline,
        "jobs_by_group": lambda f: loans.jobs_by_group(f, "borrower_category"),
        "status_by_group": lambda f: loans.status_by_group(f, "borrower_category"),
    }


def inspection_metrics():
    """The inspection metrics of notebook 03, by name, each a function of the visits frame."""
    from analysis.datasets.schema import DATA_AS_OF
    from analysis.inspections import metrics as inspections
    from analysis.inspections import risk

    def outcomes(f):
        checked = inspections.checked_visits(f)
        return [
            inspections.outcome_summary(checked, "agency", period="M"),
            inspections.outcome_summary(checked, "unit_id"),
            inspections.outcome_summary(checked, ["unit_id", "agency"]),
        ]

    def rectification(f):
        cases = inspections.rectification_cases(f, DATA_AS_OF)
        return inspections.rectification_summary(cases), inspections.overdue_cases(cases)

    return {
        "checked_visits": inspections.checked_visits,
        "pass_rates": lambda f: inspections.pass_rates(inspections.checked_visits(f)),
        "outcome_summary x3": outcomes,
        "rectification_cases+summary": rectification,
        "reinspection_outcomes": inspections.reinspection_outcomes,
        "repeat_offenders": inspections.repeat_offenders,
        "risk.validate": lambda f: risk.validate(f, RISK_CUTOFF, until=DATA_AS_OF),
        "risk.rank_premises": lambda f: risk.rank_premises(f, as_of=DATA_AS_OF),
    }


def metrics(name: str) -> dict:
    """The metric functions of dataset ``name``."""
    if name == "loans":
        import analysis

        return loan_metrics(analysis.load_communities(), analysis.load_units())
    return inspection_metrics()


def _read_parquet(path: str):
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pandas()


def measure_report(out: Path) -> dict:
    """Full build into ``out``, then the same build again with nothing changed."""
    from analysis.report.provenance import input_digest
    from analysis.report.site import build_site

    digests = [input_digest()]
    start = time.perf_counter()
    pages = build_site(out, progress=False)
    full = time.perf_counter() - start
    stamps = {p: p.stat().st_mtime_ns for p in pages}
    start = time.perf_counter()
    build_site(out, progress=False)
    again = time.perf_counter() - start
    digests.append(input_digest())
    # a page replaced by the second build means an input changed in between (or a bug)
    rebuilt = sum(p.stat().st_mtime_ns != t for p, t in stamps.items() if p.name != "index.html")
    topic = [p for p in pages if p.name != "index.html"]
    return {
        "seconds": full,
        "unchanged": again,
        "pages": len(topic),
        "rebuilt": rebuilt,
        # inputs (code, data, lock file) edited while the builds ran invalidate the second
        "inputs_changed": digests[0] != digests[1],
    }


def _empty_job(notebook: str, lang: str, pages: int) -> int:
    """Execute an empty notebook and convert it to ``pages`` HTML pages (the floor of a job)."""
    from analysis.report.execute import run_notebook
    from analysis.report.render import to_html

    nb = run_notebook(Path(notebook), lang=lang)
    return sum(len(to_html(nb, "empty", show_code=bool(i), lang=lang)) for i in range(pages))


def measure_report_floor(out: Path) -> dict:
    """As many empty-notebook executions and conversions as the full build, as parallel."""
    import os
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    import nbformat

    from analysis.report.execute import notebook_paths
    from analysis.report.site import LANGS, plan

    jobs = plan(notebook_paths(), LANGS, True)
    out.mkdir(parents=True, exist_ok=True)
    empty = out / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), empty)
    workers = min(len(jobs), os.cpu_count() or 1)
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_empty_job, str(empty), j.lang, len(j.pages())) for j in jobs]
        for future in futures:
            future.result()
    return {
        "seconds": time.perf_counter() - start,
        "jobs": len(jobs),
        "pages": sum(len(j.pages()) for j in jobs),
        "workers": workers,
    }


def run(spec: dict) -> dict:
    kind = spec["kind"]
    repeat = int(spec.get("repeat", 1))
    if kind == "import":
        start = time.perf_counter()
        import analysis

        return {"seconds": time.perf_counter() - start, "modules": len(sys.modules)}
    if kind == "import_first_use":
        start = time.perf_counter()
        import analysis

        analysis.load_loans()
        return {"seconds": time.perf_counter() - start}
    if kind == "load":
        return _load(spec, repeat)
    if kind == "floor":
        _read_parquet(spec["warm"])
        return _measure(lambda: _read_parquet(spec["path"]), repeat)
    if kind == "metric":
        frame = _read_parquet(spec["path"])
        func = metrics(spec["name"])[spec["metric"]]
        func(_read_parquet(spec["warm"]))  # lazy imports and caches, on the 10^3 table
        return _measure(lambda: func(frame), repeat)
    if kind == "summarise":  # what a researcher runs: load + validate, then every metric
        import analysis

        def everything():
            frame = analysis.load(spec["name"], spec["path"])
            return [func(frame) for func in metrics(spec["name"]).values()]

        if spec["cache"] == "cached":  # an earlier session loaded the file: fill the cache
            subprocess.run([sys.executable, "-c", PRIME, spec["name"], spec["path"]], check=True)
        return _measure(everything)
    if kind == "report":
        return measure_report(Path(spec["out"]))
    if kind == "report_floor":
        return measure_report_floor(Path(spec["out"]))
    raise ValueError(f"unknown measurement kind {kind!r}")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    spec = json.loads(sys.argv[1])
    print(json.dumps(run(spec)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
