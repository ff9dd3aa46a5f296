"""The head of a unit's report: where its records come from (no sentence about the data).

Each section of the unit report computes its own findings in its topic package
(``renovation``/``loans``/``inspections``.findings.for_unit); this is the page-wide note,
chosen by origin, so it disappears for every dataset a researcher has imported.
"""

from __future__ import annotations

from analysis.config import resolve_lang
from analysis.datasets.origin import origin
from analysis.overview._shared import imports
from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, findings
from analysis.presentation.labels import unit_name
from analysis.presentation.text import Catalogue
from analysis.rules.entities import ZXL

WORDS = Catalogue(
    __name__,
    {
        "invented": (
            "版面上的数字是全区或{focus}的合计；{u}的分解数字是编造的：请把图表当作分析方法的"
            "演示，而不是关于本单位的事实。",
            "The page's figures are district or {focus} totals; the breakdown for {u} is "
            "invented: read the charts as a demonstration of the analysis, not as facts about "
            "the unit.",
        )
    },
)
#: The datasets a unit report draws on, in the order of its sections.
UNIT_DATASETS = ("compounds", "renovation_tasks", "loans", "communities", "inspections")


def unit_datasets() -> list[str]:
    """The datasets a unit page draws on now: :data:`UNIT_DATASETS`, less the community list
    when the loans come from an imported ledger and the communities do not.

    Raises
    ------
    KeyError
        If a dataset of :data:`UNIT_DATASETS` is unknown to the schema.
    """
    used = list(UNIT_DATASETS)
    if origin("loans") == "imported" and origin("communities") != "imported":
        # the loans then report over the communities their ledger names, not the shipped list
        # (analysis.loans.community_list): the page uses no synthetic community
        used.remove("communities")
    return used


def unit_page(unit_id: str, lang: str | None = None) -> Findings:
    """The origin note at the head of a unit's report.

    Parameters
    ----------
    unit_id
        The unit of the report (an id the units table lacks is named as it is).

    Raises
    ------
    KeyError
        If a dataset of :data:`UNIT_DATASETS` is unknown to the schema.
    """
    lang = resolve_lang(lang)
    invented = tuple(
        WORDS.text("invented", edition).format(
            u=unit_name(unit_id, edition), focus=unit_name(ZXL, edition)
        )
        for edition in ("zh", "en")
    )
    used = unit_datasets()
    caveats = origin_caveats(used, lang, synthetic=invented)  # type: ignore[arg-type]
    return findings([], caveats, lang, imports=imports(used))
