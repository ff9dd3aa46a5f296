"""Command line: ``python -m analysis <command>``.

Commands
--------
generate            regenerate data/synthetic/*.csv and data/datapackage.json
metadata            rewrite data/datapackage.json from the files on disk
verify              check files against metadata and published figures (exit 1 on drift)
reconcile           print published and computed figures, how each is read, status
execute-notebooks   re-execute notebooks/NN-*.ipynb in place
report              build HTML reports into reports/
import-ledger       import a ledger (台账): import-ledger KIND FILE --out DIR (see its --help)
clear-cache         empty the cache of validated large files (.cache/validated/)
audit-disclosure    recover hidden cells of a built site: audit-disclosure [SITE_DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def _generate(_: argparse.Namespace) -> int:
    from analysis import synth
    from analysis.config import SYNTHETIC_DIR
    from analysis.datasets.metadata import write_datapackage

    SYNTHETIC_DIR.mkdir(parents=True, exist_ok=True)
    for path in synth.write_all(synth.generate(), SYNTHETIC_DIR):
        print(f"wrote {path.relative_to(SYNTHETIC_DIR.parent.parent)}")
    print(f"wrote {write_datapackage().name}")
    return 0


def _metadata(_: argparse.Namespace) -> int:
    from analysis.datasets.metadata import write_datapackage

    print(f"wrote {write_datapackage()}")
    return 0


def _verify(_: argparse.Namespace) -> int:
    from analysis.datasets.metadata import verify
    from analysis.rules.reconciliation import MISMATCH, reconcile

    problems = verify()
    table = reconcile()
    problems += [  # match, match (by construction), contradictory wording: not drift
        f"figure {r.figure_id}: {r.computed} vs published {r.published} ({r.rule})"
        for r in table.itertuples()
        if r.status == MISMATCH
    ]
    for p in problems:
        print(p)
    print(
        "ok: files match metadata; every computable figure reconciles"
        if not problems
        else f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


def _reconcile(_: argparse.Namespace) -> int:
    from analysis.rules.reconciliation import reconcile

    table = reconcile()
    rows = [("figure", "published (as written)", "allows", "computed", "status", "records")]
    for r in table.itertuples(index=False):
        unit = "" if r.unit_of_measure in ("日期", "") else f" {r.unit_of_measure}"
        written = f" ({r.written})" if r.written and r.written != r.published else ""
        rows.append(
            (
                str(r.figure_id),
                f"{r.published}{unit}{written}",
                str(r.rule) or "—",
                f"{r.computed}{unit}" if r.computed else "—",
                str(r.status),
                str(r.records) or "—",
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
    counts = table["status"].value_counts(sort=False)
    print("; ".join(f"{status}: {n}" for status, n in counts.items() if n))
    return 0


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Han characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _execute(_: argparse.Namespace) -> int:
    from analysis.report.execute import execute_notebooks

    execute_notebooks()
    return 0


def _report(args: argparse.Namespace) -> int:
    from analysis.report.site import LANGS, build_site

    langs = tuple(args.lang) if args.lang else LANGS
    pages = build_site(langs=langs, units=not args.no_units, force=args.force)
    print(f"{len(pages)} pages in reports/ (open reports/index.html)")
    return 0


def _clear_cache(_: argparse.Namespace) -> int:
    from analysis.datasets.cache import cache_dir, clear

    print(f"removed {clear()} file(s) from {cache_dir() or 'the cache (switched off)'}")
    return 0


COMMANDS = {
    "generate": _generate,
    "metadata": _metadata,
    "verify": _verify,
    "reconcile": _reconcile,
    "execute-notebooks": _execute,
    "report": _report,
    "clear-cache": _clear_cache,
}


def main(argv: list[str] | None = None) -> int:
    """Run a command; return its exit status."""
    from analysis.ledger.cli import replace_unencodable  # one definition, any command

    replace_unencodable()
    args_given = sys.argv[1:] if argv is None else argv
    if args_given[:1] == ["import-ledger"]:  # its own options: analysis/ledger/cli.py
        from analysis.ledger.cli import main as import_ledger_main

        return import_ledger_main(list(args_given[1:]))
    if args_given[:1] == ["audit-disclosure"]:  # its own options: analysis/report/audit.py
        from analysis.report.audit import main as audit_main

        return audit_main(list(args_given[1:]))
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=sorted(COMMANDS))
    report = parser.add_argument_group("report options")
    report.add_argument(
        "--lang",
        action="append",
        choices=("zh", "en"),
        help="edition to build (repeatable; default both)",
    )
    report.add_argument("--force", action="store_true", help="rebuild even unchanged pages")
    report.add_argument("--no-units", action="store_true", help="skip the per-unit pages")
    args = parser.parse_args(argv)
    if args.command not in _READS_LEDGERS:
        return COMMANDS[args.command](args)
    return _with_ledgers(COMMANDS[args.command], args)


#: Commands that read the imported ledgers (``SHANGJIE_LEDGER_DIR``) when it is set.
_READS_LEDGERS = frozenset({"verify", "reconcile", "report"})


def _with_ledgers(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run ``command``; a missing ledger folder or an invalid imported file is one line, exit 2.

    A mistyped ``SHANGJIE_LEDGER_DIR`` must not fall back to the synthetic data silently,
    and a bad ``accepted.csv`` is the user's file to fix, not a traceback to read.
    """
    from analysis.config import LEDGER_DIR_ENV, ledger_dir
    from analysis.datasets.errors import DataValidationError

    folder = ledger_dir()
    if folder is not None and not folder.is_dir():
        _error(
            f"{LEDGER_DIR_ENV}={folder} is not a folder. Fix: set it to the folder holding "
            f"<dataset>/accepted.csv from import-ledger, or unset it to use the shipped data"
        )
        return 2
    try:
        if folder is not None:  # every imported file checked first: report runs notebooks
            from analysis.datasets.loaders import load
            from analysis.datasets.origin import imported_file
            from analysis.datasets.schema import RECORD_DATASETS

            for name in RECORD_DATASETS:
                if imported_file(name) is not None:
                    load(name)
        return command(args)
    except DataValidationError as err:
        first = err.problems[0] if err.problems else None
        more = f" (and {len(err.problems) - 1} more)" if len(err.problems) > 1 else ""
        where = f" under {LEDGER_DIR_ENV}={folder}" if folder is not None else ""
        fix = (
            "import the ledger again with import-ledger"
            if folder is not None
            else "regenerate with python -m analysis generate"
        )
        _error(f"{err.path}{where}: dataset {err.dataset!r} is invalid: {first}{more} ({fix})")
        return 2


def _error(text: str) -> None:
    """Print one line on stderr, whatever encoding the console has."""
    line = " ".join(text.split())
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    print("error: " + line.encode(encoding, "replace").decode(encoding), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
