"""What the loan sections show, computed from the frames their charts and tables draw.

One function per section of notebooks/02-loan-distribution.ipynb that says "what it shows"
(:func:`about`, :func:`headline`, :func:`sizes`, :func:`geography`, :func:`groups`,
:func:`concentration`, :func:`timeline`, :func:`effect`), and :func:`for_unit`, the loan
section of the unit report. Each returns a :class:`~analysis.presentation.findings.Findings`
whose sentences state only what the frames hold (counts a table hides read "fewer than 3")
and whose caveats follow the origin of the records: what is true only of the synthetic
records is said only of them.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._findings_effect import effect
from analysis.loans._findings_groups import groups
from analysis.loans._findings_main import about, headline
from analysis.loans._findings_sizes import sizes
from analysis.loans._findings_spread import geography
from analysis.loans._findings_timeline import timeline
from analysis.loans._findings_trend import concentration
from analysis.presentation import labels
from analysis.presentation.findings import Findings, count, findings, percent, pick, yuan
from analysis.presentation.wording import agree, counted, some
from analysis.rules import disclosure

__all__ = [
    "about",
    "concentration",
    "effect",
    "for_unit",
    "geography",
    "groups",
    "headline",
    "sizes",
    "timeline",
]

#: Most community names a sentence lists before it says "and N more".
MAX_NAMES = 8


def _unit_communities(
    unit_id: str, per_community: pd.DataFrame, lang: str
) -> tuple[list[str], dict[str, object]]:
    """Sentences on the unit's communities: reached, not reached, names the list lacks."""
    mine = per_community[per_community["unit_id"].astype(str) == unit_id]
    cells = w.status(per_community["loans"], within=per_community["unit_id"].astype(str))
    cells = cells.loc[mine.index]
    reached = int((mine["loans"] > 0).sum())
    none = mine[mine["loans"] == 0]
    values: dict[str, object] = {
        "communities": len(mine),
        "communities_with_loans": reached,
        "communities_without_loans": len(none),
        "communities_small": int((cells != disclosure.SHOWN).sum()),
    }
    out: list[str] = []
    ledger = per_community.attrs.get("community_source") == "ledger"
    if ledger and len(mine):
        out.append(
            pick(
                lang,
                "这些贷款分布在台账记载的 {n} 个社区；社区名单取自台账本身，"
                "没有贷款的社区不在其中。",
                "The loans name {n} here; the community list comes from the ledger "
                "itself, so communities without a loan are not in it.",
                n=counted(len(mine), lang, "community", en_plural="communities"),
            )
        )
    elif len(mine):
        everywhere = int((per_community["loans"] > 0).sum())
        values.update(
            district_communities=len(per_community), district_communities_with_loans=everywhere
        )
        out.append(
            pick(
                lang,
                "名单上的 {c} 个社区中 {r} 个有贷款（全区 {ac} 个中 {ar} 个）。",
                "{r} of its {c} on the list {have} a loan (district: {ar} of {ac}).",
                c=counted(len(mine), lang, "community", en_plural="communities"),
                r=count(reached),
                have=agree(reached, "has", "have"),
                ac=count(len(per_community)),
                ar=count(everywhere),
            )
        )
        if len(none):
            out.append(
                pick(
                    lang,
                    "没有贷款的社区：{names}。",
                    "Without a loan: {names}.",
                    names=some(w.community_names(none, lang), lang, MAX_NAMES),
                )
            )
    if values["communities_small"]:
        out.append(
            pick(
                lang,
                "其中 {k} 个社区的笔数隐去（“x”）。",
                '{k} of them {have} a hidden count ("x").',
                k=count(values["communities_small"]),
                have=agree(values["communities_small"], "has", "have"),
            )
        )
    unlisted = [
        c for c in per_community.attrs.get("unlisted", []) if c in set(mine["community_id"])
    ]
    if unlisted:
        out.append(
            pick(
                lang,
                "社区名单中没有的名称按台账原样显示：{names}。",
                "Names the community list lacks are shown as the ledger writes them: {names}.",
                names=some(
                    [labels.place_name(u, lang) for u in dict.fromkeys(unlisted)], lang, MAX_NAMES
                ),
            )
        )
    values["unlisted"] = len(dict.fromkeys(unlisted))
    return out, values


def for_unit(
    unit_id: str, per_unit: pd.DataFrame, per_community: pd.DataFrame, lang: str | None = None
) -> Findings:
    """The loan section of the unit report: the unit's share and its communities.

    Parameters
    ----------
    unit_id
        The unit the report is about.
    per_unit, per_community
        :func:`analysis.loans.by_unit` and :func:`analysis.loans.by_community` of the same
        records (the frames the unit report's tables show).

    Raises
    ------
    KeyError
        If a frame lacks ``unit_id`` or ``loans``.
    """
    lang = resolve_lang(lang)
    for frame, name in ((per_unit, "per_unit"), (per_community, "per_community")):
        missing = {"unit_id", "loans", "amount_yuan"} - set(frame.columns)
        if missing:
            raise KeyError(f"{name} lacks column(s) {', '.join(sorted(missing))}")
    name = w.unit_name(unit_id, lang, per_unit)
    total, lent = int(per_unit["loans"].sum()), float(per_unit["amount_yuan"].sum())
    row = per_unit[per_unit["unit_id"].astype(str) == unit_id]
    n = int(row["loans"].sum())
    amount = float(row["amount_yuan"].sum())
    values: dict[str, object] = {
        "district_loans": total,
        "district_amount_yuan": lent,
        "threshold": w.threshold(),
    }
    sentences: list[str] = []
    cell = w.status(per_unit["loans"]).loc[row.index].iloc[0] if len(row) else "shown"
    if n == 0:
        sentences.append(
            pick(
                lang,
                "记录中没有一笔贷款落在{name}（全区共 {total}）。",
                "No loan in the records went to {name} (the district has {total}).",
                name=name,
                total=w.loans_text(total, lang),
            )
        )
        values.update(loans=0)
    elif cell == disclosure.SHOWN:
        mean = amount / n
        sentences.append(
            pick(
                lang,
                "{name}共有贷款 {n}，占全区 {total}的 {ls}；金额 {amount}，占全区 {lent}的 {as_}；"
                "平均每笔 {mean}（全区平均 {dmean}）。",
                "{name} has {n} of the district's {total} ({ls}) and {amount} of its {lent} "
                "({as_}); {mean} per loan on average, against {dmean} across the district.",
                name=name,
                n=w.loans_text(n, lang) if lang == "zh" else count(n),
                total=w.loans_text(total, lang),
                ls=percent(n / total),
                amount=yuan(amount, lang),
                lent=yuan(lent, lang),
                as_=percent(amount / lent if lent else None),
                mean=yuan(mean, lang),
                dmean=yuan(lent / total, lang),
            )
        )
        values.update(
            loans=n,
            amount_yuan=amount,
            loan_share=n / total,
            amount_share=amount / lent if lent else None,
            mean_yuan=mean,
            district_mean_yuan=lent / total,
        )
    else:
        sentences.append(
            pick(
                lang,
                "{name}的贷款笔数{how}，金额和占比不显示（小单元保护）；全区共 {total}。",
                "{name} has {how}; its amount and shares are not shown (small-cell "
                "protection). The district has {total}.",
                name=name,
                how=w.shown_count(n, cell, lang)
                if cell != disclosure.SHOWN
                else pick(lang, "为防反推而隐去", "a hidden number of loans"),
                total=w.loans_text(total, lang),
            )
        )
    more, community_values = _unit_communities(unit_id, per_community, lang)
    values.update(community_values)
    sentences += more
    notes = w.caveats(
        w.place_datasets(per_community),
        lang,
        synthetic=(
            "每笔贷款落在哪个社区是随机抽取的，街道之间的差别没有政策含义；"
            "版面只给出全区合计，没有分街道或分社区的数字。",
            "Which community got which loan was drawn at random, so differences between "
            "units carry no policy meaning; the page gives district totals only, no figure "
            "per unit or community.",
        ),
        imported=(
            "版面只给出全区合计，分街道的数字无法与版面核对。",
            "The page gives district totals only; figures per unit cannot be checked against it.",
        ),
    )
    return findings(sentences, notes, lang, **values)
