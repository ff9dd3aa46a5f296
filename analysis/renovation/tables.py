"""Tables of the renovation page as a reader reads them: what each row is, not its id.

The frames the sections compute keep ids (``zxl-cadres``, ``compound_id``) because code and
CSV files need them; these functions keep the columns a reader needs, named so that the
table display (:mod:`analysis.presentation.columns`) labels every one of them, and leave
headers, numbers, unit names, categories and statuses to the display formatter.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import resolve_lang
from analysis.datasets.errors import require_columns
from analysis.presentation.findings import listing
from analysis.presentation.labels import unit_rank
from analysis.presentation.text import Catalogue

#: A bracketed Chinese gloss in an English description: `` (自管会)``.
_GLOSS = r"\s*\([^)]*[\u3400-\u9fff][^)]*\)"
#: Short Chinese names of the page's renovation figures: several share one sentence of the
#: page (the two coverage figures, the cadres and their days), so the quote alone cannot
#: tell the rows apart. The same words as the overview's figure labels (page 00).
FIGURE_NAMES_ZH = {
    "zxl-cadres": "包楼院的机关党员干部",
    "zxl-cadre-days-per-week": "干部每周在楼院的时间",
    "zxl-evaluation-interval": "现场观摩讲评会的间隔",
    "zxl-compounds": "中心路街道的无主管楼院",
    "zxl-temp-party-orgs": "临时党组织",
    "zxl-volunteer-groups": "志愿服务队和群众性组织",
    "zxl-self-mgmt-committees": "自管会",
    "zxl-owners-committees": "业委会",
    "zxl-party-org-coverage": "楼院党组织覆盖率",
    "zxl-resident-body-coverage": "楼院居民自治组织覆盖率",
    "ldj-built-year": "劳动局家属院的建成年份",
    "ldj-tasks": "劳动局家属院的改造任务",
    "zxl-consultations": "居民议事活动",
    "zxl-households-surveyed": "需求调查覆盖的户数",
    "zxl-survey-suggestions": "需求调查收集的意见建议",
    "zxl-pilot-compounds": "物业管理试点楼院",
    "hb-suggestions": "住建局分包楼院的意见建议",
    "hb-problems-solved": "住建局解决的问题",
    "hb-compounds": "住建局分包的楼院",
    "hb-cadre-participation": "住建局干部参与活动",
}
#: Columns of :func:`figures_table`, in display order.
FIGURE_COLUMNS = ("figure", "published", "unit_of_measure", "rule", "computed", "status")


def figures_table(
    reconciled: pd.DataFrame, figures: pd.DataFrame, lang: str | None = None
) -> pd.DataFrame:
    """The page's figures beside the records, one row per figure, described for readers.

    Parameters
    ----------
    reconciled
        Rows of :func:`analysis.reconcile` (``figure_id``, ``published``,
        ``unit_of_measure``, ``rule``, ``computed``, ``status``).
    figures
        The published figures (:func:`analysis.load_published_figures`), lending each
        figure's verbatim ``quote_zh`` and its ``description_en``.
    lang
        Edition; default the configured one.

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS`: ``figure`` is the figure's short name
        (:data:`FIGURE_NAMES_ZH`, else the page's own sentence) in the Chinese edition and
        its description in the English one (a figure without either keeps its id);
        ``rule`` is how the page's wording is read (``200 ≤ x < 300`` for 200余).
        ``attrs["datasets"]``: the published figures and the records the rows name.

    Raises
    ------
    KeyError
        If a frame lacks a column named above.
    """
    need = ("figure_id", "published", "unit_of_measure", "rule", "computed", "status")
    require_columns(reconciled, need, "reconciled")
    require_columns(figures, ("figure_id", "quote_zh", "description_en"), "figures")
    rows = reconciled.reset_index(drop=True)
    lend = figures.drop_duplicates("figure_id").set_index("figure_id")
    ids = rows["figure_id"].astype(str)
    if resolve_lang(lang) == "zh":
        # a short name where the page's sentence is shared, else the sentence itself
        words = ids.map(FIGURE_NAMES_ZH).fillna(ids.map(lend["quote_zh"]))
    else:
        # the descriptions gloss a few terms with the Chinese word: not for the English page
        words = ids.map(lend["description_en"]).astype("object")
        words = words.where(words.isna(), words.astype(str).str.replace(_GLOSS, "", regex=True))
    out = pd.DataFrame({"figure": words.where(words.notna(), ids).to_numpy()})
    for column in FIGURE_COLUMNS[1:]:
        out[column] = rows[column].to_numpy()
    # the page's figures, and the records the computed values come from (the table's origin)
    named = rows["datasets"] if "datasets" in rows else pd.Series([], dtype=object)
    records = [d.strip() for cell in named.dropna().astype(str) for d in cell.split(",")]
    out.attrs = {
        **reconciled.attrs,
        "datasets": list(dict.fromkeys(["published_figures", *filter(None, records)])),
    }
    return out


def progress_table(progress: pd.DataFrame) -> pd.DataFrame:
    """Progress per compound as a list a reader can sort: names, no ids.

    Parameters
    ----------
    progress
        :func:`analysis.renovation.compound_progress`.

    Returns
    -------
    pandas.DataFrame
        ``name_zh``, ``unit_id``, ``property_pilot``, ``tasks``, ``closed``, ``not_closed``,
        ``overdue``, ``closed_pct``; compounds with tasks only, in ``progress``'s order.

    Raises
    ------
    KeyError
        If ``progress`` lacks a column named above.
    """
    need = ("name_zh", "unit_id", "property_pilot", "tasks", "closed", "open", "overdue")
    require_columns(progress, (*need, "closed_pct"), "progress")
    rows = progress[progress["tasks"] > 0]
    out = rows[["name_zh", "unit_id", "property_pilot", "tasks", "closed"]].copy()
    out["not_closed"] = rows["open"] + rows["overdue"]
    out["overdue"] = rows["overdue"]
    out["closed_pct"] = rows["closed_pct"]
    out = out.reset_index(drop=True)
    out.attrs = dict(progress.attrs)
    return out


#: What a compound may lack (``lacks`` of :func:`analysis.renovation.compounds_lacking`).
BODIES = ("party_org", "resident_body", "volunteer_groups")
_BODY_WORDS = Catalogue(
    __name__,
    {
        "party_org": ("临时党组织", "party organisation"),
        "resident_body": ("居民自治组织", "resident body"),
        "volunteer_groups": ("志愿服务队", "volunteer team"),
    },
)


def lacking_table(lacking: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The work list of self-governance: one row per compound lacking a body, and what.

    Parameters
    ----------
    lacking
        :func:`analysis.renovation.compounds_lacking` (``compound_id``, ``name_zh``,
        ``unit_id``, ``lacks``).

    Returns
    -------
    pandas.DataFrame
        ``name_zh``, ``unit_id`` and ``lacks`` (the bodies it lacks, in the edition's
        words), in the order of ``lacking``; ``attrs`` as ``lacking``'s.

    Raises
    ------
    KeyError
        If ``lacking`` lacks a column named above.
    """
    require_columns(lacking, ("compound_id", "name_zh", "unit_id", "lacks"), "lacking")
    first = lacking.drop_duplicates("compound_id").set_index("compound_id")
    out = first[["name_zh", "unit_id"]].copy()
    words = (
        lacking["lacks"]
        .astype(str)
        .map(lambda b: _BODY_WORDS.text(b, lang) if b in _BODY_WORDS else b)
    )
    what = words.groupby(lacking["compound_id"], sort=False).agg(lambda s: listing(list(s), lang))
    out["lacks"] = what.reindex(out.index).to_numpy()
    out = out.reset_index(drop=True)
    out.attrs = dict(lacking.attrs)
    return out


def lacking_counts(lacking: pd.DataFrame) -> pd.DataFrame:
    """Compounds lacking each kind of body, per unit (units with none left out).

    Returns
    -------
    pandas.DataFrame
        ``unit_id`` and one column per body of :data:`BODIES` (counts of compounds);
        ``attrs`` as ``lacking``'s.

    Raises
    ------
    KeyError
        If ``lacking`` lacks ``unit_id`` or ``lacks``.
    """
    require_columns(lacking, ("unit_id", "lacks"), "lacking")
    counts = pd.crosstab(lacking["unit_id"].astype(str), lacking["lacks"].astype(str))
    counts = counts.reindex(columns=list(BODIES), fill_value=0)
    ranks = unit_rank(counts.index)
    counts = counts.loc[sorted(counts.index, key=ranks.__getitem__)]
    out = counts.rename_axis(index="unit_id", columns=None).reset_index()
    out.attrs = dict(lacking.attrs)
    return out
