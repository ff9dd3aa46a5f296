"""Words in table cells, in both editions, that no reference table translates.

:data:`VALUES` holds the words found in table cells that are neither vocabulary categories
(``data/reference/vocabulary.csv`` translates those) nor names: reconciliation statuses,
funnel stages, units of measure of the published figures, the bodies the page names. A key
``column=value`` applies to that column only and wins over a plain ``value``.
"""

from __future__ import annotations

from analysis.config import resolve_lang
from analysis.presentation.text import Catalogue

VALUES = Catalogue(
    __name__,
    {
        "合计": ("合计", "total"),
        "总计": ("总计", "total"),
        "全部": ("全部", "all"),
        "all": ("全部", "all"),
        "overall": ("总体", "overall"),
        # reconciliation statuses (analysis.rules.reconciliation)
        "match": ("相符", "match"),
        "mismatch": ("不符", "mismatch"),
        "not computable from records": ("无法由记录计算", "not computable from records"),
        "match (by construction)": ("相符（按构造）", "match (by construction)"),
        "contradictory wording": ("版面措辞自相矛盾", "contradictory wording"),
        # task statuses and timing classes
        "status=closed": ("已销号", "closed"),
        "status=open": ("未销号", "open"),
        "status=overdue": ("逾期", "overdue"),
        # funnel stages
        "stage=consultations": ("议事活动", "consultations"),
        "stage=suggestions": ("意见建议", "suggestions"),
        "stage=adopted": ("采纳", "adopted"),
        "stage=resolved": ("解决问题", "problems resolved"),
        # data layers and origins
        "published": ("公开来源", "published"),
        "reference": ("参考表", "reference"),
        "synthetic": ("合成记录", "synthetic"),
        "imported": ("导入的台账", "imported"),
        # loans
        "individual_2018": ("个人（2018年起的额度）", "individual (2018 cap)"),
        "individual_2020": ("个人（2020年起的额度）", "individual (2020 cap)"),
        "small_business": ("小微企业", "small business"),
        "level=loans": ("按贷款", "across loans"),
        "level=communities": ("按社区", "across communities"),
        # inspections: time since the last visit
        "≤30天": ("≤30天", "≤30 days"),
        "31–90天": ("31–90天", "31–90 days"),
        ">90天": (">90天", ">90 days"),
        "未检查过": ("未检查过", "never inspected"),
        # units of measure of the published figures
        "个": ("个", "count"),
        "人": ("人", "people"),
        "人次": ("人次", "person-times"),
        "元": ("元", "yuan"),
        "天/周": ("天/周", "days a week"),
        "家": ("家", "premises"),
        "年": ("年", "year"),
        "户": ("户", "households"),
        "支": ("支", "teams"),
        "日期": ("日期", "date"),
        "月": ("月", "months"),
        "条": ("条", "items"),
        "次": ("次", "times"),
        "次/周": ("次/周", "times a week"),
        "笔": ("笔", "loans"),
        "项": ("项", "tasks"),
        # bodies the page names (subjects of published figures, partner units)
        "区住建局(交通)局": (
            "区住建局(交通)局",
            "District Housing and Construction (Transport) Bureau",
        ),
        "区人社局": ("区人社局", "District Human Resources and Social Security Bureau"),
        "区公安局": ("区公安局", "District Public Security Bureau"),
        "区检察院": ("区检察院", "District Procuratorate"),
        "区委社治工委支部": (
            "区委社治工委支部",
            "Party branch of the District Social Governance Work Committee",
        ),
        "劳动局家属院": ("劳动局家属院", "Labour Bureau staff compound"),
        "德鸿置业·赛德教育广场": (
            "德鸿置业·赛德教育广场",
            "Dehong Real Estate · Saide Education Plaza",
        ),
        "中共中央政治局常委会会议": (
            "中共中央政治局常委会会议",
            "Meeting of the CPC Politburo Standing Committee",
        ),
        "中共中央办公厅": ("中共中央办公厅", "General Office of the CPC Central Committee"),
        # booleans
        "True": ("是", "yes"),
        "False": ("否", "no"),
    },
)


def value_label(value: str, column: object = None, lang: str | None = None) -> str | None:
    """A table word in the edition (``column=value`` first, then ``value``); None if unknown.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    for key in (f"{column}={value}", value):
        if key in VALUES:
            return VALUES.text(key, lang)
    return None
