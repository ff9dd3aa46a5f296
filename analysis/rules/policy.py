"""Policy constants the synthetic data must respect, each with its source.

These are national rules for entrepreneurship guarantee loans (创业担保贷款), not figures
from the seed page. They bound the synthetic loan records (:mod:`analysis.synth.loans`)
and the plausibility tests; a notebook can cite them when it discusses loan sizes.

Sources (verify against the official texts before citing them in a publication; the
values below were taken from press reports of the notices, not from the gazette):

- 财政部 人力资源社会保障部 人民银行《关于进一步加大创业担保贷款贴息力度全力支持重点群体
  创业就业的通知》(财金〔2020〕21号), issued 15 April 2020: individual borrowers up to
  200,000 yuan (raised from 150,000), small and micro businesses up to 3,000,000 yuan.
  It raised the amounts, not the longest terms: its "延长贷款期限" concerns extensions
  (展期, in principle at most one year) for borrowers hit by the epidemic, which are not
  new loans (verify).
- 财政部 人力资源社会保障部 人民银行《关于进一步做好创业担保贷款财政贴息工作的通知》
  (财金〔2018〕22号): the earlier individual cap of 150,000 yuan, which applied to loans
  issued before the 2020 notice. It did not change the longest terms (verify).
- Longest terms, in force throughout 2019–2020: 3 years for an individual, 2 years for a
  small or micro business, set when the guarantee-loan subsidy was folded into
  财政部《普惠金融发展专项资金管理办法》(财金〔2016〕85号; revised as 财金〔2019〕96号),
  whose interest subsidy for individuals runs over three years (full, 2/3, 1/3). Local
  reports of early 2020, before 财金〔2020〕21号, give "个人…15万元, 期限不超过3年; 小微企业…
  300万元, 期限不超过2年" (verify against the gazetted texts).
"""

from __future__ import annotations

from datetime import date, datetime

#: Notice that set the caps used for loans issued on or after its date.
LOAN_POLICY_SOURCE = (
    "财政部 人力资源社会保障部 人民银行《关于进一步加大创业担保贷款贴息力度全力支持重点群体"
    "创业就业的通知》(财金〔2020〕21号)"
)
#: Notice in force before it (individual cap only differs).
LOAN_POLICY_SOURCE_2018 = (
    "财政部 人力资源社会保障部 人民银行《关于进一步做好创业担保贷款财政贴息工作的通知》"
    "(财金〔2018〕22号)"
)
#: Date 财金〔2020〕21号 was issued (reported by Xinhua on 17 April 2020 as "15日印发").
LOAN_POLICY_2020_ISSUED: date = date(2020, 4, 15)

#: Maximum loan to an individual borrower, yuan (财金〔2020〕21号).
INDIVIDUAL_LOAN_CAP_YUAN: int = 200_000
#: Maximum loan to an individual borrower before 财金〔2020〕21号, yuan (财金〔2018〕22号).
INDIVIDUAL_LOAN_CAP_2018_YUAN: int = 150_000
#: Maximum loan to a small or micro business, yuan (财金〔2020〕21号 and 财金〔2018〕22号).
SMALL_BUSINESS_LOAN_CAP_YUAN: int = 3_000_000
#: Notice that set the longest terms (财金〔2016〕85号, kept by its 2019 revision).
LOAN_TERM_SOURCE = "财政部《普惠金融发展专项资金管理办法》(财金〔2016〕85号; 财金〔2019〕96号)"
#: Longest term for an individual borrower, months (3 years; 财金〔2016〕85号, unchanged by
#: 财金〔2018〕22号 and 财金〔2020〕21号 — verify).
INDIVIDUAL_MAX_TERM_MONTHS: int = 36
#: Longest term for an individual borrower before 财金〔2020〕21号, months (3 years, the
#: same limit; kept separate so a correction to either period is a one-line change — verify).
INDIVIDUAL_MAX_TERM_2018_MONTHS: int = 36
#: Longest term for a small or micro business, months (2 years; same sources, both periods).
SMALL_BUSINESS_MAX_TERM_MONTHS: int = 24

#: The borrower category that is a business, not a person (vocabulary domain borrower_category).
SMALL_BUSINESS_CATEGORY = "小微企业"


def individual_loan_cap(issued_on: date) -> int:
    """Return the individual-borrower cap in force on ``issued_on``, in yuan.

    Parameters
    ----------
    issued_on
        Date the loan was issued.

    Returns
    -------
    int
        :data:`INDIVIDUAL_LOAN_CAP_YUAN` from :data:`LOAN_POLICY_2020_ISSUED` on,
        :data:`INDIVIDUAL_LOAN_CAP_2018_YUAN` before it.
    """
    if issued_on >= LOAN_POLICY_2020_ISSUED:
        return INDIVIDUAL_LOAN_CAP_YUAN
    return INDIVIDUAL_LOAN_CAP_2018_YUAN


def max_term_months(issued_on: date, business: bool = False) -> int:
    """Return the longest term in force on ``issued_on``, in months.

    Parameters
    ----------
    issued_on
        Date the loan was issued.
    business
        True for a small or micro business, False for an individual borrower.

    Returns
    -------
    int
        :data:`SMALL_BUSINESS_MAX_TERM_MONTHS` for a business; for an individual,
        :data:`INDIVIDUAL_MAX_TERM_MONTHS` from :data:`LOAN_POLICY_2020_ISSUED` on and
        :data:`INDIVIDUAL_MAX_TERM_2018_MONTHS` before it.

    Raises
    ------
    TypeError
        If ``issued_on`` is not a date (a pandas Timestamp is one).
    """
    if not isinstance(issued_on, date):
        raise TypeError(f"issued_on must be a date, not {type(issued_on).__name__}")
    if isinstance(issued_on, datetime):  # pandas Timestamps do not compare with dates
        issued_on = issued_on.date()
    if business:
        return SMALL_BUSINESS_MAX_TERM_MONTHS
    if issued_on >= LOAN_POLICY_2020_ISSUED:
        return INDIVIDUAL_MAX_TERM_MONTHS
    return INDIVIDUAL_MAX_TERM_2018_MONTHS
