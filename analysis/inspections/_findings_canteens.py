"""Findings of §6: the canteen food-waste supervision and its reconciliation with the page."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.schema import CHECK_ITEMS
from analysis.inspections import _findings_common as fc
from analysis.inspections._columns import NOT_APPLICABLE, equals
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, pick
from analysis.presentation.wording import agree

#: What each reconciled figure of the section is, in words.
METRICS = {
    "canteens_inspected": ("检查的机关食堂家数", "canteens inspected"),
    "canteen_suggestions": ("提出的意见建议条数", "suggestions made"),
    "joint_inspection_date": ("联合检查的日期", "date of the joint inspection"),
}


def _status(status: object, lang: str) -> str:
    text = str(status)
    if text.startswith("match"):
        return pick(lang, "相符", "match")
    if text.startswith("mismatch"):
        return pick(lang, "不符", "do not match")
    return pick(lang, "无法从记录计算", "cannot be computed from the records")


def _published(value: object, qualifier: object, lang: str) -> str:
    """The page's figure as it reads: ``10余`` / ``10-odd``; exact figures as they are."""
    qualifier = "" if pd.isna(qualifier) else str(qualifier)
    if qualifier in ("", "确数"):
        return str(value)
    if qualifier == "余":
        return pick(lang, "{v}余", "{v}-odd", v=value)
    return f"{value}{qualifier}" if lang == "zh" else str(value)


def canteens(
    visits: pd.DataFrame, reconciliation: pd.DataFrame, lang: str | None = None
) -> Findings:
    """§6: canteens visited, when, the suggestions, and how they compare with the page.

    Parameters
    ----------
    visits
        The visits of the food-waste supervision (its campaign's rows).
    reconciliation
        The rows of :func:`analysis.reconcile` for the section's figures (may be empty).

    Raises
    ------
    KeyError
        If ``visits`` lacks ``premises_id``, ``unit_id``, ``inspected_on`` or ``suggestions``.
    """
    lang = resolve_lang(lang)
    values: dict[str, object] = {}
    sentences: list[str | None] = []
    if visits.empty:
        sentences.append(
            pick(
                lang,
                "记录中没有制止餐饮浪费专项监督的检查。",
                "The records hold no visit of the food-waste supervision.",
            )
        )
    else:
        premises = int(visits["premises_id"].nunique())
        n = len(visits)
        suggestions = int(visits["suggestions"].sum()) if "suggestions" in visits else 0
        units = int(visits["unit_id"].nunique())
        first, last = fc.day(visits["inspected_on"].min()), fc.day(visits["inspected_on"].max())
        values.update(canteens=premises, canteen_visits=n, suggestions=suggestions)
        values["canteen_units"] = units
        once = (
            pick(lang, "各被检查一次", "each visited once")
            if n == premises
            else pick(lang, "共检查 {n} 次", "visited {n} times in all", n=count(n))
        )
        sentences.append(
            pick(
                lang,
                "记录中有 {p} 家机关食堂（分属 {u} 个单位），在 {a} 至 {b} 之间{once}，"
                "共提出 {s} 条意见建议。",
                "The records hold {p} canteen{ps} in {u} unit{us}, {once} between {a} and {b}, "
                "with {s} suggestion{ss} in all.",
                p=count(premises),
                ps=agree(premises, "", "s"),
                u=count(units),
                us=agree(units, "", "s"),
                once=once,
                a=first,
                b=last,
                s=count(suggestions),
                ss=agree(suggestions, "", "s"),
            )
        )
        present = [c for c in CHECK_ITEMS if c in visits]
        if present and all(equals(visits[c], NOT_APPLICABLE).all() for c in present):
            sentences.append(
                pick(
                    lang,
                    "这次监督关注的是餐饮浪费，不是卫生：记录中五个卫生项目都是“不适用”。",
                    "The supervision was about food waste, not hygiene: no hygiene item applies "
                    "in the records.",
                )
            )
    parts = []
    rows = []
    for _, row in reconciliation.iterrows():
        zh, en = METRICS.get(str(row.get("metric")), (str(row["figure_id"]),) * 2)
        rows.append({k: str(row[k]) for k in ("published", "computed", "rule", "status")})
        parts.append(
            pick(
                lang,
                "{what}：版面 {p}，记录 {c}（规则 {r}），{s}",
                "{what}: page {p}, records {c} (rule {r}): {s}",
                what=zh if lang == "zh" else en,
                p=_published(row["published"], row.get("qualifier"), lang),
                c=row["computed"] if pd.notna(row["computed"]) else "—",
                r=row["rule"] if pd.notna(row["rule"]) else "—",
                s=_status(row["status"], lang),
            )
        )
    if parts:
        values["reconciled"] = rows
        sentences.append(
            pick(
                lang,
                "与版面对账——{p}。",
                "Against the page: {p}.",
                p=pick(lang, "；", "; ").join(parts),
            )
        )
    caveats = origin_caveats(
        fc.DATASETS,
        lang,
        synthetic=(
            "相符是设计出来的：生成器就是按这几个数字校准的。版面没有说是哪些食堂、何时检查、"
            "意见建议分给了谁，这些都是虚构的；换成真实台账后，同一张对账表才成为真正的核对。",
            "The match is by construction: the generator was calibrated to these figures. "
            "Which canteens, when, and to whom the suggestions went are invented; only with "
            "real ledgers does the same table become a real check.",
        ),
    )
    if "qualifier" in reconciliation and (reconciliation["qualifier"] == "余").any():
        caveats.append(
            pick(
                lang,
                "版面的“余”（如“10余家”）按本项目的读法是下限：10余即 10–19。",
                "The page's “-odd” (as in “10-odd canteens”) is read as a range: 10-odd is "
                "10 to 19.",
            )
        )
    return findings(sentences, caveats, lang, **values)
