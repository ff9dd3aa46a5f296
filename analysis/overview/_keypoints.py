"""Key points of page 00 and of the site's index: what the records show, first.

Each point is a sentence built from the values of the same findings functions the sections
call (:func:`~analysis.overview._recon_findings.reconciliation`,
:func:`~analysis.overview.findings.published`, :func:`~analysis.overview.findings.layers`)
or from the compound records counted with the section's definitions
(:mod:`analysis.overview._coverage_counts`): no number is typed here. Empty or tiny
records give a point saying what they do not show, never an error.
"""

from __future__ import annotations

import pandas as pd

from analysis.datasets.schema import RECORD_DATASETS
from analysis.overview._labels import figure_labels
from analysis.overview._recon import MATCHING, computed, datasets_of_row, status_label
from analysis.overview._recon_findings import reconciliation
from analysis.presentation.findings import count, listing, pick
from analysis.presentation.labels import category_name
from analysis.presentation.wording import LIST_LIMIT, some
from analysis.rules.reconciliation import NOT_COMPUTABLE


def recon_point(table: pd.DataFrame, lang: str) -> tuple[str, dict]:
    """How many of the page's figures the records reproduce, and why the rest are not checked.

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.rules.reconciliation.reconcile`.
    """
    v = reconciliation(table, lang).values
    n = v["figures"]
    if n == 0:
        return pick(
            lang,
            "版面数字表是空的：没有可以核对的数字。",
            "The table of published figures is empty: there is nothing to check.",
        ), {"figures": 0}
    c = v["computable"]
    matched = sum(k for s, k in v["statuses"].items() if s in MATCHING)
    missing = table[~computed(table)]
    uncomputable = int((missing["status"].astype(str) == NOT_COMPUTABLE).sum())
    other = len(missing) - uncomputable
    head = pick(
        lang,
        "版面的 {n} 个数字中，{c} 个可以由记录计算，记录重现了其中{all} {m} 个",
        "Of the page's {n} figures, {c} can be computed from records and the records "
        "reproduce {all}{m} of them",
        n=count(n),
        c=count(c),
        m=count(matched),
        all=pick(lang, "全部", "all ") if matched == c > 1 else "",
    )
    if c == 0:
        head = pick(
            lang,
            "版面的 {n} 个数字中，没有一个能由现有记录计算",
            "None of the page's {n} figures can be computed from the records at hand",
            n=count(n),
        )
    tails = []
    if uncomputable:
        tails.append(
            pick(
                lang,
                "{k} 个需要项目没有的记录（没有编造）",
                "{k} need records the project does not have (none are invented)",
                k=count(uncomputable),
            )
        )
    if other:
        kinds = missing.loc[missing["status"].astype(str) != NOT_COMPUTABLE, "status"]
        tails.append(
            pick(
                lang,
                "{k} 个无法核对（{s}）",
                "{k} cannot be checked ({s})",
                k=count(other),
                s=listing([status_label(str(s), lang) for s in kinds.astype(str).unique()], lang),
            )
        )
    sentence = head + (pick(lang, "；", "; ") + pick(lang, "，", ", ").join(tails) if tails else "")
    values = {"figures": n, "computable": c, "matched": matched, "uncomputable": uncomputable}
    return sentence + pick(lang, "。", "."), values | {"unchecked": other}


def origin_point(table: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """What a match means here: by construction for synthetic records, a check for imported.

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.rules.reconciliation.reconcile`.
    """
    v = reconciliation(table, lang).values
    fake, real, mixed = (v.get(k, []) for k in ("synthetic_rows", "imported_rows", "mixed_rows"))
    values = {"synthetic_rows": len(fake), "imported_rows": len(real), "mixed_rows": len(mixed)}
    if real:
        ok = table[table["figure_id"].isin(real) & table["status"].astype(str).isin(MATCHING)]
        return pick(
            lang,
            "{k} 个数字由导入的台账计算，是台账与版面的真实核对：{m} 个相符。",
            "{k} are computed from imported ledgers, a real check of the ledgers against the "
            "page: {m} agree.",
            k=count(len(real)),
            m=count(len(ok)),
        ), values | {"imported_matched": len(ok)}
    if fake:
        return pick(
            lang,
            "这些相符是设计出来的：合成记录就是按版面数字生成的，它们说明分析方法可行，"
            "不证明版面的数字是真的；换成真实台账，同一张对账表才是真正的核对。",
            "These matches are by construction: the synthetic records were generated to "
            "reproduce the page, so they show the method works, not that the page is right; "
            "with real ledgers the same table becomes a real check.",
        ), values
    return None, values


def published_point(figures: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """What the page states: how many figures, how precise, and the largest topic (None if
    the page has no figure).

    Raises
    ------
    KeyError
        If ``figures`` is not shaped like the published figures.
    """
    from analysis.overview.findings import published  # the section's own counts

    v = published(figures, lang).values
    if v["figures"] == 0:  # the reconciliation point says the table is empty
        return None, {"figures": 0}
    top = listing([category_name("topic", t, lang) for t in v["top_topics"]], lang)
    return pick(
        lang,
        "版面给出 {n} 个数字：{e} 个确数、{r} 个约数（余、近、约）、{d} 个日期；"
        "最多的是“{top}”（{k} 个）。",
        "The page states {n} figures: {e} exact, {r} rounded (more than, nearly, about) and "
        "{d} dates; most concern {top} ({k}).",
        n=count(v["figures"]),
        e=count(v["exact"]),
        r=count(v["rounded"]),
        d=count(v["dates"]),
        top=top,
        k=count(v["top_count"]),
    ), {k: v[k] for k in ("figures", "exact", "rounded", "dates", "top_count")}


def topics_point(table: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """Per topic, how many figures the records reproduce of those they can compute.

    Raises
    ------
    KeyError
        If ``table`` lacks ``topic``, ``status`` or ``figure_id``.
    """
    rows = table[computed(table)]
    if rows.empty:
        return None, {"by_topic": {}}
    matched = rows["status"].astype(str).isin(MATCHING)
    by_topic = {
        str(t): (int(matched[rows["topic"] == t].sum()), int((rows["topic"] == t).sum()))
        for t in dict.fromkeys(rows["topic"].astype(str))
    }
    parts = [
        pick(
            lang,
            "{t} {m}/{k}",
            "{t} {m} of {k}",
            t=category_name("topic", t, lang),
            m=count(m),
            k=count(k),
        )
        for t, (m, k) in by_topic.items()
    ]
    return pick(
        lang,
        "按主题，记录重现的数字 / 可计算的数字：{parts}。",
        "By topic, figures reproduced of those the records can compute: {parts}.",
        parts=listing(parts, lang),
    ), {"by_topic": by_topic}


def missing_point(table: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """Which figures no records can give: what a researcher's own ledgers would have to hold.

    Raises
    ------
    KeyError
        If ``table`` lacks ``figure_id`` or ``status``.
    """
    rows = table[table["status"].astype(str) == NOT_COMPUTABLE]
    if rows.empty:
        return None, {"uncomputable": 0}
    return pick(
        lang,
        "无法由记录计算的数字包括：{names}；要核对它们，需要相应的台账。",
        "Figures no records here can give include: {names}; checking them needs ledgers "
        "that record them.",
        names=some(figure_labels(rows["figure_id"], lang, rows), lang),
    ), {"uncomputable": len(rows), "unnamed": max(0, len(rows) - LIST_LIMIT)}


def used_datasets(table: pd.DataFrame) -> list[str]:
    """The datasets the points draw on: the page, the records its figures are computed from,
    and the compound records (coverage)."""
    read = {d for _, r in table[computed(table)].iterrows() for d in datasets_of_row(r)}
    return ["published_figures", *[d for d in RECORD_DATASETS if d in read or d == "compounds"]]
