"""The tables of page 00 as a reader reads them: what each row is, not its internal id.

The frames the sections compute keep ids (``renovation_tasks``, ``zxl-cadres``, ``party_org``)
because code and CSV files need them; these functions give the columns a reader needs, in
the edition's words where only the overview knows them (dataset names, figure labels,
statuses). Headers, numbers, unit names and other table words are the display formatter's
job (:mod:`analysis.presentation.columns` labels every column named here).
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.overview._labels import figure_labels
from analysis.overview._recon import status_label
from analysis.presentation.caveats import dataset_name
from analysis.presentation.findings import listing
from analysis.presentation.labels import category_name
from analysis.presentation.text import Catalogue
from analysis.rules.entities import DISTRICT_ID

#: A bracketed Chinese gloss in an English description: `` (自管会)``.
_GLOSS = r"\s*\([^)]*[\u3400-\u9fff][^)]*\)"
#: How the rules read the page's wording of a number (``reading`` of the reconciliation);
#: the vocabulary's English labels of the bare qualifier carry the Chinese word, a cell of
#: the English edition does not.
READINGS = Catalogue(
    __name__ + ".readings",
    {
        "exact": ("确数", "exact"),
        "rounded": ("取整的数", "rounded"),
        "more_than": ("多于（余、多）", "more than"),
        "nearly": ("接近（近）", "nearly"),
        "about": ("大约（约）", "about"),
        "at_least": ("至少", "at least"),
        "above": ("以上", "above"),
        "contradictory": ("措辞自相矛盾", "contradictory"),
        "date": ("日期", "date"),
        "确数": ("确数", "exact"),
        "余": ("多于（余）", "more than"),
        "多": ("多于（多）", "more than"),
        "近": ("接近（近）", "nearly"),
        "约": ("大约（约）", "about"),
    },
)
#: What a compound may lack (the ``lacks`` values of ``renovation.compounds_lacking``).
BODIES = ("party_org", "resident_body", "volunteer_groups")
_BODY = Catalogue(
    __name__ + ".bodies",
    {
        "party_org": ("党组织", "party organisation"),
        "resident_body": ("居民自治组织", "resident body"),
        "volunteer_groups": ("志愿服务队", "volunteer group"),
    },
)


def layers_table(layers: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """One row per dataset: its name for readers, where this run reads it from, its rows.

    Parameters
    ----------
    layers
        :func:`analysis.overview.data_layers`.

    Returns
    -------
    pandas.DataFrame
        ``dataset``, ``origin``, ``rows``; ``attrs["datasets"]`` as ``layers``'s.

    Raises
    ------
    KeyError
        If ``layers`` lacks ``name``, ``origin`` or ``rows``.
    """
    lang = resolve_lang(lang)
    out = pd.DataFrame(
        {
            "dataset": [dataset_name(str(n), lang) for n in layers["name"]],
            "origin": layers["origin"].astype(str).to_numpy(),
            "rows": layers["rows"].to_numpy(),
        }
    )
    out.attrs = dict(layers.attrs)
    return out


def figures_table(
    table: pd.DataFrame, figures: pd.DataFrame | None = None, lang: str | None = None
) -> pd.DataFrame:
    """Published figures beside the records: one row per figure, named for readers.

    Parameters
    ----------
    table
        :func:`analysis.reconcile` or ``renovation.governance_vs_published`` (``figure_id``,
        ``published``, ``reading`` or ``qualifier``, ``unit_of_measure``, ``computed``, ``rule``,
        ``status`` are read; ``quote_zh``/``description_en`` when present).
    figures
        The published figures, lending their ``quote_zh`` and ``description_en`` when
        ``table`` lacks them.

    Returns
    -------
    pandas.DataFrame
        ``figure`` (the Chinese edition: a short label, then the verbatim ``quote_zh``; the
        English: the description), ``published``, ``reading`` (how the page words it),
        ``unit_of_measure``, ``computed``, ``rule`` (blank where the wording contradicts
        itself: the status says so), ``status`` (in the edition's words) and ``figure_id``
        last, for the CSV.

    Raises
    ------
    KeyError
        If ``table`` lacks a column named above.
    """
    lang = resolve_lang(lang)
    rows = table.reset_index(drop=True)
    if figures is not None:
        lend = [c for c in ("quote_zh", "description_en") if c not in rows and c in figures]
        if lend:
            extra = figures.set_index("figure_id")[lend]
            rows = rows.join(extra, on="figure_id")
    out = pd.DataFrame({"figure": figure_labels(rows["figure_id"], lang)})
    if lang == "zh" and "quote_zh" in rows:
        out["quote_zh"] = rows["quote_zh"].to_numpy()
    elif lang != "zh" and "description_en" in rows:
        described = rows["description_en"].astype("object")
        # the descriptions gloss a few terms with the Chinese word: not for the English page
        described = described.where(
            described.isna(), described.astype(str).str.replace(_GLOSS, "", regex=True)
        )
        out["figure"] = described.where(described.notna(), out["figure"]).to_numpy()
    contradictory = (
        rows["reading"].astype(str) == "contradictory"
        if "reading" in rows
        else pd.Series(False, index=rows.index)
    )
    out["published"] = rows["published"].to_numpy()
    # the rules' reading (至少半 is "at least", not the bare qualifier 余) when the table has it
    read = rows["reading"] if "reading" in rows else rows["qualifier"]
    out["reading"] = [
        READINGS.text(str(r), lang) if str(r) in READINGS else category_name("qualifier", r, lang)
        for r in read
    ]
    out["unit_of_measure"] = rows["unit_of_measure"].to_numpy()
    out["computed"] = rows["computed"].to_numpy()
    out["rule"] = rows["rule"].where(~contradictory, "").to_numpy()
    out["status"] = [status_label(str(s), lang) for s in rows["status"]]
    out["figure_id"] = rows["figure_id"].to_numpy()
    out.attrs = dict(table.attrs)
    return out


def lacking_by_unit(lacking: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """Per unit of ``coverage`` (the district's row over every compound): compounds lacking
    each kind of body.

    Parameters
    ----------
    lacking
        ``renovation.compounds_lacking`` (``compound_id``, ``unit_id``, ``lacks``).
    coverage
        ``renovation.coverage_by_unit`` (``unit_id``, ``compounds``: its rows and order).

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``compounds``, ``lacks_party_org``, ``lacks_resident_body``,
        ``lacks_volunteer_groups`` and ``lacks_any`` (compounds lacking at least one).

    Raises
    ------
    KeyError
        If a frame lacks a column named above.
    """
    units = coverage["unit_id"].astype(str)
    rows = []
    for unit, n in zip(units, coverage["compounds"], strict=True):
        whole = unit == DISTRICT_ID  # the district's row counts every compound
        mine = lacking if whole else lacking[lacking["unit_id"].astype(str) == unit]
        lacks = mine["lacks"].astype(str)
        rows.append(
            {
                "unit_id": unit,
                "compounds": int(n),
                **{f"lacks_{b}": int((lacks == b).sum()) for b in BODIES},
                "lacks_any": int(mine["compound_id"].nunique()),
            }
        )
    columns = ["unit_id", "compounds", *(f"lacks_{b}" for b in BODIES), "lacks_any"]
    out = pd.DataFrame(rows, columns=columns)
    out.attrs = dict(lacking.attrs)
    return out


def work_list(lacking: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """One row per compound lacking a body, with what it lacks: the work list.

    Parameters
    ----------
    lacking
        ``renovation.compounds_lacking`` (``compound_id``, ``name_zh``, ``unit_id``,
        ``lacks``).

    Returns
    -------
    pandas.DataFrame
        ``name_zh``, ``unit_id`` and ``lacks`` (the bodies it lacks, in the edition's
        words), in the order of ``lacking``.

    Raises
    ------
    KeyError
        If ``lacking`` lacks a column named above.
    """
    lang = resolve_lang(lang)
    columns = ["name_zh", "unit_id", "lacks"]
    if lacking.empty:
        return pd.DataFrame(columns=columns)
    first = lacking.drop_duplicates("compound_id").set_index("compound_id")
    out = first[["name_zh", "unit_id"]].copy()
    what = lacking.groupby("compound_id", sort=False)["lacks"].agg(
        lambda s: listing([_BODY.text(b, lang) if b in _BODY else b for b in s.astype(str)], lang)
    )
    out["lacks"] = what.reindex(out.index).to_numpy()
    out = out.reset_index(drop=True)[columns]
    out.attrs = dict(lacking.attrs)
    return out
