"""The adversarial corpus of issue 17: files the way real office ledgers go wrong.

    .venv/bin/python tests/adversarial/corpus.py OUTDIR    # write every file, to look at them

:func:`cases` yields one :class:`Case` per input: its file name, the class of the issue it
probes, its bytes (or a writer that builds the file, and any folder around it, at a path),
and its expected outcome — rows accepted, rows rejected by reason, or the file refused with
a reason — written from each case's description, not copied from the importer's output.
A case may run another command than ``import-ledger`` (``reconcile``, ``verify``, the
library through ``_api.py``) or set the environment (``PYTHONIOENCODING=gbk``,
``SHANGJIE_LEDGER_DIR``). ``planted`` lists the personal values the input holds: no output
may show any of them. ``tests/adversarial/run.py`` imports every case through the real
command line and prints the figures of the issue's "Done when".

Nothing is committed but this code: the files are generated (deterministically, in well
under a second) and the fake personal values are built by code (see ``_kinds.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: The classes of issue 17, in the order its "Why" lists them.
CLASSES = ("traceback", "hang", "row_loss", "personal", "refusal", "formula", "message")
#: The command a case runs unless it says otherwise; {kind} {file} {out} {dir} are filled in.
IMPORT = ("import-ledger", "{kind}", "{file}", "--out", "{out}")


@dataclass(frozen=True)
class Expect:
    """What the command must make of a case.

    ``accepted`` and ``rejected`` count rows; ``reasons`` maps a reason code to the rows
    rejected for it (as ``import.json`` counts them; a row may have several codes; codes
    not listed are not checked). ``refused`` is part of the one-line error of a file that
    cannot be imported (exit 2). ``absent`` names output files that must not exist after.
    """

    accepted: int | None = None
    rejected: int = 0
    reasons: Mapping[str, int] = field(default_factory=dict)
    refused: str | None = None
    absent: tuple[str, ...] = ()

    @property
    def rows(self) -> int:
        """Rows the import must account for."""
        return (self.accepted or 0) + self.rejected


@dataclass(frozen=True)
class Case:
    """One adversarial input and what must come of it."""

    name: str  # the file's name, unique in the corpus
    cls: str  # one of CLASSES
    make: bytes | Callable[[Path], None]  # the bytes, or a writer given the file's path
    expect: Expect
    kind: str = "loans"
    args: tuple[str, ...] = IMPORT  # "api" first: tests/adversarial/_api.py
    env: Mapping[str, str] = field(default_factory=dict)
    planted: tuple[str, ...] = ()  # personal values in the input
    names: str | None = None  # what an error must name; default the file name

    def __post_init__(self) -> None:
        if self.cls not in CLASSES:
            raise ValueError(f"{self.name}: unknown class {self.cls!r}")

    def build(self, folder: Path) -> Path:
        """Write the case into ``folder`` (its own); return the input's path."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.name
        if isinstance(self.make, bytes):
            path.write_bytes(self.make)
        else:
            self.make(path)
        return path


_CASES: list[Case] = []


def add(case: Case) -> None:
    """Register a case (the ``_cases_*`` modules call this when imported)."""
    if any(c.name == case.name for c in _CASES):
        raise ValueError(f"two cases named {case.name}")
    _CASES.append(case)


def cases() -> Iterator[Case]:
    """Every case of the corpus, in a fixed order."""
    if not _CASES:
        sys.path.insert(0, str(HERE))
        try:
            import _cases_crash  # noqa: F401  (each module registers its cases)
            import _cases_messages  # noqa: F401
            import _cases_personal  # noqa: F401
            import _cases_size  # noqa: F401
        finally:
            sys.path.remove(str(HERE))
    yield from _CASES


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.path.insert(0, str(HERE))
    import corpus  # the cases register with the module, not with __main__

    for case in corpus.cases():
        print(case.build(Path(sys.argv[1]) / case.name.replace(".", "_")))
