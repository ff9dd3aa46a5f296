"""The tables of the inspection page, shaped for a reader.

The metric frames (:mod:`analysis.inspections.metrics`, :mod:`analysis.inspections.risk`)
keep every column an analyst may need; these functions keep what a reader needs beside
a chart: no internal ids where a name exists, no group with nothing in it, ``NaN`` rather
than ``inf`` for a median that is not known yet (the table formatter prints ``—``), and
the factor levels of the risk rules in the edition's words. Column labels, number formats
and place names are the publication-table formatter's
(:mod:`analysis.presentation.tables`); every frame here names its records in
``attrs["datasets"]``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.errors import require_columns
from analysis.datasets.schema import CHECK_ITEMS
from analysis.inspections._chart_notes import DATASETS
from analysis.inspections._charts_risk import _level
from analysis.inspections._stats import with_intervals
from analysis.inspections.metrics import TOTAL
from analysis.presentation.findings import pick
from analysis.presentation.labels import unit_name
from analysis.presentation.text import Catalogue
from analysis.rules.entities import DISTRICT_ID

#: The risk factors as a table names them.
FACTOR_NAMES = Catalogue(
    __name__,
    {
        "overall": ("总体", "overall"),
        "premises_type": ("场所类型", "premises type"),
        "prior_failures": ("既往不合格次数", "prior failures"),
        "since_last": ("距上次检查", "time since the last visit"),
    },
)
#: The columns of the cut-off comparison a reader compares (the shares visited and expected
#: at random are the same 20 % on every row; the gain interval is in the findings).
CUTOFF_COLUMNS = (
    "cutoff",
    "premises",
    "failing",
    "found_pct",
    "lift",
    "lift_low",
    "lift_high",
    "p_value",
    "auc",
    "baseline_lift",
    "baseline_low",
    "baseline_high",
)
RANKING_COLUMNS = (
    "rank",
    "premises_id",
    "premises_type",
    "unit_id",
    "visits",
    "failures",
    "last_visit",
    "since_last",
    "score",
)


def _signed(frame: pd.DataFrame) -> pd.DataFrame:
    frame.attrs["datasets"] = list(DATASETS)
    return frame.reset_index(drop=True)


def visits_by_campaign(visits: pd.DataFrame) -> pd.DataFrame:
    """Visits per campaign: first visits, re-inspections and all, with a total row.

    Raises
    ------
    KeyError
        If ``campaign`` or ``visit_kind`` is missing.
    """
    require_columns(visits, ("campaign", "visit_kind"), "inspections")
    again = (visits["visit_kind"].astype("object") == "复查").to_numpy()
    frame = pd.DataFrame({"campaign": visits["campaign"].to_numpy(), "again": again})
    grouped = frame.groupby("campaign", observed=True, sort=True)["again"]
    out = grouped.agg(visits="size", reinspections="sum").reset_index()
    out["campaign"] = out["campaign"].astype("object")
    total = {"campaign": TOTAL, "visits": len(frame), "reinspections": int(again.sum())}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    out["reinspections"] = out["reinspections"].astype("int64")
    out["first_visits"] = out["visits"] - out["reinspections"]
    return _signed(out[["campaign", "first_visits", "reinspections", "visits"]])


def pass_rate_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Every premises type × item cell with something checked, lowest pass rate first, with
    its Wilson 95 % interval (the heatmap's numbers, sortable).

    Raises
    ------
    KeyError
        If ``rates`` is not shaped like :func:`analysis.inspections.pass_rates` output.
    """
    by = rates.columns[0]
    cells = rates[rates["checked"] > 0]
    cells = with_intervals(cells, "passed", "checked")
    columns = [by, "item", "checked", "failed", "pass_rate_pct", "ci_low_pct", "ci_high_pct"]
    order = cells["item"].map({item: i for i, item in enumerate(CHECK_ITEMS)})
    cells = cells.assign(_order=order).sort_values(["pass_rate_pct", "_order"], kind="stable")
    return _signed(cells[columns].copy())


def rates_with_intervals(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """An :func:`analysis.inspections.outcome_summary` frame with the Wilson 95 % interval of
    its share ordering rectification, months as ``2020-03``; a ``unit_id`` column becomes
    ``unit`` (names, the district's own premises called "district bodies", as in the chart,
    so the row is not read as a district total).

    Raises
    ------
    KeyError
        If ``ordered`` or ``visits`` is missing.
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    out = with_intervals(frame, "ordered", "visits")
    if "period" in out:
        out["period"] = pd.to_datetime(out["period"]).dt.strftime("%Y-%m")
    if "unit_id" in out:
        names = {u: unit_name(u, lang) for u in out["unit_id"].astype("object").unique()}
        names[DISTRICT_ID] = pick(
            lang, "{n}（区直单位）", "{n} (district bodies)", n=unit_name(DISTRICT_ID, lang)
        )
        out.insert(0, "unit", out.pop("unit_id").astype("object").map(names))
    return _signed(out)


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The rectification summary as a reader reads it: groups with no case left out (the
    total row stays), a median not known yet (``inf``: fewer than half rectified) as
    missing, shown ``—``; ``n, events, censored`` named ``cases, rectified, still_open``.

    Raises
    ------
    KeyError
        If ``summary`` is not shaped like :func:`analysis.inspections.rectification_summary`.
    """
    require_columns(summary, ("group", "n", "median_days"), "rectification summary")
    kept = summary[(summary["n"] > 0) | (summary["group"].astype("object") == TOTAL)].copy()
    kept["group"] = kept["group"].astype("object")
    kept["median_days"] = kept["median_days"].replace([np.inf, -np.inf], np.nan)
    kept = kept.rename(columns={"n": "cases", "events": "rectified", "censored": "still_open"})
    return _signed(kept)


def rules_table(rules: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The risk rules with factors and levels in the edition's words.

    Raises
    ------
    KeyError
        If ``rules`` is not shaped like the rules of :func:`analysis.inspections.risk.validate`.
    """
    lang = resolve_lang(lang)
    require_columns(rules, ("factor", "level", "multiplier"), "rules")
    out = rules.copy()
    factors = [str(f) for f in out["factor"]]
    out["level"] = [
        pick(lang, "全部", "all") if f == "overall" else _level(f, str(v), lang)
        for f, v in zip(factors, out["level"], strict=True)
    ]
    out["factor"] = [FACTOR_NAMES.text(f, lang) if f in FACTOR_NAMES else f for f in factors]
    return _signed(out)


def cutoff_table(by_cutoff: pd.DataFrame) -> pd.DataFrame:
    """The ranking judged at each cut-off: the columns a reader compares.

    Raises
    ------
    KeyError
        If ``by_cutoff`` is not shaped like :func:`analysis.inspections.capture_by_cutoff`.
    """
    require_columns(by_cutoff, CUTOFF_COLUMNS, "cut-off comparison")
    return _signed(by_cutoff[list(CUTOFF_COLUMNS)].copy())


def ranking_table(ranking: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The next round's list, whole: rank (ties share the better rank), premises, unit, its
    history and score; the time since the last visit in the edition's words.

    Raises
    ------
    KeyError
        If ``ranking`` is not shaped like :func:`analysis.inspections.risk.rank_premises`.
    """
    lang = resolve_lang(lang)
    out = ranking.copy()
    out["rank"] = out["score"].rank(method="min", ascending=False).astype("int64")
    out["since_last"] = [_level("since_last", str(v), lang) for v in out["since_last"]]
    out["score"] = out["score"].round(2)
    columns = [c for c in RANKING_COLUMNS if c in out]
    return _signed(out[columns])
