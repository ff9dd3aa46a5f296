"""Findings of §2's last question: the share of visits ordering rectification per unit."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._stats import interval, overlapping, rate, wilson, with_intervals
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.wording import LIST_LIMIT, some
from analysis.rules.entities import DISTRICT_ID


def units(by_unit: pd.DataFrame, lang: str | None = None) -> Findings:
    """§2: share of visits ordering rectification per unit; the district bodies' own row.

    Raises
    ------
    KeyError
        If ``by_unit`` is not :func:`analysis.inspections.outcome_summary` by ``unit_id``.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    district = by_unit[by_unit["unit_id"].astype(str) == DISTRICT_ID]
    rest = by_unit[by_unit["unit_id"].astype(str) != DISTRICT_ID]
    solid = with_intervals(rest[rest["visits"] >= fc.MIN_N], "ordered", "visits")

    def said(row: pd.Series) -> str:
        low, high = (100 * b for b in wilson(row["ordered"], row["visits"]))
        return pick(
            lang,
            "{name}（{r}，{ci}，{k}/{n}）",
            "{name} ({r}, {ci}, {k}/{n})",
            name=fc.unit_name(row["unit_id"], lang),
            r=rate(row["fail_rate_pct"], low, high),
            ci=interval(low, high, lang),
            k=count(row["ordered"]),
            n=count(row["visits"]),
        )

    if rest.empty:
        sentences.append(
            pick(
                lang, "没有街道（镇）的检查记录。", "No visit is filed under a subdistrict or town."
            )
        )
    elif len(solid) < 2:
        row = (solid if len(solid) else rest).iloc[0]
        values.update(top_pct=float(row["fail_rate_pct"]), top_visits=int(row["visits"]))
        values["top_ordered"] = int(row["ordered"])
        sentences.append(
            pick(
                lang,
                "只有一个街道（镇）有足够的检查可看：{u}；没有可比较的对象。",
                "Only one unit has enough visits to read: {u}; there is nothing to compare.",
                u=said(row),
            )
        )
    else:
        ordered = solid.sort_values(["fail_rate_pct", "visits"], ascending=[False, False])
        ordered = ordered.reset_index(drop=True)
        top, bottom = ordered.iloc[0], ordered.iloc[-1]
        for key, row in (("top", top), ("bottom", bottom)):
            values[f"{key}_pct"] = float(row["fail_rate_pct"])
            values[f"{key}_ordered"], values[f"{key}_visits"] = (
                int(row["ordered"]),
                int(row["visits"]),
            )
            values[f"{key}_ci_pct"] = [float(row["ci_low_pct"]), float(row["ci_high_pct"])]
        if top["fail_rate_pct"] == bottom["fail_rate_pct"]:
            sentences.append(
                pick(
                    lang,
                    "各街道（镇）的比例相同：{u}。",
                    "Every unit has the same share: {u}.",
                    u=said(top),
                )
            )
        else:
            sentences.append(_ranked(ordered, said, lang, values))
    few = rest[rest["visits"] < fc.MIN_N]
    if len(few):
        sentences.append(
            pick(
                lang,
                "{names}的检查太少（少于 {k} 次），未作比较。",
                "{names}: fewer than {k} visits, not compared.",
                names=listing([fc.unit_name(u, lang) for u in few["unit_id"]], lang),
                k=count(fc.MIN_N),
            )
        )
    if len(district):
        row = district.iloc[0]
        values.update(district_visits=int(row["visits"]), district_ordered=int(row["ordered"]))
        sentences.append(
            pick(
                lang,
                "“{name}（区直单位）”一行是直属于区的单位（机关食堂等），"
                "{n} 次检查中 {k} 次责令整改——它不是全区合计。",
                "The “{name} (district bodies)” row is premises of district bodies (canteens and "
                "the like) filed under the district itself, {k} of {n} visits ordering "
                "rectification: it is not a district total.",
                name=fc.unit_name(row["unit_id"], lang),
                n=count(row["visits"]),
                k=count(row["ordered"]),
            )
        )
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "街道之间的差别没有任何含义：场所的“风险”在生成器里是随机分配的，版面没有任何按街道的检查数字。",
            "Differences between units mean nothing here: premises risk is assigned at random by "
            "the generator, and the page has no inspection figure per unit.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "比较街道之前，要先问各街道被检查的场所类型是否相同（小餐饮店多的地方比例自然高）。",
            "Before comparing units, check whether they differ in their mix of premises types "
            "(a unit with more small restaurants will show a higher share).",
        )
    )
    return findings(sentences, caveats, lang, **values)


def _ranked(ordered: pd.DataFrame, said, lang: str, values: dict[str, object]) -> str:
    """Highest and lowest unit, each "highest"/"lowest" only if no other interval overlaps."""
    parts = []
    for key, at in (("top", 0), ("bottom", len(ordered) - 1)):
        near = overlapping(ordered, at)
        values[f"{key}_within_chance"] = len(near)
        values[f"{key}_more"] = max(len(near) - LIST_LIMIT, 0)
        names = some([fc.unit_name(u, lang) for u in near["unit_id"]], lang)
        if key == "top":
            zh = (
                "{u}的比例最高"
                if near.empty
                else "{u}属于比例较高的，与{near}的区间重叠、差别在偶然范围之内"
            )
            en = (
                "{u} is highest"
                if near.empty
                else "{u} is among the highest, within chance of {near}"
            )
        else:
            zh = "{u}最低" if near.empty else "{u}属于较低的，与{near}的区间重叠"
            en = "{u} lowest" if near.empty else "{u} among the lowest, within chance of {near}"
        parts.append(pick(lang, zh, en, u=said(ordered.iloc[at]), near=names))
    return pick(lang, "{a}；{b}。", "{a}; {b}.", a=parts[0], b=parts[1])
