"""A unit's loans beside the district's: the comparison table and the points of a unit page.

Every measure the unit page states for the unit is given for the whole district too, and
a rate that is compared (communities with a loan, loans per community) carries its 95 %
interval, so a reader sees whether the unit differs from the district beyond chance. The
unit's count follows the loans dataset's one suppression pattern (the count shows as the
site's tables show it, "x" when hidden, and what is computed from a hidden count is hidden
with it); district totals are published everywhere and always shown.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._places import FROM_LEDGER
from analysis.loans.metrics import by_community, by_unit
from analysis.presentation.findings import count, number, percent, pick, yuan
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import counted
from analysis.rules import disclosure
from analysis.rules.intervals import ALPHA, apart, wilson

#: Rows of :func:`unit_comparison`, in order: key → (Chinese, English).
MEASURES = Catalogue(
    __name__,
    {
        "loans": ("贷款（笔）", "Loans"),
        "amount_yuan": ("金额（元）", "Amount lent (yuan)"),
        "mean_yuan": ("平均每笔（元）", "Mean per loan (yuan)"),
        "communities": ("名单上的社区（个）", "Communities on the list"),
        "communities_ledger": ("台账记载的社区（个）", "Communities the ledger names"),
        "communities_with_loans": ("有贷款的社区（95% 区间）", "Communities with a loan (95% CI)"),
        "loans_per_community": (
            "平均每个社区的贷款（笔，95% 区间）",
            "Loans per community (95% CI)",
        ),
    },
)


def poisson_rate(k: int, exposure: float) -> tuple[float, float]:
    """The exact (Garwood) 95 % interval of a count ``k`` per ``exposure`` units.

    Returns ``(nan, nan)`` when ``exposure`` is not positive.

    Raises
    ------
    ValueError
        If ``k`` is negative.
    """
    from scipy.stats import chi2

    if k < 0:
        raise ValueError(f"a count cannot be negative, got {k}")
    if exposure <= 0:
        return math.nan, math.nan
    low = chi2.ppf(ALPHA / 2, 2 * k) / 2 if k else 0.0
    high = chi2.ppf(1 - ALPHA / 2, 2 * k + 2) / 2
    return float(low) / exposure, float(high) / exposure


def _frames(unit_id, records, units, communities):
    per_unit = by_unit(records, units, communities)
    per_community = by_community(records, communities)
    row = per_unit[per_unit["unit_id"].astype(str) == str(unit_id)]
    cell = str(w.status(per_unit["loans"]).loc[row.index].iloc[0]) if len(row) else disclosure.SHOWN
    mine = per_community[per_community["unit_id"].astype(str) == str(unit_id)]
    return per_unit, per_community, row, cell, mine


def _rate_text(k: int, n: int, lang: str) -> str:
    """``7 / 8（88%，53%–98%）`` / ``7 of 8 (88%; 53%–98%)``; ``0 / 0`` without an interval."""
    if n == 0:
        return pick(lang, "0 / 0", "0 of 0")
    low, high = wilson(k, n)
    return pick(
        lang,
        "{k} / {n}（{p}，{l}–{h}）",
        "{k} of {n} ({p}; {l}–{h})",
        k=count(k),
        n=count(n),
        p=percent(k / n, 0),
        l=percent(low, 0),
        h=percent(high, 0),
    )


def _per_community_text(k: int, n: int, lang: str) -> str:
    """``2.9（1.8–4.3）`` / ``2.9 (1.8–4.3)``; ``—`` with no community."""
    if n == 0:
        return disclosure.UNDEFINED
    low, high = poisson_rate(k, n)
    return pick(
        lang,
        "{r}（{l}–{h}）",
        "{r} ({l}–{h})",
        r=number(k / n, 1),
        l=number(low, 1),
        h=number(high, 1),
    )


def unit_comparison(
    unit_id: str,
    records: pd.DataFrame,
    units: pd.DataFrame,
    communities: pd.DataFrame | None,
    lang: str | None = None,
) -> pd.DataFrame:
    """The unit beside the district on every loan measure of the unit page.

    Parameters
    ----------
    unit_id
        The unit the page is about.
    records, units, communities
        The loans, the units table and the community list (``None``: the list is built
        from the ledger, as everywhere on the site).

    Returns
    -------
    pandas.DataFrame
        One row per measure (``measure``, in the edition's words): loans, amount lent, mean
        per loan, communities, communities with a loan (share and 95 % Wilson interval),
        loans per community (rate and exact 95 % Poisson interval); columns ``this_unit``
        and ``district``, display text. A hidden unit count reads ``x`` and every value
        computed from it ``x`` too; a value that does not exist (a mean of no loan) ``—``.
        attrs: ``datasets`` and the raw numbers under ``values``.

    Raises
    ------
    KeyError
        If a frame lacks a needed column.
    """
    lang = resolve_lang(lang)
    per_unit, per_community, row, cell, mine = _frames(unit_id, records, units, communities)
    n, amount = int(row["loans"].sum()), float(row["amount_yuan"].sum())
    total, lent = int(per_unit["loans"].sum()), float(per_unit["amount_yuan"].sum())
    c_unit, c_all = len(mine), len(per_community)
    r_unit, r_all = int((mine["loans"] > 0).sum()), int((per_community["loans"] > 0).sum())
    hidden = cell != disclosure.SHOWN
    mark = disclosure.MARK

    def money(value: float, loans: int) -> str:
        return number(value / loans, 0) if loans else disclosure.UNDEFINED

    ledger = per_community.attrs.get("community_source") == FROM_LEDGER
    rows = [
        ("loans", mark if hidden else count(n), count(total)),
        ("amount_yuan", mark if hidden else number(amount, 0), number(lent, 0)),
        ("mean_yuan", mark if hidden else money(amount, n), money(lent, total)),
        ("communities_ledger" if ledger else "communities", count(c_unit), count(c_all)),
    ]
    if not ledger:  # a list built from the loans has no community without one
        rows.append(
            (
                "communities_with_loans",
                _rate_text(r_unit, c_unit, lang),
                _rate_text(r_all, c_all, lang),
            )
        )
    rows += [
        (
            "loans_per_community",
            mark if hidden else _per_community_text(n, c_unit, lang),
            _per_community_text(total, c_all, lang),
        ),
    ]
    out = pd.DataFrame(
        [(MEASURES.text(key, lang), a, b) for key, a, b in rows],
        columns=["measure", "this_unit", "district"],
    )
    out.attrs = {
        "datasets": w.place_datasets(per_community),
        "unit_id": str(unit_id),
        "values": {
            "loans": None if hidden else n,
            "amount_yuan": None if hidden else amount,
            "district_loans": total,
            "district_amount_yuan": lent,
            "communities": c_unit,
            "district_communities": c_all,
            "communities_with_loans": r_unit,
            "district_communities_with_loans": r_all,
        },
    }
    return out


def unit_points(
    unit_id: str,
    records: pd.DataFrame,
    units: pd.DataFrame,
    communities: pd.DataFrame | None,
    lang: str | None = None,
) -> list[str]:
    """The loan points of a unit page's key-points box: the unit beside the district.

    Two sentences: the unit's loans and amount against the district's, with the share's
    95 % interval and loans per community compared (intervals); its communities with a
    loan against the district's. A hidden count is said as the tables show it.

    Raises
    ------
    KeyError
        If a frame lacks a needed column.
    """
    lang = resolve_lang(lang)
    per_unit, per_community, row, cell, mine = _frames(unit_id, records, units, communities)
    name = w.unit_name(str(unit_id), lang, per_unit)
    n, amount = int(row["loans"].sum()), float(row["amount_yuan"].sum())
    total = int(per_unit["loans"].sum())
    c_unit, c_all = len(mine), len(per_community)
    out: list[str] = []
    if total == 0:
        out.append(pick(lang, "记录中没有贷款。", "The loan records hold no loan."))
    elif cell != disclosure.SHOWN:
        out.append(
            pick(
                lang,
                "{u}的贷款笔数隐去（{x}，小单元保护），金额也不显示；全区共 {t}。",
                "{u} has a hidden number of loans ({x}, small-cell protection) and its amount "
                "is not shown; the district has {t}.",
                u=name,
                x=disclosure.MARK,
                t=w.loans_text(total, lang),
            )
        )
    elif n == 0:
        out.append(
            pick(
                lang,
                "记录中没有一笔贷款落在{u}（全区共 {t}）。",
                "No loan in the records went to {u} (the district has {t}).",
                u=name,
                t=w.loans_text(total, lang),
            )
        )
    else:
        low, high = wilson(n, total)
        sentence = pick(
            lang,
            "{u}有全区 {t}中的 {n} 笔（{p}，95% 区间 {l}–{h}），金额 {a}",
            "{u} has {n} of the district's {t} ({p}; 95% CI {l}–{h}), worth {a}",
            u=name,
            n=count(n),
            t=w.loans_text(total, lang),
            p=percent(n / total, 0),
            l=percent(low, 0),
            h=percent(high, 0),
            a=yuan(amount, lang),
        )
        if c_unit and c_all:
            mine_rate, all_rate = poisson_rate(n, c_unit), poisson_rate(total, c_all)
            verdict = (
                pick(lang, "差别超出偶然波动", "a difference beyond chance")
                if apart(mine_rate, all_rate)
                else pick(lang, "区间重叠，看不出差别", "the intervals overlap")
            )
            sentence += pick(
                lang,
                "；平均每个社区 {r} 笔，全区 {d} 笔：{v}。",
                "; {r} loans per community against {d} across the district: {v}.",
                r=number(n / c_unit, 1),
                d=number(total / c_all, 1),
                v=verdict,
            )
        else:
            sentence += pick(lang, "。", ".")
        out.append(sentence)
    if c_unit and per_community.attrs.get("community_source") != FROM_LEDGER:
        reached = int((mine["loans"] > 0).sum())
        everywhere = int((per_community["loans"] > 0).sum())
        out.append(
            pick(
                lang,
                "名单上的 {c} 个社区中 {r} 个有贷款（全区 {ac} 个中 {ar} 个）。",
                "{r} of its {c} on the list have a loan (district: {ar} of {ac}).",
                c=count(c_unit)
                if lang == "zh"
                else counted(c_unit, "en", "community", en_plural="communities"),
                r=count(reached),
                ac=count(c_all),
                ar=count(everywhere),
            )
        )
    return out
