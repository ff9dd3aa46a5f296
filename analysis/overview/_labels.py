"""What each published figure measures, in a few words: the name a reader sees instead of its id.

Figure ids (``zxl-cadres``, ``hb-suggestions``) are keys for code and for the CSV, not words
for a reader: charts, tables and findings name a figure by :func:`figure_label`. The labels
hold no digit, so a sentence that names a figure prints only the numbers it computes. A
figure this catalogue does not know (a researcher's own row in ``figures.csv``) is named by
its English description in the English edition when the frame has one, else by its id.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.config import resolve_lang
from analysis.presentation.text import Catalogue

FIGURES = Catalogue(
    __name__,
    {
        "zxl-cadres": ("包楼院的机关党员干部", "Cadres assigned to compounds"),
        "zxl-cadre-days-per-week": ("干部每周在楼院的时间", "Cadre time in compounds per week"),
        "zxl-evaluation-interval": ("现场观摩讲评会的间隔", "Interval between peer evaluations"),
        "zxl-compounds": ("中心路街道的无主管楼院", "Unmanaged compounds in Zhongxinlu"),
        "zxl-temp-party-orgs": ("临时党组织", "Temporary party organisations"),
        "zxl-volunteer-groups": ("志愿服务队和群众性组织", "Volunteer groups"),
        "zxl-self-mgmt-committees": ("自管会", "Self-management committees"),
        "zxl-owners-committees": ("业委会", "Owners' committees"),
        "zxl-party-org-coverage": ("楼院党组织覆盖率", "Party organisation coverage"),
        "zxl-resident-body-coverage": ("楼院居民自治组织覆盖率", "Resident body coverage"),
        "ldj-built-year": ("劳动局家属院的建成年份", "Labour Bureau compound: year built"),
        "ldj-tasks": ("劳动局家属院的改造任务", "Labour Bureau compound: renovation tasks"),
        "zxl-consultations": ("居民议事活动", "Resident consultations"),
        "zxl-households-surveyed": ("需求调查覆盖的户数", "Households surveyed"),
        "zxl-survey-suggestions": ("需求调查收集的意见建议", "Suggestions from the survey"),
        "zxl-pilot-compounds": ("物业管理试点楼院", "Property-management pilot compounds"),
        "hb-suggestions": ("住建局分包楼院的意见建议", "Housing bureau: suggestions"),
        "hb-problems-solved": ("住建局解决的问题", "Housing bureau: problems solved"),
        "hb-compounds": ("住建局分包的楼院", "Housing bureau: partner compounds"),
        "hb-cadre-participation": ("住建局干部参与活动", "Housing bureau: cadre participation"),
        "loans-publicity-communities": ("贷款政策宣传的社区", "Communities reached by publicity"),
        "loans-count": ("创业担保贷款笔数", "Guarantee loans issued"),
        "loans-amount": ("创业担保贷款金额", "Guarantee loan amount"),
        "xw-cleaning-frequency": ("峡窝镇“全城清洁”的频次", "Xiawo: town-wide cleaning"),
        "xw-health-publicity-interval": (
            "峡窝镇健康宣传的间隔",
            "Xiawo: health publicity interval",
        ),
        "cdi-canteens-inspected": ("纪委监委检查的机关食堂", "Canteens inspected for food waste"),
        "cdi-suggestions": ("纪委监委对食堂提出的意见建议", "Suggestions to canteen units"),
        "six-small-joint-inspection": ("“六小”联合检查的日期", "Joint six-small inspection: date"),
        "psb-speech-event": ("公安局演讲活动的日期", "Police speech event: date"),
        "shezhi-party-day": ("社治工委主题党日的日期", "Themed party day: date"),
        "hrss-salary-promotions": ("年度薪级晋升涉及人数", "Staff in the annual salary promotion"),
        "dehong-launch": ("教育广场启动仪式的日期", "Education plaza launch: date"),
        "reg-approved": ("党内法规审议批准的日期", "Party regulation approved: date"),
        "reg-published": ("党内法规发布的日期", "Party regulation issued: date"),
    },
)


def figure_label(
    figure_id: object, lang: str | None = None, described: Mapping[str, str] | None = None
) -> str:
    """A figure's name for readers (``包楼院的机关党员干部`` / ``Cadres assigned to compounds``).

    Parameters
    ----------
    figure_id
        The id of a published figure.
    described
        ``figure_id -> description_en`` for figures the catalogue lacks (English only).

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    lang = resolve_lang(lang)
    key = str(figure_id)
    if key in FIGURES:
        return FIGURES.text(key, lang)
    if lang == "en" and described and described.get(key):
        return str(described[key])
    return key


def figure_labels(
    ids: pd.Series | list[object], lang: str | None = None, frame: pd.DataFrame | None = None
) -> list[str]:
    """:func:`figure_label` of each id; ``frame`` may lend its ``description_en`` column.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    described: dict[str, str] = {}
    if frame is not None and {"figure_id", "description_en"} <= set(frame.columns):
        described = {
            str(k): str(v)
            for k, v in zip(frame["figure_id"], frame["description_en"], strict=True)
            if isinstance(v, str)
        }
    return [figure_label(i, lang, described) for i in ids]
