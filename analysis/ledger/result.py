"""The result of an import: accepted records, rejected rows, and what happened in words.

:meth:`LedgerImport.summary` fits one screen: where the ledger was found, which header
fed which column, what personal data was not kept, rows read / accepted / rejected by
reason, and the reconciliation of the accepted records with the published figures —
only the figures this dataset feeds (the others would just repeat the shipped data).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from analysis.datasets.schema import DATA_AS_OF
from analysis.ledger.privacy import mask_text
from analysis.ledger.problems import CODES

_PERSONAL_WORDS = {
    "id_number": "ID number",
    "phone": "phone",
    "name": "name",
    "address": "address",
    "account": "account",
}


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The shipped record datasets and published figures, loaded once per process."""
    from analysis.datasets.loaders import load, load_published_figures
    from analysis.datasets.schema import RECORD_DATASETS

    return {name: load(name) for name in RECORD_DATASETS}, load_published_figures()


@cache
def figures_fed_by(kind: str) -> tuple[str, ...]:
    """Ids of the published figures whose computation reads dataset ``kind``.

    Found by running each computation of :data:`analysis.rules.reconciliation.COMPUTATIONS` on
    the shipped data and noting what it reads, so it cannot drift from the definitions.
    """
    from analysis.rules.reconciliation import COMPUTATIONS, datasets_read

    frames, _ = _shipped()
    return tuple(f for f in COMPUTATIONS if kind in datasets_read(f, frames)[1])


@dataclass
class LedgerImport:
    """An imported ledger. ``accepted`` + ``rejected`` hold every data row exactly once."""

    path: Path
    kind: str
    format: str
    encoding: str | None
    sheet: str | None
    sheets: list[str]
    header_rows: list[int]
    columns: dict[str, str]  # canonical column → ledger header
    units: dict[str, str]  # quantity column → unit the ledger gave it in
    personal: list[tuple[str, str]]  # (header, kind of personal data): not kept
    ignored: list[str]  # headers of other columns: not kept
    notes: list[str]
    as_of: date
    accepted: pd.DataFrame
    accepted_rows: list[int]  # spreadsheet row of each accepted record
    rejected: pd.DataFrame
    pseudonyms: pd.DataFrame | None
    canonical: pd.DataFrame = field(repr=False)  # accepted rows as canonical strings
    missing: dict[str, str] = field(default_factory=dict)  # column not in the ledger → how read
    own_wording: dict[str, dict[str, int]] = field(default_factory=dict)  # kept as written
    aliased: dict[str, dict[str, int]] = field(default_factory=dict)  # "written → read": rows

    @property
    def rows_read(self) -> int:
        """Data rows in the ledger (rows under the header up to the last non-blank one)."""
        return len(self.accepted) + len(self.rejected)

    def reasons(self) -> pd.Series:
        """Rejected rows per reason code, most frequent first (a row may count twice)."""
        codes = self.rejected["codes"].str.split(";").explode()
        counts = codes[codes.ne("")].value_counts()
        return counts.rename_axis("code").rename("rows").astype("int64")

    def reconciliation(self) -> pd.DataFrame:
        """The published figures this dataset feeds, recomputed with the accepted records.

        The other datasets a figure needs come from the shipped (synthetic) data.
        """
        from analysis.rules.reconciliation import reconcile

        frames, figures = _shipped()
        fed = figures[figures["figure_id"].isin(figures_fed_by(self.kind))]
        return reconcile({**frames, self.kind: self.accepted}, fed).reset_index(drop=True)

    def canonical_csv(self) -> str:
        """The accepted records as canonical CSV text, loadable by ``analysis.load``."""
        return self.canonical.to_csv(index=False, lineterminator="\n")

    def summary(self, reconciliation: bool = True) -> str:
        """Say what the import did, on one screen."""
        where = [self.format.upper()]
        if self.encoding:
            where.append(f"encoding {self.encoding}")
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r} of {len(self.sheets)}")
        rows = "-".join(str(r) for r in self.header_rows)
        where.append(f"header on row {rows}")
        lines = [f"{self.kind} ledger {self.path.name}: {', '.join(where)}"]
        mapped = []
        for column, header in self.columns.items():
            unit = self.units.get(column)
            note = f" [{unit}]" if unit and unit not in ("元", "月") else ""
            mapped.append(f"{column}←{header}{note}")
        lines += _wrapped("columns", mapped)
        if self.personal:
            how = "pseudonymised (salted)" if self.pseudonyms is not None else "dropped"
            shown = [f"{h} ({_PERSONAL_WORDS[w]})" for h, w in self.personal]
            lines += _wrapped(f"personal, {how}", shown)
        if self.ignored:
            lines += _wrapped("not kept", self.ignored)
        if self.missing:
            shown = [f"{c} ({how})" for c, how in self.missing.items()]
            lines += _wrapped("not in the ledger", shown)
        for column, counts in self.aliased.items():
            lines += _wrapped(f"{column} read via the alias table", _counted(counts))
        for column, counts in self.own_wording.items():
            lines += _wrapped(f"{column} kept as written (not in the vocabulary)", _counted(counts))
        for note in self.notes:
            if note.split(":")[0] not in self.missing:  # said above
                lines.append(f"  note: {note}")
        lines.append(
            f"rows read {self.rows_read}: accepted {len(self.accepted)}, "
            f"rejected {len(self.rejected)}"
        )
        reasons = self.reasons()
        if len(reasons):
            lines.append("rejected by reason (a row may have several):")
            lines += [f"  {n:>6}  {code:<16} {CODES[code]}" for code, n in reasons.items()]
        if reconciliation:
            lines += self._reconciliation_lines()
        # headers, notes and kept wordings come from the ledger: a header or title cell may
        # hold a name or a number, and this text goes to the console
        return "\n".join(map(mask_text, lines))

    def _reconciliation_lines(self) -> list[str]:
        table = self.reconciliation()
        if table.empty:
            return ["no published figure is computed from this dataset"]
        lines = [
            f"published figures (as of {DATA_AS_OF}) vs these records up to {self.as_of}; "
            "other datasets: shipped synthetic data"
        ]
        for r in table.itertuples(index=False):
            lines.append(
                f"  {r.figure_id:<26} published {r.published:>12} ({r.written or r.qualifier}, "
                f"{r.rule})  computed {r.computed or '—':>12}  {r.status}"
            )
        return lines


def _counted(counts: dict[str, int]) -> list[str]:
    """``value ×n`` items, most frequent first (as the counts are ordered)."""
    return [f"{value} ×{n}" for value, n in counts.items()]


def _wrapped(label: str, items: list[str], width: int = 100) -> list[str]:
    """``label: a, b, c`` wrapped to the screen width, continuation lines indented."""
    # masked before wrapping, which could split a number written with spaces
    text = mask_text(f"{label}: " + ", ".join(items))
    return textwrap.wrap(text, width=width, subsequent_indent="    ", break_on_hyphens=False)
