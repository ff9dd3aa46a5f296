"""Findings of the reconciliation section 3 of notebook 00."""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.schema import RECORD_DATASETS
from analysis.overview._labels import figure_label, figure_labels
from analysis.overview._recon import (
    MATCH_BY_CONSTRUCTION,
    MATCHING,
    computed,
    datasets_of_row,
    origin_of_row,
    plotted,
    status_counts,
    status_label,
    statuses,
)
from analysis.overview._shared import imports
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick, plural
from analysis.presentation.wording import LIST_LIMIT, short_number, some
from analysis.rules.reconciliation import NOT_COMPUTABLE


def _breakdown(rows: pd.DataFrame, lang: str) -> str:
    """``20 个相符、1 个不符`` / ``20 match, 1 mismatch`` over the statuses of ``rows``."""
    counts = {s: k for s, k in status_counts(rows).items() if k}
    return listing(
        [
            pick(lang, "{k} 个{s}", "{k} {s}", k=count(k), s=status_label(s, lang))
            for s, k in counts.items()
        ],
        lang,
    )


def _off(row: pd.Series, lang: str) -> str:
    """One figure the records do not give: what the page says and what the records say."""
    if not str(row["computed"]):
        return pick(
            lang,
            "{id}（记录中无从计算）",
            "{id} (nothing in the records to compute it from)",
            id=figure_label(row["figure_id"], lang),
        )
    return pick(
        lang,
        "{id}（版面 {p}，记录 {c}；规则 {rule}）",
        "{id} (page {p}, records {c}; rule {rule})",
        id=figure_label(row["figure_id"], lang),
        p=short_number(row["published"]),
        c=short_number(row["computed"]),
        rule=row["rule"] or "—",
    )


def reconciliation(table: pd.DataFrame, lang: str | None = None) -> Findings:
    """Whether the records reproduce the page: statuses, what is off, what the chart draws.

    Parameters
    ----------
    table
        :func:`analysis.reconcile`, the frame of :func:`analysis.overview.plot_reconciliation`.

    Raises
    ------
    KeyError
        If ``table`` is not shaped like :func:`analysis.rules.reconciliation.reconcile`.
    """
    lang = resolve_lang(lang)
    n = len(table)
    computable = table[computed(table)]
    missing = table[~computed(table)]
    c = len(computable)
    counts = status_counts(table)
    if n == 0:
        return findings(
            [pick(lang, "没有可对账的版面数字。", "There are no published figures to reconcile.")],
            [],
            lang,
            figures=0,
        )
    sentences = [
        pick(
            lang,
            "版面的 {n} 个数字中，{c} 个可以由记录计算，{nc} 个不能。",
            "Of the page's {n} figures, {c} can be computed from records and {nc} cannot.",
            n=count(n),
            c=count(c),
            nc=count(len(missing)),
        )
    ]
    used = {s for s, k in status_counts(computable).items() if k}
    if c and len(used) == 1 and used <= set(MATCHING):
        sentences.append(
            pick(
                lang,
                "{c} 个可计算的数字全部{s}。",
                "All {c} computable figures {s}.",
                c=count(c),
                s=status_label(next(iter(used)), lang),
            )
        )
    elif c:
        sentences.append(
            pick(
                lang,
                "可计算的数字中，{b}。",
                "Of the computable figures: {b}.",
                b=_breakdown(computable, lang),
            )
        )
    off = computable[~computable["status"].astype(str).isin(MATCHING)]
    if len(off):
        sentences.append(
            pick(
                lang,
                "对不上的是：{rows}。",
                "Not reproduced: {rows}.",
                rows=some([_off(r, lang) for _, r in off.iterrows()], lang),
            )
        )
    dots = plotted(table)
    inside = dots[dots["status"].astype(str).isin(MATCHING)]
    outside = dots[~dots["status"].astype(str).isin(MATCHING)]
    dated = computable[computable["unit_of_measure"].astype(str) == "日期"]
    if c:
        sentences.append(
            pick(
                lang,
                "图中画出其中 {k} 个数值（{d}{blank}只在表中）：{i} 个点落在灰色范围内"
                "（确数的范围就是 100% 线）{out}。",
                "The chart draws {k} of them ({d}{blank} in the table only): {i} "
                "dots lie in their grey band (for an exact figure the band is the 100 % "
                "line){out}.",
                k=count(len(dots)),
                d=pick(lang, "{n} 个日期", "{n}", n=count(len(dated)))
                if lang == "zh"
                else plural(len(dated), "date"),
                blank=(
                    pick(
                        lang,
                        "和 {b} 个无计算值的数字",
                        " and {b} with no computed value",
                        b=count(c - len(dated) - len(dots)),
                    )
                    if c - len(dated) - len(dots)
                    else ""
                ),
                i=count(len(inside)),
                out=(
                    pick(
                        lang,
                        "，{o} 个在范围外（即上面对不上的数字）",
                        "; {o} lie outside it (figures not reproduced, above)",
                        o=count(len(outside)),
                    )
                    if len(outside)
                    else ""
                ),
            )
        )
    for value, k in status_counts(missing).items():
        if not k:
            continue
        ids = some(
            figure_labels(missing.loc[missing["status"].astype(str) == value, "figure_id"], lang),
            lang,
        )
        if value == NOT_COMPUTABLE:
            sentences.append(
                pick(
                    lang,
                    "{k} 个数字无法由记录计算（{ids}）：项目没有这类记录，也没有编造。",
                    "{k} cannot be computed from records ({ids}): the project has no such "
                    "records and does not invent them.",
                    k=count(k),
                    ids=ids,
                )
            )
        else:  # e.g. contradictory wording: named by its status, whatever it is
            sentences.append(
                pick(
                    lang,
                    "{k} 个数字无法核对：{s}（{ids}）。",
                    "{k} cannot be checked: {s} ({ids}).",
                    k=count(k),
                    s=status_label(value, lang),
                    ids=ids,
                )
            )
    kinds = pd.Series(
        [origin_of_row(r) for _, r in computable.iterrows()],
        index=computable.index,
        dtype=object,
    )
    real = computable[kinds == "imported"]
    mixed = computable[kinds == "mixed"]
    fake = computable[kinds == "synthetic"]
    if len(real):
        sentences.append(
            pick(
                lang,
                "{k} 个数字由导入的台账计算（{ids}），是台账与版面的真实核对：{b}。",
                "{k} are computed from imported ledgers ({ids}), a real check of the ledgers "
                "against the page: {b}.",
                k=count(len(real)),
                ids=some(figure_labels(real["figure_id"], lang), lang),
                b=_breakdown(real, lang),
            )
        )
    if len(mixed):
        sentences.append(
            pick(
                lang,
                "{k} 个数字同时用到导入的台账和合成记录（{ids}），其结果不是核对。",
                "{k} combine imported ledgers with synthetic records ({ids}); their result is "
                "no check.",
                k=count(len(mixed)),
                ids=some(figure_labels(mixed["figure_id"], lang), lang),
            )
        )
    caveats = []
    if len(fake):
        which = (
            ""
            if len(fake) == c
            else pick(
                lang,
                "（{ids}）",
                " ({ids})",
                ids=some(figure_labels(fake["figure_id"], lang), lang),
            )
        )
        caveats.append(
            pick(
                lang,
                "由合成记录计算的 {k} 个数字{which}相符是设计出来的：生成器就是按这些数字校准的。"
                "相符只说明合成记录与版面一致、可以用来演示分析方法，并不证明版面的数字是真的；"
                "换成真实台账后，同一张表才成为真正的核对。",
                "The {k} figures computed from synthetic records{which} match by construction: the "
                "generator is calibrated to them. That shows the records are consistent with the "
                "page, not that the page is right; with real ledgers the same table becomes a "
                "real check.",
                k=count(len(fake)),
                which=which,
            )
        )
    by_construction = counts.get(MATCH_BY_CONSTRUCTION, 0) if MATCH_BY_CONSTRUCTION else 0
    read = {d for _, r in computable.iterrows() for d in datasets_of_row(r)}
    used_datasets = [d for d in RECORD_DATASETS if d in read]
    caveats += origin_caveats(["published_figures", *used_datasets], lang)
    return findings(
        sentences,
        caveats,
        lang,
        figures=n,
        computable=c,
        not_computable=len(missing),
        statuses=counts,
        plotted=len(dots),
        in_band=len(inside),
        outside_band=list(outside["figure_id"]),
        dates=len(dated),
        not_reproduced={
            str(r["figure_id"]): (
                short_number(r["published"]),
                short_number(r["computed"]),
                str(r["rule"]),
            )
            for _, r in off.iterrows()
        },
        exact_band=100,
        not_computable_ids=list(missing["figure_id"]),
        imported_rows=list(real["figure_id"]),
        mixed_rows=list(mixed["figure_id"]),
        synthetic_rows=list(fake["figure_id"]),
        by_construction=by_construction,
        imports=imports(used_datasets),
        # how many ids each long list leaves unnamed ("and 3 more")
        unnamed={
            name: max(0, len(group) - LIST_LIMIT)
            for name, group in (
                ("not_reproduced", off),
                ("imported", real),
                ("mixed", mixed),
                ("synthetic", fake),
                *((str(s), missing[missing["status"].astype(str) == s]) for s in statuses(missing)),
            )
        },
    )
