"""Build the corpus of bad and awkward ledgers the importer is tested against.

    python tests/ledgers/make_corpus.py OUTDIR     # write every file, to look at them

Each case is one file (a few cases read one file with different options). What the
importer must make of it — rows read, accepted, rejected by reason, or the file-level
error — is in ``manifest.csv``, written by hand from each case's description, not
copied from the importer's output. The cases are in ``corpus_cases_files.py`` (encodings,
formats, workbooks, headers) and ``corpus_cases_rows.py`` (values, rows, personal data, the
other datasets).

The files are generated, not committed: no binary blobs in git, no ID- or phone-shaped
strings in the repository (even fake ones would defeat a leak scan), no drift between
this script and the files. Generation is deterministic (fixed workbook timestamps and
zip entry times), so the corpus has the same bytes on every run; it takes under a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

import corpus_cases_files  # noqa: F401  (registers its cases)
import corpus_cases_rows  # noqa: F401
from corpus_fakes import CASES, write


def build(out_dir: str | Path) -> dict[str, Path]:
    """Write every case into ``out_dir``; return file name → path."""
    out = Path(out_dir)
    return {name: write(out / name, make()) for name, make in sorted(CASES.items())}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in build(sys.argv[1]).values():
        print(path)
