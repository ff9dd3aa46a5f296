"""Findings of notebook 01 on peer evaluation: the rounds held, the change over all rounds,
who rose and who fell in the latest round (tied to the chart's ↑/↓ marks)."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import (
    Findings,
    count,
    findings,
    number,
    pick,
    plural,
)
from analysis.presentation.wording import agree, is_zh, short_number
from analysis.renovation._findings_common import compound_name
from analysis.rules.entities import LABOUR_BUREAU_COMPOUND


def evaluation(
    scores: pd.DataFrame,
    changes: pd.DataFrame,
    span: pd.DataFrame,
    name_zh: str = LABOUR_BUREAU_COMPOUND,
    lang: str | None = None,
) -> Findings:
    """Peer evaluation: the rounds held, the change over all rounds, the latest moves.

    Parameters
    ----------
    scores
        ``renovation.score_table(evaluations, compounds)``.
    changes
        ``renovation.rank_changes(evaluations, compounds)`` (the last two rounds).
    span
        ``renovation.rank_changes(evaluations, compounds, span=True)`` (first to last).
    name_zh
        A compound to follow through the rounds (the page's case), if it was scored.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    caveats = origin_caveats(
        ("evaluations", "compounds"),
        lang,
        synthetic=(
            "生成器让每个楼院每轮缩小一部分与满分的差距，再加随机波动，所以“普遍进步”是设定，"
            "不是评比机制有效的证据；轮与轮之间的升降大多是随机波动。版面只给出“每两月一次”。",
            "The generator closes part of each compound's gap to 100 every round and adds "
            "noise, so the general rise is built in, not evidence that evaluation works; "
            'most round-to-round moves are noise. The page gives only "every two months".',
        ),
    )
    rounds = scores.groupby("round_no")["held_on"].min().sort_index() if len(scores) else None
    n = 0 if rounds is None else len(rounds)
    values: dict[str, object] = {"rounds": n}
    if n == 0:
        text = pick(lang, "没有评比记录。", "No evaluation is on record.")
        return findings([text], caveats, lang, **values)
    values.update(first=f"{rounds.iloc[0]:%Y-%m-%d}", last=f"{rounds.iloc[-1]:%Y-%m-%d}")
    head = pick(
        lang,
        "共 {n} 轮评比（{a} 至 {b}",
        "{n} of evaluation ({a} to {b}",
        n=count(n) if is_zh(lang) else plural(n, "round"),
        a=values["first"],
        b=values["last"],
    )
    if n > 1:
        gap = float(pd.Series(rounds.to_numpy()).diff().dt.days.median())
        values["median_gap_days"] = gap
        head += pick(lang, "，间隔中位数 {d} 天", ", a median {d} days apart", d=short_number(gap))
    sentences = [head + pick(lang, "）。", ").")]
    if n == 1:
        sentences.append(
            pick(lang, "只有一轮，谈不上升降。", "With one round there is no rise or fall.")
        )
        return findings(sentences, caveats, lang, **values)
    both = span.dropna(subset=["change"])
    rose = int((both["change"] > 0).sum())
    values.update(compared=len(both), rose=rose, mean_change=float(both["change"].mean()))
    values["change_range"] = (float(both["change"].min()), float(both["change"].max()))
    a, b = span.attrs.get("rounds", ("?", "?"))
    values["span_rounds"] = (int(a), int(b))
    every = rose == len(both)
    sentences.append(
        pick(
            lang,
            ("全部 {k} 个楼院" if every else "{k} 个楼院中 {r} 个")
            + "第 {a} 轮到第 {b} 轮得分提高，平均变化 {m} 分（{lo} 至 {hi} 分）。",
            ("All {k} compounds" if every else "{r} of {k} compounds")
            + " scored higher in round {b} than in round {a} (mean change "
            "{m} points, {lo} to {hi}).",
            k=count(len(both)),
            r=count(rose),
            a=a,
            b=b,
            m=number(values["mean_change"], 1),
            lo=number(values["change_range"][0], 1),
            hi=number(values["change_range"][1], 1),
        )
    )
    sentences += _latest(changes, values, lang)
    followed = scores[scores["name_zh"].astype(str) == name_zh]
    if len(followed):
        best, worst = int(followed["rank"].min()), int(followed["rank"].max())
        latest = int(followed.sort_values("round_no")["rank"].iloc[-1])
        values.update(case_best=best, case_worst=worst, case_latest=latest)
        name = compound_name(name_zh, None, lang)
        sentences.append(
            pick(
                lang,
                "{name}各轮排名在第 {a}–{b} 名之间，最近一轮第 {c} 名。",
                "{Name} ranked between {a} and {b} across the rounds, {c} in the latest.",
                name=name,
                Name=name[:1].upper() + name[1:],
                a=best,
                b=worst,
                c=latest,
            )
        )
    return findings(sentences, caveats, lang, **values)


def _latest(changes: pd.DataFrame, values: dict, lang: str | None) -> list[str]:
    """Who fell most and who climbed most between the last two rounds."""
    both = changes.dropna(subset=["change"])
    if both.empty:
        return []
    a, b = changes.attrs.get("rounds", ("?", "?"))
    fell = int((both["change"] < 0).sum())
    values["fell"] = fell
    values["latest_rounds"] = (int(a), int(b))
    out = [
        pick(
            lang,
            "第 {a} 轮到第 {b} 轮有 {k} 个楼院得分下降。",
            "Between rounds {a} and {b}, {k} scored lower.",
            a=a,
            b=b,
            k=count(fell) if is_zh(lang) else plural(fell, "compound"),
        )
    ]
    if fell:
        drop = both.sort_values(["change", "compound_id"], kind="stable").iloc[0]
        values["drop"] = (-float(drop["change"]), int(drop["rank_from"]), int(drop["rank_to"]))
        lost = int(drop["rank_to"]) - int(drop["rank_from"])
        values["drop_places"] = lost
        out.append(
            pick(
                lang,
                "降幅最大的{name}下降 {d} 分，从第 {f} 名到第 {t} 名{arrow}。",
                "The biggest drop, {name}, lost {d} points, from rank {f} to {t}{arrow}.",
                name=compound_name(drop["name_zh"], drop["unit_id"], lang),
                d=number(-drop["change"], 1),
                f=int(drop["rank_from"]),
                t=int(drop["rank_to"]),
                arrow=_arrow(-lost, lang),
            )
        )
    climb = both.sort_values(["rank_change", "compound_id"], ascending=[False, True], kind="stable")
    top = climb.iloc[0]
    if top["rank_change"] > 0:
        values["climb"] = (float(top["change"]), int(top["rank_from"]), int(top["rank_to"]))
        values["climb_places"] = int(top["rank_change"])
        out.append(
            pick(
                lang,
                "名次升得最多的是{name}：得分变化 {d} 分，从第 {f} 名升到第 {t} 名{arrow}。",
                "The biggest climb was {name}'s: {d} points, from rank {f} to {t}{arrow}.",
                name=compound_name(top["name_zh"], top["unit_id"], lang),
                d=number(top["change"], 1),
                f=int(top["rank_from"]),
                t=int(top["rank_to"]),
                arrow=_arrow(int(top["rank_change"]), lang),
            )
        )
    return out


def _arrow(places: int, lang: str | None) -> str:
    """How the chart marks a move in the ranking, to tie the sentence to it: ``（图中 ↑13：升 13
    名）`` / `` (↑13 in the chart: 13 places up)``."""
    if places == 0:
        return ""
    mark = f"↑{places}" if places > 0 else f"↓{-places}"
    return pick(
        lang,
        "（图中 {mark}：{dir} {n} 名）",
        " ({mark} in the chart: {n} {places} {dir})",
        mark=mark,
        n=abs(places),
        places=agree(abs(places), "place", "places"),
        dir=pick(lang, "升" if places > 0 else "降", "up" if places > 0 else "down"),
    )
