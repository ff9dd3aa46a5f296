"""Recompute each published figure from the record-level data and compare.

Every figure on the seed page gets one row: the published value, the value computed
from records (where records exist that can produce it) and a status. The definitions
below *are* the contract between the synthetic generator and the page: the generator is
calibrated so that every computable figure matches, and a researcher's real ledgers can
be checked against the page the same way.

How a published figure is read
------------------------------
As the page wrote it, from its verbatim quote (:mod:`analysis.rules._quote_reading`):
1390万元 is a rounding to 万 (13,895,000 ≤ x < 13,905,000); 至少/不少于 is a lower bound
(每周至少半天: x ≥ 0.5); 近…余 on one number is contradictory wording, reported as such;
and where the quote gives no reading, the ``qualifier`` column decides:

- 确数 (exact): the computed value equals the published one.
- 余 / 多 (at least): ``published <= computed < published + step``, where ``step`` is the
  rounding place of the published number (10 for 10余, 100 for 2400余): "2400余户" is read as
  2,400–2,499 households.
- 近 (nearly): ``published - step < computed <= published``.
- 约 (about): within 2 when the unit is a year ("mid-1990s" → 1993–1997), else within 5 %.

Statuses
--------
``match`` / ``mismatch`` for records that could have said otherwise (imported ledgers);
``match (by construction)`` when every dataset the figure is computed from is synthetic,
since the generator is calibrated to give the page's value — agreement then tests the
generator, not the page; ``contradictory wording`` when the page's words contradict
each other; ``not computable from records`` otherwise. The ``records`` column gives the
origin of the records a row was computed from, per row: a figure read from a dataset
that was not imported says its records are synthetic even when others were imported.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.schema import RECORD_DATASETS
from analysis.rules._figure_computations import COMPUTATIONS, Frames
from analysis.rules._quote_reading import Reading, read_quote

__all__ = [
    "COMPUTATIONS",
    "CONTRADICTORY",
    "MATCH",
    "MATCHING",
    "MATCH_BY_CONSTRUCTION",
    "MISMATCH",
    "NOT_COMPUTABLE",
    "STATUSES",
    "Reading",
    "accepted_range",
    "compare",
    "datasets_read",
    "read_quote",
    "reconcile",
    "rounding_step",
]

MATCH, MISMATCH, NOT_COMPUTABLE = "match", "mismatch", "not computable from records"
#: A match on synthetic records: the generator was calibrated to give the page's value.
MATCH_BY_CONSTRUCTION = "match (by construction)"
#: The page's own words contradict each other (近4000余人): no value can match them.
CONTRADICTORY = "contradictory wording"
#: Every status, in display order.
STATUSES: tuple[str, ...] = (MATCH, MATCH_BY_CONSTRUCTION, MISMATCH, CONTRADICTORY, NOT_COMPUTABLE)
#: Statuses meaning "the records give the published value".
MATCHING: tuple[str, ...] = (MATCH, MATCH_BY_CONSTRUCTION)


def rounding_step(value: float) -> float:
    """Return the rounding place of a published round number (2400 → 100, 10 → 10, 0.5 → 0.1).

    >>> rounding_step(2400), rounding_step(10), rounding_step(87)
    (100, 10, 1)
    """
    if value != int(value):
        decimals = len(repr(float(value)).split(".")[1])
        return 10.0**-decimals
    n, step = int(abs(value)), 1
    while n and n % 10 == 0:
        n //= 10
        step *= 10
    return step


def accepted_range(
    published: float, qualifier: str, unit_of_measure: str
) -> tuple[float, float, bool, bool]:
    """Return the computed values a published figure accepts under its qualifier.

    Returns
    -------
    (low, high, low_inclusive, high_inclusive)
        The interval; e.g. 200余 gives ``(200, 300, True, False)``.

    Raises
    ------
    ValueError
        If the qualifier is not 确数, 余, 近 or 约.
    """
    step = rounding_step(published)
    if qualifier == "确数":
        return published, published, True, True
    if qualifier == "余":
        return published, published + step, True, False
    if qualifier == "近":
        return published - step, published, False, True
    if qualifier == "约":
        tol = 2 if unit_of_measure == "年" else 0.05 * abs(published)
        return published - tol, published + tol, True, True
    raise ValueError(f"unknown qualifier {qualifier!r}; expected 确数, 余, 近 or 约")


def compare(
    published: float, computed: float, qualifier: str, unit_of_measure: str
) -> tuple[bool, str]:
    """Judge a computed value against a published one under the page's qualifier.

    Returns
    -------
    (bool, str)
        Whether it matches, and the rule applied in words.

    Raises
    ------
    ValueError
        If the qualifier is unknown.
    """
    low, high, low_in, high_in = accepted_range(published, qualifier, unit_of_measure)
    fmt = "{:.10g}" if unit_of_measure == "年" else "{:,.10g}"  # 1995, but 13,900,000
    if low == high:
        return bool(np.isclose(computed, published)), f"= {fmt.format(published)}"
    above = computed >= low if low_in else computed > low
    below = computed <= high if high_in else computed < high
    rule = (
        f"{fmt.format(low)} {'≤' if low_in else '<'} x {'≤' if high_in else '<'} {fmt.format(high)}"
    )
    return bool(above and below), rule


def _display(value: object, unit_of_measure: str = "") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    # a year is a label, not a quantity: 1995, not 1,995
    return f"{float(value):.10g}" if unit_of_measure == "年" else f"{float(value):,.10g}"


class _Probe(dict):
    """A frames mapping that notes which datasets a computation reads."""

    def __init__(self, frames: Frames) -> None:
        super().__init__(frames)
        self.used: set[str] = set()

    def __getitem__(self, key: str) -> pd.DataFrame:
        self.used.add(key)
        return super().__getitem__(key)


def datasets_read(figure_id: str, frames: Frames) -> tuple[object, tuple[str, ...]]:
    """Compute figure ``figure_id`` from ``frames``; return the value and the datasets read.

    Raises
    ------
    KeyError
        If the figure is not computable (not in :data:`COMPUTATIONS`) or a dataset it
        reads is not in ``frames``.
    """
    probe = _Probe(frames)
    value = COMPUTATIONS[figure_id][1](probe)
    return value, tuple(n for n in RECORD_DATASETS if n in probe.used)


def frame_origin(name: str, frame: pd.DataFrame) -> str:
    """Where the rows of ``frame`` (dataset ``name``) come from: its ``attrs``, else the loader's.

    A loader sets ``attrs["origin"]``; an imported ledger's frame has ``synthetic`` False;
    a frame with neither is taken to be what ``analysis.load(name)`` would read now.

    Raises
    ------
    KeyError
        If ``name`` is not a dataset.
    """
    from analysis.datasets.origin import origin

    given = frame.attrs.get("origin")
    if given:
        return str(given)
    if frame.attrs.get("synthetic") is False:
        return "imported"
    return origin(name)


def records_origin(origins: list[str]) -> str:
    """The origins of a row's records in one word or two: ``imported + synthetic``."""
    order = ("imported", "synthetic", "reference", "published")
    seen = sorted(set(origins), key=lambda o: order.index(o) if o in order else len(order))
    return " + ".join(seen)


def _bound(value: float | None) -> float:
    return np.nan if value is None else float(value)


def reconcile(frames: Frames | None = None, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare every published figure, read as the page wrote it, with the records.

    Parameters
    ----------
    frames
        Record datasets by name (``compounds``, ``loans`` …). Missing ones are loaded
        (shipped files, or imported ledgers under ``SHANGJIE_LEDGER_DIR``), so a
        researcher can pass only the ledgers they have.
    figures
        The published figures; default :func:`analysis.load_published_figures`.

    Returns
    -------
    pandas.DataFrame
        One row per figure: figure_id, topic, subject_zh, metric, published, qualifier,
        unit_of_measure, computed, rule, computed_from, status (categorical over
        :data:`STATUSES`), and: ``written`` (the number as the quote writes it),
        ``reading`` (exact, rounded, more_than, nearly, about, at_least, above,
        contradictory, date), ``low``/``high`` (the values allowed; NaN where open),
        ``matches`` (status in :data:`MATCHING`), ``datasets`` (those read, comma
        separated) and ``records`` (their origin: synthetic, imported, imported + synthetic).

    Raises
    ------
    DataValidationError
        If a file needed to fill in ``frames`` is invalid.
    """
    from analysis.datasets.loaders import load, load_published_figures
    from analysis.datasets.schema import get_dataset
    from analysis.datasets.validation import require_dataset_columns

    figures = load_published_figures() if figures is None else figures
    data = dict(frames or {})
    require_dataset_columns(data, [get_dataset(n) for n in RECORD_DATASETS])
    for name in RECORD_DATASETS:
        if name not in data:
            data[name] = load(name)
    origins = {name: frame_origin(name, data[name]) for name in RECORD_DATASETS}
    rows = [_row(fig, data, origins) for fig in figures.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=_COLUMNS)
    out["status"] = pd.Categorical(out["status"], list(STATUSES), ordered=True)
    out["matches"] = out["status"].isin(MATCHING).astype(bool)
    return out


_COLUMNS = [
    "figure_id", "topic", "subject_zh", "metric", "published", "qualifier", "unit_of_measure",
    "computed", "rule", "computed_from", "status", "written", "reading", "low", "high",
    "datasets", "records",
]  # fmt: skip


def _row(fig: object, data: Frames, origins: dict[str, str]) -> dict[str, object]:
    """One figure's reconciliation row (see :func:`reconcile`)."""
    is_date = pd.notna(fig.event_date)
    published = fig.event_date if is_date else fig.value
    year = fig.unit_of_measure == "年"
    reading = None
    if not is_date and pd.notna(fig.value):
        quote = str(getattr(fig, "quote_zh", "") or "")
        reading = read_quote(float(fig.value), str(fig.qualifier), fig.unit_of_measure, quote)
    row = {
        "figure_id": fig.figure_id,
        "topic": fig.topic,
        "subject_zh": fig.subject_zh,
        "metric": fig.metric,
        "published": _display(published, fig.unit_of_measure),
        "qualifier": fig.qualifier,
        "unit_of_measure": fig.unit_of_measure,
        "computed": "",
        "rule": f"= {_display(published)}" if is_date else reading.rule(year) if reading else "",
        "computed_from": "",
        "status": NOT_COMPUTABLE,
        "written": reading.written if reading else "",
        "reading": "date" if is_date else reading.kind if reading else "",
        "low": _bound(reading.low) if reading else np.nan,
        "high": _bound(reading.high) if reading else np.nan,
        "datasets": "",
        "records": "",
    }
    contradictory = reading is not None and reading.kind == "contradictory"
    if fig.figure_id not in COMPUTATIONS:
        row["status"] = CONTRADICTORY if contradictory else NOT_COMPUTABLE
        return row
    computed, used = datasets_read(fig.figure_id, data)
    row["computed"] = _display(computed, fig.unit_of_measure)
    row["computed_from"] = COMPUTATIONS[fig.figure_id][0]
    row["datasets"] = ", ".join(used)
    row["records"] = records_origin([origins[n] for n in used])
    if is_date:
        ok = bool(computed == published)
    elif pd.isna(computed) or reading is None:
        ok, row["rule"] = False, "no records"
    else:
        ok = reading.allows(float(computed))
    if contradictory:
        row["status"] = CONTRADICTORY
    elif not ok:
        row["status"] = MISMATCH
    else:  # the generator was calibrated to this value: agreement is no test of the page
        synthetic = bool(used) and all(origins[n] == "synthetic" for n in used)
        row["status"] = MATCH_BY_CONSTRUCTION if synthetic else MATCH
    return row
