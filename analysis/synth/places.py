"""Communities and unmanaged compounds (无主管楼院) with their governance bodies.

Calibrated to: loans-publicity-communities, zxl-compounds, zxl-temp-party-orgs,
zxl-volunteer-groups, zxl-self-mgmt-committees, zxl-owners-committees,
zxl-party-org-coverage, zxl-resident-body-coverage, zxl-pilot-compounds,
ldj-built-year and hb-compounds. zxl-households-surveyed also bounds 中心路's households
from below, so the survey in :mod:`analysis.synth.consultations` can reach that many.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.datasets.loaders import load_units
from analysis.rules.entities import HOUSING_BUREAU, LABOUR_BUREAU_COMPOUND, ZXL, subunits
from analysis.synth.calibration import Targets, allocate
from analysis.synth.frames import normalise, typed_frame

#: Relative number of communities per unit. Invented: the page gives only the total.
COMMUNITY_WEIGHTS = {
    "jiyuanlu": 7,
    "zhongxinlu": 8,
    "xinanlu": 6,
    "gongyelu": 6,
    "kuangshan": 5,
    "xiawo": 4,
}
#: Partner named on the page for 劳动局家属院 ("人社局、街道、社区、自管会…").
LABOUR_BUREAU_PARTNER = "区人社局"
#: Other body the page names as a partner of 中心路 compounds ("人社局、检察院等单位").
PROCURATORATE = "区检察院"
#: Invented partner units, visibly fictional.
INVENTED_PARTNERS = tuple(f"虚构联建单位{c}" for c in "ABCDEFGHJK")
#: Highest survey response rate assumed when sizing 中心路's households.
MAX_RESPONSE = 0.85
#: Compounds per unit outside 中心路 (invented; the page counts only 中心路's).
OTHER_UNIT_COMPOUNDS = (4, 10)
BODIES = ("业主委员会", "自管会", "楼院理事会", "居民议事会")


def unit_names() -> pd.DataFrame:
    """Return the non-district units in display order with short Chinese/English names."""
    units = load_units()
    units = subunits(units)
    return pd.DataFrame(
        {
            "unit_id": units["unit_id"].tolist(),
            "zh": units["name_zh"].str.removesuffix("街道").str.removesuffix("镇").tolist(),
            "en": units["name_en"].str.split(" ").str[0].tolist(),
        }
    )


def generate_communities(rng: np.random.Generator, targets: Targets) -> pd.DataFrame:
    """Return the communities: the published count, split over the six units.

    ``rng`` is unused today (the split is fixed); the dataset still owns a stream so it
    can gain random attributes without shifting any other dataset's draws.

    Raises
    ------
    ValueError
        If the published count is smaller than the number of units.
    """
    del rng
    names = unit_names()
    counts = allocate(
        targets["loans-publicity-communities"].exact(),
        [COMMUNITY_WEIGHTS.get(u, 1) for u in names["unit_id"]],
        minimum=1,
    )
    rows = [
        {
            "community_id": f"{unit.unit_id}-c{k:02d}",
            "unit_id": unit.unit_id,
            "name_zh": f"{unit.zh}虚构社区{k:02d}",
            "name_en": f"{unit.en} fictional community {k:02d}",
        }
        for unit, n in zip(names.itertuples(index=False), counts, strict=True)
        for k in range(1, int(n) + 1)
    ]
    return typed_frame("communities", rows)


def _runs(rng: np.random.Generator, communities: list[str], n_orgs: int) -> list[int]:
    """Group compounds (sorted by community) into ``n_orgs`` runs; return each one's run.

    A joint organisation (联合建) covers neighbouring compounds, so runs are cut at
    community boundaries first, and runs of more than 4 compounds are avoided.
    """
    n = len(communities)
    if not 1 <= n_orgs <= n:
        raise ValueError(f"cannot form {n_orgs} party organisations over {n} compounds")
    bounds = [i for i in range(1, n) if communities[i] != communities[i - 1]]
    free = [i for i in range(1, n) if i not in bounds]
    best: tuple[int, list[int]] | None = None
    for _ in range(200):
        if len(bounds) >= n_orgs - 1:
            cuts = sorted(rng.choice(bounds, size=n_orgs - 1, replace=False).tolist())
        else:
            extra = rng.choice(free, size=n_orgs - 1 - len(bounds), replace=False).tolist()
            cuts = sorted(bounds + extra)
        longest = int(np.diff([0, *cuts, n]).max())
        if best is None or longest < best[0]:
            best = (longest, cuts)
        if longest <= 4:
            break
    assert best is not None
    return [int(np.searchsorted(best[1], i, side="right")) for i in range(n)]


def _base(rng: np.random.Generator, comms: list[str], n: int, spread: bool) -> list[dict]:
    """Compounds of one unit sorted by community, with households and building year."""
    if spread:  # every community of the unit has at least one
        counts = allocate(n, rng.gamma(4.0, size=len(comms)), minimum=1)
        community = [c for c, k in zip(comms, counts, strict=True) for _ in range(int(k))]
    else:
        community = sorted(rng.choice(comms, size=n).tolist())
    households = np.clip(np.round(np.exp(rng.normal(np.log(95), 0.45, n))), 20, 200)
    built = rng.integers(1978, 2006, size=n)
    return [
        {
            "community_id": c,
            "households": int(h),
            "built_year": int(b),
            "named": False,
            "org": None,
            "resident_body": None,
            "volunteer_groups": 0,
            "partner_unit": None,
            "property_pilot": False,
        }
        for c, h, b in zip(community, households, built, strict=True)
    ]


def _partner(
    rng: np.random.Generator, org: int | None, partners: list[str], named: str, is_named: bool
) -> str:
    """Return a compound's partner unit.

    The named body when it is this compound's partner, else the partner of its party
    organisation (支部联建 pairs the organisation, not the compound), else an invented one.
    """
    if is_named:
        return named
    if org is not None:
        return partners[org]
    return str(rng.choice(INVENTED_PARTNERS))


def _zhongxinlu(rng: np.random.Generator, comms: list[str], t: Targets) -> list[dict]:
    n = t["zxl-compounds"].exact()
    rows = _base(rng, comms, n, spread=True)
    # the survey must be able to reach the published households at a plausible response
    need = t["zxl-households-surveyed"].bounds()[1] / MAX_RESPONSE
    while sum(r["households"] for r in rows) < need:
        for r in rows:
            r["households"] = min(200, int(np.ceil(r["households"] * 1.05)))
    hh = np.array([r["households"] for r in rows], dtype=float)
    ldj = int(rng.integers(n))
    rows[ldj].update(named=True, built_year=round(t["ldj-built-year"].value or 0))

    def covered(figure: str) -> list[int]:
        k = round(t[figure].exact() / 100 * n)
        return sorted(rng.choice(n, size=k, replace=False).tolist())

    with_org = covered("zxl-party-org-coverage")
    runs = _runs(rng, [rows[i]["community_id"] for i in with_org], t["zxl-temp-party-orgs"].exact())
    for i, r in zip(with_org, runs, strict=True):
        rows[i]["org"] = r
    # bodies: 劳动局家属院 has a 自管会 (the page names it); owners' committees go to
    # bigger, newer compounds, where they are easiest to form
    owners, selfm = t["zxl-owners-committees"].exact(), t["zxl-self-mgmt-committees"].exact()
    with_body = covered("zxl-resident-body-coverage")
    if ldj not in with_body:
        with_body[-1] = ldj
    if owners + selfm > len(with_body) or selfm < 1:
        raise ValueError("published resident-body counts exceed the covered compounds")
    pool = [i for i in with_body if i != ldj]
    w = [hh[i] * (rows[i]["built_year"] - 1970) for i in pool]
    for j in rng.choice(len(pool), size=owners, replace=False, p=normalise(w)):
        rows[pool[j]]["resident_body"] = "业主委员会"
    rows[ldj]["resident_body"] = "自管会"
    rest = [i for i in pool if rows[i]["resident_body"] is None]
    for k, i in enumerate(rest):
        rows[i]["resident_body"] = "自管会" if k < selfm - 1 else str(rng.choice(BODIES[2:]))
    volunteers = rng.multinomial(t["zxl-volunteer-groups"].exact(), normalise(np.sqrt(hh)))
    # 先易后难: pilots favour compounds with an owners' committee and many households
    w = [
        h * (3.0 if r["resident_body"] == "业主委员会" else 1.0)
        for h, r in zip(hh, rows, strict=True)
    ]
    pilots = rng.choice(n, size=t["zxl-pilot-compounds"].exact(), replace=False, p=normalise(w))
    # one partner per party organisation (支部联建); the labour bureau for 劳动局家属院
    n_orgs = max((r["org"] for r in rows if r["org"] is not None), default=-1) + 1
    partners = rng.choice(INVENTED_PARTNERS, size=n_orgs).tolist()
    for k in rng.permutation(n_orgs)[:2]:
        partners[k] = PROCURATORATE
    if rows[ldj]["org"] is not None:
        partners[rows[ldj]["org"]] = LABOUR_BUREAU_PARTNER
    for i, r in enumerate(rows):
        r["volunteer_groups"] = int(volunteers[i])
        r["property_pilot"] = bool(i in pilots)
        r["partner_unit"] = _partner(rng, r["org"], partners, LABOUR_BUREAU_PARTNER, i == ldj)
    return rows


def _other_unit(rng: np.random.Generator, comms: list[str], n: int, hb: set[int]) -> list[dict]:
    """A unit outside 中心路: partial coverage, no pilots; ``hb`` are the bureau's compounds."""
    rows = _base(rng, comms, n, spread=False)
    p_org, p_body = rng.uniform(0.4, 0.8), rng.uniform(0.3, 0.7)
    # the bureau set up an organisation in each of its compounds ("在每个楼院建立党组织")
    plain = [i for i in range(n) if i not in hb and rng.random() < p_org]
    if plain:
        n_orgs = len(plain) - int(rng.binomial(len(plain) - 1, 0.2))
        runs = _runs(rng, [rows[i]["community_id"] for i in plain], n_orgs)
        for i, r in zip(plain, runs, strict=True):
            rows[i]["org"] = r
    n_orgs = len(set(runs)) if plain else 0
    partners = rng.choice(INVENTED_PARTNERS, size=n_orgs).tolist()
    for k, i in enumerate(sorted(hb)):
        rows[i]["org"] = n_orgs + k
    for i, r in enumerate(rows):
        if i in hb or rng.random() < p_body:
            r["resident_body"] = str(rng.choice(BODIES, p=[0.15, 0.45, 0.2, 0.2]))
        r["volunteer_groups"] = int(rng.integers(1, 3) if i in hb else rng.integers(0, 3))
        r["partner_unit"] = _partner(rng, r["org"], partners, HOUSING_BUREAU, i in hb)
    return rows


def generate_compounds(
    rng: np.random.Generator, communities: pd.DataFrame, targets: Targets
) -> pd.DataFrame:
    """Return the unmanaged compounds of every unit, calibrated to the published figures.

    Raises
    ------
    ValueError
        If the published counts cannot be met (e.g. more bodies than compounds).
    """
    names = unit_names()
    comms = {u: sorted(g["community_id"]) for u, g in communities.groupby("unit_id", observed=True)}
    others = [u for u in names["unit_id"] if u != ZXL]
    sizes = rng.integers(OTHER_UNIT_COMPOUNDS[0], OTHER_UNIT_COMPOUNDS[1] + 1, len(others))
    slots = [(u, i) for u, k in zip(others, sizes, strict=True) for i in range(int(k))]
    n_hb = targets["hb-compounds"].exact()
    hb = {slots[j] for j in rng.choice(len(slots), size=n_hb, replace=False)}
    out = []
    for unit in names.itertuples(index=False):
        if unit.unit_id == ZXL:
            rows = _zhongxinlu(rng, comms[ZXL], targets)
        else:
            k = int(sizes[others.index(unit.unit_id)])
            mine = {i for u, i in hb if u == unit.unit_id}
            rows = _other_unit(rng, comms[unit.unit_id], k, mine)
        org_ids: dict[int, str] = {}
        for r in rows:  # number organisations in compound order
            if r["org"] is not None and r["org"] not in org_ids:
                org_ids[r["org"]] = f"po-{unit.unit_id}-{len(org_ids) + 1:02d}"
        members = pd.Series([r["org"] for r in rows]).value_counts()
        for k, r in enumerate(rows, start=1):
            org = r.pop("org")
            named = r.pop("named")
            out.append(
                {
                    "compound_id": f"cp-{unit.unit_id}-{k:02d}",
                    "name_zh": LABOUR_BUREAU_COMPOUND if named else f"{unit.zh}虚构楼院{k:02d}",
                    "named_in_source": named,
                    "unit_id": unit.unit_id,
                    "party_org_id": None if org is None else org_ids[org],
                    "party_org_mode": None
                    if org is None
                    else "联合建"
                    if members[org] > 1
                    else "单独建",
                    **r,
                }
            )
    return typed_frame("compounds", out)
