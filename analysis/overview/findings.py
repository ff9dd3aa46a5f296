"""What notebook 00 shows, computed: one function per section with a "What it shows".

Each function takes the frames the section's chart or table draws and returns a
:class:`~analysis.presentation.findings.Findings` whose caveats follow the origin of those
frames (:func:`~analysis.presentation.caveats.origin_caveats`). The governance sections
take the frames of :mod:`analysis.renovation.governance` as arguments and read only their
columns (topics do not import each other). The sections' code lives in private modules
(``_recon_findings``, ``_coverage_findings``, ``_governance_findings``); this module is
the one the notebook calls.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.origin import origins
from analysis.datasets.schema import RECORD_DATASETS
from analysis.overview._coverage_findings import coverage
from analysis.overview._governance_findings import governance_check, lacking
from analysis.overview._recon_findings import reconciliation
from analysis.overview._shared import imports
from analysis.overview._unit_findings import unit_page
from analysis.presentation.caveats import dataset_name, origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.labels import category_name, unit_name
from analysis.presentation.text import Catalogue

__all__ = [
    "coverage",
    "governance_check",
    "lacking",
    "layers",
    "published",
    "reconciliation",
    "unit_page",
]

_QUALIFIERS = Catalogue(
    __name__ + ".qualifiers",
    {
        "余": ("“余”", '"more than"'),
        "多": ("“多”", '"more than"'),
        "近": ("“近”", '"nearly"'),
        "约": ("“约”", '"about"'),
    },
)
_ORIGINS = Catalogue(
    __name__ + ".origins",
    {
        "published": (
            "已发表数字（真实，逐字引自版面）",
            "published figures (real, quoted from the page)",
        ),
        "reference": (
            "参考表（真实的单位名称和分类词表）",
            "reference tables (real unit names, our vocabulary)",
        ),
        "synthetic": ("合成记录（非真实记录）", "synthetic records (not real)"),
        "imported": (
            "导入的台账（真实，由研究者提供）",
            "imported ledgers (real, the researcher's own)",
        ),
    },
)


def layers(table: pd.DataFrame, lang: str | None = None) -> Findings:
    """How many datasets come from each origin, and what that means for the pages.

    Parameters
    ----------
    table
        :func:`analysis.overview.data_layers` (``name`` and ``origin`` are read).

    Raises
    ------
    KeyError
        If ``table`` lacks ``name`` or ``origin``, or names an unknown dataset.
    """
    lang = resolve_lang(lang)
    by_origin = {o: list(table.loc[table["origin"] == o, "name"]) for o in _ORIGINS}
    parts = []
    for o, names in by_origin.items():
        if not names:
            continue
        part = pick(
            lang, "{what} {n} 个", "{what}: {n}", what=_ORIGINS.text(o, lang), n=count(len(names))
        )
        if o in ("synthetic", "imported"):
            which = listing([dataset_name(n, lang) for n in names], lang)
            part += pick(lang, "（{names}）", " ({names})", names=which)
        parts.append(part)
    sentence = pick(
        lang,
        "本项目读取 {n} 个数据集：{parts}。",
        "The analysis reads {n} datasets: {parts}.",
        n=count(len(table)),
        parts=pick(lang, "；", "; ").join(parts),
    )
    records = [n for n in table["name"] if n in RECORD_DATASETS]
    fake = [n for n, o in origins(records).items() if o == "synthetic"]
    return findings(
        [sentence],
        origin_caveats(records, lang, synthetic=_synthetic_names(fake, lang)),
        lang,
        datasets=len(table),
        imports=imports(records),
        **{f"{o}_datasets": len(names) for o, names in by_origin.items()},
    )


def _synthetic_names(fake: list[str], lang: str) -> tuple[str, str] | None:
    """What is invented in the synthetic datasets among ``fake``, as a (zh, en) pair."""
    zh, en = [], []
    if "compounds" in fake:
        zh.append("除“劳动局家属院”外，楼院的名称都是虚构的。")
        en.append("Apart from the Labour Bureau staff compound, compound names are invented.")
    if "communities" in fake:
        zh.append("社区的名称是虚构的。")
        en.append("Community names are invented.")
    people = [n for n in ("loans", "inspections") if n in fake]
    if people:
        zh.append(
            listing([dataset_name(n, "zh") for n in people], "zh") + "不对应任何真实的人或店铺。"
        )
        en.append(
            "No entry of the "
            + listing([dataset_name(n, "en") for n in people], "en")
            + " corresponds to a real person or business."
        )
    if not fake:
        return None
    zh.append("由合成记录画出的图，下方都标有“合成数据（非真实记录）”。")
    en.append('Every chart drawn from synthetic records carries a "synthetic data" caption.')
    return "".join(zh), " ".join(en)


def published(figures: pd.DataFrame, lang: str | None = None) -> Findings:
    """What the page published: counts by precision, by topic, and whom they concern.

    Parameters
    ----------
    figures
        The published figures (:func:`analysis.load_published_figures`), the frame of
        :func:`analysis.overview.plot_published_figures`.

    Raises
    ------
    KeyError
        If ``figures`` lacks ``topic``, ``unit_id``, ``qualifier``, ``event_date`` or
        ``as_of_date``.
    """
    lang = resolve_lang(lang)
    n = len(figures)
    if n == 0:
        return findings(
            [pick(lang, "版面数字表是空的。", "The table of published figures is empty.")],
            [],
            lang,
            figures=0,
        )
    dated = figures["event_date"].notna()
    exact = ~dated & (figures["qualifier"].astype(str) == "确数")
    rounded = figures[~dated & ~exact]
    by_qualifier = rounded["qualifier"].astype(str).value_counts()
    per_topic = figures["topic"].astype(str).value_counts()
    per_topic = per_topic.sort_values(ascending=False, kind="stable")
    top_n = int(per_topic.iloc[0])
    tops = [t for t, k in per_topic.items() if k == top_n]
    in_top = figures[figures["topic"].astype(str).isin(tops)]
    units = in_top["unit_id"].dropna().astype(str).value_counts()
    sentences = [
        pick(
            lang,
            "版面共有 {n} 个数字：{exact} 个确数、{rounded} 个带限定词的约数（{quals}）、"
            "{dates} 个事件日期。",
            "The page states {n} figures: {exact} exact numbers, {rounded} rounded ones ({quals}) "
            "and {dates} event dates.",
            n=count(n),
            exact=count(int(exact.sum())),
            rounded=count(len(rounded)),
            quals=listing(
                [
                    pick(
                        lang,
                        "{q} {k} 个",
                        "{k} {q}",
                        q=_QUALIFIERS.text(q, lang) if q in _QUALIFIERS else q,
                        k=count(k),
                    )
                    for q, k in by_qualifier.items()
                ],
                lang,
            )
            or "—",
            dates=count(int(dated.sum())),
        ),
    ]
    tied = len(tops) > 1
    top_names = listing([category_name("topic", t, lang) for t in tops], lang)
    sentences.append(
        pick(
            lang,
            "最多的主题是“{top}”，{k} 个{tied}",
            "The largest topic is {top}, with {k}{tied}",
            top=top_names,
            k=count(top_n),
            tied=pick(lang, "（并列）", " (tied)") if tied else "",
        )
    )
    if len(units):
        lead, lead_n = str(units.index[0]), int(units.iloc[0])
        sentences[-1] += pick(
            lang,
            "，其中 {k} 个关于{unit}。",
            ", {k} of them about {unit}.",
            k=count(lead_n),
            unit=unit_name(lead, lang),
        )
    else:
        sentences[-1] += pick(lang, "。", ".")
    rest = [(t, k) for t, k in per_topic.items() if t not in tops]
    if rest:
        sentences.append(
            pick(
                lang,
                "其余：{rest}。",
                "The rest: {rest}.",
                rest=listing(
                    [f"{category_name('topic', t, lang)} {count(k)}" for t, k in rest], lang
                ),
            )
        )
    latest = figures["event_date"].max()
    as_of = sorted(str(d)[:10] for d in figures["as_of_date"].dropna().unique())
    caveat = pick(
        lang,
        "这是一个区级报纸版面，不是统计公报：报头和出版日期都没有印出{latest}，"
        "所有数字按 {as_of} 计；"
        "数字是有关部门向报社提供的工作成绩，未经独立核实。“余”“近”“约”的读法是本项目的解释，"
        "写在 analysis/rules/reconciliation.py 中。",
        "A district newspaper page, not a statistical release: masthead and date are not printed"
        "{latest}, and figures are dated as of {as_of}; the numbers are as reported by the offices "
        "concerned, not independently verified. Our reading of the qualifiers (more than, nearly, "
        "about) is documented in analysis/rules/reconciliation.py.",
        latest=(
            pick(
                lang,
                "（版面上最新的日期是 {d}）",
                " (the latest date on the page is {d})",
                d=latest.strftime("%Y-%m-%d"),
            )
            if pd.notna(latest)
            else ""
        ),
        as_of=listing(as_of, lang) or "—",
    )
    return findings(
        sentences,
        [caveat],
        lang,
        figures=n,
        exact=int(exact.sum()),
        rounded=len(rounded),
        by_qualifier={str(q): int(k) for q, k in by_qualifier.items()},
        dates=int(dated.sum()),
        top_topics=tops,
        top_count=top_n,
        top_unit=str(units.index[0]) if len(units) else None,
        top_unit_count=int(units.iloc[0]) if len(units) else 0,
        per_topic={str(t): int(k) for t, k in per_topic.items()},
        latest_date=latest.strftime("%Y-%m-%d") if pd.notna(latest) else None,
        as_of=as_of,
    )
