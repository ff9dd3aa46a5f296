"""Findings of the two governance subsections of notebook 00: the page beside the records,
and which compounds lack which body.

The frames come from :mod:`analysis.renovation.governance` (``governance_vs_published``,
``compounds_lacking``, ``coverage_by_unit``); topics do not import each other, so they are
taken as arguments and only their columns are read.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.overview._labels import figure_label
from analysis.overview._recon import MATCHING, status_counts, status_label
from analysis.overview._shared import SMALL, fraction, imports, row_of
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.labels import unit_name
from analysis.presentation.text import Catalogue
from analysis.presentation.wording import agree, counted, short_number
from analysis.rules.entities import DISTRICT_ID, ZXL

BODIES = Catalogue(
    __name__,
    {
        "party_org": ("党组织", "a party organisation"),
        "resident_body": ("居民自治组织", "a resident self-governance body"),
        "volunteer_groups": ("志愿服务队", "a volunteer group"),
    },
)


def _lack(k: int, body: str, lang: str, compounds: bool = False) -> str:
    """``3 个缺党组织`` / ``3 lack a party organisation``; with ``compounds``, the noun too."""
    return pick(
        lang,
        "{k} 个{noun}缺{b}",
        "{k}{noun} {verb} {b}",
        k=count(k),
        noun=pick(lang, "楼院", " compound" if k == 1 else " compounds") if compounds else "",
        verb=pick(lang, "", agree(k, "lacks", "lack")),
        b=BODIES.text(body, lang),
    )


def governance_check(vs: pd.DataFrame, lang: str | None = None) -> Findings:
    """The 中心路街道 governance figures beside the records: how many agree, which do not.

    Parameters
    ----------
    vs
        ``renovation.governance_vs_published(compounds, figures)``.

    Raises
    ------
    KeyError
        If ``vs`` lacks ``figure_id``, ``published``, ``computed``, ``unit_of_measure``
        or ``status``.
    """
    lang = resolve_lang(lang)
    n = len(vs)
    ok = vs["status"].astype(str).isin(MATCHING)
    shares = int((vs["unit_of_measure"].astype(str) == "%").sum())
    off = vs[~ok]
    if n == 0:
        sentences = [
            pick(
                lang, "没有可以并排比较的治理数字。", "There are no governance figures to compare."
            )
        ]
    elif ok.all():
        pct = pick(
            lang,
            "，包括 {k} 个覆盖率（见上表；图中只画计数）",
            ", including {k} coverage shares (in the table; the chart shows counts)",
            k=count(shares),
        )
        sentences = [
            pick(
                lang,
                "{n} 个治理数字全部一致{pct}。",
                "All {n} governance figures agree{pct}.",
                n=count(n),
                pct=pct if shares else "",
            )
        ]
    else:
        parts = [
            pick(lang, "{k} 个{s}", "{k} {s}", k=count(k), s=status_label(s, lang))
            for s, k in status_counts(vs).items()
            if k
        ]
        rows = [
            pick(
                lang,
                "{id}（版面 {p}，记录 {c}）",
                "{id} (page {p}, records {c})",
                id=figure_label(r["figure_id"], lang),
                p=short_number(r["published"]),
                c=short_number(r["computed"]),
            )
            for _, r in off.iterrows()
        ]
        none = pick(
            lang,
            "{n} 个治理数字没有一个与记录一致。",
            "None of the {n} governance figures agrees with the records.",
            n=count(n),
        )
        some_off = pick(
            lang,
            "{n} 个治理数字中，{b}。",
            "Of the {n} governance figures: {b}.",
            n=count(n),
            b=listing(parts, lang),
        )
        sentences = [
            some_off if ok.any() else none,
            pick(lang, "对不上的是：{rows}。", "Not reproduced: {rows}.", rows=listing(rows, lang)),
        ]
    synthetic = (
        "这里的一致是设计出来的：生成器就是按这些数字校准的；研究者把自己的楼院台账换进来，"
        "同一个函数就会指出哪个数字对不上。",
        "The agreement is by construction: the generator is calibrated to these figures; with "
        "a researcher's own ledger the same function shows which figure does not add up.",
    )
    imported = (
        "一致与否是台账与版面的真实比较：不一致可能是台账有遗漏，也可能是计数口径不同。",
        "Agreement or not is a real comparison of the ledger with the page: a mismatch may be "
        "a gap in the ledger or a different way of counting.",
    )
    return findings(
        sentences,
        origin_caveats(["compounds"], lang, synthetic=synthetic, imported=imported),
        lang,
        figures=n,
        agree=int(ok.sum()),
        shares=shares,
        statuses=status_counts(vs),
        imports=imports(["compounds"]),
        not_reproduced={
            str(r["figure_id"]): (short_number(r["published"]), short_number(r["computed"]))
            for _, r in off.iterrows()
        },
    )


def _lacking_in(rows: pd.DataFrame) -> dict[str, int]:
    """Compounds lacking each body among ``rows`` of ``compounds_lacking``."""
    lacks = rows["lacks"].astype(str)
    return {b: int(rows.loc[lacks == b, "compound_id"].nunique()) for b in BODIES}


def _focus(lacking: pd.DataFrame, coverage: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """Which bodies 中心路街道's compounds lack."""
    focus = row_of(coverage, ZXL)
    if focus is None or not int(focus["compounds"]):
        return None, {}
    mine = _lacking_in(lacking[lacking["unit_id"].astype(str) == ZXL])
    mine = {b: k for b, k in mine.items() if k}
    name = unit_name(ZXL, lang)
    if not mine:
        return pick(
            lang, "{u}的楼院不缺任何一类组织。", "No compound of {u} lacks any body.", u=name
        ), {"focus": mine}
    only = pick(lang, "只有这一类有缺口：", "only one body is missing anywhere: ")
    cells = [_lack(k, b, lang, compounds=True) for b, k in mine.items()]
    return pick(
        lang,
        "{u}{only}{b}。",
        "In {u}, {only}{b}.",
        u=name,
        only=only if len(mine) == 1 else "",
        b=listing(cells, lang),
    ), {"focus": mine}


def lacking(lacking: pd.DataFrame, coverage: pd.DataFrame, lang: str | None = None) -> Findings:
    """Which compounds lack which body: the district, 中心路街道 and the other units.

    Parameters
    ----------
    lacking
        ``renovation.compounds_lacking(compounds)`` (``compound_id``, ``unit_id``, ``lacks``).
    coverage
        ``renovation.coverage_by_unit(compounds, units)``, for the compounds per unit.

    Raises
    ------
    KeyError
        If a frame lacks a column named above.
    """
    lang = resolve_lang(lang)
    units = lacking["unit_id"].astype(str)
    district = row_of(coverage, DISTRICT_ID)
    subunits = coverage[coverage["unit_id"].astype(str) != DISTRICT_ID]
    total = int(district["compounds"]) if district is not None else int(subunits["compounds"].sum())
    per_body = _lacking_in(lacking)
    k_any = int(lacking["compound_id"].nunique())
    values: dict = {"compounds": total, "lacking_any": k_any, "per_body": per_body}
    if total == 0:
        sentences = [pick(lang, "记录中没有楼院。", "The records hold no compound.")]
    elif k_any == 0:
        sentences = [
            pick(
                lang,
                "记录中的 {n} 个楼院都有党组织、居民自治组织和志愿服务队。",
                "{all} in the records {have} a party organisation, a resident body and a "
                "volunteer group.",
                all=pick(
                    lang, "", f"All {count(total)} compounds" if total > 1 else "The one compound"
                ),
                have=pick(lang, "", "have" if total > 1 else "has"),
                n=count(total),
            )
        ]
    else:
        cells = [_lack(k, b, lang) for b, k in per_body.items() if k]
        sentences = [
            pick(
                lang,
                "全区 {n} 个楼院中，{k} 个至少缺一类组织：{b}。",
                "Of the district's {n_en}, {k} {lack} at least one body: {b}.",
                n=count(total),
                n_en=counted(total, "en", "compound"),
                k=count(k_any),
                lack=agree(k_any, "lacks", "lack"),
                b=listing(cells, lang),
            )
        ]
    focus, more = _focus(lacking, coverage, lang)
    sentences.append(focus)
    values.update(more)
    others = subunits[(subunits["unit_id"].astype(str) != ZXL) & (subunits["compounds"] > 0)]
    if len(others) and k_any:
        per_unit = {
            str(u): (int(lacking.loc[units == str(u), "compound_id"].nunique()), int(n))
            for u, n in zip(others["unit_id"], others["compounds"], strict=True)
        }
        cells = [f"{unit_name(u, lang)} {fraction(k, n, lang)}" for u, (k, n) in per_unit.items()]
        sentences.append(
            pick(
                lang,
                "其他单位缺至少一类组织的楼院：{cells}。",
                "Compounds lacking at least one body in the other units: {cells}.",
                cells=listing(cells, lang),
            )
        )
        values["others"] = per_unit
        values["other_shares"] = {u: k / n for u, (k, n) in per_unit.items() if n >= SMALL}
    synthetic = (
        "版面只给出志愿服务队的总数，没有说每个楼院都有，所以它们在楼院之间的分布是生成器"
        f"的设定；{unit_name(ZXL, 'zh')}以外的数字是虚构的。",
        "The page gives only the total number of volunteer groups, not per compound, so how "
        "they are spread over compounds is a generator setting; outside "
        f"{unit_name(ZXL, 'en')} the counts are invented.",
    )
    return findings(
        sentences,
        origin_caveats(["compounds"], lang, synthetic=synthetic),
        lang,
        **values,
        imports=imports(["compounds"]),
    )
