"""Findings of section 4 of notebook 00: governance coverage of compounds per unit.

The frame is ``renovation.coverage_by_unit(compounds, units)``; topics do not import each
other, so it is taken as an argument and only its columns are read.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.overview._intervals import versus_focus
from analysis.overview._shared import SMALL, fraction, imports, row_of
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.labels import category_name, unit_name
from analysis.presentation.wording import agree, counted
from analysis.rules.entities import DISTRICT_ID, ZXL

#: Columns of ``coverage_by_unit`` that are not a resident-body type.
_FIXED = {
    "unit_id", "name_zh", "name_en", "kind", "compounds", "with_party_org", "party_orgs",
    "with_resident_body", "volunteer_groups", "pilots", "lacking_any", "party_org_pct",
    "resident_body_pct",
}  # fmt: skip
#: The two committee types the page counts; any other body type is "some other body".
_NAMED = ("自管会", "业主委员会")


def _published(figures: pd.DataFrame, figure_id: str) -> float | None:
    """The value the page gives for ``figure_id``, or None."""
    rows = figures.loc[figures["figure_id"] == figure_id, "value"]
    return float(rows.iloc[0]) if len(rows) and pd.notna(rows.iloc[0]) else None


def _full_coverage(figures: pd.DataFrame) -> bool:
    """True when the page claims both coverage shares are 100 %."""
    return all(
        _published(figures, f) == 100
        for f in ("zxl-party-org-coverage", "zxl-resident-body-coverage")
    )


def _headline(focus: pd.Series, full: bool, lang: str) -> tuple[str, dict]:
    """Coverage of 中心路街道 in the records, against the page's "full coverage"."""
    n, p, r = (int(focus[c]) for c in ("compounds", "with_party_org", "with_resident_body"))
    v = int(focus["volunteer_groups"])
    fields = {"u": unit_name(ZXL, lang), "n": count(n), "p": count(p), "r": count(r), "v": count(v)}
    values = {
        "focus_compounds": n,
        "focus_with_party_org": p,
        "focus_with_resident_body": r,
        "focus_volunteer_groups": v,
    }
    if p == n and r == n:
        matches = pick(lang, "，与版面所说的“全覆盖”一致", ', as the page\'s "full coverage" says')
        return pick(
            lang,
            "{u}的 {n} 个楼院全部有党组织和居民自治组织{agree}；志愿服务队共 {v} 支。",
            "{all} of {u} {have} both a party organisation and a resident body"
            "{agree}; {groups} in all.",
            all=pick(lang, "", f"All {count(n)} compounds" if n > 1 else "The one compound"),
            have=pick(lang, "", "have" if n > 1 else "has"),
            groups=counted(v, "en", "volunteer group"),
            agree=matches if full else "",
            **fields,
        ), values
    claim = pick(lang, "，而版面说的是全覆盖", ', where the page says "full coverage"')
    return pick(
        lang,
        "{u}的 {n} 个楼院中，{p} 个有党组织、{r} 个有居民自治组织{claim}；志愿服务队共 {v} 支。",
        "Of the {n_en} of {u}, {p} {have} a party organisation and {r} a resident body"
        "{claim}; they have {groups}.",
        claim=claim if full else "",
        groups=counted(v, "en", "volunteer group"),
        n_en=counted(n, "en", "compound"),
        have=agree(p, "has", "have"),
        **fields,
    ), values


def _party_orgs(compounds: pd.DataFrame, lang: str) -> tuple[str | None, dict]:
    """Party organisations of 中心路街道 serving one compound (alone) or several (jointly)."""
    mine = compounds[compounds["unit_id"].astype(str) == ZXL]
    sizes = mine["party_org_id"].dropna().astype(str).value_counts()
    alone, joint = int((sizes == 1).sum()), int((sizes > 1).sum())
    shared = int(sizes[sizes > 1].sum())
    if "party_org_mode" in mine.columns:
        # The records say how each organisation was built: count that, not an inference
        # from how many compounds it serves (the two agree on the shipped records).
        with_org = mine[mine["party_org_id"].notna()]
        mode = with_org["party_org_mode"].astype(str)
        alone = int(with_org.loc[mode == "单独建", "party_org_id"].astype(str).nunique())
        joint = int(with_org.loc[mode == "联合建", "party_org_id"].astype(str).nunique())
        shared = int((mode == "联合建").sum())
    values = {"party_orgs": len(sizes), "orgs_alone": alone, "orgs_joint": joint}
    values["joint_compounds"] = shared
    if not len(sizes):
        return None, values
    if not joint:
        return pick(
            lang,
            "其记录中的 {k} 个党组织都只对应一个楼院（单独建）。",
            "Each of the {k} party organisations in its records serves one compound (built alone).",
            k=count(len(sizes)),
        ), values
    return pick(
        lang,
        "其记录中的 {k} 个党组织，{a} 个单独建，{j} 个由 {jc} 个楼院联合建。",
        "Of the {k} party organisations in its records, {a} were built alone and {j} "
        "jointly, by {jc} compounds.",
        k=count(len(sizes)),
        a=count(alone),
        j=count(joint),
        jc=count(shared),
    ), values


def _page_gap(focus: pd.Series, figures: pd.DataFrame, bodies: list[str], lang: str):
    """The page's committees do not add up to its compounds; what the records put there."""
    own, owners, pub_n = (
        _published(figures, f)
        for f in ("zxl-self-mgmt-committees", "zxl-owners-committees", "zxl-compounds")
    )
    if not _full_coverage(figures) or own is None or owners is None or pub_n is None:
        return [], {}
    if own + owners >= pub_n:
        return [], {}
    gap = pub_n - own - owners
    out = [
        pick(
            lang,
            "版面只给出 {s} 个自管会和 {o} 个业委会，合计 {t} 个，却说 {n} 个楼院全覆盖："
            "要么至少有 {g} 个楼院以别的方式覆盖（别的组织形式，或与其他楼院共用一个组织），"
            "要么“全覆盖”并不确切；版面没有说明是哪一种。",
            "The page names {s} self-management and {o} owners' committees, {t} in all, yet "
            "claims full coverage of {n}: either at least {g} compounds are covered some other "
            'way (another kind of body, or one shared with another compound) or "full '
            'coverage" is not exact; the page does not say which.',
            s=count(own),
            o=count(owners),
            t=count(own + owners),
            n=count(pub_n),
            g=count(gap),
        )
    ]
    values: dict = {"published_self": own, "published_owners": owners}
    values.update(published_compounds=pub_n, page_gap=gap, published_named=own + owners)
    other = {b: int(focus[b]) for b in bodies if b not in _NAMED and int(focus[b])}
    if other:
        cells = [
            pick(
                lang,
                "{b} {k} 个",
                "{b} ({k})",
                b=category_name("resident_body", b, lang),
                k=count(k),
            )
            for b, k in other.items()
        ]
        out.append(
            pick(
                lang,
                "记录中，其余楼院的组织是：{b}。",
                "In the records, the other compounds have: {b}.",
                b=listing(cells, lang),
            )
        )
        values["other_bodies"] = other
    return out, values


def _district(district: pd.Series | None, lang: str) -> tuple[str | None, dict]:
    """The district total: compounds, coverage shares, volunteer groups."""
    if district is None or not int(district["compounds"]):
        return None, {}
    n, p, r = (int(district[c]) for c in ("compounds", "with_party_org", "with_resident_body"))
    v = int(district["volunteer_groups"])
    values = {"district_compounds": n, "district_with_party_org": p}
    values.update(district_with_resident_body=r, district_volunteer_groups=v)
    values.update(district_party_share=p / n, district_resident_share=r / n)
    return pick(
        lang,
        "全区有党组织的楼院 {p}，有居民自治组织的 {r}；志愿服务队共 {v} 支。",
        "District-wide, compounds with a party organisation: {p}; with a resident body: {r}; "
        "there {are} {groups}.",
        p=fraction(p, n, lang),
        r=fraction(r, n, lang),
        v=count(v),
        are=agree(v, "is", "are"),
        groups=counted(v, "en", "volunteer group"),
    ), values


def _others(others: pd.DataFrame, lang: str) -> tuple[list[str], dict]:
    """Every unit but the district and 中心路街道, as counts of compounds."""
    have = others[others["compounds"] > 0]
    empty = others[others["compounds"] == 0]
    out: list[str] = []
    values: dict = {}

    def cells(col: str) -> str:
        return listing(
            [
                f"{unit_name(u, lang)} {fraction(int(k), int(n), lang)}"
                for u, k, n in zip(have["unit_id"], have[col], have["compounds"], strict=True)
            ],
            lang,
        )

    if len(have):
        out.append(
            pick(
                lang,
                "其他单位有党组织的楼院：{p}；有居民自治组织的：{r}。",
                "Compounds with a party organisation in the other units: {p}; with a "
                "resident body: {r}.",
                p=cells("with_party_org"),
                r=cells("with_resident_body"),
            )
        )
        small = have[have["compounds"] < SMALL]
        if len(small):
            out.append(
                pick(
                    lang,
                    "其中 {k} 个单位不足 {m} 个楼院，数量太少，比例无法比较。",
                    "{k} of them {have} fewer than {m} compounds: too few to compare shares.",
                    have=pick(lang, "", "have" if len(small) > 1 else "has"),
                    k=count(len(small)),
                    m=count(SMALL),
                )
            )
        values["others"] = {
            str(u): (int(n), int(p), int(r))
            for u, n, p, r in zip(
                have["unit_id"],
                have["compounds"],
                have["with_party_org"],
                have["with_resident_body"],
                strict=True,
            )
        }
        values["other_shares"] = {
            str(u): (p / n, r / n)
            for u, n, p, r in zip(
                have["unit_id"],
                have["compounds"],
                have["with_party_org"],
                have["with_resident_body"],
                strict=True,
            )
            if n >= SMALL
        }
        values.update(small_units=len(small), small=SMALL)
    if len(empty):
        names = listing([unit_name(u, lang) for u in empty["unit_id"]], lang)
        out.append(
            pick(
                lang,
                "记录中没有楼院的单位：{u}。",
                "Units with no compound in the records: {u}.",
                u=names,
            )
        )
    return out, values


def coverage(
    coverage: pd.DataFrame,
    compounds: pd.DataFrame,
    figures: pd.DataFrame,
    lang: str | None = None,
) -> Findings:
    """Governance coverage per unit: 中心路街道 against the page, the district, the others.

    Parameters
    ----------
    coverage
        ``renovation.coverage_by_unit(compounds, units)``, the frame of the coverage charts.
    compounds
        The compound records it was computed from (party organisations alone or shared).
    figures
        The published figures (the page's coverage claim and committee counts).

    Raises
    ------
    KeyError
        If a frame lacks a column named above.
    """
    lang = resolve_lang(lang)
    focus = row_of(coverage, ZXL)
    values: dict = {}
    if focus is None or not int(focus["compounds"]):
        sentences = [
            pick(
                lang,
                "记录中没有{u}的楼院。",
                "The records hold no compound of {u}.",
                u=unit_name(ZXL, lang),
            )
        ]
    else:
        head, values = _headline(focus, _full_coverage(figures), lang)
        orgs, more = _party_orgs(compounds, lang)
        gap, extra = _page_gap(focus, figures, [c for c in coverage if c not in _FIXED], lang)
        sentences = [head, orgs, *gap]
        values.update(more, **extra)
    district, more = _district(row_of(coverage, DISTRICT_ID), lang)
    others = coverage[~coverage["unit_id"].astype(str).isin([ZXL, DISTRICT_ID])]
    rest, extra = _others(others, lang)
    values.update(more, **extra, other_units=len(others))
    if focus is not None:
        compared, extra = versus_focus(focus, others[others["compounds"] > 0], lang)
        rest += compared
        values.update(extra)
    caveats = [
        pick(
            lang,
            "版面只公布了{u}的合计数；其他单位没有可以与记录核对的数字。",
            "Only the totals of {u} are published; for the other units the page gives nothing "
            "to check the records against.",
            u=unit_name(ZXL, lang),
        )
    ]
    invented = (
        f"其他 {count(len(others))} 个单位的楼院记录全部是虚构的，它们的覆盖率只是生成器的"
        "设定，不是调查结果，不能引用；单位之间的差距没有任何含义。",
        f"The records of the other {count(len(others))} units are invented: their coverage "
        "is a generator setting, not a finding, and must not be cited; differences between "
        "units mean nothing.",
    )
    caveats += origin_caveats(["compounds"], lang, synthetic=invented if len(others) else None)
    return findings(
        [*sentences, district, *rest], caveats, lang, **values, imports=imports(["compounds"])
    )
