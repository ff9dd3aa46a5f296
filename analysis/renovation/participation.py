"""Participation and self-governance around the renovation: tidy frames in, tidy frames out.

How party organisations were built (alone or jointly), the consultation funnel from
meetings to problems resolved, consultations per month by format, and the bimonthly peer
evaluation (观摩评比). Coverage of governance bodies and the compounds lacking one are in
:mod:`analysis.renovation.governance`; the published figures' counting rules are in
:mod:`analysis.rules.reconciliation`, which the notebook shows beside these frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.renovation.governance import descendants
from analysis.rules.entities import in_order

#: Stages of the participation funnel: (stage, column summed or None for a row count,
#: unit of measure as the page uses it).
FUNNEL_STAGES: tuple[tuple[str, str | None, str], ...] = (
    ("consultations", None, "次"),
    ("suggestions", "suggestions", "条"),
    ("adopted", "adopted", "条"),
    ("resolved", "resolved", "个"),
)


def _categories(column: pd.Series, domain: str) -> list[str]:
    """Categories of ``column`` in vocabulary order, including ones no row has."""
    from analysis.datasets.loaders import category_order

    return category_order(column, domain)


def party_orgs_by_mode(compounds: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Temporary party organisations per unit, by how they were built (单独建 / 联合建).

    Returns
    -------
    pandas.DataFrame
        Long format, one row per unit (``sort_order``, district total first, every unit
        present) and mode: ``unit_id``, ``party_org_mode``, ``party_orgs`` (distinct
        ``party_org_id``) and ``compounds`` covered (int). A jointly built organisation
        covers several compounds, so ``compounds`` ≥ ``party_orgs``.

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(compounds, ("unit_id", "party_org_id", "party_org_mode"), "compounds")
    require_columns(units, ("unit_id", "parent_id"), "units")
    units = in_order(units)
    modes = _categories(compounds["party_org_mode"], "party_org_mode")
    members = descendants(units)
    unit_of = compounds["unit_id"].astype(str)
    mode = compounds["party_org_mode"].astype("object")
    rows = []
    for unit in units["unit_id"]:
        mine = unit_of.isin(members[unit]).to_numpy()
        for m in modes:
            part = compounds[mine & (mode == m).to_numpy()]
            rows.append(
                {
                    "unit_id": unit,
                    "party_org_mode": m,
                    "party_orgs": int(part["party_org_id"].nunique()),
                    "compounds": int(part["party_org_id"].notna().sum()),
                }
            )
    out = pd.DataFrame(rows)
    out["party_org_mode"] = pd.Categorical(out["party_org_mode"], modes, ordered=True)
    out.attrs = {"datasets": ["compounds"]}
    return out


def _select(
    consultations: pd.DataFrame,
    compounds: pd.DataFrame | None,
    formats: Sequence[str] | None,
) -> pd.DataFrame:
    keep = pd.Series(True, index=consultations.index)
    if compounds is not None:
        require_columns(compounds, ("compound_id",), "compounds")
        keep &= consultations["compound_id"].isin(compounds["compound_id"])
    if formats is not None:
        keep &= consultations["format"].astype(str).isin(list(formats))
    return consultations[keep]


def participation_funnel(
    consultations: pd.DataFrame,
    compounds: pd.DataFrame | None = None,
    formats: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Consultations → suggestions → adopted → problems resolved.

    Parameters
    ----------
    consultations
        As :func:`analysis.load_consultations` returns.
    compounds
        Count only consultations of these compounds (e.g. one partner unit's); None for all.
    formats
        Count only these formats (e.g. ``("小板凳恳谈会",)``); None for all.

    Returns
    -------
    pandas.DataFrame
        One row per stage of :data:`FUNNEL_STAGES`: ``stage``, ``value`` (int),
        ``unit_of_measure`` and ``pct_of_suggestions`` (NaN for the consultation count,
        and for every stage when there are no suggestions).

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(
        consultations,
        ("compound_id", "format", "suggestions", "adopted", "resolved"),
        "consultations",
    )
    rows = _select(consultations, compounds, formats)
    values = [len(rows) if col is None else int(rows[col].sum()) for _, col, _ in FUNNEL_STAGES]
    out = pd.DataFrame(
        {
            "stage": [s for s, _, _ in FUNNEL_STAGES],
            "value": np.asarray(values, dtype="int64"),
            "unit_of_measure": [u for _, _, u in FUNNEL_STAGES],
        }
    )
    suggestions = values[1]
    pct = [np.nan] + [100 * v / suggestions if suggestions else np.nan for v in values[1:]]
    out["pct_of_suggestions"] = np.asarray(pct, dtype="float64")
    out.attrs = {"datasets": ["consultations", "compounds"]}
    return out


def consultations_by_month(
    consultations: pd.DataFrame,
    compounds: pd.DataFrame | None = None,
    formats: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Consultations and participants per calendar month and format.

    Returns
    -------
    pandas.DataFrame
        Long format, every month from the first to the last consultation × every format
        (the vocabulary's, or ``formats`` in the order given), zeros where nothing was
        held: ``month`` (first day of the month), ``format`` (ordered categorical),
        ``consultations`` and ``participants`` (int).

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    require_columns(
        consultations, ("compound_id", "held_on", "format", "participants"), "consultations"
    )
    rows = _select(consultations, compounds, formats)
    order = (
        list(formats) if formats is not None else _categories(rows["format"], "consultation_format")
    )
    columns = ["month", "format", "consultations", "participants"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    month = rows["held_on"].dt.to_period("M").dt.to_timestamp()
    months = pd.date_range(month.min(), month.max(), freq="MS")
    grid = pd.MultiIndex.from_product([months, order], names=["month", "format"])
    grouped = rows.groupby([month.rename("month"), rows["format"].astype(str).rename("format")])
    out = (
        pd.DataFrame(
            {"consultations": grouped.size(), "participants": grouped["participants"].sum()}
        )
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    out["format"] = pd.Categorical(out["format"], order, ordered=True)
    out = out.astype({"consultations": "int64", "participants": "int64"})
    out.attrs = {"datasets": ["consultations", "compounds"]}
    return out[columns]


def _with_names(evaluations: pd.DataFrame, compounds: pd.DataFrame) -> pd.DataFrame:
    require_columns(evaluations, ("round_no", "held_on", "compound_id", "score"), "evaluations")
    require_columns(compounds, ("compound_id", "name_zh", "unit_id"), "compounds")
    # Evaluations may name compounds the compound records lack (e.g. shipped evaluations
    # next to an imported compound ledger): they keep their rows, named by their id.
    unknown = sorted(set(evaluations["compound_id"]) - set(compounds["compound_id"]))
    names = compounds[["compound_id", "name_zh", "unit_id"]]
    out = evaluations.merge(names, on="compound_id", how="left")
    if unknown:
        missing = out["name_zh"].isna()
        out["name_zh"] = out["name_zh"].astype(object).where(~missing, out["compound_id"])
    out.attrs["unknown_compounds"] = unknown
    return out


def score_table(evaluations: pd.DataFrame, compounds: pd.DataFrame) -> pd.DataFrame:
    """Peer scores with each compound's rank within its round (1 = highest score).

    Returns
    -------
    pandas.DataFrame
        ``round_no``, ``held_on``, ``compound_id``, ``name_zh``, ``unit_id``, ``score``
        and ``rank`` (int; ties share the better rank), sorted by round then rank.

    Raises
    ------
    KeyError
        If a required column is missing.
    """
    out = _with_names(evaluations, compounds)
    out["rank"] = out.groupby("round_no")["score"].rank(ascending=False, method="min")
    out["rank"] = out["rank"].astype("int64")
    out = out.sort_values(["round_no", "rank", "compound_id"], kind="stable")
    cols = ["round_no", "held_on", "compound_id", "name_zh", "unit_id", "score", "rank"]
    out = out[cols].reset_index(drop=True)
    out.attrs = {"datasets": ["evaluations", "compounds"]}
    return out


def rank_changes(
    evaluations: pd.DataFrame,
    compounds: pd.DataFrame,
    from_round: int | None = None,
    to_round: int | None = None,
    span: bool = False,
) -> pd.DataFrame:
    """Who rose and who fell between two rounds of peer evaluation.

    Parameters
    ----------
    from_round, to_round
        Round numbers; default the last two rounds held.
    span
        Compare the first round held with the last instead (when no round is named).

    Returns
    -------
    pandas.DataFrame
        One row per compound scored in either round: ``compound_id``, ``name_zh``,
        ``unit_id``, ``score_from``, ``score_to``, ``change`` (points), ``rank_from``,
        ``rank_to`` and ``rank_change`` (places climbed: positive = rose). A compound
        missing from one round has NaN there. Sorted by ``change`` descending, NaN last.

    Raises
    ------
    KeyError
        If a required column is missing.
    ValueError
        If a named round was not held, or only one round is named and fewer than two
        were held. With no round named and fewer than two held, the frame is empty
        (nothing to compare, nothing wrong).
    """
    table = score_table(evaluations, compounds)
    rounds = sorted(table["round_no"].unique())
    keys = ["compound_id", "name_zh", "unit_id"]
    cols = [*keys, "score_from", "score_to", "change", "rank_from", "rank_to", "rank_change"]
    if from_round is None and to_round is None and len(rounds) < 2:
        empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
        empty.attrs = {"datasets": ["evaluations", "compounds"], "rounds": ()}
        return empty
    if from_round is None or to_round is None:
        if len(rounds) < 2:
            raise ValueError(f"need two rounds of evaluation, found {len(rounds)}")
        first = rounds[0] if span else rounds[-2]
        from_round = first if from_round is None else from_round
        to_round = rounds[-1] if to_round is None else to_round
    absent = [r for r in (from_round, to_round) if r not in rounds]
    if absent:
        raise ValueError(f"round(s) {absent} not held; rounds held: {rounds}")
    a = table.loc[table["round_no"] == from_round, [*keys, "score", "rank"]]
    b = table.loc[table["round_no"] == to_round, [*keys, "score", "rank"]]
    out = a.merge(b, on=keys, how="outer", suffixes=("_from", "_to"))
    out["change"] = out["score_to"] - out["score_from"]
    out["rank_change"] = out["rank_from"] - out["rank_to"]  # a smaller rank is better
    out = out[cols].sort_values(
        ["change", "compound_id"], ascending=[False, True], na_position="last", kind="stable"
    )
    out = out.reset_index(drop=True)
    out.attrs = {"datasets": ["evaluations", "compounds"], "rounds": (from_round, to_round)}
    return out
