"""Table headers and table words in both editions: what a column or a cell is called.

:data:`COLUMNS` maps a column name as the analysis writes it (``amount_yuan``) to its header
(``金额（元）`` / ``Amount (yuan)``), with the unit of measure in brackets. Every column a
notebook shows has an entry (``tests/test_tables_display.py`` checks the committed
notebooks); a column without one is shown with a humanised name (:func:`column_label`).

:data:`VALUES` holds the words found in table cells that are neither vocabulary categories
(``data/reference/vocabulary.csv`` translates those) nor names: reconciliation statuses,
funnel stages, units of measure of the published figures, the bodies the page names. A key
``column=value`` applies to that column only and wins over a plain ``value``.
"""

from __future__ import annotations

import re

from analysis.config import resolve_lang
from analysis.presentation.text import Catalogue

COLUMNS = Catalogue(
    __name__,
    {
        # --- places, ids and names
        "unit_id": ("街道（镇）", "Subdistrict / town"),
        "unit": ("街道（镇）", "Subdistrict / town"),
        "parent_id": ("上级单位", "Parent unit"),
        "community_id": ("社区编号", "Community ID"),
        "compound_id": ("楼院编号", "Compound ID"),
        "premises_id": ("场所编号", "Premises ID"),
        "inspection_id": ("检查编号", "Inspection ID"),
        "previous_inspection_id": ("前次检查编号", "Previous inspection ID"),
        "task_id": ("任务编号", "Task ID"),
        "loan_id": ("贷款编号", "Loan ID"),
        "consultation_id": ("活动编号", "Activity ID"),
        "party_org_id": ("党组织编号", "Party organisation ID"),
        "figure_id": ("数字编号", "Figure ID"),
        "name": ("名称", "Name"),
        "name_zh": ("名称", "Name"),
        "name_en": ("英文名称", "English name"),
        "kind": ("类型", "Kind"),
        "sort_order": ("排序", "Order"),
        "named_in_source": ("版面提到", "Named on the page"),
        # --- compounds and governance
        "compounds": ("楼院（个）", "Compounds"),
        "built_year": ("建成年份", "Year built"),
        "households": ("户数（户）", "Households"),
        "party_org": ("党组织", "Party organisation"),
        "party_org_mode": ("党组织组建方式", "Party organisation set up"),
        "party_orgs": ("党组织（个）", "Party organisations"),
        "party_org_pct": ("有党组织的占比", "With a party organisation (%)"),
        "with_party_org": ("有党组织的楼院（个）", "Compounds with a party organisation"),
        "resident_body": ("居民自治组织", "Resident body"),
        "with_resident_body": ("有居民自治组织的楼院（个）", "Compounds with a resident body"),
        "resident_body_pct": ("有居民自治组织的占比", "With a resident body (%)"),
        "volunteer_groups": ("志愿服务队（支）", "Volunteer groups"),
        "partner_unit": ("联建单位", "Partner unit"),
        "property_pilot": ("物业试点", "Property-management pilot"),
        "pilots": ("试点楼院（个）", "Pilot compounds"),
        "lacking_any": ("缺党组织或自治组织（个）", "Lacking either body"),
        "lacks": ("缺少", "Lacking"),
        # --- renovation tasks
        "tasks": ("任务（项）", "Tasks"),
        "closed": ("已销号", "Closed"),
        "open": ("未销号、未逾期", "Open, not overdue"),
        "overdue": ("逾期", "Overdue"),
        "closed_pct": ("已销号占比", "Closed (%)"),
        "median_compound_pct": ("楼院销号率中位数", "Median compound closed (%)"),
        "category": ("类别", "Category"),
        "categories": ("类别", "Categories"),
        "raised_by": ("提出方", "Raised by"),
        "opened_on": ("立项日期", "Opened on"),
        "planned_on": ("计划完成日期", "Planned by"),
        "closed_on": ("销号日期", "Closed on"),
        "status": ("状态", "Status"),
        "days": ("天数（天）", "Days"),
        "slip_days": ("超出计划（天）", "Days past plan"),
        "on_time": ("按期销号（项）", "Closed on time"),
        "late": ("逾期后销号（项）", "Closed late"),
        "not_due": ("未到期（项）", "Not yet due"),
        "on_time_pct": ("按期销号占比", "Closed on time (%)"),
        "median_late_days": ("逾期天数中位数（天）", "Median days late"),
        "days_overdue": ("已逾期（天）", "Days overdue"),
        "goal": ("目标", "Goal"),
        "goal_zh": ("目标", "Goal"),
        "goal_en": ("目标（英文）", "Goal"),
        # --- time to close, survival and tests
        "group": ("分组", "Group"),
        "n": ("数量", "Count"),
        "events": ("已完成（件）", "Completed"),
        "censored": ("截至统计日未完成（件）", "Still open (censored)"),
        "median_days": ("中位天数（天）", "Median days"),
        "median_closed_only": ("只算已完成的中位天数（天）", "Median days, closed only"),
        "by": ("分组依据", "Grouped by"),
        "groups": ("组数", "Groups"),
        "statistic": ("检验统计量", "Test statistic"),
        "df": ("自由度", "Degrees of freedom"),
        "p_value": ("p 值", "p-value"),
        # --- consultations, evaluations
        "format": ("形式", "Format"),
        "held_on": ("举办日期", "Held on"),
        "participants": ("参与人数（人）", "Participants"),
        "cadre_participants": ("参与干部（人）", "Cadres taking part"),
        "suggestions": ("意见建议（条）", "Suggestions"),
        "adopted": ("采纳（条）", "Adopted"),
        "resolved": ("解决问题（个）", "Problems resolved"),
        "stage": ("环节", "Stage"),
        "pct_of_suggestions": ("占意见建议的比例", "Of suggestions (%)"),
        "round": ("轮次", "Round"),
        "round_no": ("轮次", "Round"),
        "raters": ("评分人数（人）", "Raters"),
        "score": ("得分", "Score"),
        "score_from": ("上一轮得分", "Score before"),
        "score_to": ("本轮得分", "Score after"),
        "change": ("得分变化", "Change in score"),
        "rank_from": ("上一轮名次", "Rank before"),
        "rank_to": ("本轮名次", "Rank after"),
        "rank_change": ("名次变化（正数为上升）", "Places climbed"),
        # --- loans
        "loans": ("贷款（笔）", "Loans"),
        "amount_yuan": ("金额（元）", "Amount (yuan)"),
        "mean_yuan": ("平均金额（元）", "Mean amount (yuan)"),
        "median_yuan": ("金额中位数（元）", "Median amount (yuan)"),
        "min_yuan": ("最小金额（元）", "Smallest (yuan)"),
        "max_yuan": ("最大金额（元）", "Largest (yuan)"),
        "mean_amount_yuan": ("平均每笔（元）", "Mean per loan (yuan)"),
        "loan_share": ("笔数占比", "Share of loans"),
        "amount_share": ("金额占比", "Share of amount"),
        "communities": ("社区（个）", "Communities"),
        "communities_with_loans": ("有贷款的社区（个）", "Communities with loans"),
        "borrower_category": ("人员类别", "Borrower category"),
        "borrower_type": ("借款人类型", "Borrower type"),
        "cap_yuan": ("额度上限（元）", "Cap (yuan)"),
        "at_cap": ("等于上限（笔）", "At the cap"),
        "above_cap": ("超过上限（笔）", "Above the cap"),
        "sector": ("行业", "Sector"),
        "gender": ("性别", "Gender"),
        "issued_on": ("放款日期", "Issued on"),
        "term_months": ("期限（月）", "Term (months)"),
        "jobs_created": ("带动就业（人）", "Jobs created"),
        "jobs_recorded": ("记录了就业人数的贷款（笔）", "Loans recording jobs"),
        "jobs": ("带动就业（人）", "Jobs"),
        "jobs_per_loan": ("每笔带动就业（人）", "Jobs per loan"),
        "jobs_per_100k_yuan": ("每10万元带动就业（人）", "Jobs per 100,000 yuan"),
        "overdue_share": ("逾期占比", "Share overdue"),
        "overdue_share_outstanding": ("未结清贷款中逾期占比", "Share overdue of outstanding"),
        "level": ("层级", "Level"),
        "gini": ("基尼系数", "Gini coefficient"),
        "top_share": ("最大的一成所占金额份额", "Amount share of the largest tenth"),
        # --- inspections
        "premises": ("场所（家）", "Premises"),
        "premises_type": ("场所类型", "Premises type"),
        "agency": ("检查部门", "Agency"),
        "campaign": ("检查行动", "Campaign"),
        "visit_kind": ("检查类型", "Visit kind"),
        "inspected_on": ("检查日期", "Inspected on"),
        "item": ("检查项目", "Check item"),
        "item_licence": ("资质", "Licences"),
        "item_rules": ("制度", "Rules"),
        "item_hygiene": ("场所卫生", "Premises hygiene"),
        "item_health_cert": ("健康证", "Health certificates"),
        "item_scan_temp": ("扫码及测体温", "Code scan and temperature"),
        "outcome": ("检查结果", "Outcome"),
        "rectify_by": ("整改期限", "Rectify by"),
        "rectified_on": ("整改完成日期", "Rectified on"),
        "checked": ("检查（次）", "Checked"),
        "passed": ("合格（次）", "Passed"),
        "failed": ("不合格（次）", "Failed"),
        "not_applicable": ("不适用（次）", "Not applicable"),
        "pass_rate_pct": ("合格率", "Pass rate (%)"),
        "visits": ("检查（次）", "Visits"),
        "ordered": ("责令整改（次）", "Rectification ordered"),
        "fail_rate_pct": ("责令整改比例", "Rectification ordered (%)"),
        "period": ("月份", "Month"),
        "due": ("已到整改期限（件）", "Past deadline"),
        "by_deadline": ("按期整改（件）", "Rectified by deadline"),
        "by_deadline_pct": ("按期整改比例", "Rectified by deadline (%)"),
        "reinspections": ("复查（次）", "Re-inspections"),
        "after_deadline": ("超期复查（次）", "After the deadline"),
        "failures": ("不合格（次）", "Failures"),
        "not_fixed": ("未整改好（次）", "Not fixed"),
        "relapses": ("反复（次）", "Relapses"),
        "first_failed": ("首次不合格", "First failed"),
        "last_failed": ("最近不合格", "Last failed"),
        "factor": ("因素", "Factor"),
        "multiplier": ("风险倍数", "Multiplier"),
        "last_visit": ("最近检查日期", "Last visit"),
        "days_since_last": ("距上次检查（天）", "Days since last visit"),
        "prior_failures": ("此前不合格（次）", "Prior failures"),
        "since_last": ("距上次检查", "Time since last visit"),
        "canteens": ("食堂（家）", "Canteens"),
        "cutoff": ("分界日期", "Cut-off date"),
        "failing": ("不合格场所（家）", "Failing premises"),
        "visited_pct": ("检查的场所占比", "Premises visited (%)"),
        "found_pct": ("发现的不合格场所占比", "Failing premises found (%)"),
        "random_pct": ("随机检查可发现的占比", "Found at random (%)"),
        "lift": ("提升倍数", "Lift"),
        "lift_low": ("提升倍数下限", "Lift, lower bound"),
        "lift_high": ("提升倍数上限", "Lift, upper bound"),
        "auc": ("AUC", "AUC"),
        "baseline_lift": ("基准提升倍数", "Baseline lift"),
        "baseline_low": ("基准下限", "Baseline, lower bound"),
        "baseline_high": ("基准上限", "Baseline, upper bound"),
        "gain_low": ("增益下限", "Gain, lower bound"),
        "gain_high": ("增益上限", "Gain, upper bound"),
        "problem": ("问题", "Problem"),
        # --- published figures and reconciliation
        "topic": ("主题", "Topic"),
        "subject_zh": ("主体", "Subject"),
        "metric": ("指标", "Measure"),
        "description_en": ("说明（英文）", "Description"),
        "value": ("数值", "Value"),
        "unit_of_measure": ("单位", "Unit"),
        "qualifier": ("限定词", "Qualifier"),
        "event_date": ("事件日期", "Event date"),
        "as_of_date": ("截至日期", "As of"),
        "date": ("日期", "Date"),
        "quote_zh": ("原文", "Quote (Chinese original)"),
        "article_title": ("文章标题", "Article title"),
        "byline": ("署名", "Byline"),
        "published": ("版面数字", "Published"),
        "computed": ("由记录计算", "Computed"),
        "rule": ("判定规则", "Rule"),
        "computed_from": ("计算方法", "Computed from"),
        "written": ("原文写法", "As written"),
        "reading": ("读法", "Reading"),
        "low": ("下限", "Lower bound"),
        "high": ("上限", "Upper bound"),
        "datasets": ("数据集", "Datasets"),
        "records": ("记录来源", "Records"),
        "matches": ("相符", "Matches"),
        # --- data layers, vocabulary, aliases
        "layer": ("数据层", "Layer"),
        "origin": ("来源", "Origin"),
        "rows": ("行数", "Rows"),
        "title": ("标题", "Title"),
        "domain": ("词表", "Domain"),
        "value_zh": ("中文值", "Chinese value"),
        "label_en": ("英文标签", "English label"),
        "alias": ("别名", "Alias"),
        "column": ("列", "Column"),
        "target": ("对应值", "Maps to"),
        "note": ("备注", "Note"),
        # --- overview (analysis.overview._tables)
        "figure": ("数字", "Figure"),
        "dataset": ("数据集", "Dataset"),
        "lacks_party_org": ("缺党组织的楼院（个）", "Lacking a party organisation"),
        "lacks_resident_body": ("缺居民自治组织的楼院（个）", "Lacking a resident body"),
        "lacks_volunteer_groups": ("缺志愿服务队的楼院（个）", "Lacking a volunteer group"),
        "lacks_any": ("至少缺一类的楼院（个）", "Lacking at least one"),
        # --- inspection page and unit comparisons
        "first_visits": ("初查（次）", "First visits"),
        "ci_low_pct": ("95% 区间下限", "95% interval, low (%)"),
        "ci_high_pct": ("95% 区间上限", "95% interval, high (%)"),
        "rank": ("名次", "Rank"),
        "measure": ("指标", "Measure"),
        "this_unit": ("本街道（镇）", "This unit"),
        "district": ("全区", "District"),
        # --- loans page (tables of analysis.loans.tables)
        "community": ("社区", "Community"),
        # --- words of crosstab margins
        "合计": ("合计", "Total"),
        "全部": ("全部", "All"),
        "总计": ("总计", "Total"),
    },
)

VALUES = Catalogue(
    __name__ + ".values",
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

_SNAKE = re.compile(r"[_\s]+")


def humanise(name: object) -> str:
    """``median_closed_only`` → ``Median closed only``: a header no catalogue knows."""
    text = _SNAKE.sub(" ", str(name)).strip()
    return text[:1].upper() + text[1:] if text else text


def column_label(name: object, lang: str | None = None) -> str:
    """A column's header in the edition: the catalogue's, else the humanised name.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    key = str(name)
    return COLUMNS.text(key, lang) if key in COLUMNS else humanise(key)


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
