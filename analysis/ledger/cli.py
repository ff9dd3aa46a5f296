"""``python -m analysis import-ledger KIND FILE --out DIR``: import a ledger from the shell.

Writes to DIR (created if needed; never the source file):

- ``accepted.csv``   the accepted records, canonical CSV (UTF-8, no BOM), loadable with
  ``analysis.load(KIND, "DIR/accepted.csv")``;
- ``rejected.csv``   one row per rejected data row: source_row, codes, reason, fix and the
  row's kept cells with personal data masked (UTF-8 *with* BOM, so that Excel on Chinese
  Windows opens it as UTF-8);
- ``pseudonyms.csv`` only with a salt: source_row → pseudonym of each personal column;
- ``import.json``    provenance: source name and sha256, sheet, encoding, header,
  columns, the columns the ledger lacks and how they were read (``columns_missing``),
  counts by reason, as-of date. No cell values, except the category wordings of
  accepted rows that the vocabulary lacks (``values_kept_as_written``) or the alias
  table translated (``values_read_via_aliases``): words such as 电商, never personal data.

Prints a one-screen summary. Exit status 0 when the import ran (even if rows were
rejected), 2 when the file cannot be imported (one line on stderr naming the file, no
traceback) or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from analysis.config import LEDGER_DIR_ENV, SALT_ENV, ledger_dir
from analysis.datasets.csv_safe import defuse, defuse_text  # noqa: F401  (re-exported)
from analysis.ledger.headers import KINDS
from analysis.ledger.importer import import_ledger
from analysis.ledger.privacy import mask_all, mask_frame, mask_text
from analysis.ledger.problems import LedgerError
from analysis.ledger.result import LedgerImport

OUTPUTS = ("accepted.csv", "rejected.csv", "pseudonyms.csv", "import.json")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m analysis import-ledger``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis import-ledger",
        description="Import a ledger (台账, .csv or .xlsx) as dataset KIND: every data row "
        "is accepted or rejected with its reasons; personal data is not kept.",
        epilog="Writes to DIR"
        + __doc__.split("Writes to DIR")[1].split("Prints")[0]
        + "Example: python -m analysis import-ledger loans 台账.xlsx --out imported/loans",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = [*KINDS, *(k.replace("_", "-") for k in KINDS if "_" in k)]
    parser.add_argument("kind", choices=kinds, metavar="KIND", help=", ".join(KINDS))
    parser.add_argument("file", type=Path, metavar="FILE", help="the ledger: .csv or .xlsx")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--sheet", metavar="NAME", help="worksheet to read (default: the one)")
    parser.add_argument(
        "--salt-env",
        metavar="VAR",
        help=f"environment variable holding the pseudonym salt (default {SALT_ENV}); "
        "without a salt personal columns are dropped",
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="reject event dates after this")
    parser.add_argument("--aliases", type=Path, metavar="CSV", help="extra alias table")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit status."""
    replace_unencodable()
    args = build_parser().parse_args(argv)
    if (problem := _option_problem(args)) is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        salt = None
        if args.salt_env:
            salt = os.environ.get(args.salt_env)
            if not salt:  # the salt never goes on the command line, where `ps` shows it
                raise LedgerError(
                    args.file,
                    f"environment variable {args.salt_env} is not set",
                    f"export {args.salt_env} with a secret of 16+ random characters",
                )
        result = import_ledger(
            args.file, args.kind, sheet=args.sheet, salt=salt, as_of=args.as_of,
            aliases=args.aliases,
        )  # fmt: skip
        written = write_outputs(result, args.out)
    except LedgerError as err:
        _remove_stale(args.out)
        print(f"error: {mask_text(str(err))}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as err:  # short salt, unwritable DIR
        _remove_stale(args.out)
        print(f"error: {args.file}: {mask_text(' '.join(str(err).split()))}", file=sys.stderr)
        return 2
    print(result.summary())  # masked: headers and kept wordings come from the ledger
    print(f"wrote {', '.join(p.name for p in written)} to {args.out}")
    return 0


def write_outputs(result: LedgerImport, out_dir: str | Path) -> list[Path]:
    """Write the import's files into ``out_dir``; return their paths.

    Raises
    ------
    LedgerError
        If an output would overwrite the source ledger.
    OSError
        If the folder cannot be written.
    """
    out = Path(out_dir)
    source = result.path.resolve()
    if any((out / name).resolve() == source for name in OUTPUTS):
        raise LedgerError(result.path, "--out would overwrite the ledger itself", "use another DIR")
    files = {
        "accepted.csv": mask_frame(result.canonical)
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8"),
        "rejected.csv": defuse(mask_frame(result.rejected))
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8-sig"),
    }
    if result.pseudonyms is not None:
        text = defuse(result.pseudonyms).to_csv(index=False, lineterminator="\n")
        files["pseudonyms.csv"] = text.encode("utf-8")
    files["import.json"] = (
        json.dumps(provenance(result), ensure_ascii=False, indent=2) + "\n"
    ).encode()
    # Atomic: the files are written into a temporary sibling folder which then takes the
    # place of DIR, so DIR never holds a mix of this import and an earlier one.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        keep = [p for p in out.iterdir() if p.name not in OUTPUTS] if out.is_dir() else []
        for other in keep:  # the user's own files in DIR stay
            os.replace(other, staging / other.name)
        old = out.with_name(staging.name + ".old")
        if out.exists():
            os.replace(out, old)
        os.replace(staging, out)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return [out / name for name in files]


def _option_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options themselves, before the ledger is opened."""
    if args.as_of is not None:
        try:
            date.fromisoformat(args.as_of)
        except ValueError:
            return (
                f"{args.file}: the option --as-of {args.as_of} is not a calendar date (the "
                "ledger was not read). Fix: write the option as YYYY-MM-DD, e.g. 2020-09-23"
            )
    if args.out.exists() and not args.out.is_dir():
        return f"--out {args.out}: is a file, not a folder. Fix: name a folder (it is created)"
    blocking = next((p for p in args.out.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        return (
            f"--out {args.out}: cannot be created, {blocking} is a file. Fix: name a folder "
            "outside it"
        )
    folder = ledger_dir()
    out = args.out.resolve()
    if folder is not None and not folder.is_dir() and folder.resolve() not in out.parents:
        # set, but missing: a typo would make later commands fall back to the shipped data
        return (
            f"{LEDGER_DIR_ENV}={folder} is not a folder. Fix: set it to the folder holding "
            "<dataset>/accepted.csv (import into it with --out), or unset it"
        )
    if args.file.is_dir():
        return f"{args.file}: is a folder, not a ledger file. Fix: name the .xlsx or .csv in it"
    return None


def _remove_stale(out: Path) -> None:
    """After a failed import, remove an earlier import's outputs from ``out``: they would
    otherwise be taken for the result of this one."""
    if out.is_dir() and (out / "import.json").is_file():
        for name in OUTPUTS:
            (out / name).unlink(missing_ok=True)


def provenance(result: LedgerImport) -> dict[str, object]:
    """What was imported and how: enough to redo it, no cell values.

    Every text but the hash is masked (:func:`analysis.ledger.privacy.mask_all`): header
    cells, title rows, notes and kept wordings come from the ledger.
    """
    digest = hashlib.sha256(result.path.read_bytes()).hexdigest()
    masked = {key: mask_all(value) for key, value in _provenance(result).items()}
    return {"source": masked.pop("source"), "source_sha256": digest, **masked}


def _provenance(result: LedgerImport) -> dict[str, object]:
    """The fields of :func:`provenance` but the hash, as the import holds them (unmasked)."""
    return {
        "source": result.path.name,
        "kind": result.kind,
        "format": result.format,
        "encoding": result.encoding,
        "sheet": result.sheet,
        "header_rows": result.header_rows,
        "columns": result.columns,
        "units": result.units,
        "personal_columns": {h: what for h, what in result.personal},
        "pseudonymised": result.pseudonyms is not None,
        "not_kept": result.ignored,
        "notes": result.notes,
        "columns_missing": result.missing,
        "values_kept_as_written": result.own_wording,
        "values_read_via_aliases": result.aliased,
        "as_of": result.as_of.isoformat(),
        "rows_read": result.rows_read,
        "accepted": len(result.accepted),
        "rejected": len(result.rejected),
        "rejected_by_reason": {k: int(v) for k, v in result.reasons().items()},
    }


def replace_unencodable() -> None:
    """Let the console show ? for what its encoding lacks (an emoji on a GBK console).

    Without this, a header the console cannot encode crashes the command after its
    outputs were written.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


if (
    __name__ == "__main__"
):  # python -m analysis.ledger.cli, same as python -m analysis import-ledger
    sys.exit(main())
