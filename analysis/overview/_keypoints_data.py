"""Key points about the data themselves: governance coverage in the compound records and
the datasets the analysis reads (see :mod:`analysis.overview._keypoints`)."""

from __future__ import annotations

import pandas as pd

from analysis.datasets.schema import RECORD_DATASETS
from analysis.overview._coverage_counts import focus_and_district
from analysis.overview._shared import SMALL
from analysis.presentation.findings import count, percent, pick
from analysis.presentation.labels import unit_name
from analysis.presentation.wording import agree, counted
from analysis.rules.entities import ZXL


def focus_point(compounds: pd.DataFrame, lang: str) -> tuple[str, dict]:
    """Coverage of 中心路街道's compounds in the records, against the page's "full coverage".

    Raises
    ------
    KeyError
        If ``compounds`` has no ``unit_id`` column.
    """
    focus, _ = focus_and_district(compounds)
    n, p, r = focus["compounds"], focus["with_party_org"], focus["with_resident_body"]
    u = unit_name(ZXL, lang)
    values = {"focus_compounds": n, "focus_with_party_org": p, "focus_with_resident_body": r}
    if n == 0:
        return pick(
            lang,
            "楼院记录中没有{u}的楼院，版面所说的“全覆盖”无法核对。",
            'The compound records hold no compound of {u}, so the page\'s "full coverage" '
            "cannot be checked.",
            u=u,
        ), values
    if p == n and r == n:
        return pick(
            lang,
            "记录中，{u}的 {n} 个无主管楼院全部有党组织和居民自治组织，与版面所说的“全覆盖”一致。",
            "In the records, {all} of {u} {have} both a party organisation and a resident "
            'self-governance body, as the page\'s "full coverage" says.',
            u=u,
            n=count(n),
            all=f"all {counted(n, 'en', 'unmanaged compound')}" if n > 1 else "the one compound",
            have="have" if n > 1 else "has",
        ), values
    return pick(
        lang,
        "记录中，{u}的 {n} 个无主管楼院里 {p} 个有党组织、{r} 个有居民自治组织，"
        "而版面说的是“全覆盖”。",
        "In the records, {p} of the {n} unmanaged compounds of {u} have a party organisation "
        'and {r} a resident body, where the page says "full coverage".',
        u=u,
        n=count(n),
        p=count(p),
        r=count(r),
    ), values


def district_point(compounds: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """Coverage over every compound recorded, and how many lack at least one kind of body.

    None when the records hold only 中心路街道's compounds (the focus point says it all).

    Raises
    ------
    KeyError
        If ``compounds`` has no ``unit_id`` column.
    """
    focus, every = focus_and_district(compounds)
    n = every["compounds"]
    values = {
        "compounds": n,
        "with_party_org": every["with_party_org"],
        "with_resident_body": every["with_resident_body"],
        "lacking_any": every["lacking_any"],
    }
    if n == focus["compounds"]:
        return None, values
    p, r, k = every["with_party_org"], every["with_resident_body"], every["lacking_any"]
    return pick(
        lang,
        "全区记录的 {n} 个楼院中，{p} 个{ps}有党组织、{r} 个{rs}有居民自治组织；"
        "{k} 个至少缺党组织、居民自治组织或志愿服务队中的一类。",
        "Across the {n_en} recorded in the district, {p}{ps} {have} a party organisation and "
        "{r}{rs} a resident body; {k} {lack} at least one of a party organisation, a resident "
        "body or a volunteer group.",
        n=count(n),
        n_en=counted(n, "en", "compound"),
        p=count(p),
        ps=_share(p, n, lang),
        r=count(r),
        rs=_share(r, n, lang),
        k=count(k),
        have=agree(p, "has", "have"),
        lack=agree(k, "lacks", "lack"),
    ), values


def _share(part: int, whole: int, lang: str) -> str:
    """`` (88%)`` after a count, only from :data:`SMALL` compounds up (whole percents)."""
    if whole < SMALL:
        return ""
    return pick(lang, "（{s}）", " ({s})", s=percent(part / whole, 1 if whole >= 1000 else 0))


def layers_point(layers: pd.DataFrame, lang: str) -> tuple[str, dict]:
    """How many datasets the analysis reads, and what kind of records they are.

    Raises
    ------
    KeyError
        If ``layers`` lacks ``name`` or ``origin``.
    """
    from analysis.overview.findings import layers as layers_findings

    v = layers_findings(layers, lang).values
    records = layers[layers["name"].isin(RECORD_DATASETS)]
    kinds = records["origin"].astype(str).value_counts()
    fake, real = int(kinds.get("synthetic", 0)), int(kinds.get("imported", 0))
    sets = pick(lang, "{k} 个逐条记录的数据集", "{k} record-level datasets", k=count(len(records)))
    if real and fake:
        which = pick(
            lang,
            "{r} 个来自导入的台账，{f} 个仍是合成记录",
            "{r} from imported ledgers and {f} still synthetic",
            r=count(real),
            f=count(fake),
        )
    elif real:
        which = pick(lang, "全部来自导入的台账", "all from imported ledgers")
    elif fake:
        which = pick(
            lang,
            "全部是合成记录：由程序按版面数字生成，不是上街区的真实记录",
            "all synthetic: generated by a program to match the page, not real records of Shangjie",
        )
    else:
        which = pick(lang, "没有读到", "none read")
    return pick(
        lang,
        "本项目读取 {n} 个数据集：报纸版面上发表的数字（真实）、{ref} 个参考表和 {sets}，{which}。",
        "The analysis reads {n} datasets: the figures published on the newspaper page (real), "
        "{ref} reference tables and {sets}, {which}.",
        n=count(v["datasets"]),
        ref=count(v.get("reference_datasets", 0)),
        sets=sets,
        which=which,
    ), {
        "datasets_read": v["datasets"],
        "reference_datasets": v.get("reference_datasets", 0),
        "record_datasets": len(records),
        "synthetic_records": fake,
        "imported_records": real,
    }
