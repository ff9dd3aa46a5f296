"""Resident consultations, service-needs surveys and themed activities.

Calibrated to: zxl-consultations (face-to-face consultations in 中心路), zxl-households-
surveyed and zxl-survey-suggestions (the 线上+线下 survey), hb-suggestions and
hb-problems-solved (small-stool talks in the housing bureau's compounds) and
hb-cadre-participation (its cadres at themed activities).

Calendar (:mod:`analysis.synth.workdays`): these meet residents, so they may fall on an
ordinary weekend — when working residents are at home and community workers commonly
hold talks and activities — but never on a statutory holiday nor in the lockdown.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis.rules.entities import CONSULTATION_FORMATS, HOUSING_BUREAU, SURVEY_FORMATS, ZXL
from analysis.synth.calibration import Targets, allocate
from analysis.synth.frames import AS_OF, PROGRAM_START, random_dates, typed_frame

TALK, MEETING, DOOR, ONLINE, PAPER, THEMED = (*CONSULTATION_FORMATS, *SURVEY_FORMATS, "主题活动")
#: Share of each face-to-face format (invented).
FORMAT_WEIGHTS = {TALK: 0.5, MEETING: 0.3, DOOR: 0.2}
#: Residents taking part, cadres, and mean suggestions per format (invented ranges).
SIZES = {
    TALK: ((8, 26), (1, 5), 2.2),
    MEETING: ((10, 36), (1, 6), 2.5),
    DOOR: ((1, 9), (1, 4), 1.2),
}
#: The property-management survey ran before the pilots were chosen (dates invented).
SURVEY_WINDOW = (date(2020, 5, 6), date(2020, 7, 15))
#: Themed activities ("相聚党旗下、支部风采"、"全城清洁") after the lockdown.
THEMED_WINDOW = (date(2020, 4, 1), AS_OF)
ADOPT, RESOLVE = 0.6, 0.7


def _row(cid: str, held: date, fmt: str, **values: int | None) -> dict[str, object]:
    row: dict[str, object] = {
        "consultation_id": "",
        "compound_id": cid,
        "held_on": held,
        "format": fmt,
        "households": None,
    }
    row.update(values)
    return row


def _face_to_face(rng: np.random.Generator, cid: str, held: date, fmt: str) -> dict:
    people, cadres, mean = SIZES[fmt]
    s = int(min(rng.poisson(mean), 12))
    adopted = int(rng.binomial(s, ADOPT))
    return _row(
        cid,
        held,
        fmt,
        participants=int(rng.integers(*people)),
        cadre_participants=int(rng.integers(*cadres)),
        suggestions=s,
        adopted=adopted,
        resolved=int(rng.binomial(adopted, RESOLVE)),
    )


def _themed(rng: np.random.Generator, cid: str, held: date, cadres: int) -> dict:
    return _row(
        cid,
        held,
        THEMED,
        participants=int(rng.integers(10, 51)),
        cadre_participants=cadres,
        suggestions=0,
        adopted=0,
        resolved=0,
    )


def _formats(rng: np.random.Generator, n: int) -> list[str]:
    p = np.array(list(FORMAT_WEIGHTS.values()))
    return rng.choice(list(FORMAT_WEIGHTS), size=n, p=p / p.sum()).tolist()


def _dates(rng: np.random.Generator, n: int, window: tuple[date, date] | None = None) -> list:
    start, end = window or (PROGRAM_START, AS_OF)
    # residents meet when they are at home: ordinary weekends are allowed, statutory
    # holidays and the lockdown are not (see analysis.synth.workdays)
    return random_dates(rng, start, end, n, avoid_lockdown=True, avoid_holidays=True)


def _survey(rng: np.random.Generator, zxl: pd.DataFrame, t: Targets) -> list[dict]:
    """Survey rows whose households and suggestions add up to the published figures."""
    households = t["zxl-households-surveyed"].pick(rng, 0.1, 0.6)
    suggestions = t["zxl-survey-suggestions"].pick(rng, 0.1, 0.6)
    hh = zxl["households"].to_numpy()
    # no compound can answer for more households than it has
    reached = allocate(households, hh * rng.uniform(0.55, 0.9, len(hh)), caps=hh)
    rows = []
    for cid, n in zip(zxl["compound_id"], reached, strict=True):
        online = int(round(n * rng.uniform(0.35, 0.7)))
        for fmt, k in ((ONLINE, online), (PAPER, int(n) - online)):
            if k > 0:
                held = _dates(rng, 1, SURVEY_WINDOW)[0]
                cadres = 0 if fmt == ONLINE else int(rng.integers(1, 4))
                rows.append(
                    _row(cid, held, fmt, participants=k, households=k, cadre_participants=cadres)
                )
    split = allocate(suggestions, [r["households"] for r in rows])
    for r, s in zip(rows, split, strict=True):
        adopted = int(rng.binomial(s, 0.4))
        r.update(suggestions=int(s), adopted=adopted, resolved=int(rng.binomial(adopted, 0.5)))
    return rows


def _housing_bureau(rng: np.random.Generator, hb: pd.DataFrame, t: Targets) -> list[dict]:
    """Small-stool talks and themed activities adding up to the bureau's figures."""
    talks = [cid for cid in hb["compound_id"] for _ in range(int(rng.integers(1, 4)))]
    total_s, total_r = t["hb-suggestions"].exact(), t["hb-problems-solved"].exact()
    s = allocate(total_s, rng.gamma(2.0, size=len(talks)), minimum=int(total_s >= len(talks)))
    solved = allocate(total_r, s, caps=s)
    rows = []
    for cid, held, k, r in zip(talks, _dates(rng, len(talks)), s, solved, strict=True):
        row = _face_to_face(rng, cid, held, TALK)
        row.update(suggestions=int(k), resolved=int(r), adopted=int(r + rng.binomial(k - r, 0.5)))
        rows.append(row)
    themed = [cid for cid in hb["compound_id"] for _ in range(int(rng.integers(2, 5)))]
    cadres = allocate(
        t["hb-cadre-participation"].pick(rng, 0.1, 0.5),
        rng.gamma(3.0, size=len(themed)),
        caps=np.full(len(themed), 40),
        minimum=3,
    )
    for cid, held, c in zip(themed, _dates(rng, len(themed), THEMED_WINDOW), cadres, strict=True):
        rows.append(_themed(rng, cid, held, int(c)))
    # the bureau also held residents' meetings and door-to-door visits (not counted above)
    for cid in hb["compound_id"]:
        n = int(rng.integers(1, 4))
        fmts = rng.choice([MEETING, DOOR], size=n).tolist()
        rows += [_face_to_face(rng, cid, d, f) for d, f in zip(_dates(rng, n), fmts, strict=True)]
    return rows


def generate_consultations(
    rng: np.random.Generator, compounds: pd.DataFrame, targets: Targets
) -> pd.DataFrame:
    """Return consultations, surveys and themed activities for every compound.

    Raises
    ------
    ValueError
        If a published total cannot be split over the compounds (e.g. fewer households
        in 中心路 than the published number surveyed).
    """
    compounds = compounds.sort_values("compound_id")
    zxl = compounds[compounds["unit_id"] == ZXL]
    hb = compounds[compounds["partner_unit"] == HOUSING_BUREAU]
    rest = compounds[(compounds["unit_id"] != ZXL) & (compounds["partner_unit"] != HOUSING_BUREAU)]
    rows: list[dict] = []
    # 中心路: the published number of face-to-face consultations, more in bigger compounds
    total = targets["zxl-consultations"].pick(rng, 0.2, 0.45)
    weights = rng.gamma(3.0, size=len(zxl)) * np.sqrt(zxl["households"].to_numpy())
    per = allocate(total, weights, minimum=min(3, total // max(len(zxl), 1)))
    for cid, n in zip(zxl["compound_id"], per, strict=True):
        rows += [
            _face_to_face(rng, cid, d, f)
            for d, f in zip(_dates(rng, int(n)), _formats(rng, int(n)), strict=True)
        ]
    rows += _survey(rng, zxl, targets)
    rows += _housing_bureau(rng, hb, targets)
    for cid in rest["compound_id"]:
        n = int(rng.integers(1, 7))
        rows += [
            _face_to_face(rng, cid, d, f)
            for d, f in zip(_dates(rng, n), _formats(rng, n), strict=True)
        ]
    for cid in pd.concat([zxl, rest])["compound_id"]:  # some themed activities elsewhere
        n = int(rng.binomial(2, 0.3))
        rows += [
            _themed(rng, cid, d, int(rng.integers(2, 15))) for d in _dates(rng, n, THEMED_WINDOW)
        ]
    rows.sort(key=lambda r: (r["held_on"], r["compound_id"], r["format"]))
    for k, r in enumerate(rows, start=1):
        r["consultation_id"] = f"cs-{k:05d}"
    return typed_frame("consultations", rows)
