"""Findings of notebook 01 on what residents asked for (categories, who raised them), and the
share closed by each with its 95 % interval."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, percent, pick
from analysis.presentation.labels import category_name
from analysis.presentation.wording import FEW, is_zh, share
from analysis.renovation._stats import spread

TASKS = ("renovation_tasks",)


def _named(rows: pd.DataFrame, domain: str, column: str, fmt, lang: str | None) -> str:
    """``A (x)、B (y)``: groups with a formatted figure each, in the rows' order."""
    open_, close = ("（", "）") if is_zh(lang) else (" (", ")")
    return listing(
        [
            f"{category_name(domain, g, lang)}{open_}{fmt(v)}{close}"
            for g, v in zip(rows[domain_col(rows)], rows[column], strict=True)
        ],
        lang,
    )


def domain_col(rows: pd.DataFrame) -> str:
    """The group column of a frame (``group`` for medians, else the first column)."""
    return "group" if "group" in rows.columns else str(rows.columns[0])


def _extremes(rows: pd.DataFrame, column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows holding the highest and the lowest value of ``column`` (ties kept)."""
    return rows[rows[column] == rows[column].max()], rows[rows[column] == rows[column].min()]


def requests(by_category: pd.DataFrame, lang: str | None = None) -> Findings:
    """What residents asked for: tasks per category and per raiser, and closure by each.

    Parameters
    ----------
    by_category
        ``renovation.tasks_by(tasks, ["category", "raised_by"])``.

    Raises
    ------
    KeyError
        If the frame lacks ``category``, ``raised_by``, ``tasks`` or ``closed``.
    """
    caveats = origin_caveats(
        TASKS,
        lang,
        synthetic=(
            "版面只说每个楼院都规划了居民议事厅（亭），劳动局家属院的任务来自居民点单，并提到管道、"
            "路面、配套设施和“蜘蛛网”。其余的类别和提出方比例都是生成器的设定，不是调查结果。",
            "The page only says every compound plans a deliberation venue and names the kinds "
            "of work at the Labour Bureau staff compound; all other category and raiser "
            "shares are generator settings, not survey results.",
        ),
    )
    total = int(by_category["tasks"].sum())
    if total == 0:
        return findings(
            [pick(lang, "记录中没有整治任务。", "The records hold no renovation tasks.")],
            caveats,
            lang,
            tasks=0,
        )
    values: dict[str, object] = {"tasks": total}

    def per(column: str) -> pd.DataFrame:
        out = by_category.groupby(column, observed=True, sort=False)[["tasks", "closed"]].sum()
        out = out[out["tasks"] > 0].reset_index()
        out[column] = out[column].astype(str)
        out["share"] = out["closed"] / out["tasks"]
        return out.sort_values(["tasks", column], ascending=[False, True], kind="stable")

    cats, raisers = per("category"), per("raised_by")
    top = cats.head(4)
    values["categories"] = len(cats)
    values["top_categories"] = dict(zip(top["category"], top["tasks"], strict=True))
    sentences = [
        pick(
            lang,
            "共 {k} 类任务；最多的是{top}。",
            "{k} kinds of work; the most frequent are {top}.",
            k=count(len(cats)),
            top=_named(top, "task_category", "tasks", count, lang),
        )
    ]
    lead = top.iloc[0]["category"]
    part = by_category[by_category["category"].astype(str) == lead]
    part = part[part["tasks"] > 0].sort_values("tasks", ascending=False, kind="stable")
    if len(part) > 1:
        who = part.iloc[0]
        values["lead_top_raiser"] = int(who["tasks"])
        sentences.append(
            pick(
                lang,
                "{cat}中 {n} 项由{by}提出。",
                "Of the {cat} tasks, {n} were raised by the {by}.",
                cat=category_name("task_category", lead, lang),
                n=count(who["tasks"]),
                by=category_name("raised_by", str(who["raised_by"]), lang),
            )
        )
    residents = raisers[raisers["raised_by"] == "居民点单"]
    if len(residents):
        n = int(residents["tasks"].iloc[0])
        values.update(residents=n, residents_share=share(n, total))
        sentences.append(
            pick(
                lang,
                "全部任务中 {n} 项（{pct}）来自居民点单。",
                "{n} of all tasks ({pct}) were residents' requests.",
                n=count(n),
                pct=percent(share(n, total), 0),
            )
        )
    for column, domain, zh, en in (
        ("category", "task_category", "各类别", "By category"),
        ("raised_by", "raised_by", "按提出方", "By raiser"),
    ):
        rows = (cats if column == "category" else raisers).copy()
        enough = rows[rows["tasks"] >= FEW]
        if len(enough) < 2:
            continue
        sentences.append(
            spread(
                enough.rename(columns={column: "id", "closed": "k", "tasks": "n"}),
                lambda g, domain=domain: category_name(domain, g, lang),
                (zh, en),
                values,
                f"{column}_shares",
                lang,
            )
        )
        few = rows[rows["tasks"] < FEW]
        if len(few):
            sentences.append(
                pick(
                    lang,
                    "{names}不足 {n} 项，未参与比较。",
                    "{names}: fewer than {n} tasks, left out of the comparison.",
                    names=listing([category_name(domain, g, lang) for g in few[column]], lang),
                    n=FEW,
                )
            )
    return findings(sentences, caveats, lang, **values)
