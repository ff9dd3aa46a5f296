"""Library calls the adversarial corpus makes in a subprocess (``Case.args`` starting ``api``).

    python tests/adversarial/_api.py load KIND FILE            analysis.load(KIND, FILE)
    python tests/adversarial/_api.py reconcile-empty KIND      analysis.reconcile({KIND: empty})
    python tests/adversarial/_api.py import KIND FILE          analysis.import_ledger(FILE, KIND)

Bad data must raise :class:`analysis.DataValidationError`: it is printed as one line and the
exit status is 2, as the command line does. Any other exception is left to Python, so it
shows as a traceback and the runner counts it.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    """Run one call; return the exit status."""
    import analysis

    what, kind, *rest = argv
    try:
        if what == "load":
            frame = analysis.load(kind, rest[0])
            print(f"loaded {len(frame)} rows")
        elif what == "reconcile-empty":
            import pandas as pd

            analysis.reconcile({kind: pd.DataFrame()})
            print("reconciled")
        elif what == "import":
            result = analysis.import_ledger(rest[0], kind)
            print(result.summary(reconciliation=False))
        else:
            raise SystemExit(f"unknown call {what!r}")
    except analysis.DataValidationError as err:
        print("error: " + " ".join(str(err).split()), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
