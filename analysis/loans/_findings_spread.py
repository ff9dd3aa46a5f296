"""Findings of notebook 02's spread sections: geography, concentration and timeline
(see :mod:`analysis.loans.findings`)."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.loans import _words as w
from analysis.loans._places import FROM_LEDGER
from analysis.presentation import labels
from analysis.presentation.findings import (
    Findings,
    count,
    findings,
    listing,
    percent,
    pick,
    plural,
    yuan,
)
from analysis.presentation.wording import agree, counted, some
from analysis.rules import disclosure
from analysis.rules.intervals import apart, wilson


def geography(
    per_unit: pd.DataFrame, per_community: pd.DataFrame, lang: str | None = None
) -> Findings:
    """Which units and communities got the loans, and which communities got none.

    Parameters
    ----------
    per_unit, per_community
        :func:`analysis.loans.by_unit` and :func:`analysis.loans.by_community` (the
        section's tables, protected as there: units as one line, communities within units).

    Raises
    ------
    KeyError
        If a frame lacks ``unit_id``, ``loans`` or ``amount_yuan``.
    """
    lang = resolve_lang(lang)
    units = per_unit.reset_index(drop=True)
    cells = w.status(units["loans"])
    total = int(units["loans"].sum())
    values: dict[str, object] = {"loans": total, "threshold": w.threshold()}
    out: list[str] = []
    name = {u: w.unit_name(u, lang, units) for u in units["unit_id"].astype(str)}
    shown = units[(cells == disclosure.SHOWN).to_numpy() & (units["loans"] > 0).to_numpy()]
    reached = units[units["loans"] > 0]
    if total == 0:
        out.append(pick(lang, "记录中没有贷款。", "The records hold no loan."))
    elif len(reached) == 1:
        uid = str(reached["unit_id"].iloc[0])
        out.append(
            pick(
                lang,
                "全部贷款都落在{u}。",
                "Every loan went to {u}.",
                u=name[uid],
            )
        )
    elif len(shown):
        top = w.ranked(shown, "loans", "unit_id")
        row = shown[shown["unit_id"].astype(str) == top[0]].iloc[0]
        values.update(top_loans=int(row["loans"]))
        amount = "" if len(top) > 1 else yuan(row["amount_yuan"], lang)
        if not len(top) > 1:
            values["top_amount_yuan"] = float(row["amount_yuan"])
        out.append(
            pick(
                lang,
                "{u}笔数最多（{n} 笔{a}）",
                "{u} {have} the most loans ({n}{a})",
                u=w.tied([name[t] for t in top], lang),
                have=agree(len(top), "has", "have"),
                n=count(row["loans"]),
                a=("，" + amount if lang == "zh" else ", " + amount) if amount else "",
            )
        )
        low = shown[shown["loans"] < row["loans"]]
        small = units[(cells != disclosure.SHOWN).to_numpy()]
        if len(small):
            out[-1] += pick(
                lang,
                "；{u}{few}。",
                "; {u} {have} {few}.",
                u=listing([name[u] for u in small["unit_id"].astype(str)], lang),
                have=agree(len(small), "has", "have"),
                few=w.few(lang),
            )
        elif len(low):
            bottom = w.ranked(low, "loans", "unit_id", largest=False)
            brow = low[low["unit_id"].astype(str) == bottom[0]].iloc[0]
            values.update(bottom_loans=int(brow["loans"]))
            amount = "" if len(bottom) > 1 else yuan(brow["amount_yuan"], lang)
            if len(bottom) == 1:
                values["bottom_amount_yuan"] = float(brow["amount_yuan"])
            out[-1] += pick(
                lang,
                "，{u}最少（{n} 笔{a}）。",
                ", {u} the fewest ({n}{a}).",
                u=w.tied([name[b] for b in bottom], lang),
                n=count(brow["loans"]),
                a=("，" + amount if lang == "zh" else ", " + amount) if amount else "",
            )
            out.append(_apart_or_not(int(row["loans"]), int(brow["loans"]), total, lang, values))
        else:
            out[-1] += pick(lang, "。", ".")
    else:
        out.append(
            pick(
                lang,
                "各街道（镇）的笔数都{few}或被隐去。",
                "Every unit has {few} or a hidden count.",
                few=w.few(lang),
            )
        )
    none = units[(units["loans"] == 0) & (total > 0)]
    if len(none):
        values["units_without_loans"] = len(none)
        out.append(
            pick(
                lang,
                "{u}没有贷款。",
                "{u}: no loan.",
                u=listing([name[u] for u in none["unit_id"].astype(str)], lang),
            )
        )
    more, community_values = _communities(per_community, lang, name)
    values.update(community_values)
    notes = w.caveats(
        w.place_datasets(per_community),
        lang,
        synthetic=(
            "社区数 36 是真实的；社区名称是虚构的，每笔贷款落在哪个社区是随机抽取的，"
            "所以街道之间的差别只反映各街道的社区个数，没有任何政策含义。",
            "The count of 36 communities is real; their names are invented and each loan's "
            "community was drawn at random, so differences between units only mirror how many "
            "communities each has.",
        ),
    )
    notes.append(
        pick(
            lang,
            "版面没有给出任何分街道或分社区的数字。",
            "The page gives no figure per unit or community.",
        )
    )
    if per_community.attrs.get("community_source") == FROM_LEDGER:
        notes.append(
            pick(
                lang,
                "社区名单取自台账：没有贷款的社区不在台账里，所以这里看不到它们；"
                "导入一份社区名单（communities 台账）才能找出宣传到了、贷款却没有到的社区。",
                "The community list comes from the ledger: communities without a loan are not "
                "in it, so they cannot be seen here; import a community list (a communities "
                "ledger) to find those publicity reached and loans did not.",
            )
        )
    return findings(out + more, notes, lang, **values)


def _communities(per_community: pd.DataFrame, lang: str, unit_names: dict) -> tuple[list, dict]:
    """Sentences on communities: with and without loans, hidden cells, names the list lacks."""
    frame = per_community.reset_index(drop=True)
    within = frame["unit_id"].astype(str)
    cells = w.status(frame["loans"], within=within)
    n, reached = len(frame), int((frame["loans"] > 0).sum())
    none = frame[frame["loans"] == 0]
    values: dict[str, object] = {
        "communities": n,
        "communities_with_loans": reached,
        "communities_without_loans": len(none),
        "communities_small": int((cells != disclosure.SHOWN).sum()),
    }
    out: list[str] = []
    if frame.attrs.get("community_source") == FROM_LEDGER:
        if n:
            out.append(
                pick(
                    lang,
                    "贷款分布在台账记载的 {n} 个社区。",
                    "The loans name {n} communities.",
                    n=count(n),
                )
            )
    elif n:
        out.append(
            pick(
                lang,
                "名单上的 {n} 个社区中 {r} 个有贷款",
                "{r} of the {n_en} on the list {have} a loan",
                n=count(n),
                n_en=counted(n, "en", "community", en_plural="communities"),
                r=count(reached),
                have=agree(reached, "has", "have"),
            )
        )
        if len(none):
            where = [unit_names.get(u, u) for u in dict.fromkeys(none["unit_id"].astype(str))]
            out[-1] += pick(
                lang,
                "，{k} 个社区一笔也没有（图表中的零），分属{u}；表中仍保留这些社区。",
                "; {k} have none (the zeros), in {u}, and they stay in the table.",
                k=count(len(none)),
                u=listing(where, lang),
            )
        else:
            out[-1] += pick(lang, "，每个社区都有贷款。", ": every community has one.")
    if values["communities_small"]:
        out.append(
            pick(
                lang,
                "{k} 个社区的笔数隐去（“x”）。",
                '{k} hidden ("x").',
                k=count(values["communities_small"])
                if lang == "zh"
                else plural(
                    values["communities_small"], "community's count is", "communities' counts are"
                ),
            )
        )
    unlisted = list(dict.fromkeys(frame.attrs.get("unlisted", [])))
    if unlisted:
        values["unlisted"] = len(unlisted)
        out.append(
            pick(
                lang,
                "社区名单中没有的 {k} 个名称按台账原样显示：{names}。",
                "{k_en} the community list lacks {are} shown as the ledger writes them: {names}.",
                k=count(len(unlisted)),
                k_en=counted(len(unlisted), "en", "name"),
                are=agree(len(unlisted), "is", "are"),
                names=some([labels.place_name(u, lang) for u in unlisted], lang, 8),
            )
        )
    return out, values


def _apart_or_not(top: int, bottom: int, total: int, lang: str, values: dict) -> str:
    """Whether the most and fewest units' shares of the loans differ beyond chance.

    Each share gets its 95 % Wilson interval; only intervals that do not overlap support
    reading "most" and "fewest" as more than the luck of a few loans.
    """
    high, low = wilson(top, total), wilson(bottom, total)
    values.update(top_share_low=high[0], top_share_high=high[1])
    values.update(bottom_share_low=low[0], bottom_share_high=low[1])
    ranges = {
        "a": percent(high[0], 0),
        "b": percent(high[1], 0),
        "c": percent(low[0], 0),
        "d": percent(low[1], 0),
    }
    if apart(high, low):
        return pick(
            lang,
            "两者占全部笔数的份额（95% 区间 {a}–{b} 对 {c}–{d}）不重叠：差别超出偶然波动。",
            "Their shares of the loans (95% CI {a}–{b} vs {c}–{d}) do not overlap: the "
            "difference is beyond chance.",
            **ranges,
        )
    return pick(
        lang,
        "两者占全部笔数的份额（95% 区间 {a}–{b} 对 {c}–{d}）重叠：记录不足以区分多少。",
        "Their shares of the loans (95% CI {a}–{b} vs {c}–{d}) overlap: the records do not "
        "tell them apart beyond chance.",
        **ranges,
    )
