"""Findings of notebook 01 on self-governance bodies: the page's figures, how party
organisations were built, resident bodies, and which compounds lack which body."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.labels import category_name, unit_name
from analysis.presentation.wording import some
from analysis.rules.entities import DISTRICT_ID, ZXL

#: The two resident bodies the page counts (自管会 21, 业委会 11).
PAGE_BODIES = ("自管会", "业主委员会")


def governance(
    published: pd.DataFrame,
    modes: pd.DataFrame,
    coverage: pd.DataFrame,
    lacking: pd.DataFrame,
    unit_id: str = ZXL,
    lang: str | None = None,
) -> Findings:
    """Did self-governance take root: the page's figures, bodies in ``unit_id``, gaps elsewhere.

    Parameters
    ----------
    published
        ``renovation.governance_vs_published(compounds, figures)``.
    modes
        ``renovation.party_orgs_by_mode(compounds, units)``.
    coverage
        ``renovation.coverage_by_unit(compounds, units)``.
    lacking
        ``renovation.compounds_lacking(compounds)``.
    unit_id
        The unit the page reports on.

    Raises
    ------
    KeyError
        If a frame lacks a column the findings read.
    """
    caveats = origin_caveats(
        ("compounds",),
        lang,
        synthetic=(
            "单独建与联合建的比例、楼院理事会等其他组织、志愿服务队在楼院间的分布都不是版面数字，"
            "是生成器的设定；中心路以外的全部组织记录是虚构的，不能引用。",
            "The alone/jointly split, the other kinds of resident body and how the volunteer "
            "teams are spread are generator settings, not published figures; everything "
            "outside Zhongxinlu is invented.",
        ),
        imported=(
            "用真实台账时，缺少组织的楼院清单就是补齐组织的工作清单。",
            "With a real ledger, the list of compounds lacking a body is a work plan.",
        ),
    )
    who = unit_name(unit_id, lang)
    status = published["status"].astype(str)
    ok = int(status.str.startswith("match").sum())
    values: dict[str, object] = {"figures": len(published), "matched": ok}
    sentences = []
    if len(published):
        sentences.append(
            pick(
                lang,
                "{who}的 {n} 个治理数字全部与记录一致。",
                "All {n} of {who}'s governance figures agree with the records.",
                who=who,
                n=count(len(published)),
            )
            if ok == len(published)
            else pick(
                lang,
                "{who}的 {n} 个治理数字中 {ok} 个与记录一致，{bad} 个不一致（见上表）。",
                "{ok} of {who}'s {n} governance figures agree with the records and {bad} do "
                "not (see the table).",
                who=who,
                n=count(len(published)),
                ok=count(ok),
                bad=count(len(published) - ok),
            )
        )
    mine = modes[modes["unit_id"].astype(str) == unit_id]
    mine = mine[mine["party_orgs"] > 0]
    if len(mine):
        values["party_orgs"] = int(mine["party_orgs"].sum())
        values["by_mode"] = {
            str(m): (int(o), int(c))
            for m, o, c in zip(
                mine["party_org_mode"], mine["party_orgs"], mine["compounds"], strict=True
            )
        }
        parts = [
            pick(
                lang,
                "{o} 个{m}（覆盖 {c} 个楼院）",
                "{o} {m} (covering {c} compounds)",
                o=count(o),
                m=category_name("party_org_mode", str(m), lang),
                c=count(c),
            )
            for m, o, c in zip(
                mine["party_org_mode"], mine["party_orgs"], mine["compounds"], strict=True
            )
        ]
        sentences.append(
            pick(
                lang,
                "{n} 个临时党组织中，{parts}。",
                "Of its {n} party organisations, {parts}.",
                n=count(values["party_orgs"]),
                parts=listing(parts, lang),
            )
        )
    row = coverage[coverage["unit_id"].astype(str) == unit_id]
    if len(row) and int(row["compounds"].iloc[0]):
        row = row.iloc[0]
        n = int(row["compounds"])
        counted = sum(int(row.get(b, 0)) for b in PAGE_BODIES)
        others = {
            b: int(row[b])
            for b in coverage.columns
            if b not in PAGE_BODIES and b in _body_columns(coverage) and int(row[b]) > 0
        }
        values.update(compounds=n, page_bodies=counted, other_bodies=sum(others.values()))
        values["other_body_types"] = others
        if others:
            sentences.append(
                pick(
                    lang,
                    "自管会加业委会共 {k} 个，{n} 个楼院中其余 {rest} 个设的是{what}"
                    "——版面说“全覆盖”，却没有说明这些。",
                    "Self-management and owners' committees make {k}; of the {n} compounds the "
                    'other {rest} have {what}, which the page\'s "full coverage" leaves '
                    "unexplained.",
                    k=count(counted),
                    n=count(n),
                    rest=count(sum(others.values())),
                    what=listing(
                        [
                            pick(
                                lang,
                                "{b}（{c}）",
                                "{b} ({c})",
                                b=category_name("resident_body", b, lang),
                                c=count(c),
                            )
                            for b, c in others.items()
                        ],
                        lang,
                    ),
                )
            )
    sentences += _lacking(lacking, coverage, unit_id, values, lang)
    return findings(sentences, caveats, lang, **values)


def _body_columns(coverage: pd.DataFrame) -> list[str]:
    """The per-type resident-body columns of ``coverage_by_unit`` (between the fixed ones)."""
    cols = list(coverage.columns)
    start, end = cols.index("with_resident_body") + 1, cols.index("volunteer_groups")
    return [c for c in cols[start:end] if c != "未记录"]


def _lacking(
    lacking: pd.DataFrame, coverage: pd.DataFrame, unit_id: str, values: dict, lang: str | None
) -> list[str]:
    """What the focus unit lacks, and the compounds elsewhere lacking a party org or body."""
    who = unit_name(unit_id, lang)
    lacks = lacking["lacks"].astype(str)
    units = lacking["unit_id"].astype(str)
    mine = lacking[units == unit_id]
    core = mine[mine["lacks"].astype(str).isin(["party_org", "resident_body"])]
    teams = int((mine["lacks"].astype(str) == "volunteer_groups").sum())
    values.update(focus_lacking_core=int(core["compound_id"].nunique()), focus_no_team=teams)
    out = [
        pick(
            lang,
            "{who}{core}，{teams}。",
            "In {who} {core}; {teams}.",
            who=who,
            core=pick(
                lang,
                "没有楼院缺党组织或居民自治组织",
                "no compound lacks a party organisation or resident body",
            )
            if core.empty
            else pick(
                lang,
                "有 {k} 个楼院缺党组织或居民自治组织",
                "{k} compounds lack a party organisation or resident body",
                k=count(core["compound_id"].nunique()),
            ),
            teams=pick(lang, "每个楼院都有志愿服务队", "every compound has a volunteer team")
            if teams == 0
            else pick(
                lang,
                "但 {k} 个楼院没有志愿服务队",
                "but {k} have no volunteer team",
                k=count(teams),
            ),
        )
    ]
    rest = lacking[(units != unit_id) & lacks.isin(["party_org", "resident_body"])]
    n_rest = int(rest["compound_id"].nunique())
    values["others_lacking_core"] = n_rest
    if n_rest:
        per = rest.groupby(rest["unit_id"].astype(str))["compound_id"].nunique()
        per = per.sort_index().sort_values(ascending=False, kind="stable")
        totals = coverage.set_index(coverage["unit_id"].astype(str))["compounds"]
        values["units_lacking"] = {u: (int(k), int(totals.get(u, 0))) for u, k in per.items()}
        # Counts per unit, not a ranking: the units hold 4 to 10 compounds each, too few for
        # their shares to be told apart.
        out.append(
            pick(
                lang,
                "其他单位共 {n} 个楼院缺少党组织或居民自治组织：{units}。",
                "Elsewhere {n} compounds lack a party organisation or resident body: {units}.",
                n=count(n_rest),
                units=some(
                    [
                        pick(
                            lang,
                            "{u} {k}/{t}",
                            "{k} of {t} in {u}",
                            u=unit_name(u, lang),
                            k=count(k),
                            t=count(totals.get(u, 0)),
                        )
                        for u, k in per.items()
                    ],
                    lang,
                ),
            )
        )
    elif len(
        coverage[
            (coverage["unit_id"].astype(str) != unit_id)
            & (coverage["unit_id"].astype(str) != DISTRICT_ID)
            & (coverage["compounds"] > 0)
        ]
    ):
        out.append(
            pick(
                lang,
                "其他单位的楼院也都有党组织和居民自治组织。",
                "Compounds elsewhere all have both too.",
            )
        )
    return out
