"""Places of the loans: the community list and per-place tallies, whatever the ledger names.

The community list the analysis reports on is decided here, once, for metrics, charts and
findings alike (:func:`community_list`):

- loans imported and communities not: the shipped community list is fiction and must not
  sit next to real loans, so the list is built from the ledger itself: every (community,
  unit) the loans name. Communities without a loan are then unknown, not zero;
- otherwise (both imported, or both shipped): the given list, zero-loan communities kept,
  plus any community the loans name that the list does not know, shown under the name the
  ledger gives it.

A place is a (community, unit) pair, so a community a ledger files under another unit than
the list does is a row of its own rather than a reason to refuse the loans. A missing
community or unit is 未记录 (not recorded), a place like any other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.errors import require_columns
from analysis.datasets.origin import origin
from analysis.loans._groups import NOT_RECORDED, codes_of, tally, text_codes

#: ``attrs["community_source"]`` of a list built from the loans themselves.
FROM_LEDGER = "ledger"
#: ``attrs["community_source"]`` of the given community list (plus any name it lacks).
FROM_LIST = "list"
_SEP = "\x1f"  # joins unit and community into one key; never in a name


def _unit_rank(*columns: pd.Series) -> dict[str, int]:
    """Display rank of each unit id: the categoricals' order first, then the rest sorted."""
    order: list[str] = []
    for column in columns:
        if isinstance(column.dtype, pd.CategoricalDtype):
            order += [str(c) for c in column.cat.categories if str(c) not in order]
    rest = sorted({str(v) for c in columns for v in pd.unique(c.dropna())} - set(order))
    return {u: i for i, u in enumerate([*order, *rest, NOT_RECORDED])}


def loan_places(loans: pd.DataFrame) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Per loan the number of its place, and the places as (community, unit) text pairs.

    Worked out once per distinct pair, read through the rows' numbers; a missing value is
    未记录.

    Raises
    ------
    KeyError
        If ``loans`` lacks ``community_id`` or ``unit_id``.
    """
    require_columns(loans, ("community_id", "unit_id"), "loans")
    c_codes, c_values = codes_of(loans["community_id"])
    u_codes, u_values = text_codes(loans["unit_id"])
    width = len(u_values) + 1
    key = (c_codes.astype(np.int64) + 1) * width + (u_codes.astype(np.int64) + 1)
    ids, uniques = pd.factorize(key)
    c_index, u_index = np.divmod(np.asarray(uniques, dtype=np.int64), width)
    names = [NOT_RECORDED if c == 0 else str(c_values[c - 1]) for c in c_index]
    units = [NOT_RECORDED if u == 0 else str(u_values[u - 1]) for u in u_index]
    return ids.astype(np.intp), list(zip(names, units, strict=True))


def _from_ledger(communities: pd.DataFrame | None) -> bool:
    if communities is None:
        return True
    return origin("loans") == "imported" and origin("communities") != "imported"


def community_list(loans: pd.DataFrame, communities: pd.DataFrame | None) -> pd.DataFrame:
    """The communities the loans are reported over (see the module docstring for the rule).

    Returns
    -------
    pandas.DataFrame
        One row per place, by unit (display order) then community id: ``community_id``,
        ``unit_id`` (text), ``name_zh``, ``name_en`` (a name the list lacks is shown as the
        ledger writes it, in both editions), ``listed`` (in the given list). attrs:
        ``community_source`` (:data:`FROM_LEDGER` or :data:`FROM_LIST`) and ``unlisted``
        (the ids the loans name that the list lacks).

    Raises
    ------
    KeyError
        If a needed column is missing.
    """
    _, places = loan_places(loans)
    ledger = _from_ledger(communities)
    if ledger:
        base = pd.DataFrame(columns=["community_id", "unit_id", "name_zh", "name_en", "listed"])
        ranks = _unit_rank(loans["unit_id"])
    else:
        require_columns(communities, ("community_id", "unit_id"), "communities")
        base = communities.copy()
        base["unit_id"] = base["unit_id"].astype(str)
        for name in ("name_zh", "name_en"):
            if name not in base:
                base[name] = base["community_id"]
        base["listed"] = True
        ranks = _unit_rank(communities["unit_id"], loans["unit_id"])
    known = set(zip(base["community_id"].astype(str), base["unit_id"], strict=True))
    extra = [p for p in dict.fromkeys(places) if p not in known]
    added = pd.DataFrame(
        {
            "community_id": [c for c, _ in extra],
            "unit_id": [u for _, u in extra],
            "name_zh": [c for c, _ in extra],
            "name_en": [c for c, _ in extra],
            "listed": False,
        }
    )
    out = pd.concat([base, added], ignore_index=True) if len(added) else base
    out = out.assign(
        _rank=out["unit_id"].map(ranks).fillna(len(ranks)),
        community_id=out["community_id"].astype(str),
    )
    out = out.sort_values(["_rank", "community_id"], kind="stable").drop(columns="_rank")
    out = out.reset_index(drop=True)
    out["listed"] = out["listed"].astype(bool)
    out.attrs = {
        "datasets": ["loans"] if ledger else ["loans", "communities"],
        "community_source": FROM_LEDGER if ledger else FROM_LIST,
        "unlisted": [] if ledger else [c for c, _ in extra],
    }
    return out


def by_community(loans: pd.DataFrame, communities: pd.DataFrame | None) -> pd.DataFrame:
    """Loans and amounts per community of :func:`community_list`, zero rows kept.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`community_list` but ``listed``, then ``loans``,
        ``amount_yuan``, ``loan_share``, ``amount_share``; attrs as the list's.

    Raises
    ------
    KeyError
        If a needed column is missing.
    """
    require_columns(loans, ("unit_id", "community_id", "amount_yuan"), "loans")
    places = community_list(loans, communities)
    ids, pairs = loan_places(loans)
    keys = pd.Index([f"{u}{_SEP}{c}" for c, u in pairs])
    order = (places["unit_id"] + _SEP + places["community_id"]).tolist()
    counts = tally(loans, ids, keys, order, "key").drop(columns=["key", "mean_amount_yuan"])
    out = places.drop(columns="listed").join(counts)
    out.attrs = dict(places.attrs)
    return out
