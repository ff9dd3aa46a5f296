"""Findings of the records and pass-rate sections (notebook 03: the data, §1)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.config import resolve_lang
from analysis.inspections import _findings_common as fc
from analysis.inspections._columns import REINSPECTION, assessed, equals
from analysis.inspections._findings_rates import cell_sentence, items_sentence
from analysis.inspections._stats import rate, wilson
from analysis.inspections.metrics import TOTAL
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, number, pick
from analysis.presentation.wording import agree, counted
from analysis.rules.entities import FOOD_WASTE_CAMPAIGN

#: Groups with fewer visits than this are named in the small-cell caveat.
THIN = 60


def records(visits: pd.DataFrame, checked: pd.DataFrame, lang: str | None = None) -> Findings:
    """The records and the definitions of §§1–2: visits, premises, which visits are counted.

    Raises
    ------
    KeyError
        If ``visits`` lacks ``premises_id``, ``visit_kind`` or a check-item column.
    """
    lang = resolve_lang(lang)
    first = ~equals(visits["visit_kind"], REINSPECTION)
    unchecked = first & ~assessed(visits, reinspections=True)
    food = (
        equals(visits["campaign"], FOOD_WASTE_CAMPAIGN)
        if "campaign" in visits
        else np.zeros(len(visits), dtype=bool)
    )
    values = {
        "visits": len(visits),
        "premises": int(visits["premises_id"].nunique()),
        "checked": len(checked),
        "reinspections": int((~first).sum()),
        "unchecked": int(unchecked.sum()),
    }
    if not len(visits):
        sentences = [pick(lang, "记录中没有任何检查。", "The records hold no visit.")]
    else:
        sentences = [
            pick(
                lang,
                "记录中有 {v} 次检查，涉及 {p} 个场所。第1、2节只用其中至少检查了一个项目的 {c} 次"
                "初查；{r} 次复查放在第4节。",
                "The records hold {v} visit{vs} to {p} premises. Sections 1–2 use the {c} first "
                "visit{cs} that checked at least one item; the {r} re-inspection{rs} come in "
                "section 4.",
                v=count(values["visits"]),
                vs=agree(len(visits), "", "s"),
                p=count(values["premises"]),
                c=count(len(checked)),
                cs=agree(len(checked), "", "s"),
                r=count(values["reinspections"]),
                rs="" if values["reinspections"] == 1 else "s",
            )
        ]
    if values["unchecked"]:
        all_food = bool(food[unchecked].all())
        sentences.append(
            pick(
                lang,
                "另有 {u} 次初查五个项目全部“不适用”{why}，"
                "它们的“合格”结论与卫生无关，不计入合格率。",
                "Another {u} first visit{s} assessed no item at all{why}; their outcome says "
                "nothing about hygiene and is left out of the pass rates.",
                u=count(values["unchecked"]),
                s="" if values["unchecked"] == 1 else "s",
                why=pick(
                    lang,
                    "（都是制止餐饮浪费专项监督，见第6节）",
                    " (all of the food-waste supervision, section 6)",
                )
                if all_food
                else "",
            )
        )
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "版面只公布了联合检查的日期、机关食堂的家数和意见建议条数；其余一切——合格率、整改天数、"
            "哪个街道更好——都是生成器的设定，只演示分析方法。",
            "The page publishes only the joint-inspection date, the canteen count and the "
            "number of suggestions; everything else (pass rates, days to rectification, which "
            "unit does better) is a generator setting that demonstrates the method.",
        ),
    )
    caveats.append(
        pick(
            lang,
            "所有关于未结案件的数字均截至 {as_of}。",
            "Open cases are counted as of {as_of}.",
            as_of=fc.AS_OF,
        )
    )
    return findings(sentences, caveats, lang, **values)


def _type_sizes(rates: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group (not the total): visits behind it (most checks of any item) and pass rate."""
    part = rates[rates[by].astype(str) != TOTAL]
    out = part.groupby(by, observed=True, sort=False).agg(
        visits=("checked", "max"), passed=("passed", "sum"), checked=("checked", "sum")
    )
    out = out[out["checked"] > 0]
    out["pass_pct"] = 100 * out["passed"] / out["checked"]
    return out


def _rounded(pass_pct: float, visits: int) -> str:
    """A type's pooled pass rate to the precision its number of visits supports (the item
    checks of one visit are not independent, so the visits, not the checks, set it)."""
    low, high = wilson(round(pass_pct / 100 * visits), visits)
    return rate(pass_pct, 100 * low, 100 * high)


def items(rates: pd.DataFrame, lang: str | None = None) -> Findings:
    """§1: which items fail most, the lowest cells, small groups and blank (不适用) cells.

    Raises
    ------
    KeyError
        If ``rates`` is not shaped like :func:`analysis.inspections.pass_rates` output.
    """
    lang = resolve_lang(lang)
    by = rates.columns[0]
    values: dict[str, object] = {}
    if not (rates["checked"] > 0).any():
        sentences: list[str | None] = [
            pick(
                lang,
                "没有一次初查检查了任何项目，无从计算合格率。",
                "No first visit checked any item, so there is no pass rate to compute.",
            )
        ]
        return findings(sentences, origin_caveats(fc.DATASETS, lang), lang, **values)
    sentences = [items_sentence(rates, lang, values), cell_sentence(rates, lang, values)]
    sizes = _type_sizes(rates, by)
    if len(sizes) > 1:
        small = sizes.sort_values("visits", kind="stable").iloc[0]
        name = fc.category(by, sizes.sort_values("visits", kind="stable").index[0], lang)
        values.update(smallest_type_visits=int(small["visits"]))
        values.update(smallest_type_pass_pct=float(small["pass_pct"]))
        sentences.append(
            pick(
                lang,
                "检查最少的是{name}：各项目合计合格率 {r}，但只有 {n} 次检查{few}。",
                "The type checked least is {name}: {r} of its item checks passed, but it had "
                "only {n} visit{s}{few}.",
                name=name,
                r=_rounded(small["pass_pct"], small["visits"]),
                n=count(small["visits"]),
                s="" if small["visits"] == 1 else "s",
                few=(pick(lang, "，", "; ") + fc.too_few(small["visits"], lang))
                if small["visits"] < fc.MIN_N
                else "",
            )
        )
    blank = rates[
        (rates[by].astype(str) != TOTAL) & (rates["checked"] == 0) & (rates["not_applicable"] > 0)
    ]
    if len(blank):
        cells = [
            pick(
                lang,
                "{kind}的{item}",
                "{item} in {kind}",
                kind=fc.category(by, k, lang),
                item=fc.item(i, lang),
            )
            for k, i in zip(blank[by], blank["item"], strict=True)
        ]
        values["blank_cells"] = len(blank)
        sentences.append(
            pick(
                lang,
                "{cells}全部为“不适用”，图中留空：“不适用”不计入分母，否则会把“不需要检查”算成“合格”。",
                "Every check of {cells} was “not applicable”, so the cell is blank: n/a is left "
                "out of the denominator, or “not subject to the check” would count as a pass.",
                cells=listing(cells, lang),
            )
        )
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "各类场所、各项目的不合格概率是生成器的设定（小餐饮店、场所卫生和健康证被设得更高），"
            "图形只是把设定读了回来。",
            "Per-type and per-item fail rates are generator settings (small restaurants, "
            "hygiene and health certificates set higher): the chart reads them back.",
        ),
    )
    thin = sizes[sizes["visits"] < THIN].sort_values("visits", kind="stable")
    if len(thin):
        parts = [
            pick(
                lang,
                "{name}（{n} 次，一次检查约 {p} 个百分点）",
                "{name} ({n_en}: one visit is about {p} points)",
                name=fc.category(by, k, lang),
                n=count(row["visits"]),
                n_en=counted(row["visits"], "en", "visit"),
                p=number(100 / row["visits"], 1),
            )
            for k, row in thin.iterrows()
        ]
        caveats.append(
            pick(
                lang,
                "n 较小的格子差一两次检查就会差几个百分点：{parts}。",
                "Small cells move by several points with one or two visits: {parts}.",
                parts=listing(parts, lang),
            )
        )
        values["thin_visits"] = [int(n) for n in thin["visits"]]
        values["thin_points"] = [100 / n for n in thin["visits"]]
    return findings(sentences, caveats, lang, **values)
